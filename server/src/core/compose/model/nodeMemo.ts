// Results that depend only on one subtree (a service's definition) are kept across versions:
// an edit re-parses one chunk, and every other service keeps its node objects, so what was
// found in them is still true. Offsets are stored relative to the subtree and moved on read,
// since unchanged chunks shift when text before them changes. Subtrees holding aliases or
// merge keys read other parts of the file and are never kept.
import type { CNode } from './nodes';
import { walk } from './nodes';

interface Kept<T> {
  base: number;
  items: T[];
}

const selfContained = new WeakMap<CNode, boolean>();

/** Whether a subtree reads nothing outside itself (no aliases, no `<<` merges). */
export function isSelfContained(node: CNode): boolean {
  let known = selfContained.get(node);
  if (known === undefined) {
    known = true;
    walk(node, (n, isKey) => {
      if (n.kind === 'alias' || (isKey && n.kind === 'scalar' && n.value === '<<')) known = false;
      return known;
    });
    selfContained.set(node, known);
  }
  return known;
}

/** A store for one kind of result; items are anything with document offsets. */
export class NodeMemo<T extends { start: number; end: number }> {
  private readonly kept = new WeakMap<CNode, Kept<T>>();

  constructor(private readonly move: (item: T, delta: number) => T = (item, delta) => ({ ...item, start: item.start + delta, end: item.end + delta })) {}

  get(node: CNode, compute: () => T[]): T[] {
    const kept = this.kept.get(node);
    if (kept) {
      const delta = node.start - kept.base;
      return delta === 0 ? kept.items : kept.items.map((item) => this.move(item, delta));
    }
    const items = compute();
    if (isSelfContained(node)) this.kept.set(node, { base: node.start, items });
    return items;
  }
}
