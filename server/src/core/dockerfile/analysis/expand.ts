// Static expansion of `$VAR` forms with what the Dockerfile itself defines, for hints, hovers and
// checks on FROM. Unknown variables are reported back rather than guessed.
import { unquote } from '../syntax/words';

export interface Expansion {
  value: string;
  /** Names that had no known value (their text expanded to empty, as BuildKit would without --build-arg). */
  unknown: string[];
  /** The value would be longer than MAX_EXPANDED_LENGTH; `value` is then empty and means nothing. */
  tooLarge?: true;
}

/**
 * The longest value worked out. Values may use others several times, so 40 lines of
 * `ENV E1=${E0}${E0}` double up to a terabyte; past this length a value is left unknown.
 */
export const MAX_EXPANDED_LENGTH = 64 * 1024;

/**
 * How deep `${A:-${B:-…}}` words are expanded: each level scans its word once more, so the work is
 * bounded by this times the length. A deeper value is left unknown.
 */
export const MAX_EXPANSION_DEPTH = 16;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * The `}` that closes a `${` whose inside starts at `from`, or -1. Like BuildKit, which reads the
 * word after `:-`, `-`, `:+` and `+` as a word of its own up to its `}`: a `${…}` nested in it
 * has its own `}`, and an escaped `}` or one inside quotes is part of the word. One pass, no recursion.
 */
export function closingBrace(raw: string, from: number, escape: string): number {
  /** The open quote at each nesting level ('' for none). */
  const quotes: string[] = [''];
  for (let i = from; i < raw.length; i++) {
    const c = raw[i]!;
    const quote = quotes[quotes.length - 1]!;
    if (quote === "'") {
      if (c === "'") quotes[quotes.length - 1] = '';
      continue;
    }
    if (c === escape) {
      i++;
      continue;
    }
    if (c === '$' && raw[i + 1] === '{') {
      quotes.push('');
      i++;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quotes[quotes.length - 1] = '';
      continue;
    }
    if (c === "'" || c === '"') quotes[quotes.length - 1] = c;
    else if (c === '}') {
      if (quotes.length === 1) return i;
      quotes.pop();
    }
  }
  return -1;
}

export function expandText(raw: string, lookup: (name: string) => string | undefined, escape: string, removeQuotes = true, depth = 0): Expansion {
  const unknown: string[] = [];
  if (raw.indexOf('$') < 0) return { value: removeQuotes ? unquote(raw, escape).value : raw, unknown };
  const tooLarge = (): Expansion => ({ value: '', unknown, tooLarge: true });
  let out = '';
  let inSingle = false;
  let i = 0;
  while (i < raw.length) {
    const c = raw[i]!;
    if (c === escape && i + 1 < raw.length) {
      out += c + raw[i + 1];
      i += 2;
      continue;
    }
    if (c === "'") inSingle = !inSingle;
    if (c !== '$' || inSingle) {
      out += c;
      i++;
      continue;
    }
    if (raw[i + 1] === '{') {
      const close = closingBrace(raw, i + 2, escape);
      if (close < 0) {
        out += raw.slice(i);
        break;
      }
      const inner = raw.slice(i + 2, close);
      const m = NAME.exec(inner);
      if (!m) {
        out += raw.slice(i, close + 1);
      } else {
        const name = m[0];
        const rest = inner.slice(name.length);
        const value = lookup(name);
        const op = /^(:?[-+?])/.exec(rest)?.[1];
        const word = op ? rest.slice(op.length) : '';
        const set = value !== undefined && (op?.startsWith(':') ? value !== '' : true);
        // The word, expanded as a value of its own (it may use variables, defaults in turn).
        const expandWord = (): string => {
          if (depth >= MAX_EXPANSION_DEPTH) {
            unknown.push(name);
            return '';
          }
          const part = expandText(word, lookup, escape, false, depth + 1);
          unknown.push(...part.unknown);
          if (part.tooLarge) tooLargeWord = true;
          return part.value;
        };
        let tooLargeWord = false;
        if (op === '-' || op === ':-') out += set ? value : expandWord();
        else if (op === '+' || op === ':+') out += set ? expandWord() : '';
        else if (value !== undefined) out += value;
        else unknown.push(name);
        if (tooLargeWord || out.length > MAX_EXPANDED_LENGTH) return tooLarge();
      }
      i = close + 1;
      continue;
    }
    const m = NAME.exec(raw.slice(i + 1));
    if (!m) {
      out += c;
      i++;
      continue;
    }
    const value = lookup(m[0]);
    if (value !== undefined) out += value;
    else unknown.push(m[0]);
    if (out.length > MAX_EXPANDED_LENGTH) return tooLarge();
    i += 1 + m[0].length;
  }
  return { value: removeQuotes ? unquote(out, escape).value : out, unknown };
}
