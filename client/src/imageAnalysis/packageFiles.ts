// Which files of a layer tell what packages it holds, and how much of each to read: package
// databases and manifests whole (up to a cap), Go executables scanned for their build info as they
// stream by, jars only from their start (where the manifest sits). Pure.
import { inflateRawSync } from 'node:zlib';
import {
  parseApkInstalled, parseDpkgStatus, parseGoBuildInfo, parseJarManifest, parsePackageJson, parsePythonMetadata,
  type FoundPackages, type PackageSource,
} from './packages';
import { readRpmSqlite } from './rpmSqlite';

export type CaptureResult = { kind: 'packages'; found: FoundPackages } | { kind: 'osRelease'; text: string };

export interface Capture {
  readonly path: string;
  push(chunk: Buffer): void;
  finish(): CaptureResult | undefined;
}

const KB = 1024;
const MB = 1024 * KB;

interface WholeFileRule {
  source: PackageSource | 'osRelease';
  test: RegExp;
  maxBytes: number;
}

const WHOLE_FILES: WholeFileRule[] = [
  { source: 'dpkg', test: /^var\/lib\/dpkg\/status$/, maxBytes: 64 * MB },
  { source: 'dpkg', test: /^var\/lib\/dpkg\/status\.d\/[^/]+$/, maxBytes: 4 * MB },
  { source: 'apk', test: /^lib\/apk\/db\/installed$/, maxBytes: 64 * MB },
  { source: 'rpm', test: /^(usr\/lib\/sysimage\/rpm|var\/lib\/rpm)\/rpmdb\.sqlite$/, maxBytes: 128 * MB },
  { source: 'npm', test: /(^|\/)node_modules\/(@[^/]+\/)?[^/@.][^/]*\/package\.json$/, maxBytes: 1 * MB },
  { source: 'pypi', test: /(^|\/)(site|dist)-packages\/[^/]+\.dist-info\/METADATA$/, maxBytes: 1 * MB },
  { source: 'pypi', test: /(^|\/)(site|dist)-packages\/[^/]+\.egg-info(\/PKG-INFO)?$/, maxBytes: 1 * MB },
  { source: 'osRelease', test: /^(etc|usr\/lib)\/os-release$/, maxBytes: 64 * KB },
];

const JAR = /\.(jar|war|ear)$/i;
/** The manifest of a jar is one of its first entries; this much of the start is read. */
const JAR_HEAD = 512 * KB;
/** Go executables smaller than this are not worth scanning (the build info alone is larger). */
const MIN_GO_BINARY = 64 * KB;

export function captureFor(path: string, size: number, mode: number): Capture | undefined {
  for (const rule of WHOLE_FILES) {
    if (rule.test.test(path)) return size <= rule.maxBytes ? new WholeFile(path, size, rule.source) : undefined;
  }
  if (JAR.test(path)) return new JarHead(path);
  if ((mode & 0o111) !== 0 && size >= MIN_GO_BINARY) return new GoBuildInfoScan(path);
  return undefined;
}

class WholeFile implements Capture {
  private readonly buffer: Buffer;
  private filled = 0;

  constructor(readonly path: string, size: number, private readonly source: PackageSource | 'osRelease') {
    this.buffer = Buffer.allocUnsafe(size);
  }

  push(chunk: Buffer): void {
    const n = Math.min(chunk.length, this.buffer.length - this.filled);
    chunk.copy(this.buffer, this.filled, 0, n);
    this.filled += n;
  }

  finish(): CaptureResult | undefined {
    const data = this.buffer.subarray(0, this.filled);
    if (this.source === 'osRelease') return { kind: 'osRelease', text: data.toString('utf8') };
    if (this.source === 'rpm') return { kind: 'packages', found: { source: 'rpm', path: this.path, packages: readRpmSqlite(data) } };
    const text = data.toString('utf8');
    const packages = (() => {
      switch (this.source) {
        case 'dpkg': return parseDpkgStatus(text);
        case 'apk': return parseApkInstalled(text);
        case 'npm': return parsePackageJson(text);
        case 'pypi': return parsePythonMetadata(text);
        default: return [];
      }
    })();
    return { kind: 'packages', found: { source: this.source, path: this.path, packages } };
  }
}

const GO_MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
/** Go's build info: a 32-byte header, then the version and the module list (rarely over 100 KB). */
const GO_INFO_MAX = 512 * KB;

/**
 * Watches an executable's bytes go by: an ELF file is searched for Go's build info marker (also
 * across chunk boundaries), and what follows it is kept for parsing. Anything else is ignored.
 */
class GoBuildInfoScan implements Capture {
  private state: 'head' | 'search' | 'keep' | 'done' = 'head';
  private head = Buffer.alloc(0);
  private tail = Buffer.alloc(0);
  private kept: Buffer[] = [];
  private keptBytes = 0;

  constructor(readonly path: string) {}

  push(chunk: Buffer): void {
    if (this.state === 'done') return;
    if (this.state === 'head') {
      this.head = Buffer.concat([this.head, chunk.subarray(0, 4 - this.head.length)]);
      if (this.head.length < 4) return;
      if (this.head.toString('latin1') !== '\x7fELF') {
        this.state = 'done';
        return;
      }
      this.state = 'search';
    }
    if (this.state === 'search') {
      // The marker may straddle two chunks: look in the last bytes of the previous one too.
      const joined = this.tail.length ? Buffer.concat([this.tail, chunk.subarray(0, GO_MAGIC.length)]) : undefined;
      const across = joined ? joined.indexOf(GO_MAGIC) : -1;
      if (across >= 0) {
        this.state = 'keep';
        this.keep(Buffer.concat([joined!.subarray(across), chunk.subarray(GO_MAGIC.length)]));
        return;
      }
      const at = chunk.indexOf(GO_MAGIC);
      if (at >= 0) {
        this.state = 'keep';
        this.keep(chunk.subarray(at));
        return;
      }
      this.tail = Buffer.from(chunk.subarray(Math.max(0, chunk.length - (GO_MAGIC.length - 1))));
      return;
    }
    this.keep(chunk);
  }

  private keep(chunk: Buffer): void {
    const n = Math.min(chunk.length, GO_INFO_MAX - this.keptBytes);
    if (n > 0) {
      this.kept.push(Buffer.from(chunk.subarray(0, n)));
      this.keptBytes += n;
    }
    if (this.keptBytes >= GO_INFO_MAX) this.state = 'done';
  }

  finish(): CaptureResult | undefined {
    if (this.keptBytes === 0) return undefined;
    const packages = parseGoBuildInfo(Buffer.concat(this.kept));
    return packages.length ? { kind: 'packages', found: { source: 'golang', path: this.path, packages } } : undefined;
  }
}

class JarHead implements Capture {
  private readonly chunks: Buffer[] = [];
  private bytes = 0;

  constructor(readonly path: string) {}

  push(chunk: Buffer): void {
    if (this.bytes >= JAR_HEAD) return;
    const part = Buffer.from(chunk.subarray(0, JAR_HEAD - this.bytes));
    this.chunks.push(part);
    this.bytes += part.length;
  }

  finish(): CaptureResult | undefined {
    const files = readZipHead(Buffer.concat(this.chunks), (name) => name === 'META-INF/MANIFEST.MF' || /^META-INF\/maven\/[^/]+\/[^/]+\/pom\.properties$/.test(name));
    if (files.size === 0) return undefined;
    const packages = parseJarManifest(this.path, files.get('META-INF/MANIFEST.MF'), [...files].filter(([name]) => name.endsWith('pom.properties')).map(([, text]) => text));
    return packages.length ? { kind: 'packages', found: { source: 'maven', path: this.path, packages } } : undefined;
  }
}

/**
 * The wanted entries among a zip's first local file headers (a zip read from its start, as a
 * stream, without its central directory). Stops at the first entry whose size the header does not
 * give (written with a data descriptor) or that runs past what was read. Stored and deflated only.
 */
export function readZipHead(data: Buffer, wanted: (name: string) => boolean, maxEntries = 2000): Map<string, string> {
  const found = new Map<string, string>();
  let offset = 0;
  for (let n = 0; n < maxEntries && offset + 30 <= data.length; n++) {
    if (data.readUInt32LE(offset) !== 0x04034b50) break;
    const flags = data.readUInt16LE(offset + 6);
    const method = data.readUInt16LE(offset + 8);
    const compressed = data.readUInt32LE(offset + 18);
    const nameLength = data.readUInt16LE(offset + 26);
    const extraLength = data.readUInt16LE(offset + 28);
    const name = data.toString('utf8', offset + 30, offset + 30 + nameLength);
    const start = offset + 30 + nameLength + extraLength;
    if ((flags & 0x08) !== 0 && compressed === 0) break;
    const end = start + compressed;
    if (end > data.length) break;
    if (wanted(name)) {
      try {
        const body = data.subarray(start, end);
        if (method === 0) found.set(name, body.toString('utf8'));
        else if (method === 8) found.set(name, inflateRawSync(body, { maxOutputLength: 4 * MB }).toString('utf8'));
      } catch {
        // a damaged entry tells nothing
      }
    }
    offset = end;
  }
  return found;
}
