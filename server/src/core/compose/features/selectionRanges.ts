// Smart selection: from the word under the cursor out through its value, its key and value,
// and each enclosing block, up to the whole document.
import type { ServiceContext, TextDocumentLike } from '../../languageService';
import type { Position, SelectionRange } from '../../types';
import { composeFileOf } from '../model/documentStore';
import { locate } from '../model/locate';

export function selectionRangesCompose(document: TextDocumentLike, positions: Position[], _context: ServiceContext): SelectionRange[] {
  const file = composeFileOf(document);
  return positions.map((position) => {
    const offset = file.lines.offsetAt(position);
    const spans: [number, number][] = [[0, file.text.length]];
    const located = locate(file, offset);
    if (located) {
      for (const parent of located.parents) spans.push([parent.start, parent.end]);
      if (located.pair?.key) spans.push([located.pair.key.start, (located.pair.value ?? located.pair.key).end]);
      spans.push([located.node.start, located.node.end]);
    }
    let range: SelectionRange | undefined;
    let last: [number, number] | undefined;
    for (const span of spans) {
      if (last && span[0] === last[0] && span[1] === last[1]) continue;
      if (last && (span[0] < last[0] || span[1] > last[1])) continue;
      range = range ? { range: file.range(span[0], span[1]), parent: range } : { range: file.range(span[0], span[1]) };
      last = span;
    }
    return range ?? { range: file.range(offset, offset) };
  });
}
