// Listing one directory of a container with a single exec: `find -H DIR -mindepth 1 -maxdepth 1`
// running `stat` twice per batch of entries, once on the entry itself (type, size, mtime) and once
// following symlinks (the target's type). Works with busybox, GNU and BSD-like userlands that have
// find and stat -c. No shell is involved; the path is one argument. Pure; no vscode import.

export type EntryKind = 'file' | 'directory' | 'symlink' | 'other';

export interface ListingEntry {
  name: string;
  kind: EntryKind;
  /** For symlinks: what the link points at; undefined when the link is broken. */
  target?: Exclude<EntryKind, 'symlink'>;
  size: number;
  /** Modification time in milliseconds since the epoch. */
  mtimeMs: number;
  /** The raw st_mode. */
  mode: number;
}

const OWN = 'L';
const TARGET = 'T';

/** Absolute, no trailing slash (except the root), no empty or `.` segments; rejects `..`. */
export function normalizeContainerPath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      parts.pop();
      continue;
    }
    parts.push(part);
  }
  return '/' + parts.join('/');
}

/** The exec command (an argument array) that lists `dir`. */
export function listingCommand(dir: string): string[] {
  const path = normalizeContainerPath(dir);
  // -H: follow the folder itself when it is a symlink (/lib → /usr/lib), but not the entries
  return [
    'find', '-H', path, '-mindepth', '1', '-maxdepth', '1',
    '-exec', 'stat', '-c', `${OWN} %f %s %Y %n`, '{}', '+',
    '-exec', 'stat', '-L', '-c', `${TARGET} %f %n`, '{}', '+',
  ];
}

export function kindFromMode(mode: number): EntryKind {
  switch (mode & 0o170000) {
    case 0o040000: return 'directory';
    case 0o100000: return 'file';
    case 0o120000: return 'symlink';
    default: return 'other';
  }
}

/**
 * Parses what listingCommand printed. Each record starts a line with `L <hex mode> <size>
 * <mtime> DIR/name` or `T <hex mode> DIR/name`; a line that does not start a record continues the
 * previous name (a file name containing a newline). Order does not matter. Entries whose target
 * could not be stat'ed (broken symlinks) have no `target`.
 */
export function parseListing(dir: string, output: string): ListingEntry[] {
  const base = normalizeContainerPath(dir);
  const prefix = base === '/' ? '/' : base + '/';
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const own = new RegExp(`^${OWN} ([0-9a-fA-F]+) (\\d+) (-?\\d+) ${escaped}`);
  const target = new RegExp(`^${TARGET} ([0-9a-fA-F]+) ${escaped}`);

  interface Record {
    type: 'own' | 'target';
    mode: number;
    size: number;
    mtime: number;
    name: string;
  }
  const records: Record[] = [];
  const lines = output.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) {
    let match = own.exec(line);
    if (match) {
      records.push({ type: 'own', mode: parseInt(match[1]!, 16), size: Number(match[2]), mtime: Number(match[3]), name: line.slice(match[0].length) });
      continue;
    }
    match = target.exec(line);
    if (match) {
      records.push({ type: 'target', mode: parseInt(match[1]!, 16), size: 0, mtime: 0, name: line.slice(match[0].length) });
      continue;
    }
    const last = records[records.length - 1];
    if (last) last.name += '\n' + line;
  }

  const targets = new Map<string, number>();
  for (const r of records) if (r.type === 'target') targets.set(r.name, r.mode);
  const entries: ListingEntry[] = [];
  const seen = new Set<string>();
  for (const r of records) {
    if (r.type !== 'own' || r.name === '' || r.name.includes('/') || seen.has(r.name)) continue;
    seen.add(r.name);
    const kind = kindFromMode(r.mode);
    const entry: ListingEntry = { name: r.name, kind, size: r.size, mtimeMs: r.mtime * 1000, mode: r.mode };
    if (kind === 'symlink') {
      const targetMode = targets.get(r.name);
      if (targetMode !== undefined) {
        const targetKind = kindFromMode(targetMode);
        entry.target = targetKind === 'symlink' ? 'other' : targetKind;
      }
    }
    entries.push(entry);
  }
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Go's os.FileMode bits as the engine's archive stat (`X-Docker-Container-Path-Stat`) reports them. */
const GO_MODE_DIR = 0x80000000;
const GO_MODE_SYMLINK = 0x08000000;
const GO_MODE_OTHER = 0x04000000 | 0x02000000 | 0x01000000 | 0x00200000 | 0x00080000; // device, named pipe, socket, char device, irregular

export function kindFromGoMode(mode: number): EntryKind {
  // the top bit does not survive JavaScript's signed 32-bit `&`, so test with arithmetic
  const unsigned = mode >>> 0;
  if (unsigned >= GO_MODE_DIR) return 'directory';
  if ((unsigned & GO_MODE_SYMLINK) !== 0) return 'symlink';
  if ((unsigned & GO_MODE_OTHER) !== 0) return 'other';
  return 'file';
}

export function dirname(path: string): string {
  const normalized = normalizeContainerPath(path);
  const slash = normalized.lastIndexOf('/');
  return slash <= 0 ? '/' : normalized.slice(0, slash);
}

export function basename(path: string): string {
  const normalized = normalizeContainerPath(path);
  return normalized.slice(normalized.lastIndexOf('/') + 1);
}

/** Resolves a symlink target (absolute, or relative to the link's folder). */
export function resolveLinkTarget(linkPath: string, target: string): string {
  if (target.startsWith('/')) return normalizeContainerPath(target);
  return normalizeContainerPath(`${dirname(linkPath)}/${target}`);
}
