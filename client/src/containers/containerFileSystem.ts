// Files of a container as a VS Code file system: docker-workbench-container://<containerId>/abs/path.
//   stat              the engine's archive stat (HEAD), following symlinks for the type
//   readDirectory     one exec per directory: find + stat (directoryListing.ts); if the container
//                     has no find/stat (distroless), the directory's tar through the archive API
//   readFile          the archive API (a one-file tar); writeFile puts a one-file tar back whose
//                     header carries the owner and mode the file had when it was read
//   createDirectory   a one-directory tar through the archive API (works without any binaries)
//   delete, rename    exec with argument arrays: rm -rf -- p, rmdir -- p, mv -- a b
// Errors become FileSystemError: FileNotFound, FileExists, NoPermissions, and Unavailable when the
// container is not running (exec needs a running container) or is gone.
import { Readable } from 'node:stream';
import * as vscode from 'vscode';
import type { ContainerPathStat, DockerEngine } from '../engine/dockerEngine';
import { EngineError } from '../engine/engineError';
import {
  basename,
  dirname,
  kindFromGoMode,
  listingCommand,
  normalizeContainerPath,
  parseListing,
  resolveLinkTarget,
  type EntryKind,
} from './directoryListing';
import { isCannotRunExitCode, runCapture, type ExecResult } from './execCapture';
import { packTar, TarReader, type TarHandlers, type TarHeader } from './tar';
import { CONTAINER_SCHEME } from '../registrationIds';

export { CONTAINER_SCHEME } from '../registrationIds';

export function containerUri(containerId: string, path: string, scheme = CONTAINER_SCHEME): vscode.Uri {
  return vscode.Uri.from({ scheme, authority: containerId, path: normalizeContainerPath(path) });
}

function parts(uri: vscode.Uri): { id: string; path: string } {
  return { id: uri.authority, path: normalizeContainerPath(uri.path) };
}

function fileTypeOf(kind: EntryKind | undefined): vscode.FileType {
  switch (kind) {
    case 'directory': return vscode.FileType.Directory;
    case 'file': return vscode.FileType.File;
    default: return vscode.FileType.Unknown;
  }
}

interface Owner {
  uid: number;
  gid: number;
  mode: number;
}

export interface ContainerFileSystemOptions {
  /** Largest tar read when listing a directory without find/stat (default 32 MB). */
  archiveListingCapBytes?: number;
}

export class ContainerFileSystemProvider implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changeEmitter.event;
  /** Owner and mode of files as last read, so a save does not hand them to root. */
  private readonly owners = new Map<string, Owner>();
  private readonly archiveListingCap: number;

  constructor(
    private readonly getEngine: () => DockerEngine,
    options: ContainerFileSystemOptions = {},
  ) {
    this.archiveListingCap = options.archiveListingCapBytes ?? 32 * 1024 * 1024;
  }

  /** No change notifications from inside containers; our own changes are reported. */
  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const { id, path } = parts(uri);
    const own = await this.statPath(id, path, uri);
    const kind = kindFromGoMode(own.mode);
    const mtime = Date.parse(own.mtime) || 0;
    if (kind !== 'symlink') return { type: fileTypeOf(kind), size: own.size, mtime, ctime: mtime };
    let type = vscode.FileType.SymbolicLink;
    let size = own.size;
    let targetMtime = mtime;
    if (own.linkTarget) {
      const target = await this.tryStat(id, resolveLinkTarget(path, own.linkTarget));
      if (target) {
        type |= fileTypeOf(kindFromGoMode(target.mode));
        size = target.size;
        targetMtime = Date.parse(target.mtime) || mtime;
      }
    }
    return { type, size, mtime: targetMtime, ctime: targetMtime };
  }

  async readDirectory(uri: vscode.Uri): Promise<[string, vscode.FileType][]> {
    const { id, path } = parts(uri);
    const result = await this.exec(id, listingCommand(path), uri, false);
    if (isCannotRunExitCode(result.exitCode)) return this.listViaArchive(id, path, uri);
    const entries = parseListing(path, result.stdout.toString('utf8'));
    if (entries.length === 0) {
      // empty, or not a listable directory: the stat says which
      const own = await this.statPath(id, path, uri);
      if (kindFromGoMode(own.mode) === 'file') throw vscode.FileSystemError.FileNotADirectory(uri);
      if (result.exitCode !== 0 && result.stderr.trim()) throw execFailure(result, uri);
    }
    return entries.map((e) => [e.name, e.kind === 'symlink' ? vscode.FileType.SymbolicLink | fileTypeOf(e.target) : fileTypeOf(e.kind)]);
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const { id, path } = parts(uri);
    const target = await this.resolveFile(id, path, uri);
    let header: TarHeader | undefined;
    const data = await this.readArchive(id, target, uri, (h) => {
      header ??= h;
      return header === h;
    });
    if (!header) throw vscode.FileSystemError.FileNotFound(uri);
    if (header.type === 'directory') throw vscode.FileSystemError.FileIsADirectory(uri);
    if (header.type !== 'file') throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('{0} is not a regular file', path));
    this.owners.set(`${id}:${target}`, { uid: header.uid, gid: header.gid, mode: header.mode & 0o7777 });
    return data;
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array, options: { create: boolean; overwrite: boolean }): Promise<void> {
    const { id, path } = parts(uri);
    let target = path;
    let existing = await this.tryStat(id, path, uri);
    if (existing && kindFromGoMode(existing.mode) === 'symlink' && existing.linkTarget) {
      // write through the link, as an editor saving a linked file expects
      target = resolveLinkTarget(path, existing.linkTarget);
      existing = await this.tryStat(id, target, uri);
    }
    if (existing) {
      if (kindFromGoMode(existing.mode) === 'directory') throw vscode.FileSystemError.FileIsADirectory(uri);
      if (!options.overwrite) throw vscode.FileSystemError.FileExists(uri);
    } else {
      if (!options.create) throw vscode.FileSystemError.FileNotFound(uri);
      await this.requireDirectory(id, dirname(target), uri);
    }
    const owner = this.owners.get(`${id}:${target}`);
    const tar = packTar([{
      name: basename(target),
      data: Buffer.from(content),
      mode: owner?.mode ?? (existing ? existing.mode & 0o777 : 0o644),
      uid: owner?.uid ?? 0,
      gid: owner?.gid ?? 0,
    }]);
    await this.putArchive(id, dirname(target), tar, uri);
    this.fire(existing ? vscode.FileChangeType.Changed : vscode.FileChangeType.Created, uri);
  }

  async createDirectory(uri: vscode.Uri): Promise<void> {
    const { id, path } = parts(uri);
    if (await this.tryStat(id, path, uri)) throw vscode.FileSystemError.FileExists(uri);
    await this.requireDirectory(id, dirname(path), uri);
    await this.putArchive(id, dirname(path), packTar([{ name: basename(path), type: 'directory', mode: 0o755 }]), uri);
    this.fire(vscode.FileChangeType.Created, uri);
  }

  async delete(uri: vscode.Uri, options: { recursive: boolean }): Promise<void> {
    const { id, path } = parts(uri);
    if (path === '/') throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('The root folder of a container cannot be deleted.'));
    const own = await this.statPath(id, path, uri);
    const kind = kindFromGoMode(own.mode);
    const cmd = kind === 'directory' ? (options.recursive ? ['rm', '-rf', '--', path] : ['rmdir', '--', path]) : ['rm', '-f', '--', path];
    const result = await this.exec(id, cmd, uri, true);
    if (result.exitCode !== 0) throw execFailure(result, uri);
    this.forget(id, path);
    this.fire(vscode.FileChangeType.Deleted, uri);
  }

  async rename(oldUri: vscode.Uri, newUri: vscode.Uri, options: { overwrite: boolean }): Promise<void> {
    const from = parts(oldUri);
    const to = parts(newUri);
    if (from.id !== to.id) throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Files cannot be moved between containers.'));
    await this.statPath(from.id, from.path, oldUri);
    if (await this.tryStat(to.id, to.path, newUri)) {
      if (!options.overwrite) throw vscode.FileSystemError.FileExists(newUri);
      // mv would move INTO an existing directory; remove the target so it is replaced instead
      const removed = await this.exec(to.id, ['rm', '-rf', '--', to.path], newUri, true);
      if (removed.exitCode !== 0) throw execFailure(removed, newUri);
    }
    await this.requireDirectory(to.id, dirname(to.path), newUri);
    const result = await this.exec(from.id, ['mv', '--', from.path, to.path], oldUri, true);
    if (result.exitCode !== 0) throw execFailure(result, oldUri);
    this.forget(from.id, from.path);
    this.changeEmitter.fire([
      { type: vscode.FileChangeType.Deleted, uri: oldUri },
      { type: vscode.FileChangeType.Created, uri: newUri },
    ]);
  }

  dispose(): void {
    this.changeEmitter.dispose();
    this.owners.clear();
  }

  // ── helpers ──────────────────────────────────────────────────────────────────────────────

  private fire(type: vscode.FileChangeType, uri: vscode.Uri): void {
    this.changeEmitter.fire([{ type, uri }, { type: vscode.FileChangeType.Changed, uri: uri.with({ path: dirname(uri.path) }) }]);
  }

  private forget(id: string, path: string): void {
    const prefix = `${id}:${path}`;
    for (const key of [...this.owners.keys()]) if (key === prefix || key.startsWith(prefix + '/')) this.owners.delete(key);
  }

  private async statPath(id: string, path: string, uri: vscode.Uri): Promise<ContainerPathStat> {
    try {
      return await this.getEngine().statPath(id, path);
    } catch (error) {
      throw await this.toFileSystemError(error, uri, id);
    }
  }

  private async tryStat(id: string, path: string, uri?: vscode.Uri): Promise<ContainerPathStat | undefined> {
    try {
      return await this.statPath(id, path, uri ?? containerUri(id, path));
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
      throw error;
    }
  }

  private async requireDirectory(id: string, path: string, uri: vscode.Uri): Promise<void> {
    const parentUri = uri.with({ path });
    const parent = await this.tryStat(id, path, parentUri);
    if (!parent) throw vscode.FileSystemError.FileNotFound(parentUri);
    const kind = kindFromGoMode(parent.mode);
    if (kind === 'symlink') {
      const stat = await this.stat(parentUri);
      if ((stat.type & vscode.FileType.Directory) === 0) throw vscode.FileSystemError.FileNotADirectory(parentUri);
    } else if (kind !== 'directory') {
      throw vscode.FileSystemError.FileNotADirectory(parentUri);
    }
  }

  /** The regular file a path names (following symlinks); refuses directories. */
  private async resolveFile(id: string, path: string, uri: vscode.Uri): Promise<string> {
    let current = path;
    for (let hops = 0; hops < 16; hops++) {
      const stat = await this.statPath(id, current, uri);
      const kind = kindFromGoMode(stat.mode);
      if (kind === 'directory') throw vscode.FileSystemError.FileIsADirectory(uri);
      if (kind !== 'symlink') return current;
      if (!stat.linkTarget) throw vscode.FileSystemError.FileNotFound(uri);
      const next = resolveLinkTarget(current, stat.linkTarget);
      if (next === current) throw vscode.FileSystemError.FileNotFound(uri);
      current = next;
    }
    throw vscode.FileSystemError.FileNotFound(uri);
  }

  /** Reads the archive of `path`; collects the data of the first entry `want` accepts, then stops. */
  private async readArchive(id: string, path: string, uri: vscode.Uri, want: (header: TarHeader) => boolean): Promise<Buffer> {
    let stream: Readable;
    try {
      stream = await this.getEngine().getArchive(id, path);
    } catch (error) {
      throw await this.toFileSystemError(error, uri, id);
    }
    const chunks: Buffer[] = [];
    let collecting = false;
    await readTarStream(stream, (stop) => ({
      entry: (header) => {
        collecting = want(header);
      },
      data: (chunk) => {
        if (collecting) chunks.push(Buffer.from(chunk));
      },
      entryEnd: () => {
        if (collecting) stop();
      },
    }));
    return Buffer.concat(chunks);
  }

  /**
   * Extracts a tar into `dir`. The engine applies each entry's uid/gid from the tar header (with
   * copyUIDGID it would instead chown to the container's configured user, which is not wanted).
   */
  private async putArchive(id: string, dir: string, tar: Buffer, uri: vscode.Uri): Promise<void> {
    try {
      await this.getEngine().putArchive(id, dir, tar);
    } catch (error) {
      throw await this.toFileSystemError(error, uri, id);
    }
  }

  private async exec(id: string, cmd: string[], uri: vscode.Uri, mutating: boolean): Promise<ExecResult> {
    try {
      const result = await runCapture(this.getEngine(), id, cmd);
      if (mutating && isCannotRunExitCode(result.exitCode)) {
        throw vscode.FileSystemError.Unavailable(vscode.l10n.t('The container has no {0} command, which this change needs.', cmd[0] ?? ''));
      }
      return result;
    } catch (error) {
      throw await this.toFileSystemError(error, uri, id);
    }
  }

  /** Lists a directory from its tar (containers without find/stat); refuses very large ones. */
  private async listViaArchive(id: string, folder: string, uri: vscode.Uri): Promise<[string, vscode.FileType][]> {
    // the archive of a symlink is the link itself: list what it points at
    const own = await this.statPath(id, folder, uri);
    const path = kindFromGoMode(own.mode) === 'symlink' && own.linkTarget ? resolveLinkTarget(folder, own.linkTarget) : folder;
    let stream: Readable;
    try {
      stream = await this.getEngine().getArchive(id, path);
    } catch (error) {
      throw await this.toFileSystemError(error, uri, id);
    }
    const found = new Map<string, { kind: EntryKind | 'hardlink'; link: string }>();
    await readTarStream(stream, () => ({
      entry: (header) => {
        const segments = header.name.split('/').filter((s) => s !== '' && s !== '.');
        if (segments.length !== 2) return;
        const kind = header.type === 'symlink' ? 'symlink' : header.type === 'directory' ? 'directory' : header.type === 'file' ? 'file' : header.type === 'hardlink' ? 'hardlink' : 'other';
        found.set(segments[1]!, { kind, link: header.linkname });
      },
    }), {
      bytes: this.archiveListingCap,
      error: () => vscode.FileSystemError.Unavailable(vscode.l10n.t('{0} is too large to list without find and stat in the container.', path)),
    });
    const base = path === '/' ? '' : path;
    return Promise.all(
      [...found].map(async ([name, entry]): Promise<[string, vscode.FileType]> => {
        if (entry.kind === 'hardlink') return [name, vscode.FileType.File];
        if (entry.kind !== 'symlink') return [name, fileTypeOf(entry.kind)];
        const target = await this.tryStat(id, resolveLinkTarget(`${base}/${name}`, entry.link)).catch(() => undefined);
        return [name, vscode.FileType.SymbolicLink | (target ? fileTypeOf(kindFromGoMode(target.mode)) : vscode.FileType.Unknown)];
      }),
    );
  }

  private async toFileSystemError(error: unknown, uri: vscode.Uri, id: string): Promise<vscode.FileSystemError> {
    if (error instanceof vscode.FileSystemError) return error;
    if (!(error instanceof EngineError)) return new vscode.FileSystemError(String((error as Error)?.message ?? error));
    if (error.unreachable) return vscode.FileSystemError.Unavailable(error.message);
    if (error.kind === 'conflict') {
      return vscode.FileSystemError.Unavailable(vscode.l10n.t('The container is not running (start it to browse or change its files): {0}', error.message));
    }
    if (error.kind === 'notFound') {
      // a missing path, or a missing container?
      try {
        await this.getEngine().inspectContainer(id);
      } catch (inspectError) {
        if (inspectError instanceof EngineError && inspectError.kind === 'notFound') {
          return vscode.FileSystemError.Unavailable(vscode.l10n.t('Container {0} does not exist.', id.slice(0, 12)));
        }
      }
      return vscode.FileSystemError.FileNotFound(uri);
    }
    if (/read-only|permission denied|forbidden|not permitted/i.test(error.message)) return vscode.FileSystemError.NoPermissions(error.message);
    return new vscode.FileSystemError(error.message);
  }
}

function execFailure(result: ExecResult, uri: vscode.Uri): vscode.FileSystemError {
  const message = result.stderr.trim() || vscode.l10n.t('The command failed with exit code {0}.', result.exitCode ?? '?');
  if (/permission denied|read-only file system|operation not permitted/i.test(message)) return vscode.FileSystemError.NoPermissions(message);
  if (/no such file or directory/i.test(message)) return vscode.FileSystemError.FileNotFound(uri);
  return new vscode.FileSystemError(message);
}

/**
 * Feeds an archive stream to a TarReader until the stream ends, fails, or a handler calls `stop`
 * (the reader's later callbacks are then dropped); the stream is destroyed at that point. A broken
 * archive or stream rejects with a FileSystemError, and one past `limit.bytes` with `limit.error()`.
 */
function readTarStream(stream: Readable, handlers: (stop: () => void) => TarHandlers, limit?: { bytes: number; error: () => Error }): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let total = 0;
    let done = false;
    const finish = (error?: Error) => {
      if (done) return;
      done = true;
      stream.destroy();
      if (error) reject(error);
      else resolve();
    };
    const inner = handlers(() => finish());
    const reader = new TarReader({
      entry: (header) => {
        if (!done) inner.entry(header);
      },
      data: (chunk) => {
        if (!done) inner.data?.(chunk);
      },
      entryEnd: () => {
        if (!done) inner.entryEnd?.();
      },
    });
    stream.on('data', (chunk: Buffer) => {
      if (done) return;
      total += chunk.length;
      if (limit && total > limit.bytes) return finish(limit.error());
      try {
        reader.push(chunk);
      } catch (error) {
        finish(new vscode.FileSystemError((error as Error).message));
      }
    });
    stream.on('end', () => finish());
    stream.on('close', () => finish());
    stream.on('error', (error: Error) => finish(new vscode.FileSystemError(error.message)));
  });
}
