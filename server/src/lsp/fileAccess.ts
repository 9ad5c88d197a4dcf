// FileAccess for the core, on the local file system, behind a policy. Only local `file:` URIs are
// read: no other scheme, no URI with a host, no network path in any spelling (\\host, //host,
// /\host, \/host), which on Windows would reach out to the network. Inside the workspace folders
// anything may be read; outside them only in a trusted workspace. Listing folders (path
// completion) and links ("browse") stay inside the workspace folders whatever the trust.
// Symbolic links are followed before deciding, so a link in the workspace to /etc is outside.
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileAccess } from '../core/languageService';

const MAX_READ_BYTES = 2 * 1024 * 1024;
const MAX_LISTED = 5000;
/** How long the answers of the file system are reused by later validations and requests (FilePolicy). */
export const FILE_ANSWERS_MS = 1000;

export type AccessKind = 'read' | 'browse';

export interface AccessState {
  /** The client said the workspace is trusted. */
  trusted: boolean;
  /** Workspace folder URIs; empty when the client opened none. */
  folders: readonly string[];
}

const windows = process.platform === 'win32';

/** A network path, however its separators are written. */
export function isNetworkPath(path: string): boolean {
  return /^[\\/]{2}/.test(path.replace(/^\/(?=[A-Za-z]:)/, ''));
}

/** The local path of a `file:` URI without a host, or undefined. */
export function localPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    const url = new URL(uri);
    if (url.host !== '' && url.host !== 'localhost') return undefined;
    // Encoded separators could spell a network path once decoded.
    if (/%(2f|5c)/i.test(url.pathname)) return undefined;
    if (isNetworkPath(decodeURIComponent(url.pathname))) return undefined;
    const path = fileURLToPath(url);
    if (isNetworkPath(path)) return undefined;
    return nodePath.resolve(path);
  } catch {
    return undefined;
  }
}

/** The path with symbolic links resolved, for the part of it that exists. */
function realPath(path: string): string {
  let head = path;
  const tail: string[] = [];
  for (let guard = 0; guard < 256; guard++) {
    try {
      const real = fs.realpathSync.native(head);
      return tail.length === 0 ? real : nodePath.join(real, ...tail.reverse());
    } catch {
      const parent = nodePath.dirname(head);
      if (parent === head) break;
      tail.push(nodePath.basename(head));
      head = parent;
    }
  }
  return path;
}

function inside(path: string, folder: string): boolean {
  const p = windows ? path.toLowerCase() : path;
  const f = windows ? folder.toLowerCase() : folder;
  return p === f || p.startsWith(f.endsWith(nodePath.sep) ? f : f + nodePath.sep);
}

/** Decides which files the server may look at, from the trust and the workspace folders. */
export class FilePolicy {
  private folders: string[] = [];
  private trusted = false;
  /**
   * What the file system answered, so the same question is asked once (a validation asked for the
   * real path of the same folders ~50 times, and each keystroke's validation asked again for the
   * .hadolint.yaml, the .dockerignore and the folders around the Dockerfile: ~40% of a 100-line
   * Dockerfile's validation). Kept across calls for FILE_ANSWERS_MS at most, and dropped at once
   * when a watched file changes or the trust or folders do (forget), so while typing the answers
   * are reused and a file changed meanwhile is seen by the next call a second later at most.
   */
  private memo: Map<string, unknown> | undefined;
  private memoSince = 0;
  private depth = 0;
  /** The current call found the answers of an earlier call and used one. */
  private usedEarlier = false;
  private earlierMemo = false;

  /**
   * `fallbackFolders`: the folders of the open documents, the workspace when the client sent none.
   * `now`: the clock the answers age by (tests pass their own).
   */
  constructor(
    private readonly fallbackFolders: () => string[] = () => [],
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Runs `work` with file system answers remembered (see memo); a call never sees them change. */
  scoped<T>(work: () => T): T {
    if (this.depth === 0) {
      this.earlierMemo = this.memo !== undefined && this.now() - this.memoSince <= FILE_ANSWERS_MS;
      this.usedEarlier = false;
      if (!this.earlierMemo) {
        this.memo = new Map();
        this.memoSince = this.now();
        this.dropLater();
      }
    }
    this.depth++;
    try {
      return work();
    } finally {
      this.depth--;
    }
  }

  /**
   * Called in a call: when it used answers an earlier call had, the time until they have expired
   * (a check made from them is made again then, so a file changed meanwhile is seen without
   * waiting for the next keystroke); otherwise undefined.
   */
  staleAfterMs(): number | undefined {
    if (this.depth === 0 || !this.usedEarlier) return undefined;
    return Math.max(0, FILE_ANSWERS_MS - (this.now() - this.memoSince)) + 5;
  }

  private dropTimer: ReturnType<typeof setTimeout> | undefined;

  /** What was read (texts up to 2 MB, listings) is not kept past its window when no call follows. */
  private dropLater(): void {
    clearTimeout(this.dropTimer);
    const memo = this.memo;
    this.dropTimer = setTimeout(() => {
      if (this.memo === memo && this.depth === 0) this.memo = undefined;
    }, FILE_ANSWERS_MS + 100);
    this.dropTimer.unref?.();
  }

  /** Drops every remembered answer: a watched file changed, or the trust or the folders did. */
  forget(): void {
    if (this.depth === 0) this.memo = undefined;
  }

  /** `ask()`, or what it answered already (within a call; outside one nothing is remembered). */
  remember<T>(key: string, ask: () => T): T {
    const memo = this.depth > 0 ? this.memo : undefined;
    if (!memo) return ask();
    if (memo.has(key)) {
      if (this.earlierMemo) this.usedEarlier = true;
      return memo.get(key) as T;
    }
    const answer = ask();
    memo.set(key, answer);
    return answer;
  }

  private real(path: string): string {
    return this.remember(`real:${path}`, () => realPath(path));
  }

  update(state: AccessState): void {
    this.forget();
    this.trusted = state.trusted;
    this.folders = state.folders.map(localPath).filter((p): p is string => p !== undefined).map(realPath);
  }

  get state(): { trusted: boolean; folders: readonly string[] } {
    return { trusted: this.trusted, folders: this.folders };
  }

  private roots(): string[] {
    if (this.folders.length > 0) return this.folders;
    const folders = this.fallbackFolders();
    // Keyed by the folders themselves: a document opened meanwhile counts at once.
    return this.remember(`roots:${folders.join('\n')}`, () => folders.map(localPath).filter((p): p is string => p !== undefined).map((p) => this.real(p)));
  }

  /** The local path of the URI when the server may look at it for this kind of use. */
  pathFor(uri: string, kind: AccessKind): string | undefined {
    // Parsing the URI is no question to the file system, but asked as often (and as costly).
    const path = this.remember(`local:${uri}`, () => localPath(uri));
    if (path === undefined) return undefined;
    if (kind === 'read' && this.trusted) return path;
    const real = this.real(path);
    return this.roots().some((root) => inside(real, root)) ? path : undefined;
  }

  allows(uri: string, kind: AccessKind): boolean {
    return this.pathFor(uri, kind) !== undefined;
  }
}

/** File access for one kind of use, through a policy. */
export function policyFileAccess(policy: FilePolicy, kind: AccessKind): FileAccess {
  return {
    allowed: (uri) => policy.allows(uri, kind),
    exists(uri) {
      const path = policy.pathFor(uri, kind);
      return path !== undefined && policy.remember(`exists:${path}`, () => fs.existsSync(path));
    },
    readText(uri) {
      const path = policy.pathFor(uri, kind);
      if (!path) return undefined;
      return policy.remember(`read:${path}`, () => readSmallText(path));
    },
    executable(uri) {
      const path = windows ? undefined : policy.pathFor(uri, kind);
      if (!path) return undefined;
      return policy.remember(`mode:${path}`, () => executableBit(path));
    },
    list(uri) {
      const path = policy.pathFor(uri, kind);
      if (!path) return [];
      // A copy: the caller may sort or filter what it gets.
      return policy.remember(`list:${path}`, () => listFolder(path)).slice();
    },
  };
}

function readSmallText(path: string): string | undefined {
  try {
    const stat = fs.statSync(path);
    if (!stat.isFile() || stat.size > MAX_READ_BYTES) return undefined;
    return fs.readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function executableBit(path: string): boolean | undefined {
  try {
    const stat = fs.statSync(path);
    return stat.isFile() ? (stat.mode & 0o111) !== 0 : undefined;
  } catch {
    return undefined;
  }
}

function listFolder(path: string): { name: string; isDirectory: boolean }[] {
  try {
    const out: { name: string; isDirectory: boolean }[] = [];
    const dir = fs.opendirSync(path);
    try {
      for (let entry = dir.readSync(); entry && out.length < MAX_LISTED; entry = dir.readSync()) {
        out.push({ name: entry.name, isDirectory: entry.isDirectory() });
      }
    } finally {
      dir.closeSync();
    }
    return out;
  } catch {
    return [];
  }
}
