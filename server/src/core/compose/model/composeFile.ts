// A parsed compose file: its text, line index, YAML documents, the parser's problems, and the
// anchors defined in it. Alias and merge-key resolution work on this, so a `<<: *defaults` or an
// `environment: *env` reads like the YAML it stands for everywhere in the core.
import { conflictBlocks, oursOnly, type ConflictBlock } from './conflictMarkers';
import { LineIndex } from '../../text';
import type { Range } from '../../types';
import type { CNode } from './nodes';
import { t } from '../../l10n';
import { formatCount } from '../../formatCount';
import { noteLimit } from './limits';
import { MAX_PARSED_CHUNKS, parseYaml, type BrokenBlock, type ChunkPool, type ParsedYaml, type SyntaxProblem, type YamlDocument } from './parseYaml';
import { joinUnderIndentedQuotedLines } from './quotedContinuations';

export interface AnchorDefinition {
  name: string;
  node: CNode;
  document: number;
}

export interface ComposeFile {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  readonly lines: LineIndex;
  readonly documents: YamlDocument[];
  readonly problems: SyntaxProblem[];
  /** The parts of the text the parser could not read (see parseYaml); checks leave them alone. */
  readonly broken: BrokenBlock[];
  /** Anchors by name, in document order (a name may be redefined; aliases use the latest before them). */
  readonly anchors: Map<string, AnchorDefinition[]>;
  /** True when the text was too large or not text at all, and only a YAML check was run. */
  readonly skipped: boolean;
  /** Where the parse stopped at its budget of chunks (the rest is one broken block), if it did. */
  readonly cut: number | undefined;
  /** Per-file memo for derived data (merge-resolved entries and the like), dropped with the file. */
  readonly memo: WeakMap<object, unknown>;
  range(start: number, end: number): Range;
  /** Whether `lines` has been built (it is built on first use). */
  hasLineIndex(): boolean;
  /** Git's unresolved merge conflicts; the file is read with our side of each (see conflictMarkers). */
  readonly conflicts: ConflictBlock[];
}

/**
 * The parse, or where the parser missed a closing quote, the parse of the text with the lines of
 * quoted values that only YAML 1.2 wants indented past their key joined up (as compose reads them:
 * see quotedContinuations), when that reads without errors.
 */
function parseLeniently(source: string, pool?: ChunkPool, nextPool?: ChunkPool): ParsedYaml {
  const parsed = parseYaml(source, pool, nextPool);
  if (!parsed.problems.some((p) => p.code === 'MISSING_CHAR' && /quote/.test(p.message))) return parsed;
  const joined = joinUnderIndentedQuotedLines(source);
  if (joined === source) return parsed;
  const again = parseYaml(joined);
  // Only a reading without errors: a quote left open while typing must not swallow the lines after it.
  return again.problems.some((p) => !p.warning && p.code !== 'DUPLICATE_KEY') ? parsed : again;
}

/** Above this size only the YAML syntax is checked; meaning checks on such files are not useful and would be slow. */
export const MAX_ANALYSED_LENGTH = 1024 * 1024;

export function buildComposeFile(uri: string, version: number, text: string, pool?: ChunkPool, nextPool?: ChunkPool): ComposeFile {
  const skipped = text.length > MAX_ANALYSED_LENGTH || looksBinary(text) || tooDeep(text);
  const conflicts = skipped ? [] : conflictBlocks(text);
  const parsed = skipped ? { documents: [{ root: null, start: 0, end: text.length }], problems: [], anchored: [], broken: [] } : parseLeniently(oursOnly(text, conflicts), pool, nextPool);
  const anchors = new Map<string, AnchorDefinition[]>();
  for (const { node, document } of parsed.anchored) {
    const list = anchors.get(node.anchor!) ?? [];
    list.push({ name: node.anchor!, node, document });
    anchors.set(node.anchor!, list);
  }
  // Built on first use: a file without findings never needs positions.
  let lines: LineIndex | undefined;
  const lineIndex = () => (lines ??= new LineIndex(text));
  const file: ComposeFile = {
    uri,
    version,
    text,
    get lines() {
      return lineIndex();
    },
    documents: parsed.documents,
    problems: parsed.problems,
    broken: parsed.broken,
    anchors,
    skipped,
    cut: parsed.cut,
    memo: new WeakMap(),
    range: (start, end) => lineIndex().range(start, end),
    hasLineIndex: () => lines !== undefined,
    conflicts,
  };
  if (parsed.cut !== undefined) {
    const lineEnd = text.indexOf('\n', parsed.cut);
    noteLimit(file, {
      start: parsed.cut,
      end: Math.max(parsed.cut + 1, lineEnd < 0 ? text.length : lineEnd),
      message: t('This file is too large to check past this line (more than {0} entries); checks stopped here.', formatCount(MAX_PARSED_CHUNKS)),
    });
  }
  return file;
}

/**
 * Nesting deep enough to exhaust the parser's stack (around a thousand levels) can leave V8 in a
 * state where it aborts the process, so such text is not parsed. Real compose files nest a
 * dozen levels; the estimate (indentation steps, list dashes, open brackets) is generous.
 */
export const MAX_NESTING = 256;

export function tooDeep(text: string): boolean {
  const indents: number[] = [];
  let flow = 0;
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let i = lineStart;
    while (text.charCodeAt(i) === 32) i++;
    const indent = i - lineStart;
    if (i < lineEnd) {
      while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
      indents.push(indent);
    }
    let dashes = 0;
    while (text.charCodeAt(i) === 45 && text.charCodeAt(i + 1) === 32) {
      dashes++;
      i += 2;
    }
    let quote = 0;
    for (; i < lineEnd; i++) {
      const c = text.charCodeAt(i);
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === 34 || c === 39) quote = c;
      else if (c === 35 && (i === lineStart || text.charCodeAt(i - 1) === 32)) break;
      else if (c === 91 || c === 123) {
        if (++flow + indents.length + dashes > MAX_NESTING) return true;
      }
      else if ((c === 93 || c === 125) && flow > 0) flow--;
    }
    if (indents.length + dashes + flow > MAX_NESTING) return true;
    lineStart = lineEnd + 1;
  }
  return false;
}

/** NUL characters never occur in a YAML file; a file holding them is binary. */
function looksBinary(text: string): boolean {
  return text.slice(0, 8192).includes('\u0000');
}

/** The document index holding an offset. */
export function documentAt(file: ComposeFile, offset: number): number {
  for (let i = 0; i < file.documents.length; i++) {
    if (offset < file.documents[i]!.end || i === file.documents.length - 1) return i;
  }
  return 0;
}
