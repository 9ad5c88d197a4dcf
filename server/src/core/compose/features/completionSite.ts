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

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);

interface KeySplit {
  /** The key as written (quotes included). */
  key: string;
  /** Whitespace right after the colon. */
  spaces: string;
  value: string;
}

/**
 * `key:` at the start of `text`, read by a linear scan (the regular expression this replaces
 * backtracked quadratically on long runs of spaces). `line` mode reads a whole line: the colon
 * must end the text or be followed by whitespace, quoted keys may hold escapes and plain keys may
 * start with `-x`; otherwise (the text before the cursor) anything may follow the colon.
 */
function splitKey(text: string, line: boolean): KeySplit | undefined {
  const first = text[0];
  let colon: number;
  let keyEnd: number;
  if (first === '"' || first === "'") {
    let k = 1;
    for (; k < text.length; k++) {
      const c = text[k];
      if (line && first === '"' && c === '\\') k++;
      else if (c === first) {
        if (line && first === "'" && text[k + 1] === "'") k++;
        else break;
      }
    }
    if (k >= text.length) return undefined;
    keyEnd = k + 1;
    colon = keyEnd;
    while (isSpace(text[colon])) colon++;
    if (text[colon] !== ':') return undefined;
  } else {
    const forbidden = line ? '#\'"-?:,[]{}' : '#\'":[]{}';
    const dashKey = line && first === '-' && text.length > 1 && !isSpace(text[1]) && text[1] !== ':' && text[1] !== '#';
    if (first === undefined || isSpace(first) || (forbidden.includes(first) && !dashKey)) return undefined;
    colon = -1;
    for (let k = 1; k < text.length; k++) {
      if (text[k] === '#') return undefined;
      if (text[k] === ':') {
        colon = k;
        break;
      }
    }
    if (colon < 0) return undefined;
    keyEnd = colon;
    while (keyEnd > 1 && isSpace(text[keyEnd - 1])) keyEnd--;
  }
  let valueStart = colon + 1;
  while (isSpace(text[valueStart])) valueStart++;
  if (line && valueStart === colon + 1 && valueStart < text.length) return undefined;
  return { key: text.slice(0, keyEnd), spaces: text.slice(colon + 1, valueStart), value: text.slice(valueStart) };
}

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
  const rest = withoutComment(line.slice(i));
  const match = splitKey(rest, true);
  const result: LineShape = { blank: false, dash, content: i };
  if (match) {
    result.key = match.key.replace(/^["']|["']$/g, '');
    result.value = match.value.trim();
  }
  return result;
}

/**
 * How many lines a completion reads above or below the cursor. Real mappings are far shorter;
 * the bound keeps a completion in a huge file from reading all of it.
 */
export const MAX_LINES_READ = 20_000;

/** A line without its trailing ` # comment` (a `#` after a space or tab); a linear scan, no regex. */
function withoutComment(line: string): string {
  for (let k = 1; k < line.length; k++) {
    if (line.charCodeAt(k) === 35 /* # */ && (line.charCodeAt(k - 1) === 32 || line.charCodeAt(k - 1) === 9)) {
      let end = k - 1;
      while (end > 0 && (line.charCodeAt(end - 1) === 32 || line.charCodeAt(end - 1) === 9)) end--;
      return line.slice(0, end);
    }
  }
  return line;
}

/** Lines above `lineStart`, nearest first, without splitting the whole text. */
function* linesAbove(text: string, lineStart: number): Generator<string> {
  // `end` is the line break that ends the line being read; the first line starts at 0.
  let end = lineStart - 1;
  for (let read = 0; end >= 0 && read < MAX_LINES_READ; read++) {
    // lastIndexOf treats a negative start as 0 and would find the break at 0 again.
    const start = end > 0 ? text.lastIndexOf('\n', end - 1) + 1 : 0;
    yield text.slice(start, text.charCodeAt(end - 1) === 13 ? end - 1 : end);
    end = start - 1;
  }
}

function* linesBelow(text: string, lineEnd: number): Generator<string> {
  let start = lineEnd + 1;
  for (let read = 0; start > 0 && start <= text.length && read < MAX_LINES_READ; read++) {
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
  const keyValue = splitKey(content, false);
  if (keyValue) {
    const key = keyValue.key.replace(/^["']|["']$/g, '');
    const keyColumn = i;
    const parent = ancestors(text, lineStart, dash >= 0 ? dash : keyColumn, dash >= 0, siblings);
    if (!parent) return undefined;
    const path = dash >= 0 ? [...parent, 0, key] : [...parent, key];
    let value = keyValue.value;
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
    const result = site('value', path, value, valueStart, offset + wordAfter.length, keyColumn, siblings, keyValue.spaces === '', dash >= 0);
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
