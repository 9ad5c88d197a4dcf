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
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

/** Scans `source` (raw text found at `base` in the document) for variables and malformed `${`. */
export function scanInterpolation(source: string, base = 0): InterpolationScan {
  const result: InterpolationScan = { uses: [], errors: [] };
  if (!source.includes('$')) return result;
  scan(source, 0, source.length, base, result);
  return result;
}

function scan(s: string, from: number, to: number, base: number, out: InterpolationScan): void {
  let i = from;
  while (i < to) {
    const dollar = s.indexOf('$', i);
    if (dollar < 0 || dollar >= to) return;
    const next = s[dollar + 1];
    if (next === '$') {
      i = dollar + 2;
    } else if (next !== undefined && NAME_START.test(next) && dollar + 1 < to) {
      let j = dollar + 2;
      while (j < to && NAME_CHAR.test(s[j]!)) j++;
      out.uses.push({ start: base + dollar, end: base + j, name: s.slice(dollar + 1, j), nameStart: base + dollar + 1 });
      i = j;
    } else if (next === '{' && dollar + 1 < to) {
      i = braced(s, dollar, to, base, out);
    } else {
      i = dollar + 1;
    }
  }
}

/** Reads `${…}` starting at `dollar`; returns where scanning continues. */
function braced(s: string, dollar: number, to: number, base: number, out: InterpolationScan): number {
  const close = matchingBrace(s, dollar + 2, to);
  const lineEnd = endOfLine(s, dollar, to);
  if (close < 0) {
    out.errors.push({
      start: base + dollar,
      end: base + lineEnd,
      message: t('Unclosed "${": end the variable with "}", or write "$$" for a literal "$".'),
    });
    return lineEnd;
  }
  const whole = s.slice(dollar, close + 1);
  let j = dollar + 2;
  while (j < close && NAME_CHAR.test(s[j]!)) j++;
  const name = s.slice(dollar + 2, j);
  if (name === '' || !NAME_START.test(name[0]!)) {
    out.errors.push({
      start: base + dollar,
      end: base + close + 1,
      message: t('"{0}" is not a valid variable: a name starts with a letter or "_" and holds only letters, digits and "_". Write "$$" for a literal "$".', whole),
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
      message: t('"{0}" is not supported by compose, which only knows ${NAME:-default}, ${NAME-default}, ${NAME:?error}, ${NAME?error}, ${NAME:+value} and ${NAME+value}. If the shell should expand it, write "$$" instead of "$".', whole),
    });
    return close + 1;
  }
  const argStart = j + op.length;
  out.uses.push({ start: base + dollar, end: base + close + 1, name, nameStart: base + dollar + 2, operator: op, argument: s.slice(argStart, close) });
  scan(s, argStart, close, base, out);
  return close + 1;
}

function operatorAt(s: string, j: number): InterpolationOperator | undefined {
  const two = s.slice(j, j + 2);
  if (two === ':-' || two === ':?' || two === ':+') return two;
  const one = s[j];
  if (one === '-' || one === '?' || one === '+') return one;
  return undefined;
}

/** The `}` closing a `${` whose content starts at `from`, counting nested `${…}`; -1 if none on this line. */
function matchingBrace(s: string, from: number, to: number): number {
  let depth = 0;
  for (let k = from; k < to; k++) {
    const c = s[k];
    if (c === '\n' || c === '\r') return -1;
    if (c === '$' && s[k + 1] === '$') {
      k++;
    } else if (c === '$' && s[k + 1] === '{') {
      depth++;
      k++;
    } else if (c === '}') {
      if (depth === 0) return k;
      depth--;
    }
  }
  return -1;
}

function endOfLine(s: string, from: number, to: number): number {
  for (let k = from; k < to; k++) if (s[k] === '\n' || s[k] === '\r') return k;
  return to;
}

/**
 * The value an interpolated text takes with `variables` (unset names are empty), or undefined
 * when a `:?`/`?` would fail. Used for hints, never for checks.
 */
export function substitute(text: string, variables: ReadonlyMap<string, string>): string | undefined {
  let failed = false;
  const value = (name: string) => variables.get(name);
  const expand = (s: string): string => s.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])((?:[^{}]|\{[^{}]*\})*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (match, braced: string | undefined, op: string | undefined, arg: string | undefined, plain: string | undefined) => {
      if (match === '$$') return '$';
      const name = braced ?? plain!;
      const v = value(name);
      const set = v !== undefined;
      const nonEmpty = set && v !== '';
      switch (op) {
        case ':-': return nonEmpty ? v! : expand(arg ?? '');
        case '-': return set ? v! : expand(arg ?? '');
        case ':?': if (!nonEmpty) failed = true; return v ?? '';
        case '?': if (!set) failed = true; return v ?? '';
        case ':+': return nonEmpty ? expand(arg ?? '') : '';
        case '+': return set ? expand(arg ?? '') : '';
        default: return v ?? '';
      }
    });
  const result = expand(text);
  return failed ? undefined : result;
}
