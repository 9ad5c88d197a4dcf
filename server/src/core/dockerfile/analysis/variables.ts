// Finds `$NAME` and `${NAME<modifier>word}` references in instruction text, the way BuildKit's
// word expansion sees them: no expansion inside single quotes, the escape character protects a
// `$`. In shell mode (RUN, CMD) the same rules approximate what the shell expands.
import type { OffsetMap, VariableRef } from '../syntax/ast';
import { docSpan } from '../syntax/offsetMap';
import { MAX_EXPANSION_DEPTH } from './expand';

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

/** Modifiers BuildKit's expansion supports inside `${...}`. */
export const SUPPORTED_MODIFIERS = [':-', '-', ':+', '+', ':?', '?', '##', '#', '%%', '%', '//', '/'];

/**
 * The references in `text`, the first `max` of them. A reference in the word of another
 * (`B` in `${A:-${B}}`) follows the one it is in: BuildKit expands that word, so it looks `B` up.
 */
export function scanVariables(text: string, base: number, map: OffsetMap, escape: string, max = Infinity): VariableRef[] {
  const refs: VariableRef[] = [];
  scanInto(refs, text, 0, text.length, base, map, escape, max, 0);
  return refs;
}

/** Scans text[from, to) into refs; `depth`: how many words deep (as deep as expansion goes). */
function scanInto(refs: VariableRef[], text: string, from: number, to: number, base: number, map: OffsetMap, escape: string, max: number, depth: number): void {
  let inDouble = false;
  let i = from;
  while (i < to && refs.length < max) {
    const c = text[i]!;
    if (c === escape) {
      i += 2;
      continue;
    }
    if (c === "'" && !inDouble) {
      const close = text.indexOf("'", i + 1);
      i = close < 0 || close >= to ? to : close + 1;
      continue;
    }
    if (c === '"') {
      inDouble = !inDouble;
      i++;
      continue;
    }
    if (c !== '$') {
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '{' && i + 1 < to) {
      const ref = braced(text, i, to, base, map);
      refs.push(ref.ref);
      if (ref.word && depth < MAX_EXPANSION_DEPTH) scanInto(refs, text, ref.word.start, ref.word.end, base, map, escape, max, depth + 1);
      i = ref.end;
      continue;
    }
    if (next !== undefined && i + 1 < to && NAME_START.test(next)) {
      let j = i + 2;
      while (j < to && NAME_CHAR.test(text[j]!)) j++;
      refs.push({
        name: text.slice(i + 1, j),
        span: docSpan(map, base + i, base + j),
        nameSpan: docSpan(map, base + i + 1, base + j),
        braced: false,
        modifier: undefined,
        modifierWord: undefined,
      });
      i = j;
      continue;
    }
    i++;
  }
}

/** The `${...}` at `at` (before `to`), and where the word after its modifier lies when it holds a `$`. */
function braced(text: string, at: number, to: number, base: number, map: OffsetMap): { ref: VariableRef; end: number; word?: { start: number; end: number } } {
  // Find the matching close brace, allowing nested ${...} in the word.
  let depth = 0;
  let close = -1;
  for (let j = at + 2; j < to; j++) {
    const c = text[j]!;
    if (c === '$' && text[j + 1] === '{') {
      depth++;
      j++;
    } else if (c === '}') {
      if (depth === 0) {
        close = j;
        break;
      }
      depth--;
    }
  }
  const end = close < 0 ? to : close + 1;
  const inner = text.slice(at + 2, close < 0 ? to : close);
  let n = 0;
  if (inner.length > 0 && NAME_START.test(inner[0]!)) {
    n = 1;
    while (n < inner.length && NAME_CHAR.test(inner[n]!)) n++;
  }
  const rest = inner.slice(n);
  let modifier: string | undefined;
  let modifierWord: string | undefined;
  if (n === 0 || close < 0) {
    modifier = close < 0 ? '{' : rest.slice(0, 1) || '{}';
  } else if (rest.length > 0) {
    modifier = SUPPORTED_MODIFIERS.find((m) => rest.startsWith(m)) ?? rest.slice(0, 1);
    modifierWord = rest.slice(modifier.length);
  }
  if (n === 0) {
    // `${#x}`, `${!x}`, `${1}`: no name we can resolve; report the whole thing as unsupported.
    let k = 0;
    while (k < inner.length && !NAME_START.test(inner[k]!)) k++;
    let e = k;
    while (e < inner.length && NAME_CHAR.test(inner[e]!)) e++;
    const name = inner.slice(k, e);
    return {
      ref: {
        name,
        span: docSpan(map, base + at, base + end),
        nameSpan: docSpan(map, base + at + 2 + k, base + at + 2 + e),
        braced: true,
        modifier,
        modifierWord: undefined,
      },
      end,
    };
  }
  const wordStart = at + 2 + n + (modifier?.length ?? 0);
  return {
    ref: {
      name: inner.slice(0, n),
      span: docSpan(map, base + at, base + end),
      nameSpan: docSpan(map, base + at + 2, base + at + 2 + n),
      braced: true,
      modifier,
      modifierWord,
    },
    end,
    ...(modifierWord?.includes('$') ? { word: { start: wordStart, end: close } } : {}),
  };
}

export function isSupportedModifier(modifier: string | undefined): boolean {
  return modifier === undefined || SUPPORTED_MODIFIERS.includes(modifier);
}
