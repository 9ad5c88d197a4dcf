// The exec (JSON array) form: `["executable", "arg"]`. Only an array of strings counts; anything
// else (including single-quoted "JSON") is shell form, as BuildKit decides.
import type { ExecForm, OffsetMap, Word } from './ast';
import { docSpan } from './offsetMap';

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\r' || c === '\n';

/** Parses `text` (at logical offset `base`) as a JSON array of strings, or returns undefined. */
export function parseExecForm(text: string, base: number, map: OffsetMap): ExecForm | undefined {
  let i = 0;
  const skip = () => {
    while (isSpace(text[i])) i++;
  };
  skip();
  if (text[i] !== '[') return undefined;
  const start = i;
  i++;
  const items: Word[] = [];
  skip();
  if (text[i] === ']') {
    i++;
  } else {
    for (;;) {
      skip();
      if (text[i] !== '"') return undefined;
      const from = i;
      i++;
      let value = '';
      for (;;) {
        const c = text[i];
        if (c === undefined || c === '\n') return undefined;
        if (c === '"') break;
        if (c === '\\') {
          const e = text[i + 1];
          if (e === 'u') {
            const hex = text.slice(i + 2, i + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) return undefined;
            value += String.fromCharCode(parseInt(hex, 16));
            i += 6;
            continue;
          }
          const mapped = e === undefined ? undefined : ESCAPES[e];
          if (mapped === undefined) return undefined;
          value += mapped;
          i += 2;
          continue;
        }
        value += c;
        i++;
      }
      i++;
      items.push({ value, raw: text.slice(from, i), span: docSpan(map, base + from, base + i) });
      skip();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        break;
      }
      return undefined;
    }
  }
  const end = i;
  skip();
  if (i < text.length) return undefined;
  return { items, span: docSpan(map, base + start, base + end) };
}

/** `['a', 'b']`: looks like an exec form but is not JSON, so BuildKit runs it through a shell. */
export function looksLikeSingleQuotedJson(text: string): boolean {
  return /^\s*\[\s*'[^]*'\s*\]\s*$/.test(text);
}
