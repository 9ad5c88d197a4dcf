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

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

export function expandText(raw: string, lookup: (name: string) => string | undefined, escape: string, removeQuotes = true): Expansion {
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
      const close = raw.indexOf('}', i + 2);
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
        let part: Expansion | undefined;
        if (op === '-' || op === ':-') out += set ? value : (part = expandText(word, lookup, escape, false)).value;
        else if (op === '+' || op === ':+') out += set ? (part = expandText(word, lookup, escape, false)).value : '';
        else if (value !== undefined) out += value;
        else unknown.push(name);
        if (part?.tooLarge || out.length > MAX_EXPANDED_LENGTH) return tooLarge();
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
