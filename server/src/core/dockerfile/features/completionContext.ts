// Where the cursor is, for completion: at an instruction keyword, in a flag or its value, after
// a `$`, at the FROM image, or in the parser directives.
import type { Instruction } from '../syntax/ast';
import type { Analysis } from '../analysis/analysis';

export type CompletionWhere =
  | { kind: 'directive'; start: number }
  | { kind: 'keyword'; start: number; onbuild: boolean }
  | { kind: 'flag'; instruction: Instruction; start: number; withArgs: boolean }
  | { kind: 'flagValue'; instruction: Instruction; flag: string; start: number; value: string }
  | { kind: 'variable'; instruction: Instruction | undefined; start: number; braced: boolean }
  | { kind: 'fromImage'; instruction: Instruction; start: number; prefix: string }
  | { kind: 'fromAs'; instruction: Instruction; start: number }
  | { kind: 'healthcheckType'; instruction: Instruction; start: number }
  | { kind: 'none' };

const isSpace = (c: string | undefined) => c === ' ' || c === '\t';

/** True when the line before `lineNo` (skipping blank and comment lines) ends with the escape. */
function continuesFromAbove(a: Analysis, lineNo: number): boolean {
  for (let l = lineNo - 1; l >= 0; l--) {
    const text = a.lines.lineText(l).trimEnd();
    if (text === '' || text.trimStart().startsWith('#')) continue;
    return text.endsWith(a.doc.escape) && !text.endsWith(a.doc.escape + a.doc.escape);
  }
  return false;
}

export function completionWhere(a: Analysis, offset: number): CompletionWhere {
  const { line } = a.lines.positionAt(offset);
  const lineStart = a.lines.lineStart(line);
  const before = a.text.slice(lineStart, offset);
  let instruction = a.instructionAt(offset);
  if (instruction && offset > instruction.span.end) return { kind: 'none' }; // inside a heredoc body
  if (!instruction && continuesFromAbove(a, line)) instruction = a.instructionAt(lineStart - 1);

  const trimmed = before.trimStart();
  if (!instruction && trimmed.startsWith('#')) {
    const firstInstruction = a.doc.instructions[0];
    const inHeader = !firstInstruction || firstInstruction.span.start > offset;
    const headerLinesOnly = a.text.slice(0, lineStart).split(/\r?\n/).every((l) => l.trim() === '' || l.trimStart().startsWith('#'));
    return inHeader && headerLinesOnly && /^#\s*[a-z]*$/i.test(trimmed) ? { kind: 'directive', start: lineStart + before.indexOf('#') + 1 } : { kind: 'none' };
  }
  if (!instruction || (offset >= instruction.keywordSpan.start && offset <= instruction.keywordSpan.end && !/\s/.test(a.text.slice(instruction.keywordSpan.start, offset)))) {
    if (trimmed.includes(' ') || trimmed.includes('\t')) return { kind: 'none' };
    return { kind: 'keyword', start: offset - trimmed.length, onbuild: false };
  }

  // The token being typed: back to the previous whitespace on this line.
  let start = offset;
  while (start > lineStart && !isSpace(a.text[start - 1])) start--;
  const token = a.text.slice(start, offset);
  const target = instruction.trigger && offset >= instruction.trigger.keywordSpan.start ? instruction.trigger : instruction;

  if (instruction.upper === 'ONBUILD' && (!instruction.trigger || offset <= instruction.trigger.keywordSpan.end)) {
    return token.includes(' ') ? { kind: 'none' } : { kind: 'keyword', start, onbuild: true };
  }
  const dollar = token.lastIndexOf('$');
  if (dollar >= 0 && /^\$\{?[A-Za-z0-9_]*$/.test(token.slice(dollar))) {
    return { kind: 'variable', instruction: target, start: start + dollar, braced: token[dollar + 1] === '{' };
  }
  const argsBefore = a.text.slice(target.keywordSpan.end, start);
  const wordsBefore = argsBefore.split(/[\s\\`]+/).filter((w) => w.length > 0);
  const nonFlagsBefore = wordsBefore.filter((w) => !w.startsWith('--'));
  if (token.startsWith('--')) {
    const eq = token.indexOf('=');
    if (eq < 0) return { kind: 'flag', instruction: target, start, withArgs: false };
    return { kind: 'flagValue', instruction: target, flag: token.slice(2, eq), start: start + eq + 1, value: token.slice(eq + 1) };
  }
  if (nonFlagsBefore.length === 0 && token === '' && target.upper !== 'FROM' && target.upper !== 'HEALTHCHECK') {
    return { kind: 'flag', instruction: target, start, withArgs: true };
  }
  if (target.upper === 'FROM') {
    if (nonFlagsBefore.length === 0) return { kind: 'fromImage', instruction: target, start, prefix: token };
    if (nonFlagsBefore.length === 1) return { kind: 'fromAs', instruction: target, start };
  }
  if (target.upper === 'HEALTHCHECK' && nonFlagsBefore.length === 0 && !token.startsWith('-')) {
    return { kind: 'healthcheckType', instruction: target, start };
  }
  return { kind: 'none' };
}
