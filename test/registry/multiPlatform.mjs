// Makes a multi-platform tag in a test registry without building for other architectures: the
// pushed linux image's manifest is copied with a config that says linux/arm64/v8 (same layers),
// and a Docker manifest list naming both is put under the tag — through the registry's own HTTP
// API, the way `docker manifest push` or buildx would leave it.
import * as crypto from 'node:crypto';
import * as http from 'node:http';

const MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
const LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';

/**
 * `from` is an image tag already pushed to `registryUrl/repository`; `tag` becomes a manifest list
 * of it (its own platform) and an arm64 variant. Resolves to the platforms, as `os/arch[/variant]`.
 */
export async function pushMultiPlatform({ registryUrl, user, password, repository, from, tag }) {
  const auth = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const call = (method, path, { body, type, accept } = {}) => request(`${registryUrl}${path}`, method, {
    Authorization: auth, ...(accept ? { Accept: accept } : {}), ...(type ? { 'Content-Type': type } : {}),
  }, body);

  const base = await call('GET', `/v2/${repository}/manifests/${from}`, { accept: MANIFEST });
  expect(base, 200, 'the base manifest');
  const manifest = JSON.parse(base.body.toString('utf8'));
  const configBlob = await call('GET', `/v2/${repository}/blobs/${manifest.config.digest}`);
  expect(configBlob, 200, 'the base config');
  const config = JSON.parse(configBlob.body.toString('utf8'));

  const armConfig = Buffer.from(JSON.stringify({ ...config, architecture: 'arm64', variant: 'v8' }));
  const armConfigDigest = digest(armConfig);
  const upload = await call('POST', `/v2/${repository}/blobs/uploads/`);
  expect(upload, 202, 'starting a blob upload');
  const location = new URL(upload.headers.location, registryUrl);
  location.searchParams.set('digest', armConfigDigest);
  expect(await request(location.toString(), 'PUT', { Authorization: auth, 'Content-Type': 'application/octet-stream' }, armConfig), 201, 'the arm64 config');

  const armManifest = Buffer.from(JSON.stringify({ ...manifest, config: { ...manifest.config, digest: armConfigDigest, size: armConfig.length } }));
  const armDigest = digest(armManifest);
  expect(await call('PUT', `/v2/${repository}/manifests/${armDigest}`, { body: armManifest, type: MANIFEST }), 201, 'the arm64 manifest');

  const platform = { os: config.os, architecture: config.architecture, ...(config.variant ? { variant: config.variant } : {}) };
  const list = Buffer.from(JSON.stringify({
    schemaVersion: 2,
    mediaType: LIST,
    manifests: [
      { mediaType: MANIFEST, size: base.body.length, digest: digest(base.body), platform },
      { mediaType: MANIFEST, size: armManifest.length, digest: armDigest, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
    ],
  }));
  expect(await call('PUT', `/v2/${repository}/manifests/${tag}`, { body: list, type: LIST }), 201, 'the manifest list');
  return { digest: digest(list), platforms: [[platform.os, platform.architecture, platform.variant].filter(Boolean).join('/'), 'linux/arm64/v8'] };
}

function digest(buffer) {
  return `sha256:${crypto.createHash('sha256').update(buffer).digest('hex')}`;
}

function expect(response, status, what) {
  if (response.status !== status) throw new Error(`${what}: the registry answered ${response.status} ${response.body.toString('utf8').slice(0, 300)}`);
}

function request(url, method, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: { ...headers, ...(body ? { 'Content-Length': String(body.length) } : {}) }, timeout: 30_000 }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${url} timed out`)));
    req.on('error', reject);
    req.end(body);
  });
}
