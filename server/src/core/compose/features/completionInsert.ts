// What accepting a key inserts: `key: ` for scalars (with a choice of values when there are
// few), an indented block for mappings, a first `- ` for lists.
import { enumValues, typesOf, type JsonSchema } from '../schema/composeSchema';
import type { PathSegment } from '../schema/schemaMessages';
import { KNOWN_VALUES } from '../schema/valueHints';

/** Keys that accept a list or a mapping but are usually written as a list. */
const LIST_FIRST = new Set(['depends_on', 'networks', 'models']);

export function escapeChoice(value: string): string {
  return value.replace(/[\\,|$}]/g, (c) => `\\${c}`);
}

export function escapeSnippet(value: string): string {
  return value.replace(/[\\$}]/g, (c) => `\\${c}`);
}

export function keyInsertText(key: string, schemas: readonly JsonSchema[], path: readonly PathSegment[]): string {
  const types = new Set(schemas.flatMap(typesOf));
  const values = [...new Set(schemas.flatMap(enumValues).map(String))];
  const known = path.length === 3 && path[0] === 'services' ? KNOWN_VALUES[key] : undefined;
  const choices = values.length > 0 ? values : known && !known.some((v) => v.endsWith(':')) ? known : [];
  const name = escapeSnippet(key);
  if (choices.length > 0 && choices.length <= 12 && !types.has('object') && !types.has('array')) {
    return `${name}: \${1|${choices.map(escapeChoice).join(',')}|}`;
  }
  const object = types.has('object');
  const array = types.has('array');
  const scalar = ['string', 'number', 'integer', 'boolean'].some((type) => types.has(type));
  if (scalar) return `${name}: $0`;
  if (array && (!object || LIST_FIRST.has(key))) return `${name}:\n\t- $0`;
  if (object) return `${name}:\n\t$0`;
  return `${name}: $0`;
}
