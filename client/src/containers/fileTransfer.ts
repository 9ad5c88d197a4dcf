// Copying files between a container and the local disk (or any file system VS Code can read and
// write): download a container path into a folder, upload files and folders into a container
// folder. Both go through the engine's archive API as one tar stream.
import * as fs from 'node:fs/promises';
import { Readable } from 'node:stream';
import * as vscode from 'vscode';
import type { DockerEngine } from '../engine/dockerEngine';
import { containerUri } from './containerFileSystem';
import { basename, kindFromGoMode, normalizeContainerPath } from './directoryListing';
import { encodeHeader, endOfArchive, paddingFor, safeRelativePath, TarReader } from './tar';

export interface TransferResult {
  files: number;
  directories: number;
  /** Entries not copied (symlinks, devices, unsafe names), as container paths or names. */
  skipped: string[];
  /** Where the copy went: a folder or file under the target (download) or in the container (upload). */
  destination: vscode.Uri | string;
}

/**
 * Copies a file or folder out of a container into `targetFolder` (any file system VS Code can
 * write, e.g. a workspace folder the caller picked), as `targetFolder/<basename>`. Existing files
 * are overwritten. Symlinks, devices and entries whose names would leave the target are skipped
 * (a symlink followed by a file "through" it is the classic way out of an extraction folder).
 */
export async function downloadFromContainer(
  getEngine: () => DockerEngine,
  containerId: string,
  containerPath: string,
  targetFolder: vscode.Uri,
): Promise<TransferResult> {
  const path = normalizeContainerPath(containerPath);
  const stream = await getEngine().getArchive(containerId, path);
  const result: TransferResult = { files: 0, directories: 0, skipped: [], destination: vscode.Uri.joinPath(targetFolder, basename(path) || 'root') };
  const limit = 64 * 1024 * 1024;
  let buffered = 0;
  let paused = false;
  let chain: Promise<void> = Promise.resolve();
  let failure: Error | undefined;
  let current: { relative: string; chunks: Buffer[]; size: number } | undefined;
  const queue = (work: () => Thenable<void>, size: number) => {
    buffered += size;
    chain = chain.then(async () => {
      if (failure) return;
      try {
        await work();
      } catch (error) {
        failure = error as Error;
        stream.destroy();
      } finally {
        buffered -= size;
        if (paused && buffered < limit) {
          paused = false;
          stream.resume();
        }
      }
    });
    if (buffered >= limit && !paused) {
      paused = true;
      stream.pause();
    }
  };
  const windowsUnsafe = (name: string) => process.platform === 'win32' && /[\\:*?"<>|]/.test(name);
  const reader = new TarReader({
    entry: (header) => {
      const relative = safeRelativePath(header.name);
      current = undefined;
      if (relative === undefined || relative === '' || windowsUnsafe(relative)) {
        if (relative !== '') result.skipped.push(header.name);
        return;
      }
      if (header.type === 'directory') {
        result.directories++;
        queue(() => vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(targetFolder, relative)), 0);
      } else if (header.type === 'file') {
        current = { relative, chunks: [], size: 0 };
      } else {
        result.skipped.push(header.name);
      }
    },
    data: (chunk) => {
      if (!current) return;
      current.chunks.push(Buffer.from(chunk));
      current.size += chunk.length;
    },
    entryEnd: () => {
      if (!current) return;
      const { relative, chunks, size } = current;
      current = undefined;
      result.files++;
      const uri = vscode.Uri.joinPath(targetFolder, relative);
      queue(async () => {
        await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
        await vscode.workspace.fs.writeFile(uri, Buffer.concat(chunks));
      }, size);
    },
  });
  await new Promise<void>((resolve, reject) => {
    let over = false;
    const end = (error?: Error) => {
      if (over) return;
      over = true;
      if (error && !failure) reject(error);
      else resolve();
    };
    stream.on('data', (chunk: Buffer) => {
      try {
        reader.push(chunk);
      } catch (error) {
        failure ??= error as Error;
        stream.destroy();
      }
    });
    stream.on('end', () => end());
    stream.on('close', () => end());
    stream.on('error', (error: Error) => end(error));
  });
  await chain;
  if (failure) throw failure;
  return result;
}

/**
 * Copies files and folders (any file system VS Code can read, e.g. from the workspace) into the
 * folder `containerDir` of a container, streamed as one tar. New files belong to root, as with
 * `docker cp`. Symlinks to folders are skipped (they could loop); symlinks to files copy the file.
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
  const result: TransferResult = { files: 0, directories: 0, skipped: [], destination: dir };
  const now = Math.floor(Date.now() / 1000);
  async function* entries(): AsyncGenerator<Buffer> {
    const walk = async function* (uri: vscode.Uri, name: string): AsyncGenerator<Buffer> {
      const info = await vscode.workspace.fs.stat(uri);
      const isLink = (info.type & vscode.FileType.SymbolicLink) !== 0;
      if (info.type & vscode.FileType.Directory) {
        if (isLink) {
          result.skipped.push(uri.toString());
          return;
        }
        result.directories++;
        yield encodeHeader({ name, type: 'directory', mode: 0o755, mtime: Math.floor(info.mtime / 1000) || now });
        for (const [child] of await vscode.workspace.fs.readDirectory(uri)) yield* walk(vscode.Uri.joinPath(uri, child), `${name}/${child}`);
      } else if (info.type & vscode.FileType.File) {
        const data = await vscode.workspace.fs.readFile(uri);
        result.files++;
        // keep the executable bits of local files (VS Code's file API does not expose modes)
        const mode = uri.scheme === 'file' ? await fs.stat(uri.fsPath).then((s) => s.mode & 0o777, () => 0o644) : 0o644;
        yield encodeHeader({ name, type: 'file', mode, mtime: Math.floor(info.mtime / 1000) || now }, data.length);
        yield Buffer.from(data);
        const pad = paddingFor(data.length);
        if (pad > 0) yield Buffer.alloc(pad);
      } else {
        result.skipped.push(uri.toString());
      }
    };
    for (const source of sources) yield* walk(source, source.path.split('/').filter(Boolean).pop() ?? 'upload');
    yield endOfArchive();
  }
  await engine.putArchive(containerId, dir, Readable.from(entries()));
  return result;
}
