// `KEY=VALUE` items of the list forms of environment, build args and labels, which compose splits
// at the first `=` and takes as written (compose-go types/mapping.go, types/labels.go):
// - `- TZ="Europe/Paris"`: the quotes stay in the value (a shell would remove them, so the habit
//   comes from `docker run -e`), and the container gets a zone name with quotes in it;
// - `- PORT = 8080`: the name ends with a space. compose refuses it for environment and build
//   args ("declared with a trailing space"); a label gets a name nobody reads.
// The fix quotes the whole item when the text needs it, which is what keeps a value's spaces.
// - `- EUREKA_SERVER:http://x`: no "=" at all, so the whole item names a variable to take from the
//   shell and the container gets nothing.
// An extra_hosts item is cut the same way, at "=" or ":", and compose refuses one with neither.
import { t } from '../../l10n';
import { entries, resolve, rootMaps } from '../model/access';
import type { ComposeFile } from '../model/composeFile';
import { NodeMemo } from '../model/nodeMemo';
import type { MapNode } from '../model/nodes';
import { isHeld } from '../model/brokenBlocks';
import type { Problem } from './problems';
import { servicesOf, type CheckContext } from './checkContext';

/** Variables whose program reads shell-like quotes in the value itself (Node, the JDK's launcher). */
const READS_QUOTES = new Set(['NODE_OPTIONS', 'JDK_JAVA_OPTIONS']);
/** Prefixes of variables read as code: pgAdmin evaluates PGADMIN_CONFIG_* as Python, where a string needs its quotes. */
const READ_AS_CODE = /^PGADMIN_CONFIG_/;

const memo = new NodeMemo<Problem>((p, delta) => ({ ...p, start: p.start + delta, end: p.end + delta }));

export function checkKeyValueEntries({ file, out }: CheckContext): void {
  for (const { map } of servicesOf(file)) {
    for (const problem of memo.get(map, () => serviceProblems(file, map))) if (!isHeld(file, problem.start)) out.push(problem);
  }
  // x- fragments that services merge in (<<: *defaults): their lists are checked where they are
  // written, once, however many services take them (round 9: Lemmy's x-lemmy-default).
  for (const root of rootMaps(file)) {
    for (const e of entries(file, root)) {
      if (!e.key.startsWith('x-') || e.value?.kind !== 'map') continue;
      const fragment = e.value;
      for (const problem of memo.get(fragment, () => serviceProblems(file, fragment))) if (!isHeld(file, problem.start)) out.push(problem);
    }
  }
}

function serviceProblems(file: ComposeFile, map: MapNode): Problem[] {
  const found: Problem[] = [];
  const lists: [string, ReturnType<typeof resolve>][] = [];
  let hosts: ReturnType<typeof resolve> = null;
  for (const e of entries(file, map)) {
    if (e.mergedFrom) continue;
    if (e.key === 'environment' || e.key === 'labels') lists.push([e.key, e.value]);
    if (e.key === 'extra_hosts') hosts = e.value;
    if (e.key === 'build' && e.value?.kind === 'map') {
      const args = entries(file, e.value).find((a) => a.key === 'args' && !a.mergedFrom);
      if (args) lists.push(['build.args', args.value]);
    }
  }
  if (hosts?.kind === 'seq') {
    for (const raw of hosts.items) {
      const node = resolve(file, raw);
      if (!raw || node?.kind !== 'scalar' || node.value === null) continue;
      const text = String(node.value);
      // compose-go cuts each item at "=", else at ":" (types/hostList.go NewHostsList).
      if (text.includes('=') || text.includes(':') || text.includes('$')) continue;
      found.push({ rule: 'compose-invalid-value', start: raw.start, end: raw.end, message: t('"{0}" is not a host entry: compose refuses the file ("invalid additional host, missing IP"). Write host:ip or host=ip; a list left under this key by a commented-out key above it belongs to that key.', text) });
    }
  }
  for (const [key, list] of lists) {
    if (list?.kind !== 'seq') continue;
    for (const raw of list.items) {
      const node = resolve(file, raw);
      if (!raw || raw !== node || node.kind !== 'scalar' || typeof node.value !== 'string') continue;
      const problem = entryProblem(key, node.value, node.style === 'plain');
      if (problem) found.push({ rule: 'compose-key-value-entry', start: raw.start, end: raw.end, ...problem });
    }
  }
  return found;
}

function entryProblem(list: string, item: string, plain: boolean): Pick<Problem, 'message' | 'severity' | 'data'> | undefined {
  const cut = item.indexOf('=');
  // `- EUREKA_SERVER:http://registry:8761`, the mapping form's colon in a list item with no "=":
  // compose takes the whole text as the name of a variable to copy from the shell, so the
  // container gets nothing (round 19: five services of one file).
  if (cut < 0 && list !== 'labels') {
    const colon = /^([A-Za-z_][A-Za-z0-9_]*):\s*(\S.*)$/.exec(item);
    if (!colon || item.includes('$')) return undefined;
    const fixed = `${colon[1]}=${colon[2]}`;
    return {
      message: t('There is no "=" in "{0}": compose reads the whole item as the name of a variable to take from the shell, so {1} is not set. Write {2}.', item, colon[1]!, fixed),
      data: { replacement: asItem(fixed, plain) },
    };
  }
  if (cut <= 0) return undefined;
  const name = item.slice(0, cut);
  const value = item.slice(cut + 1);
  if (/\s$/.test(name) && name.trim() !== '') {
    const fixed = `${name.trim()}=${value.trimStart()}`;
    const refused = list !== 'labels';
    return {
      message: refused
        ? t('The name "{0}" ends with a space, so compose refuses the file ("declared with a trailing space"). Write {1} with no spaces around "=".', name, fixed)
        : t('The label name "{0}" ends with a space, so nothing that looks for "{1}" finds it. Write {2} with no spaces around "=".', name, name.trim(), fixed),
      ...(refused ? { severity: 'error' as const } : {}),
      data: { replacement: asItem(fixed, plain) },
    };
  }
  const quote = value[0];
  if (READS_QUOTES.has(name) || READ_AS_CODE.test(name)) return undefined;
  if (value.length >= 2 && (quote === '"' || quote === "'") && value.endsWith(quote) && !value.slice(1, -1).includes(quote)) {
    const fixed = `${name}=${value.slice(1, -1)}`;
    return {
      message: t('In the list form compose keeps the quotes: "{0}" gets the value {1}, quotes included. Quote the whole item instead ("{2}"), or drop the quotes.', name, value, fixed),
      data: { replacement: asItem(fixed, plain) },
    };
  }
  return undefined;
}

/** The item as YAML: plain when it was plain and still reads the same, else double-quoted. */
function asItem(text: string, plain: boolean): string {
  const safe = plain && /^[A-Za-z0-9_./+-]/.test(text) && !/: |\s#|:$|\s$|\t|["'{}[\],&*!|>%@`]/.test(text);
  return safe ? text : JSON.stringify(text);
}
