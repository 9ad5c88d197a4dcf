// What a syntax error takes out of the checks. The parser's broken blocks (see parseYaml) are
// unreadable, and so is an alias that stands for something partly unreadable. Findings inside
// these "held" ranges are dropped, and findings elsewhere that depend on what a broken block
// might have said are held back: a name it may declare, keys a mapping with a broken part (or a
// merge of one) may hold, ports or container names it may use. Lookups are indexed (sorted
// disjoint ranges, name sets), since a badly broken file may have thousands of blocks.
import { entries, mergeSources, resolve, rootMaps } from './access';
import type { ComposeFile } from './composeFile';
import { isSelfContained } from './nodeMemo';
import { walk, type CNode } from './nodes';
import type { BrokenBlock } from './parseYaml';

export interface Range {
  start: number;
  end: number;
}

interface Index {
  /** Broken blocks and held aliases, merged into disjoint ranges in document order. */
  held: Range[];
  /** Per top-level section (or "*" for any): the names broken blocks may declare there. */
  names: Map<string, Set<string>>;
  anchors: Set<string>;
}

const INDEX = {};

function indexOf(file: ComposeFile): Index {
  const cached = file.memo.get(INDEX) as Index | undefined;
  if (cached) return cached;
  const names = new Map<string, Set<string>>();
  const anchors = new Set<string>();
  for (const block of file.broken) {
    const section = sectionOf(block);
    if (section !== undefined) {
      const set = names.get(section) ?? new Set<string>();
      for (const name of block.names) set.add(name);
      names.set(section, set);
    }
    for (const anchor of block.anchors) anchors.add(anchor);
  }
  const index: Index = { held: [], names, anchors };
  file.memo.set(INDEX, index); // set before the alias walk, which asks about broken blocks
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
  index.held = disjoint(ranges);
  return index;
}

function disjoint(ranges: Range[]): Range[] {
  ranges.sort((a, b) => a.start - b.start);
  const out: Range[] = [];
  for (const range of ranges) {
    const last = out[out.length - 1];
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else out.push({ ...range });
  }
  return out;
}

/** The first range (of disjoint ranges in order) that ends after `offset`, or -1. */
function firstEndingAfter(ranges: readonly Range[], offset: number): number {
  let low = 0;
  let high = ranges.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (ranges[mid]!.end > offset) high = mid;
    else low = mid + 1;
  }
  return low < ranges.length ? low : -1;
}

/** Whether any of the disjoint ranges in order overlaps [start, end). */
function overlaps(ranges: readonly Range[], start: number, end: number): boolean {
  const i = firstEndingAfter(ranges, start);
  return i >= 0 && ranges[i]!.start < Math.max(end, start + 1);
}

/** The broken blocks plus the aliases that stand for something partly unreadable, disjoint and in document order. */
export function heldRanges(file: ComposeFile): Range[] {
  return file.broken.length === 0 ? [] : indexOf(file).held;
}

/**
 * Whether an alias stands for a node with an unreadable part (the lines after a node may be the
 * unreadable rest of it), or for an anchor only a broken block has.
 */
function readsBroken(file: ComposeFile, alias: CNode & { kind: 'alias' }): boolean {
  const target = resolve(file, alias);
  if (!target) return indexOf(file).anchors.has(alias.name);
  const lineEnd = file.text.indexOf('\n', target.end);
  const end = lineEnd < 0 ? file.text.length : lineEnd + 1;
  return overlaps(file.broken, target.start, end + 1);
}

/** Whether a finding at `offset` is about text the checks cannot trust. */
export function isHeld(file: ComposeFile, offset: number): boolean {
  if (file.broken.length === 0) return false;
  return overlaps(indexOf(file).held, offset, offset + 1);
}

/**
 * Whether a finding is about a value that looks empty only because the lines under its key are
 * unreadable: `volumes:` whose items are all broken reads as an empty value, not a list (round 23:
 * efk-docker's `- \`pwd\`/...` items). Its text is blank, and the next line with content is (partly)
 * in a broken block.
 */
export function emptyAboveBroken(file: ComposeFile, finding: Range): boolean {
  if (file.broken.length === 0 || file.text.slice(finding.start, finding.end).trim() !== '') return false;
  const text = file.text;
  let at = Math.max(finding.start, finding.end);
  // The rest of the finding's line, then blank and comment lines (bounded: a few lines at most matter).
  for (let lines = 0; lines < 50; lines++) {
    const lineEnd = text.indexOf('\n', at);
    const line = text.slice(at, lineEnd < 0 ? text.length : lineEnd);
    const rest = line.trim();
    if (rest !== '' && !rest.startsWith('#')) return lines > 0 && overlaps(indexOf(file).held, at, at + line.length);
    if (lineEnd < 0) return false;
    at = lineEnd + 1;
  }
  return false;
}

/**
 * Whether part of a mapping is unreadable, so it may really have keys it seems to miss: a broken
 * block inside it, or a `<<` merge of something partly unreadable.
 */
export function hasBrokenPart(file: ComposeFile, node: CNode | null | undefined): boolean {
  if (!node || file.broken.length === 0) return false;
  if (overlaps(file.broken, node.start, node.end) || isHeld(file, node.start)) return true;
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
  if (!node || !hasBrokenPart(file, node)) return false;
  let i = firstEndingAfter(file.broken, node.start);
  if (i < 0 || file.broken[i]!.start >= node.end) return true; // a merge of something unreadable: anything may come from it
  for (; i < file.broken.length && file.broken[i]!.start < node.end; i++) {
    if (keys.some((k) => file.broken[i]!.names.includes(k))) return true;
  }
  return false;
}

/**
 * Whether a broken block may declare `name` under the top-level `section` (services, volumes…):
 * it is that section, an entry of it, or a top-level block whose key cannot be read or is not a
 * section compose knows, and `name` is written in it as a key.
 */
export function mayDeclare(file: ComposeFile, section: string, name: string): boolean {
  if (file.broken.length === 0) return false;
  const { names } = indexOf(file);
  return Boolean(names.get(section)?.has(name) || names.get('*')?.has(name));
}

const KNOWN_TOP_LEVEL = new Set(['version', 'name', 'include', 'services', 'networks', 'volumes', 'secrets', 'configs', 'models']);

/** The section whose names a block may declare ("*": any), or undefined for none. */
function sectionOf({ path }: BrokenBlock): string | undefined {
  if (path.length === 0) return '*';
  if (KNOWN_TOP_LEVEL.has(path[0]!)) return path.length <= 2 ? path[0] : undefined;
  return path.length === 1 && !path[0]!.startsWith('x-') ? '*' : undefined;
}
