// Which node an offset falls on, with its path from the top of the document (keys and item
// indexes, as written: aliases are not followed, since the text is where the cursor is).
import type { ComposeFile } from './composeFile';
import { keyText, type CNode, type PairNode } from './nodes';
import type { PathSegment } from '../schema/schemaMessages';

export interface Located {
  path: PathSegment[];
  /** The innermost node at the offset (a key node when `onKey`). */
  node: CNode;
  onKey: boolean;
  /** For a key or a pair's value: the pair. */
  pair?: PairNode;
  /** The mappings and sequences enclosing the node, outermost first. */
  parents: CNode[];
}

export function locate(file: ComposeFile, offset: number): Located | undefined {
  for (const doc of file.documents) {
    if (doc.root && within(doc.root, offset)) return descend(doc.root, offset, [], []);
  }
  return undefined;
}

function within(node: CNode, offset: number): boolean {
  return node.start <= offset && offset <= node.end;
}

function descend(node: CNode, offset: number, path: PathSegment[], parents: CNode[]): Located {
  if (node.kind === 'map') {
    const inner = [...parents, node];
    for (const pair of node.pairs) {
      const key = keyText(pair) ?? '';
      if (pair.key && within(pair.key, offset)) return { path: [...path, key], node: pair.key, onKey: true, pair, parents: inner };
      if (pair.value && within(pair.value, offset) && !(pair.value.start === pair.value.end && pair.value.start !== offset)) {
        const found = descend(pair.value, offset, [...path, key], inner);
        return found.pair || found.node !== pair.value ? found : { ...found, pair };
      }
    }
  } else if (node.kind === 'seq') {
    const inner = [...parents, node];
    for (let i = 0; i < node.items.length; i++) {
      const item = node.items[i];
      if (item && within(item, offset)) return descend(item, offset, [...path, i], inner);
    }
  }
  return { path, node, onKey: false, parents };
}
