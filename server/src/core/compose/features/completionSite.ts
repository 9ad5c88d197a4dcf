// Where the cursor is for completion, read from the lines themselves rather than the parse: a
// half-typed key (`    imag`) is a valid YAML scalar, so the tree would say "value", while the
// indentation says "a new key of this mapping". Walking up by indentation gives the path of
// keys (and `0` for sequence items) down to the cursor, as compose-language-service does.
import type { PathSegment } from '../schema/schemaMessages';

export type SiteKind = 'key' | 'value' | 'item';

export interface CompletionSite {
  kind: SiteKind;
  /** key: the mapping's path; value: the key's path; item: the sequence's path. */
  path: PathSegment[];
  /** What is typed of the word being completed. */
  prefix: string;
  /** Offsets of the text a completion replaces. */
  replaceStart: number;
  replaceEnd: number;
  /** Column of the key (key sites) or of the item's dash. */
  column: number;
  /** Keys already present in the mapping (key sites). */
  siblings: Set<string>;
  /** The cursor follows `key:` with no space yet. */
  needsSpace: boolean;
  /** The value is being written inside quotes. */
  quote?: '"' | "'";
  /** A `- key` line: the word may be an item value or the first key of a mapping item. */
  dashLine: boolean;
}

interface LineShape {
  blank: boolean;
  dash: number;
  content: number;
  key?: string;
  /** Text after `key:` (trimmed). */
  value?: string;
}

const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"\-?:,[\]{}][^:#]*?|-[^\s:#][^:#]*?)\s*:(?:\s+(.*))?$/;

function shape(line: string): LineShape {
  let i = 0;
  while (line[i] === ' ') i++;
  if (i >= line.length || line[i] === '#') return { blank: true, dash: -1, content: i };
  let dash = -1;
  if (line[i] === '-' && (line[i + 1] === ' ' || line[i + 1] === undefined)) {
    dash = i;
    i++;
    while (line[i] === ' ') i++;
  }
  const rest = line.slice(i).replace(/\s+#.*$/, '');
  const match = KEY.exec(rest);
  const result: LineShape = { blank: false, dash, content: i };
  if (match) {
    result.key = match[1]!.replace(/^["']|["']$/g, '');
    result.value = (match[2] ?? '').trim();
  }
  return result;
}

/** Lines above `lineStart`, nearest first, without splitting the whole text. */
function* linesAbove(text: string, lineStart: number): Generator<string> {
  let end = lineStart - 1;
  while (end >= 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    yield text.slice(start, text.charCodeAt(end - 1) === 13 ? end - 1 : end);
    end = start - 1;
  }
}

function* linesBelow(text: string, lineEnd: number): Generator<string> {
  let start = lineEnd + 1;
  while (start > 0 && start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    yield text.slice(start, text.charCodeAt(end - 1) === 13 ? end - 1 : end);
    start = end + 1;
  }
}

function indentOf(line: string): number {
  let i = 0;
  while (line.charCodeAt(i) === 32) i++;
  return i;
}

/** The lines above the cursor's line (reading upward) give the path to a column. */
function ancestors(text: string, lineStart: number, column: number, itemAtColumn: boolean, siblings: Set<string>): PathSegment[] | undefined {
  const path: PathSegment[] = [];
  let current = column;
  let isItem = itemAtColumn;
  let collecting = !itemAtColumn;
  for (const line of linesAbove(text, lineStart)) {
    if (current === 0 && !isItem && !collecting) break;
    // Deeper lines (and, once past the first level, lines at the same column) cannot be ancestors.
    const indent = indentOf(line);
    if (indent > current || (indent === current && !collecting && !isItem)) continue;
    const s = shape(line);
    if (s.blank) continue;
    const keyCol = s.key !== undefined ? s.content : -1;
    const parentKey = keyCol >= 0 && (keyCol < current || (isItem && keyCol === current && s.dash < 0));
    if (parentKey) {
      if (s.value && /^[|>]/.test(s.value)) return undefined; // inside a block scalar
      path.unshift(s.key!);
      if (s.dash >= 0) {
        path.unshift(0);
        current = s.dash;
      } else {
        current = keyCol;
      }
      isItem = false;
      collecting = false;
      continue;
    }
    if (!isItem && keyCol === current) {
      if (collecting) siblings.add(s.key!);
      if (s.dash >= 0 && s.dash < current) {
        path.unshift(0);
        current = s.dash;
        collecting = false;
      }
      continue;
    }
    if (s.dash >= 0 && s.dash < current && s.content === current && !isItem) {
      path.unshift(0);
      current = s.dash;
      collecting = false;
    }
  }
  return path;
}

/** Keys at the same column below the cursor, up to the end of the mapping. */
function siblingsBelow(text: string, lineEnd: number, column: number, into: Set<string>): void {
  for (const line of linesBelow(text, lineEnd)) {
    const indent = indentOf(line);
    if (indent > column) continue;
    const s = shape(line);
    if (s.blank) continue;
    if (indent < column || s.dash >= 0) return;
    if (s.key !== undefined) into.add(s.key);
  }
}

export function completionSite(text: string, offset: number): CompletionSite | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  const before = text.slice(lineStart, offset);
  const after = text.slice(offset, lineEnd).replace(/\r$/, '');
  if (before.includes('#')) return undefined;
  const wordAfter = /^[^\s:,\]}"']*/.exec(after)![0];
  let i = 0;
  while (before[i] === ' ') i++;
  let dash = -1;
  if (before[i] === '-' && before[i + 1] === ' ') {
    dash = i;
    i += 2;
    while (before[i] === ' ') i++;
  }
  const content = before.slice(i);
  const siblings = new Set<string>();
  const keyValue = /^("[^"]*"|'[^']*'|[^\s#'":[\]{}][^:#]*?)\s*:(\s*)(.*)$/.exec(content);
  if (keyValue) {
    const key = keyValue[1]!.replace(/^["']|["']$/g, '');
    const keyColumn = i;
    const parent = ancestors(text, lineStart, dash >= 0 ? dash : keyColumn, dash >= 0, siblings);
    if (!parent) return undefined;
    const path = dash >= 0 ? [...parent, 0, key] : [...parent, key];
    let value = keyValue[3]!;
    let valueStart = offset - value.length;
    if (value.startsWith('[')) {
      const last = Math.max(value.lastIndexOf(','), value.lastIndexOf('['));
      const itemText = value.slice(last + 1).trimStart();
      return site('item', path, itemText, offset - itemText.length, offset + wordAfter.length, i, siblings, false, dash >= 0);
    }
    let quote: '"' | "'" | undefined;
    if (value.startsWith('"') || value.startsWith("'")) {
      quote = value[0] as '"' | "'";
      value = value.slice(1);
      valueStart++;
    }
    const result = site('value', path, value, valueStart, offset + wordAfter.length, keyColumn, siblings, keyValue[2] === '', dash >= 0);
    if (quote) result.quote = quote;
    return result;
  }
  if (/[\s:[\]{}]/.test(content.replace(/^["']/, ''))) return undefined;
  if (dash >= 0) {
    const parent = ancestors(text, lineStart, dash, true, siblings);
    if (!parent) return undefined;
    const quoted = /^["']/.test(content);
    const result = site('item', parent, quoted ? content.slice(1) : content, offset - content.length + (quoted ? 1 : 0), offset + wordAfter.length, dash, siblings, false, true);
    if (quoted) result.quote = content[0] as '"' | "'";
    return result;
  }
  const parent = ancestors(text, lineStart, i, false, siblings);
  if (!parent) return undefined;
  siblingsBelow(text, lineEnd, i, siblings);
  return site('key', parent, content, offset - content.length, offset + wordAfter.length, i, siblings, false, false);
}

function site(kind: SiteKind, path: PathSegment[], prefix: string, replaceStart: number, replaceEnd: number, column: number, siblings: Set<string>, needsSpace: boolean, dashLine: boolean): CompletionSite {
  return { kind, path, prefix, replaceStart, replaceEnd, column, siblings, needsSpace, dashLine };
}
