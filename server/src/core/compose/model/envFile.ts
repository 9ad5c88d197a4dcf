// The project's `.env` file (beside the compose file), which compose reads for `${VAR}`
// substitution, read as compose-go's dotenv parser reads it (dotenv/parser.go): `KEY=value` or
// `KEY: value`, an optional `export`, names of letters, digits and `_ . - [ ]`, single- or
// double-quoted values that may span lines (double quotes take \n-style escapes), unquoted values
// cut at " #", and `${VAR}` in unquoted and double-quoted values expanded with the keys above. A
// line compose cannot read (it refuses the whole file) is skipped here, and so is a bare name,
// whose value comes from the shell.
import type { ServiceContext } from '../../languageService';
import { entries, resolve } from './access';
import type { ComposeFile } from './composeFile';
import type { MapNode } from './nodes';
import { substitute } from './interpolation';
import { readText } from './project';
import { dirnameUri, resolvePath } from './uris';

/** Go's unicode.IsSpace without the line breaks, as the parser's isSpace. */
const SPACE = /[\t\v\f\r \u0085\u00a0]/;
const NAME_CHAR = /[\p{L}\p{N}_.\-[\]]/u;
const ESCAPES: Record<string, string> = { a: '\x07', b: '\b', c: '\\c', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '"': '"', '\\': '\\', $: '$$' };

export function parseEnvFile(text: string): Map<string, string> {
  const values = new Map<string, string>();
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let i = 0;
  const lineEnd = (from: number) => {
    const nl = src.indexOf('\n', from);
    return nl < 0 ? src.length : nl;
  };
  while (i < src.length) {
    // The statement starts at the next non-space character; a comment runs to the end of its line.
    while (i < src.length && /\s/.test(src[i]!)) i++;
    if (i >= src.length) break;
    if (src[i] === '#') {
      i = lineEnd(i);
      continue;
    }
    const exported = /^export[ \t\v\f\r\u0085\u00a0]+/.exec(src.slice(i, i + 64));
    if (exported) i += exported[0].length;
    let k = i;
    let ok = true;
    while (k < src.length && src[k] !== '=' && src[k] !== ':' && src[k] !== '\n') {
      if (!SPACE.test(src[k]!) && !NAME_CHAR.test(src[k]!)) ok = false;
      k++;
    }
    const key = src.slice(i, k).replace(/\s+$/, '');
    if (!ok || key === '' || /\s/.test(key) || k >= src.length || src[k] === '\n') {
      // Not a KEY=value statement (or a bare name the shell sets): go on at the next line.
      i = lineEnd(k);
      continue;
    }
    let v = k + 1;
    while (v < src.length && SPACE.test(src[v]!)) v++;
    const quote = src[v];
    if (quote !== '"' && quote !== "'") {
      const end = lineEnd(v);
      let value = src.slice(v, end);
      const comment = value.indexOf(' #');
      if (comment >= 0) value = value.slice(0, comment);
      value = value.replace(/\s+$/, '');
      values.set(key, expand(value, values));
      i = end;
      continue;
    }
    // A quoted value runs to the next quote not preceded by a backslash, over lines if need be.
    let chars = '';
    let escaped = false;
    let close = -1;
    for (let j = v + 1; j < src.length; j++) {
      const c = src[j]!;
      if (c !== quote) {
        if (!escaped && c === '\\') {
          escaped = true;
          continue;
        }
        if (escaped) chars += '\\';
        escaped = false;
        chars += c;
        continue;
      }
      if (escaped) {
        escaped = false;
        chars += c;
        continue;
      }
      close = j;
      break;
    }
    if (close < 0) break; // compose refuses an unterminated quote
    values.set(key, quote === '"' ? expand(unescape(chars), values) : chars);
    i = close + 1;
  }
  return values;
}

/** The escapes compose expands in double quotes (\n, \t, \", \\, \$ as a literal $, octal \0NNN). */
function unescape(text: string): string {
  return text.replace(/\\(?:([abcfnrtv$"\\])|0([0-7]{0,3}))/g, (match, letter: string | undefined, octal: string | undefined) => {
    if (letter !== undefined) return ESCAPES[letter] ?? match;
    return octal ? String.fromCharCode(parseInt(octal, 8)) : match;
  });
}

/** ${VAR} in a value, from the keys read so far (compose also asks the shell first). */
function expand(value: string, values: ReadonlyMap<string, string>): string {
  return substitute(value, values) ?? value;
}

/**
 * Variables from the project's `.env` (empty when there is none): compose reads it in the project
 * folder, which for a -f overlay in a subfolder is its base's (pass `folder`, the project's directory).
 */
export function projectEnv(composeUri: string, context: ServiceContext, folder = dirnameUri(composeUri)): { uri: string; values: Map<string, string> } {
  const uri = `${folder}/.env`;
  const text = readText(uri, context);
  return { uri, values: text === undefined ? new Map() : parsedEnv(text) };
}

/**
 * The values of a .env text, parsed once while it stays the same: checks and hints read the
 * project's .env on every keystroke, and the file access hands back the same text meanwhile.
 * Callers only read the map.
 */
const parsed = new Map<string, Map<string, string>>();
function parsedEnv(text: string): Map<string, string> {
  let values = parsed.get(text);
  if (!values) {
    if (parsed.size >= 8) parsed.clear();
    parsed.set(text, (values = parseEnvFile(text)));
  }
  return values;
}

/**
 * What a service's `environment` sets, in either form, merged entries and aliases included
 * (environmentPairs leaves those out, to place findings on the service's own lines): each name
 * with its value as written (undefined for a name alone, which the shell gives).
 */
export function environmentValues(file: ComposeFile, service: MapNode): Map<string, string | undefined> {
  const values = new Map<string, string | undefined>();
  const environment = resolve(file, entries(file, service).find((e) => e.key === 'environment')?.value);
  if (environment?.kind === 'map') {
    for (const e of entries(file, environment)) {
      const value = resolve(file, e.value);
      values.set(e.key, value?.kind === 'scalar' && value.value !== null ? String(value.value) : undefined);
    }
  } else if (environment?.kind === 'seq') {
    for (const raw of environment.items) {
      const item = resolve(file, raw);
      if (item?.kind !== 'scalar' || typeof item.value !== 'string') continue;
      const cut = item.value.indexOf('=');
      values.set((cut < 0 ? item.value : item.value.slice(0, cut)).trim(), cut < 0 ? undefined : item.value.slice(cut + 1));
    }
  }
  return values;
}

/**
 * The names the env files of a service set (env_file: a path, a list of paths, or of { path,
 * required }), read as compose reads them; undefined when one cannot be read or is not known until
 * interpolation, so a caller cannot tell what it sets.
 */
export function serviceEnvFileKeys(file: ComposeFile, service: MapNode, context: ServiceContext): Set<string> | undefined {
  const keys = new Set<string>();
  const envFile = resolve(file, entries(file, service).find((e) => e.key === 'env_file')?.value);
  if (!envFile) return keys;
  const items = envFile.kind === 'seq' ? envFile.items.map((i) => resolve(file, i)) : [envFile];
  for (const item of items) {
    const pathNode = item?.kind === 'map' ? resolve(file, entries(file, item).find((e) => e.key === 'path')?.value) : item;
    if (pathNode?.kind !== 'scalar' || typeof pathNode.value !== 'string' || pathNode.value.includes('$')) return undefined;
    const uri = resolvePath(dirnameUri(file.uri), pathNode.value);
    const text = uri ? readText(uri, context) : undefined;
    if (text === undefined) return undefined;
    for (const key of parseEnvFile(text).keys()) keys.add(key);
  }
  return keys;
}

