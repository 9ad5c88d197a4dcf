// What a check finds in every value of a file (keys are not interpolated), read service by service:
// a service's findings are kept while other services are edited (NodeMemo), so an edit of a large
// file reads one service again and every other part of the file once.
import { entries, rootMaps } from './access';
import type { ComposeFile } from './composeFile';
import type { NodeMemo } from './nodeMemo';
import { walk, type CNode } from './nodes';

/**
 * `found(node)` for every value node of the file, in text order, the services' through `memo`;
 * reading stops once `limit` items are found in one part (a service, or the rest of the file).
 */
export function scanValues<T extends { start: number; end: number }>(file: ComposeFile, memo: NodeMemo<T>, found: (node: CNode) => T[], limit = Infinity): T[] {
  const services = new Set<CNode>();
  for (const root of rootMaps(file)) {
    const map = entries(file, root).find((e) => e.key === 'services')?.value;
    if (map?.kind === 'map') for (const pair of map.pairs) if (pair.value) services.add(pair.value);
  }
  const out: T[] = [];
  let own = 0;
  for (const doc of file.documents) {
    walk(doc.root, (node, isKey) => {
      if (services.has(node)) {
        out.push(...memo.get(node, () => scanPart(node, found, limit)));
        return false;
      }
      if (isKey || own >= limit) return own < limit;
      const items = found(node);
      own += items.length;
      out.push(...items);
      return true;
    });
  }
  return out;
}

function scanPart<T>(root: CNode, found: (node: CNode) => T[], limit: number): T[] {
  const items: T[] = [];
  walk(root, (node, isKey) => {
    if (items.length >= limit) return false;
    if (!isKey) items.push(...found(node));
    return true;
  });
  return items;
}
