// What a syntax error takes out of the checks. The parser's broken blocks (see parseYaml) are
// unreadable; a service whose aliases point into one reads unreadable data too. Findings inside
// these "held" ranges are dropped, and findings elsewhere that depend on what a broken block
// might have said are held back: a name it may declare, keys a mapping with a broken part may
// hold, ports or container names it may use.
import { entries, resolve, rootMaps } from './access';
import type { ComposeFile } from './composeFile';
import { isSelfContained } from './nodeMemo';
import { walk, type CNode } from './nodes';

export interface Range {
  start: number;
  end: number;
}

const HELD = {};

/** The broken blocks plus the services that read into them through aliases, in document order. */
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
        if (!node || isSelfContained(node) || !readsBroken(file, node)) continue;
        ranges.push({ start: item.keyNode.start, end: node.end });
      }
    }
  }
  ranges.sort((a, b) => a.start - b.start);
  file.memo.set(HELD, ranges);
  return ranges;
}

/** Whether an alias below `node` stands for something inside a broken block, or for an anchor only a broken block has. */
function readsBroken(file: ComposeFile, node: CNode): boolean {
  let found = false;
  walk(node, (n) => {
    if (found) return false;
    if (n.kind !== 'alias') return true;
    const target = resolve(file, n);
    found = target ? insideBroken(file, target.start) : file.broken.some((b) => b.anchors.includes(n.name));
    return false;
  });
  return found;
}

function insideBroken(file: ComposeFile, offset: number): boolean {
  return file.broken.some((b) => b.start <= offset && offset < b.end);
}

/** Whether a finding at `offset` is about text the checks cannot trust. */
export function isHeld(file: ComposeFile, offset: number): boolean {
  if (file.broken.length === 0) return false;
  return heldRanges(file).some((r) => r.start <= offset && offset < r.end);
}

/** Whether part of a node is unreadable (a mapping may then miss keys it really has). */
export function hasBrokenPart(file: ComposeFile, node: { start: number; end: number } | null | undefined): boolean {
  if (!node || file.broken.length === 0) return false;
  return file.broken.some((b) => b.start < node.end && node.start < b.end) || isHeld(file, node.start);
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
