// What a syntax error takes out of the checks. The parser's broken blocks (see parseYaml) are
// unreadable, and so is an alias that stands for something partly unreadable. Findings inside
// these "held" ranges are dropped, and findings elsewhere that depend on what a broken block
// might have said are held back: a name it may declare, keys a mapping with a broken part (or a
// merge of one) may hold, ports or container names it may use.
import { entries, mergeSources, resolve, rootMaps } from './access';
import type { ComposeFile } from './composeFile';
import { isSelfContained } from './nodeMemo';
import { walk, type CNode } from './nodes';

export interface Range {
  start: number;
  end: number;
}

const HELD = {};

/** The broken blocks plus the aliases that stand for something partly unreadable, in document order. */
export function heldRanges(file: ComposeFile): Range[] {
  if (file.broken.length === 0) return [];
  const cached = file.memo.get(HELD) as Range[] | undefined;
  if (cached) return cached;
  const ranges: Range[] = file.broken.map(({ start, end }) => ({ start, end }));
  for (const root of rootMaps(file)) {
    for (const top of entries(file, root)) {
      if (top.value?.kind !== 'map') continue;
      for (const item of entries(file, top.value)) {
        const node = item.raw;
        if (!node || isSelfContained(node)) continue;
        walk(node, (n) => {
          if (n.kind === 'alias' && readsBroken(file, n)) ranges.push({ start: n.start, end: Math.max(n.end, n.start + 1) });
        });
      }
    }
  }
  ranges.sort((a, b) => a.start - b.start);
  file.memo.set(HELD, ranges);
  return ranges;
}

/**
 * Whether an alias stands for a node with an unreadable part (the lines after a node may be the
 * unreadable rest of it), or for an anchor only a broken block has.
 */
function readsBroken(file: ComposeFile, alias: CNode & { kind: 'alias' }): boolean {
  const target = resolve(file, alias);
  if (!target) return file.broken.some((b) => b.anchors.includes(alias.name));
  const lineEnd = file.text.indexOf('\n', target.end);
  const end = lineEnd < 0 ? file.text.length : lineEnd + 1;
  return file.broken.some((b) => b.start <= end && target.start < b.end);
}

/** Whether a finding at `offset` is about text the checks cannot trust. */
export function isHeld(file: ComposeFile, offset: number): boolean {
  if (file.broken.length === 0) return false;
  return heldRanges(file).some((r) => r.start <= offset && offset < r.end);
}

/**
 * Whether part of a mapping is unreadable, so it may really have keys it seems to miss: a broken
 * block inside it, or a `<<` merge of something partly unreadable.
 */
export function hasBrokenPart(file: ComposeFile, node: CNode | null | undefined): boolean {
  if (!node || file.broken.length === 0) return false;
  if (file.broken.some((b) => b.start < node.end && node.start < b.end) || isHeld(file, node.start)) return true;
  if (node.kind !== 'map') return false;
  return mergeSources(node).some(({ value }) => {
    let found = false;
    walk(value, (n) => {
      if (n.kind === 'alias' && readsBroken(file, n)) found = true;
      return !found;
    });
    return found;
  });
}

/**
 * Whether a mapping may really hold one of `keys` where it cannot be read: a broken block inside
 * it writes one of them as a key, or it merges something partly unreadable.
 */
export function mayHoldKey(file: ComposeFile, node: CNode | null | undefined, keys: readonly string[]): boolean {
  if (!hasBrokenPart(file, node) || !node) return false;
  const inside = file.broken.filter((b) => b.start < node.end && node.start < b.end);
  if (inside.length === 0) return true; // a merge of something unreadable: anything may come from it
  return inside.some((b) => keys.some((k) => b.names.includes(k)));
}

/**
 * Whether a broken block may declare `name` under the top-level `section` (services, volumes…):
 * it is that section, an entry of it, or a top-level block whose key cannot be read or is not a
 * section compose knows, and `name` is written in it as a key.
 */
export function mayDeclare(file: ComposeFile, section: string, name: string): boolean {
  return file.broken.some((b) => coversSection(b.path, section) && b.names.includes(name));
}

const KNOWN_TOP_LEVEL = new Set(['version', 'name', 'include', 'services', 'networks', 'volumes', 'secrets', 'configs', 'models']);

function coversSection(path: string[], section: string): boolean {
  if (path.length === 0) return true;
  if (path[0] === section) return path.length <= 2;
  return path.length === 1 && !KNOWN_TOP_LEVEL.has(path[0]!) && !path[0]!.startsWith('x-');
}
