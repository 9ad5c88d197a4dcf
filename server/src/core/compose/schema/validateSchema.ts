// A small validator driven by the compose schema. Unlike a generic JSON-schema validator it
// reports one problem per mistake, at the exact key or value: `oneOf` alternatives are narrowed
// by the kind of value written, so a wrong kind gives one "must be a list or a mapping" and a
// right kind is checked against the one alternative that fits. Interpolated values are accepted
// wherever a scalar is (compose substitutes them before it validates), strings compose converts
// to booleans and numbers are checked as it converts them (see typeCasts), and `!reset` values
// are not checked at all.
import { t, tData } from '../../l10n';
import { DiagnosticTag } from '../../types';
import { entries, isInterpolated, resolve, type ValueNode } from '../model/access';
import { closest } from '../model/closest';
import type { ComposeFile } from '../model/composeFile';
import type { CNode, MapNode, SeqNode } from '../model/nodes';
import type { Problem } from '../checks/problems';
import { alternatives, patternRegex, patternSchemaFor, type JsonSchema } from './composeSchema';
import { describeExpected, describeFound, dotted, jsonType, placeName, shortValue, type PathSegment } from './schemaMessages';
import { patternHint } from './valueHints';
import { castAt, casts, type CastKind } from './typeCasts';
import { mayHoldKey } from '../model/brokenBlocks';
import { composeDeduplicates } from './deduplicatedLists';

/** What the value being checked is, for messages: the value of a key, or an item of a list. */
export interface Label {
  key?: string;
  itemOf?: string;
  /** Where "missing key" problems point: the key that holds the mapping. */
  anchor?: CNode;
}

/** Keys whose string values are durations, for a more helpful message when a bare number is written. */
const DURATION_KEYS = new Set(['interval', 'timeout', 'start_period', 'start_interval', 'stop_grace_period', 'delay', 'monitor', 'window']);
const SCALAR_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'null']);

export function validateSchema(file: ComposeFile, root: CNode | null, schema: JsonSchema, out: Problem[]): void {
  check(file, root, schema, [], {}, out);
}

/** Validates one value at a known place (a service against the service schema). */
export function validateValue(file: ComposeFile, raw: CNode | null, schema: JsonSchema, path: PathSegment[], label: Label, out: Problem[]): void {
  check(file, raw, schema, path, label, out);
}

function check(file: ComposeFile, raw: CNode | null, schema: JsonSchema, path: PathSegment[], label: Label, out: Problem[]): void {
  if (raw?.tag === '!reset') return;
  const node = resolve(file, raw);
  if (node?.tag === '!reset') return;
  // (castAt first: it lets nearly every string go at once, before the text is scanned for a variable.)
  if (node?.kind === 'scalar' && typeof node.value === 'string') {
    const kind = castAt(path);
    if (kind && !isInterpolated(node.value)) {
      if (!casts(node.value, kind)) out.push(castProblem(raw ?? node, kind, label.key ?? label.itemOf ?? dotted(path), node.value));
      // Either way the schema is not asked: it would see what compose converted, not the string.
      return;
    }
  }
  const alts = alternatives(schema);
  const fitting = alts.filter((alt) => typeFits(alt, node));
  if (fitting.length === 0) {
    out.push(typeProblem(raw ?? node, node, alts, label));
    return;
  }
  if (fitting.length === 1) {
    checkAgainst(file, node, fitting[0]!, path, label, out);
    return;
  }
  // Several alternatives accept this kind of value: keep the one it fits best.
  let best: Problem[] | undefined;
  for (const alt of fitting) {
    const found: Problem[] = [];
    checkAgainst(file, node, alt, path, label, found);
    if (found.length === 0) return;
    if (!best || found.length < best.length) best = found;
  }
  out.push(...best!);
}

function castProblem(at: CNode, kind: CastKind, name: string, value: string): Problem {
  const message = kind === 'boolean'
    ? t('"{0}" must be true or false (yes, no, on and off are read too), not "{1}": compose refuses the file.', name, shortValue(value))
    : kind === 'integer'
      ? t('"{0}" must be a whole number, not "{1}": compose refuses the file.', name, shortValue(value))
      : t('"{0}" must be a number, not "{1}": compose refuses the file.', name, shortValue(value));
  return { rule: 'compose-invalid-type', start: at.start, end: at.end, message };
}

function typeFits(schema: JsonSchema, node: ValueNode | null): boolean {
  const declared = schema.type;
  if (declared === undefined) {
    if (schema.properties || schema.patternProperties) return node?.kind === 'map';
    if (schema.items) return node?.kind === 'seq';
    return true;
  }
  const types = Array.isArray(declared) ? declared : [declared];
  const actual = jsonType(node);
  if (types.includes(actual)) return true;
  if (actual === 'integer' && types.includes('number')) return true;
  if (actual === 'string' && node?.kind === 'scalar' && isInterpolated(String(node.value))) {
    return types.some((type) => SCALAR_TYPES.has(type));
  }
  return false;
}

function typeProblem(at: CNode | null, node: ValueNode | null, alts: JsonSchema[], label: Label): Problem {
  const expected = describeExpected(alts);
  const found = describeFound(node);
  let message: string;
  if (label.key !== undefined && DURATION_KEYS.has(label.key) && node?.kind === 'scalar' && typeof node.value === 'number') {
    message = t('"{0}" must be a duration written with a unit, such as {1}s or 1m30s, not a bare number.', label.key, node.value);
  } else if (label.key !== undefined) message = t('"{0}" must be {1}, not {2}.', label.key, expected, found);
  else if (label.itemOf !== undefined) message = t('Each item of "{0}" must be {1}, not {2}.', label.itemOf, expected, found);
  else message = t('A compose file must be a mapping with keys such as "services", not {0}.', found);
  const start = at?.start ?? label.anchor?.start ?? 0;
  const end = at && at.end > at.start ? at.end : label.anchor?.end ?? start;
  return { rule: 'compose-invalid-type', start, end, message };
}

function checkAgainst(file: ComposeFile, node: ValueNode | null, schema: JsonSchema, path: PathSegment[], label: Label, out: Problem[]): void {
  if (!node) return;
  if (node.kind === 'scalar') checkScalar(node, schema, path, label, out);
  else if (node.kind === 'map') checkMap(file, node, schema, path, label, out);
  else checkSeq(file, node, schema, path, label, out);
}

function checkScalar(node: Extract<ValueNode, { kind: 'scalar' }>, schema: JsonSchema, path: PathSegment[], label: Label, out: Problem[]): void {
  const value = node.value;
  if (typeof value === 'string' && isInterpolated(value)) return;
  const name = label.key ?? label.itemOf ?? dotted(path);
  if (schema.enum && !schema.enum.includes(value)) {
    const allowed = schema.enum.map(String);
    const suggestion = typeof value === 'string' ? closest(value, allowed) : undefined;
    out.push({
      rule: 'compose-invalid-value',
      start: node.start,
      end: node.end,
      message: suggestion
        ? t('"{0}" is not a valid value for "{1}". Did you mean "{2}"?', shortValue(value), name, suggestion)
        : t('"{0}" is not a valid value for "{1}". Use one of: {2}.', shortValue(value), name, allowed.join(', ')),
      ...(suggestion ? { data: { replacement: suggestion } } : {}),
    });
    return;
  }
  if (schema.pattern && typeof value === 'string' && !patternRegex(schema.pattern).test(value)) {
    out.push({
      rule: 'compose-invalid-value',
      start: node.start,
      end: node.end,
      message: patternHint(name, value) ?? t('"{0}" is not a valid value for "{1}".', shortValue(value), name),
    });
    return;
  }
  if (typeof value === 'number') {
    const { minimum, maximum } = schema;
    if ((minimum !== undefined && value < minimum) || (maximum !== undefined && value > maximum)) {
      const message = minimum !== undefined && maximum !== undefined
        ? t('"{0}" must be between {1} and {2}.', name, minimum, maximum)
        : minimum !== undefined ? t('"{0}" must be at least {1}.', name, minimum) : t('"{0}" must be at most {1}.', name, maximum!);
      out.push({ rule: 'compose-invalid-value', start: node.start, end: node.end, message });
    }
  }
}

/** The resource a top-level section declares, for messages. */
function kindOfSection(section: string): string {
  switch (section) {
    case 'networks': return t('network');
    case 'volumes': return t('volume');
    case 'secrets': return t('secret');
    case 'configs': return t('config');
    default: return section;
  }
}

function checkMap(file: ComposeFile, node: MapNode, schema: JsonSchema, path: PathSegment[], label: Label, out: Problem[]): void {
  // Only a schema with required keys needs the keys present (this walks the whole file on every edit).
  const present = schema.required && schema.required.length > 0 ? new Set<string>() : undefined;
  let known = 0;
  for (const entry of entries(file, node)) {
    present?.add(entry.key);
    if (path.length === 0 && entry.key === 'version') continue; // its own check explains it
    const target = schemaForKey(schema, entry.key);
    if (target === false) {
      out.push(unknownKey(file, entry.key, entry.keyNode, entry.value, schema, path));
      continue;
    }
    known++;
    if (target === undefined) continue;
    if (target.deprecated) {
      out.push({
        rule: 'compose-deprecated-key',
        start: entry.keyNode.start,
        end: entry.keyNode.end,
        message: entry.key === 'name' && path[path.length - 1] === 'external'
          ? t('external.name is deprecated: name the {0} with its own "name" key, beside "external: true".', kindOfSection(String(path[0])))
          : t('"{0}" is deprecated: {1}', entry.key, tData(target.description ?? '')),
        tags: [DiagnosticTag.Deprecated],
      });
    }
    check(file, entry.raw, target, [...path, entry.key], { key: entry.key, anchor: entry.keyNode }, out);
  }
  // A mapping with an unreadable part may have the key there. One whose keys are all unknown is no
  // attempt at this object (a list item YAML read as a mapping, `- a ? b: c`: round 16): its
  // unknown keys say what is wrong, a missing key would only repeat it.
  if (present && present.size > 0 && known === 0) return;
  for (const required of schema.required ?? []) {
    if (present!.has(required) || mayHoldKey(file, node, [required])) continue;
    const at = label.anchor ?? node;
    out.push({
      rule: 'compose-missing-key',
      start: at.start,
      end: at.end,
      message: t('{0} needs the key "{1}".', path.length === 0 ? t('The file') : placeName(path), required),
    });
  }
}

/** The schema for a key's value; false when the key is not allowed; undefined when anything goes. */
function schemaForKey(schema: JsonSchema, key: string): JsonSchema | false | undefined {
  const own = schema.properties?.[key];
  if (own) return own;
  const byPattern = patternSchemaFor(schema, key);
  if (byPattern) return byPattern;
  const extra = schema.additionalProperties;
  if (extra === false) return false;
  return typeof extra === 'object' ? extra : undefined;
}

/** A file named as a template that another tool renders into the compose file (compose-template.yml, compose.yml.tpl). */
const TEMPLATE_NAME = /[^/]*(templ|\.tpl|\.tmpl|\.j2|\.jinja)[^/]*$/i;

function unknownKey(file: ComposeFile, key: string, keyNode: CNode, value: ValueNode | null, schema: JsonSchema, path: PathSegment[]): Problem {
  const base = { rule: 'compose-unknown-key' as const, start: keyNode.start, end: keyNode.end };
  const names = Object.keys(schema.properties ?? {});
  if (names.length === 0 && schema.patternProperties) {
    // Compose substitutes variables in values only, never in keys (compose-spec#325). A file named as
    // a template is rendered first, by envsubst or the like (round 46: docker-compose-template.yml).
    if (/\$\{?\w/.test(key)) {
      return { ...base, message: t('Compose substitutes variables in values only, not in keys: "{0}" stays as written, which is not a valid name. Write the name itself, or render the file first (envsubst) if it is a template.', key), ...(TEMPLATE_NAME.test(file.uri) ? { severity: 'hint' as const } : {}) };
    }
    return { ...base, message: t('"{0}" is not a valid name: use only letters, digits, ".", "_" and "-".', key) };
  }
  const suggestion = closest(key, names);
  if (suggestion) {
    return { ...base, message: t('Unknown key "{0}" in {1}. Did you mean "{2}"?', key, placeName(path), suggestion), data: { replacement: suggestion } };
  }
  if (path.length === 0 && value?.kind === 'map' && entries(file, value).some((e) => e.key === 'image' || e.key === 'build')) {
    return { ...base, message: t('Unknown top-level key "{0}". If it is a service, indent it under "services:".', key) };
  }
  return { ...base, message: t('Unknown key "{0}" in {1}.', key, placeName(path)) };
}

function checkSeq(file: ComposeFile, node: SeqNode, schema: JsonSchema, path: PathSegment[], label: Label, out: Problem[]): void {
  const owner = label.key ?? label.itemOf ?? dotted(path);
  const seen = new Map<string, number>();
  const dropped = schema.uniqueItems === true && composeDeduplicates(path);
  node.items.forEach((raw, index) => {
    if (schema.items) check(file, raw, schema.items, [...path, index], { itemOf: owner, ...(raw ? { anchor: raw } : {}) }, out);
    if (!schema.uniqueItems || !raw) return;
    // Empty items (`- # a comment` left to fill in) are each wrong on their own, not repeats (round 36).
    const item = resolve(file, raw);
    if (item?.kind === 'scalar' && item.value === null) return;
    const identity = canonical(file, raw);
    if (identity === undefined) return;
    if (seen.has(identity)) {
      const value = shortValue(file.text.slice(raw.start, raw.end));
      out.push(dropped
        ? { rule: 'compose-duplicate-item', start: raw.start, end: raw.end, severity: 'hint', tags: [DiagnosticTag.Unnecessary], message: t('{0} is listed twice in "{1}"; compose keeps only one, so the repeat can go.', value, owner) }
        : { rule: 'compose-duplicate-item', start: raw.start, end: raw.end, message: t('{0} is listed twice in "{1}".', value, owner) });
    } else {
      seen.set(identity, index);
    }
  });
}

/** A comparable form of a value (scalars and small structures), or undefined when not worth comparing. */
function canonical(file: ComposeFile, raw: CNode, depth = 0): string | undefined {
  const node = resolve(file, raw);
  if (!node || depth > 4) return undefined;
  if (node.kind === 'scalar') return JSON.stringify(node.value);
  if (node.kind === 'seq') {
    const parts = node.items.map((item) => (item ? canonical(file, item, depth + 1) : 'null'));
    return parts.includes(undefined) ? undefined : `[${parts.join(',')}]`;
  }
  const parts = entries(file, node).map((e) => `${JSON.stringify(e.key)}:${e.raw ? canonical(file, e.raw, depth + 1) : 'null'}`);
  return `{${parts.sort().join(',')}}`;
}
