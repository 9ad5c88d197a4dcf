// Getting a bearer token from a registry's token service, as the Docker Registry token
// authentication specification describes (Docker Hub's auth.docker.io follows it):
//   - with a user name and password (or none, for anonymous pulls): GET <realm>?service=…&scope=…
//     with Basic authentication; the answer's `token` (or `access_token`) is the bearer token;
//   - with an identity token (an OAuth2 refresh token a login handed out): POST <realm> with
//     grant_type=refresh_token, and the answer's `access_token`.
// Credentials only travel over https, or to a token service on this machine.
import { isLoopbackHost } from '../engine/registryAddress';
import type { RegistryCredential } from '../engine/dockerCredentials';
import { RegistryError, registryErrorBody } from './registryError';
import type { HttpClient } from './registryHttp';

export interface TokenRequest {
  realm: string;
  service?: string;
  scopes: readonly string[];
  credential?: RegistryCredential;
  /** Ask for a refresh token too (what a login keeps instead of the password). */
  offline?: boolean;
  http: HttpClient;
  timeoutMs: number;
  ca?: readonly Buffer[];
}

export interface IssuedToken {
  token: string;
  /** Epoch milliseconds after which the token should not be used. */
  expiresAt: number;
  refreshToken?: string;
}

/** The OAuth2 client id sent to token services (the docker CLI sends `docker`). */
export const CLIENT_ID = 'docker-workbench';
const MAX_TOKEN_ANSWER = 1024 * 1024;
/** The spec: a token without `expires_in` lasts 60 seconds. Used until 10 s before it ends. */
const DEFAULT_LIFETIME_S = 60;
const MARGIN_MS = 10_000;

export async function fetchToken(request: TokenRequest, now = Date.now()): Promise<IssuedToken> {
  let realm: URL;
  try {
    realm = new URL(request.realm);
  } catch {
    throw new RegistryError('badResponse', '', `the registry named a token service that is not a URL: ${request.realm.slice(0, 200)}`);
  }
  if (realm.protocol !== 'https:' && realm.protocol !== 'http:') throw new RegistryError('badResponse', realm.host, `the registry named a token service that is not http(s): ${realm.protocol}`);
  // Never send a password or refresh token in the clear to another machine.
  const credential = realm.protocol === 'https:' || isLoopbackHost(realm.host) ? request.credential : undefined;

  const response = credential?.identityToken
    ? await request.http({
      url: realm,
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: credential.identityToken,
        client_id: CLIENT_ID,
        ...(request.service ? { service: request.service } : {}),
        ...(request.scopes.length ? { scope: request.scopes.join(' ') } : {}),
        ...(request.offline ? { access_type: 'offline' } : {}),
      }).toString(),
      timeoutMs: request.timeoutMs,
      maxBytes: MAX_TOKEN_ANSWER,
      ca: request.ca,
    })
    : await request.http({ url: getUrl(realm, request, credential), headers: basicHeader(credential), timeoutMs: request.timeoutMs, maxBytes: MAX_TOKEN_ANSWER, ca: request.ca });

  if (response.status === 401 || response.status === 403) {
    const { message } = registryErrorBody(response.body);
    throw new RegistryError('unauthorized', realm.host, `the token service ${realm.host} refused the credentials${message ? `: ${message}` : ''}`, response.status, [], message);
  }
  if (response.status < 200 || response.status >= 300) {
    const { message } = registryErrorBody(response.body);
    throw new RegistryError('failed', realm.host, `the token service ${realm.host} answered ${response.status}${message ? `: ${message}` : ''}`, response.status, [], message);
  }
  let answer: { token?: unknown; access_token?: unknown; expires_in?: unknown; refresh_token?: unknown };
  try {
    answer = JSON.parse(response.body.toString('utf8')) as typeof answer;
  } catch {
    throw new RegistryError('badResponse', realm.host, `the token service ${realm.host} did not answer with JSON`, response.status);
  }
  const token = typeof answer.token === 'string' && answer.token ? answer.token : typeof answer.access_token === 'string' ? answer.access_token : '';
  if (!token) throw new RegistryError('badResponse', realm.host, `the token service ${realm.host} answered without a token`, response.status);
  const lifetime = typeof answer.expires_in === 'number' && answer.expires_in >= DEFAULT_LIFETIME_S ? answer.expires_in : DEFAULT_LIFETIME_S;
  return {
    token,
    expiresAt: now + lifetime * 1000 - MARGIN_MS,
    ...(typeof answer.refresh_token === 'string' && answer.refresh_token ? { refreshToken: answer.refresh_token } : {}),
  };
}

function getUrl(realm: URL, request: TokenRequest, credential: RegistryCredential | undefined): URL {
  const url = new URL(realm.toString());
  if (request.service) url.searchParams.set('service', request.service);
  for (const scope of request.scopes) url.searchParams.append('scope', scope);
  if (credential?.username) url.searchParams.set('account', credential.username);
  if (request.offline) {
    url.searchParams.set('offline_token', 'true');
    url.searchParams.set('client_id', CLIENT_ID);
  }
  return url;
}

function basicHeader(credential: RegistryCredential | undefined): Record<string, string> {
  if (!credential || (!credential.username && !credential.password)) return { Accept: 'application/json' };
  return { Accept: 'application/json', Authorization: `Basic ${Buffer.from(`${credential.username}:${credential.password ?? ''}`).toString('base64')}` };
}
