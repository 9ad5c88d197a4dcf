// Stacks an image's layers the way the engine's overlay does, to know what each layer added,
// changed and removed, what the final filesystem holds, and which stored bytes nobody can see any
// more ("wasted": a file an upper layer overwrote or deleted still sits in the lower layer's tar).
// Whiteouts of a layer apply to the layers below it only, so each layer's whiteouts are applied
// before its own files. A hard link shares its target's bytes: they are wasted only when no name
// of them is left. Pure, and iterative (no recursion over user input).
import type { EntryKind, LayerContents } from './layerReader';

/** The bytes of one regular file (or a symlink's target) as one layer stores them. */
export interface StoredFile {
  layer: number;
  path: string;
  size: number;
  /** The last layer that hid a name of these bytes. */
  hiddenBy?: number;
  /** Set once stacking is done: a name of these bytes is in the final filesystem. */
  visible?: boolean;
}

export type NodeKind = Exclude<EntryKind, 'whiteout' | 'opaque'>;

export interface Version {
  layer: number;
  kind: NodeKind;
  /** Bytes of content (a hard link shows its target's). */
  size: number;
  mode: number;
  link?: string;
  stored?: StoredFile;
}

export interface PastVersion extends Version {
  hiddenBy: number;
  how: 'deleted' | 'overwritten';
}

export interface FsNode {
  name: string;
  path: string;
  children?: Map<string, FsNode>;
  /** What the final filesystem has at this path; undefined when it was deleted. */
  current?: Version;
  /** Versions an upper layer overwrote or deleted, oldest first. */
  past?: PastVersion[];
  /** After summarising: bytes the final filesystem shows under this path (each stored file counted once). */
  size: number;
  /** After summarising: bytes stored under this path that the final filesystem cannot see. */
  wasted: number;
  /** After summarising: files (not directories) the final filesystem shows under this path. */
  files: number;
}

export type ChangeStatus = 'added' | 'modified' | 'removed';

export interface LayerChange {
  path: string;
  status: ChangeStatus;
  kind: NodeKind;
  /** Added or modified: the bytes this layer stores; removed: the bytes it hides. */
  size: number;
}

export interface LayerSummary {
  /** Bytes of file content (and symlink targets) this layer stores: what the engine reports as its size. */
  size: number;
  added: number;
  modified: number;
  removed: number;
  /** Bytes this layer stores that the final filesystem cannot see (an upper layer hid them). */
  wastedBytes: number;
  /** Bytes of lower layers that this layer hid (deleted or overwrote) without freeing them. */
  hiddenBytes: number;
  changes: LayerChange[];
  error?: string;
}

export interface WastedPath {
  path: string;
  bytes: number;
  /** Layers (indexes) that stored bytes at this path that nobody sees. */
  storedIn: number[];
  /** Layers that hid them. */
  hiddenBy: number[];
}

export interface StackedImage {
  root: FsNode;
  layers: LayerSummary[];
  totalBytes: number;
  visibleBytes: number;
  wastedBytes: number;
  /** visible / total: 1 when nothing is wasted (dive's idea, on bytes). */
  efficiency: number;
  /** Largest first; at most MAX_WASTED_PATHS. */
  wastedPaths: WastedPath[];
}

export const MAX_WASTED_PATHS = 200;

function newNode(name: string, path: string): FsNode {
  return { name, path, size: 0, wasted: 0, files: 0 };
}

/** The node at `path`, or undefined. */
export function lookup(root: FsNode, path: string): FsNode | undefined {
  if (path === '') return root;
  let node: FsNode | undefined = root;
  for (const segment of path.split('/')) {
    node = node.children?.get(segment);
    if (!node) return undefined;
  }
  return node;
}

export interface StackHooks {
  /** Called after layer `index` is applied (packages follow the files this way). */
  afterLayer?(index: number, root: FsNode): void;
}

/** Entries applied between two yields: a large image is stacked without blocking for seconds. */
const ENTRIES_PER_SLICE = 20_000;

export function stackLayers(layers: readonly LayerContents[], hooks: StackHooks = {}): StackedImage {
  const steps = stackSteps(layers, hooks);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The same, giving the event loop a turn every ENTRIES_PER_SLICE entries. */
export async function stackLayersAsync(layers: readonly LayerContents[], hooks: StackHooks = {}): Promise<StackedImage> {
  const steps = stackSteps(layers, hooks);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function* stackSteps(layers: readonly LayerContents[], hooks: StackHooks): Generator<void, StackedImage> {
  let work = 0;
  const root = newNode('', '');
  root.children = new Map();
  root.current = { layer: -1, kind: 'dir', size: 0, mode: 0o755 };
  const summaries: LayerSummary[] = [];
  const stored: StoredFile[][] = [];

  for (let index = 0; index < layers.length; index++) {
    const layer = layers[index]!;
    const summary: LayerSummary = { size: 0, added: 0, modified: 0, removed: 0, wastedBytes: 0, hiddenBytes: 0, changes: [] };
    if (layer.error) summary.error = layer.error;
    summaries.push(summary);
    const files: StoredFile[] = [];
    stored.push(files);

    /** Hides everything visible at and under `node`; returns the bytes and files hidden. */
    const hide = (node: FsNode, how: PastVersion['how']): { bytes: number; files: number } => {
      let bytes = 0;
      let count = 0;
      const stack = [node];
      while (stack.length) {
        const n = stack.pop()!;
        if (n.children) for (const child of n.children.values()) stack.push(child);
        const version = n.current;
        if (!version) continue;
        n.current = undefined;
        if (version.kind === 'dir') continue;
        (n.past ??= []).push({ layer: version.layer, kind: version.kind, size: version.size, mode: version.mode, link: version.link, stored: version.stored, hiddenBy: index, how });
        if (version.stored) version.stored.hiddenBy = index;
        if (version.kind === 'file' || version.kind === 'symlink') bytes += version.size;
        count++;
      }
      return { bytes, files: count };
    };

    /** One removal change; it counts the files it hid (an empty directory counts as one). */
    const remove = (node: FsNode) => {
      const kind = node.current?.kind ?? 'dir';
      const hidden = hide(node, 'deleted');
      summary.changes.push({ path: node.path, status: 'removed', kind, size: hidden.bytes });
      summary.removed += Math.max(1, hidden.files);
    };

    // 1. Whiteouts hide what the layers below have.
    for (const entry of layer.entries) {
      if (++work % ENTRIES_PER_SLICE === 0) yield;
      if (entry.kind !== 'whiteout' && entry.kind !== 'opaque') continue;
      const node = lookup(root, entry.path);
      if (!node) continue;
      if (entry.kind === 'whiteout') {
        if (node.current || hasVisible(node)) remove(node);
      } else {
        for (const child of node.children?.values() ?? []) if (child.current || hasVisible(child)) remove(child);
      }
    }

    // 2. The layer's own entries, in archive order.
    const byPath = new Map<string, StoredFile>();
    const ensureDir = (path: string): FsNode => {
      let node = root;
      if (path === '') return node;
      for (const segment of path.split('/')) {
        node.children ??= new Map();
        let child = node.children.get(segment);
        if (!child) {
          child = newNode(segment, node.path ? `${node.path}/${segment}` : segment);
          node.children.set(segment, child);
        }
        if (child.current && child.current.kind !== 'dir') hide(child, 'overwritten');
        if (!child.current) child.current = { layer: index, kind: 'dir', size: 0, mode: 0o755 };
        node = child;
      }
      return node;
    };
    for (const entry of layer.entries) {
      if (++work % ENTRIES_PER_SLICE === 0) yield;
      if (entry.kind === 'whiteout' || entry.kind === 'opaque') continue;
      const slash = entry.path.lastIndexOf('/');
      const parent = ensureDir(slash < 0 ? '' : entry.path.slice(0, slash));
      const name = entry.path.slice(slash + 1);
      parent.children ??= new Map();
      let node = parent.children.get(name);
      if (!node) {
        node = newNode(name, entry.path);
        parent.children.set(name, node);
      }
      const previous = node.current;
      let status: ChangeStatus = 'added';
      if (previous) {
        status = 'modified';
        if (previous.kind !== 'dir') hide(node, 'overwritten');
        else if (entry.kind !== 'dir') hide(node, 'overwritten');
        else if (previous.layer === index) status = 'added'; // a directory listed twice, or made implicitly first
      }
      let file: StoredFile | undefined;
      if (entry.kind === 'file' || entry.kind === 'symlink') {
        // A symlink stores its target (the engine counts those bytes in a layer's size too).
        file = { layer: index, path: entry.path, size: entry.kind === 'file' ? entry.size : Buffer.byteLength(entry.link ?? '') };
        files.push(file);
        if (entry.kind === 'file') byPath.set(entry.path, file);
        summary.size += file.size;
      } else if (entry.kind === 'hardlink' && entry.link) {
        file = byPath.get(entry.link);
      }
      // One object shape for every version (no optional spreads): many thousands of them are kept.
      node.current = { layer: index, kind: entry.kind, size: file?.size ?? 0, mode: entry.mode, link: entry.link, stored: file };
      if (entry.kind === 'dir' && status === 'modified') continue; // a directory's metadata: not a change worth listing
      summary.changes.push({ path: entry.path, status, kind: entry.kind, size: entry.kind === 'file' || entry.kind === 'symlink' ? file!.size : 0 });
      if (entry.kind !== 'dir') {
        if (status === 'added') summary.added++;
        else summary.modified++;
      }
    }
    hooks.afterLayer?.(index, root);
  }

  return finish(root, summaries, stored);
}

function hasVisible(node: FsNode): boolean {
  const stack = [...(node.children?.values() ?? [])];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.current) return true;
    if (n.children) for (const child of n.children.values()) stack.push(child);
  }
  return false;
}

function finish(root: FsNode, summaries: LayerSummary[], stored: StoredFile[][]): StackedImage {
  // Which stored bytes a name of the final filesystem still reaches.
  const order: FsNode[] = [];
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!;
    order.push(n);
    if (n.current?.stored) n.current.stored.visible = true;
    if (n.children) for (const child of n.children.values()) stack.push(child);
  }
  let totalBytes = 0;
  let visibleBytes = 0;
  const wasted = new Map<string, WastedPath>();
  stored.forEach((files, layer) => {
    for (const file of files) {
      totalBytes += file.size;
      if (file.visible) {
        visibleBytes += file.size;
        continue;
      }
      summaries[layer]!.wastedBytes += file.size;
      if (file.hiddenBy !== undefined) summaries[file.hiddenBy]!.hiddenBytes += file.size;
      if (file.size === 0) continue;
      const entry = wasted.get(file.path) ?? { path: file.path, bytes: 0, storedIn: [], hiddenBy: [] };
      entry.bytes += file.size;
      if (!entry.storedIn.includes(layer)) entry.storedIn.push(layer);
      if (file.hiddenBy !== undefined && !entry.hiddenBy.includes(file.hiddenBy)) entry.hiddenBy.push(file.hiddenBy);
      wasted.set(file.path, entry);
    }
  });

  // Sizes per directory, children before parents (the reverse of the walk above).
  const counted = new Set<StoredFile>();
  for (let i = order.length - 1; i >= 0; i--) {
    const n = order[i]!;
    let size = 0;
    let waste = 0;
    let files = 0;
    const own = n.current;
    if (own && own.kind !== 'dir') files++;
    if (own?.stored && !counted.has(own.stored)) {
      counted.add(own.stored);
      size += own.stored.size;
    }
    for (const past of n.past ?? []) {
      if (past.stored && !past.stored.visible && !counted.has(past.stored)) {
        counted.add(past.stored);
        waste += past.stored.size;
      }
    }
    for (const child of n.children?.values() ?? []) {
      size += child.size;
      waste += child.wasted;
      files += child.files;
    }
    n.size = size;
    n.wasted = waste;
    n.files = files;
  }
  const wastedBytes = totalBytes - visibleBytes;
  return {
    root,
    layers: summaries,
    totalBytes,
    visibleBytes,
    wastedBytes,
    efficiency: totalBytes === 0 ? 1 : visibleBytes / totalBytes,
    wastedPaths: [...wasted.values()].sort((a, b) => b.bytes - a.bytes || a.path.localeCompare(b.path)).slice(0, MAX_WASTED_PATHS),
  };
}
