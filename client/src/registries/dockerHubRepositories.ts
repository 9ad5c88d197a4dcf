// Docker Hub has no catalog: its registry API lists no repositories. A user's repositories come
// from Hub's own web API instead (hub.docker.com/v2/repositories/<namespace>/, paginated by a
// `next` URL), with a Hub session token when the user name and password (or an access token)
// are known, so private repositories are listed too. Tags, manifests and pulls then go through
// the registry API and its token flow like any other registry.
import type { RegistryCredential } from '../engine/dockerCredentials';
import { RegistryError, registryErrorBody } from './registryError';
import type { HttpClient } from './registryHttp';
import type { Listing } from './registryClient';

const HUB = 'https://hub.docker.com';
const MAX_PAGES = 20;
const MAX_PAGE_BYTES = 4 * 1024 * 1024;
const NAMESPACE = /^[a-z0-9][a-z0-9_-]{1,254}$/;

export async function dockerHubRepositories(credential: RegistryCredential | undefined, http: HttpClient, timeoutMs: number, limit = 2000): Promise<Listing> {
  const namespace = credential?.username?.toLowerCase() ?? '';
  if (!NAMESPACE.test(namespace)) {
    throw new RegistryError('unauthorized', 'hub.docker.com', 'Docker Hub lists the repositories of the user logged in; log in with a user name to see yours');
  }
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (credential?.password) {
    const login = await http({
      url: new URL(`${HUB}/v2/users/login`),
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ username: credential.username, password: credential.password }),
      timeoutMs,
      maxBytes: 64 * 1024,
    });
    const token = login.status === 200 ? sessionToken(login.body) : undefined;
    if (token) headers.Authorization = `Bearer ${token}`;
    // Without a Hub session (two-factor login, say) the public repositories are still listed.
  }
  const items: string[] = [];
  let next: string | undefined = `${HUB}/v2/repositories/${namespace}/?page_size=100`;
  for (let page = 0; next && page < MAX_PAGES; page++) {
    const response = await http({ url: new URL(next), headers, timeoutMs, maxBytes: MAX_PAGE_BYTES });
    if (response.status !== 200) {
      const { message } = registryErrorBody(response.body);
      throw new RegistryError(response.status === 404 ? 'notFound' : 'failed', 'hub.docker.com', `Docker Hub answered ${response.status} for the repositories of ${namespace}${message ? `: ${message}` : ''}`, response.status);
    }
    let body: { next?: unknown; results?: unknown };
    try {
      body = JSON.parse(response.body.toString('utf8')) as typeof body;
    } catch {
      throw new RegistryError('badResponse', 'hub.docker.com', 'Docker Hub did not answer with JSON');
    }
    for (const result of Array.isArray(body.results) ? body.results : []) {
      const name = (result as { name?: unknown }).name;
      if (typeof name !== 'string') continue;
      items.push(`${namespace}/${name}`);
      if (items.length >= limit) return { items, truncated: true };
    }
    next = typeof body.next === 'string' && body.next.startsWith(`${HUB}/`) ? body.next : undefined;
  }
  return { items, truncated: Boolean(next) };
}

function sessionToken(body: Buffer): string | undefined {
  try {
    const token = (JSON.parse(body.toString('utf8')) as { token?: unknown }).token;
    return typeof token === 'string' && token ? token : undefined;
  } catch {
    return undefined;
  }
}
