// Wording for schema problems: what a place in the file is called, what kind of value was found,
// and what kinds were expected, so each problem reads as one plain sentence.
import { t } from '../../l10n';
import type { ValueNode } from '../model/access';
import { alternatives, type JsonSchema } from './composeSchema';

export type PathSegment = string | number;

/** A readable name for the mapping at `path`: "the top level", "service "web"", "services.web.build". */
export function placeName(path: readonly PathSegment[]): string {
  if (path.length === 0) return t('the top level');
  if (path.length === 2 && typeof path[0] === 'string' && typeof path[1] === 'string') {
    switch (path[0]) {
      case 'services': return t('service "{0}"', path[1]);
      case 'volumes': return t('volume "{0}"', path[1]);
      case 'networks': return t('network "{0}"', path[1]);
      case 'secrets': return t('secret "{0}"', path[1]);
      case 'configs': return t('config "{0}"', path[1]);
      case 'models': return t('model "{0}"', path[1]);
    }
  }
  return `"${dotted(path)}"`;
}

export function dotted(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${segment}` : segment;
  }
  return out;
}

export function jsonType(node: ValueNode | null): string {
  if (!node) return 'null';
  if (node.kind === 'map') return 'object';
  if (node.kind === 'seq') return 'array';
  const v = node.value;
  if (v === null) return 'null';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return 'string';
}

/** How a found value is described: "a string", "a list", "a mapping"… */
export function describeFound(node: ValueNode | null): string {
  switch (jsonType(node)) {
    case 'object': return t('a mapping');
    case 'array': return t('a list');
    case 'null': return t('empty');
    case 'boolean': return t('true/false');
    case 'integer':
    case 'number': return t('a number');
    default: return t('a string');
  }
}

function describeType(type: string, schema: JsonSchema): string {
  switch (type) {
    case 'object': return t('a mapping');
    case 'array': {
      const items = schema.items && alternatives(schema.items);
      if (items && items.length === 1 && items[0]!.type === 'string') return t('a list of strings');
      return t('a list');
    }
    case 'null': return t('empty');
    case 'boolean': return t('true or false');
    case 'integer': return t('a whole number');
    case 'number': return t('a number');
    default: return t('a string');
  }
}

/** "a string, a list or a mapping" for the alternatives of a schema. */
export function describeExpected(alts: readonly JsonSchema[]): string {
  const parts: string[] = [];
  for (const alt of alts) {
    const types = alt.type === undefined ? (alt.properties ? ['object'] : alt.items ? ['array'] : []) : Array.isArray(alt.type) ? alt.type : [alt.type];
    for (const type of types) {
      const text = describeType(type, alt);
      if (!parts.includes(text)) parts.push(text);
    }
  }
  // "or empty" only confuses when something else is expected too.
  const empty = t('empty');
  if (parts.length > 1 && parts.includes(empty)) parts.splice(parts.indexOf(empty), 1);
  if (parts.length === 0) return t('something else');
  if (parts.length === 1) return parts[0]!;
  return t('{0} or {1}', parts.slice(0, -1).join(', '), parts[parts.length - 1]!);
}

/** Short quoted form of a value for messages. */
export function shortValue(value: unknown): string {
  const text = String(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}
