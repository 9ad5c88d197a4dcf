// The compose core's own YAML node tree: plain objects with absolute offsets into the document
// text. They are read straight from the text (subsetYaml.ts) or built from the `yaml` package's
// nodes (yamlPackage.ts, where that reader declines) once per parsed chunk and then only read,
// which keeps every later step (checks, navigation, completion) free of the library's types and
// lets cached chunks be moved to a new offset by a cheap walk.

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded';

export interface NodeBase {
  /** Offset of the node's first character (after its tag/anchor). */
  start: number;
  /** Offset just past the node's value. */
  end: number;
  anchor?: string;
  tag?: string;
}

export interface ScalarNode extends NodeBase {
  kind: 'scalar';
  value: string | number | boolean | null;
  style: ScalarStyle;
}

export interface AliasNode extends NodeBase {
  kind: 'alias';
  name: string;
}

export interface PairNode {
  key: CNode | null;
  value: CNode | null;
}

export interface MapNode extends NodeBase {
  kind: 'map';
  pairs: PairNode[];
  flow: boolean;
}

export interface SeqNode extends NodeBase {
  kind: 'seq';
  items: (CNode | null)[];
  flow: boolean;
}

export type CNode = ScalarNode | AliasNode | MapNode | SeqNode;

/** Moves every offset in a tree by `delta` (a cached chunk reused further down the text). */
export function shiftNode(node: CNode | null, delta: number): void {
  if (!node || delta === 0) return;
  node.start += delta;
  node.end += delta;
  if (node.kind === 'map') {
    for (const pair of node.pairs) {
      shiftNode(pair.key, delta);
      shiftNode(pair.value, delta);
    }
  } else if (node.kind === 'seq') {
    for (const item of node.items) shiftNode(item, delta);
  }
}

/** The key of a pair as text, for the plain and quoted keys compose files use. */
export function keyText(pair: PairNode): string | undefined {
  const key = pair.key;
  if (!key || key.kind !== 'scalar' || key.value === null) return undefined;
  return String(key.value);
}

/** A scalar's value as text (numbers and booleans as written), or undefined for other nodes. */
export function scalarString(node: CNode | null | undefined): string | undefined {
  if (!node || node.kind !== 'scalar' || node.value === null) return undefined;
  return String(node.value);
}

/** Visits every node depth-first, keys included; the callback returns false to skip children. */
export function walk(node: CNode | null, visit: (node: CNode, isKey: boolean) => boolean | void, isKey = false): void {
  if (!node) return;
  if (visit(node, isKey) === false) return;
  if (node.kind === 'map') {
    for (const pair of node.pairs) {
      walk(pair.key, visit, true);
      walk(pair.value, visit, false);
    }
  } else if (node.kind === 'seq') {
    for (const item of node.items) walk(item, visit, false);
  }
}
