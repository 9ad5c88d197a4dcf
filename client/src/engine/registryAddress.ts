// Where a registry is, named the ways the docker CLI names it: the host of an image reference
// (`localhost:5000/app` → `localhost:5000`, `nginx` → Docker Hub), the key of its credentials in
// ~/.docker/config.json (Docker Hub's is `https://index.docker.io/v1/`), and the URL of its
// HTTP API. Pure, so it is unit-tested without a registry.

/** The key under which the docker CLI keeps Docker Hub's credentials. */
export const DOCKER_HUB_CONFIG_KEY = 'https://index.docker.io/v1/';
/** Where Docker Hub's registry API answers (its image references name `docker.io`). */
export const DOCKER_HUB_API = 'https://registry-1.docker.io';
const DOCKER_HUB_NAMES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

export interface RegistryAddress {
  /** `host[:port]` as image references write it; `docker.io` for Docker Hub. */
  readonly host: string;
  /** The key of its credentials in the docker config and in credential helpers. */
  readonly configKey: string;
  readonly isDockerHub: boolean;
  /** The scheme the user wrote, if any; otherwise https (and http for loopback, as the engine allows). */
  readonly scheme?: 'https' | 'http';
}

/** `https://registry.example.com/v1/` → `registry.example.com`, as the CLI's ConvertToHostname does. */
export function convertToHostname(key: string): string {
  let rest = key.trim();
  if (rest.startsWith('http://')) rest = rest.slice('http://'.length);
  else if (rest.startsWith('https://')) rest = rest.slice('https://'.length);
  const slash = rest.indexOf('/');
  return slash >= 0 ? rest.slice(0, slash) : rest;
}

const HOST = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::\d{1,5})?$/;

/**
 * Parses what a user typed or a config key: `localhost:5000`, `https://registry.example.com`,
 * `docker.io`, `https://index.docker.io/v1/`. Undefined when it is not a registry address.
 */
export function parseRegistryAddress(text: string): RegistryAddress | undefined {
  const value = text.trim();
  if (!value || value.length > 300 || /\s/.test(value)) return undefined;
  const scheme = value.startsWith('http://') ? 'http' : value.startsWith('https://') ? 'https' : undefined;
  if (!scheme && value.includes('://')) return undefined;
  const host = convertToHostname(value).toLowerCase();
  if (!HOST.test(host)) return undefined;
  const port = /:(\d+)$/.exec(host)?.[1];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return undefined;
  if (DOCKER_HUB_NAMES.has(host)) return dockerHub();
  return scheme ? { host, configKey: host, isDockerHub: false, scheme } : { host, configKey: host, isDockerHub: false };
}

export function dockerHub(): RegistryAddress {
  return { host: 'docker.io', configKey: DOCKER_HUB_CONFIG_KEY, isDockerHub: true };
}

/**
 * The registry an image reference points at: its first component when that looks like a host
 * (has `.` or `:`, or is `localhost`), else Docker Hub — the rule the docker CLI applies.
 */
export function registryOfReference(reference: string): RegistryAddress {
  const name = reference.split('@')[0]!;
  const slash = name.indexOf('/');
  if (slash > 0) {
    const first = name.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') return parseRegistryAddress(first) ?? dockerHub();
  }
  return dockerHub();
}

/** True for hosts the engine talks to over plain HTTP by default (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  const name = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '').toLowerCase();
  return name === 'localhost' || name === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

/** The base URLs of the registry's API to try, in order. */
export function apiBases(address: RegistryAddress): string[] {
  if (address.isDockerHub) return [DOCKER_HUB_API];
  if (address.scheme) return [`${address.scheme}://${address.host}`];
  return isLoopbackHost(address.host) ? [`https://${address.host}`, `http://${address.host}`] : [`https://${address.host}`];
}

/** `repository:tag` (or `@digest`) as the engine pulls it; Docker Hub's official images drop `library/`. */
export function imageReference(address: RegistryAddress, repository: string, tagOrDigest: string): string {
  // A tag cannot contain `:`; a digest always does (`sha256:…`).
  const suffix = tagOrDigest.includes(':') ? `@${tagOrDigest}` : `:${tagOrDigest}`;
  if (address.isDockerHub) return `${repository.startsWith('library/') ? repository.slice('library/'.length) : repository}${suffix}`;
  return `${address.host}/${repository}${suffix}`;
}

/** How the UI names a registry. */
export function registryLabel(address: RegistryAddress): string {
  return address.isDockerHub ? 'Docker Hub' : address.host;
}
