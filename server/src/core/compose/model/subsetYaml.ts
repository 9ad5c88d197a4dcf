// Reads the YAML compose files are written in straight into the core's node tree, without the
// `yaml` package: block mappings and sequences, one-line plain and quoted scalars, flow
// collections (over several lines too), block scalars, anchors and aliases. The package's first parse in a process runs its lexer, parser and
// composer cold, which was most of a compose file's first answer (17 of 33 ms for ten services);
// this is one small pass over the lines. Anything outside the subset, and anything the package
// would report (an error, a warning, a repeated key), gives undefined and the caller parses with
// the package instead, so what this accepts it reads exactly as the package does, node for node
// and offset for offset (the unit tests compare the two on real files and on thousands of mangled
// ones).
import { shiftNode, walk, type CNode, type MapNode, type PairNode, type ScalarNode, type SeqNode } from './nodes';

/** Thrown to leave the subset; caught in parseYamlSubset, never escapes. */
const OUTSIDE = { outside: true };
/** Collections nested deeper than this are left to the package (compose files nest a few levels). */
const MAX_DEPTH = 64;
/** The package's limit for an implicit key is 1,024 characters; longer ones are its to report. */
const MAX_KEY = 1000;

const SPACE = 32;
const HASH = 35;
const DASH = 45;
const COLON = 58;

export interface SubsetDocument {
  root: CNode | null;
  /** Where the document starts: its `---` marker, else its first content line (0 when it has none). */
  start: number;
}

/**
 * A text that starts with a byte order mark (editors other than VS Code send it): read after it.
 * The package reads a sequence right after the mark as an error, and places an empty document at
 * 0: those are its to judge, and it says so.
 */
function readAfterBom(text: string): SubsetDocument | undefined {
  const read = parseYamlSubset(text.slice(1));
  if (!read || read.root?.kind === 'seq') return undefined;
  if (!read.root) return read;
  shiftNode(read.root, 1);
  return { root: read.root, start: read.start + 1 };
}

/**
 * A text with Windows line ends (CRLF), read as the same text with LF ends and every offset then
 * moved past the carriage returns removed before it. YAML reads CRLF as one line break, values included,
 * so the nodes are the package's; without this, Windows files went to the package, at twice the
 * cost. A carriage return elsewhere stays the package's to judge.
 */
function readCrlf(text: string): SubsetDocument | undefined {
  const lf = text.replace(/\r\n/g, '\n');
  if (lf.includes('\r')) return undefined;
  const read = parseYamlSubset(lf);
  if (!read) return undefined;
  // Where each removed carriage return was, in the LF text (the line feed after it): an offset
  // moves past those before it. Counted, not assumed per line: a chunk's context lines are LF.
  const removed: number[] = [];
  for (let at = text.indexOf('\r\n'); at >= 0; at = text.indexOf('\r\n', at + 2)) removed.push(at - removed.length);
  const moved = (offset: number) => {
    let lo = 0;
    let hi = removed.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (removed[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return offset + lo;
  };
  walk(read.root, (node) => {
    node.start = moved(node.start);
    node.end = moved(node.end);
  });
  return { root: read.root, start: moved(read.start) };
}

/** The document in `text` as the core's nodes, or undefined when `text` is not in the subset. */
export function parseYamlSubset(text: string): SubsetDocument | undefined {
  if (text.charCodeAt(0) === 0xfeff) return readAfterBom(text);
  if (text.includes('\r')) return readCrlf(text);
  // Tabs, carriage returns, control characters and a byte-order mark: the package's to judge.
  if (/[\x00-\x09\x0b-\x1f\x7f-\x9f\ufeff\u2028\u2029]/.test(text)) return undefined;
  try {
    return new SubsetReader(text).document();
  } catch (error) {
    if (error === OUTSIDE) return undefined;
    throw error;
  }
}

function outside(): never {
  throw OUTSIDE;
}

// The core schema of YAML 1.2, as the package resolves plain scalars.
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** A plain scalar's value under the core schema. */
function resolvePlain(source: string): string | number | boolean | null {
  const c = source.charCodeAt(0);
  // Most values start with a letter other than those of null, true, false, .inf and .nan.
  if (source.length > 0 && !(c === 126 || c === 43 || c === 45 || c === 46 || (c >= 48 && c <= 57) || /^[nNtTfF]/.test(source))) return source;
  if (NULL.test(source)) return null;
  if (BOOL.test(source)) return c === 116 || c === 84;
  if (INT_OCT.test(source)) return parseInt(source.substring(2), 8);
  if (INT.test(source)) return parseInt(source, 10);
  if (INT_HEX.test(source)) return parseInt(source.substring(2), 16);
  if (FLOAT_NAN.test(source)) return source.slice(-3).toLowerCase() === 'nan' ? NaN : source[0] === '-' ? -Infinity : Infinity;
  if (FLOAT_EXP.test(source) || FLOAT.test(source)) return parseFloat(source);
  return source;
}

/** Characters no plain scalar starts with; `-`, `?` and `:` may, when more text follows. */
function plainStart(text: string, at: number, end: number, flow: boolean): boolean {
  const c = text.charCodeAt(at);
  switch (c) {
    case 44: case 91: case 93: case 123: case 125: // , [ ] { }
    case 35: case 38: case 42: case 33: case 124: case 62: case 39: case 34: case 37: case 64: case 96: // # & * ! | > ' " % @ `
      return false;
    case DASH: case 63: case COLON: { // - ? :
      if (at + 1 >= end) return false;
      const next = text.charCodeAt(at + 1);
      return next !== SPACE && !(flow && (next === 44 || next === 91 || next === 93 || next === 123 || next === 125));
    }
    default:
      return true;
  }
}

// A double-quoted scalar's escapes, as the package decodes them.
const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
  N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029', ' ': ' ', '"': '"', '/': '/', '\\': '\\',
};
const HEX_DIGITS: Record<string, number> = { x: 2, u: 4, U: 8 };

/** The text of a one-line double-quoted scalar (between its quotes) with its escapes decoded. */
function unescape(inner: string): string {
  let value = '';
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i]!;
    if (c !== '\\') {
      value += c;
      continue;
    }
    const next = inner[++i] ?? '';
    const simple = ESCAPES[next];
    if (simple !== undefined) {
      value += simple;
      continue;
    }
    const digits = HEX_DIGITS[next];
    if (digits === undefined) outside(); // an invalid escape: the package reports it
    const hex = inner.substr(i + 1, digits);
    if (hex.length !== digits || !/^[0-9a-fA-F]+$/.test(hex)) outside();
    const code = parseInt(hex, 16);
    if (code > 0x10ffff) outside();
    value += String.fromCodePoint(code);
    i += digits;
  }
  return value;
}

class SubsetReader {
  private readonly length: number;
  // The current content line (blank and comment lines skipped): its start, first character, end
  // (before the line break) and indentation; at the end of the text indent is -1.
  private lineStart = 0;
  private first = 0;
  private lineEnd = 0;
  private indent = -1;
  private depth = 0;
  /** lineEndAt's last answer: the line holding every offset from endFrom to endFound ends at endFound. */
  private endFrom = -1;
  private endFound = -1;

  constructor(private readonly text: string) {
    this.length = text.length;
  }

  document(): SubsetDocument {
    const { text } = this;
    let start = 0;
    let marker = false;
    this.seek(0, true);
    if (this.indent === 0 && text.startsWith('---', this.first) && this.breakOrSpace(this.first + 3)) {
      // A document marker with nothing after it but a comment.
      const after = this.skipSpaces(this.first + 3, this.lineEnd);
      if (after < this.lineEnd && text.charCodeAt(after) !== HASH) outside();
      start = this.lineStart;
      marker = true;
      this.seek(this.lineEnd + 1);
    } else if (this.indent >= 0) {
      // Without a marker the document starts at its first content line.
      start = this.lineStart;
      this.seek(this.lineStart);
    }
    if (this.indent < 0) {
      if (marker) outside(); // the package reads a marker over nothing as a null scalar
      return { root: null, start: 0 };
    }
    let root: CNode;
    if (this.isItem()) root = this.sequence();
    else if (this.isKeyAt(this.first)) root = this.mapping(this.indent);
    else outside(); // a scalar or flow document: not what compose files are
    if (this.indent >= 0) outside(); // something after the root, less indented than it
    return { root, start };
  }

  /** Moves to the first content line at or after `from`. */
  private seek(from: number, firstLine = false): void {
    const { text, length } = this;
    let at = from;
    while (at < length) {
      let end = text.indexOf('\n', at);
      if (end < 0) end = length;
      let first = at;
      while (first < end && text.charCodeAt(first) === SPACE) first++;
      if (first < end && text.charCodeAt(first) !== HASH) {
        this.lineStart = at;
        this.first = first;
        this.lineEnd = end;
        this.indent = first - at;
        // Another document, a document end or a directive: the package's to read.
        if (this.indent === 0 && !firstLine && (text.startsWith('---', first) || text.startsWith('...', first)) && this.breakOrSpace(first + 3)) outside();
        if (this.indent === 0 && text.charCodeAt(first) === 37 /* % */) outside();
        return;
      }
      at = end + 1;
    }
    this.lineStart = this.first = this.lineEnd = length;
    this.indent = -1;
  }

  private breakOrSpace(at: number): boolean {
    return at >= this.lineEnd || this.text.charCodeAt(at) === SPACE;
  }

  private skipSpaces(at: number, end: number): number {
    while (at < end && this.text.charCodeAt(at) === SPACE) at++;
    return at;
  }

  /** Whether the current line is a block sequence item (`-` then a space or the line's end). */
  private isItem(): boolean {
    return this.text.charCodeAt(this.first) === DASH && this.breakOrSpace(this.first + 1);
  }

  private deeper(): void {
    if (++this.depth > MAX_DEPTH) outside();
  }

  /** A block mapping whose keys are at `indent`, from the current line (which may start mid-line, after `- `). */
  private mapping(indent: number): MapNode {
    this.deeper();
    const pairs: PairNode[] = [];
    const keys = new Set<unknown>();
    while (this.indent === indent) {
      if (this.isItem()) outside(); // an item where a key belongs
      const [key, after] = this.key(this.first);
      if (keys.has(key.value)) outside(); // a repeated key: the package reports it
      keys.add(key.value);
      pairs.push({ key, value: this.valueAfter(after, indent, true) });
    }
    if (this.indent > indent) outside();
    this.depth--;
    const last = pairs[pairs.length - 1]!;
    return { kind: 'map', start: pairs[0]!.key!.start, end: (last.value ?? last.key!).end, pairs, flow: false };
  }

  /** A block sequence whose items are at the current line's indentation. */
  private sequence(): SeqNode {
    this.deeper();
    const indent = this.indent;
    const start = this.first;
    const items: CNode[] = [];
    while (this.indent === indent && this.isItem()) {
      const after = this.first + 1;
      const at = this.skipSpaces(after, this.lineEnd);
      if (at < this.lineEnd && this.text.charCodeAt(at) !== HASH && this.isKeyAt(at)) {
        // `- key: value`: a mapping whose keys line up under this first one.
        this.first = at;
        this.indent = at - this.lineStart;
        items.push(this.mapping(this.indent));
      } else {
        items.push(this.valueAfter(after, indent, false));
      }
    }
    if (this.indent > indent) outside();
    this.depth--;
    return { kind: 'seq', start, end: items[items.length - 1]!.end, items, flow: false };
  }

  /**
   * The value after a key's `:` or an item's `-` at `from` on the current line, within a
   * collection at `indent`: on the same line, or on the lines below (a block mapping or sequence,
   * or a scalar on a line of its own), or none (null, placed where the line's text goes on).
   */
  private valueAfter(from: number, indent: number, inMapping: boolean): CNode {
    const { text } = this;
    const end = this.lineEnd;
    let at = this.skipSpaces(from, end);
    let anchor: string | undefined;
    if (at < end && text.charCodeAt(at) === 38 /* & */) {
      const nameEnd = this.nameEnd(at + 1, end);
      anchor = text.slice(at + 1, nameEnd);
      if (!this.breakOrSpace(nameEnd)) outside();
      at = this.skipSpaces(nameEnd, end);
    }
    if (at < end && text.charCodeAt(at) !== HASH) {
      const node = this.inline(at, indent);
      if (anchor !== undefined) {
        if (node.kind === 'alias') outside();
        node.anchor = anchor;
      }
      return node;
    }
    const empty = at;
    this.seek(end + 1);
    if (this.indent > indent || (inMapping && this.indent === indent && this.isItem())) {
      let node: CNode;
      if (this.isItem()) node = this.sequence();
      else if (this.isKeyAt(this.first)) node = this.mapping(this.indent);
      else {
        // A scalar on a line of its own (a block scalar header there is the package's to place).
        const c = this.text.charCodeAt(this.first);
        if (anchor !== undefined || c === 124 || c === 62) outside();
        node = this.inline(this.first, indent);
      }
      if (anchor !== undefined) node.anchor = anchor;
      return node;
    }
    if (anchor !== undefined) outside();
    return { kind: 'scalar', start: empty, end: empty, value: null, style: 'plain' };
  }

  /** An anchor's or alias's name: up to a space, a flow indicator or the line's end. */
  private nameEnd(from: number, end: number): number {
    let at = from;
    while (at < end) {
      const c = this.text.charCodeAt(at);
      if (c === SPACE || c === 44 || c === 91 || c === 93 || c === 123 || c === 125) break;
      at++;
    }
    if (at === from) outside();
    // A colon in a name reads as a key's in the package (`*a:`): its to judge.
    if (this.text.slice(from, at).includes(':')) outside();
    return at;
  }

  /** Whether a key (plain or quoted, then `:` and a space or the line's end) starts at `at`. */
  private isKeyAt(at: number): boolean {
    const { text } = this;
    const end = this.lineEnd;
    const c = text.charCodeAt(at);
    if (c === 34 || c === 39) {
      const close = this.quoteEnd(at, end, false);
      if (close < 0) return false;
      const colon = this.skipSpaces(close, end);
      return text.charCodeAt(colon) === COLON && this.breakOrSpace(colon + 1);
    }
    if (!plainStart(text, at, end, false)) return false;
    return this.plainKeyColon(at, end) >= 0;
  }

  /** The `:` ending a plain key that starts at `at`, or -1 (none on the line, or a comment first). */
  private plainKeyColon(at: number, end: number): number {
    const { text } = this;
    for (let i = at; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === COLON && (i + 1 >= end || text.charCodeAt(i + 1) === SPACE)) return i;
      if (c === HASH && text.charCodeAt(i - 1) === SPACE) return -1;
    }
    return -1;
  }

  /** The key at `at` on the current line, and the offset after its `:`. */
  private key(at: number): [ScalarNode, number] {
    const { text } = this;
    const end = this.lineEnd;
    const c = text.charCodeAt(at);
    let key: ScalarNode;
    let colon: number;
    if (c === 34 || c === 39) {
      key = this.quoted(at, end);
      colon = this.skipSpaces(key.end, end);
      if (text.charCodeAt(colon) !== COLON || !this.breakOrSpace(colon + 1)) outside();
    } else {
      if (!plainStart(text, at, end, false)) outside();
      colon = this.plainKeyColon(at, end);
      if (colon < 0) outside();
      let keyEnd = colon;
      while (keyEnd > at && text.charCodeAt(keyEnd - 1) === SPACE) keyEnd--;
      key = { kind: 'scalar', start: at, end: keyEnd, value: resolvePlain(text.slice(at, keyEnd)), style: 'plain' };
    }
    if (colon - at > MAX_KEY) outside();
    return [key, colon + 1];
  }

  /**
   * A value that starts on the current line at `at`, within a collection at `indent`; moves past
   * it. A line below indented deeper than the collection would continue or break it: left to the package.
   */
  private inline(at: number, indent: number): CNode {
    const { text } = this;
    let end = this.lineEnd;
    const c = text.charCodeAt(at);
    let node: CNode;
    let after: number;
    if (c === 124 || c === 62) return this.blockScalar(at, indent);
    if (c === 34 || c === 39) {
      node = this.quoted(at, end);
      after = node.end;
    } else if (c === 91 || c === 123) {
      [node, after] = this.flow(at, indent, 0);
      end = this.lineEndAt(after); // the line the collection closes on
    } else if (c === 42 /* * */) {
      after = this.nameEnd(at + 1, end);
      node = { kind: 'alias', start: at, end: after, name: text.slice(at + 1, after) };
    } else {
      if (!plainStart(text, at, end, false)) outside();
      let stop = at;
      for (let i = at; i < end; i++) {
        const ch = text.charCodeAt(i);
        if (ch === HASH && text.charCodeAt(i - 1) === SPACE) break;
        // `: ` or a final `:` would make it a key: a mapping where a value belongs.
        if (ch === COLON && (i + 1 >= end || text.charCodeAt(i + 1) === SPACE)) outside();
        if (ch !== SPACE) stop = i + 1;
      }
      node = { kind: 'scalar', start: at, end: stop, value: resolvePlain(text.slice(at, stop)), style: 'plain' };
      after = stop;
    }
    // Only blanks and a comment (after a blank) may follow on the line.
    const rest = this.skipSpaces(after, end);
    if (rest < end && (text.charCodeAt(rest) !== HASH || rest === after)) outside();
    this.seek(end + 1);
    if (this.indent > indent) outside();
    return node;
  }

  /** The end of a quoted scalar starting at `at` (after its closing quote), or -1 if not closed on the line. */
  private quoteEnd(at: number, end: number, strict: boolean): number {
    const { text } = this;
    const quote = text.charCodeAt(at);
    for (let i = at + 1; i < end; i++) {
      const c = text.charCodeAt(i);
      if (quote === 34 && c === 92 /* \ */) {
        i++; // the escaped character cannot close the scalar
        continue;
      }
      if (c === quote) {
        if (quote === 39 && text.charCodeAt(i + 1) === 39 && i + 1 < end) {
          i++;
          continue;
        }
        return i + 1;
      }
    }
    if (strict) outside(); // runs on over the line
    return -1;
  }

  private quoted(at: number, end: number): ScalarNode {
    const close = this.quoteEnd(at, end, true);
    const inner = this.text.slice(at + 1, close - 1);
    return this.text.charCodeAt(at) === 34
      ? { kind: 'scalar', start: at, end: close, value: inner.includes('\\') ? unescape(inner) : inner, style: 'double' }
      : { kind: 'scalar', start: at, end: close, value: inner.replace(/''/g, "'"), style: 'single' };
  }

  /**
   * A flow sequence or mapping starting at `at`, within a block collection at `indent`: the node
   * and the offset after it. It may run over lines; each line it continues on must be indented
   * deeper than the collection (a closing bracket may line up with it).
   */
  private flow(at: number, indent: number, depth: number): [CNode, number] {
    if (depth > 16) outside();
    const { text } = this;
    const isSeq = text.charCodeAt(at) === 91;
    const close = isSeq ? 93 : 125;
    const items: CNode[] = [];
    const pairs: PairNode[] = [];
    const keys = new Set<unknown>();
    let i = at + 1;
    for (;;) {
      i = this.flowSpace(i, indent);
      if (text.charCodeAt(i) === close) break;
      if (isSeq) {
        const [item, after] = this.flowItem(i, indent, depth);
        items.push(item);
        i = after;
      } else {
        let key: ScalarNode;
        let colon: number;
        const c = text.charCodeAt(i);
        if (c === 34 || c === 39) {
          key = this.quoted(i, this.lineEndAt(i));
          colon = key.end;
        } else {
          if (!plainStart(text, i, this.lineEndAt(i), true)) outside();
          colon = i;
          while (!(text.charCodeAt(colon) === COLON && text.charCodeAt(colon + 1) === SPACE)) {
            const ch = text.charCodeAt(colon);
            if (colon >= this.length || ch === 10 || ch === 44 || ch === 91 || ch === 93 || ch === 123 || ch === 125 || ch === HASH) outside();
            colon++;
          }
          let keyEnd = colon;
          while (keyEnd > i && text.charCodeAt(keyEnd - 1) === SPACE) keyEnd--;
          key = { kind: 'scalar', start: i, end: keyEnd, value: resolvePlain(text.slice(i, keyEnd)), style: 'plain' };
        }
        if (text.charCodeAt(colon) !== COLON || text.charCodeAt(colon + 1) !== SPACE) outside();
        if (keys.has(key.value)) outside();
        keys.add(key.value);
        const valueAt = this.skipSpaces(colon + 1, this.lineEndAt(colon));
        const [value, after] = this.flowItem(valueAt, indent, depth);
        pairs.push({ key, value });
        i = after;
      }
      i = this.flowSpace(i, indent);
      const c = text.charCodeAt(i);
      if (c === 44 /* , */) {
        i++;
      } else if (c !== close) {
        outside();
      }
    }
    const node: CNode = isSeq
      ? { kind: 'seq', start: at, end: i + 1, items, flow: true }
      : { kind: 'map', start: at, end: i + 1, pairs, flow: true };
    return [node, i + 1];
  }

  /**
   * The end of the line `at` is on. Flow collections ask for every token, always further on, so
   * the last answer is kept: a collection of many items on one long line is read in linear time.
   */
  private lineEndAt(at: number): number {
    if (at >= this.endFrom && at <= this.endFound) return this.endFound;
    const end = this.text.indexOf('\n', at);
    this.endFrom = at;
    this.endFound = end < 0 ? this.length : end;
    return this.endFound;
  }

  /**
   * Past blanks, comments and line breaks inside a flow collection, to its next token. A line
   * it goes on to must be indented deeper than the block collection at `indent` (a closing
   * bracket may line up with it): anything else is the package's to report.
   */
  private flowSpace(from: number, indent: number): number {
    const { text, length } = this;
    let i = from;
    for (;;) {
      while (i < length && text.charCodeAt(i) === SPACE) i++;
      if (i >= length) outside(); // never closed
      const c = text.charCodeAt(i);
      if (c === HASH) {
        if (i > 0 && text.charCodeAt(i - 1) !== SPACE && text.charCodeAt(i - 1) !== 10) outside();
        i = this.lineEndAt(i);
        continue;
      }
      if (c !== 10) return i;
      const lineStart = i + 1;
      let first = lineStart;
      while (first < length && text.charCodeAt(first) === SPACE) first++;
      const next = text.charCodeAt(first);
      if (first < length && next !== 10 && next !== HASH) {
        const spaces = first - lineStart;
        if (!(spaces > indent || (spaces === indent && (next === 93 || next === 125)))) outside();
        if (spaces === 0 && (text.startsWith('---', first) || text.startsWith('...', first))) outside();
      }
      i = first;
    }
  }

  /** One value inside a flow collection: quoted, an alias, a nested collection or a one-line plain scalar. */
  private flowItem(at: number, indent: number, depth: number): [CNode, number] {
    const { text } = this;
    const end = this.lineEndAt(at);
    if (at >= end) outside();
    const c = text.charCodeAt(at);
    if (c === 34 || c === 39) {
      const node = this.quoted(at, end);
      return [node, node.end];
    }
    if (c === 91 || c === 123) return this.flow(at, indent, depth + 1);
    if (c === 42 /* * */) {
      const nameEnd = this.nameEnd(at + 1, end);
      return [{ kind: 'alias', start: at, end: nameEnd, name: text.slice(at + 1, nameEnd) }, nameEnd];
    }
    if (!plainStart(text, at, end, true)) outside();
    let stop = at;
    for (let i = at; i < end; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 44 || ch === 91 || ch === 93 || ch === 123 || ch === 125) break;
      if (ch === HASH && text.charCodeAt(i - 1) === SPACE) break; // a comment
      if (ch === COLON) {
        const next = i + 1 < end ? text.charCodeAt(i + 1) : SPACE;
        // A `key: value` pair inside a flow sequence, or a key without a value.
        if (next === SPACE || next === 44 || next === 91 || next === 93 || next === 123 || next === 125) outside();
      }
      if (ch !== SPACE) stop = i + 1;
    }
    // A plain scalar that goes on over the next line is folded: the caller finds no `,` or bracket there and declines.
    return [{ kind: 'scalar', start: at, end: stop, value: resolvePlain(text.slice(at, stop)), style: 'plain' }, stop];
  }

  /**
   * A literal (`|`) or folded (`>`) scalar whose header is at `at`, within a collection at
   * `indent`; clipped or stripped (`-`). Kept (`+`) or explicitly indented ones, folded ones with
   * more-indented lines and empty ones are left to the package.
   */
  private blockScalar(at: number, indent: number): ScalarNode {
    const { text, length } = this;
    const folded = text.charCodeAt(at) === 62;
    let header = at + 1;
    let strip = false;
    if (text.charCodeAt(header) === DASH) {
      strip = true;
      header++;
    }
    const end = this.lineEnd;
    const rest = this.skipSpaces(header, end);
    if (rest < end && (text.charCodeAt(rest) !== HASH || rest === header)) outside();
    if (end >= length) outside(); // nothing below
    const lines: (string | null)[] = []; // content, or null for an empty line
    let contentIndent = -1;
    let leadingSpaces = 0;
    let lastEnd = -1;
    let lastContent = -1;
    let lineStart = end + 1;
    while (lineStart <= length) {
      let lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0) lineEnd = length;
      let first = lineStart;
      while (first < lineEnd && text.charCodeAt(first) === SPACE) first++;
      const spaces = first - lineStart;
      if (first === lineEnd) {
        if (contentIndent < 0) {
          leadingSpaces = Math.max(leadingSpaces, spaces);
          lines.push(null);
        } else if (spaces > contentIndent) {
          if (folded) outside();
          lines.push(text.slice(lineStart + contentIndent, lineEnd));
          lastContent = lines.length - 1;
          lastEnd = lineEnd < length ? lineEnd + 1 : length;
        } else {
          lines.push(null);
        }
      } else {
        if (contentIndent < 0) {
          if (spaces <= indent) break;
          if (leadingSpaces > spaces) outside();
          contentIndent = spaces;
        } else if (spaces < contentIndent) {
          break;
        }
        if (folded && spaces > contentIndent) outside();
        lines.push(text.slice(lineStart + contentIndent, lineEnd));
        lastContent = lines.length - 1;
        lastEnd = lineEnd < length ? lineEnd + 1 : length;
      }
      if (lineEnd >= length) break;
      lineStart = lineEnd + 1;
    }
    if (lastContent < 0) outside();
    let value = '';
    if (folded) {
      let empties = 0;
      let seen = false;
      for (let i = 0; i <= lastContent; i++) {
        const line = lines[i]!;
        if (line === null) {
          empties++;
          continue;
        }
        value += seen ? (empties === 0 ? ' ' : '\n'.repeat(empties)) + line : '\n'.repeat(empties) + line;
        seen = true;
        empties = 0;
      }
    } else {
      value = lines.slice(0, lastContent + 1).map((line) => line ?? '').join('\n');
    }
    if (!strip) value += '\n';
    this.seek(lastEnd);
    if (this.indent > indent) outside();
    return { kind: 'scalar', start: at, end: lastEnd, value, style: folded ? 'folded' : 'literal' };
  }
}
