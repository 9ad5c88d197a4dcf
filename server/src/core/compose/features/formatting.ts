// Formatting that changes only whitespace: consistent indentation (the editor's tab size; lists
// under keys indented or not, as the file mostly does), one space after `:` and `-`, no
// trailing spaces, no runs of blank lines, one final newline. Comments, anchors, aliases,
// quoting and every scalar stay exactly as written. The result is parsed again and must read
// the same as the original, or nothing is changed.
import type { ServiceContext, TextDocumentLike } from '../../languageService';
import type { FormattingOptions, Range, TextEdit } from '../../types';
import type { ComposeFile } from '../model/composeFile';
import { composeFileOf } from '../model/documentStore';
import type { CNode } from '../model/nodes';
import { parseWhole } from '../model/parseYaml';
import { layoutOf, type Layout } from './formatLayout';

export function formatCompose(document: TextDocumentLike, options: FormattingOptions, _context: ServiceContext): TextEdit[] {
  const file = composeFileOf(document);
  // A file parsed only up to the budget is not formatted: the check that the result reads the same
  // parses the whole text (3.7 s for 20,000 chained extends), and the unparsed rest is not laid out.
  if (file.skipped || file.cut !== undefined || file.problems.some((p) => !p.warning)) return [];
  const lines = formattedLines(file, Math.max(1, Math.min(8, options.tabSize || 2)), options);
  return lines ? lineEdits(file, lines, options) : [];
}

export function formatRangeCompose(document: TextDocumentLike, range: Range, options: FormattingOptions, context: ServiceContext): TextEdit[] {
  return formatCompose(document, options, context).filter((e) => e.range.end.line >= range.start.line && e.range.start.line <= range.end.line);
}

/** The new text of every original line (null: the line is removed), or undefined if formatting would change the meaning. */
function formattedLines(file: ComposeFile, indent: number, options: FormattingOptions): (string | null)[] | undefined {
  const layout = layoutOf(file, indent);
  const count = bodyLineCount(file);
  const oldIndent: number[] = [];
  const delta: number[] = new Array(count).fill(0);
  for (let line = 0; line < count; line++) oldIndent.push(/^ */.exec(file.lines.lineText(line))![0].length);
  for (const [line, target] of layout.target) if (line < count) delta[line] = target - oldIndent[line]!;
  for (const [line, leader] of layout.leader) if (line < count) delta[line] = delta[leader]!;
  commentDeltas(file, layout, count, oldIndent, delta);
  const gapsByLine = new Map<number, [number, number, string][]>();
  for (const gap of layout.gaps) {
    const line = file.lines.positionAt(gap[0]).line;
    gapsByLine.set(line, [...(gapsByLine.get(line) ?? []), gap]);
  }
  const out: (string | null)[] = [];
  let blankRun = 0;
  for (let line = 0; line < count; line++) {
    let text = file.lines.lineText(line);
    const start = file.lines.lineStart(line);
    for (const [from, to, replacement] of (gapsByLine.get(line) ?? []).sort((a, b) => b[0] - a[0])) {
      text = text.slice(0, from - start) + replacement + text.slice(to - start);
    }
    const verbatim = layout.verbatim.has(line);
    const shift = delta[line]!;
    if (shift > 0) text = ' '.repeat(shift) + text;
    else if (shift < 0) text = text.slice(Math.min(-shift, oldIndent[line]!));
    if (!verbatim && options.trimTrailingWhitespace !== false) text = trimTrailingBlanks(text);
    const blank = text.trim() === '' && !verbatim;
    blankRun = blank ? blankRun + 1 : 0;
    out.push(blank && (blankRun > 1 || out.every((l) => l === null)) ? null : blank ? '' : text);
  }
  // Trailing blank lines go; the file ends with exactly one line break.
  for (let line = count - 1; line >= 0 && (out[line] === '' || out[line] === null); line--) out[line] = null;
  const unchanged = out.every((line, i) => line === file.lines.lineText(i)) && count < file.lines.lineCount;
  if (unchanged) return out;
  if (!sameMeaning(file, render(file, out))) return undefined;
  return out;
}

/**
 * A comment written at the indentation of the next line describes that line and moves with it;
 * any other comment belongs to the block it sits in and moves with the nearest line above it
 * that is not indented deeper (so commented-out entries stay inside their block).
 */
function commentDeltas(file: ComposeFile, layout: Layout, count: number, oldIndent: number[], delta: number[]): void {
  const isComment = (line: number) => !layout.leader.has(line) && !layout.verbatim.has(line) && !layout.target.has(line) && file.lines.lineText(line).trimStart().startsWith('#');
  const isContent = (line: number) => !isComment(line) && file.lines.lineText(line).trim() !== '';
  const next: number[] = new Array(count).fill(-1);
  for (let line = count - 1, following = -1; line >= 0; line--) {
    next[line] = following;
    if (isContent(line)) following = line;
  }
  const above: { indent: number; delta: number }[] = [];
  for (let line = 0; line < count; line++) {
    if (isContent(line)) {
      while (above.length > 0 && above[above.length - 1]!.indent >= oldIndent[line]!) above.pop();
      above.push({ indent: oldIndent[line]!, delta: delta[line]! });
    } else if (isComment(line)) {
      const following = next[line]!;
      if (following >= 0 && oldIndent[following] === oldIndent[line]) {
        delta[line] = delta[following]!;
      } else {
        const owner = [...above].reverse().find((a) => a.indent <= oldIndent[line]!);
        delta[line] = Math.max(-oldIndent[line]!, owner?.delta ?? 0);
      }
    }
  }
}

/** Lines before the empty line that follows a final line break. */
function bodyLineCount(file: ComposeFile): number {
  const count = file.lines.lineCount;
  return count > 0 && file.lines.lineText(count - 1) === '' && /\r?\n$/.test(file.text) ? count - 1 : count;
}

function eolOf(file: ComposeFile): string {
  return file.text.includes('\r\n') ? '\r\n' : '\n';
}

function render(file: ComposeFile, lines: (string | null)[]): string {
  const kept = lines.filter((l): l is string => l !== null);
  return kept.length === 0 ? '' : kept.join(eolOf(file)) + eolOf(file);
}

/** The edits turning the file's lines into `lines`: one per run of changed or removed lines. */
function lineEdits(file: ComposeFile, lines: (string | null)[], options: FormattingOptions): TextEdit[] {
  const eol = eolOf(file);
  const count = lines.length;
  const endsWithBreak = count < file.lines.lineCount;
  const changed = (line: number) =>
    lines[line] === null || lines[line] !== file.lines.lineText(line) || (line === count - 1 && !endsWithBreak && options.insertFinalNewline !== false);
  const edits: TextEdit[] = [];
  for (let line = 0; line < count; line++) {
    if (!changed(line)) continue;
    let last = line;
    while (last + 1 < count && changed(last + 1)) last++;
    const start = file.lines.lineStart(line);
    const end = last + 1 < file.lines.lineCount ? file.lines.lineStart(last + 1) : file.text.length;
    let newText = '';
    const keepUnterminated = !endsWithBreak && options.insertFinalNewline === false;
    for (let l = line; l <= last; l++) {
      if (lines[l] !== null) newText += lines[l] + (l === count - 1 && keepUnterminated ? '' : eol);
    }
    edits.push({ range: file.range(start, end), newText });
    line = last;
  }
  return edits;
}

/** Whether a reformatted text reads as the same documents (values, keys, anchors, tags, styles). */
function sameMeaning(file: ComposeFile, text: string): boolean {
  const reparsed = parseWhole(text);
  if (reparsed.problems.some((p) => !p.warning)) return false;
  const before = file.documents.map((d) => shape(d.root));
  const after = reparsed.documents.map((d) => shape(d.root));
  return JSON.stringify(before) === JSON.stringify(after);
}

function shape(node: CNode | null): unknown {
  if (!node) return null;
  const meta = [node.anchor ?? '', node.tag ?? ''];
  switch (node.kind) {
    case 'scalar': return [...meta, node.style, node.value];
    case 'alias': return [...meta, '*', node.name];
    case 'map': return [...meta, node.flow, node.pairs.map((p) => [shape(p.key), shape(p.value)])];
    case 'seq': return [...meta, node.flow, node.items.map(shape)];
  }
}

/** The line without trailing spaces and tabs, scanned from the end (/[ \t]+$/ is quadratic on long inner runs). */
function trimTrailingBlanks(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  return end === text.length ? text : text.slice(0, end);
}
