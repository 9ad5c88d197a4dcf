// Image exports built in memory for the analysis tests, in both layouts engines write:
// docker-archive (manifest.json + <id>/layer.tar, what dockerd 20-24 exports) and OCI
// (index.json + blobs/sha256/…, what dockerd 25+ and the containerd image store export).
import { createHash } from 'node:crypto';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { packTar, type TarEntryInput } from '../../../client/src/containers/tar';

export type FileSpec = TarEntryInput & { data?: Buffer };

export interface LayerSpec {
  createdBy: string;
  files: FileSpec[];
}

export interface ImageSpec {
  /** History entries with no layer (ENV, CMD…), placed after the layer with this many layers before them. */
  emptySteps?: Array<{ after: number; createdBy: string }>;
  layers: LayerSpec[];
}

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

export function layerTar(files: FileSpec[]): Buffer {
  return packTar(files.map((f) => ({ mtime: 1_700_000_000, ...f })));
}

function configOf(spec: ImageSpec, diffIds: string[]) {
  const history: Array<Record<string, unknown>> = [];
  spec.layers.forEach((layer, i) => {
    history.push({ created: '2026-01-01T00:00:00Z', created_by: layer.createdBy });
    for (const step of spec.emptySteps ?? []) if (step.after === i + 1) history.push({ created: '2026-01-01T00:00:00Z', created_by: step.createdBy, empty_layer: true });
  });
  return { architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: diffIds.map((d) => `sha256:${d}`) }, history, config: { Env: ['PATH=/bin'] } };
}

/** docker save as dockerd 20.10 writes it: directories per layer, config, manifest.json last. */
export function dockerArchive(spec: ImageSpec, options: { tags?: string[]; duplicateLastLayerAsLink?: boolean } = {}): { archive: Buffer; imageId: string } {
  const tars = spec.layers.map((l) => layerTar(l.files));
  const diffIds = tars.map(sha);
  const config = Buffer.from(JSON.stringify(configOf(spec, diffIds)));
  const imageId = sha(config);
  const ids = tars.map((_, i) => sha(Buffer.from(`layer-${i}-${diffIds[i]}`)));
  const entries: FileSpec[] = [];
  // Sorted like the engine's directory walk: layer directories (hex ids), the config, manifest.json.
  const order = ids.map((id, i) => ({ id, i })).sort((a, b) => a.id.localeCompare(b.id));
  const linked = options.duplicateLastLayerAsLink ? ids.length - 1 : -1;
  for (const { id, i } of order) {
    entries.push({ name: `${id}/`, type: 'directory' });
    entries.push({ name: `${id}/VERSION`, data: Buffer.from('1.0') });
    entries.push({ name: `${id}/json`, data: Buffer.from(JSON.stringify({ id })) });
    if (i === linked) entries.push({ name: `${id}/layer.tar`, type: 'symlink', linkname: `../${ids[0]}/layer.tar` });
    else entries.push({ name: `${id}/layer.tar`, data: tars[i] });
  }
  entries.push({ name: `${imageId}.json`, data: config });
  const manifest = [{ Config: `${imageId}.json`, RepoTags: options.tags ?? ['test/image:1'], Layers: ids.map((id) => `${id}/layer.tar`) }];
  entries.push({ name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest)) });
  entries.push({ name: 'repositories', data: Buffer.from('{}') });
  return { archive: packTar(entries), imageId: `sha256:${imageId}` };
}

/**
 * An OCI layout as the containerd image store exports it: gzip-compressed layer blobs, an index
 * pointing at an image index whose second manifest is a build attestation (which must be skipped).
 */
export function ociArchive(spec: ImageSpec, options: { compress?: boolean; withAttestation?: boolean } = {}): { archive: Buffer; imageId: string } {
  const tars = spec.layers.map((l) => layerTar(l.files));
  const diffIds = tars.map(sha);
  const blobs = new Map<string, Buffer>();
  const put = (data: Buffer) => {
    const digest = sha(data);
    blobs.set(digest, data);
    return { digest: `sha256:${digest}`, size: data.length };
  };
  const layerDescriptors = tars.map((tar) => ({ mediaType: options.compress === false ? 'application/vnd.oci.image.layer.v1.tar' : 'application/vnd.oci.image.layer.v1.tar+gzip', ...put(options.compress === false ? tar : gzipSync(tar)) }));
  const config = Buffer.from(JSON.stringify(configOf(spec, diffIds)));
  const configDescriptor = { mediaType: 'application/vnd.oci.image.config.v1+json', ...put(config) };
  const manifest = put(Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: configDescriptor, layers: layerDescriptors })));
  const manifests: unknown[] = [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest, platform: { architecture: 'amd64', os: 'linux' } }];
  if (options.withAttestation) {
    const attestationLayer = put(Buffer.from(JSON.stringify({ _type: 'https://in-toto.io/Statement/v0.1' })));
    const attestation = put(Buffer.from(JSON.stringify({ schemaVersion: 2, config: put(Buffer.from('{}')), layers: [attestationLayer] })));
    manifests.push({ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...attestation, platform: { architecture: 'unknown', os: 'unknown' }, annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } });
  }
  const imageIndex = put(Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests })));
  const index = { schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [{ mediaType: 'application/vnd.oci.image.index.v1+json', ...imageIndex, annotations: { 'io.containerd.image.name': 'docker.io/test/image:1' } }] };
  const entries: FileSpec[] = [{ name: 'blobs/', type: 'directory' }, { name: 'blobs/sha256/', type: 'directory' }];
  for (const [digest, data] of [...blobs].sort(([a], [b]) => a.localeCompare(b))) entries.push({ name: `blobs/sha256/${digest}`, data });
  entries.push({ name: 'index.json', data: Buffer.from(JSON.stringify(index)) });
  entries.push({ name: 'oci-layout', data: Buffer.from('{"imageLayoutVersion":"1.0.0"}') });
  return { archive: packTar(entries), imageId: configDescriptor.digest };
}

/** An async iterable of the buffer in chunks of `size` bytes (the analysis reads streams). */
export async function* chunked(data: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

export const file = (name: string, text: string | Buffer, mode = 0o644): FileSpec => ({ name, data: Buffer.isBuffer(text) ? text : Buffer.from(text), mode });
export const dir = (name: string): FileSpec => ({ name, type: 'directory', mode: 0o755 });
export const zeros = (name: string, bytes: number): FileSpec => ({ name, data: Buffer.alloc(bytes), mode: 0o644 });

export const DPKG_STATUS = [
  'Package: base-files',
  'Status: install ok installed',
  'Priority: required',
  'Architecture: amd64',
  'Version: 12.4+deb12u5',
  'Description: Debian base system miscellaneous files',
  ' This package contains the basic filesystem hierarchy.',
  '',
  'Package: libssl3',
  'Status: install ok installed',
  'Architecture: amd64',
  'Source: openssl',
  'Version: 3.0.11-1~deb12u2',
  '',
  'Package: old-thing',
  'Status: deinstall ok config-files',
  'Architecture: amd64',
  'Version: 1.0',
  '',
].join('\n');

export const APK_INSTALLED = [
  'C:Q1abc=',
  'P:musl',
  'V:1.2.4-r2',
  'A:x86_64',
  'S:383152',
  'L:MIT',
  'o:musl',
  '',
  'C:Q1def=',
  'P:busybox-binsh',
  'V:1.36.1-r15',
  'A:x86_64',
  'L:GPL-2.0-only',
  'o:busybox',
  '',
].join('\n');

export const OS_RELEASE = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n';

/** Go's build info as the Go 1.18+ linker writes it (see debug/buildinfo), inside a fake ELF file. */
export function goBinary(goVersion: string, modinfo: string, padding = 200_000): Buffer {
  const uvarint = (n: number) => {
    const bytes: number[] = [];
    while (n >= 0x80) {
      bytes.push((n & 0x7f) | 0x80);
      n = Math.floor(n / 128);
    }
    bytes.push(n);
    return Buffer.from(bytes);
  };
  const sentinel = Buffer.from('3077af0c9274080241e1c107e6d618e6', 'hex');
  const mod = Buffer.concat([sentinel, Buffer.from(modinfo), sentinel]);
  const header = Buffer.alloc(32);
  header.write('\xff Go buildinf:', 0, 'latin1');
  header[14] = 8;
  header[15] = 2;
  const info = Buffer.concat([header, uvarint(goVersion.length), Buffer.from(goVersion), uvarint(mod.length), mod]);
  const elf = Buffer.alloc(padding);
  elf.write('\x7fELF', 0, 'latin1');
  return Buffer.concat([elf, info, Buffer.alloc(4096)]);
}

/** A zip as a jar tool writes it: local headers with sizes, stored or deflated entries. */
export function zip(entries: Array<{ name: string; text: string; deflate?: boolean }>): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const raw = Buffer.from(entry.text);
    const body = entry.deflate ? deflateRawSync(raw) : raw;
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0, 6);
    head.writeUInt16LE(entry.deflate ? 8 : 0, 8);
    head.writeUInt32LE(body.length, 18);
    head.writeUInt32LE(raw.length, 22);
    head.writeUInt16LE(Buffer.byteLength(entry.name), 26);
    parts.push(head, Buffer.from(entry.name), body);
  }
  parts.push(Buffer.from([0x50, 0x4b, 0x01, 0x02])); // the central directory would follow
  return Buffer.concat(parts);
}
