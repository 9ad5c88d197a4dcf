// A layer's changes (a flat list of paths) as a folder tree for the view, and the children of a
// folder in the order worth reading: largest first, capped so a folder of 50,000 files stays a
// quick list. Pure.
import type { ChangeStatus, LayerChange } from './layerFilesystem';

export interface ChangeDir {
  name: string;
  path: string;
  /** Set when the folder itself was added or removed by the layer. */
  status?: ChangeStatus;
  dirs: Map<string, ChangeDir>;
  files: LayerChange[];
  /** Bytes of the changes under it (stored for added/modified, hidden for removed). */
  size: number;
  count: number;
}

function newDir(name: string, path: string): ChangeDir {
  return { name, path, dirs: new Map(), files: [], size: 0, count: 0 };
}

export function changeTree(changes: readonly LayerChange[]): ChangeDir {
  const root = newDir('', '');
  for (const change of changes) {
    const segments = change.path.split('/');
    const isDir = change.kind === 'dir';
    let dir = root;
    const parents = [root];
    for (let i = 0; i < segments.length - (isDir ? 0 : 1); i++) {
      let next = dir.dirs.get(segments[i]!);
      if (!next) {
        next = newDir(segments[i]!, segments.slice(0, i + 1).join('/'));
        dir.dirs.set(segments[i]!, next);
      }
      dir = next;
      parents.push(dir);
    }
    if (isDir) dir.status = change.status;
    else dir.files.push(change);
    for (const p of parents) {
      p.size += change.size;
      if (!isDir || change.status === 'removed') p.count++;
    }
  }
  return root;
}

export interface Capped<T> {
  shown: T[];
  /** What did not fit: how many and their bytes. */
  rest?: { count: number; bytes: number };
}

/** Largest first (then by name), at most `max`. */
export function largestFirst<T>(items: readonly T[], size: (t: T) => number, name: (t: T) => string, max: number): Capped<T> {
  const sorted = [...items].sort((a, b) => size(b) - size(a) || name(a).localeCompare(name(b)));
  if (sorted.length <= max) return { shown: sorted };
  const rest = sorted.slice(max);
  return { shown: sorted.slice(0, max), rest: { count: rest.length, bytes: rest.reduce((n, t) => n + size(t), 0) } };
}
