// Semantic tokens: keywords, flags, stage names, images, variables, keys, strings, numbers,
// directives and comments, encoded in LSP's relative form and split at line ends.
import type { SemanticTokens, SemanticTokensLegend } from '../../types';
import type { Span } from '../syntax/ast';
import type { Analysis } from '../analysis/analysis';
import { isInstruction } from '../syntax/instructions';
import { keyValuesOf } from '../syntax/words';

export const LEGEND: SemanticTokensLegend = {
  tokenTypes: ['keyword', 'parameter', 'variable', 'string', 'comment', 'class', 'macro', 'property', 'number', 'namespace', 'operator'],
  tokenModifiers: ['declaration', 'deprecated', 'readonly'],
};
const TYPE = Object.fromEntries(LEGEND.tokenTypes.map((name, i) => [name, i])) as Record<string, number>;

interface Token {
  start: number;
  end: number;
  type: number;
  modifiers: number;
}

export function semanticTokens(a: Analysis): SemanticTokens {
  const tokens: Token[] = [];
  const add = (span: Span, type: string, modifiers = 0) => {
    if (span.end > span.start) tokens.push({ start: span.start, end: span.end, type: TYPE[type]!, modifiers });
  };
  for (const d of a.doc.directives) {
    add(d.nameSpan, 'macro');
    add(d.valueSpan, 'string');
  }
  for (const c of a.doc.comments) if (!a.doc.directives.some((d) => d.span.start === c.span.start)) add(c.span, 'comment');
  for (const i0 of a.doc.instructions) {
    for (const i of i0.trigger ? [i0, i0.trigger] : [i0]) {
      if (isInstruction(i.keyword)) add(i.keywordSpan, 'keyword', i.upper === 'MAINTAINER' ? 2 : 0);
      for (const f of i.flags) {
        add({ start: f.span.start, end: f.nameSpan.end }, 'parameter');
        if (f.valueSpan) add(f.valueSpan, 'string');
      }
      for (const item of i.exec?.items ?? []) add(item.span, 'string');
      if (i.upper === 'ARG' || i.upper === 'ENV' || i.upper === 'LABEL') {
        for (const p of keyValuesOf(i, a.doc.escape)) add(p.key.span, i.upper === 'LABEL' ? 'property' : 'variable', i.upper === 'LABEL' ? 0 : 1);
      }
      if (i.upper === 'EXPOSE') for (const w of i.words) if (/^\d/.test(w.value)) add(w.span, 'number');
      for (const h of i.heredocs) {
        add(h.marker, 'operator');
        if (h.terminator) add(h.terminator, 'operator');
      }
    }
  }
  for (const stage of a.doc.stages) {
    if (stage.asWord) add(stage.asWord.span, 'keyword');
    if (stage.name) add(stage.name.span, 'class', 1);
    if (stage.image && a.parentOf(stage.index) < 0 && !stage.image.raw.includes('$')) add(stage.image.span, 'namespace');
  }
  for (const ref of a.stageRefs) if (ref.target) add(ref.span, 'class');
  for (const use of a.variables.uses) add(use.ref.span, 'variable');
  return { data: encode(a, tokens) };
}

function encode(a: Analysis, tokens: Token[]): number[] {
  // Inner and more specific tokens first: the outer one (a flag's string value) resumes after them.
  tokens.sort((x, y) => x.start - y.start || x.end - y.end || (x.type === TYPE.string! ? 1 : 0) - (y.type === TYPE.string! ? 1 : 0));
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  let covered = 0;
  tokens.forEach((token, k) => {
    // Inner tokens (a variable inside a flag value) cut the outer one short where they start.
    let start = Math.max(token.start, covered);
    if (start >= token.end) return;
    const next = tokens[k + 1];
    const end = next && next.start > start && next.start < token.end ? next.start : token.end;
    while (start < end) {
      const pos = a.lines.positionAt(start);
      const lineEnd = Math.min(end, a.lines.lineEnd(pos.line));
      if (lineEnd > start) {
        const deltaLine = pos.line - prevLine;
        data.push(deltaLine, deltaLine === 0 ? pos.character - prevChar : pos.character, lineEnd - start, token.type, token.modifiers);
        prevLine = pos.line;
        prevChar = pos.character;
      }
      start = pos.line + 1 < a.lines.lineCount ? a.lines.lineStart(pos.line + 1) : end;
    }
    covered = Math.max(covered, end);
  });
  return data;
}
