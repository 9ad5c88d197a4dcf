// Edits as LSP wants them: sorted, none overlapping or touching another. Features that build
// edits piece by piece (the formatter replaces a keyword and indents the same line) can produce
// a replace and an insert at one position; clients that apply edits back to front then insert
// into text the replace has already changed ("envNV"). Merging such neighbours into one edit
// leaves nothing to order.
import { LineIndex } from './text';
import type { TextEdit } from './types';

export function normalizeEdits(text: string, edits: readonly TextEdit[], index = new LineIndex(text)): TextEdit[] {
  if (edits.length === 0) return [];
  const spans = edits.map((edit, order) => {
    const start = index.offsetAt(edit.range.start);
    return { start, end: Math.max(start, index.offsetAt(edit.range.end)), newText: edit.newText, order };
  });
  // By start; at one start, inserts before replaces, else in the order given.
  spans.sort((a, b) => a.start - b.start || Number(a.end > a.start) - Number(b.end > b.start) || a.order - b.order);
  const merged: { start: number; end: number; newText: string }[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) {
      // Touching or overlapping: one edit. (Overlaps keep the text up to the later edit's start.)
      last.newText += span.start > last.end ? text.slice(last.end, span.start) : '';
      last.newText += span.newText;
      last.end = Math.max(last.end, span.end);
    } else {
      merged.push({ ...span });
    }
  }
  return merged
    .filter((e) => e.newText !== text.slice(e.start, e.end))
    .map((e) => ({ range: index.range(e.start, e.end), newText: e.newText }));
}
