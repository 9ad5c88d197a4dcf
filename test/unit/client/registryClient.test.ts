// The registry client against small HTTP servers on loopback that answer as the distribution
// spec says (the integration tier runs it against Debian's real docker-registry): challenges,
// token flows, Link pagination, redirects, refusals, and the bounds on size and time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { RegistryClient } from '../../../client/src/registries/registryClient';
import { RegistryError } from '../../../client/src/registries/registryError';
import { fetchToken } from '../../../client/src/registries/tokenService';
import { httpRequest, type HttpRequest } from '../../../client/src/registries/registryHttp';
import { MEDIA_TYPES } from '../../../client/src/registries/manifest';
import { parseRegistryAddress } from '../../../client/src/engine/registryAddress';
import type { RegistryCredential } from '../../../client/src/engine/dockerCredentials';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

async function serve(handler: Handler): Promise<{ host: string; url: string; seen: Array<{ method: string; url: string; authorization?: string; body: string; agent?: string }>; close(): Promise<void> }> {
  const seen: Array<{ method: string; url: string; authorization?: string; body: string; agent?: string }> = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization, body, agent: req.headers['user-agent'] });
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    host, url: `http://${host}`, seen,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

const json = (res: http.ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(value));
};
const basicOf = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const digest = (c: string) => `sha256:${c.repeat(64)}`;

function client(host: string, credential: RegistryCredential | undefined, options: { timeoutMs?: number; pageSize?: number } = {}) {
  let reads = 0;
  const c = new RegistryClient(parseRegistryAddress(host)!, { credential: async () => { reads++; return credential; }, timeoutMs: options.timeoutMs ?? 5000, pageSize: options.pageSize });
  return { client: c, reads: () => reads };
}

test('Basic registries: the challenge is answered with the credentials; catalog pages follow the Link header', async () => {
  const repositories = ['a/one', 'b/two', 'c/three', 'd/four', 'e/five'];
  const server = await serve((req, res) => {
    if (req.headers.authorization !== basicOf('dev', 'pw')) return json(res, 401, { errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }, { 'WWW-Authenticate': 'Basic realm="basic-realm"' });
    const url = new URL(req.url!, 'http://x');
    if (url.pathname === '/v2/') return json(res, 200, {});
    if (url.pathname === '/v2/_catalog') {
      const n = Number(url.searchParams.get('n'));
      const after = url.searchParams.get('last');
      const from = after ? repositories.indexOf(after) + 1 : 0;
      const page = repositories.slice(from, from + n);
      const more = from + n < repositories.length;
      return json(res, 200, { repositories: page }, more ? { Link: `</v2/_catalog?last=${page[page.length - 1]}&n=${n}>; rel="next"` } : {});
    }
    json(res, 404, { errors: [{ code: 'NAME_UNKNOWN', message: 'repository name not known to registry' }] });
  });
  try {
    const { client: c, reads } = client(server.host, { username: 'dev', password: 'pw' }, { pageSize: 2 });
    assert.deepEqual(await c.repositories(), { items: repositories, truncated: false });
    assert.equal(reads(), 1, 'the credentials are read once');
    assert.equal(c.baseUrl, server.url, 'a loopback registry without TLS is reached over http');
    const catalogRequests = server.seen.filter((s) => s.url.startsWith('/v2/_catalog'));
    assert.equal(catalogRequests.filter((s) => !s.authorization).length, 1, 'after the first challenge, Basic is sent up front');
    assert.deepEqual(await c.repositories(3), { items: repositories.slice(0, 3), truncated: true });
    await assert.rejects(c.tags('nope/x'), (e: unknown) => e instanceof RegistryError && e.kind === 'notFound' && e.codes.includes('NAME_UNKNOWN'));

    await assert.rejects(client(server.host, undefined).client.repositories(), (e: unknown) => e instanceof RegistryError && e.kind === 'unauthorized');
    await assert.rejects(client(server.host, { username: 'dev', password: 'wrong' }).client.repositories(), (e: unknown) => e instanceof RegistryError && e.kind === 'unauthorized' && /refused the user name and password/.test(e.message));
    // A login is checked with GET /v2/ before it is saved.
    assert.deepEqual(await client(server.host, undefined).client.checkLogin({ username: 'dev', password: 'pw' }), {});
    await assert.rejects(client(server.host, undefined).client.checkLogin({ username: 'dev', password: 'wrong' }), (e: unknown) => e instanceof RegistryError && e.kind === 'unauthorized');
    for (const s of server.seen) assert.ok(!s.url.includes('pw') && !s.url.includes('wrong'), 'no secret in a URL');
  } finally {
    await server.close();
  }
});

test('Bearer registries: the token flow of the auth spec, tokens reused per scope, refresh tokens by POST', async () => {
  let tokenServer: Awaited<ReturnType<typeof serve>> | undefined;
  const registry = await serve((req, res) => {
    const url = new URL(req.url!, 'http://x');
    const scope = url.pathname === '/v2/_catalog' ? 'registry:catalog:*' : url.pathname === '/v2/' ? '' : url.pathname.startsWith('/v2/secret/') ? 'repository:secret:pull' : 'repository:app/web:pull';
    // A repository no token ever opens (the account lacks access).
    if (url.pathname.startsWith('/v2/secret/')) return json(res, 401, { errors: [{ code: 'DENIED' }] }, { 'WWW-Authenticate': `Bearer realm="${tokenServer!.url}/token",service="test-registry",scope="${scope}",error="insufficient_scope"` });
    const wanted = `Bearer token-for:${scope}`;
    if (req.headers.authorization !== wanted) {
      return json(res, 401, { errors: [{ code: 'UNAUTHORIZED' }] }, { 'WWW-Authenticate': `Bearer realm="${tokenServer!.url}/token",service="test-registry"${scope ? `,scope="${scope}"` : ''}` });
    }
    if (url.pathname === '/v2/') return json(res, 200, {});
    if (url.pathname === '/v2/_catalog') return json(res, 200, { repositories: ['app/web'] });
    if (url.pathname === '/v2/app/web/tags/list') return json(res, 200, { name: 'app/web', tags: null });
    json(res, 404, {});
  });
  tokenServer = await serve((req, res, body) => {
    const url = new URL(req.url!, 'http://x');
    if (req.method === 'POST') {
      const form = new URLSearchParams(body);
      if (form.get('grant_type') !== 'refresh_token' || form.get('refresh_token') !== 'refresh-1') return json(res, 401, { error: 'invalid_grant' });
      return json(res, 200, { access_token: `token-for:${form.get('scope') ?? ''}`, expires_in: 300 });
    }
    if (req.headers.authorization !== basicOf('dev', 'pw')) return json(res, 401, { details: 'bad credentials' });
    json(res, 200, {
      token: `token-for:${url.searchParams.getAll('scope').join(' ')}`,
      expires_in: 300,
      ...(url.searchParams.get('offline_token') === 'true' ? { refresh_token: 'refresh-1' } : {}),
    });
  });
  try {
    const { client: c } = client(registry.host, { username: 'dev', password: 'pw' });
    assert.deepEqual((await c.repositories()).items, ['app/web']);
    assert.deepEqual((await c.repositories()).items, ['app/web']);
    assert.deepEqual((await c.tags('app/web')).items, [], 'a repository whose tags were all deleted answers null');
    const gets = tokenServer.seen.filter((s) => s.method === 'GET').map((s) => new URL(s.url, 'http://x').searchParams);
    assert.deepEqual(gets.map((p) => [p.get('service'), p.getAll('scope').join(' '), p.get('account')]), [['test-registry', 'registry:catalog:*', 'dev'], ['test-registry', 'repository:app/web:pull', 'dev']], 'one token per scope, reused while valid');

    await assert.rejects(c.tags('secret'), (e: unknown) => e instanceof RegistryError && e.kind === 'denied', 'the token service accepted the login, the registry still said no');
    await assert.rejects(client(registry.host, undefined).client.tags('secret'), (e: unknown) => e instanceof RegistryError && e.kind === 'unauthorized', 'anonymous: a login might help');

    // docker login asks for an offline token; the refresh token becomes the identity token.
    assert.deepEqual(await client(registry.host, undefined).client.checkLogin({ username: 'dev', password: 'pw' }), { identityToken: 'refresh-1' });
    await assert.rejects(client(registry.host, undefined).client.checkLogin({ username: 'dev', password: 'nope' }), (e: unknown) => e instanceof RegistryError && e.kind === 'unauthorized' && /refused the credentials: bad credentials/.test(e.message));

    // With an identity token, tokens come from POST grant_type=refresh_token.
    const before = tokenServer.seen.length;
    assert.deepEqual((await client(registry.host, { username: '', identityToken: 'refresh-1' }).client.repositories()).items, ['app/web']);
    const post = tokenServer.seen.slice(before).find((s) => s.method === 'POST')!;
    assert.equal(new URLSearchParams(post.body).get('scope'), 'registry:catalog:*');
    assert.equal(new URLSearchParams(post.body).get('service'), 'test-registry');
    assert.equal(post.authorization, undefined);
    await assert.rejects(client(registry.host, { username: '', identityToken: 'stale' }).client.repositories(), (e: unknown) => e instanceof RegistryError && e.kind === 'unauthorized');
  } finally {
    await registry.close();
    await tokenServer.close();
  }
});

test('passwords and refresh tokens are not sent in the clear to a token service on another machine', async () => {
  const sent: HttpRequest[] = [];
  const recording = async (request: HttpRequest) => {
    sent.push(request);
    return { status: 200, headers: {}, body: Buffer.from('{"token":"t"}'), url: request.url };
  };
  await fetchToken({ realm: 'http://auth.example.com/token', scopes: ['repository:x:pull'], credential: { username: 'u', password: 'p' }, http: recording, timeoutMs: 1000 });
  await fetchToken({ realm: 'http://auth.example.com/token', scopes: [], credential: { username: '', identityToken: 'r' }, http: recording, timeoutMs: 1000 });
  await fetchToken({ realm: 'https://auth.example.com/token', scopes: [], credential: { username: 'u', password: 'p' }, http: recording, timeoutMs: 1000 });
  assert.equal(sent[0]!.headers?.Authorization, undefined);
  assert.equal(sent[0]!.url.searchParams.get('account'), null);
  assert.equal(sent[1]!.method, undefined, 'no refresh-token POST over http: an anonymous GET instead');
  assert.equal(sent[2]!.headers?.Authorization, basicOf('u', 'p'));
  await assert.rejects(fetchToken({ realm: 'file:///etc/passwd', scopes: [], http: recording, timeoutMs: 1000 }), /not http/);
  const expired = await fetchToken({ realm: 'https://a/t', scopes: [], http: async (r) => ({ status: 200, headers: {}, body: Buffer.from('{"access_token":"x","expires_in":5}'), url: r.url }), timeoutMs: 1000 }, 1_000_000);
  assert.equal(expired.expiresAt, 1_000_000 + 60_000 - 10_000, 'tokens last at least the 60 s the spec promises');
});

test('manifest, config through a redirect without the credentials, digests, and deletes refused or accepted', async () => {
  const config = JSON.stringify({ os: 'linux', architecture: 'amd64', created: '2024-01-02T03:04:05Z' });
  const blobs = await serve((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
    res.end(config);
  });
  const manifest = JSON.stringify({
    schemaVersion: 2, mediaType: MEDIA_TYPES.dockerManifest,
    config: { mediaType: MEDIA_TYPES.dockerConfig, size: config.length, digest: digest('c') },
    layers: [{ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: 1000, digest: digest('1') }],
  });
  let deletes: 'refused' | 'allowed' = 'refused';
  const registry = await serve((req, res) => {
    if (req.headers.authorization !== basicOf('dev', 'pw')) return json(res, 401, {}, { 'WWW-Authenticate': 'Basic realm="r"' });
    const url = new URL(req.url!, 'http://x');
    if (url.pathname === '/v2/app/manifests/1.0' || url.pathname === `/v2/app/manifests/${digest('m')}`) {
      if (req.method === 'DELETE') {
        return deletes === 'refused'
          ? json(res, 405, { errors: [{ code: 'UNSUPPORTED', message: 'The operation is unsupported.' }] })
          : (res.writeHead(202), res.end());
      }
      res.writeHead(200, { 'Content-Type': MEDIA_TYPES.dockerManifest, 'Docker-Content-Digest': digest('m'), 'Content-Length': String(manifest.length) });
      return res.end(req.method === 'HEAD' ? undefined : manifest);
    }
    if (url.pathname === `/v2/app/blobs/${digest('c')}`) {
      res.writeHead(307, { Location: `${blobs.url}/storage/blob?sig=abc` });
      return res.end();
    }
    if (url.pathname === '/v2/big/manifests/huge') {
      res.writeHead(200, { 'Content-Type': MEDIA_TYPES.dockerManifest });
      return res.end(Buffer.alloc(5 * 1024 * 1024, 32));
    }
    json(res, 404, { errors: [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }] });
  });
  try {
    const { client: c } = client(registry.host, { username: 'dev', password: 'pw' });
    const details = await c.tagDetails('app', '1.0');
    assert.equal(details.digest, digest('m'));
    assert.equal(details.manifest.size, config.length + 1000);
    assert.deepEqual(details.platform, { os: 'linux', architecture: 'amd64' });
    assert.equal(details.created, '2024-01-02T03:04:05Z');
    assert.equal(blobs.seen.length, 1);
    assert.equal(blobs.seen[0]!.authorization, undefined, 'the registry\'s credentials stay with the registry');
    assert.equal(await c.digestOf('app', '1.0'), digest('m'));
    assert.equal(registry.seen.filter((s) => s.method === 'HEAD').length, 1, 'the digest comes from a HEAD');
    await assert.rejects(c.digestOf('app', 'gone'), (e: unknown) => e instanceof RegistryError && e.kind === 'notFound');

    await assert.rejects(c.deleteManifest('app', digest('m')), (e: unknown) => e instanceof RegistryError && e.kind === 'unsupported' && e.codes.includes('UNSUPPORTED'));
    deletes = 'allowed';
    await c.deleteManifest('app', digest('m'));
    await assert.rejects(c.deleteManifest('app', '1.0'), /not a digest/, 'deletes name a digest, never a tag');

    await assert.rejects(c.manifest('big', 'huge'), (e: unknown) => e instanceof RegistryError && e.kind === 'tooLarge');
    await assert.rejects(c.manifest('../etc', 'x'), /not a repository name/);
    await assert.rejects(c.manifest('app', 'bad tag'), /neither a tag nor a digest/);
  } finally {
    await registry.close();
    await blobs.close();
  }
});

test('a registry that does not list repositories, answers garbage, or never answers', async () => {
  const silent: http.ServerResponse[] = [];
  const registry = await serve((req, res) => {
    const url = new URL(req.url!, 'http://x');
    if (url.pathname === '/v2/_catalog') return json(res, 404, { errors: [{ code: 'UNSUPPORTED' }] });
    if (url.pathname === '/v2/garbage/tags/list') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return res.end('{"tags": "not a list"}');
    }
    if (url.pathname === '/v2/notjson/tags/list') {
      res.writeHead(200);
      return res.end('<html>');
    }
    silent.push(res); // never answers
  });
  try {
    const { client: c } = client(registry.host, undefined, { timeoutMs: 300 });
    await assert.rejects(c.repositories(), (e: unknown) => e instanceof RegistryError && e.kind === 'unsupported' && /does not list its repositories/.test(e.message));
    await assert.rejects(c.tags('garbage'), (e: unknown) => e instanceof RegistryError && e.kind === 'badResponse');
    await assert.rejects(c.tags('notjson'), (e: unknown) => e instanceof RegistryError && e.kind === 'badResponse');
    await assert.rejects(c.tags('slow'), (e: unknown) => e instanceof RegistryError && e.kind === 'timeout');
  } finally {
    await registry.close();
  }
  // Nothing listening: unreachable, on https and then on http.
  await assert.rejects(client(registry.host, undefined).client.repositories(), (e: unknown) => e instanceof RegistryError && e.kind === 'unreachable');
  await assert.rejects(httpRequest({ url: new URL(`http://${registry.host}/v2/`), timeoutMs: 1000, maxBytes: 10 }), (e: unknown) => e instanceof RegistryError && e.kind === 'unreachable');
});
