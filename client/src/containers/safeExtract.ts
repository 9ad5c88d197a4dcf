// Extracts a tar stream (a container's archive) into a local folder without ever writing outside
// it or through a link:
//   - entry names with `..` (or that would be absolute) are skipped;
//   - every parent folder of an entry is checked with lstat: a symlink (or anything not a folder)
//     there skips the entry, so a link already in the destination (`app -> ../../.ssh`) cannot
//     carry a file out of it; missing folders are created (mkdir never follows a link);
//   - an existing file is replaced only when the caller says so (existing: 'replace'), an existing
//     link or folder at a file's path never is;
//   - each file is written to a new temporary name beside it (created exclusively, so never through
//     a link) and renamed over the target when complete, replacing the directory entry itself;
//   - symlinks, hard links and devices in the archive are skipped and reported, not created;
//   - data streams to disk chunk by chunk: memory stays at one chunk of the archive, whatever the
//     file sizes.
// Pure Node (no vscode import): unit-tested against real folders.
import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { safeRelativePath, TarReader, type TarHeader } from './tar';

export type SkipReason =
  /** a symlink or hard link in the archive (not created) */
  | 'link'
  /** a device, fifo or other special file in the archive */
  | 'special'
  /** a name that would leave the folder, or one this system cannot hold */
  | 'unsafeName'
  /** a parent folder on the way is a symlink (or not a folder) in the destination */
  | 'throughLink'
  /** a symlink or folder already at a file's path (never replaced) */
  | 'inTheWay'
  /** an existing file, kept because the caller said so */
  | 'existing';

export interface ExtractOptions {
  /** What happens to a regular file that already exists at an entry's path. */
  existing: 'replace' | 'keep';
  /** Called after each file is complete (progress); optional. */
  onFile?(relativePath: string, size: number): void;
}

export interface ExtractResult {
  files: number;
  directories: number;
  /** Existing files that were replaced. */
  replaced: string[];
  /** Entries not written, with why (relative paths, or the raw name for unsafe ones). */
  skipped: Array<{ name: string; reason: SkipReason }>;
}

type Op =
  | { kind: 'entry'; header: TarHeader }
  | { kind: 'data'; chunk: Buffer }
  | { kind: 'end' };

const windowsUnsafe = (name: string) => process.platform === 'win32' && /[\\:*?"<>|]/.test(name);

async function lstatOrUndefined(file: string) {
  try {
    return await fs.lstat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Extracts `source` (tar bytes) into the folder `root`. Resolves when the archive ended; rejects on
 * a broken archive or a write error (a partly written file is removed, finished ones stay).
 */
export async function extractTar(source: AsyncIterable<Buffer | Uint8Array>, root: string, options: ExtractOptions): Promise<ExtractResult> {
  const base = await fs.realpath(root);
  if (!(await fs.stat(base)).isDirectory()) throw new Error(`${root} is not a folder`);
  const result: ExtractResult = { files: 0, directories: 0, replaced: [], skipped: [] };
  let ops: Op[] = [];
  const reader = new TarReader({
    entry: (header) => ops.push({ kind: 'entry', header }),
    data: (chunk) => ops.push({ kind: 'data', chunk }),
    entryEnd: () => ops.push({ kind: 'end' }),
  });

  /** The file being written: its temporary path, handle, target and whether it replaces one. */
  let current: { temp: string; handle: fs.FileHandle; target: string; relative: string; replaces: boolean; size: number } | undefined;

  const skip = (name: string, reason: SkipReason): void => {
    result.skipped.push({ name, reason });
  };

  /** Checks (and creates) each parent of `relative` below base; false when one is a link or not a folder. */
  const parentsAreFolders = async (relative: string): Promise<boolean> => {
    const segments = relative.split('/');
    let folder = base;
    for (const segment of segments.slice(0, -1)) {
      folder = path.join(folder, segment);
      const stat = await lstatOrUndefined(folder);
      if (!stat) {
        try {
          await fs.mkdir(folder);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        }
        // Whatever is there now (made by us, or by someone racing us) must be a real folder.
        if (!(await fs.lstat(folder)).isDirectory()) return false;
      } else if (!stat.isDirectory()) {
        return false; // a symlink (to anywhere) or a file: never go through it
      }
    }
    return true;
  };

  const startEntry = async (header: TarHeader): Promise<void> => {
    const relative = safeRelativePath(header.name);
    if (relative === '') return; // the archive's own root folder
    if (relative === undefined || windowsUnsafe(relative)) return skip(header.name, 'unsafeName');
    if (header.type === 'symlink' || header.type === 'hardlink') return skip(relative, 'link');
    if (header.type !== 'file' && header.type !== 'directory') return skip(relative, 'special');
    if (!(await parentsAreFolders(relative))) return skip(relative, 'throughLink');
    const target = path.join(base, relative);
    const existing = await lstatOrUndefined(target);
    if (header.type === 'directory') {
      if (!existing) await fs.mkdir(target);
      else if (!existing.isDirectory()) return skip(relative, 'inTheWay');
      result.directories++;
      return;
    }
    if (existing && !existing.isFile()) return skip(relative, 'inTheWay');
    if (existing && options.existing === 'keep') return skip(relative, 'existing');
    const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.part`);
    // O_EXCL with O_CREAT fails on any existing name, links included: the data lands in a new file.
    const mode = 0o644 | (header.mode & 0o111);
    const handle = await fs.open(temp, fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL | (fsConstants.O_NOFOLLOW ?? 0), mode);
    current = { temp, handle, target, relative, replaces: existing !== undefined, size: 0 };
  };

  const endEntry = async (): Promise<void> => {
    if (!current) return;
    const file = current;
    current = undefined;
    await file.handle.close();
    // rename replaces the directory entry at `target` (a file put there meanwhile included); it never follows a link.
    const now = await lstatOrUndefined(file.target);
    if (now && !now.isFile()) {
      await fs.unlink(file.temp);
      return skip(file.relative, 'inTheWay');
    }
    await fs.rename(file.temp, file.target);
    result.files++;
    if (file.replaces) result.replaced.push(file.relative);
    options.onFile?.(file.relative, file.size);
  };

  const apply = async (op: Op): Promise<void> => {
    switch (op.kind) {
      case 'entry':
        return startEntry(op.header);
      case 'data':
        if (current) {
          await current.handle.write(op.chunk);
          current.size += op.chunk.length;
        }
        return;
      case 'end':
        return endEntry();
    }
  };

  try {
    for await (const chunk of source) {
      reader.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      // The reader's callbacks only queue; the work happens here, in order, before the next chunk is read.
      const pending = ops;
      ops = [];
      for (const op of pending) await apply(op);
      if (reader.finished) break;
    }
    reader.end();
  } catch (error) {
    if (current) {
      const file = current;
      current = undefined;
      await file.handle.close().catch(() => undefined);
      await fs.unlink(file.temp).catch(() => undefined);
    }
    throw error;
  }
  return result;
}
