// Folding: stages, multi-line instructions (continuations and heredocs) and comment blocks.
import type { FoldingRange } from '../../types';
import type { Analysis } from '../analysis/analysis';

export function foldingRanges(a: Analysis): FoldingRange[] {
  const out: FoldingRange[] = [];
  const line = (offset: number) => a.lines.positionAt(offset).line;
  for (const stage of a.doc.stages) {
    const start = line(stage.span.start);
    const end = line(stage.span.end);
    if (end > start) out.push({ startLine: start, endLine: end });
  }
  for (const i of a.doc.instructions) {
    const start = line(i.fullSpan.start);
    const end = line(i.fullSpan.end);
    if (end > start) out.push({ startLine: start, endLine: end });
  }
  let blockStart = -1;
  let previous = -2;
  const close = () => {
    if (blockStart >= 0 && previous > blockStart) out.push({ startLine: blockStart, endLine: previous, kind: 'comment' });
  };
  for (const c of a.doc.comments) {
    if (c.inContinuation) continue;
    const l = line(c.span.start);
    if (l !== previous + 1) {
      close();
      blockStart = l;
    }
    previous = l;
  }
  close();
  return out;
}
