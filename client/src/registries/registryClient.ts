// A client of one registry's HTTP API v2 (the OCI distribution API): repositories (catalog),
// tags, manifests and image configs, tag digests, and deleting a manifest. Authentication
// follows the registry's 401 challenge: Basic with the docker CLI's credentials, or Bearer
// through the registry's token service (tokens cached per scope until they expire). Every
// request is bounded: a deadline, a size cap, at most so many pages of a Link-paginated list.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { apiBases, type RegistryAddress } from '../engine/registryAddress';
import type { RegistryCredential } from '../engine/dockerCredentials';
import { bearerChallenge, hasBasicChallenge, parseAuthChallenges } from './authChallenge';
import { isImageConfig, MANIFEST_ACCEPT, parseManifest, readImageConfig, isDigest, type ManifestSummary, type Platform } from './manifest';
import { RegistryError, registryErrorBody } from './registryError';
import { httpRequest, type HttpClient, type HttpResponse } from './registryHttp';
import { fetchToken, type IssuedToken } from './tokenService';

export interface RegistryClientOptions {
  /** The credentials to use (the docker CLI's for this registry); read once, on first need. */
  credential: () => Promise<RegistryCredential | undefined>;
  http?: HttpClient;
  timeoutMs?: number;
  /** Extra certificate authorities (the engine's /etc/docker/certs.d/<host>/*.crt). */
  ca?: readonly Buffer[];
  /** Entries per page asked of paginated lists. */
  pageSize?: number;
}

export interface Listing {
  items: string[];
  /** More exist than were read (the cap, or a page limit). */
  truncated: boolean;
}

export interface TagDetails {
  digest: string;
  manifest: ManifestSummary;
  /** An image's platform and creation date, from its config. */
  platform?: Platform;
  created?: string;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const MAX_PAGES = 100;
const MAX_MANIFEST = 4 * 1024 * 1024;
const MAX_CONFIG = 8 * 1024 * 1024;
const MAX_LIST_PAGE = 8 * 1024 * 1024;
const MAX_ERROR_BODY = 64 * 1024;

const REPOSITORY = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;

export function isRepositoryName(name: string): boolean {
  return name.length <= 255 && REPOSITORY.test(name);
}

export function isTagName(tag: string): boolean {
  return TAG.test(tag);
}

type AuthMode = { kind: 'none' } | { kind: 'basic' } | { kind: 'bearer'; realm: string; service?: string };

interface Send {
  method?: 'GET' | 'HEAD' | 'DELETE';
  accept?: string;
  /** The token scopes this request needs (`repository:app:pull`, `registry:catalog:*`). */
  scopes: string[];
  maxBytes: number;
  /** Credentials to try instead of the stored ones (a login being checked). */
  credential?: RegistryCredential;
  /** Ask the token service for a refresh token (a login). */
  offline?: boolean;
}

export class RegistryClient {
  private readonly http: HttpClient;
  private readonly timeoutMs: number;
  private readonly bases: string[];
  private baseIndex = 0;
  private mode: AuthMode | undefined;
  private readonly tokens = new Map<string, IssuedToken>();
  private credentialRead: Promise<RegistryCredential | undefined> | undefined;
  /** The refresh token the last bearer exchange handed out (a login keeps it). */
  private lastRefreshToken: string | undefined;

  constructor(readonly address: RegistryAddress, private readonly options: RegistryClientOptions) {
    this.http = options.http ?? httpRequest;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.bases = apiBases(address);
  }

  /** The API's base URL in use (after falling back to http for a loopback registry). */
  get baseUrl(): string {
    return this.bases[this.baseIndex]!;
  }

  /**
   * Checks credentials against the registry before they are saved, as `docker login` does:
   * GET /v2/ answering 200 with them. Resolves to the identity token a token service handed out.
   */
  async checkLogin(credential: RegistryCredential): Promise<{ identityToken?: string }> {
    this.lastRefreshToken = undefined;
    const response = await this.request('/v2/', { scopes: [], maxBytes: MAX_ERROR_BODY, credential, offline: true });
    if (response.status !== 200) throw this.failure(response, '/v2/');
    return this.lastRefreshToken ? { identityToken: this.lastRefreshToken } : {};
  }

  /** The registry's repositories (GET /v2/_catalog, following its Link pages up to `limit`). */
  async repositories(limit = 10_000): Promise<Listing> {
    try {
      return await this.list(`/v2/_catalog?n=${this.pageSize}`, 'repositories', ['registry:catalog:*'], limit);
    } catch (error) {
      // Registries that keep their catalog to themselves answer 404, 405 or "denied".
      if (error instanceof RegistryError && (error.kind === 'notFound' || error.kind === 'denied' || error.kind === 'unsupported')) {
        throw new RegistryError('unsupported', this.address.host, `${this.address.host} does not list its repositories (${error.message})`, error.status, error.codes, error.detail);
      }
      throw error;
    }
  }

  async tags(repository: string, limit = 5_000): Promise<Listing> {
    checkRepository(repository);
    const listing = await this.list(`/v2/${repository}/tags/list?n=${this.pageSize}`, 'tags', [pullScope(repository)], limit);
    return { items: listing.items.filter(isTagName), truncated: listing.truncated };
  }

  /** The manifest a tag or digest names, with its digest. */
  async manifest(repository: string, reference: string): Promise<{ digest: string; manifest: ManifestSummary }> {
    checkRepository(repository);
    checkReference(reference);
    const where = `/v2/${repository}/manifests/${reference}`;
    const response = await this.request(where, { accept: MANIFEST_ACCEPT, scopes: [pullScope(repository)], maxBytes: MAX_MANIFEST });
    if (response.status !== 200) throw this.failure(response, where);
    let manifest: ManifestSummary;
    try {
      manifest = parseManifest(response.body, header(response, 'content-type'));
    } catch (error) {
      throw new RegistryError('badResponse', this.address.host, `the manifest of ${repository}:${reference} is not valid: ${(error as Error).message}`, response.status);
    }
    return { digest: contentDigest(response), manifest };
  }

  /** A tag's digest, size, platforms and (for a single image) creation date. */
  async tagDetails(repository: string, tag: string): Promise<TagDetails> {
    const { digest, manifest } = await this.manifest(repository, tag);
    if (manifest.kind !== 'image' || !manifest.config || !isImageConfig(manifest.config.mediaType)) return { digest, manifest };
    const where = `/v2/${repository}/blobs/${manifest.config.digest}`;
    const response = await this.request(where, { scopes: [pullScope(repository)], maxBytes: MAX_CONFIG });
    if (response.status !== 200) return { digest, manifest };
    const config = readImageConfig(response.body);
    return { digest, manifest, platform: config.platform, created: config.created };
  }

  /** The digest a tag points at now (HEAD, or GET when the registry does not answer HEAD). */
  async digestOf(repository: string, tag: string): Promise<string> {
    checkRepository(repository);
    checkReference(tag);
    const where = `/v2/${repository}/manifests/${tag}`;
    const head = await this.request(where, { method: 'HEAD', accept: MANIFEST_ACCEPT, scopes: [pullScope(repository)], maxBytes: MAX_ERROR_BODY });
    const digest = header(head, 'docker-content-digest');
    if (head.status === 200 && digest && isDigest(digest)) return digest;
    if (head.status === 404) throw this.failure(head, where);
    return (await this.manifest(repository, tag)).digest;
  }

  /**
   * Deletes the manifest `digest` (and so every tag that points at it). Registries that do not
   * allow deletes answer 405 UNSUPPORTED; that becomes an `unsupported` error.
   */
  async deleteManifest(repository: string, digest: string): Promise<void> {
    checkRepository(repository);
    if (!isDigest(digest)) throw new RegistryError('failed', this.address.host, `"${digest}" is not a digest`);
    const where = `/v2/${repository}/manifests/${digest}`;
    const response = await this.request(where, { method: 'DELETE', scopes: [`repository:${repository}:delete`], maxBytes: MAX_ERROR_BODY });
    if (response.status === 202 || response.status === 200 || response.status === 204) return;
    throw this.failure(response, where);
  }

  private get pageSize(): number {
    return this.options.pageSize ?? 1000;
  }

  /** Follows `Link: <…>; rel="next"` pages of a list, bounded in pages and entries. */
  private async list(first: string, field: 'repositories' | 'tags', scopes: string[], limit: number): Promise<Listing> {
    const items: string[] = [];
    const seen = new Set<string>();
    let where: string | undefined = first;
    for (let page = 0; where && page < MAX_PAGES; page++) {
      seen.add(where);
      const response = await this.request(where, { scopes, maxBytes: MAX_LIST_PAGE, accept: 'application/json' });
      if (response.status !== 200) throw this.failure(response, where);
      let values: unknown;
      try {
        values = (JSON.parse(response.body.toString('utf8')) as Record<string, unknown>)[field];
      } catch {
        throw new RegistryError('badResponse', this.address.host, `${this.address.host} answered ${where} with something that is not JSON`, response.status);
      }
      // A repository without tags answers `"tags": null`.
      if (values !== null && values !== undefined && !Array.isArray(values)) throw new RegistryError('badResponse', this.address.host, `${this.address.host} answered ${where} without a list of ${field}`, response.status);
      for (const value of values ?? []) {
        if (typeof value !== 'string' || (field === 'repositories' && !isRepositoryName(value))) continue;
        items.push(value);
        if (items.length >= limit) return { items, truncated: true };
      }
      const next = nextPage(header(response, 'link'), response.url);
      where = next && !seen.has(next) && sameOrigin(next, response.url) ? next : undefined;
    }
    return { items, truncated: Boolean(where) };
  }

  private credential(): Promise<RegistryCredential | undefined> {
    this.credentialRead ??= this.options.credential().catch((error: unknown) => {
      this.credentialRead = undefined;
      throw error;
    });
    return this.credentialRead;
  }

  /**
   * One API request, answering the registry's challenge once: Basic with the credentials, or
   * Bearer with a token for the scopes the challenge (or the request) names.
   */
  private async request(where: string, send: Send): Promise<HttpResponse> {
    const checking = send.credential !== undefined;
    const credential = checking ? send.credential : await this.credential();
    const tokenKey = send.scopes.join(' ');
    let authorization = checking ? undefined : this.authorization(tokenKey, credential);
    let response = await this.exchange(where, send, authorization);
    if (response.status !== 401) return response;

    const challenges = parseAuthChallenges(response.headers['www-authenticate']);
    const bearer = bearerChallenge(challenges);
    if (bearer) {
      this.mode = { kind: 'bearer', realm: bearer.realm, service: bearer.service };
      const scopes = bearer.scopes.length ? bearer.scopes : send.scopes;
      const issued = await fetchToken({
        realm: bearer.realm, service: bearer.service, scopes, credential, offline: send.offline,
        http: this.http, timeoutMs: this.timeoutMs, ca: this.options.ca,
      });
      if (issued.refreshToken) this.lastRefreshToken = issued.refreshToken;
      if (!checking) this.tokens.set(tokenKey, issued);
      authorization = `Bearer ${issued.token}`;
    } else if (hasBasicChallenge(challenges)) {
      this.mode = { kind: 'basic' };
      if (!credential || credential.identityToken || authorization) throw this.unauthorized(response, credential, 'basic');
      authorization = basic(credential);
    } else {
      throw this.unauthorized(response, credential, 'basic');
    }
    response = await this.exchange(where, send, authorization);
    if (response.status === 401) {
      if (!checking) this.tokens.delete(tokenKey);
      throw this.unauthorized(response, credential, bearer ? 'bearer' : 'basic');
    }
    return response;
  }

  /** The Authorization header known to work for this registry, before any challenge. */
  private authorization(tokenKey: string, credential: RegistryCredential | undefined): string | undefined {
    if (this.mode?.kind === 'basic' && credential && !credential.identityToken) return basic(credential);
    if (this.mode?.kind === 'bearer') {
      const token = this.tokens.get(tokenKey);
      if (token && token.expiresAt > Date.now()) return `Bearer ${token.token}`;
    }
    return undefined;
  }

  /** Sends to the base URL in use; a loopback registry without TLS is retried over http. */
  private async exchange(where: string, send: Send, authorization: string | undefined): Promise<HttpResponse> {
    for (;;) {
      const headers: Record<string, string> = {};
      if (send.accept) headers.Accept = send.accept;
      if (authorization) headers.Authorization = authorization;
      try {
        return await this.http({ url: new URL(where, this.baseUrl), method: send.method ?? 'GET', headers, timeoutMs: this.timeoutMs, maxBytes: send.maxBytes, ca: this.options.ca });
      } catch (error) {
        const fallback = error instanceof RegistryError && (error.kind === 'tls' || error.kind === 'unreachable') && this.baseIndex + 1 < this.bases.length;
        if (!fallback) throw error;
        this.baseIndex++;
      }
    }
  }

  /**
   * A 401 that answering the challenge did not cure. With Basic the credentials were refused (or
   * missing); with Bearer the token service accepted them (it would have refused otherwise) and
   * the registry still said no: the account lacks access.
   */
  private unauthorized(response: HttpResponse, credential: RegistryCredential | undefined, scheme: 'basic' | 'bearer'): RegistryError {
    const { codes, message } = registryErrorBody(response.body);
    const host = this.address.host;
    if (!credential) return new RegistryError('unauthorized', host, `${host} needs a login${message ? `: ${message}` : ''}`, response.status, codes, message);
    if (scheme === 'basic') return new RegistryError('unauthorized', host, `${host} refused the user name and password${message ? `: ${message}` : ''}`, response.status, codes, message);
    return new RegistryError('denied', host, `${host} did not grant access with these credentials${message ? `: ${message}` : ''}`, response.status, codes, message);
  }

  /** A RegistryError for an answer that was not the one wanted. */
  private failure(response: HttpResponse, where: string): RegistryError {
    const { codes, message } = registryErrorBody(response.body);
    const host = this.address.host;
    const say = (text: string) => `${host}: ${text}${message ? ` (${message})` : ''}`;
    if (response.status === 404) return new RegistryError('notFound', host, say(`${where} was not found`), 404, codes, message);
    if (response.status === 405 || codes.includes('UNSUPPORTED')) return new RegistryError('unsupported', host, say(`the registry does not allow ${where}`), response.status, codes, message);
    if (response.status === 403 || codes.includes('DENIED')) return new RegistryError('denied', host, say(`access to ${where} is denied`), response.status, codes, message);
    if (response.status === 401) return new RegistryError('unauthorized', host, say(`${where} needs a login`), 401, codes, message);
    return new RegistryError('failed', host, say(`${where} answered ${response.status}`), response.status, codes, message);
  }
}

/** The Link header's next page (RFC 8288), resolved against the URL that answered. */
export function nextPage(link: string | undefined, answered: URL): string | undefined {
  if (!link) return undefined;
  for (const part of link.slice(0, 8192).split(',')) {
    const match = /^\s*<([^>]*)>\s*(.*)$/.exec(part);
    if (!match || !/(?:^|;)\s*rel\s*=\s*"?next"?\s*(?:;|$)/i.test(match[2]!)) continue;
    try {
      const url = new URL(match[1]!, answered);
      return url.pathname.startsWith('/v2/') ? `${url.origin}${url.pathname}${url.search}` : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function sameOrigin(next: string, answered: URL): boolean {
  try {
    return new URL(next).origin === answered.origin;
  } catch {
    return false;
  }
}

/** The certificate authorities the engine trusts for this registry (/etc/docker/certs.d/<host>/*.crt). */
export function engineCertificates(host: string, root = '/etc/docker/certs.d'): Buffer[] {
  const dir = path.join(root, host.replace(/[/\\]/g, '_'));
  try {
    return fs.readdirSync(dir).filter((f) => f.endsWith('.crt')).slice(0, 20).map((f) => fs.readFileSync(path.join(dir, f))).filter((b) => b.length < 1024 * 1024);
  } catch {
    return [];
  }
}

function pullScope(repository: string): string {
  return `repository:${repository}:pull`;
}

function basic(credential: RegistryCredential): string {
  return `Basic ${Buffer.from(`${credential.username}:${credential.password ?? ''}`).toString('base64')}`;
}

function header(response: HttpResponse, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The registry's Docker-Content-Digest, or the SHA-256 of the body it sent. */
function contentDigest(response: HttpResponse): string {
  const declared = header(response, 'docker-content-digest');
  if (declared && isDigest(declared)) return declared;
  return `sha256:${crypto.createHash('sha256').update(response.body).digest('hex')}`;
}

function checkRepository(repository: string): void {
  if (!isRepositoryName(repository)) throw new RegistryError('failed', '', `"${repository.slice(0, 200)}" is not a repository name`);
}

function checkReference(reference: string): void {
  if (!isTagName(reference) && !isDigest(reference)) throw new RegistryError('failed', '', `"${reference.slice(0, 200)}" is neither a tag nor a digest`);
}
