// Copying files between a container and the local disk: download a container path into a folder
// the user picked, upload files and folders into a container folder. Both go through the engine's
// archive API as one tar stream, streamed both ways (memory stays flat for a file of any size).
// A container's files are untrusted content: a download never writes outside the chosen folder or
// through a link already in it, and replaces existing files only when the user said so
// (safeExtract.ts). An upload copies symlinks as symlinks (never the file they point at).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import * as vscode from 'vscode';
import type { DockerEngine } from '../engine/dockerEngine';
import type { Prompts } from '../ui/prompts';
import { containerUri } from './containerFileSystem';
import { basename, kindFromGoMode, normalizeContainerPath } from './directoryListing';
import { extractTar, type SkipReason } from './safeExtract';
import { encodeHeader, endOfArchive, paddingFor } from './tar';

export interface TransferResult {
  files: number;
  directories: number;
  /** Entries not copied, with why: links and special files, unsafe names, paths through a link, kept files. */
  skipped: Array<{ name: string; reason: SkipReason | 'notReadable' }>;
  /** Symlinks copied as symlinks (upload). */
  links: number;
  /** Existing files that were replaced (download). */
  replaced: string[];
  /** Where the copy went: a folder or file under the target (download) or in the container (upload). */
  destination: vscode.Uri | string;
  /** True when the user cancelled before anything was written. */
  cancelled?: boolean;
}

/** Asked once, before anything is written, when the download's destination already exists. */
export type ExistingChoice = 'replace' | 'keep' | undefined;
export type AskAboutExisting = (destination: vscode.Uri) => Promise<ExistingChoice>;

/** The question, through the prompts the commands use (tests answer it). */
export function askAboutExisting(prompts: Prompts): AskAboutExisting {
  return async (destination) => {
    const replace = vscode.l10n.t('Replace Existing Files');
    const keep = vscode.l10n.t('Keep Existing Files');
    const choice = await prompts.confirm(
      vscode.l10n.t('{0} already exists. Replace files in it?', destination.fsPath),
      vscode.l10n.t('Files from the container with the same names as files there replace them, or are left out if you keep the existing ones. Links already there are never written through.'),
      replace,
      keep,
    );
    return choice === replace ? 'replace' : choice === keep ? 'keep' : undefined;
  };
}

/**
 * Copies a file or folder out of a container into `targetFolder` (a local folder the user picked),
 * as `targetFolder/<basename>`. When that already exists, `ask` decides first: replace existing
 * files, keep them (copy only what is new), or cancel (undefined).
 */
export async function downloadFromContainer(
  getEngine: () => DockerEngine,
  containerId: string,
  containerPath: string,
  targetFolder: vscode.Uri,
  ask: AskAboutExisting,
): Promise<TransferResult> {
  if (targetFolder.scheme !== 'file') throw new Error(vscode.l10n.t('Downloads go into a folder on this machine\'s disk; {0} is not one.', targetFolder.toString()));
  const from = normalizeContainerPath(containerPath);
  const destination = vscode.Uri.joinPath(targetFolder, basename(from) || 'root');
  const result: TransferResult = { files: 0, directories: 0, skipped: [], links: 0, replaced: [], destination };
  let existing: ExistingChoice = 'keep';
  if (fs.existsSync(destination.fsPath) || isLink(destination.fsPath)) {
    existing = await ask(destination);
    if (!existing) return { ...result, cancelled: true };
  }
  const stream = await getEngine().getArchive(containerId, from);
  try {
    const extracted = await extractTar(stream, targetFolder.fsPath, { existing });
    return { ...result, files: extracted.files, directories: extracted.directories, skipped: extracted.skipped, replaced: extracted.replaced };
  } finally {
    stream.destroy();
  }
}

function isLink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Reads exactly `size` bytes of a local file as a stream (zeros if it shrank, cut if it grew), so the tar header stays true. */
async function* fileBytes(file: string, size: number): AsyncGenerator<Buffer> {
  let sent = 0;
  if (size > 0) {
    for await (const chunk of fs.createReadStream(file, { start: 0, end: size - 1, highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>) {
      sent += chunk.length;
      yield chunk;
    }
  }
  if (sent < size) yield Buffer.alloc(size - sent);
  const pad = paddingFor(size);
  if (pad > 0) yield Buffer.alloc(pad);
}

/**
 * Copies files and folders into the folder `containerDir` of a container, streamed as one tar.
 * New files belong to root, as with `docker cp`. Local symlinks are copied as symlinks (the link,
 * not what it points at: `creds -> ~/.aws/credentials` arrives as that link); from file systems
 * whose links cannot be read as links, they are skipped and reported.
 */
export async function uploadToContainer(
  getEngine: () => DockerEngine,
  containerId: string,
  sources: readonly vscode.Uri[],
  containerDir: string,
): Promise<TransferResult> {
  const dir = normalizeContainerPath(containerDir);
  const engine = getEngine();
  const stat = await engine.statPath(containerId, dir);
  if (kindFromGoMode(stat.mode) !== 'directory') throw vscode.FileSystemError.FileNotADirectory(containerUri(containerId, dir));
  const result: TransferResult = { files: 0, directories: 0, skipped: [], links: 0, replaced: [], destination: dir };
  const now = Math.floor(Date.now() / 1000);

  /** A local path: lstat, so a link is seen as a link and never followed. */
  const walkLocal = async function* (file: string, name: string, depth: number): AsyncGenerator<Buffer> {
    let info: fs.Stats;
    try {
      info = await fs.promises.lstat(file);
    } catch {
      result.skipped.push({ name: file, reason: 'notReadable' });
      return;
    }
    const mtime = Math.floor(info.mtimeMs / 1000) || now;
    if (info.isSymbolicLink()) {
      result.links++;
      yield encodeHeader({ name, type: 'symlink', linkname: await fs.promises.readlink(file), mode: 0o777, mtime });
    } else if (info.isDirectory()) {
      if (depth > 256) {
        result.skipped.push({ name: file, reason: 'special' });
        return;
      }
      result.directories++;
      yield encodeHeader({ name, type: 'directory', mode: info.mode & 0o777, mtime });
      for (const child of (await fs.promises.readdir(file)).sort()) yield* walkLocal(path.join(file, child), `${name}/${child}`, depth + 1);
    } else if (info.isFile()) {
      result.files++;
      // keep the permission bits of local files (executables stay executable)
      yield encodeHeader({ name, type: 'file', mode: info.mode & 0o777, mtime }, info.size);
      yield* fileBytes(file, info.size);
    } else {
      result.skipped.push({ name: file, reason: 'special' });
    }
  };

  /** Another file system (a remote workspace…): VS Code's API follows links, so links are skipped. */
  const walkOther = async function* (uri: vscode.Uri, name: string, depth: number): AsyncGenerator<Buffer> {
    const info = await vscode.workspace.fs.stat(uri);
    if (info.type & vscode.FileType.SymbolicLink) {
      result.skipped.push({ name: uri.toString(), reason: 'link' });
      return;
    }
    const mtime = Math.floor(info.mtime / 1000) || now;
    if (info.type & vscode.FileType.Directory) {
      if (depth > 256) return;
      result.directories++;
      yield encodeHeader({ name, type: 'directory', mode: 0o755, mtime });
      for (const [child] of await vscode.workspace.fs.readDirectory(uri)) yield* walkOther(vscode.Uri.joinPath(uri, child), `${name}/${child}`, depth + 1);
    } else if (info.type & vscode.FileType.File) {
      const data = await vscode.workspace.fs.readFile(uri);
      result.files++;
      yield encodeHeader({ name, type: 'file', mode: 0o644, mtime }, data.length);
      yield Buffer.from(data);
      const pad = paddingFor(data.length);
      if (pad > 0) yield Buffer.alloc(pad);
    } else {
      result.skipped.push({ name: uri.toString(), reason: 'special' });
    }
  };

  async function* entries(): AsyncGenerator<Buffer> {
    for (const source of sources) {
      const name = source.path.split('/').filter(Boolean).pop() ?? 'upload';
      yield* source.scheme === 'file' ? walkLocal(source.fsPath, name, 0) : walkOther(source, name, 0);
    }
    yield endOfArchive();
  }
  await engine.putArchive(containerId, dir, Readable.from(entries()));
  return result;
}

/** What a transfer did, in one sentence fragment for a notification: "2 kept, 3 links skipped…". */
export function describeSkipped(skipped: TransferResult['skipped']): string {
  const counts = new Map<string, number>();
  for (const s of skipped) counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
  const parts: string[] = [];
  const n = (reason: string) => counts.get(reason) ?? 0;
  if (n('existing')) parts.push(vscode.l10n.t('{0} existing files kept', n('existing')));
  if (n('link')) parts.push(vscode.l10n.t('{0} links skipped', n('link')));
  if (n('throughLink') + n('inTheWay')) parts.push(vscode.l10n.t('{0} skipped because a link or folder was in the way', n('throughLink') + n('inTheWay')));
  if (n('special') + n('unsafeName') + n('notReadable')) parts.push(vscode.l10n.t('{0} special or unsafe entries skipped', n('special') + n('unsafeName') + n('notReadable')));
  return parts.join(', ');
}
