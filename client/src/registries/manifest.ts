// What a registry's manifest says about a tag: an image (its config and layers, so a size) or an
// index of per-platform images (OCI image index or Docker manifest list), in OCI and Docker
// media types; and the platform and creation date from an image's config. Pure, bounded, and
// tolerant: a field of the wrong type is left out, never trusted.

export const MEDIA_TYPES = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerSchema1: 'application/vnd.docker.distribution.manifest.v1+json',
  dockerSchema1Signed: 'application/vnd.docker.distribution.manifest.v1+prettyjws',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
} as const;

/** The Accept header for manifests: every kind this module reads, indexes first. */
export const MANIFEST_ACCEPT = [MEDIA_TYPES.ociIndex, MEDIA_TYPES.dockerList, MEDIA_TYPES.ociManifest, MEDIA_TYPES.dockerManifest].join(', ');

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
  osVersion?: string;
}

export interface IndexEntry {
  digest: string;
  mediaType: string;
  size: number;
  platform?: Platform;
}

export interface ManifestSummary {
  kind: 'index' | 'image' | 'schema1' | 'unknown';
  mediaType: string;
  /** An image's size as stored in the registry: its config plus its (compressed) layers. */
  size?: number;
  layers?: number;
  config?: { digest: string; mediaType: string; size: number };
  /** An OCI artifact (a Helm chart, a signature…) rather than a container image. */
  artifactType?: string;
  /** An index's images, attestations left out. */
  manifests: IndexEntry[];
  /** How many attestation manifests (provenance, SBOM) the index also holds. */
  attestations: number;
  /** An index's platforms, or a schema 1 manifest's; an image's come from its config. */
  platforms: Platform[];
}

const MAX_ENTRIES = 256;
const MAX_LAYERS = 10_000;

/** Reads a manifest body. Throws when it is not a JSON object (the caller reports a bad answer). */
export function parseManifest(body: Buffer | string, contentType?: string): ManifestSummary {
  const value = JSON.parse(typeof body === 'string' ? body : body.toString('utf8')) as unknown;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('the manifest is not a JSON object');
  const m = value as Record<string, unknown>;
  const declared = str(m.mediaType) ?? mediaTypeOf(contentType);
  const summary: ManifestSummary = { kind: 'unknown', mediaType: declared ?? '', manifests: [], attestations: 0, platforms: [] };

  if (declared === MEDIA_TYPES.ociIndex || declared === MEDIA_TYPES.dockerList || (!isImageType(declared) && Array.isArray(m.manifests))) {
    summary.kind = 'index';
    summary.mediaType = declared ?? MEDIA_TYPES.ociIndex;
    for (const raw of (Array.isArray(m.manifests) ? m.manifests : []).slice(0, MAX_ENTRIES)) {
      const entry = descriptor(raw);
      if (!entry) continue;
      const platform = platformOf((raw as Record<string, unknown>).platform);
      const annotations = (raw as Record<string, unknown>).annotations as Record<string, unknown> | undefined;
      const attestation = annotations?.['vnd.docker.reference.type'] === 'attestation-manifest' || (platform?.os === 'unknown' && platform.architecture === 'unknown');
      if (attestation) {
        summary.attestations++;
        continue;
      }
      summary.manifests.push({ ...entry, platform });
      if (platform) summary.platforms.push(platform);
    }
    return summary;
  }

  if (declared === MEDIA_TYPES.dockerSchema1 || declared === MEDIA_TYPES.dockerSchema1Signed || (m.schemaVersion === 1 && Array.isArray(m.fsLayers))) {
    summary.kind = 'schema1';
    summary.mediaType = declared ?? MEDIA_TYPES.dockerSchema1;
    const architecture = str(m.architecture);
    if (architecture) summary.platforms.push({ os: 'linux', architecture });
    summary.layers = Array.isArray(m.fsLayers) ? m.fsLayers.length : undefined;
    return summary;
  }

  if (isImageType(declared) || (m.config !== undefined && Array.isArray(m.layers))) {
    summary.kind = 'image';
    summary.mediaType = declared ?? MEDIA_TYPES.ociManifest;
    const config = descriptor(m.config);
    if (config) summary.config = config;
    const layers = (Array.isArray(m.layers) ? m.layers : []).slice(0, MAX_LAYERS).map(descriptor).filter((d): d is NonNullable<typeof d> => Boolean(d));
    summary.layers = layers.length;
    summary.size = (config?.size ?? 0) + layers.reduce((n, l) => n + l.size, 0);
    const artifactType = str(m.artifactType) ?? (config && !isImageConfig(config.mediaType) ? config.mediaType : undefined);
    if (artifactType) summary.artifactType = artifactType;
    return summary;
  }
  return summary;
}

/** An image config's platform and creation date (the config is what `docker inspect` shows). */
export function readImageConfig(body: Buffer | string): { platform?: Platform; created?: string } {
  let value: unknown;
  try {
    value = JSON.parse(typeof body === 'string' ? body : body.toString('utf8'));
  } catch {
    return {};
  }
  if (typeof value !== 'object' || value === null) return {};
  const c = value as Record<string, unknown>;
  const os = str(c.os);
  const architecture = str(c.architecture);
  const created = str(c.created);
  return {
    platform: os && architecture ? { os, architecture, ...(str(c.variant) ? { variant: str(c.variant) } : {}), ...(str(c['os.version']) ? { osVersion: str(c['os.version']) } : {}) } : undefined,
    created,
  };
}

export function isImageConfig(mediaType: string | undefined): boolean {
  return mediaType === MEDIA_TYPES.ociConfig || mediaType === MEDIA_TYPES.dockerConfig;
}

/** `linux/arm64/v8`, as `docker` writes platforms. */
export function formatPlatform(platform: Platform): string {
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/');
}

const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;

export function isDigest(text: string): boolean {
  return DIGEST.test(text);
}

function isImageType(mediaType: string | undefined): boolean {
  return mediaType === MEDIA_TYPES.ociManifest || mediaType === MEDIA_TYPES.dockerManifest;
}

function descriptor(raw: unknown): { digest: string; mediaType: string; size: number } | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const d = raw as Record<string, unknown>;
  const digest = str(d.digest);
  const size = typeof d.size === 'number' && Number.isFinite(d.size) && d.size >= 0 ? d.size : 0;
  if (!digest || !isDigest(digest)) return undefined;
  return { digest, mediaType: str(d.mediaType) ?? '', size };
}

function platformOf(raw: unknown): Platform | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const p = raw as Record<string, unknown>;
  const os = str(p.os);
  const architecture = str(p.architecture);
  if (!os || !architecture) return undefined;
  return { os, architecture, ...(str(p.variant) ? { variant: str(p.variant) } : {}), ...(str(p['os.version']) ? { osVersion: str(p['os.version']) } : {}) };
}

function mediaTypeOf(contentType: string | undefined): string | undefined {
  const type = contentType?.split(';')[0]?.trim();
  return type && type !== 'application/json' && type !== 'text/plain' ? type : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value.slice(0, 1000) : undefined;
}
