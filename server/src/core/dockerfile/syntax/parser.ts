// The Dockerfile parser: total (never throws), one pass over the lines, exact spans. It follows
// BuildKit's reading: parser directives at the top, the escape character for continuations,
// comment and blank lines dropped inside continuations, heredoc bodies after the line that
// opens them, and stages split at each FROM. After the directives, the parser's only state
// between two lines is the line number, which is what lets incrementalParse resume anywhere.
import type { Comment, Directive, Dockerfile, Heredoc, Instruction, Stage } from './ast';
import { OffsetMapBuilder } from './offsetMap';
import { LineIndex } from '../../text';
import { parseInstruction } from './parseInstruction';
import { ownCopy } from './ownCopy';

export const KNOWN_DIRECTIVES = ['syntax', 'escape', 'check'];
const MAX_DIRECTIVES = 64;

const isBlankChar = (c: string | undefined) => c === ' ' || c === '\t';

/**
 * `#[ \t]*name[ \t]*=[ \t]*value[ \t]*` as [whole, name, value], read by a scan (the regular
 * expression backtracked quadratically over runs of spaces).
 */
function directiveOf(raw: string): [string, string, string] | null {
  if (raw[0] !== '#') return null;
  let i = 1;
  while (isBlankChar(raw[i])) i++;
  const nameStart = i;
  if (!/[a-zA-Z]/.test(raw[i] ?? '')) return null;
  while (i < raw.length && /[a-zA-Z0-9]/.test(raw[i]!)) i++;
  const name = raw.slice(nameStart, i);
  while (isBlankChar(raw[i])) i++;
  if (raw[i] !== '=') return null;
  i++;
  while (isBlankChar(raw[i])) i++;
  let end = raw.length;
  while (end > i && isBlankChar(raw[end - 1])) end--;
  // BuildKit's pattern wants a value: `# escape=` alone is a comment, and ends the directives.
  if (end === i) return null;
  return [raw, name, raw.slice(i, end)];
}
const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);

interface Line {
  start: number;
  /** Before the line break. */
  end: number;
  /** Start of the next line. */
  next: number;
}

type Lines = { length: number; at(l: number): Line };

/** Lines as a lazy view over a LineIndex (which the analysis reuses for positions). */
function linesOf(index: LineIndex): Lines {
  const count = index.lineCount;
  return {
    length: count,
    at: (l) => ({ start: index.lineStart(l), end: index.lineEnd(l), next: l + 1 < count ? index.lineStart(l + 1) : index.text.length }),
  };
}

/**
 * Whitespace around lines as BuildKit trims it (Go's unicode.IsSpace: the line and paragraph
 * separators, ideographic and other Unicode spaces, NEL), plus a byte order mark.
 */
const SPACE = /[\s\u0085]/;
const isBlank = (s: string) => /^[\s\u0085]*$/.test(s);

function firstNonSpace(s: string): number {
  let i = 0;
  while (i < s.length && SPACE.test(s[i]!)) i++;
  return i;
}

/**
 * How much of a file is parsed. Real Dockerfiles have tens to hundreds of instructions; past
 * these, the rest of the file is left unparsed (and unchecked) and the parse says where it stopped.
 * Stages are what costs most (the analysis works out each one's chain, variables and use): at
 * 10,000 items the parse and analysis of 50,000 one-line stages alone took over a second in the
 * validation worker at load 8, so stages have a budget of their own, and a 10,000-line file of
 * ordinary stages (8,000 instructions) is parsed whole.
 */
export const MAX_PARSED_ITEMS = 10_000;
export const MAX_PARSED_STAGES = 2_000;
export const MAX_PARSED_LENGTH = 2 * 1024 * 1024;

/** A line whose instruction is FROM (a new stage), read before the instruction is parsed. */
const FROM_LINE = /^from(?![^\s\\`])/i;

export interface ParseBudget {
  /** Instructions and comments parsed so far. */
  items: number;
  /** FROM instructions (stages) parsed so far. */
  stages: number;
  /** Where parsing stopped, when a budget ran out. */
  stoppedAt?: number;
}

/** NUL characters never occur in a Dockerfile; a file holding them is binary. */
export function looksBinary(text: string): boolean {
  return text.slice(0, 8192).includes('\u0000');
}

/**
 * Index of the continuation escape at the end of `s`, or -1. Like BuildKit, an escape preceded by
 * another escape (`C:\\dir\\`) is an escaped character, not a continuation.
 */
function continuationAt(s: string, escape: string): number {
  let e = s.length;
  while (e > 0 && (s[e - 1] === ' ' || s[e - 1] === '\t')) e--;
  if (e === 0 || s[e - 1] !== escape) return -1;
  return e === 1 || s[e - 2] !== escape ? e - 1 : -1;
}

export interface DirectiveBlock {
  directives: Directive[];
  comments: Comment[];
  escape: '\\' | '`';
}

/**
 * The directive lines right below a #! first line, as [start, end, name (lower case), value]. The
 * parser stops at the #! line, so these set no escape character; but BuildKit drops that line
 * before it looks for # syntax= and # check=, and finds them there.
 */
export function directivesAfterShebang(text: string): [number, number, string, string][] {
  const out: [number, number, string, string][] = [];
  if (!/^\uFEFF?#!/.test(text)) return out;
  let pos = text.indexOf('\n') + 1;
  while (pos > 0 && pos < text.length && out.length < MAX_DIRECTIVES) {
    const next = text.indexOf('\n', pos);
    const end = next < 0 ? text.length : text[next - 1] === '\r' ? next - 1 : next;
    const m = directiveOf(text.slice(pos, end));
    if (!m || !KNOWN_DIRECTIVES.includes(m[1].toLowerCase())) break;
    out.push([pos, end, m[1].toLowerCase(), m[2]]);
    pos = next + 1;
  }
  return out;
}

/** Parser directives: only at the very top, one per line, ended by anything that is not one. */
export function parseDirectives(text: string, index: LineIndex): DirectiveBlock {
  const lines = linesOf(index);
  const directives: Directive[] = [];
  const comments: Comment[] = [];
  let escape: '\\' | '`' = '\\';
  const seen = new Set<string>();
  // BuildKit reads a handful of directives; a file of nothing else is read as comments past a few.
  for (let l = 0; l < lines.length && l < MAX_DIRECTIVES; l++) {
    const line = lines.at(l);
    // BuildKit drops a byte order mark before the first line (editors other than VS Code send it).
    // BuildKit's parser strips the spaces before a line before it reads a directive, so an
    // indented # escape= counts (but see frontendDirectives for syntax and check).
    const lineStart = l === 0 && text.charCodeAt(0) === 0xfeff ? 1 : line.start;
    const start = lineStart + firstNonSpace(text.slice(lineStart, line.end));
    const raw = text.slice(start, line.end);
    const m = directiveOf(raw);
    if (!m || !KNOWN_DIRECTIVES.includes(m[1].toLowerCase())) break;
    const name = m[1].toLowerCase();
    const nameStart = start + raw.indexOf(m[1]);
    const valueStart = m[2].length > 0 ? start + raw.lastIndexOf(m[2]) : line.end;
    directives.push({
      name: ownCopy(m[1]),
      value: ownCopy(m[2]),
      span: { start, end: line.end },
      nameSpan: { start: nameStart, end: nameStart + m[1].length },
      valueSpan: { start: valueStart, end: valueStart + m[2].length },
    });
    if (name === 'escape' && !seen.has(name) && (m[2] === '`' || m[2] === '\\')) escape = m[2];
    seen.add(name);
    comments.push({ span: { start, end: line.end }, text: ownCopy(raw.slice(1).trim()), inContinuation: false });
  }
  return { directives, comments, escape };
}

/**
 * The directives BuildKit's frontend reads # syntax= and # check= from (parser.DetectSyntax and
 * ParseDirective, directives.go): they want each line to start with the #, and stop at the first
 * indented one, although the parser itself took it (and any escape= below it).
 */
export function frontendDirectives(doc: Pick<Dockerfile, 'text' | 'directives'>): Directive[] {
  const out: Directive[] = [];
  for (const d of doc.directives) {
    const before = doc.text[d.span.start - 1];
    if (before !== undefined && before !== '\n' && before !== '\r' && !(d.span.start === 1 && before === '\uFEFF')) break;
    out.push(d);
  }
  return out;
}

export interface BodyParse {
  /** The keyword offset where `stopAt` accepted an instruction start, if it did. */
  stoppedAt: number | undefined;
}

/**
 * Parses instructions and comments from line `l` (where no instruction is open) to the end, or
 * until `stopAt` accepts the keyword offset of the next instruction, which is left unparsed.
 */
export function parseBody(
  text: string, index: LineIndex, l: number, escape: string,
  instructions: Instruction[], comments: Comment[], stopAt?: (keywordOffset: number) => boolean,
  budget: ParseBudget = { items: instructions.length + comments.length, stages: instructions.filter((i) => i.upper === 'FROM').length },
): BodyParse {
  const lines = linesOf(index);
  while (l < lines.length && budget.stoppedAt === undefined) {
    const line = lines.at(l);
    const raw = text.slice(line.start, line.end);
    if (isBlank(raw)) {
      l++;
      continue;
    }
    const lead = firstNonSpace(raw);
    // A line reaching past the budget is left out whole: a single 4.5 MB LABEL line parsed in
    // full ran the validation worker out of memory.
    const from = FROM_LINE.test(raw.slice(lead, lead + 5));
    if (budget.items >= MAX_PARSED_ITEMS || line.end > MAX_PARSED_LENGTH || (from && budget.stages >= MAX_PARSED_STAGES)) {
      budget.stoppedAt = line.start + lead;
      break;
    }
    budget.items++;
    if (from) budget.stages++;
    if (raw[lead] === '#') {
      comments.push({ span: { start: line.start + lead, end: line.end }, text: ownCopy(raw.slice(lead + 1).trim()), inContinuation: false });
      l++;
      continue;
    }
    if (stopAt?.(line.start + lead)) return { stoppedAt: line.start + lead };
    l = parseChunk(text, lines, l, line, lead, escape, instructions, comments, budget);
  }
  return { stoppedAt: undefined };
}

/** One instruction from its first line: continuation lines, then heredoc bodies. Returns the next line. */
function parseChunk(text: string, lines: Lines, l: number, line: Line, lead: number, escape: string, instructions: Instruction[], comments: Comment[], budget: ParseBudget): number {
  const builder = new OffsetMapBuilder();
  const emptyContinuations: { start: number; end: number }[] = [];
  let current = text.slice(line.start + lead, line.end);
  let currentStart = line.start + lead;
  let lastLine = line;
  l++;
  for (;;) {
    const cont = continuationAt(current, escape);
    if (cont < 0) {
      builder.append(current, currentStart);
      break;
    }
    builder.append(current.slice(0, cont), currentStart);
    // Skip blank and comment lines; they do not end the instruction.
    let nextLine: Line | undefined;
    while (l < lines.length) {
      const candidate = lines.at(l);
      // A continuation running past the budget ends the instruction there; the parse stops after it.
      if (candidate.end > MAX_PARSED_LENGTH || budget.items > MAX_PARSED_ITEMS) {
        budget.stoppedAt ??= candidate.start;
        break;
      }
      const cRaw = text.slice(candidate.start, candidate.end);
      if (isBlank(cRaw)) {
        emptyContinuations.push({ start: candidate.start, end: candidate.end });
        l++;
        continue;
      }
      const cLead = firstNonSpace(cRaw);
      if (cRaw[cLead] === '#') {
        budget.items++;
        comments.push({ span: { start: candidate.start + cLead, end: candidate.end }, text: ownCopy(cRaw.slice(cLead + 1).trim()), inContinuation: true });
        l++;
        continue;
      }
      nextLine = candidate;
      break;
    }
    if (!nextLine || budget.stoppedAt !== undefined) break;
    lastLine = nextLine;
    current = text.slice(nextLine.start, nextLine.end);
    currentStart = nextLine.start;
    l++;
  }
  // Blank lines after the last continued line (at end of file) are not inside it.
  while (emptyContinuations.length > 0 && emptyContinuations[emptyContinuations.length - 1]!.start > lastLine.start) {
    emptyContinuations.pop();
  }

  // A lone continuation has no text; its (empty) keyword still sits where it was written.
  builder.anchor(line.start + lead);
  const instruction = parseInstruction(ownCopy(builder.text), builder.build(), escape, instructions.length);
  instruction.span = { start: line.start + lead, end: lastLine.end };
  if (emptyContinuations.length > 0) instruction.emptyContinuations = emptyContinuations;
  let fullEnd = lastLine.end;

  // Heredoc bodies follow the instruction line, one after another.
  const heredocOwner = instruction.trigger ?? instruction;
  if (HEREDOC_KEYWORDS.has(heredocOwner.upper) && heredocOwner.heredocs.length > 0) {
    for (const heredoc of heredocOwner.heredocs) {
      l = readHeredocBody(text, lines, l, heredoc, budget);
      fullEnd = heredoc.terminator?.end ?? heredoc.body.end;
    }
    if (instruction !== heredocOwner) instruction.heredocs = heredocOwner.heredocs;
  }
  instruction.fullSpan = { start: instruction.span.start, end: Math.max(fullEnd, instruction.span.end) };
  instructions.push(instruction);
  return l;
}

export function parseDockerfile(text: string, index: LineIndex = new LineIndex(text)): Dockerfile {
  if (looksBinary(text)) {
    return { text, directives: [], escape: '\\', comments: [], instructions: [], stages: [], globalArgs: [], unparsed: { at: 0, reason: 'binary' } };
  }
  const { directives, comments, escape } = parseDirectives(text, index);
  const instructions: Instruction[] = [];
  const budget: ParseBudget = { items: comments.length, stages: 0 };
  parseBody(text, index, directives.length, escape, instructions, comments, undefined, budget);
  const { stages, globalArgs } = buildStages(instructions);
  const doc: Dockerfile = { text, directives, escape, comments, instructions, stages, globalArgs };
  if (budget.stoppedAt !== undefined) doc.unparsed = { at: budget.stoppedAt, reason: 'size' };
  return doc;
}

function readHeredocBody(text: string, lines: Lines, l: number, heredoc: Heredoc, budget: ParseBudget): number {
  const bodyStart = l < lines.length ? lines.at(l).start : text.length;
  let bodyEnd = bodyStart;
  let content = '';
  for (; l < lines.length; l++) {
    const line = lines.at(l);
    // A body running past the parse budget ends there, unterminated; the parse stops after it.
    if (line.end > MAX_PARSED_LENGTH || budget.stoppedAt !== undefined) {
      budget.stoppedAt ??= line.start;
      heredoc.body = { start: bodyStart, end: Math.max(bodyStart, bodyEnd) };
      heredoc.content = ownCopy(content);
      return l;
    }
    let raw = text.slice(line.start, line.end);
    if (heredoc.stripTabs) raw = raw.replace(/^\t+/, '');
    if (raw === heredoc.name) {
      heredoc.terminator = { start: line.start, end: line.end };
      l++;
      break;
    }
    content += raw + '\n';
    bodyEnd = line.end;
    if (line.next === line.end) break; // last line of the file
  }
  if (!heredoc.terminator && l < lines.length) l++;
  heredoc.body = { start: bodyStart, end: Math.max(bodyStart, bodyEnd) };
  heredoc.content = ownCopy(content);
  return l;
}

export function buildStages(instructions: Instruction[]): { stages: Stage[]; globalArgs: Instruction[] } {
  const stages: Stage[] = [];
  const globalArgs: Instruction[] = [];
  appendStages(instructions, 0, instructions.length, stages, globalArgs);
  return { stages, globalArgs };
}

/**
 * Adds the stages of instructions [from, to) to `stages` (and the ARGs before the first FROM to
 * `globalArgs`). `from` is 0 or a FROM, and `to` the end or a FROM: no stage runs across either.
 */
export function appendStages(instructions: readonly Instruction[], from: number, to: number, stages: Stage[], globalArgs: Instruction[]): void {
  let stage: Stage | undefined;
  for (let k = from; k < to; k++) {
    const instruction = instructions[k]!;
    if (instruction.upper === 'FROM') {
      const words = instruction.words;
      const hasAs = words.length >= 2;
      stage = {
        index: stages.length,
        from: instruction,
        image: words[0],
        asWord: hasAs ? words[1] : undefined,
        name: words.length >= 3 && words[1]!.value.toUpperCase() === 'AS' ? words[2] : undefined,
        instructions: [],
        span: { start: instruction.span.start, end: instruction.fullSpan.end },
      };
      stages.push(stage);
    }
    if (stage) {
      instruction.stage = stage.index;
      stage.instructions.push(instruction);
      stage.span.end = instruction.fullSpan.end;
    } else {
      instruction.stage = -1;
      if (instruction.upper === 'ARG') globalArgs.push(instruction);
    }
  }
}
