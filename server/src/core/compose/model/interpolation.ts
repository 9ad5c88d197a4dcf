// Compose's variable interpolation, read the way compose-go reads it: `$$` is a literal `$`,
// `$NAME` and `${NAME}` are variables, `${NAME` followed by `:-`, `-`, `:?`, `?`, `:+` or `+`
// takes an argument that may itself hold variables, and any other `${…}` is an error. A `$`
// followed by anything else stays a literal `$`.
import { t } from '../../l10n';

export type InterpolationOperator = ':-' | '-' | ':?' | '?' | ':+' | '+';

export interface VariableUse {
  /** Offsets in the document: the whole `${…}` or `$NAME`. */
  start: number;
  end: number;
  name: string;
  nameStart: number;
  operator?: InterpolationOperator;
  /** The argument as written (for `${A:-default}`: `default`). */
  argument?: string;
}

export interface InterpolationError {
  start: number;
  end: number;
  message: string;
}

export interface InterpolationScan {
  uses: VariableUse[];
  errors: InterpolationError[];
  /** Set when `${` nest deeper than MAX_INTERPOLATION_DEPTH: the deeper ones were not read. */
  tooDeep?: { start: number; end: number };
}

/**
 * How deep `${A:-${B:-…}}` defaults are read. Real values nest two or three levels; reading is
 * linear whatever the depth, but the uses inside would be as many as the levels.
 */
export const MAX_INTERPOLATION_DEPTH = 32;

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

/** Scans `source` (raw text found at `base` in the document) for variables and malformed `${`. */
export function scanInterpolation(source: string, base = 0): InterpolationScan {
  const result: InterpolationScan = { uses: [], errors: [] };
  if (!source.includes('$')) return result;
  scan(source, matchingBraces(source), base, result);
  return result;
}

/**
 * For each `${` (by the offset of its `$`), the `}` that closes it counting nested `${…}` on the
 * same line, or -1: one pass with a stack, where looking for each close separately was quadratic
 * in the nesting.
 */
function matchingBraces(s: string): Map<number, number> {
  const closes = new Map<number, number>();
  const open: number[] = [];
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === 10 || c === 13) {
      for (const at of open) closes.set(at, -1);
      open.length = 0;
    } else if (c === 36 /* $ */ && s.charCodeAt(k + 1) === 36) {
      k++;
    } else if (c === 36 && s.charCodeAt(k + 1) === 123 /* { */) {
      open.push(k);
      k++;
    } else if (c === 125 /* } */ && open.length > 0) {
      closes.set(open.pop()!, k);
    }
  }
  for (const at of open) closes.set(at, -1);
  return closes;
}

/**
 * Reads variables left to right. An argument (`${A:-…}`) is read in place, its end pushed on a
 * stack, so nesting costs no recursion; past MAX_INTERPOLATION_DEPTH an argument is skipped.
 */
function scan(s: string, closes: Map<number, number>, base: number, out: InterpolationScan): void {
  const ends: number[] = [];
  let to = s.length;
  let i = 0;
  for (;;) {
    const dollar = s.indexOf('$', i);
    if (dollar < 0 || dollar >= to) {
      // The end of an argument: go on after its `}`.
      if (ends.length === 0) return;
      i = to + 1;
      to = ends.pop()!;
      continue;
    }
    const next = s[dollar + 1];
    if (next === '$') {
      i = dollar + 2;
    } else if (next !== undefined && NAME_START.test(next) && dollar + 1 < to) {
      let j = dollar + 2;
      while (j < to && NAME_CHAR.test(s[j]!)) j++;
      out.uses.push({ start: base + dollar, end: base + j, name: s.slice(dollar + 1, j), nameStart: base + dollar + 1 });
      i = j;
    } else if (next === '{' && dollar + 1 < to) {
      const argument = braced(s, dollar, closes.get(dollar) ?? -1, to, base, out);
      if (typeof argument === 'number') {
        i = argument;
      } else if (ends.length >= MAX_INTERPOLATION_DEPTH) {
        out.tooDeep ??= { start: base + dollar, end: base + argument.close + 1 };
        i = argument.close + 1;
      } else {
        ends.push(to);
        to = argument.close;
        i = argument.from;
      }
    } else {
      i = dollar + 1;
    }
  }
}

/**
 * Reads `${…}` starting at `dollar`: where scanning continues, or the argument to read next
 * (from its first character to the closing `}`).
 */
function braced(s: string, dollar: number, close: number, to: number, base: number, out: InterpolationScan): number | { from: number; close: number } {
  // A close beyond the current argument's end belongs to text the argument does not hold.
  if (close >= to) close = -1;
  if (close < 0) {
    const lineEnd = endOfLine(s, dollar, to);
    out.errors.push({
      start: base + dollar,
      end: base + lineEnd,
      message: t('Unclosed "${": end the variable with "}", or write "$$" for a literal "$".'),
    });
    return lineEnd;
  }
  let j = dollar + 2;
  while (j < close && NAME_CHAR.test(s[j]!)) j++;
  const name = s.slice(dollar + 2, j);
  if (name === '' || !NAME_START.test(name[0]!)) {
    out.errors.push({
      start: base + dollar,
      end: base + close + 1,
      message: t('"{0}" is not a valid variable: a name starts with a letter or "_" and holds only letters, digits and "_". Write "$$" for a literal "$".', shortText(s.slice(dollar, close + 1))),
    });
    return close + 1;
  }
  if (j === close) {
    out.uses.push({ start: base + dollar, end: base + close + 1, name, nameStart: base + dollar + 2 });
    return close + 1;
  }
  const op = operatorAt(s, j);
  if (!op) {
    out.errors.push({
      start: base + dollar,
      end: base + close + 1,
      message: t('"{0}" is not supported by compose, which only knows ${NAME:-default}, ${NAME-default}, ${NAME:?error}, ${NAME?error}, ${NAME:+value} and ${NAME+value}. If the shell should expand it, write "$$" instead of "$".', shortText(s.slice(dollar, close + 1))),
    });
    return close + 1;
  }
  const argStart = j + op.length;
  out.uses.push({ start: base + dollar, end: base + close + 1, name, nameStart: base + dollar + 2, operator: op, argument: s.slice(argStart, close) });
  return { from: argStart, close };
}

/** Text quoted in a message, cut short when long (the range shows the whole of it). */
function shortText(text: string): string {
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

function operatorAt(s: string, j: number): InterpolationOperator | undefined {
  const two = s.slice(j, j + 2);
  if (two === ':-' || two === ':?' || two === ':+') return two;
  const one = s[j];
  if (one === '-' || one === '?' || one === '+') return one;
  return undefined;
}

function endOfLine(s: string, from: number, to: number): number {
  for (let k = from; k < to; k++) if (s[k] === '\n' || s[k] === '\r') return k;
  return to;
}

/**
 * The value an interpolated text takes with `variables` (unset names are empty), or undefined
 * when a `:?`/`?` would fail or the defaults nest deeper than MAX_INTERPOLATION_DEPTH. Used for
 * hints, never for checks. Text that is not a well-formed variable stays as written.
 */
export function substitute(text: string, variables: ReadonlyMap<string, string>): string | undefined {
  if (!text.includes('$')) return text;
  const closes = matchingBraces(text);
  let failed = false;
  const expand = (from: number, to: number, depth: number): string => {
    let out = '';
    let i = from;
    while (i < to && !failed) {
      const dollar = text.indexOf('$', i);
      if (dollar < 0 || dollar >= to) {
        out += text.slice(i, to);
        break;
      }
      out += text.slice(i, dollar);
      const next = text[dollar + 1];
      if (next === '$') {
        out += '$';
        i = dollar + 2;
        continue;
      }
      if (next !== undefined && NAME_START.test(next)) {
        let j = dollar + 2;
        while (j < to && NAME_CHAR.test(text[j]!)) j++;
        out += variables.get(text.slice(dollar + 1, j)) ?? '';
        i = j;
        continue;
      }
      const close = next === '{' ? closes.get(dollar) ?? -1 : -1;
      let j = dollar + 2;
      while (j < close && NAME_CHAR.test(text[j]!)) j++;
      const name = text.slice(dollar + 2, j);
      const op = close > j ? operatorAt(text, j) : undefined;
      if (close < 0 || close >= to || name === '' || !NAME_START.test(name[0]!) || (j < close && !op)) {
        out += '$';
        i = dollar + 1;
        continue;
      }
      if (depth >= MAX_INTERPOLATION_DEPTH) {
        failed = true;
        break;
      }
      const v = variables.get(name);
      const set = v !== undefined;
      const nonEmpty = set && v !== '';
      const argument = () => expand(j + (op?.length ?? 0), close, depth + 1);
      switch (op) {
        case ':-': out += nonEmpty ? v : argument(); break;
        case '-': out += set ? v : argument(); break;
        case ':?': if (!nonEmpty) failed = true; out += v ?? ''; break;
        case '?': if (!set) failed = true; out += v ?? ''; break;
        case ':+': out += nonEmpty ? argument() : ''; break;
        case '+': out += set ? argument() : ''; break;
        default: out += v ?? '';
      }
      i = close + 1;
    }
    return out;
  };
  const result = expand(0, text.length, 0);
  return failed ? undefined : result;
}
