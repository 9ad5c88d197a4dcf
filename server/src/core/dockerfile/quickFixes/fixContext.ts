// What every quick fix gets: the analysis, the diagnostic it fixes (with the data its rule
// attached), and helpers to build edits in this document.
import type { ServiceContext } from '../../languageService';
import type { CodeAction, Diagnostic, Range, TextEdit } from '../../types';
import type { Analysis } from '../analysis/analysis';
import type { Instruction, Span } from '../syntax/ast';

export interface FixContext {
  a: Analysis;
  uri: string;
  diagnostic: Diagnostic;
  data: Record<string, unknown>;
  /** Diagnostic range as document offsets. */
  span: Span;
  instruction: Instruction | undefined;
  service: ServiceContext;
}

export type QuickFix = (fx: FixContext) => CodeAction[];

export function edit(fx: FixContext, span: Span, newText: string): TextEdit {
  return { range: fx.a.range(span), newText };
}

export function action(fx: FixContext, title: string, edits: TextEdit[], preferred = true): CodeAction {
  return { title, kind: 'quickfix', diagnostics: [fx.diagnostic], isPreferred: preferred, edit: { changes: { [fx.uri]: edits } } };
}

/** The whole line(s) of a span, including the line break, for deleting them. */
export function fullLines(fx: FixContext, span: Span): Span {
  const lines = fx.a.lines;
  const first = lines.positionAt(span.start).line;
  const last = lines.positionAt(span.end).line;
  const end = last + 1 < lines.lineCount ? lines.lineStart(last + 1) : lines.text.length;
  return { start: lines.lineStart(first), end };
}

/** Leading whitespace of the line a span starts on. */
export function indentOf(fx: FixContext, offset: number): string {
  const line = fx.a.lines.lineText(fx.a.lines.positionAt(offset).line);
  return /^[ \t]*/.exec(line)![0];
}

export function toSpan(a: Analysis, range: Range): Span {
  return { start: a.lines.offsetAt(range.start), end: a.lines.offsetAt(range.end) };
}
