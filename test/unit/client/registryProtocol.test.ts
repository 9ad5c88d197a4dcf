import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bearerChallenge, hasBasicChallenge, parseAuthChallenges } from '../../../client/src/registries/authChallenge';
import { MEDIA_TYPES, formatPlatform, parseManifest, readImageConfig } from '../../../client/src/registries/manifest';
import { nextPage, isRepositoryName, isTagName } from '../../../client/src/registries/registryClient';
import { platformsText, shortDigest, sortTags } from '../../../client/src/registries/registryPresentation';
import { registryErrorBody } from '../../../client/src/registries/registryError';

const digest = (c: string) => `sha256:${c.repeat(64)}`;

test('WWW-Authenticate: Docker Hub\'s bearer challenge, Basic, several in one header, escapes', () => {
  const hub = parseAuthChallenges('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"');
  assert.deepEqual(hub, [{ scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/nginx:pull' } }]);
  assert.deepEqual(bearerChallenge(hub), { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scopes: ['repository:library/nginx:pull'], error: undefined });
  assert.deepEqual(parseAuthChallenges('Basic realm="Registry Realm"'), [{ scheme: 'basic', params: { realm: 'Registry Realm' } }]);
  const both = parseAuthChallenges(['Basic realm="a, b"', 'Bearer realm="https://t/token", service=reg, scope="repository:x:pull,push registry:catalog:*", error="insufficient_scope"']);
  assert.equal(both.length, 2);
  assert.ok(hasBasicChallenge(both));
  assert.deepEqual(bearerChallenge(both)?.scopes, ['repository:x:pull,push', 'registry:catalog:*']);
  assert.equal(bearerChallenge(both)?.error, 'insufficient_scope');
  assert.equal(parseAuthChallenges('Bearer realm="with \\"quote\\" inside"')[0]!.params.realm, 'with "quote" inside');
  // Other schemes and token68 forms are read past.
  assert.deepEqual(parseAuthChallenges('Negotiate abc==, NTLM, Basic realm="r"').map((c) => c.scheme), ['negotiate', 'ntlm', 'basic']);
  assert.equal(bearerChallenge(parseAuthChallenges('Bearer service="no realm"')), undefined, 'a bearer challenge without a realm is unusable');
});

test('WWW-Authenticate: malformed or hostile headers never throw and stay bounded', () => {
  for (const text of ['', ',,,', '=', '"', 'Bearer realm="unterminated', 'Bearer realm=', '\u0000\u0001', 'Basic realm="a"'.repeat(5000), '='.repeat(100_000)]) {
    const parsed = parseAuthChallenges(text);
    assert.ok(Array.isArray(parsed));
    assert.ok(parsed.length <= 16 * 1024, 'only the first 16 KiB of a header are read');
  }
  assert.deepEqual(parseAuthChallenges(undefined), []);
});

test('manifests: Docker v2 and OCI images give size and layers; indexes give platforms without attestations', () => {
  const image = parseManifest(JSON.stringify({
    schemaVersion: 2, mediaType: MEDIA_TYPES.dockerManifest,
    config: { mediaType: MEDIA_TYPES.dockerConfig, size: 1000, digest: digest('c') },
    layers: [{ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: 2_000_000, digest: digest('1') }, { mediaType: 'x', size: 500, digest: digest('2') }],
  }));
  assert.equal(image.kind, 'image');
  assert.equal(image.size, 2_001_500);
  assert.equal(image.layers, 2);
  assert.equal(image.config?.digest, digest('c'));
  assert.equal(image.artifactType, undefined);

  // OCI without mediaType in the body: the Content-Type says what it is.
  const oci = parseManifest(JSON.stringify({ schemaVersion: 2, config: { mediaType: MEDIA_TYPES.ociConfig, size: 10, digest: digest('d') }, layers: [] }), `${MEDIA_TYPES.ociManifest}; charset=utf-8`);
  assert.equal(oci.mediaType, MEDIA_TYPES.ociManifest);
  assert.equal(oci.size, 10);

  const index = parseManifest(JSON.stringify({
    schemaVersion: 2, mediaType: MEDIA_TYPES.ociIndex,
    manifests: [
      { mediaType: MEDIA_TYPES.ociManifest, size: 1, digest: digest('a'), platform: { architecture: 'amd64', os: 'linux' } },
      { mediaType: MEDIA_TYPES.ociManifest, size: 1, digest: digest('b'), platform: { architecture: 'arm64', os: 'linux', variant: 'v8' } },
      { mediaType: MEDIA_TYPES.ociManifest, size: 1, digest: digest('e'), platform: { architecture: 'unknown', os: 'unknown' }, annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } },
      { mediaType: MEDIA_TYPES.ociManifest, size: 1, digest: 'not-a-digest' },
      'garbage',
    ],
  }));
  assert.equal(index.kind, 'index');
  assert.deepEqual(index.platforms.map(formatPlatform), ['linux/amd64', 'linux/arm64/v8']);
  assert.equal(index.attestations, 1);
  assert.equal(index.manifests.length, 2);

  const list = parseManifest(JSON.stringify({ schemaVersion: 2, mediaType: MEDIA_TYPES.dockerList, manifests: [{ mediaType: MEDIA_TYPES.dockerManifest, size: 7, digest: digest('f'), platform: { architecture: 'amd64', os: 'windows', 'os.version': '10.0.20348.2340' } }] }));
  assert.equal(list.kind, 'index');
  assert.equal(list.platforms[0]!.osVersion, '10.0.20348.2340');

  const schema1 = parseManifest(JSON.stringify({ schemaVersion: 1, name: 'x', tag: 'y', architecture: 'amd64', fsLayers: [{}, {}] }));
  assert.deepEqual([schema1.kind, schema1.layers, schema1.platforms.map(formatPlatform)], ['schema1', 2, ['linux/amd64']]);

  const helm = parseManifest(JSON.stringify({ schemaVersion: 2, mediaType: MEDIA_TYPES.ociManifest, config: { mediaType: 'application/vnd.cncf.helm.config.v1+json', size: 5, digest: digest('9') }, layers: [{ mediaType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip', size: 20, digest: digest('8') }] }));
  assert.equal(helm.artifactType, 'application/vnd.cncf.helm.config.v1+json', 'an artifact is not shown as an image');

  assert.throws(() => parseManifest('not json'));
  assert.throws(() => parseManifest('[1,2]'), /not a JSON object/);
  assert.equal(parseManifest('{"schemaVersion": 2}').kind, 'unknown');
  assert.equal(parseManifest(JSON.stringify({ mediaType: MEDIA_TYPES.dockerManifest, config: 'x', layers: 'y' })).size, 0, 'wrong types are left out, not trusted');
});

test('image config: platform and creation date; anything else reads as nothing', () => {
  assert.deepEqual(readImageConfig('{"os":"linux","architecture":"arm","variant":"v7","created":"2024-05-01T10:00:00Z"}'), { platform: { os: 'linux', architecture: 'arm', variant: 'v7' }, created: '2024-05-01T10:00:00Z' });
  assert.deepEqual(readImageConfig('nope'), {});
  assert.deepEqual(readImageConfig('{"os": 3}'), { platform: undefined, created: undefined });
});

test('Link pagination: the next page on the same API, relative or absolute; anything else ends the list', () => {
  const at = new URL('http://127.0.0.1:5000/v2/_catalog?n=2');
  assert.equal(nextPage('</v2/_catalog?last=b&n=2>; rel="next"', at), 'http://127.0.0.1:5000/v2/_catalog?last=b&n=2');
  assert.equal(nextPage('<http://127.0.0.1:5000/v2/x/tags/list?last=9&n=2>; rel=next', at), 'http://127.0.0.1:5000/v2/x/tags/list?last=9&n=2');
  assert.equal(nextPage('</v2/a?p=1>; rel="prev", </v2/a?p=3>; rel="next"', at), 'http://127.0.0.1:5000/v2/a?p=3');
  assert.equal(nextPage('</elsewhere>; rel="next"', at), undefined);
  assert.equal(nextPage('<http://[bad>; rel="next"', at), undefined);
  assert.equal(nextPage(undefined, at), undefined);
  assert.equal(nextPage('garbage', at), undefined);
});

test('names, tags, digests and how the view shows them', () => {
  assert.ok(isRepositoryName('dwb/busybox') && isRepositoryName('a.b_c/d-e__f'));
  for (const bad of ['', 'UPPER', '../x', 'a//b', '/a', 'a/', 'x'.repeat(300)]) assert.ok(!isRepositoryName(bad), bad);
  assert.ok(isTagName('v1.2.3-rc_1') && !isTagName('.x') && !isTagName('a'.repeat(129)) && !isTagName('a/b'));
  assert.deepEqual(sortTags(['1.9', 'latest', '1.10', '2.0', 'alpha']), ['latest', 'alpha', '2.0', '1.10', '1.9']);
  assert.equal(shortDigest(digest('a')), 'a'.repeat(12));
  assert.equal(shortDigest(`sha512:${'b'.repeat(128)}`), `sha512:${'b'.repeat(12)}`);
  const p = (architecture: string) => ({ os: 'linux', architecture });
  assert.equal(platformsText([p('amd64'), p('arm64'), p('s390x'), p('ppc64le'), p('386')]), 'linux/amd64, linux/arm64, linux/s390x +2');
  assert.deepEqual(registryErrorBody(Buffer.from('{"errors":[{"code":"UNSUPPORTED","message":"The operation is unsupported."}]}')), { codes: ['UNSUPPORTED'], message: 'The operation is unsupported.' });
  assert.deepEqual(registryErrorBody(Buffer.from('{"error":"invalid_grant","details":"bad refresh token"}')), { codes: [], message: 'invalid_grant: bad refresh token' });
  assert.deepEqual(registryErrorBody(Buffer.from('<html>')), { codes: [] });
});
