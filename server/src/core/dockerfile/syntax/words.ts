// Word splitting the way BuildKit reads instruction arguments: whitespace separates words,
// single and double quotes group, and the escape character (`\` or the backtick) protects the
// next character. Values keep `$VAR` unexpanded.
import type { KeyValue, OffsetMap, Word } from './ast';
import { docSpan } from './offsetMap';

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';

export interface QuoteProblem {
  quote: '"' | "'";
  /** Logical offset of the opening quote. */
  at: number;
}

/** Removes quotes and escapes from `raw`, keeping whitespace (used for values). */
const PLAIN = { problem: undefined };

export function unquote(raw: string, escape: string): { value: string; problem: QuoteProblem | undefined } {
  // Most words have nothing to remove; skip building a copy for them.
  if (raw.indexOf(escape) < 0 && raw.indexOf('"') < 0 && raw.indexOf("'") < 0) return { value: raw, problem: PLAIN.problem };
  // Built from slices of the text between the characters removed, kept in a list and joined once:
  // a character at a time, a 4.5 MB LABEL made millions of string pieces and ran the worker out of memory.
  const parts: string[] = [];
  let problem: QuoteProblem | undefined;
  let i = 0;
  while (i < raw.length) {
    const c = raw[i]!;
    if (c === escape && i + 1 < raw.length) {
      parts.push(raw[i + 1]!);
      i += 2;
    } else if (c === "'") {
      const close = raw.indexOf("'", i + 1);
      if (close < 0) {
        problem = { quote: "'", at: i };
        parts.push(raw.slice(i + 1));
        break;
      }
      parts.push(raw.slice(i + 1, close));
      i = close + 1;
    } else if (c === '"') {
      let j = i + 1;
      let run = j;
      let closed = false;
      while (j < raw.length) {
        const d = raw[j]!;
        if (d === escape && j + 1 < raw.length) {
          if (j > run) parts.push(raw.slice(run, j));
          const n = raw[j + 1]!;
          parts.push(n === '"' || n === '$' || n === escape ? n : d + n);
          j += 2;
          run = j;
        } else if (d === '"') {
          closed = true;
          break;
        } else {
          j++;
        }
      }
      if (j > run) parts.push(raw.slice(run, j));
      if (closed) j++;
      else problem = { quote: '"', at: i };
      i = j;
    } else {
      let j = i + 1;
      while (j < raw.length && raw[j] !== escape && raw[j] !== "'" && raw[j] !== '"') j++;
      parts.push(raw.slice(i, j));
      i = j;
    }
  }
  const value = parts.join('');
  return { value, problem };
}

/** End (exclusive) of the word starting at `i`, honouring quotes and the escape character. */
export function wordEnd(text: string, i: number, escape: string): number {
  while (i < text.length && !isSpace(text[i]!)) {
    const c = text[i]!;
    if (c === escape) i += 2;
    else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += c === '"' && text[j] === escape ? 2 : 1;
      i = Math.min(text.length, j + 1);
    } else i++;
  }
  return Math.min(i, text.length);
}

interface Located {
  word: Word;
  /** Offsets in `text`. */
  from: number;
  to: number;
}

function locate(text: string, base: number, map: OffsetMap, escape: string): Located[] {
  const out: Located[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && isSpace(text[i]!)) i++;
    if (i >= text.length) break;
    const end = wordEnd(text, i, escape);
    const raw = text.slice(i, end);
    out.push({ word: { raw, value: unquote(raw, escape).value, span: docSpan(map, base + i, base + end) }, from: i, to: end });
    i = end;
  }
  return out;
}

/** Splits `text` (which starts at logical offset `base` of `map`) into words. */
export function splitWords(text: string, base: number, map: OffsetMap, escape: string): Word[] {
  return locate(text, base, map, escape).map((l) => l.word);
}

/**
 * ENV / LABEL / ARG pairs. `legacy` allows the old `key value` form (ENV, LABEL) where the value
 * is the rest of the line; ARG never takes it.
 */
export function splitKeyValues(text: string, base: number, map: OffsetMap, escape: string, legacy: boolean): KeyValue[] {
  const located = locate(text, base, map, escape);
  const first = located[0];
  if (!first) return [];
  const word = (from: number, to: number): Word => {
    const raw = text.slice(from, to);
    return { raw, value: unquote(raw, escape).value, span: docSpan(map, base + from, base + to) };
  };
  if (legacy && !first.word.raw.includes('=')) {
    // `ENV key value with spaces`: the value is everything after the first word.
    let vs = first.to;
    while (vs < text.length && isSpace(text[vs]!)) vs++;
    let ve = text.length;
    while (ve > vs && isSpace(text[ve - 1]!)) ve--;
    const value = ve > vs ? word(vs, ve) : undefined;
    return [{ key: first.word, value, hasEquals: false, span: { start: first.word.span.start, end: value?.span.end ?? first.word.span.end } }];
  }
  return located.map(({ word: w, from, to }) => {
    const eq = w.raw.indexOf('=');
    if (eq < 0) return { key: w, value: undefined, hasEquals: false, span: w.span };
    return { key: word(from, from + eq), value: word(from + eq + 1, to), hasEquals: true, span: w.span };
  });
}

/** What keyValuesOf reads, and where it keeps the pairs (instruction nodes have the field). */
interface PairSource {
  argText: string;
  argStart: number;
  map: OffsetMap;
  upper: string;
  parsedPairs?: KeyValue[];
}

const pairMemo = new WeakMap<object, KeyValue[]>();

/** ENV/LABEL/ARG pairs of an instruction, computed once per instruction. */
export function keyValuesOf(instruction: PairSource, escape: string): KeyValue[] {
  const onNode = 'parsedPairs' in instruction;
  let pairs = onNode ? instruction.parsedPairs : pairMemo.get(instruction);
  if (!pairs) {
    pairs = splitKeyValues(instruction.argText, instruction.argStart, instruction.map, escape, instruction.upper !== 'ARG');
    if (onNode) instruction.parsedPairs = pairs;
    else pairMemo.set(instruction, pairs);
  }
  return pairs;
}

/** The first unterminated quote in `text`, if any (for ENV/LABEL/COPY and other expanded args). */
export function findQuoteProblem(text: string, escape: string): QuoteProblem | undefined {
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === escape) i += 2;
    else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += c === '"' && text[j] === escape ? 2 : 1;
      if (j >= text.length) return { quote: c, at: i };
      i = j + 1;
    } else i++;
  }
  return undefined;
}
