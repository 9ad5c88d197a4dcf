// Turns one logical instruction line into an Instruction: keyword, leading `--flags`, argument
// words, the exec (JSON) form where it applies, heredoc markers, and ONBUILD's trigger.
import type { ExecForm, Flag, Heredoc, Instruction, KeyValue, OffsetMap, Span, Word } from './ast';
import { docSpan } from './offsetMap';
import { looksLikeSingleQuotedJson, parseExecForm } from './execForm';
import { splitWords, unquote, wordEnd } from './words';

/** Instructions whose arguments may be a JSON array. */
const EXEC_FORM = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'COPY', 'ADD', 'VOLUME']);
const HEREDOC = /^(\d*)<<(-?)([^<]+)$/;

const isSpace = (c: string | undefined) => c === ' ' || c === '\t';

/**
 * The one empty list every instruction without flags, heredocs or blank continuation lines holds
 * (most of them): three empty arrays per instruction were a third of a 10,000-line file's arrays.
 * Frozen, so a change to it fails loudly instead of reaching every other instruction.
 */
export const NO_ITEMS: never[] = Object.freeze([]) as unknown as never[];

/**
 * An instruction node. Splitting long RUN scripts into words is the costliest part of parsing and
 * few features need it, so words are computed on first use (and kept where shiftNodes finds them).
 */
export class InstructionNode implements Instruction {
  keywordSpan: Span;
  span: Span;
  fullSpan: Span;
  argText: string;
  args: Span;
  exec: ExecForm | undefined = undefined;
  singleQuotedJson = false;
  heredocs: Heredoc[] = NO_ITEMS;
  trigger: Instruction | undefined = undefined;
  emptyContinuations: Span[] = NO_ITEMS;
  stage = -1;
  /** Words, and ENV/LABEL/ARG pairs (keyValuesOf), once computed. */
  parsedWords: Word[] | undefined = undefined;
  parsedPairs: KeyValue[] | undefined = undefined;

  constructor(
    readonly keyword: string,
    readonly upper: string,
    readonly logical: string,
    readonly map: OffsetMap,
    private readonly escape: string,
    public index: number,
    readonly argStart: number,
    argEnd: number,
    readonly flags: Flag[],
    kStart: number,
  ) {
    this.argText = logical.slice(argStart, argEnd);
    this.args = docSpan(map, argStart, argEnd);
    this.keywordSpan = docSpan(map, kStart, kStart + keyword.length);
    this.span = docSpan(map, kStart, logical.length);
    this.fullSpan = docSpan(map, kStart, logical.length);
  }

  get words(): Word[] {
    this.parsedWords ??= splitWords(this.argText, this.argStart, this.map, this.escape);
    return this.parsedWords;
  }
}

export function parseInstruction(logical: string, map: OffsetMap, escape: string, index: number, from = 0): Instruction {
  let i = from;
  while (isSpace(logical[i])) i++;
  const kStart = i;
  while (i < logical.length && !isSpace(logical[i])) i++;
  const keyword = logical.slice(kStart, i);
  const upper = keyword.toUpperCase();
  while (isSpace(logical[i])) i++;

  const flags: Flag[] = [];
  if (upper !== 'ONBUILD') {
    // Leading `--name[=value]` words are flags (BuildKit extracts them for every instruction).
    while (logical.startsWith('--', i)) {
      const end = wordEnd(logical, i, escape);
      const raw = logical.slice(i, end);
      const eq = raw.indexOf('=');
      const nameEnd = eq < 0 ? raw.length : eq;
      flags.push({
        name: raw.slice(2, nameEnd),
        value: eq < 0 ? undefined : unquote(raw.slice(eq + 1), escape).value,
        span: docSpan(map, i, end),
        nameSpan: docSpan(map, i + 2, i + nameEnd),
        valueSpan: eq < 0 ? undefined : docSpan(map, i + eq + 1, end),
      });
      i = end;
      while (isSpace(logical[i])) i++;
    }
  }

  let argEnd = logical.length;
  while (argEnd > i && isSpace(logical[argEnd - 1])) argEnd--;
  const instruction = new InstructionNode(keyword, upper, logical, map, escape, index, i, argEnd, flags.length > 0 ? flags : NO_ITEMS, kStart);

  if (EXEC_FORM.has(upper)) {
    instruction.exec = parseExecForm(instruction.argText, i, map);
    instruction.singleQuotedJson = !instruction.exec && looksLikeSingleQuotedJson(instruction.argText);
  } else if (upper === 'HEALTHCHECK' && instruction.words[0]?.value.toUpperCase() === 'CMD') {
    const cmdWord = instruction.words[0];
    const cmdEnd = logical.indexOf(cmdWord.raw, i) + cmdWord.raw.length;
    instruction.exec = parseExecForm(logical.slice(cmdEnd, argEnd), cmdEnd, map);
    instruction.singleQuotedJson = !instruction.exec && looksLikeSingleQuotedJson(logical.slice(cmdEnd, argEnd));
  }

  if ((upper === 'RUN' || upper === 'COPY' || upper === 'ADD') && !instruction.exec && instruction.argText.includes('<<')) {
    const heredocs = heredocMarkers(instruction, escape);
    if (heredocs.length > 0) instruction.heredocs = heredocs;
  }

  if (upper === 'ONBUILD' && instruction.argText.length > 0) {
    instruction.trigger = parseInstruction(logical, map, escape, index, i);
  }
  return instruction;
}

/** The operator alone, its name in the next word: `<< 'EOF'` (Dockerfile frontend 1.16, the default of Docker Engine 28.2, allows the blank). */
const HEREDOC_OPERATOR = /^(\d*)<<(-?)$/;
const HEREDOC_NAME = /^(["']?)[A-Za-z_][\w.-]*\1$/;

function heredocMarkers(instruction: Instruction, escape: string): Heredoc[] {
  const result: Heredoc[] = [];
  const words = instruction.words;
  for (let k = 0; k < words.length; k++) {
    const word = words[k]!;
    if (!word.raw.includes('<<')) continue;
    // `<<EOF`, or the operator alone with the name in the next word (round 37: `<< 'EOF'`).
    const operator = HEREDOC_OPERATOR.exec(word.raw);
    const joined = operator ? null : HEREDOC.exec(word.raw);
    const next = words[k + 1];
    if (!joined && !(operator && next && HEREDOC_NAME.test(next.raw))) continue;
    const nameWord = joined ? word : next!;
    const rawName = joined ? joined[3]! : nameWord.raw;
    const dash = (joined ?? operator)![2]!;
    const name = unquote(rawName, escape).value;
    if (name.length === 0) continue;
    if (!joined) k++;
    result.push({
      // A copy, not the word's own span: every span object has one owner (see shiftNodes).
      marker: { start: word.span.start, end: nameWord.span.end },
      name,
      nameSpan: { start: joined ? word.span.start + joined[1]!.length + 2 + dash.length : nameWord.span.start, end: nameWord.span.end },
      stripTabs: dash === '-',
      quoted: /["']/.test(rawName),
      body: { start: nameWord.span.end, end: nameWord.span.end },
      content: '',
      terminator: undefined,
    });
  }
  return result;
}
