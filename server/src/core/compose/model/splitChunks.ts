// Splits a compose file into independently parseable chunks: one per top-level key, and for a
// top-level key holding a block mapping (services, volumes, x-…), one per child entry. Parsing
// 1,000 services with `yaml` takes over 100 ms, but an edit touches one chunk, so the others come
// from a cache. The splitter is deliberately conservative: anything it does not fully understand
// (several documents, flow or sequence roots, tabs, odd indentation) returns undefined and the
// caller parses the whole text at once.

export interface ChunkSpan {
  start: number;
  end: number;
}

export interface TopEntrySpan extends ChunkSpan {
  /** When the entry's block mapping was split: the key line (with comments up to the first child) and the children. */
  split?: { header: ChunkSpan; children: ChunkSpan[] };
}

// A plain or quoted mapping key followed by ':' and a space or the end of the line. Keys the
// splitter does not recognise make it give up, which is always safe.
// (A plain key runs to its first colon: written as `[^:#]*?[ \t]*:` the pattern was quadratic on long runs of spaces.)
const KEY_LINE = /^(?:(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|<<)[ \t]*|[A-Za-z0-9_.\/$][^:#]*):(?:[ \t]|$)/;
const EMPTY_VALUE = /:[ \t]*(?:#.*)?$/;

interface OpenEntry {
  start: number;
  splittable: boolean;
  childIndent: number;
  children: number[];
}

export function splitChunks(text: string): TopEntrySpan[] | undefined {
  const entries: TopEntrySpan[] = [];
  let open: OpenEntry | undefined;
  let seenKey = false;
  const close = (end: number) => {
    if (!open) return;
    const entry: TopEntrySpan = { start: open.start, end };
    if (open.splittable && open.children.length > 0) {
      const starts = open.children;
      entry.split = {
        header: { start: open.start, end: starts[0]! },
        children: starts.map((s, i) => ({ start: s, end: i + 1 < starts.length ? starts[i + 1]! : end })),
      };
    }
    entries.push(entry);
  };

  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    const next = lineEnd < 0 ? text.length : lineEnd + 1;
    if (lineEnd < 0) lineEnd = text.length;
    if (lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    let first = lineStart;
    while (first < lineEnd && text.charCodeAt(first) === 32) first++;
    if (first < lineEnd && text.charCodeAt(first) === 9) return undefined; // tabs: let the parser judge
    if (first === lineEnd || text.charCodeAt(first) === 35 /* # */) {
      lineStart = next;
      continue;
    }
    const line = text.slice(first, lineEnd);
    const indent = first - lineStart;
    if (indent === 0) {
      if (line.startsWith('---')) {
        if (seenKey || !/^---[ \t]*(?:#.*)?$/.test(line)) return undefined;
        lineStart = next;
        continue;
      }
      if (!KEY_LINE.test(line)) return undefined;
      close(lineStart);
      open = { start: seenKey ? lineStart : 0, splittable: EMPTY_VALUE.test(line), childIndent: -1, children: [] };
      seenKey = true;
    } else {
      if (!open) return undefined;
      if (open.splittable) {
        if (open.childIndent < 0) {
          if (KEY_LINE.test(line)) {
            open.childIndent = indent;
            open.children.push(lineStart);
          } else {
            open.splittable = false;
          }
        } else if (indent === open.childIndent) {
          if (!KEY_LINE.test(line)) return undefined;
          open.children.push(lineStart);
        } else if (indent < open.childIndent) {
          return undefined;
        }
      }
    }
    lineStart = next;
  }
  close(text.length);
  return entries.length > 0 ? entries : undefined;
}
