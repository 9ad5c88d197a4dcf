// A variable whose name is one slip away from the name the project really sets: compose does not
// complain about an unset variable in the file (it prints a warning at `up` and substitutes an
// empty string, or the default written after `:-`), so `${POSTGRES_PASWORD}` starts the database
// with an empty password. Two signs are trusted, each on its own:
// - the project's `.env` (which compose reads for substitution) does not set the name but sets a
//   near one (see slip: a letter added or dropped inside a word, two swapped, another case);
// - the name is used once in the project's files while a near one is used at least twice.
// Names the shell itself sets (HOME, USER, UID…) are left alone.
import { t } from '../../l10n';
import { projectEnv } from '../model/envFile';
import type { ComposeFile } from '../model/composeFile';
import { scanInterpolation } from '../model/interpolation';
import type { CNode } from '../model/nodes';
import { scanValues } from '../model/valueScan';
import { NodeMemo } from '../model/nodeMemo';
import { projectFiles } from '../model/project';
import { isHeld } from '../model/brokenBlocks';
import type { CheckContext } from './checkContext';

/** A variable's name where it is used (document offsets of the name alone). */
export interface NameUse {
  name: string;
  start: number;
  end: number;
  /** Written with a default (`${A:-x}`, `${A-x}`), so unset is fine there. */
  defaulted: boolean;
  /** Written as required (`${A:?message}`): unset, compose stops with the author's message. */
  required: boolean;
}

/** Uses per parse of a file (a file of the project other than the edited one is parsed once). */
const usesByFile = new WeakMap<ComposeFile, NameUse[]>();

/** At most this many uses are read per file: enough for any real file, bounded for a generated one. */
const MAX_USES = 5000;

/** Names the shell or the system sets, which a project's .env has no reason to hold. */
export const SHELL_NAMES = new Set(['HOME', 'USER', 'USERNAME', 'PWD', 'UID', 'GID', 'HOSTNAME', 'PATH', 'SHELL', 'TERM', 'TZ', 'LANG', 'DISPLAY', 'TMPDIR', 'LOGNAME']);
const SHELL_PREFIX = /^(XDG_|DOCKER_|COMPOSE_|CI_|GITHUB_|RUNNER_|LC_|SSH_)/;

export function checkMisspeltVariables(ctx: CheckContext): void {
  const { file, out } = ctx;
  if (!file.text.includes('$')) return;
  const own = usesOf(file);
  if (own.length === 0) return;
  const env = projectEnv(file.uri, ctx.context, ctx.project().directory).values;
  let counts: Map<string, number> | undefined;
  const verdicts = new Map<string, { near: string; message: string } | null>();
  for (const use of own) {
    if (isHeld(file, use.start)) continue;
    let verdict = verdicts.get(use.name);
    if (verdict === undefined) {
      verdict = judge(use.name, env, () => (counts ??= projectCounts(ctx)));
      verdicts.set(use.name, verdict);
    }
    if (verdict) out.push({ rule: 'compose-misspelt-variable', start: use.start, end: use.end, message: verdict.message, data: { replacement: verdict.near } });
  }
}

/**
 * Whether the words in which a name and a near one differ are both words of other names: READARR
 * in READARR_URL beside READARR_API_KEY, RADARR in RADARR_URL beside RADARR_API_KEY, two services
 * (round 34). A slip is a word of one name only (CLOUDLFARE_EMAIL beside CLOUDFLARE_API_KEY: round 26).
 */
function ownFamily(name: string, near: string, names: Iterable<string>): boolean {
  const words = name.split('_');
  const nearWords = near.split('_');
  if (words.length !== nearWords.length) return false;
  const at = words.findIndex((w, k) => w !== nearWords[k]);
  if (at < 0 || words.some((w, k) => k !== at && w !== nearWords[k])) return false;
  let nameWord = false;
  let nearWord = false;
  for (const other of names) {
    const split = other.split('_');
    if (other !== name && split.includes(words[at]!)) nameWord = true;
    if (other !== near && split.includes(nearWords[at]!)) nearWord = true;
  }
  return nameWord && nearWord;
}

function judge(name: string, env: ReadonlyMap<string, string>, countsOf: () => ReadonlyMap<string, number>): { near: string; message: string } | null {
  if (env.has(name) || SHELL_NAMES.has(name) || SHELL_PREFIX.test(name)) return null;
  for (const candidate of env.keys()) {
    if (slip(name, candidate) && !ownFamily(name, candidate, [...env.keys(), ...countsOf().keys()])) {
      return { near: candidate, message: t('"{0}" is not set in the project\'s .env, which sets "{1}": unless the shell sets "{0}", compose substitutes it as unset here. Did you mean "{1}"?', name, candidate) };
    }
  }
  if (name.length < 6) return null;
  const counts = countsOf();
  if (counts.get(name) !== 1) return null;
  let best: string | undefined;
  for (const [candidate, count] of counts) {
    if (count >= 2 && slip(name, candidate) && (best === undefined || count > counts.get(best)!)) best = candidate;
  }
  return best === undefined || ownFamily(name, best, counts.keys()) ? null : {
    near: best,
    message: t('"{0}" is used only here, while "{1}" is used {2} times in this project: unless both are meant, compose substitutes "{0}" as unset. Did you mean "{1}"?', name, best, String(counts.get(best))),
  };
}

/**
 * Whether `b` is `a` with one slip of the keyboard: the same but for case or `-`/`_`, two letters
 * swapped, or one letter added or dropped inside a word (POSTGRES_PASWORD). A letter at either end
 * of a word is not a slip: HTTP_PORT and HTTPS_PORT, HOST and HOSTS are different names, as are
 * names with one letter changed (API_PORT, APP_PORT) or differing only in digits.
 */
export function slip(a: string, b: string): boolean {
  if (a === b || a.length < 4 || b.length < 4) return false;
  if (a.replace(/[0-9]/g, '') === b.replace(/[0-9]/g, '')) return false;
  const fold = (s: string) => s.toUpperCase().replace(/-/g, '_');
  const x = fold(a);
  const y = fold(b);
  if (x === y) return true;
  if (x.length === y.length) {
    const diff: number[] = [];
    for (let k = 0; k < x.length && diff.length < 3; k++) if (x[k] !== y[k]) diff.push(k);
    return diff.length === 2 && diff[1] === diff[0]! + 1 && x[diff[0]!] === y[diff[1]!] && x[diff[1]!] === y[diff[0]!];
  }
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  if (long.length - short.length !== 1) return false;
  let k = 0;
  while (k < short.length && short[k] === long[k]) k++;
  // The letter at k was added; a doubled letter may have been added at any of its places, and one
  // of them inside the word makes it a slip (IMAGE_TAAG), while HOSTS' S can only end the word.
  let first = k;
  while (first > 0 && long[first - 1] === long[k]) first--;
  let last = k;
  while (last + 1 < long.length && long[last + 1] === long[k]) last++;
  const wordEdge = (at: number) => at === 0 || at === long.length - 1 || long[at - 1] === '_' || long[at + 1] === '_';
  let inside = false;
  for (let at = first; at <= last && !inside; at++) inside = !wordEdge(at);
  if (!inside || long[k] === '_') return false;
  return short.slice(k) === long.slice(k + 1);
}

/** How often each name is used in the project's files (this one, its partners and includes). */
function projectCounts(ctx: CheckContext): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of projectFiles(ctx.project())) for (const use of usesOf(f)) counts.set(use.name, (counts.get(use.name) ?? 0) + 1);
  return counts;
}

/** The variables a file's values use (keys are not interpolated), in text order, at most MAX_USES per part. */
export function usesOf(file: ComposeFile): NameUse[] {
  let uses = usesByFile.get(file);
  if (!uses) usesByFile.set(file, (uses = file.text.includes('$') ? scanValues(file, memo, (node) => scalarUses(file, node), MAX_USES) : []));
  return uses;
}

const memo = new NodeMemo<NameUse>();

function scalarUses(file: ComposeFile, node: CNode): NameUse[] {
  if (node.kind !== 'scalar' || typeof node.value !== 'string') return [];
  const source = file.text.slice(node.start, node.end);
  if (!source.includes('$')) return [];
  return scanInterpolation(source, node.start).uses.map((use) => ({ name: use.name, start: use.nameStart, end: use.nameStart + use.name.length, defaulted: use.operator === ':-' || use.operator === '-', required: use.operator === ':?' || use.operator === '?' }));
}
