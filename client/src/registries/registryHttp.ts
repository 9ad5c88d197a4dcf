// One bounded HTTP exchange with a registry or its token service: a deadline for the whole
// exchange, a cap on the body, redirects followed a few times (never carrying the Authorization
// header to another origin), and every failure as a RegistryError. Node's http/https, so
// VS Code's proxy settings apply in the extension host.
import * as http from 'node:http';
import * as https from 'node:https';
import * as tls from 'node:tls';
import { RegistryError } from './registryError';

export interface HttpRequest {
  url: URL;
  method?: 'GET' | 'HEAD' | 'DELETE' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Deadline for the whole exchange, body included. */
  timeoutMs: number;
  /** Larger bodies fail with `tooLarge`. */
  maxBytes: number;
  /** Extra certificate authorities (added to Node's own). */
  ca?: readonly Buffer[];
  /** How many redirects to follow (GET and HEAD only). */
  redirects?: number;
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** The URL that answered (after redirects). */
  url: URL;
}

export type HttpClient = (request: HttpRequest) => Promise<HttpResponse>;

export const httpRequest: HttpClient = async (request) => {
  let current = request;
  const redirects = request.method === undefined || request.method === 'GET' || request.method === 'HEAD' ? request.redirects ?? 3 : 0;
  for (let hop = 0; ; hop++) {
    const response = await exchange(current);
    const location = response.headers.location;
    if (![301, 302, 303, 307, 308].includes(response.status) || !location || hop >= redirects) return response;
    const next = new URL(location, current.url);
    if (next.protocol !== 'https:' && next.protocol !== 'http:') return response;
    const headers = { ...(current.headers ?? {}) };
    // Blob storage behind a redirect gets no registry credentials.
    if (next.origin !== current.url.origin) delete headers.Authorization;
    current = { ...current, url: next, headers };
  }
};

function exchange(request: HttpRequest): Promise<HttpResponse> {
  const { url } = request;
  const host = url.host;
  return new Promise((resolve, reject) => {
    const secure = url.protocol === 'https:';
    const options: https.RequestOptions = {
      method: request.method ?? 'GET',
      headers: { 'User-Agent': USER_AGENT, ...(request.headers ?? {}), ...(request.body !== undefined ? { 'Content-Length': String(Buffer.byteLength(request.body)) } : {}) },
      ...(secure && request.ca?.length ? { ca: [...tls.rootCertificates, ...request.ca.map((c) => c.toString('utf8'))] } : {}),
    };
    let settled = false;
    const fail = (error: RegistryError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      reject(error);
    };
    const req = (secure ? https : http).request(url, options, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > request.maxBytes) fail(new RegistryError('tooLarge', host, `${host} sent more than ${request.maxBytes} bytes for ${url.pathname}`, res.statusCode));
        else chunks.push(chunk);
      });
      res.on('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), url });
      });
      res.on('error', (error) => fail(networkError(error, host)));
    });
    const timer = setTimeout(() => fail(new RegistryError('timeout', host, `${host} did not answer within ${Math.round(request.timeoutMs / 100) / 10} s`)), request.timeoutMs);
    req.on('error', (error) => fail(networkError(error, host)));
    req.end(request.body);
  });
}

export const USER_AGENT = 'docker-workbench (registry client)';

function networkError(error: NodeJS.ErrnoException, host: string): RegistryError {
  const code = error.code ?? '';
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE'].includes(code)) {
    return new RegistryError('unreachable', host, `${host} cannot be reached (${code})`, undefined, [code]);
  }
  if (code === 'ETIMEDOUT') return new RegistryError('timeout', host, `${host} did not answer (${code})`);
  if (code === 'EPROTO' || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || code.includes('CERT') || /certificate|ssl|tls/i.test(error.message)) {
    return new RegistryError('tls', host, `the TLS handshake with ${host} failed: ${error.message}`, undefined, [code]);
  }
  return new RegistryError('unreachable', host, `${host}: ${error.message}`, undefined, code ? [code] : []);
}
