// Reads an image export (`GET /images/{name}/get`, what `docker save` writes) as a stream, in
// either layout an engine writes: docker-archive (manifest.json, <id>/layer.tar, <config>.json)
// or OCI (index.json, blobs/sha256/<digest>, layers possibly gzip- or zstd-compressed). The
// archive lists layers before the manifest that orders them, so every layer is read as it passes
// (entries and package files only, never file contents) and put in order at the end. Small JSON
// files are kept; nothing else is. Pure: chunks in, ImageArchive out.
import * as zlib from 'node:zlib';
import type { Transform } from 'node:stream';
import { TarReader, type TarHeader } from '../containers/tar';
import { EntryBudget, LayerReader, normalisePath, type LayerContents } from './layerReader';

export interface HistoryEntry {
  created?: string;
  created_by?: string;
  comment?: string;
  empty_layer?: boolean;
}

export interface ImageConfig {
  architecture?: string;
  os?: string;
  history?: HistoryEntry[];
  rootfs?: { type?: string; diff_ids?: string[] };
  config?: { Env?: string[]; Labels?: Record<string, string> | null };
}

export interface ImageArchive {
  format: 'docker-archive' | 'oci-layout';
  config: ImageConfig;
  /** Bottom layer first. */
  layers: LayerContents[];
  /** What could not be read (a compression this Node cannot decompress, a missing blob…). */
  warnings: string[];
  /** Entries not recorded because the image has more than the analysis keeps. */
  skippedEntries: number;
}

export class ImageArchiveError extends Error {}

/** Largest JSON file (manifest, index, config) the reader keeps. */
const MAX_JSON = 16 * 1024 * 1024;
/** Files an image may have at most before the analysis stops listing them. */
export const MAX_ENTRIES = 2_000_000;

type Sniffed = 'tar' | 'gzip' | 'zstd' | 'json' | 'other';

function sniff(head: Buffer, size: number): Sniffed {
  if (head.length < 4) return 'other';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.readUInt32LE(0) === 0xfd2fb528) return 'zstd';
  if (head.length >= 262 && head.toString('latin1', 257, 262) === 'ustar') return 'tar';
  if (head.length >= 512 && head.subarray(0, 512).every((b) => b === 0)) return 'tar'; // an empty layer
  const first = head.toString('utf8').trimStart()[0];
  if ((first === '{' || first === '[') && size <= MAX_JSON) return 'json';
  return 'other';
}

/** A symlink's target inside the archive (`a/layer.tar` → `../b/layer.tar` is `b/layer.tar`). */
function resolveLink(name: string, link: string): string | undefined {
  const segments = link.startsWith('/') ? [] : name.split('/').slice(0, -1);
  for (const segment of link.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.pop() === undefined) return undefined;
    } else segments.push(segment);
  }
  return segments.length ? segments.join('/') : undefined;
}

/** Where the bytes of one archive entry go. */
interface Sink {
  push(chunk: Buffer): void;
  end(): void;
}

export class ImageArchiveReader {
  private readonly outer: TarReader;
  private readonly budget = new EntryBudget(MAX_ENTRIES);
  private readonly layers = new Map<string, LayerContents>();
  private readonly json = new Map<string, unknown>();
  private readonly links = new Map<string, string>();
  private readonly warnings: string[] = [];
  /** Decompressions under way: the caller waits for them before pushing more. */
  private pending: Promise<void>[] = [];
  private sink: Sink | undefined;
  private current: { name: string; size: number; head: Buffer[]; headBytes: number } | undefined;
  private jsonBytes = 0;

  constructor() {
    this.outer = new TarReader({
      entry: (header) => this.onEntry(header),
      data: (chunk) => this.onData(chunk),
      entryEnd: () => this.onEntryEnd(),
    });
  }

  /**
   * Feeds a chunk of the export. Returns a promise when decompression is behind: wait for it
   * before the next chunk (that is the backpressure that keeps memory bounded).
   */
  push(chunk: Buffer): Promise<void> | undefined {
    try {
      this.outer.push(chunk);
    } catch (error) {
      throw new ImageArchiveError(`the image archive is not a tar: ${(error as Error).message}`);
    }
    return this.drain();
  }

  private drain(): Promise<void> | undefined {
    if (this.pending.length === 0) return undefined;
    const waiting = this.pending;
    this.pending = [];
    return Promise.all(waiting).then(() => undefined);
  }

  async end(reference?: string): Promise<ImageArchive> {
    try {
      this.outer.end();
    } catch (error) {
      throw new ImageArchiveError(`the image archive ended early: ${(error as Error).message}`);
    }
    await this.drain();
    const result = this.json.has('manifest.json') ? this.fromDockerManifest(reference) : this.fromOciIndex();
    return { ...result, warnings: this.warnings, skippedEntries: this.budget.skipped };
  }

  private onEntry(header: TarHeader): void {
    this.sink = undefined;
    this.current = undefined;
    const name = normalisePath(header.name);
    if (!name) return;
    if (header.type === 'symlink') {
      // docker save writes a layer seen twice once, and links the second to it.
      const target = resolveLink(name, header.linkname);
      if (target) this.links.set(name, target);
      return;
    }
    if (header.type !== 'file') return;
    this.current = { name, size: header.size, head: [], headBytes: 0 };
    if (header.size === 0) this.current = undefined;
  }

  private onData(chunk: Buffer): void {
    if (this.sink) return this.sink.push(chunk);
    const current = this.current;
    if (!current) return;
    current.head.push(Buffer.from(chunk));
    current.headBytes += chunk.length;
    if (current.headBytes >= Math.min(512, current.size)) this.choose();
  }

  private onEntryEnd(): void {
    if (!this.sink && this.current) this.choose();
    this.sink?.end();
    this.sink = undefined;
    this.current = undefined;
  }

  /** Decides what an entry is from its name and first bytes, then replays those bytes into its sink. */
  private choose(): void {
    const current = this.current!;
    const head = Buffer.concat(current.head);
    const isBlob = /^blobs\/[^/]+\/[^/]+$/.test(current.name);
    const isLayerTar = /(^|\/)layer\.tar$/.test(current.name);
    const wantedJson = current.name === 'manifest.json' || current.name === 'index.json' || /^[^/]+\.json$/.test(current.name);
    const kind = sniff(head, current.size);
    if ((isBlob || isLayerTar) && (kind === 'tar' || kind === 'gzip' || kind === 'zstd')) this.sink = this.layerSink(current.name, kind);
    else if ((isBlob || wantedJson) && kind === 'json') this.sink = this.jsonSink(current.name, current.size);
    else this.sink = { push: () => undefined, end: () => undefined };
    this.sink.push(head);
  }

  private jsonSink(name: string, size: number): Sink {
    if (this.jsonBytes + size > 4 * MAX_JSON) return { push: () => undefined, end: () => undefined };
    this.jsonBytes += size;
    const parts: Buffer[] = [];
    return {
      push: (chunk) => void parts.push(chunk),
      end: () => {
        try {
          this.json.set(name, JSON.parse(Buffer.concat(parts).toString('utf8')));
        } catch {
          // not JSON after all (a blob that starts with a brace): ignore it
        }
      },
    };
  }

  private layerSink(name: string, kind: 'tar' | 'gzip' | 'zstd'): Sink {
    const reader = new LayerReader(this.budget);
    this.layers.set(name, reader.contents);
    if (kind === 'tar') return { push: (chunk) => reader.push(chunk), end: () => void reader.end() };
    const make = kind === 'gzip' ? () => zlib.createGunzip() : (zlib as unknown as { createZstdDecompress?: () => Transform }).createZstdDecompress;
    if (!make) {
      reader.fail(new Error('zstd-compressed layer: this version of Node cannot decompress it'));
      this.warnings.push(`${name}: zstd-compressed, which this version of Node cannot decompress; its files are not listed`);
      return { push: () => undefined, end: () => void reader.end() };
    }
    const inflate = make();
    let failed = false;
    const finished = new Promise<void>((resolve) => {
      inflate.on('data', (chunk: Buffer) => reader.push(chunk));
      inflate.on('end', () => resolve());
      inflate.on('error', (error) => {
        failed = true;
        reader.fail(error);
        this.warnings.push(`${name}: ${error.message}`);
        resolve();
      });
    });
    return {
      push: (chunk) => {
        if (failed) return;
        if (!inflate.write(chunk)) this.pending.push(new Promise((resolve) => {
          inflate.once('drain', resolve);
          inflate.once('error', resolve);
        }));
      },
      end: () => {
        inflate.end();
        this.pending.push(finished.then(() => void reader.end()));
      },
    };
  }

  private resolve(name: string): string {
    let at = name;
    for (let hops = 0; hops < 8 && this.links.has(at); hops++) at = this.links.get(at)!;
    return at;
  }

  private layerAt(name: string): LayerContents {
    const layer = this.layers.get(this.resolve(name));
    if (layer) return layer;
    this.warnings.push(`${name}: listed by the manifest but not in the archive`);
    return { entries: [], packages: [], tarBytes: 0, error: 'missing from the archive' };
  }

  private fromDockerManifest(reference?: string): Omit<ImageArchive, 'warnings' | 'skippedEntries'> {
    const manifest = this.json.get('manifest.json');
    if (!Array.isArray(manifest) || manifest.length === 0) throw new ImageArchiveError('manifest.json lists no image');
    const entries = manifest as Array<{ Config?: string; RepoTags?: string[] | null; Layers?: string[] }>;
    const entry = (reference && entries.find((e) => e.RepoTags?.includes(reference))) || entries[0]!;
    const config = typeof entry.Config === 'string' ? this.json.get(this.resolve(normalisePath(entry.Config) ?? '')) : undefined;
    if (!config || typeof config !== 'object') throw new ImageArchiveError(`the image configuration ${entry.Config ?? ''} is not in the archive`);
    const layers = (entry.Layers ?? []).map((l) => this.layerAt(normalisePath(l) ?? l));
    return { format: this.json.has('index.json') ? 'oci-layout' : 'docker-archive', config, layers };
  }

  private blobJson(digest: unknown): unknown {
    if (typeof digest !== 'string' || !/^[a-z0-9]+:[a-f0-9]+$/.test(digest)) return undefined;
    return this.json.get(`blobs/${digest.replace(':', '/')}`);
  }

  /** index.json → (nested indexes) → the first image manifest that is not an attestation. */
  private fromOciIndex(): Omit<ImageArchive, 'warnings' | 'skippedEntries'> {
    let node = this.json.get('index.json') as { manifests?: Array<{ digest?: string; mediaType?: string; platform?: { os?: string }; annotations?: Record<string, string> }>; layers?: unknown; config?: unknown } | undefined;
    if (!node) throw new ImageArchiveError('the archive has neither manifest.json nor index.json: not an image export');
    for (let depth = 0; depth < 5 && node && Array.isArray(node.manifests); depth++) {
      const candidates = node.manifests.filter((m) => m && m.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest' && m.platform?.os !== 'unknown');
      const next = candidates.map((m) => this.blobJson(m.digest)).find((b) => b && typeof b === 'object');
      node = next as typeof node;
    }
    const manifest = node as { config?: { digest?: string }; layers?: Array<{ digest?: string }> } | undefined;
    const config = manifest && this.blobJson(manifest.config?.digest);
    if (!manifest || !Array.isArray(manifest.layers) || !config || typeof config !== 'object') throw new ImageArchiveError('the OCI index does not lead to an image manifest and configuration in the archive');
    const layers = manifest.layers.map((l) => this.layerAt(typeof l?.digest === 'string' ? `blobs/${l.digest.replace(':', '/')}` : ''));
    return { format: 'oci-layout', config, layers };
  }
}
