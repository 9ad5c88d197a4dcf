// The Dockerfile parser: total (never throws), one pass over the lines, exact spans. It follows
// BuildKit's reading: parser directives at the top, the escape character for continuations,
// comment and blank lines dropped inside continuations, heredoc bodies after the line that
// opens them, and stages split at each FROM.
import type { Comment, Directive, Dockerfile, Heredoc, Instruction, Stage } from './ast';
import { OffsetMapBuilder } from './offsetMap';
import { LineIndex } from '../text';
import { parseInstruction } from './parseInstruction';

const DIRECTIVE = /^#[ \t]*([a-zA-Z][a-zA-Z0-9]*)[ \t]*=[ \t]*(.*?)[ \t]*$/;
export const KNOWN_DIRECTIVES = ['syntax', 'escape', 'check'];
const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);

interface Line {
  start: number;
  /** Before the line break. */
  end: number;
  /** Start of the next line. */
  next: number;
}

/** Lines as a lazy view over a LineIndex (which the analysis reuses for positions). */
function linesOf(index: LineIndex): { length: number; at(l: number): Line } {
  const count = index.lineCount;
  return {
    length: count,
    at: (l) => ({ start: index.lineStart(l), end: index.lineEnd(l), next: l + 1 < count ? index.lineStart(l + 1) : index.text.length }),
  };
}

const isBlank = (s: string) => /^[ \t\f\v\u00a0\ufeff]*$/.test(s);

function firstNonSpace(s: string): number {
  let i = 0;
  while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\ufeff')) i++;
  return i;
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

export function parseDockerfile(text: string, index: LineIndex = new LineIndex(text)): Dockerfile {
  const lines = linesOf(index);
  const directives: Directive[] = [];
  const comments: Comment[] = [];
  const instructions: Instruction[] = [];
  let escape: '\\' | '`' = '\\';
  let l = 0;

  // Parser directives: only at the very top, ended by anything that is not one.
  const seen = new Set<string>();
  for (; l < lines.length; l++) {
    const line = lines.at(l);
    const raw = text.slice(line.start, line.end);
    const m = DIRECTIVE.exec(raw);
    if (!m || !KNOWN_DIRECTIVES.includes(m[1]!.toLowerCase())) break;
    const name = m[1]!.toLowerCase();
    const nameStart = line.start + raw.indexOf(m[1]!);
    const valueStart = m[2]!.length > 0 ? line.start + raw.lastIndexOf(m[2]!) : line.end;
    directives.push({
      name: m[1]!,
      value: m[2]!,
      span: { start: line.start, end: line.end },
      nameSpan: { start: nameStart, end: nameStart + m[1]!.length },
      valueSpan: { start: valueStart, end: valueStart + m[2]!.length },
    });
    if (name === 'escape' && !seen.has(name) && (m[2] === '`' || m[2] === '\\')) escape = m[2];
    seen.add(name);
    comments.push({ span: { start: line.start, end: line.end }, text: raw.slice(1).trim(), inContinuation: false });
  }

  while (l < lines.length) {
    const line = lines.at(l);
    const raw = text.slice(line.start, line.end);
    if (isBlank(raw)) {
      l++;
      continue;
    }
    const lead = firstNonSpace(raw);
    if (raw[lead] === '#') {
      comments.push({ span: { start: line.start + lead, end: line.end }, text: raw.slice(lead + 1).trim(), inContinuation: false });
      l++;
      continue;
    }

    // An instruction: gather its continuation lines into one logical line.
    const builder = new OffsetMapBuilder();
    const emptyContinuations: { start: number; end: number }[] = [];
    let current = raw.slice(lead);
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
        const cRaw = text.slice(candidate.start, candidate.end);
        if (isBlank(cRaw)) {
          emptyContinuations.push({ start: candidate.start, end: candidate.end });
          l++;
          continue;
        }
        const cLead = firstNonSpace(cRaw);
        if (cRaw[cLead] === '#') {
          comments.push({ span: { start: candidate.start + cLead, end: candidate.end }, text: cRaw.slice(cLead + 1).trim(), inContinuation: true });
          l++;
          continue;
        }
        nextLine = candidate;
        break;
      }
      if (!nextLine) break;
      lastLine = nextLine;
      current = text.slice(nextLine.start, nextLine.end);
      currentStart = nextLine.start;
      l++;
    }
    // Blank lines after the last continued line (at end of file) are not inside it.
    while (emptyContinuations.length > 0 && emptyContinuations[emptyContinuations.length - 1]!.start > lastLine.start) {
      emptyContinuations.pop();
    }

    const instruction = parseInstruction(builder.text, builder.build(), escape, instructions.length);
    instruction.span = { start: line.start + lead, end: lastLine.end };
    instruction.emptyContinuations = emptyContinuations;
    let fullEnd = lastLine.end;

    // Heredoc bodies follow the instruction line, one after another.
    const heredocOwner = instruction.trigger ?? instruction;
    if (HEREDOC_KEYWORDS.has(heredocOwner.upper) && heredocOwner.heredocs.length > 0) {
      for (const heredoc of heredocOwner.heredocs) {
        l = readHeredocBody(text, lines, l, heredoc);
        fullEnd = heredoc.terminator?.end ?? heredoc.body.end;
      }
      if (instruction !== heredocOwner) instruction.heredocs = heredocOwner.heredocs;
    }
    instruction.fullSpan = { start: instruction.span.start, end: Math.max(fullEnd, instruction.span.end) };
    instructions.push(instruction);
  }

  const { stages, globalArgs } = buildStages(instructions);
  return { text, directives, escape, comments, instructions, stages, globalArgs };
}

function readHeredocBody(text: string, lines: ReturnType<typeof linesOf>, l: number, heredoc: Heredoc): number {
  const bodyStart = l < lines.length ? lines.at(l).start : text.length;
  let bodyEnd = bodyStart;
  let content = '';
  for (; l < lines.length; l++) {
    const line = lines.at(l);
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
  heredoc.content = content;
  return l;
}

function buildStages(instructions: Instruction[]): { stages: Stage[]; globalArgs: Instruction[] } {
  const stages: Stage[] = [];
  const globalArgs: Instruction[] = [];
  let stage: Stage | undefined;
  for (const instruction of instructions) {
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
  return { stages, globalArgs };
}
