// What reads compose text with the `yaml` package: the package itself, its nodes turned into the
// core's and its duplicate-key check. Loaded on first use (parseYaml.ts requires it when the
// subset reader declines a text), so a session whose compose files the subset reader reads alone
// never evaluates the package.
import { isAlias, isMap, isPair, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import type { CNode, NodeBase, PairNode, ScalarStyle } from './nodes';

export { parseAllDocuments, parseDocument } from 'yaml';
export { duplicateKeyErrors } from './duplicateKeys';

const STYLES: Record<string, ScalarStyle> = {
  PLAIN: 'plain',
  QUOTE_SINGLE: 'single',
  QUOTE_DOUBLE: 'double',
  BLOCK_LITERAL: 'literal',
  BLOCK_FOLDED: 'folded',
};

/** Converts a `yaml` node (and everything under it) into the core's node tree. */
export function fromYaml(node: unknown): CNode | null {
  if (!node || typeof node !== 'object') return null;
  const n = node as YamlNode & { range?: [number, number, number] | null; anchor?: string; tag?: string };
  const [start, end] = n.range ?? [0, 0];
  const base: NodeBase = { start, end };
  if (n.anchor) base.anchor = n.anchor;
  if (n.tag) base.tag = n.tag;
  if (isScalar(n)) {
    const v = n.value;
    // A merge key written with its tag (`!!merge <<: *x`, SigNoz's files) is a symbol in the package.
    const value = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null
      ? v
      : typeof v === 'bigint' ? Number(v) : typeof v === 'symbol' ? v.description ?? '' : String(v);
    return { kind: 'scalar', ...base, value, style: STYLES[n.type ?? 'PLAIN'] ?? 'plain' };
  }
  if (isAlias(n)) return { kind: 'alias', ...base, name: n.source };
  if (isMap(n)) {
    const pairs: PairNode[] = [];
    for (const item of n.items) {
      if (isPair(item)) pairs.push({ key: fromYaml(item.key), value: fromYaml(item.value) });
    }
    const last = pairs[pairs.length - 1];
    // A block collection ends where its last value ends (the parser's own end runs over trailing comments).
    if (!n.flow && last) base.end = (last.value ?? last.key ?? base).end;
    return { kind: 'map', ...base, pairs, flow: Boolean(n.flow) };
  }
  if (isSeq(n)) {
    const items = n.items.map((item) => (isPair(item) ? fromYaml(item.value) : fromYaml(item)));
    const last = items[items.length - 1];
    if (!n.flow && last) base.end = last.end;
    return { kind: 'seq', ...base, items, flow: Boolean(n.flow) };
  }
  return null;
}
