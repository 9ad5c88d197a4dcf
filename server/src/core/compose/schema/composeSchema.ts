// The vendored Compose Specification schema and the few ways the core walks it: following
// `$ref`, flattening `oneOf`/`anyOf` into alternatives, and finding the schemas that apply to a
// key, an item or a path. The schema's keywords used here are the ones the file actually has.
import schemaJson from './compose-spec.json';
import { tData } from '../../l10n';

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  description?: string;
  deprecated?: boolean;
  properties?: Record<string, JsonSchema>;
  patternProperties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  required?: string[];
  items?: JsonSchema;
  uniqueItems?: boolean;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  default?: unknown;
}

export const rootSchema = schemaJson as unknown as JsonSchema & { $defs: Record<string, JsonSchema> };

const regexCache = new Map<string, RegExp>();

/** JSON-schema patterns are unanchored searches. */
export function patternRegex(pattern: string): RegExp {
  let re = regexCache.get(pattern);
  if (!re) {
    try {
      re = new RegExp(pattern, 'u');
    } catch {
      re = /(?:)/;
    }
    regexCache.set(pattern, re);
  }
  return re;
}

/** Follows `$ref` (local `#/$defs/…` references only). */
export function deref(schema: JsonSchema): JsonSchema {
  let current = schema;
  for (let depth = 0; current.$ref && depth < 16; depth++) {
    const name = current.$ref.replace(/^#\/\$defs\//, '');
    const target = rootSchema.$defs[name];
    if (!target) break;
    current = target;
  }
  return current;
}

const branchCache = new WeakMap<JsonSchema, JsonSchema[]>();

/** The alternatives a value may match: `$ref` followed, `oneOf`/`anyOf` flattened. */
export function alternatives(schema: JsonSchema): JsonSchema[] {
  const cached = branchCache.get(schema);
  if (cached) return cached;
  const target = deref(schema);
  const union = target.oneOf ?? target.anyOf;
  const result = union ? union.flatMap((s) => alternatives(s)) : [target];
  branchCache.set(schema, result);
  return result;
}

/** The description shown for a schema: the one beside a `$ref` wins over the target's. */
export function descriptionOf(schema: JsonSchema): string | undefined {
  const description = schema.description ?? deref(schema).description;
  return description === undefined ? undefined : tData(description);
}

const patternLists = new WeakMap<JsonSchema, [RegExp, JsonSchema][]>();

/**
 * The schema of the first of `schema`'s patternProperties that `key` matches. The patterns are
 * compiled into one list per schema, not looked up per key (the schema check asks for every key
 * of the file on every edit).
 */
export function patternSchemaFor(schema: JsonSchema, key: string): JsonSchema | undefined {
  let list = patternLists.get(schema);
  if (!list) {
    list = Object.entries(schema.patternProperties ?? {}).map(([pattern, sub]): [RegExp, JsonSchema] => [patternRegex(pattern), sub]);
    patternLists.set(schema, list);
  }
  for (const [regex, sub] of list) if (regex.test(key)) return sub;
  return undefined;
}

/** Schemas that apply to the value of `key` in a mapping described by `schema`. */
export function propertySchemas(schema: JsonSchema, key: string): JsonSchema[] {
  const out: JsonSchema[] = [];
  for (const alt of alternatives(schema)) {
    const own = alt.properties?.[key];
    if (own) {
      out.push(own);
      continue;
    }
    const pattern = patternSchemaFor(alt, key);
    if (pattern) out.push(pattern);
    else if (alt.additionalProperties && typeof alt.additionalProperties === 'object') out.push(alt.additionalProperties);
  }
  return out;
}

export function itemSchemas(schema: JsonSchema): JsonSchema[] {
  return alternatives(schema).flatMap((alt) => (alt.items ? [alt.items] : []));
}

/** The schemas for a path of keys and item indexes from the top of the file. */
export function schemasAt(path: readonly (string | number)[]): JsonSchema[] {
  let current: JsonSchema[] = [rootSchema];
  for (const segment of path) {
    current = current.flatMap((s) => (typeof segment === 'number' ? itemSchemas(s) : propertySchemas(s, segment)));
    if (current.length === 0) break;
  }
  return current;
}

/** Property names (with their schemas) that a mapping described by `schemas` may hold. */
export function knownProperties(schemas: readonly JsonSchema[]): Map<string, JsonSchema> {
  const out = new Map<string, JsonSchema>();
  for (const schema of schemas) {
    for (const alt of alternatives(schema)) {
      for (const [name, prop] of Object.entries(alt.properties ?? {})) if (!out.has(name)) out.set(name, prop);
    }
  }
  return out;
}

export function typesOf(schema: JsonSchema): string[] {
  const types = new Set<string>();
  for (const alt of alternatives(schema)) {
    if (alt.type === undefined) {
      if (alt.properties || alt.patternProperties) types.add('object');
      else if (alt.items) types.add('array');
    } else {
      for (const type of Array.isArray(alt.type) ? alt.type : [alt.type]) types.add(type);
    }
  }
  return [...types];
}

/** Enum values allowed by any alternative. */
export function enumValues(schema: JsonSchema): unknown[] {
  return alternatives(schema).flatMap((alt) => alt.enum ?? []);
}
