// Sources and destination of COPY/ADD, in exec or shell form, heredocs counted as sources.
import type { Instruction, Stage, Word } from '../syntax/ast';

export interface CopyArgs {
  sources: Word[];
  dest: Word | undefined;
  heredocSources: number;
}

/** A COPY or ADD (an ONBUILD one too) that reads the build context: not one copying --from a stage or image. */
export function copiesFromContext(instruction: Instruction): boolean {
  const target = instruction.trigger ?? instruction;
  return (target.upper === 'COPY' || target.upper === 'ADD') && !target.flags.some((f) => f.name === 'from');
}

/**
 * Per instruction node, its copy arguments and the words they were taken from. The next version's
 * parse reuses the nodes an edit left whole, their words moved in place, so the answer holds as
 * long as the words are the same list (a dozen rules ask on every edit, for every COPY).
 */
const copyArgsMemo = new WeakMap<Instruction, { words: readonly Word[]; args: CopyArgs }>();

/** The sources and destination of a COPY or ADD (shared: frozen, not to be changed). */
export function copyArgs(instruction: Instruction): CopyArgs {
  const target = instruction.trigger ?? instruction;
  const words = target.exec ? target.exec.items : target.words;
  const memo = copyArgsMemo.get(instruction);
  if (memo?.words === words) return memo.args;
  let args: CopyArgs;
  if (words.length < 2) args = { sources: words.slice(0, Math.max(0, words.length - 1)), dest: undefined, heredocSources: 0 };
  else {
    const heredocSources = target.exec ? 0 : words.filter((w) => /^\d*<<-?/.test(w.raw) && instruction.heredocs.some((h) => h.marker.start === w.span.start)).length;
    args = { sources: words.slice(0, -1), dest: words[words.length - 1], heredocSources };
  }
  Object.freeze(args.sources);
  copyArgsMemo.set(instruction, { words, args: Object.freeze(args) });
  return args;
}

export function isAbsolutePath(path: string, windows: boolean): boolean {
  if (path.startsWith('/') || path.startsWith('$')) return true;
  // C:\app is a Windows path whatever the base image looks like (no Linux path starts so).
  if (/^[A-Za-z]:[\\/]/.test(path)) return true;
  return windows && (/^[A-Za-z]:/.test(path) || path.startsWith('\\'));
}

export function isUrl(source: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(source) || /^git@/.test(source);
}

export const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst)$/i;

/** A literal source path in the context (no variable, wildcard, URL, heredoc or `..`), without a leading / or ./ and trailing slashes; undefined otherwise. */
export function literalSource(raw: string, value: string): string | undefined {
  if (value === '.' || value === './' || isUrl(value) || /[$*?[\\]/.test(value) || /^\d*<</.test(raw)) return undefined;
  // ./frontend/. and a/./b name the same folder as frontend and a/b (round 24); a leading / is the context's root, as BuildKit reads it.
  const path = value.replace(/^\/+/, '').replace(/^(\.\/)+/, '').replace(/\/\.(?=\/|$)/g, '').replace(/\/+$/, '');
  return path === '' || path.split('/').includes('..') ? undefined : path;
}

/** A shell operator or redirection as a word of its own: `||`, `&&`, `;`, `|`, `2>/dev/null`, `>&2`. */
const SHELL_WORD = /^(\|\||&&|;|\||&|\d*(>>?|<)(&\d+|\S*))$/;

/**
 * The first word of a shell-form COPY or ADD that only a shell would read, where none runs: `COPY
 * poetry.lock* ./ 2>/dev/null || true` (round 74, and rounds 39 and 61), written to make the copy
 * optional. Undefined when there is none.
 */
export function shellWordInCopy(i: Instruction): Word | undefined {
  const target = i.trigger ?? i;
  if ((target.upper !== 'COPY' && target.upper !== 'ADD') || target.exec || i.heredocs.length > 0) return undefined;
  // Not the first word: a source named `|` is no operator to anyone.
  return target.words.slice(1).find((w) => w.raw === w.value && SHELL_WORD.test(w.value));
}

/**
 * Where in the build context the file `name` (Gemfile, go.mod) comes from that the stages of
 * `chain` (the stage last, as Analysis.chainOf gives them) copy before `before`: the last COPY that
 * names it (COPY backend/go.mod ./), or else a copy of the whole context (COPY . .), which brings
 * the one at its root. Undefined when nothing copies it.
 */
export function contextFileCopiedBefore(chain: readonly Stage[], before: Instruction, name: string): string | undefined {
  let found: string | undefined;
  for (let k = chain.length - 1; k >= 0; k--) {
    const s = chain[k]!;
    for (const i of s.instructions) {
      if (s.index === before.stage && i.index > before.index) break;
      if (!copiesFromContext(i)) continue;
      for (const w of copyArgs(i).sources) {
        const path = literalSource(w.raw, w.value);
        if (path !== undefined && (path === name || path.endsWith(`/${name}`))) found = path;
        else if (found === undefined && (w.value === '.' || w.value === './')) found = name;
      }
    }
  }
  return found;
}
