// Instructions are parsed on their logical text (continuation lines joined, comment lines
// dropped, as BuildKit sees it); these helpers map logical offsets back to the document.
import { lastAtOrBefore } from '../../sortedSearch';
import type { OffsetMap, Span } from './ast';

export class OffsetMapBuilder {
  readonly logical: number[] = [];
  readonly doc: number[] = [];
  text = '';

  /** Appends document text `piece` that starts at document offset `docStart`. */
  append(piece: string, docStart: number): void {
    if (piece.length === 0) return;
    this.logical.push(this.text.length);
    this.doc.push(docStart);
    this.text += piece;
  }

  /** Places an empty text at a document offset (else its spans would map to offset 0). */
  anchor(docStart: number): void {
    if (this.logical.length > 0) return;
    this.logical.push(0);
    this.doc.push(docStart);
  }

  /**
   * Exact-size copies: an array grown by push keeps room for 16 more numbers (about 0.3 KB per
   * instruction for the pair), and every instruction keeps its map while the document is open.
   */
  build(): OffsetMap {
    return { logical: this.logical.slice(), doc: this.doc.slice() };
  }
}

function segmentOf(map: OffsetMap, offset: number): number {
  return lastAtOrBefore(map.logical, offset);
}

/** Document offset of the character at logical `offset` (use for starts). */
export function docStart(map: OffsetMap, offset: number): number {
  if (map.logical.length === 0) return 0;
  const i = segmentOf(map, offset);
  return map.doc[i]! + (offset - map.logical[i]!);
}

/** Document offset just after the character before logical `offset` (use for ends). */
export function docEnd(map: OffsetMap, offset: number): number {
  if (offset <= 0) return docStart(map, 0);
  return docStart(map, offset - 1) + 1;
}

export function docSpan(map: OffsetMap, start: number, end: number): Span {
  const s = docStart(map, start);
  return { start: s, end: end > start ? docEnd(map, end) : s };
}

/** Logical offset for a document offset, or undefined when it falls in a dropped piece. */
export function logicalAt(map: OffsetMap, docOffset: number, logicalLength: number): number | undefined {
  for (let i = 0; i < map.doc.length; i++) {
    const len = (i + 1 < map.logical.length ? map.logical[i + 1]! : logicalLength) - map.logical[i]!;
    const d = map.doc[i]!;
    if (docOffset >= d && docOffset <= d + len) return map.logical[i]! + (docOffset - d);
  }
  return undefined;
}
