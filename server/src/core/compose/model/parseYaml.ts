// Turns compose text into documents of core nodes plus the parser's own errors and warnings,
// each with exact offsets. Large files are parsed chunk by chunk (see splitChunks) with unchanged
// chunks taken from a pool kept from the previous version; whenever a chunk is not clean (an
// error, an unexpected shape, a key repeated across chunks) the whole text is parsed at once so
// the reported problems are exactly what the parser says about the real document.
import { parseAllDocuments, parseDocument, type ParseOptions, type DocumentOptions, type YAMLError } from 'yaml';
import { fromYaml, keyText, shiftNode, walk, type CNode, type MapNode, type PairNode } from './nodes';
import { splitChunks, type ChunkSpan } from './splitChunks';
import { duplicateKeyErrors } from './duplicateKeys';

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

export interface ParsedYaml {
  documents: YamlDocument[];
  problems: SyntaxProblem[];
  /** Nodes that carry an anchor, in document order, with their document index. */
  anchored: { node: CNode; document: number }[];
}

interface ParsedChunk {
  base: number;
  pair: PairNode;
  warnings: SyntaxProblem[];
  anchored: CNode[];
}

function anchoredNodes(...roots: (CNode | null)[]): CNode[] {
  const found: CNode[] = [];
  for (const root of roots) walk(root, (node) => { if (node.anchor) found.push(node); });
  return found;
}

/** Chunks of the previous version, by text; each is used at most once per version. */
export type ChunkPool = Map<string, ParsedChunk[]>;

// Duplicate keys are found by duplicateKeyErrors, in linear time (the parser's own check is quadratic).
const OPTIONS: ParseOptions & DocumentOptions = { prettyErrors: false, uniqueKeys: false, version: '1.2' };
/** Compose's own tags: they change how files merge and must not be reported as unknown. */
const COMPOSE_TAGS = /^!(reset|override)$/;
const MAX_PROBLEMS = 200;

export function parseYaml(text: string, pool?: ChunkPool, nextPool?: ChunkPool): ParsedYaml {
  const chunked = pool && nextPool ? parseChunked(text, pool, nextPool) : undefined;
  return chunked ?? parseWhole(text);
}

export function parseWhole(text: string): ParsedYaml {
  const documents: YamlDocument[] = [];
  const problems: SyntaxProblem[] = [];
  const parsed = parseAllDocuments(text, OPTIONS);
  const list = Array.isArray(parsed) ? parsed : [parsed];
  list.forEach((doc, index) => {
    const range = doc.range ?? [0, text.length, text.length];
    // The last document runs to the end of the text (trailing comments and breaks included).
    documents.push({ root: fromYaml(doc.contents), start: range[0], end: index === list.length - 1 ? text.length : range[2] });
    collect(problems, withDuplicateKeys(doc), false, 0, text);
    collect(problems, doc.warnings, true, 0, text);
  });
  if (documents.length === 0) documents.push({ root: null, start: 0, end: text.length });
  const anchored = documents.flatMap((doc, document) => anchoredNodes(doc.root).map((node) => ({ node, document })));
  return { documents, problems: problems.slice(0, MAX_PROBLEMS), anchored };
}

/** The parser's errors with the duplicate keys among them, in text order. */
function withDuplicateKeys(doc: { contents: unknown; errors: YAMLError[] }): YAMLError[] {
  const duplicates = duplicateKeyErrors(doc);
  return duplicates.length === 0 ? doc.errors : [...doc.errors, ...duplicates].sort((a, b) => a.pos[0] - b.pos[0]);
}

/** Copies the parser's problems, `source` being the text they were found in and `base` its offset. */
function collect(out: SyntaxProblem[], list: YAMLError[], warning: boolean, base: number, source: string): void {
  for (const problem of list) {
    if (out.length >= MAX_PROBLEMS) return;
    const [start, end] = problem.pos;
    if (problem.code === 'TAG_RESOLVE_FAILED' && COMPOSE_TAGS.test(source.slice(start, end).trim())) continue;
    out.push({ code: problem.code, message: firstLine(problem.message), start: start + base, end: end + base, warning });
  }
}

function firstLine(message: string): string {
  const newline = message.indexOf('\n');
  return newline < 0 ? message : message.slice(0, newline);
}

function parseChunked(text: string, pool: ChunkPool, nextPool: ChunkPool): ParsedYaml | undefined {
  const entries = splitChunks(text);
  if (!entries) return undefined;
  const pairs: PairNode[] = [];
  const warnings: SyntaxProblem[] = [];
  const anchored: CNode[] = [];
  const topKeys = new Set<string>();
  for (const entry of entries) {
    const head = chunk(text, entry.split ? entry.split.header : entry, pool, nextPool);
    if (!head) return undefined;
    const key = keyText(head.pair);
    if (key === undefined || topKeys.has(key)) return undefined;
    topKeys.add(key);
    warnings.push(...head.warnings);
    anchored.push(...head.anchored);
    if (!entry.split) {
      pairs.push(head.pair);
      continue;
    }
    if (head.pair.value && !(head.pair.value.kind === 'scalar' && head.pair.value.value === null)) return undefined;
    const children: PairNode[] = [];
    const childKeys = new Set<string>();
    for (const span of entry.split.children) {
      const child = chunk(text, span, pool, nextPool);
      const childKey = child && keyText(child.pair);
      if (!child || childKey === undefined || childKeys.has(childKey)) return undefined;
      childKeys.add(childKey);
      children.push(child.pair);
      warnings.push(...child.warnings);
      anchored.push(...child.anchored);
    }
    const first = children[0]!.key!;
    const last = children[children.length - 1]!;
    const value: MapNode = { kind: 'map', start: first.start, end: (last.value ?? last.key!).end, pairs: children, flow: false };
    pairs.push({ key: head.pair.key, value });
  }
  const last = pairs[pairs.length - 1]!;
  const root: MapNode = { kind: 'map', start: pairs[0]!.key!.start, end: (last.value ?? last.key!).end, pairs, flow: false };
  return { documents: [{ root, start: 0, end: text.length }], problems: warnings.slice(0, MAX_PROBLEMS), anchored: anchored.map((node) => ({ node, document: 0 })) };
}

/** One chunk, from the pool when its text is unchanged (moved to its new offset), else parsed. */
function chunk(text: string, span: ChunkSpan, pool: ChunkPool, nextPool: ChunkPool): ParsedChunk | undefined {
  const source = text.slice(span.start, span.end);
  let parsed = pool.get(source)?.pop();
  if (parsed) {
    const delta = span.start - parsed.base;
    if (delta !== 0) {
      shiftNode(parsed.pair.key, delta);
      shiftNode(parsed.pair.value, delta);
      for (const w of parsed.warnings) {
        w.start += delta;
        w.end += delta;
      }
      parsed.base = span.start;
    }
  } else {
    parsed = parseChunk(source, span.start);
    if (!parsed) return undefined;
  }
  const list = nextPool.get(source);
  if (list) list.push(parsed);
  else nextPool.set(source, [parsed]);
  return parsed;
}

function parseChunk(source: string, base: number): ParsedChunk | undefined {
  const doc = parseDocument(source, OPTIONS);
  if (doc.errors.length > 0 || duplicateKeyErrors(doc).length > 0) return undefined;
  const root = fromYaml(doc.contents);
  if (!root || root.kind !== 'map' || root.flow || root.pairs.length !== 1) return undefined;
  const pair = root.pairs[0]!;
  shiftNode(pair.key, base);
  shiftNode(pair.value, base);
  const warnings: SyntaxProblem[] = [];
  collect(warnings, doc.warnings, true, base, source);
  return { base, pair, warnings, anchored: anchoredNodes(pair.key, pair.value) };
}
