// Reads one layer's tar as it streams by: every entry's path, kind and size (never its bytes),
// whiteouts (`.wh.name` deletes a lower file, `.wh..wh..opq` hides a lower directory's content),
// and the few files worth reading for packages, which are captured up to a cap and parsed at once.
// Pure (no vscode import): the image reader feeds it chunks, tests feed it archives.
import { TarReader, type TarHeader } from '../containers/tar';
import { captureFor, type Capture } from './packageFiles';
import type { FoundPackages } from './packages';

export type EntryKind = 'file' | 'dir' | 'symlink' | 'hardlink' | 'other' | 'whiteout' | 'opaque';

export interface LayerEntry {
  /** Relative, normalised: `usr/bin/env`. For a whiteout, the path it deletes; for opaque, the directory. */
  path: string;
  kind: EntryKind;
  /** Bytes of content (regular files only). */
  size: number;
  mode: number;
  /** Symlink target as written, or the hard link's target path (normalised). */
  link?: string;
}

export interface LayerContents {
  entries: LayerEntry[];
  /** Packages found in files of this layer (still to be checked against upper layers). */
  packages: FoundPackages[];
  /** The OS release file, when this layer has one. */
  osRelease?: { path: string; text: string };
  /** Bytes of the layer's tar that went by (the archive, not the content). */
  tarBytes: number;
  /** Set when the layer could not be read to its end. */
  error?: string;
}

/** Deepest path the analysis follows; deeper entries are skipped (and counted as a warning). */
export const MAX_DEPTH = 256;
const WHITEOUT = '.wh.';
const OPAQUE = '.wh..wh..opq';

/** `./a//b/` → `a/b`; undefined for the root, `..` segments or paths deeper than MAX_DEPTH. */
export function normalisePath(name: string): string | undefined {
  const segments = name.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.length === 0 || segments.length > MAX_DEPTH || segments.includes('..')) return undefined;
  return segments.join('/');
}

/** Shared limits while one image is read, so a hostile archive cannot exhaust memory. */
export class EntryBudget {
  used = 0;
  skipped = 0;
  constructor(readonly max: number) {}
  take(): boolean {
    if (this.used >= this.max) {
      this.skipped++;
      return false;
    }
    this.used++;
    return true;
  }
}

export class LayerReader {
  private readonly tar: TarReader;
  private capture: Capture | undefined;
  private failed = false;
  readonly contents: LayerContents = { entries: [], packages: [], tarBytes: 0 };

  constructor(private readonly budget: EntryBudget) {
    this.tar = new TarReader({
      entry: (header) => this.onEntry(header),
      data: (chunk) => this.capture?.push(chunk),
      entryEnd: () => this.onEntryEnd(),
    });
  }

  push(chunk: Buffer): void {
    if (this.failed) return;
    this.contents.tarBytes += chunk.length;
    try {
      this.tar.push(chunk);
    } catch (error) {
      this.fail(error);
    }
  }

  /** Ends the layer; an archive cut short is recorded as the layer's error (what was read stays). */
  end(): LayerContents {
    if (!this.failed) {
      try {
        this.tar.end();
      } catch (error) {
        this.fail(error);
      }
    }
    this.capture = undefined;
    return this.contents;
  }

  fail(error: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.capture = undefined;
    this.contents.error = error instanceof Error ? error.message : String(error);
  }

  private onEntry(header: TarHeader): void {
    this.capture = undefined;
    const path = normalisePath(header.name);
    if (path === undefined) return;
    const slash = path.lastIndexOf('/');
    const base = path.slice(slash + 1);
    const dir = slash < 0 ? '' : path.slice(0, slash);
    let entry: LayerEntry;
    if (base.startsWith(WHITEOUT)) {
      if (base === OPAQUE) entry = { path: dir, kind: 'opaque', size: 0, mode: 0 };
      else if (base.startsWith(`${WHITEOUT}${WHITEOUT}`)) return; // aufs bookkeeping (.wh..wh.plnk, .wh..wh.aufs)
      else entry = { path: dir ? `${dir}/${base.slice(WHITEOUT.length)}` : base.slice(WHITEOUT.length), kind: 'whiteout', size: 0, mode: 0 };
    } else {
      const kind: EntryKind = header.type === 'directory' ? 'dir' : header.type;
      entry = { path, kind, size: kind === 'file' ? header.size : 0, mode: header.mode };
      if (kind === 'symlink') entry.link = header.linkname;
      if (kind === 'hardlink') entry.link = normalisePath(header.linkname);
    }
    if (entry.kind === 'opaque' && entry.path === '') return; // an opaque root hides nothing we can name
    if (!this.budget.take()) return;
    this.contents.entries.push(entry);
    if (entry.kind === 'file' && entry.size > 0) this.capture = captureFor(entry.path, entry.size, entry.mode);
  }

  private onEntryEnd(): void {
    const capture = this.capture;
    this.capture = undefined;
    if (!capture) return;
    const result = capture.finish();
    if (!result) return;
    if (result.kind === 'osRelease') this.contents.osRelease = { path: capture.path, text: result.text };
    else if (result.found.packages.length > 0) this.contents.packages.push(result.found);
  }
}
