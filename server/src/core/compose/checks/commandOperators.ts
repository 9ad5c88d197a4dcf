// `command: flask db upgrade && flask run`: compose splits a command written as a string into words
// itself (like a shell would, quotes and all) and hands them to the container without a shell, so
// `&&`, `||`, `;`, `|` and redirections are no operators there: they reach the program as
// arguments, and it rejects them or ignores what follows (round 40: a migration that never ran and
// a server that stopped at start). Written as `sh -c "..."`, a shell joins the commands.
import { t } from '../../l10n';
import { entries, resolve } from '../model/access';
import type { ComposeFile } from '../model/composeFile';
import type { CNode } from '../model/nodes';
import { isHeld } from '../model/brokenBlocks';
import { serviceBaseImage } from '../model/serviceBaseImage';
import { servicesOf, type CheckContext } from './checkContext';

/** A shell, by its path or name. */
const SHELL = /^(\/(usr\/)?bin\/)?(ba|a|da|z|k)?sh$/;
/** Words a shell reads as joining commands or redirecting them. */
const OPERATOR = /^(&&|\|\||;|\||&|[12]?>>?\S*|<\S*)$/;
/** A script longer than this is not split (a command is a line or two). */
const MAX_CHARS = 4096;

interface Word { text: string; quoted: boolean }

/** The words compose makes of a command string (shell quoting rules, no expansion), or undefined where its quotes do not close. */
export function commandWords(text: string): Word[] | undefined {
  const words: Word[] = [];
  let current = '';
  let started = false;
  let quoted = false;
  let quote: '"' | "'" | undefined;
  for (let k = 0; k < text.length; k++) {
    const c = text[k]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && k + 1 < text.length) current += text[++k];
      else current += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      quoted = true;
      started = true;
    } else if (c === '\\' && k + 1 < text.length) {
      current += text[++k];
      quoted = true;
      started = true;
    } else if (/\s/.test(c)) {
      if (started) words.push({ text: current, quoted });
      current = '';
      started = false;
      quoted = false;
    } else {
      current += c;
      started = true;
    }
  }
  if (quote) return undefined;
  if (started) words.push({ text: current, quoted });
  return words;
}

/** The program and the operator among its words (an unquoted `&&`, or a word that ends in `;`), where the command does not start a shell. */
function operatorIn(words: readonly Word[]): { program: string; operator: string } | undefined {
  let k = 0;
  while (k < words.length && (words[k]!.text === 'exec' || words[k]!.text === 'env' || /^\w+=/.test(words[k]!.text))) k++;
  const program = words[k]?.text;
  if (!program || SHELL.test(program)) return undefined;
  // find's -exec ends at a ; of its own, which it needs as an argument.
  const find = program.split('/').pop() === 'find';
  for (const w of words.slice(k + 1)) {
    if (w.quoted || (find && w.text === ';')) continue;
    if (OPERATOR.test(w.text)) return { program, operator: w.text };
    if (w.text.length > 1 && w.text.endsWith(';') && !find) return { program, operator: ';' };
  }
  return undefined;
}

/** Whether the entrypoint a command is handed to runs it through a shell itself (`sh -c`, eval). */
function entrypointRunsShell(file: ComposeFile, entrypoint: CNode | null | undefined, dockerfile: string | undefined): boolean {
  const node = resolve(file, entrypoint);
  const own = node?.kind === 'scalar' ? String(node.value ?? '') : node?.kind === 'seq' ? node.items.map((i) => resolve(file, i)).map((i) => (i?.kind === 'scalar' ? String(i.value ?? '') : '')).join(' ') : undefined;
  if (own !== undefined) return /(^|\s|")-\w*c\b|\beval\b/.test(own);
  return dockerfile !== undefined && /^[ \t]*ENTRYPOINT\b.*(\s|")-\w*c\b|^[ \t]*ENTRYPOINT\b.*\beval\b/im.test(dockerfile);
}

export function checkCommandOperators(ctx: CheckContext): void {
  const { file, out } = ctx;
  if (!/&&|\|\||;|\s\|\s|\s>/.test(file.text)) return;
  for (const { name, map } of servicesOf(file)) {
    if (!map) continue;
    const fields = entries(file, map);
    for (const key of ['command', 'entrypoint'] as const) {
      const entry = fields.find((e) => e.key === key && !e.mergedFrom);
      const value = entry?.value;
      if (value?.kind !== 'scalar' || typeof value.value !== 'string' || value.value.length > MAX_CHARS || isHeld(file, value.start)) continue;
      const words = commandWords(value.value);
      const found = words && operatorIn(words);
      if (!found) continue;
      // A command handed to an entrypoint that runs its arguments through a shell is joined there.
      if (key === 'command') {
        const entrypoint = fields.find((e) => e.key === 'entrypoint');
        if (entrypointRunsShell(file, entrypoint?.value, entrypoint ? undefined : serviceBaseImage(file, map, ctx.context)?.dockerfile)) continue;
      }
      const oneLine = !value.value.includes('\n') && (value.style === 'plain' || value.style === 'single' || value.style === 'double');
      const replacement = oneLine ? `["sh", "-c", ${JSON.stringify(value.value.trim())}]` : undefined;
      out.push({
        rule: 'compose-command-operators',
        start: value.start,
        end: value.end,
        message: t('Compose runs the {0} of "{1}" without a shell, so {2} reaches {3} as an argument instead of joining commands: {3} rejects it or ignores what follows. Run it through a shell: ["sh", "-c", "..."].', key, name, found.operator, found.program),
        ...(replacement ? { data: { replacement } } : {}),
      });
    }
  }
}
