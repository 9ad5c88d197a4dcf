// A shell script written over several lines of a folded value, with a comment line in it:
//
//   entrypoint: >
//     sh -c "
//     # Wait for Kafka to be ready
//     cub kafka-ready -b kafka:9092 1 20 &&
//     kafka-topics --create ...
//     "
//
// YAML folds the lines into one, joined by spaces, so the comment no longer ends at its line: it
// runs to the end of the script, and sh runs nothing after the `#` (here nothing at all, and exits
// 0; round 56: topics never created). A literal block (`|`) keeps the lines, and so the comment
// ends where it was written.
import { t } from '../../l10n';
import { entries } from '../model/access';
import { isHeld } from '../model/brokenBlocks';
import { servicesOf, type CheckContext } from './checkContext';
import { commandWords } from './commandOperators';

/** A shell, by its path or name, and its option that takes a script. */
const SHELL = /^(\/(usr\/)?bin\/)?(ba|a|da|z|k)?sh$/;
const SCRIPT_OPTION = /^-[a-z]*c[a-z]*$/;
/** A value longer than this is not read (a command is a few lines). */
const MAX_CHARS = 16_384;

/** The first comment line of a value's source (`#` first on the line) that a line of script follows, and where it starts in the source. */
function swallowingComment(source: string): { comment: string; offset: number } | undefined {
  const lines = source.split('\n');
  let offset = lines[0]!.length + 1;
  for (let k = 1; k < lines.length - 1; offset += lines[k]!.length + 1, k++) {
    const comment = lines[k]!.trim();
    if (!comment.startsWith('#')) continue;
    // A later line with something to run (not blank, not another comment, not only the closing quote).
    if (lines.slice(k + 1).some((l) => /[^\s"']/.test(l) && !l.trim().startsWith('#'))) return { comment, offset: offset + lines[k]!.indexOf('#') };
  }
  return undefined;
}

/**
 * Where a quote that is open at `at` in a shell script began, or -1 when `at` is outside quotes:
 * a `#` inside quotes is no comment to the shell, but to the program the quoted text is given to.
 */
function openQuoteAt(script: string, at: number): number {
  let quote = '';
  let start = -1;
  for (let k = 0; k < at; k++) {
    const ch = script[k];
    if (quote === "'") {
      if (ch === "'") quote = '';
    } else if (ch === '\\') k++;
    else if (quote === '"') {
      if (ch === '"') quote = '';
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      start = k;
    }
  }
  return quote === '' ? -1 : start;
}

/** A program whose script option takes the quoted text that follows, and which reads `#` as a comment. */
const HASH_COMMENT_PROGRAM = /(?:^|[\s;&|(])((?:\/\S*\/)?(?:python[\d.]*|ruby|perl|(?:ba|a|da|z|k)?sh))(?:\s+-\S+)*?\s+-[a-z]*[ce]\s*$/;

export function checkFoldedComments(ctx: CheckContext): void {
  const { file, out } = ctx;
  if (!file.text.includes('#')) return;
  for (const { name, map } of servicesOf(file)) {
    if (!map) continue;
    for (const key of ['command', 'entrypoint'] as const) {
      const entry = entries(file, map).find((e) => e.key === key && !e.mergedFrom);
      const value = entry?.value;
      // A literal block keeps its lines; a one-line value has no comment line.
      if (value?.kind !== 'scalar' || typeof value.value !== 'string' || value.style === 'literal' || value.value.length > MAX_CHARS || isHeld(file, value.start)) continue;
      const source = file.text.slice(value.start, value.end);
      if (!source.includes('\n') || !source.includes('#')) continue;
      const words = commandWords(value.value);
      if (!words || !SHELL.test(words[0]?.text ?? '')) continue;
      const option = words.findIndex((w, k) => k > 0 && SCRIPT_OPTION.test(w.text));
      const script = option > 0 ? words[option + 1]?.text : undefined;
      const found = script !== undefined ? swallowingComment(source) : undefined;
      // Folded: the comment is followed by more of the script on the same line of the value.
      const at = found ? script!.indexOf(found.comment) : -1;
      if (!found || at < 0 || !/^[^\n]*\S/.test(script!.slice(at + found.comment.length))) continue;
      const { comment } = found;
      // Inside quotes the shell reads no comment: the program the quoted script goes to does
      // (round 74: python -c '...' inside sh -c "..."), or, where it is no such program, nobody.
      const quoteStart = openQuoteAt(script!, at);
      const reader = quoteStart < 0 ? words[0]!.text : HASH_COMMENT_PROGRAM.exec(script!.slice(0, quoteStart))?.[1];
      if (reader === undefined) continue;
      out.push({
        rule: 'compose-folded-comment',
        start: value.start + found.offset,
        end: value.start + found.offset + comment.length,
        message: t('The {0} of "{1}" is folded into one line, so the comment "{2}" runs to the end of the script: {3} runs nothing written after it. Write the script as a literal block (|), which keeps its lines, or remove the comment lines.', key, name, comment.length > 60 ? `${comment.slice(0, 57)}…` : comment, reader),
      });
    }
  }
}
