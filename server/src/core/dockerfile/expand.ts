// Static expansion of `$VAR` forms with what the Dockerfile itself defines, for hints, hovers and
// checks on FROM. Unknown variables are reported back rather than guessed.
import { unquote } from './words';

export interface Expansion {
  value: string;
  /** Names that had no known value (their text expanded to empty, as BuildKit would without --build-arg). */
  unknown: string[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

export function expandText(raw: string, lookup: (name: string) => string | undefined, escape: string, removeQuotes = true): Expansion {
  const unknown: string[] = [];
  if (raw.indexOf('$') < 0) return { value: removeQuotes ? unquote(raw, escape).value : raw, unknown };
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
        if (op === '-' || op === ':-') out += set ? value : expandText(word, lookup, escape, false).value;
        else if (op === '+' || op === ':+') out += set ? expandText(word, lookup, escape, false).value : '';
        else if (value !== undefined) out += value;
        else unknown.push(name);
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
    i += 1 + m[0].length;
  }
  return { value: removeQuotes ? unquote(out, escape).value : out, unknown };
}
