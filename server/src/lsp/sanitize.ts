// Every answer is checked against the document before it leaves the server, so a mistake in a
// feature shows up as a smaller answer, never as one an editor rejects (VS Code throws on a symbol
// without a name or whose selection range lies outside its range, and on a completion whose
// replace range is not one line around the cursor; LSP forbids overlapping edits). Ranges are
// clamped into the document; what cannot be made valid is left out.
import type {
  CodeAction, CodeLens, CompletionItem, CompletionList, Diagnostic, DocumentLink, DocumentSymbol, FoldingRange,
  Hover, InlayHint, Location, Position, Range, SelectionRange, SemanticTokens, TextEdit, WorkspaceEdit,
} from '../core/types';
import { normalizeEdits } from '../core/textEdits';
import { MAX_INLAY_HINTS } from '../core/limits';

export interface SanitizeDoc {
  readonly uri: string;
  readonly lineCount: number;
  getText(): string;
  offsetAt(position: Position): number;
  positionAt(offset: number): Position;
}

/** Deepest document symbol tree kept (children below are dropped). */
const MAX_SYMBOL_DEPTH = 64;
const MAX_SELECTION_DEPTH = 256;
/**
 * Items kept per answer of these kinds. An editor cannot use more (VS Code folds at most 5,000
 * regions), and 20,000 heredoc RUNs made a 2 MB outline whose copying between threads and writing
 * to the client held other answers up for over a second.
 */
export const MAX_SYMBOLS = 5000;
export const MAX_FOLDING_RANGES = 5000;
export const MAX_LINKS = 5000;
export const MAX_LENSES = 1000;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

function isPosition(p: unknown): p is Position {
  return isObject(p) && isNumber(p.line) && isNumber(p.character);
}

function isRange(r: unknown): r is Range {
  return isObject(r) && isPosition(r.start) && isPosition(r.end);
}

export function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

export function contains(range: Range, inner: Range | Position): boolean {
  return 'start' in inner ? before(range.start, inner.start) && before(inner.end, range.end) : before(range.start, inner) && before(inner, range.end);
}

function clampPosition(doc: SanitizeDoc, p: Position): Position {
  // A position inside the document is its own clamp, known from two offsets without the search
  // positionAt makes (a 10,000-line Dockerfile's ~600 diagnostics were searched at every edit).
  const { line, character } = p;
  if (Number.isInteger(line) && Number.isInteger(character) && line >= 0 && character >= 0 && line < doc.lineCount
    && doc.offsetAt(p) - doc.offsetAt({ line, character: 0 }) === character) return p;
  return doc.positionAt(doc.offsetAt({ line: Math.max(0, Math.floor(line)), character: Math.max(0, Math.floor(character)) }));
}

/** The range inside the document with its start not after its end, or undefined when it is no range. */
export function clampRange(doc: SanitizeDoc, r: unknown): Range | undefined {
  if (!isRange(r)) return undefined;
  const start = clampPosition(doc, r.start);
  const end = clampPosition(doc, r.end);
  if (!before(start, end)) return { start: end, end: start };
  // A range already inside the document is kept as it is: sanitizeDiagnostics then passes its
  // diagnostic on uncopied (each validation of a 10,000-line Dockerfile copied all ~600).
  return samePosition(start, r.start) && samePosition(end, r.end) ? r : { start, end };
}

function samePosition(a: Position, b: Position): boolean {
  return a.line === b.line && a.character === b.character;
}

function edits(doc: SanitizeDoc, list: unknown): TextEdit[] {
  if (!Array.isArray(list)) return [];
  const valid = list.flatMap((e): TextEdit[] => {
    const range = isObject(e) ? clampRange(doc, e.range) : undefined;
    return range && typeof (e as TextEdit).newText === 'string' ? [{ range, newText: (e as TextEdit).newText }] : [];
  });
  return normalizeEdits(doc.getText(), valid);
}

function workspaceEdit(doc: SanitizeDoc, edit: unknown): WorkspaceEdit | undefined {
  if (!isObject(edit) || !isObject(edit.changes)) return undefined;
  const changes: Record<string, TextEdit[]> = {};
  for (const [uri, list] of Object.entries(edit.changes)) {
    // Edits to other files cannot be checked here; they keep their shape.
    changes[uri] = uri === doc.uri ? edits(doc, list) : Array.isArray(list) ? (list as TextEdit[]) : [];
  }
  return { changes };
}

function symbol(doc: SanitizeDoc, s: unknown, depth: number, budget: { left: number }): DocumentSymbol | undefined {
  if (!isObject(s) || budget.left <= 0) return undefined;
  budget.left--;
  const range = clampRange(doc, s.range);
  let selection = clampRange(doc, s.selectionRange) ?? range;
  if (!range || !selection) return undefined;
  if (!contains(range, selection)) selection = { start: range.start, end: range.start };
  const name = typeof s.name === 'string' && s.name.trim() !== '' ? s.name : '?';
  const out: DocumentSymbol = { name, kind: isNumber(s.kind) && s.kind >= 1 && s.kind <= 26 ? (s.kind as DocumentSymbol['kind']) : 13, range, selectionRange: selection };
  if (typeof s.detail === 'string') out.detail = s.detail;
  if (Array.isArray(s.children) && depth < MAX_SYMBOL_DEPTH) {
    out.children = s.children.map((c) => symbol(doc, c, depth + 1, budget)).filter((c): c is DocumentSymbol => c !== undefined).filter((c) => contains(range, c.range));
  }
  return out;
}

function completionItem(doc: SanitizeDoc, position: Position, item: unknown): CompletionItem | undefined {
  if (!isObject(item) || typeof item.label !== 'string' || item.label === '') return undefined;
  const out = { ...item } as unknown as CompletionItem & { additionalTextEdits?: TextEdit[] };
  if (out.textEdit) {
    const range = clampRange(doc, out.textEdit.range);
    // The replace range must be on the cursor's line and hold the cursor; otherwise insert the text.
    if (range && range.start.line === range.end.line && contains(range, position) && typeof out.textEdit.newText === 'string') {
      out.textEdit = { range, newText: out.textEdit.newText };
    } else {
      const text = out.textEdit.newText;
      delete out.textEdit;
      if (typeof text === 'string') out.insertText = text;
    }
  }
  if (out.additionalTextEdits) out.additionalTextEdits = edits(doc, out.additionalTextEdits);
  return out;
}

function selectionRange(doc: SanitizeDoc, s: unknown): SelectionRange {
  const chain: Range[] = [];
  for (let node = s, depth = 0; isObject(node) && depth < MAX_SELECTION_DEPTH; node = node.parent, depth++) {
    const range = clampRange(doc, node.range);
    // Each parent must hold its child: one that does not is left out.
    if (range && (chain.length === 0 || contains(range, chain[chain.length - 1]!))) chain.push(range);
  }
  let result: SelectionRange | undefined;
  for (let k = chain.length - 1; k >= 0; k--) result = result ? { range: chain[k]!, parent: result } : { range: chain[k]! };
  return result ?? { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
}

/** Checks a feature's answer for `method` on `doc`; `position` is the request's, if it has one. */
export function sanitize(method: string, doc: SanitizeDoc, result: unknown, position?: Position, positions?: Position[]): unknown {
  if (result === null || result === undefined) return result;
  switch (method) {
    case 'textDocument/completion': {
      const list = Array.isArray(result) ? { isIncomplete: false, items: result } : (result as CompletionList);
      if (!position || !Array.isArray(list.items)) return { isIncomplete: false, items: [] };
      const p = clampPosition(doc, position);
      return { isIncomplete: Boolean(list.isIncomplete), items: list.items.map((i) => completionItem(doc, p, i)).filter((i) => i !== undefined) };
    }
    case 'textDocument/hover': {
      const hover = result as Hover;
      if (!isObject(hover) || !isObject(hover.contents)) return null;
      const out: Hover = { contents: hover.contents };
      const range = clampRange(doc, hover.range);
      if (range && position && contains(range, clampPosition(doc, position))) out.range = range;
      return out;
    }
    case 'textDocument/definition':
    case 'textDocument/references':
      return Array.isArray(result)
        ? result.flatMap((l: Location) => {
          if (!isObject(l) || typeof l.uri !== 'string') return [];
          const range = l.uri === doc.uri ? clampRange(doc, l.range) : isRange(l.range) ? l.range : undefined;
          return range ? [{ uri: l.uri, range }] : [];
        })
        : [];
    case 'textDocument/documentHighlight':
      return Array.isArray(result) ? result.flatMap((h) => {
        const range = isObject(h) ? clampRange(doc, h.range) : undefined;
        return range ? [{ ...h, range }] : [];
      }) : [];
    case 'textDocument/prepareRename': {
      const r = result as { range: Range; placeholder: string };
      const range = clampRange(doc, r?.range);
      return range && (!position || contains(range, clampPosition(doc, position))) ? { range, placeholder: String(r.placeholder ?? '') } : null;
    }
    case 'textDocument/rename':
      return workspaceEdit(doc, result) ?? null;
    case 'textDocument/documentSymbol': {
      if (!Array.isArray(result)) return [];
      const budget = { left: MAX_SYMBOLS };
      return result.map((s) => symbol(doc, s, 0, budget)).filter((s) => s !== undefined);
    }
    case 'textDocument/foldingRange':
      return Array.isArray(result)
        ? result.filter((f: FoldingRange) => isObject(f) && isNumber(f.startLine) && isNumber(f.endLine) && f.startLine >= 0 && f.startLine <= f.endLine && f.endLine < doc.lineCount).slice(0, MAX_FOLDING_RANGES)
        : [];
    case 'textDocument/selectionRange':
      return Array.isArray(result) ? result.slice(0, positions?.length ?? result.length).map((s) => selectionRange(doc, s)) : [];
    case 'textDocument/documentLink':
      return Array.isArray(result) ? result.flatMap((l: DocumentLink) => {
        const range = isObject(l) ? clampRange(doc, l.range) : undefined;
        if (!range) return [];
        const link: DocumentLink = { range };
        if (typeof l.target === 'string') link.target = l.target;
        if (typeof l.tooltip === 'string') link.tooltip = l.tooltip;
        return [link];
      }).slice(0, MAX_LINKS) : [];
    case 'textDocument/formatting':
    case 'textDocument/rangeFormatting':
    case 'textDocument/onTypeFormatting':
      return edits(doc, result);
    case 'textDocument/codeAction':
      return Array.isArray(result) ? result.flatMap((a: CodeAction) => {
        if (!isObject(a) || typeof a.title !== 'string') return [];
        const action: CodeAction = { ...a };
        if (a.edit) {
          const edit = workspaceEdit(doc, a.edit);
          if (!edit) return [];
          action.edit = edit;
        }
        return [action];
      }) : [];
    case 'textDocument/codeLens':
      return Array.isArray(result) ? result.flatMap((l: CodeLens) => {
        const range = isObject(l) ? clampRange(doc, l.range) : undefined;
        return range ? [{ ...l, range }] : [];
      }).slice(0, MAX_LENSES) : [];
    case 'textDocument/inlayHint':
      return Array.isArray(result) ? result.flatMap((h: InlayHint) => {
        if (!isObject(h) || !isPosition(h.position) || (typeof h.label === 'string' ? h.label === '' : !Array.isArray(h.label))) return [];
        return [{ ...h, position: clampPosition(doc, h.position) }];
      }).slice(0, MAX_INLAY_HINTS) : [];
    case 'textDocument/semanticTokens/full': {
      const data = (result as SemanticTokens).data;
      if (!Array.isArray(data) || !data.every(isNumber)) return { data: [] };
      return { data: data.length % 5 === 0 ? data : data.slice(0, data.length - (data.length % 5)) };
    }
    default:
      return result;
  }
}

/** Diagnostics with their ranges inside the document; at most `max`, then one note where the rest begin. */
export function sanitizeDiagnostics(doc: SanitizeDoc, list: readonly Diagnostic[], max: number, note: (omitted: number) => Omit<Diagnostic, 'range'>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of list) {
    const range = clampRange(doc, d.range);
    if (!range || typeof d.message !== 'string') continue;
    if (out.length === max) {
      out.push({ ...note(list.length - max), range });
      break;
    }
    out.push(range === d.range ? d : { ...d, range });
  }
  return out;
}
