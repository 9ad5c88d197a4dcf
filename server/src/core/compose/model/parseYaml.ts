// Turns compose text into documents of core nodes plus the parser's own errors and warnings,
// each with exact offsets. Files are parsed chunk by chunk (see splitChunks) with unchanged chunks
// taken from a pool kept from the previous version, whether or not the text has errors. A chunk
// the parser rejects is split once more into its own entries, down to the smallest entry that
// holds the error; that entry becomes a broken block: its errors are reported, its tree (the
// parser's best guess) serves completion and navigation, and checks leave it alone (see
// brokenBlocks). A key repeated in a mapping is the parser's duplicate-key error but breaks
// nothing: readers take the last one. Text the splitter cannot place is parsed whole, and its
// errors are then assigned to the top-level entry or service they fall in. Each text (a chunk, or
// the whole) is read by our reader of the YAML compose files are written in (subsetYaml) and by
// the `yaml` package only where that declines: then it has something to report, or is unusual.
import type { ParseOptions, DocumentOptions, YAMLError } from 'yaml';
import { t } from '../../l10n';
import { keyText, shiftNode, walk, type CNode, type MapNode, type PairNode } from './nodes';
import { leadingKeyLine, splitChunks, splitEntry, type ChunkSpan, type EntrySplit } from './splitChunks';
import { parseYamlSubset } from './subsetYaml';

/** The `yaml` package and what reads its nodes, evaluated the first time the subset reader declines a text. */
const yamlPackage = () => require('./yamlPackage') as typeof import('./yamlPackage');

export interface YamlDocument {
  root: CNode | null;
  start: number;
  end: number;
}

export interface SyntaxProblem {
  /** The parser's code, e.g. DUPLICATE_KEY. */
  code: string;
  message: string;
  start: number;
  end: number;
  warning: boolean;
}

/** A part of the text the parser could not read: the smallest entry holding a syntax error. */
export interface BrokenBlock {
  start: number;
  end: number;
  /** Keys from the document root to the entry, as far as they can be read. */
  path: string[];
  /** Everything written as a mapping key inside it (names it may have meant to declare). */
  names: string[];
  /** Anchors written inside it. */
  anchors: string[];
}

export interface ParsedYaml {
  documents: YamlDocument[];
  problems: SyntaxProblem[];
  /** Nodes that carry an anchor, in document order, with their document index. */
  anchored: { node: CNode; document: number }[];
  /** Broken blocks in document order, not overlapping. */
  broken: BrokenBlock[];
  /** Where the parse stopped at its budget of chunks (MAX_PARSED_CHUNKS); the rest is a broken block. */
  cut?: number;
}

interface ParsedChunk {
  base: number;
  /** The stand-in lines it was parsed under (see chunk). */
  context: string;
  pairs: PairNode[];
  problems: SyntaxProblem[];
  anchored: CNode[];
  /** The parser reported an error other than a duplicate key, or the text is not one mapping entry. */
  broken: boolean;
  /** For broken chunks: the keys and anchors written in the text. */
  names: string[];
  anchors: string[];
}

function anchoredNodes(...roots: (CNode | null)[]): CNode[] {
  const found: CNode[] = [];
  for (const root of roots) walk(root, (node) => { if (node.anchor) found.push(node); });
  return found;
}

/** Chunks of the previous version, by their own text; each is used at most once per version. */
export type ChunkPool = Map<string, ParsedChunk[]>;

// Duplicate keys are found by duplicateKeyErrors, in linear time (the parser's own check is quadratic).
const OPTIONS: ParseOptions & DocumentOptions = { prettyErrors: false, uniqueKeys: false, version: '1.2' };
/** Compose's own tags: they change how files merge and must not be reported as unknown. */
const COMPOSE_TAGS = /^!(reset|override)$/;
const MAX_PROBLEMS = 200;
/** Broken chunks are split this many levels below the top at most. */
const MAX_DEPTH = 8;
const DUPLICATE_KEY = 'DUPLICATE_KEY';
/**
 * Chunks parsed per version at most. Each costs the parser a document of its own, so a file of
 * 15,000 one-line top-level entries took seconds before its first diagnostics; past the budget the
 * rest of the file is left unparsed, as a broken block (checks hold their findings there and take
 * the names written in it as declared), and the file gets a note there. A count, not a time, so
 * the answer depends only on the text. Real files are far below it (a service is one chunk).
 */
export const MAX_PARSED_CHUNKS = 2000;

/**
 * Texts are read by the subset reader (subsetYaml) first and by the `yaml` package where it
 * declines. The counts say how often each read a text; tests turn the subset reader off to
 * compare the two and check it covers real files.
 */
export const yamlReaders = { subset: true, subsetReads: 0, packageReads: 0 };

function readSubset(source: string) {
  if (!yamlReaders.subset) return undefined;
  const read = parseYamlSubset(source);
  if (read) yamlReaders.subsetReads++;
  else yamlReaders.packageReads++;
  return read;
}

export function parseYaml(text: string, pool?: ChunkPool, nextPool?: ChunkPool): ParsedYaml {
  return withoutStackTraces(() => {
    const chunked = pool && nextPool ? parseChunked(text, pool, nextPool) : undefined;
    return chunked ?? parseWhole(text);
  });
}

/**
 * Runs the parser with error stack traces off: it reports each syntax error as an Error object,
 * and capturing a stack for each was most of the parse of a file with thousands of errors (15,000
 * `&a1 *a0` lines), though only the code, message and offsets are used.
 */
export function withoutStackTraces<T>(work: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return work();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** Whether a parser error leaves the tree a guess (a repeated key does not: the last one counts). */
export function isBreaking(problem: { code: string; warning: boolean }): boolean {
  return !problem.warning && problem.code !== DUPLICATE_KEY;
}

export function parseWhole(text: string): ParsedYaml {
  return withoutStackTraces(() => parseWholeText(text));
}

/**
 * Where the document past the budget starts, when the text holds more than MAX_PARSED_CHUNKS
 * documents: each is parsed whole, so 10,000 small documents cost what 10,000 chunks would.
 * A `---` at the left margin starts a document wherever it is (YAML forbids it inside content).
 */
function documentCut(text: string): number | undefined {
  const marker = /^---(?=[ \t\r\n]|$)/gm;
  let documents = 0;
  for (let m = marker.exec(text); m; m = marker.exec(text)) {
    // Text before the first marker is a document of its own.
    if (documents === 0 && /\S/.test(text.slice(0, m.index).replace(/^[ \t]*#.*$/gm, '').replace(/^%.*$/gm, ''))) documents++;
    if (++documents > MAX_PARSED_CHUNKS) return m.index;
  }
  return undefined;
}

function parseWholeText(text: string): ParsedYaml {
  const documents: YamlDocument[] = [];
  const problems: SyntaxProblem[] = [];
  const cut = documentCut(text);
  const source = cut === undefined ? text : text.slice(0, cut);
  const read = cut === undefined ? readSubset(text) : undefined;
  if (read) documents.push({ root: read.root, start: read.start, end: text.length });
  else readWithPackage(source, text.length, documents, problems);
  if (documents.length === 0) documents.push({ root: null, start: 0, end: text.length });
  const anchored = documents.flatMap((doc, document) => anchoredNodes(doc.root).map((node) => ({ node, document })));
  const broken = localizeErrors(source, documents, problems);
  if (cut === undefined) return { documents, problems: problems.slice(0, MAX_PROBLEMS), anchored, broken };
  // Past the budget: one broken block to the end (its names count as declared), and a note there.
  const rest = text.slice(cut);
  broken.push({ start: cut, end: text.length, path: [], names: writtenKeys(rest), anchors: writtenAnchors(rest) });
  return { documents, problems: problems.slice(0, MAX_PROBLEMS), anchored, broken, cut };
}

/** The documents of `source` (the text up to any cut, `textLength` long in all) and their problems, read by the package. */
function readWithPackage(source: string, textLength: number, documents: YamlDocument[], problems: SyntaxProblem[]): void {
  const { parseAllDocuments, fromYaml } = yamlPackage();
  const parsed = parseAllDocuments(source, OPTIONS);
  const list = Array.isArray(parsed) ? parsed : [parsed];
  list.forEach((doc, index) => {
    const range = doc.range ?? [0, source.length, source.length];
    // The last document runs to the end of the text (trailing comments and breaks included).
    documents.push({ root: fromYaml(doc.contents), start: range[0], end: index === list.length - 1 ? textLength : range[2] });
    collect(problems, withDuplicateKeys(doc), false, 0, source);
    collect(problems, doc.warnings, true, 0, source);
  });
}

/** The parser's errors with the duplicate keys among them, in text order. */
function withDuplicateKeys(doc: { contents: unknown; errors: YAMLError[] }): YAMLError[] {
  const duplicates = yamlPackage().duplicateKeyErrors(doc);
  return duplicates.length === 0 ? doc.errors : [...doc.errors, ...duplicates].sort((a, b) => a.pos[0] - b.pos[0]);
}

/** Copies the parser's problems, `source` being the text they were found in and `base` its offset. */
function collect(out: SyntaxProblem[], list: YAMLError[], warning: boolean, base: number, source: string): void {
  // Problems found past the last character written (an unclosed quote, say) point at that character.
  const contentEnd = source.trimEnd().length;
  for (const problem of list) {
    if (out.length >= MAX_PROBLEMS) return;
    let [start, end] = problem.pos;
    if (problem.code === 'TAG_RESOLVE_FAILED' && COMPOSE_TAGS.test(source.slice(start, end).trim())) continue;
    if (start >= contentEnd && contentEnd > 0) [start, end] = [contentEnd - 1, contentEnd];
    out.push({ code: problem.code, message: firstLine(problem.message), start: start + base, end: Math.max(end, start + 1) + base, warning });
  }
}

function firstLine(message: string): string {
  const newline = message.indexOf('\n');
  return newline < 0 ? message : message.slice(0, newline);
}

/** Where an entry sits: the keys above it and their indentations. */
interface Place {
  path: string[];
  indents: number[];
}

const TOP: Place = { path: [], indents: [] };

/** The indentation of the first line with content at or after `offset`. */
function indentAt(text: string, offset: number): number {
  const match = /^(?:[ \t]*(?:#.*)?\r?\n)*( *)/.exec(text.slice(offset, offset + 4096));
  return match ? match[1]!.length : 0;
}

interface ChunkedState {
  text: string;
  pool: ChunkPool;
  nextPool: ChunkPool;
  problems: SyntaxProblem[];
  anchored: CNode[];
  broken: BrokenBlock[];
  /** Chunks parsed (or taken from the pool) so far. */
  chunks: number;
  cut?: number;
}

function parseChunked(text: string, pool: ChunkPool, nextPool: ChunkPool): ParsedYaml | undefined {
  const entries = splitChunks(text);
  if (!entries) return undefined;
  const state: ChunkedState = { text, pool, nextPool, problems: [], anchored: [], broken: [], chunks: 0 };
  const pairs: PairNode[] = [];
  const keys = new Set<string>();
  for (const entry of entries) {
    if (state.cut !== undefined) break;
    const own = entry.split ? assemble(state, entry.split, entry, TOP) : undefined;
    addPairs(state, pairs, keys, own ? [own] : parseEntry(state, entry, TOP));
  }
  const last = pairs[pairs.length - 1];
  const root: MapNode | null = last
    ? { kind: 'map', start: pairs[0]!.key?.start ?? 0, end: (last.value ?? last.key)?.end ?? text.length, pairs, flow: false }
    : null;
  const problems = state.problems.sort((a, b) => a.start - b.start).slice(0, MAX_PROBLEMS);
  return { documents: [{ root, start: 0, end: text.length }], problems, anchored: state.anchored.map((node) => ({ node, document: 0 })), broken: state.broken, cut: state.cut };
}

/** Whether the chunk budget is spent; the first time, the rest of the text from `span` on becomes one broken block. */
function overBudget(state: ChunkedState, span: ChunkSpan, at: Place): boolean {
  if (state.cut !== undefined) return true;
  if (state.chunks < MAX_PARSED_CHUNKS) return false;
  state.cut = span.start;
  const rest = state.text.slice(span.start);
  state.broken.push({ start: span.start, end: state.text.length, path: at.path, names: writtenKeys(rest), anchors: writtenAnchors(rest) });
  return true;
}

/** Adds an entry's pairs to a mapping, reporting a key the mapping already has (the later one counts). */
function addPairs(state: ChunkedState, pairs: PairNode[], keys: Set<string>, added: PairNode[]): void {
  for (const pair of added) {
    const key = keyText(pair);
    if (key !== undefined && pair.key) {
      if (keys.has(key)) state.problems.push({ code: DUPLICATE_KEY, message: 'Map keys must be unique', start: pair.key.start, end: pair.key.start + 1, warning: false });
      keys.add(key);
    }
    pairs.push(pair);
  }
}

/** The pairs of one entry: parsed as one chunk, or, when the parser rejects it, entry by entry one level down. */
function parseEntry(state: ChunkedState, span: ChunkSpan, at: Place): PairNode[] {
  if (overBudget(state, span, at)) return [];
  const parsed = chunk(state, span, at.indents);
  if (span.misindented) return misindented(state, span, at, parsed);
  if (parsed.broken && at.indents.length < MAX_DEPTH) {
    const split = splitEntry(state.text, span);
    const before = { problems: state.problems.length, anchored: state.anchored.length, broken: state.broken.length };
    const pair = split && assemble(state, split, span, at);
    // The error must show up in one of the children; if it does not, the entry as a whole is the block.
    if (pair && (state.broken.length > before.broken || state.problems.slice(before.problems).some(isBreaking))) return [pair];
    state.problems.length = before.problems;
    state.anchored.length = before.anchored;
    state.broken.length = before.broken;
  }
  if (parsed.broken) {
    const peeled = peel(state, span, at, parsed);
    if (peeled) return peeled;
  }
  state.problems.push(...parsed.problems);
  state.anchored.push(...parsed.anchored);
  if (!parsed.broken) return parsed.pairs;
  // A key written as such on the first line is certain; only what follows it is unreadable.
  const key = leadingKeyLine(state.text, span);
  const start = key && parsed.pairs.some((p) => keyText(p) === key.key) ? key.valueStart : span.start;
  state.broken.push({ start, end: span.end, path: key ? [...at.path, key.key] : at.path, names: parsed.names, anchors: parsed.anchors });
  // Only a guess, but completion and navigation inside the block still have something to work on.
  return parsed.pairs;
}

/**
 * An entry whose first error is on a later line (a line indented too far, or with a tab, after a
 * complete value): when the lines before it read cleanly on their own, they are the entry, and
 * only the lines from the error on are broken. They may have been meant one level up, so their
 * names count for the parent's level.
 */
function peel(state: ChunkedState, span: ChunkSpan, at: Place, parsed: ParsedChunk): PairNode[] | undefined {
  const error = parsed.problems.find(isBreaking);
  if (!error) return undefined;
  // From the error's line on; or, when the parser stopped on the first line, from the second.
  let from = state.text.lastIndexOf('\n', error.start - 1) + 1;
  if (from <= span.start || !/\S/.test(state.text.slice(span.start, from))) {
    const firstLine = /^(?:[ \t]*(?:#[^\n]*)?\n)*[^\n]*\n/.exec(state.text.slice(span.start, span.end));
    from = firstLine ? span.start + firstLine[0].length : span.end;
    if (from >= span.end || !/\S/.test(state.text.slice(from, span.end))) return undefined;
  }
  const head = chunk(state, { start: span.start, end: from }, at.indents);
  if (head.broken) return undefined;
  // The parser's own findings, where it made them (on the first line, when it stopped there).
  state.problems.push(...parsed.problems);
  state.anchored.push(...head.anchored);
  const rest = state.text.slice(from, span.end);
  state.broken.push({ start: from, end: span.end, path: at.path, names: writtenKeys(rest), anchors: writtenAnchors(rest) });
  return head.pairs;
}

/**
 * A line indented between a key and the key's children (with the block under it, when it is an
 * empty `key:`): the parser would reject it, but parsed on its own it may read fine, so it is
 * broken here. It may have been meant one level up, so its names count for the parent's level.
 */
function misindented(state: ChunkedState, span: ChunkSpan, at: Place, parsed: ParsedChunk): PairNode[] {
  const source = state.text.slice(span.start, span.end);
  const first = source.length - source.trimStart().length;
  const lineEnd = source.indexOf('\n', first);
  const end = (lineEnd < 0 ? source : source.slice(0, lineEnd)).trimEnd().length;
  state.problems.push({ code: 'BAD_INDENT', message: 'All mapping items must start at the same column', start: span.start + first, end: span.start + Math.max(end, first + 1), warning: false });
  state.problems.push(...parsed.problems.filter((p) => p.warning));
  state.anchored.push(...parsed.anchored);
  state.broken.push({ start: span.start, end: span.end, path: at.path, names: writtenKeys(source), anchors: writtenAnchors(source) });
  return parsed.pairs;
}

/** `key:` and its children as one pair, or undefined when the key line itself is not one clean entry. */
function assemble(state: ChunkedState, split: EntrySplit, span: ChunkSpan, at: Place): PairNode | undefined {
  const head = chunk(state, split.header, at.indents);
  const headPair = head.pairs[0];
  if (head.broken || head.pairs.length !== 1 || !headPair?.key) return undefined;
  if (headPair.value && !(headPair.value.kind === 'scalar' && headPair.value.value === null)) return undefined;
  const key = keyText(headPair);
  if (key === undefined) return undefined;
  state.problems.push(...head.problems);
  state.anchored.push(...head.anchored);
  const children: PairNode[] = [];
  const keys = new Set<string>();
  const below: Place = { path: [...at.path, key], indents: [...at.indents, indentAt(state.text, span.start)] };
  for (const child of split.children) {
    if (state.cut !== undefined) break;
    addPairs(state, children, keys, parseEntry(state, child, below));
  }
  const last = children[children.length - 1];
  if (!last) {
    // Every child was unreadable: the entry's value is unknown.
    return { key: headPair.key, value: null };
  }
  const start = children[0]!.key?.start ?? span.start;
  const value: MapNode = { kind: 'map', start, end: (last.value ?? last.key)?.end ?? start, pairs: children, flow: false };
  return { key: headPair.key, value };
}

/**
 * One chunk, from the pool when its text is unchanged (moved to its new offset), else parsed.
 * Below the top it is parsed under stand-in key lines at its ancestors' indentations, so the
 * parser judges its indentation (and words its errors) as it would in the whole file.
 */
function chunk(state: ChunkedState, span: ChunkSpan, indents: number[]): ParsedChunk {
  state.chunks++;
  const context = contextLines(indents);
  const own = state.text.slice(span.start, span.end);
  const pooled = state.pool.get(own);
  const index = pooled ? pooled.findIndex((c) => c.context === context) : -1;
  let parsed = index >= 0 ? pooled!.splice(index, 1)[0] : undefined;
  if (parsed) {
    const delta = span.start - parsed.base;
    if (delta !== 0) {
      for (const pair of parsed.pairs) {
        shiftNode(pair.key, delta);
        shiftNode(pair.value, delta);
      }
      for (const p of parsed.problems) {
        p.start += delta;
        p.end += delta;
      }
      parsed.base = span.start;
    }
  } else {
    parsed = parseChunk(context + own, indents.length, context.length, span.start);
  }
  const list = state.nextPool.get(own);
  if (list) list.push(parsed);
  else state.nextPool.set(own, [parsed]);
  return parsed;
}

const contexts = new Map<string, string>();

/** Stand-in key lines at the given indentations (`_:` under `_:`…), made once per shape. */
function contextLines(indents: number[]): string {
  if (indents.length === 0) return '';
  const shape = indents.join(',');
  let context = contexts.get(shape);
  if (context === undefined) {
    context = indents.map((indent) => `${' '.repeat(indent)}_:\n`).join('');
    if (contexts.size < 256) contexts.set(shape, context);
  }
  return context;
}

function parseChunk(source: string, levels: number, contextLength: number, start: number): ParsedChunk {
  const read = readSubset(source);
  const doc = read ? undefined : yamlPackage().parseDocument(source, OPTIONS);
  const base = start - contextLength;
  let root = read ? read.root : yamlPackage().fromYaml(doc!.contents);
  // Down through the stand-in keys to the chunk's own entries.
  for (let level = 0; level < levels; level++) {
    const first = root?.kind === 'map' ? root.pairs[0] : undefined;
    root = first?.key && first.key.start < contextLength ? first.value : null;
  }
  const problems: SyntaxProblem[] = [];
  if (doc) {
    collect(problems, withDuplicateKeys(doc), false, base, source);
    collect(problems, doc.warnings, true, base, source);
  }
  for (const p of problems) {
    if (p.start < start) [p.start, p.end] = [start, Math.max(p.end, start + 1)];
  }
  const pairs = root?.kind === 'map' && !root.flow ? root.pairs : [];
  for (const pair of pairs) {
    shiftNode(pair.key, base);
    shiftNode(pair.value, base);
  }
  const own = source.slice(contextLength);
  let broken = problems.some(isBreaking);
  if (!broken && pairs.length === 0) {
    // Readable, but not a `key: value` entry where the mapping around it needs one.
    broken = true;
    const first = own.length - own.trimStart().length;
    const lineEnd = own.indexOf('\n', first);
    const end = (lineEnd < 0 ? own : own.slice(0, lineEnd)).trimEnd().length;
    problems.unshift({ code: 'EXPECTED_ENTRY', message: t('A "key: value" entry is expected at this indentation.'), start: start + first, end: start + Math.max(end, first + 1), warning: false });
  }
  const names = broken ? writtenKeys(own) : [];
  const anchors = broken ? writtenAnchors(own) : [];
  return { base: start, context: source.slice(0, contextLength), pairs, problems, anchored: anchoredNodes(...pairs.flatMap((p) => [p.key, p.value])), broken, names, anchors };
}

// Something followed by ':' and a space or the end of the line, at the start of a line or of a list item.
// (A plain key runs to its first colon and is trimmed after: written as `[^:#\n]*?[ \t]*:` the
// pattern was quadratic on long runs of spaces.)
const WRITTEN_KEY = /^[ \t]*(?:-[ \t]+)*(?:(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\n]|'')*)')[ \t]*|([^\s#"'&*!|>{}[\],:][^:#\n]*)):(?=[ \t]|$)/gm;
const WRITTEN_ANCHOR = /&([^\s,[\]{}]+)/g;

function writtenKeys(source: string): string[] {
  const names = new Set<string>();
  for (const m of source.matchAll(WRITTEN_KEY)) names.add((m[1] ?? m[2]?.replace(/''/g, "'") ?? m[3] ?? '').trim());
  names.delete('');
  return [...names];
}

function writtenAnchors(source: string): string[] {
  return [...new Set([...source.matchAll(WRITTEN_ANCHOR)].map((m) => m[1]!))];
}

/**
 * For a whole-text parse: each error marks the service (or other second-level entry) it falls in,
 * or the top-level entry, or, outside any entry, the whole document.
 */
function localizeErrors(text: string, documents: YamlDocument[], problems: SyntaxProblem[]): BrokenBlock[] {
  const blocks: BrokenBlock[] = [];
  for (const problem of problems) {
    if (!isBreaking(problem)) continue;
    const doc = documents.find((d, i) => problem.start < d.end || i === documents.length - 1);
    if (!doc) continue;
    let block: { start: number; end: number; path: string[] } = { start: doc.start, end: doc.end, path: [] };
    const top = doc.root?.kind === 'map' && !doc.root.flow ? enclosing(text, doc.root.pairs, problem.start, doc.end) : undefined;
    if (top) {
      block = top;
      const value = top.pair.value;
      if (value?.kind === 'map' && !value.flow) block = enclosing(text, value.pairs, problem.start, top.end, top.path) ?? top;
    }
    if (blocks.some((b) => b.start <= block.start && block.end <= b.end)) continue;
    const source = text.slice(block.start, block.end);
    blocks.push({ start: block.start, end: block.end, path: block.path, names: writtenKeys(source), anchors: writtenAnchors(source) });
  }
  return blocks
    .filter((b) => !blocks.some((o) => o !== b && o.start <= b.start && b.end <= o.end))
    .sort((a, b) => a.start - b.start);
}

/** The pair an offset falls in (from its key up to the next pair that starts on a later line). */
function enclosing(text: string, pairs: PairNode[], offset: number, end: number, path: string[] = []): { start: number; end: number; path: string[]; pair: PairNode } | undefined {
  const lineEnd = text.indexOf('\n', offset) < 0 ? text.length : text.indexOf('\n', offset);
  for (let i = pairs.length - 1; i >= 0; i--) {
    const pair = pairs[i]!;
    const start = pair.key?.start ?? pair.value?.start;
    if (start === undefined || start > lineEnd) continue;
    const next = pairs.slice(i + 1).find((p) => ((p.key ?? p.value)?.start ?? 0) > lineEnd);
    const key = keyText(pair);
    return { start: Math.min(start, offset), end: (next?.key ?? next?.value)?.start ?? end, path: key === undefined ? path : [...path, key], pair };
  }
  return undefined;
}
