// Formatting: instruction keywords in the file's case (upper by default), instruction lines
// flush left with one space after the keyword, continuation lines indented one level, trailing
// whitespace removed. Heredoc bodies and text inside open quotes are never touched, because
// BuildKit keeps that whitespace.
import type { FormattingOptions, Range, TextEdit } from '../../types';
import type { Instruction } from '../syntax/ast';
import type { Analysis } from '../analysis/analysis';
import { isInstruction } from '../syntax/instructions';
import { normalizeEdits } from '../../textEdits';

function quoteStateAfter(text: string, escape: string, state: string | undefined): string | undefined {
  let q = state;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === escape && q !== "'") i++;
    else if (q) {
      if (c === q) q = undefined;
    } else if (c === '"' || c === "'") q = c;
  }
  return q;
}

export function formatEdits(a: Analysis, options: FormattingOptions): TextEdit[] {
  const edits: TextEdit[] = [];
  const lines = a.lines;
  const indent = options.insertSpaces ? ' '.repeat(Math.max(1, options.tabSize)) : '\t';
  const upperCase = a.doc.instructions.filter((i) => i.keyword === i.keyword.toLowerCase()).length <= a.doc.instructions.length / 2;
  const replace = (start: number, end: number, text: string) => {
    if (a.text.slice(start, end) !== text) edits.push({ range: a.range({ start, end }), newText: text });
  };
  const formatKeyword = (i: Instruction) => {
    if (!isInstruction(i.keyword)) return;
    replace(i.keywordSpan.start, i.keywordSpan.end, upperCase ? i.upper : i.upper.toLowerCase());
    const afterKeyword = i.keywordSpan.end;
    let next = afterKeyword;
    while (a.text[next] === ' ' || a.text[next] === '\t') next++;
    if (next > afterKeyword && next < i.span.end && a.text[next] !== '\n' && a.text[next] !== '\r' && a.text[next] !== a.doc.escape) replace(afterKeyword, next, ' ');
  };

  for (const i of a.doc.instructions) {
    const first = lines.positionAt(i.span.start).line;
    const last = lines.positionAt(i.span.end).line;
    replace(lines.lineStart(first), i.span.start, '');
    formatKeyword(i);
    if (i.trigger) formatKeyword(i.trigger);
    let quote: string | undefined;
    for (let l = first; l <= last; l++) {
      const start = lines.lineStart(l);
      const end = lines.lineEnd(l);
      const text = a.text.slice(start, end);
      const lead = /^[ \t]*/.exec(text)![0].length;
      if (l > first && !quote && text.trim() !== '') replace(start, start + lead, indent);
      quote = quoteStateAfter(text.replace(/[\\`][ \t]*$/, ''), a.doc.escape, quote);
      // Scanned from the end: the pattern /[ \t]+$/ is quadratic on a long run of spaces inside a line.
      let keep = text.length;
      while (keep > 0 && (text[keep - 1] === ' ' || text[keep - 1] === '\t')) keep--;
      if (keep < text.length && !quote && !text.trimStart().startsWith('#')) replace(start + keep, end, '');
    }
  }
  for (const c of a.doc.comments) {
    if (c.inContinuation) continue;
    const l = lines.positionAt(c.span.start).line;
    replace(lines.lineStart(l), c.span.start, '');
  }
  if (options.insertFinalNewline && a.text.length > 0 && !/\n$/.test(a.text)) {
    edits.push({ range: a.range({ start: a.text.length, end: a.text.length }), newText: '\n' });
  }
  return normalizeEdits(a.text, edits, a.lines);
}

export function formatRangeEdits(a: Analysis, range: Range, options: FormattingOptions): TextEdit[] {
  return formatEdits(a, options).filter((e) => e.range.end.line >= range.start.line && e.range.start.line <= range.end.line);
}

export const ON_TYPE_TRIGGERS = ['\n'];

/** After Enter inside a continued instruction, indent the new line one level. */
export function formatOnTypeEdits(a: Analysis, line: number, options: FormattingOptions): TextEdit[] {
  if (line <= 0) return [];
  const previous = a.lines.lineText(line - 1).trimEnd();
  if (!previous.endsWith(a.doc.escape) || previous.trimStart().startsWith('#')) return [];
  const i = a.instructionAt(a.lines.lineStart(line - 1));
  if (!i || a.lines.lineStart(line - 1) > i.span.end) return [];
  const indent = options.insertSpaces ? ' '.repeat(Math.max(1, options.tabSize)) : '\t';
  const text = a.lines.lineText(line);
  const lead = /^[ \t]*/.exec(text)![0];
  if (lead === indent) return [];
  const start = a.lines.lineStart(line);
  return [{ range: a.range({ start, end: start + lead.length }), newText: indent }];
}
