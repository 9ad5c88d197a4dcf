// A V8 code cache for the server's bundles. Compiling them is a large part of start-up
// (serverMain.js ~130 ms, serverWorker.js ~80 ms on a loaded 2-core
// machine); from a cache 8–25 ms each, with the functions the first run compiled included. Node 20 has no module.enableCompileCache, so a bundle is
// compiled here with vm.Script and its `cachedData`, and once the code has done its first real
// work (when more functions are compiled than at load) the cache is written back. A cache records
// which kinds of work it holds the code of (`covers`: the first check of a Dockerfile, of a compose
// file, and the first edits of each, see ValidationCovers): a start doing work the cache lacks
// writes it again, with what it held, so a compose file opened after a session that only checked
// Dockerfiles does not compile its parser and checks anew at every start (~40 ms of a 10-service
// file's first answer), nor a session's first keystrokes the incremental parse (~2-4 ms of a 105-line
// Dockerfile's first edit).
//
// Trust: a cache is code V8 runs, so it is read only from a folder the user alone can write:
// owned by the user, no group or other write bit, not a symbolic link; the file the same. It is
// written atomically (a new file 0600, then renamed) and carries a key (the bundle's bytes, the
// Node version and the architecture) and a checksum of its data: a stale or damaged cache is
// never handed to V8, and one V8 refuses (other V8 flags) is written again. Key and checksum are
// CRC-32s with the length (cacheDigest): what they guard against is another build and a damaged
// file, not a forger (no one else can write the folder), and they keep node:crypto, ~4-11 ms to
// load in a fresh worker thread, and SHA-256 over megabytes off the way to the first answer.
import * as fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import * as zlib from 'node:zlib';
import { threadId } from 'node:worker_threads';
import { CODE_CACHE_HOOK } from './lsp/codeCacheHook';

/** Turns the cache off for a process (`off`, `0` or `false`); the command line has --no-code-cache. */
export const CODE_CACHE_ENV = 'DOCKER_WORKBENCH_CODE_CACHE';
/** Set to 1: every load and write is logged (tests, diagnosing a slow start). */
export const CODE_CACHE_DEBUG_ENV = 'DOCKER_WORKBENCH_CODE_CACHE_DEBUG';

/**
 * The file starts with MAGIC, the key (HASH_BYTES), the checksum (HASH_BYTES) of the rest, then the
 * rest: the length of the covers list (one byte), the list (comma-separated), the data.
 */
export const MAGIC = Buffer.from('DWBV8CC3');
export const HASH_BYTES = 8;
const HEADER_BYTES = MAGIC.length + 2 * HASH_BYTES;
/** A cache file larger than this is not read (the bundles' are about 0.5-0.6 MB each). */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;

export type CodeCacheOutcome =
  /** The cache was used (V8 accepted it). */
  | 'hit'
  /** No cache file yet. */
  | 'miss'
  /** A cache of another bundle, Node version or architecture. */
  | 'stale'
  /** Unreadable, truncated or a checksum that does not match. */
  | 'corrupt'
  /** V8 refused it (another V8 version or flags). */
  | 'rejected'
  /** A cache file not owned by the user, writable by others, or not a plain file. */
  | 'untrusted'
  /** No cache folder (turned off, or none usable). */
  | 'off';

export interface CodeCacheRecord {
  bundle: string;
  outcome: CodeCacheOutcome;
  /** V8's verdict on the cache it was given (absent when none was given). */
  cachedDataRejected?: boolean;
  /** Set once the cache has been written for this load. */
  written?: boolean;
  /** The kinds of work whose code the cache holds (read, or written last). */
  covers?: string[];
}

interface Loaded {
  record: CodeCacheRecord;
  script: vm.Script;
  cacheFile: string;
  key: Buffer;
  /** The cache is to be written at the next flush. */
  pending: boolean;
  /** The cache may be written (a usable folder, and not a file left alone as untrusted). */
  writable: boolean;
  covers: Set<string>;
}

const loaded = new Map<string, { exports: unknown }>();
const entries: Loaded[] = [];
// Debug lines go to stderr: stdout may be the LSP transport (a worker's stderr reaches the log).
const debug: ((line: string) => void) | undefined = process.env[CODE_CACHE_DEBUG_ENV] === '1' ? (line) => process.stderr.write(`${line}\n`) : undefined;

/** What happened to each bundle loaded in this thread so far. */
export function codeCacheRecords(): CodeCacheRecord[] {
  return entries.map((e) => ({ ...e.record }));
}

/**
 * The cache folder asked for: `--code-cache=<folder>` (the VS Code client passes one in its global
 * storage), else language-server in $XDG_CACHE_HOME/docker-workbench or ~/.cache/docker-workbench
 * (%LOCALAPPDATA%\docker-workbench\cache on Windows); none with --no-code-cache or DOCKER_WORKBENCH_CODE_CACHE=off.
 */
export function requestedCacheFolder(argv: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  if (argv.includes('--no-code-cache') || /^(off|0|false|no)$/i.test(env[CODE_CACHE_ENV] ?? '')) return undefined;
  const given = argv.find((a) => a.startsWith('--code-cache='))?.slice('--code-cache='.length);
  if (given) return path.resolve(given);
  if (process.platform === 'win32') return env.LOCALAPPDATA ? path.join(env.LOCALAPPDATA, 'docker-workbench', 'cache', 'language-server') : undefined;
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'docker-workbench', 'language-server');
  let home: string;
  try {
    home = os.homedir();
  } catch {
    return undefined;
  }
  return home ? path.join(home, '.cache', 'docker-workbench', 'language-server') : undefined;
}

/** Whether a file or folder's owner and mode let no one but the user change it. */
function ownedAndPrivate(stat: fs.Stats): boolean {
  if (process.platform === 'win32' || typeof process.getuid !== 'function') return true;
  return stat.uid === process.getuid() && (stat.mode & 0o022) === 0;
}

/**
 * Creates the folder (0700) if it is missing and returns it when only the user can write it:
 * a real folder (not a symbolic link), owned by the user, no group or other write bit.
 */
export function usableCacheFolder(folder: string | undefined): string | undefined {
  if (!folder) return undefined;
  try {
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    const stat = fs.lstatSync(folder);
    if (!stat.isDirectory() || !ownedAndPrivate(stat)) {
      debug?.(`code cache: not using ${folder} (${stat.isSymbolicLink() ? 'a symbolic link' : !stat.isDirectory() ? 'not a folder' : 'others can write it'})`);
      return undefined;
    }
    fs.accessSync(folder, fs.constants.W_OK | fs.constants.R_OK);
    return folder;
  } catch (error) {
    debug?.(`code cache: not using ${folder} (${(error as Error).message})`);
    return undefined;
  }
}

type Crc32 = (data: Buffer | string, value?: number) => number;

/**
 * The key or checksum of some bytes: their CRC-32 and their length (mod 2^32), HASH_BYTES in all.
 * On a Node without zlib.crc32 (before 20.15) the start of their SHA-256 instead.
 */
export function cacheDigest(...parts: (Buffer | string)[]): Buffer {
  const out = Buffer.alloc(HASH_BYTES);
  const crc32 = (zlib as { crc32?: Crc32 }).crc32;
  if (crc32) {
    let value = 0;
    let length = 0;
    for (const part of parts) {
      value = crc32(part, value);
      length += Buffer.byteLength(part);
    }
    out.writeUInt32BE(value >>> 0, 0);
    out.writeUInt32BE(length >>> 0, 4);
    return out;
  }
  const hash = (require('node:crypto') as typeof import('node:crypto')).createHash('sha256');
  for (const part of parts) hash.update(part);
  hash.digest().copy(out, 0, 0, HASH_BYTES);
  return out;
}

/** The cache file's data and what it covers, or why there is none to use. */
function readCache(cacheFile: string, key: Buffer): { data?: Buffer; covers?: string[]; outcome: CodeCacheOutcome } {
  let fd: number;
  try {
    fd = fs.openSync(cacheFile, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ELOOP: a symbolic link where the cache should be.
    return { outcome: code === 'ENOENT' ? 'miss' : code === 'ELOOP' ? 'untrusted' : 'corrupt' };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile() || !ownedAndPrivate(stat)) return { outcome: 'untrusted' };
    if (stat.size < HEADER_BYTES || stat.size > MAX_CACHE_BYTES) return { outcome: 'corrupt' };
    const file = Buffer.alloc(stat.size);
    let read = 0;
    while (read < file.length) {
      const n = fs.readSync(fd, file, read, file.length - read, read);
      if (n === 0) break;
      read += n;
    }
    if (read !== file.length || !file.subarray(0, MAGIC.length).equals(MAGIC)) return { outcome: 'corrupt' };
    if (!file.subarray(MAGIC.length, MAGIC.length + HASH_BYTES).equals(key)) return { outcome: 'stale' };
    const rest = file.subarray(HEADER_BYTES);
    if (rest.length < 1 || !cacheDigest(rest).equals(file.subarray(MAGIC.length + HASH_BYTES, HEADER_BYTES))) return { outcome: 'corrupt' };
    const coversEnd = 1 + rest[0]!;
    if (coversEnd > rest.length) return { outcome: 'corrupt' };
    const covers = rest.subarray(1, coversEnd).toString('utf8').split(',').filter(Boolean);
    return { data: rest.subarray(coversEnd), covers, outcome: 'hit' };
  } catch {
    return { outcome: 'corrupt' };
  } finally {
    fs.closeSync(fd);
  }
}

/** Temporary files of writes that never finished (the process was killed), after an hour. */
function removeLeftovers(folder: string): void {
  try {
    for (const name of fs.readdirSync(folder)) {
      if (!name.endsWith('.tmp')) continue;
      const file = path.join(folder, name);
      const stat = fs.lstatSync(file);
      if (stat.isFile() && Date.now() - stat.mtimeMs > 3_600_000) fs.unlinkSync(file);
    }
  } catch {
    // Left for the next write.
  }
}

let writes = 0;

/** Writes the cache file atomically: a new private file beside it, renamed over it. */
function writeCache(cacheFile: string, key: Buffer, data: Buffer, covers: Iterable<string>): boolean {
  // A name no other writer uses at once ('wx' refuses one that exists anyway).
  const temp = `${cacheFile}.${process.pid}-${threadId}-${Date.now().toString(36)}${(++writes).toString(36)}.tmp`;
  try {
    const list = Buffer.from([...covers].join(','), 'utf8').subarray(0, 255);
    const rest = Buffer.concat([Buffer.from([list.length]), list, data]);
    fs.writeFileSync(temp, Buffer.concat([MAGIC, key, cacheDigest(rest), rest]), { mode: 0o600, flag: 'wx' });
    fs.renameSync(temp, cacheFile);
    removeLeftovers(path.dirname(cacheFile));
    return true;
  } catch (error) {
    debug?.(`code cache: could not write ${cacheFile} (${(error as Error).message})`);
    try {
      fs.unlinkSync(temp);
    } catch {
      // Not created.
    }
    return false;
  }
}

/**
 * Compiles a bundle, from its cache when there is a usable one. Its own function, so the bundle's
 * bytes, the cache file and the wrapped source are garbage before the bundle runs.
 */
function compileBundle(file: string, folder: string | undefined): vm.Script {
  const bytes = fs.readFileSync(file);
  const bundle = path.basename(file);
  const usable = usableCacheFolder(folder);
  const key = cacheDigest(bytes, '\0', process.version, '\0', process.arch);
  const cacheFile = usable ? path.join(usable, `${bundle}.v8cache`) : '';
  const found: { data?: Buffer; covers?: string[]; outcome: CodeCacheOutcome } = usable ? readCache(cacheFile, key) : { outcome: 'off' };
  const script = new vm.Script(Module.wrap(bytes.toString('utf8')), { filename: file, ...(found.data ? { cachedData: found.data } : {}) });
  const outcome: CodeCacheOutcome = found.data && script.cachedDataRejected ? 'rejected' : found.outcome;
  const covers = outcome === 'hit' ? found.covers ?? [] : [];
  const record: CodeCacheRecord = { bundle, outcome, ...(found.data ? { cachedDataRejected: script.cachedDataRejected === true } : {}), ...(covers.length > 0 ? { covers } : {}) };
  // A cache file not trusted is left alone (not ours to replace); any other problem is written over.
  const writable = usable !== undefined && outcome !== 'untrusted';
  entries.push({ record, script, cacheFile, key, pending: writable && outcome !== 'hit', writable, covers: new Set(covers) });
  debug?.(`code cache: ${bundle} ${outcome}`);
  return script;
}

/**
 * Loads a CommonJS bundle as require() would, compiled from the cache in `folder` when there is a
 * usable one. What it requires loads as usual (the server's bundles require only Node's modules).
 */
export function loadBundle(file: string, folder: string | undefined): unknown {
  const known = loaded.get(file);
  if (known) return known.exports;
  const script = compileBundle(file, folder);
  const module = { exports: {} as unknown, filename: file, id: file, loaded: false };
  loaded.set(file, module);
  const dir = path.dirname(file);
  const require = createRequire(file);
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  try {
    wrapper.call(module.exports, module.exports, require, module, file, dir);
  } catch (error) {
    loaded.delete(file);
    throw error;
  }
  module.loaded = true;
  return module.exports;
}

/**
 * Writes the caches still to write, with every function compiled so far. Called once the code has
 * done its first real work (the server answered initialize, a worker's first full validation),
 * with `covering` the kind of that work when it has one: a cache that lacks it is written again,
 * holding what it held (the functions it brought are compiled) and this work's code too.
 */
export function flushCodeCache(covering?: string): void {
  for (const entry of entries) {
    const grows = covering !== undefined && !entry.covers.has(covering);
    if (!entry.pending && !(grows && entry.writable)) continue;
    entry.pending = false;
    if (covering !== undefined) entry.covers.add(covering);
    let data: Buffer;
    try {
      data = entry.script.createCachedData();
    } catch {
      continue;
    }
    entry.record.written = writeCache(entry.cacheFile, entry.key, data, entry.covers);
    if (entry.covers.size > 0) entry.record.covers = [...entry.covers];
    debug?.(`code cache: ${entry.record.bundle} ${entry.record.written ? 'written' : 'not written'}`);
    if (entry.covers.size > 0) debug?.(`code cache: ${entry.record.bundle} covers ${[...entry.covers].join(', ')}`);
  }
}

/** Lets the loaded bundles flush (codeCacheHook.ts) without importing this module. */
export function installCodeCacheHook(): void {
  (globalThis as Record<symbol, unknown>)[CODE_CACHE_HOOK] = { flush: flushCodeCache, records: codeCacheRecords };
}
