// Reading the YAML the way compose does: aliases stand for their anchored node, and a mapping's
// `<<` merge keys add the entries of the merged mappings (own keys win, then earlier merges).
import type { ComposeFile } from './composeFile';
import { t } from '../../l10n';
import { formatCount } from '../../formatCount';
import { keyText, type CNode, type MapNode, type PairNode, type SeqNode } from './nodes';
import { noteLimit } from './limits';

export type ValueNode = Exclude<CNode, { kind: 'alias' }>;

/** What an alias points at (the latest anchor of that name before it), or the node itself. */
export function resolve(file: ComposeFile, node: CNode | null | undefined): ValueNode | null {
  let current = node ?? null;
  for (let depth = 0; current && current.kind === 'alias' && depth < 16; depth++) {
    current = anchorBefore(file, current.name, current.start)?.node ?? null;
  }
  return current && current.kind !== 'alias' ? current : null;
}

function anchorBefore(file: ComposeFile, name: string, offset: number): { node: CNode } | undefined {
  const list = file.anchors.get(name);
  if (!list) return undefined;
  let found: { node: CNode } | undefined;
  for (const anchor of list) {
    if (anchor.node.start < offset) found = anchor;
  }
  return found;
}

export interface Entry {
  key: string;
  pair: PairNode;
  /** The key node (in the merged mapping when the entry comes from a merge key). */
  keyNode: CNode;
  /** The value as written (may be an alias). */
  raw: CNode | null;
  /** The value with aliases resolved. */
  value: ValueNode | null;
  /** Set when the entry comes from a `<<` merge: the `<<` value that brought it. */
  mergedFrom?: CNode;
}

/**
 * Mappings without aliases or merge keys read the same in every version of the file, and their
 * nodes survive edits elsewhere (unchanged chunks are reused), so their entries are kept across
 * versions; the others depend on the anchors and are memoised per file.
 */
const selfContained = new WeakMap<MapNode, Entry[]>();

/**
 * Entries a file's merges may copy in all. Each mapping's entries are worked out once, so nested
 * merges cost what they list rather than doubling per level (`<<: [*m, *m, …]` nested a few levels
 * once took minutes), but a few lines of aliases can still list millions of entries.
 */
export const MAX_MERGE_WORK = 100_000;

interface MergeState {
  /** Mappings whose entries are being worked out (a merge that reaches one of them is a cycle). */
  busy: Set<MapNode>;
  work: number;
}

const MERGE_STATE = {};

function mergeState(file: ComposeFile): MergeState {
  let state = file.memo.get(MERGE_STATE) as MergeState | undefined;
  if (!state) file.memo.set(MERGE_STATE, (state = { busy: new Set(), work: 0 }));
  return state;
}

/** The effective entries of a mapping, merge keys applied. */
export function entries(file: ComposeFile, map: MapNode): Entry[] {
  const stable = selfContained.get(map);
  if (stable) return stable;
  const cached = file.memo.get(map) as Entry[] | undefined;
  if (cached) return cached;
  const state = mergeState(file);
  // A mapping that merges itself (through an alias to its own anchor) adds nothing more.
  if (state.busy.has(map)) return [];
  state.busy.add(map);
  let result: Entry[];
  try {
    result = collectEntries(file, map, state);
  } finally {
    state.busy.delete(map);
  }
  const dependsOnAnchors = map.pairs.some((p) => p.value?.kind === 'alias' || (p.key?.kind === 'scalar' && p.key.value === '<<'));
  if (dependsOnAnchors) file.memo.set(map, result);
  else selfContained.set(map, result);
  return result;
}

function collectEntries(file: ComposeFile, map: MapNode, state: MergeState): Entry[] {
  const own: Entry[] = [];
  const merged: Entry[] = [];
  for (const pair of map.pairs) {
    const key = keyText(pair);
    // `!reset` removes the key from what compose reads.
    if (key === undefined || !pair.key || pair.value?.tag === '!reset') continue;
    if (key === '<<' && pair.key.kind === 'scalar' && pair.key.style === 'plain') {
      mergedEntries(file, pair.key, pair.value, state, merged);
      continue;
    }
    own.push({ key, pair, keyNode: pair.key, raw: pair.value, value: resolve(file, pair.value) });
  }
  dropRepeatedKeys(own);
  if (merged.length === 0) return own;
  const seen = new Set(own.map((e) => e.key));
  const result = [...own];
  for (const entry of merged) {
    if (seen.has(entry.key)) continue;
    seen.add(entry.key);
    result.push(entry);
  }
  return result;
}

/** A key written twice is the parser's error; like compose, readers take the last one. */
function dropRepeatedKeys(own: Entry[]): void {
  if (own.length < 2) return;
  const last = new Map<string, Entry>();
  for (const entry of own) last.set(entry.key, entry);
  if (last.size === own.length) return;
  const kept = own.filter((entry) => last.get(entry.key) === entry);
  own.length = 0;
  own.push(...kept);
}

function mergedEntries(file: ComposeFile, mergeKey: CNode, value: CNode | null, state: MergeState, out: Entry[]): void {
  const sources = value?.kind === 'seq' ? value.items : [value];
  for (const source of sources) {
    const target = resolve(file, source);
    if (target?.kind !== 'map' || !source) continue;
    if (state.work > MAX_MERGE_WORK) return;
    const list = entries(file, target);
    state.work += list.length + 1;
    if (state.work > MAX_MERGE_WORK) {
      // Noted once, where the budget ran out; later merges in the file are not expanded either.
      noteLimit(file, {
        start: mergeKey.start,
        end: mergeKey.end,
        message: t('These merge keys expand to more than {0} entries, so they were not expanded further; checks stopped here.', formatCount(MAX_MERGE_WORK)),
      });
      return;
    }
    // Entries that came through a merge already say which `<<` value brought them.
    for (const entry of list) out.push(entry.mergedFrom ? entry : { ...entry, mergedFrom: source });
  }
}

/** The `<<` values of a mapping (for hints and checks that talk about merges). */
export function mergeSources(map: MapNode): { pair: PairNode; value: CNode | null }[] {
  return map.pairs
    .filter((p) => p.key?.kind === 'scalar' && p.key.value === '<<' && p.key.style === 'plain')
    .map((pair) => ({ pair, value: pair.value }));
}

export function entry(file: ComposeFile, map: MapNode | null | undefined, key: string): Entry | undefined {
  if (!map) return undefined;
  return entries(file, map).find((e) => e.key === key);
}

/** A key's resolved value when it is a mapping. */
export function mapAt(file: ComposeFile, map: MapNode | null | undefined, key: string): MapNode | undefined {
  const value = entry(file, map, key)?.value;
  return value?.kind === 'map' ? value : undefined;
}

export function seqItems(file: ComposeFile, seq: SeqNode): { raw: CNode | null; value: ValueNode | null }[] {
  return seq.items.map((raw) => ({ raw, value: resolve(file, raw) }));
}

/** The root mapping of every document (compose reads further documents like override files). */
export function rootMaps(file: ComposeFile): MapNode[] {
  const maps: MapNode[] = [];
  for (const doc of file.documents) {
    const root = resolve(file, doc.root);
    if (root?.kind === 'map') maps.push(root);
  }
  return maps;
}

/** `${`-style interpolation makes a value unknowable until run time. */
export function isInterpolated(text: string): boolean {
  // A template's placeholder ({{ PORT }}) is filled in before compose reads the file (round 27).
  return /\$\{|\$[A-Za-z_]/.test(text.replace(/\$\$/g, '')) || /\{\{[^}]*\}\}/.test(text);
}

/**
 * A string as compose-go casts it to a boolean (its toBoolean, used for the fields it casts while
 * interpolating and when it decodes a string into a boolean): true and false, and YAML 1.1's y,
 * yes, on, n, no and off, in any case. Undefined for any other text.
 */
export function composeBoolean(text: string): boolean | undefined {
  const word = text.toLowerCase();
  if (word === 'true' || word === 'y' || word === 'yes' || word === 'on') return true;
  if (word === 'false' || word === 'n' || word === 'no' || word === 'off') return false;
  return undefined;
}

/** The value at a key path below a mapping (aliases and merges resolved). */
export function valueAt(file: ComposeFile, map: MapNode | null, ...keys: string[]): ValueNode | null {
  let current: ValueNode | null = map;
  for (const key of keys) {
    if (current?.kind !== 'map') return null;
    current = entries(file, current).find((e) => e.key === key)?.value ?? null;
  }
  return current;
}
