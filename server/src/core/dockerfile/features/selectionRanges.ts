// Smart selection: word → flag or argument → instruction → stage → whole file.
import type { Position, SelectionRange } from '../../types';
import type { Span } from '../syntax/ast';
import type { Analysis } from '../analysis/analysis';

const inside = (span: Span, offset: number) => offset >= span.start && offset <= span.end;

export function selectionRanges(a: Analysis, positions: Position[]): SelectionRange[] {
  return positions.map((position) => {
    const offset = a.lines.offsetAt(position);
    const spans: Span[] = [{ start: 0, end: a.text.length }];
    const stage = a.stageAt(offset);
    if (stage && inside(stage.span, offset)) spans.push(stage.span);
    const i = a.instructionAt(offset);
    if (i) {
      spans.push(i.fullSpan, i.span);
      if (inside(i.args, offset)) spans.push(i.args);
      const target = i.trigger ?? i;
      for (const flag of target.flags) if (inside(flag.span, offset)) spans.push(flag.span);
      for (const word of target.exec?.items ?? target.words) if (inside(word.span, offset)) spans.push(word.span);
      if (inside(target.keywordSpan, offset)) spans.push(target.keywordSpan);
    }
    // Innermost last; drop duplicates and spans that do not nest.
    let result: SelectionRange | undefined;
    let last: Span | undefined;
    for (const span of spans) {
      if (last && (span.start < last.start || span.end > last.end || (span.start === last.start && span.end === last.end))) continue;
      result = { range: a.range(span), ...(result ? { parent: result } : {}) };
      last = span;
    }
    return result ?? { range: { start: position, end: position } };
  });
}
