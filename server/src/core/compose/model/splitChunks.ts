// Splits a compose file into chunks that parse on their own: one per top-level entry, for an
// entry holding a block mapping (services, volumes, x-…) one per child, and, on request (a chunk
// the parser rejects, see parseYaml), the same again one level down. Parsing 1,000 services with
// `yaml` takes over 100 ms, but an edit touches one chunk, so the others come from a cache; and a
// syntax error stays inside the chunk it was written in instead of switching off every check.
//
// A chunk starts at every line indented exactly at its level. In valid YAML such a line always
// starts the next entry of the mapping, except a closing bracket, an explicit `: value` line and a
// `- item` written at its key's indentation, which can only continue the entry above; those stay
// with it. So for valid YAML the chunks are exactly the entries. What the splitter cannot place
// (several documents, a root that is not a block mapping, indentation before the first key)
// returns undefined and the caller parses the whole text at once.

export interface ChunkSpan {
  start: number;
  end: number;
}

export interface EntrySpan extends ChunkSpan {
  /** When the entry is `key:` over a block mapping: the key line (with comments up to the first child) and the children. */
  split?: EntrySplit;
}

export interface EntrySplit {
  header: ChunkSpan;
  children: ChunkSpan[];
}

// A plain or quoted mapping key followed by ':' and a space or the end of the line.
const KEY_LINE = /^(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|<<|[A-Za-z0-9_.\/$][^:#]*?)[ \t]*:(?:[ \t]|$)/;
const EMPTY_VALUE = /:[ \t]*(?:#.*)?$/;

interface LineInfo {
  start: number;
  /** Offset of the first non-space character. */
  first: number;
  /** End of the line's text (before \r\n). */
  end: number;
  indent: number;
  /** Tabs in the indentation: the line's level cannot be told from its columns. */
  tabbed: boolean;
}

/** Calls `visit` for each line in [from, to) that holds something other than blanks and comments. */
function contentLines(text: string, from: number, to: number, visit: (line: LineInfo) => boolean | void): void {
  let lineStart = from;
  while (lineStart < to) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0 || lineEnd >= to) lineEnd = to;
    const next = lineEnd < to ? lineEnd + 1 : to;
    if (lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    let first = lineStart;
    while (first < lineEnd && text.charCodeAt(first) === 32) first++;
    let tabbed = false;
    while (first < lineEnd && (text.charCodeAt(first) === 9 || text.charCodeAt(first) === 32)) {
      tabbed = true;
      first++;
    }
    if (first < lineEnd && text.charCodeAt(first) !== 35 /* # */) {
      if (visit({ start: lineStart, first, end: lineEnd, indent: first - lineStart, tabbed }) === false) return;
    }
    lineStart = next;
  }
}

/** Whether a line at a mapping's indentation continues the entry above instead of starting one. */
function continuesEntry(text: string, line: LineInfo): boolean {
  const c = text.charCodeAt(line.first);
  if (c === 93 /* ] */ || c === 125 /* } */) return true;
  if (c === 58 /* : */ || c === 45 /* - */) {
    const after = text.charCodeAt(line.first + 1);
    return line.first + 1 >= line.end || after === 32 || after === 9;
  }
  return false;
}

export function isKeyLine(text: string, line: { first: number; end: number }): boolean {
  return KEY_LINE.test(text.slice(line.first, line.end));
}

export function splitChunks(text: string): EntrySpan[] | undefined {
  const starts: number[] = [];
  let supported = true;
  let seenContent = false;
  contentLines(text, 0, text.length, (line) => {
    if (line.tabbed) {
      if (!seenContent) supported = false;
      return supported; // its level is unknown: it stays with the entry above
    }
    if (line.indent > 0) {
      if (!seenContent) supported = false; // an indented root mapping
      return supported;
    }
    const rest = text.slice(line.first, line.end);
    if (rest.startsWith('---')) {
      if (seenContent || !/^---[ \t]*(?:#.*)?$/.test(rest)) supported = false;
      return supported;
    }
    if (rest.startsWith('...') || rest.startsWith('%')) {
      supported = false;
      return false;
    }
    if (!seenContent) {
      const c = rest.charCodeAt(0);
      if (c === 123 /* { */ || c === 91 /* [ */ || continuesEntry(text, line)) {
        supported = false;
        return false;
      }
      seenContent = true;
      starts.push(0); // the first entry takes the leading comments and document marker
      return true;
    }
    if (!continuesEntry(text, line)) starts.push(line.start);
    return true;
  });
  if (!supported || starts.length === 0) return undefined;
  return starts.map((start, i) => {
    const entry: EntrySpan = { start, end: i + 1 < starts.length ? starts[i + 1]! : text.length };
    const split = splitEntry(text, entry);
    if (split) entry.split = split;
    return entry;
  });
}

/**
 * Splits one entry into its key line and its children when its value is a block mapping written
 * on the following lines (`key:` then children indented further). Undefined for anything else.
 */
export function splitEntry(text: string, span: ChunkSpan): EntrySplit | undefined {
  let header: LineInfo | undefined;
  let childIndent = -1;
  const children: number[] = [];
  let splittable = true;
  contentLines(text, span.start, span.end, (line) => {
    if (!header) {
      const rest = text.slice(line.first, line.end);
      if (line.tabbed || !KEY_LINE.test(rest) || !EMPTY_VALUE.test(rest)) splittable = false;
      header = line;
      return splittable;
    }
    if (line.tabbed) {
      if (children.length === 0) splittable = false;
      return splittable;
    }
    if (line.indent <= header.indent) {
      splittable = false; // a closing bracket or the like at the entry's own level
      return false;
    }
    if (childIndent < 0) {
      if (continuesEntry(text, line)) {
        splittable = false; // a sequence or flow value, not a mapping
        return false;
      }
      childIndent = line.indent;
      children.push(line.start);
      return true;
    }
    if (line.indent < childIndent) {
      // Between the key and its children: it may belong to either level, so the entry is not split.
      splittable = false;
      return false;
    }
    if (line.indent === childIndent && !continuesEntry(text, line)) children.push(line.start);
    return true;
  });
  if (!splittable || children.length === 0) return undefined;
  return {
    header: { start: span.start, end: children[0]! },
    children: children.map((start, i) => ({ start, end: i + 1 < children.length ? children[i + 1]! : span.end })),
  };
}
