// Splits a compose file into chunks that parse on their own: one per top-level entry, for an
// entry holding a block mapping (services, volumes, x-…) one per child, and, on request (a chunk
// the parser rejects, see parseYaml), the same again one level down. Parsing 1,000 services with
// `yaml` takes over 100 ms, but an edit touches one chunk, so the others come from a cache; and a
// syntax error stays inside the chunk it was written in instead of switching off every check.
//
// A chunk starts at every line indented exactly at its level. In valid YAML such a line always
// starts the next entry of the mapping, except a closing bracket, an explicit `: value` line and
// a `- item` right under an empty `key:` (or under another item), which can only continue the
// entry above; those stay with it. So for valid YAML the chunks are exactly the entries. Lines
// indented between a key and its children cannot be valid at either level: they start a chunk of
// their own (with what they hold, when they are an empty `key:`), so the error stays on them.
// Lines indented with tabs stay with the entry above. What the splitter cannot place
// (several documents, a root that is not a block mapping, indentation before the first key)
// returns undefined and the caller parses the whole text at once.

export interface ChunkSpan {
  start: number;
  end: number;
  /** Indented between its parent key and that key's other children: wrong at any level. */
  misindented?: boolean;
}

export interface EntrySpan extends ChunkSpan {
  /** When the entry is `key:` over a block mapping: the key line (with comments up to the first child) and the children. */
  split?: EntrySplit;
}

export interface EntrySplit {
  header: ChunkSpan;
  children: ChunkSpan[];
}

// A plain or quoted mapping key followed by ':' and a space or the end of the line. A plain key
// starts with anything but an indicator, or with "-", "?" or ":" right before more text ("-web").
// (A plain key runs to its first colon, blanks and all: written as `[^:#]*?[ \t]*:` the pattern
// was quadratic on long runs of spaces.)
const KEY_LINE = /^(?:(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*')[ \t]*|(?:[^\s\-?:,[\]{}#&*!|>'"%@`]|[-?:](?=\S))[^:#]*):(?:[ \t]|$)/;
const EMPTY_VALUE = /:[ \t]*(?:#.*)?$/;
// A line of node properties only (`&anchor`, `!tag`, or both) under an empty `key:`: they belong to
// the value below them (`x-common:` / `  &common` / `  image: alpine`, as Airflow's compose file writes
// it), so the lines under the key are one value, not entries of their own.
const PROPERTIES_ONLY = /^(?:[&!]\S*[ \t]+)*[&!]\S*[ \t]*(?:#.*)?$/;
/** How many other levels are tried for an entry whose first child's level leaves lines out of place. */
const MAX_LEVELS_TRIED = 4;

interface LineInfo {
  start: number;
  /** Offset of the first non-blank character. */
  first: number;
  /** End of the line's text (before \r\n). */
  end: number;
  /** Columns before the first non-blank character. */
  indent: number;
  tabbed: boolean;
}

/**
 * Calls `visit` for each line in [from, to) that holds something other than blanks and comments.
 * The line object is reused from call to call (this runs over every line on every edit): copy it to keep it.
 */
function contentLines(text: string, from: number, to: number, visit: (line: LineInfo) => boolean | void): void {
  const line: LineInfo = { start: 0, first: 0, end: 0, indent: 0, tabbed: false };
  let lineStart = from;
  while (lineStart < to) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0 || lineEnd >= to) lineEnd = to;
    const next = lineEnd < to ? lineEnd + 1 : to;
    if (lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    // A byte order mark before the first line is not part of it (YAML allows one there).
    const begin = lineStart === 0 && text.charCodeAt(0) === 0xfeff ? 1 : lineStart;
    let first = begin;
    while (first < lineEnd && text.charCodeAt(first) === 32) first++;
    let tabbed = false;
    while (first < lineEnd && (text.charCodeAt(first) === 9 || text.charCodeAt(first) === 32)) {
      tabbed = true;
      first++;
    }
    if (first < lineEnd && text.charCodeAt(first) !== 35 /* # */) {
      line.start = begin;
      line.first = first;
      line.end = lineEnd;
      line.indent = first - begin;
      line.tabbed = tabbed;
      if (visit(line) === false) return;
    }
    lineStart = next;
  }
}

function startsWith(text: string, line: LineInfo, code: number): boolean {
  if (text.charCodeAt(line.first) !== code) return false;
  const after = text.charCodeAt(line.first + 1);
  return line.first + 1 >= line.end || after === 32 || after === 9;
}

const isDash = (text: string, line: LineInfo) => startsWith(text, line, 45 /* - */);

/** A closing bracket or an explicit `: value`: at a mapping's indentation these only continue the entry above. */
function closesEntry(text: string, line: LineInfo): boolean {
  const c = text.charCodeAt(line.first);
  return c === 93 /* ] */ || c === 125 /* } */ || startsWith(text, line, 58 /* : */);
}

function isKeyLine(text: string, line: LineInfo): boolean {
  return KEY_LINE.test(text.slice(line.first, line.end));
}

function isEmptyKey(text: string, line: LineInfo): boolean {
  const rest = text.slice(line.first, line.end);
  return KEY_LINE.test(rest) && EMPTY_VALUE.test(rest);
}

/**
 * Finds where the entries of one mapping level start. `level` is the entries' indentation and
 * `above` their parent key's (-1 at the top). Also counts the lines that are out of place at this
 * level (see `misplaced`), which for valid YAML is none.
 */
class LevelSplitter {
  readonly starts: ChunkSpan[] = [];
  /** Lines between the parent key and the level, lines before the first entry, and `key:` lines under a `key: value`. */
  misplaced = 0;
  /** The last line at the level: an empty `key:` (a compact list may follow), an item, a `key: plain value`, or else. */
  private last: 'empty-key' | 'item' | 'plain' | 'other' = 'other';
  private deeperSinceLast = false;
  private atLevelYet = false;
  /** The indentation of an open misindented empty `key:` whose block the following lines are. */
  private misindentedBlock = -1;

  constructor(private readonly text: string, private readonly level: number, private readonly above: number) {}

  add(line: LineInfo): void {
    const { text, level } = this;
    if (this.misindentedBlock >= 0 && !line.tabbed && line.indent > this.misindentedBlock) return;
    this.misindentedBlock = -1;
    if (line.tabbed || line.indent > level) {
      // A tab hides the level: such a line stays with the entry above, where the parser judges it.
      if (!this.atLevelYet) {
        // Before the first entry: out of place, each line of it.
        this.misplaced++;
        if (this.starts.length === 0) this.start(line, 'other', true);
      } else if (this.last === 'plain' && !line.tabbed && KEY_LINE.test(text.slice(line.first, line.end))) {
        this.misplaced++; // a plain value cannot go on with a `key:` line
      }
      this.deeperSinceLast = true;
      return;
    }
    if (line.indent < level) {
      if (line.indent <= this.above) return; // cannot happen inside the span of one entry
      this.misplaced++;
      this.start(line, 'other', true);
      if (isEmptyKey(text, line)) this.misindentedBlock = line.indent;
      return;
    }
    if (closesEntry(text, line)) return;
    if (isDash(text, line)) {
      const continues = (this.last === 'empty-key' && !this.deeperSinceLast) || this.last === 'item';
      if (continues) {
        this.last = 'item';
        this.deeperSinceLast = false;
        return;
      }
      this.start(line, 'item');
      return;
    }
    this.start(line, lineKind(text, line));
  }

  private start(line: LineInfo, kind: 'empty-key' | 'item' | 'plain' | 'other', misindented = false): void {
    if (!misindented || line.indent < this.level) this.atLevelYet = true;
    this.starts.push(misindented ? { start: line.start, end: 0, misindented } : { start: line.start, end: 0 });
    this.last = kind;
    this.deeperSinceLast = false;
  }

  /** The chunks, each running to the next one's start (the last to `end`). */
  spans(end: number): ChunkSpan[] {
    return this.starts.map((span, i) => ({ ...span, end: i + 1 < this.starts.length ? this.starts[i + 1]!.start : end }));
  }
}

/** What a line at the level holds: an empty `key:`, a `key:` with a plain one-line value, or something else. */
function lineKind(text: string, line: LineInfo): 'empty-key' | 'plain' | 'other' {
  const rest = text.slice(line.first, line.end);
  const key = KEY_LINE.exec(rest);
  if (!key) return 'other';
  const value = rest.slice(key[0].length).trimStart();
  if (value === '' || value.startsWith('#')) return 'empty-key';
  return /^[^"'[{|>&!*%@`]/.test(value) ? 'plain' : 'other';
}

export function splitChunks(text: string): EntrySpan[] | undefined {
  const level = new LevelSplitter(text, 0, -1);
  let supported = true;
  let seenContent = false;
  contentLines(text, 0, text.length, (line) => {
    if (!seenContent) {
      const rest = text.slice(line.first, line.end);
      if (rest.startsWith('---') && line.indent === 0) {
        if (!/^---[ \t]*(?:#.*)?$/.test(rest)) supported = false;
        return supported;
      }
      const c = rest.charCodeAt(0);
      if (line.indent > 0 || line.tabbed || c === 123 /* { */ || c === 91 /* [ */ || c === 37 /* % */ || isDash(text, line) || closesEntry(text, line)) {
        supported = false; // not a block mapping at the root
        return false;
      }
      seenContent = true;
      level.add({ ...line, start: 0 }); // the first entry takes the leading comments and document marker
      return true;
    }
    if (line.indent === 0 && !line.tabbed && (text.startsWith('---', line.first) || text.startsWith('...', line.first))) {
      supported = false; // another document
      return false;
    }
    level.add(line);
    return true;
  });
  if (!supported || !seenContent) return undefined;
  return level.spans(text.length).map((span) => {
    const entry: EntrySpan = span;
    const split = splitEntry(text, span);
    if (split) entry.split = split;
    return entry;
  });
}

/**
 * Splits one entry into its key line and its children when its value is a block mapping written
 * on the following lines (`key:` then children indented further). Undefined for anything else.
 * The children's level is the first child's indentation, as for the parser; when that leaves
 * lines out of place (a first child indented one space too far, say), the indentation of another
 * `key:` line that leaves fewer is taken, so the odd line is the one that breaks.
 */
export function splitEntry(text: string, span: ChunkSpan): EntrySplit | undefined {
  let header: LineInfo | undefined;
  let first: LineInfo | undefined;
  let lead: LineInfo | undefined;
  let splitter: LevelSplitter | undefined;
  /** Lines before the first child (rare): fed to the splitter once the level is known. */
  const before: LineInfo[] = [];
  let splittable = true;
  contentLines(text, span.start, span.end, (line) => {
    if (!header) {
      if (line.tabbed || !isEmptyKey(text, line)) splittable = false;
      header = { ...line };
      return splittable;
    }
    if (line.indent <= header.indent && !line.tabbed) {
      splittable = false; // a closing bracket or the like at the entry's own level
      return false;
    }
    if (splitter) {
      splitter.add(line);
      return true;
    }
    if (!line.tabbed) {
      if (!lead && PROPERTIES_ONLY.test(text.slice(line.first, line.end))) {
        splittable = false; // parsed whole: the properties and the mapping under them are one node
        return false;
      }
      lead ??= { ...line };
      // A list or flow value, unless a `key:` line follows at its indentation or left of it (which is invalid).
      const listLike = isDash(text, line) || closesEntry(text, line);
      if (!listLike && (line.start === lead.start || (line.indent <= lead.indent && isKeyLine(text, line)))) first = { ...line };
    }
    if (!first) {
      before.push({ ...line });
      return true;
    }
    splitter = new LevelSplitter(text, first.indent, header.indent);
    for (const earlier of before) splitter.add(earlier);
    splitter.add(line);
    return true;
  });
  if (!splittable || !header || !first || !splitter) return undefined;
  let best = splitter;
  if (best.misplaced > 0) {
    // Out of place at the first child's level: try the levels of the other `key:` lines.
    const lines: LineInfo[] = [];
    contentLines(text, header.end, span.end, (line) => {
      lines.push({ ...line });
    });
    const counts = new Map<number, number>();
    for (const l of lines) if (!l.tabbed && l.indent !== first.indent && isKeyLine(text, l)) counts.set(l.indent, (counts.get(l.indent) ?? 0) + 1);
    // The few most used ones (bounded work on a file indented every which way), shallowest first on a tie.
    const levels = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, MAX_LEVELS_TRIED).map(([level]) => level);
    for (const level of levels) {
      const other = splitAt(text, lines, level, header.indent);
      if (other.misplaced < best.misplaced) best = other;
    }
  }
  if (best.starts.length === 0) return undefined;
  const children = best.spans(span.end);
  return { header: { start: span.start, end: children[0]!.start }, children };
}

function splitAt(text: string, lines: LineInfo[], level: number, above: number): LevelSplitter {
  const splitter = new LevelSplitter(text, level, above);
  for (const line of lines) splitter.add(line);
  return splitter;
}

/**
 * Where the key ends in a KEY_LINE match (`key  : `): before the colon and the blanks around it,
 * found by a scan (the pattern /[ \t]*:[ \t]?$/ was quadratic on a key holding a long run of spaces).
 */
function keyEnd(written: string): number {
  let end = written.length;
  const blank = (at: number) => written.charCodeAt(at) === 32 || written.charCodeAt(at) === 9;
  if (end > 0 && blank(end - 1)) end--;
  if (end > 0 && written.charCodeAt(end - 1) === 58 /* : */) end--;
  while (end > 0 && blank(end - 1)) end--;
  return end;
}

/** The key a chunk's first line writes, and where the text after its ":" begins. */
export function leadingKeyLine(text: string, span: ChunkSpan): { key: string; valueStart: number } | undefined {
  let found: { key: string; valueStart: number } | undefined;
  contentLines(text, span.start, span.end, (line) => {
    const match = KEY_LINE.exec(text.slice(line.first, line.end));
    if (match) {
      let key = match[0].slice(0, keyEnd(match[0]));
      if (/^["']/.test(key)) key = key.slice(1, -1);
      const colon = line.first + match[0].lastIndexOf(':');
      if (!line.tabbed) found = { key, valueStart: colon + 1 };
    }
    return false;
  });
  return found;
}
