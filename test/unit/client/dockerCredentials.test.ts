import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DockerCredentials } from '../../../client/src/engine/dockerCredentials';
import { readDockerConfig } from '../../../client/src/engine/dockerConfigFile';
import { CredentialHelperError, runCredentialHelper } from '../../../client/src/engine/credentialHelper';
import { DOCKER_HUB_CONFIG_KEY, apiBases, convertToHostname, dockerHub, imageReference, isLoopbackHost, parseRegistryAddress, registryOfReference } from '../../../client/src/engine/registryAddress';
import { helperContents, installCredentialHelper } from '../../support/credentialHelperProgram';

const b64 = (text: string) => Buffer.from(text).toString('base64');

/** A DOCKER_CONFIG folder with this config.json (or none), removed afterwards. */
function withConfig(config: unknown, work: (dir: string, credentials: DockerCredentials) => Promise<void> | void) {
  return async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-credentials-'));
    try {
      if (config !== undefined) fs.writeFileSync(path.join(dir, 'config.json'), typeof config === 'string' ? config : JSON.stringify(config));
      await work(dir, new DockerCredentials({ env: () => ({ DOCKER_CONFIG: dir, HOME: dir, PATH: process.env.PATH }) }));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
}

test('registry addresses are named as the docker CLI names them', () => {
  assert.deepEqual(registryOfReference('nginx:1.27'), dockerHub());
  assert.deepEqual(registryOfReference('library/nginx'), dockerHub());
  assert.equal(registryOfReference('docker.io/me/app').configKey, DOCKER_HUB_CONFIG_KEY);
  assert.equal(registryOfReference('localhost:5000/app:1').host, 'localhost:5000');
  assert.equal(registryOfReference('localhost/app').host, 'localhost');
  assert.equal(registryOfReference('ghcr.io/org/app@sha256:' + 'a'.repeat(64)).host, 'ghcr.io');
  assert.equal(registryOfReference('me/app').isDockerHub, true, 'a first component without . or : is a Hub namespace');
  assert.equal(convertToHostname('https://registry.example.com/v1/'), 'registry.example.com');
  assert.equal(parseRegistryAddress('https://index.docker.io/v1/')?.isDockerHub, true);
  assert.deepEqual(parseRegistryAddress('http://127.0.0.1:5000'), { host: '127.0.0.1:5000', configKey: '127.0.0.1:5000', isDockerHub: false, scheme: 'http' });
  for (const bad of ['', 'not a host', 'ftp://x', 'host:99999', 'a/b c', 'x'.repeat(400)]) assert.equal(parseRegistryAddress(bad), undefined, bad);
  assert.ok(isLoopbackHost('127.0.0.1:5000') && isLoopbackHost('localhost') && isLoopbackHost('[::1]:5000') && !isLoopbackHost('registry.lan:5000'));
  assert.deepEqual(apiBases(parseRegistryAddress('127.0.0.1:5000')!), ['https://127.0.0.1:5000', 'http://127.0.0.1:5000'], 'loopback falls back to http as the engine does');
  assert.deepEqual(apiBases(parseRegistryAddress('registry.lan:5000')!), ['https://registry.lan:5000']);
  assert.deepEqual(apiBases(dockerHub()), ['https://registry-1.docker.io']);
  assert.equal(imageReference(dockerHub(), 'library/nginx', '1.27'), 'nginx:1.27');
  assert.equal(imageReference(parseRegistryAddress('127.0.0.1:5000')!, 'dwb/app', 'sha256:' + 'b'.repeat(64)), `127.0.0.1:5000/dwb/app@sha256:${'b'.repeat(64)}`);
});

test('credentials are read from auths: base64 auth, identity tokens, legacy https keys, Docker Hub\'s key', withConfig({
  auths: {
    'https://index.docker.io/v1/': { auth: b64('hubuser:hubpass') },
    'https://registry.example.com/v1/': { auth: b64('old:style:with:colons') },
    'token.example.com': { auth: b64('me:'), identitytoken: 'refresh-123' },
    'empty.example.com': {},
  },
}, async (_dir, credentials) => {
  assert.deepEqual(await credentials.get(dockerHub()), { username: 'hubuser', password: 'hubpass' });
  assert.deepEqual(await credentials.get(parseRegistryAddress('registry.example.com')!), { username: 'old', password: 'style:with:colons' });
  assert.deepEqual(await credentials.get(parseRegistryAddress('token.example.com')!), { username: 'me', identityToken: 'refresh-123' });
  assert.equal(await credentials.get(parseRegistryAddress('empty.example.com')!), undefined);
  assert.equal(await credentials.get(parseRegistryAddress('unknown.example.com')!), undefined);
  assert.deepEqual(await credentials.authConfigFor('nginx:latest'), { username: 'hubuser', password: 'hubpass', serveraddress: DOCKER_HUB_CONFIG_KEY });
  assert.deepEqual(await credentials.authConfigFor('token.example.com/app:1'), { identitytoken: 'refresh-123', serveraddress: 'token.example.com', username: 'me' });
  assert.equal(await credentials.authConfigFor('unknown.example.com/app'), undefined);
  assert.deepEqual(credentials.configuredRegistries().map((a) => a.host).sort(), ['docker.io', 'empty.example.com', 'registry.example.com', 'token.example.com']);
}));

test('a missing config has no credentials; a broken one is reported, never overwritten', withConfig('{ "auths": { broken', async (dir, credentials) => {
  assert.equal(await credentials.get(dockerHub()), undefined);
  assert.match(credentials.read().problem ?? '', /not valid JSON/);
  await assert.rejects(credentials.store(dockerHub(), { username: 'u', password: 'p' }), /not valid JSON.*left as it is/);
  assert.equal(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'), '{ "auths": { broken');
  for (const odd of ['[]', '"x"', '{"auths": []}', '{"auths": {"h": "x"}}', '{"credHelpers": {"h": 1}}']) {
    fs.writeFileSync(path.join(dir, 'config.json'), odd);
    assert.ok(credentials.read().problem, odd);
    assert.equal(await credentials.get(parseRegistryAddress('h')!), undefined, odd);
  }
  fs.rmSync(path.join(dir, 'config.json'));
  assert.deepEqual(credentials.read(), { file: path.join(dir, 'config.json'), config: {} });
}));

test('a login is written like docker login: base64 in auths, other keys kept, owner-only, tab-indented', withConfig({ currentContext: 'remote', psFormat: 'table {{.Names}}', auths: { 'other.example.com': { auth: b64('a:b') } } }, async (dir, credentials) => {
  const file = path.join(dir, 'config.json');
  const store = await credentials.store(parseRegistryAddress('127.0.0.1:5000')!, { username: 'dev', password: 's3cret' });
  assert.deepEqual(store, { kind: 'file', file });
  const written = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.deepEqual(written, { currentContext: 'remote', psFormat: 'table {{.Names}}', auths: { 'other.example.com': { auth: b64('a:b') }, '127.0.0.1:5000': { auth: b64('dev:s3cret') } } });
  assert.match(fs.readFileSync(file, 'utf8'), /^\{\n\t"currentContext"/);
  assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  assert.deepEqual(fs.readdirSync(dir), ['config.json'], 'no temporary file is left behind');
  // An identity token replaces the password, the user name stays in `auth` (as the CLI writes it).
  await credentials.store(dockerHub(), { username: 'hubuser', identityToken: 'tok' });
  assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')).auths[DOCKER_HUB_CONFIG_KEY], { auth: b64('hubuser:'), identitytoken: 'tok' });
  // Logging out removes the key in every spelling, and only that registry.
  fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(file, 'utf8')), auths: { ...JSON.parse(fs.readFileSync(file, 'utf8')).auths, 'https://127.0.0.1:5000/v1/': { auth: b64('x:y') } } }));
  assert.equal(await credentials.erase(parseRegistryAddress('127.0.0.1:5000')!), true);
  assert.deepEqual(Object.keys(JSON.parse(fs.readFileSync(file, 'utf8')).auths).sort(), [DOCKER_HUB_CONFIG_KEY, 'other.example.com']);
  assert.equal(await credentials.erase(parseRegistryAddress('127.0.0.1:5000')!), false, 'nothing left to erase');
}));

test('a config written where none existed creates the folder', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-credentials-'));
  try {
    const dir = path.join(root, 'nested', '.docker');
    const credentials = new DockerCredentials({ env: () => ({ DOCKER_CONFIG: dir }) });
    await credentials.store(parseRegistryAddress('localhost:5000')!, { username: 'u', password: 'p' });
    assert.deepEqual(readDockerConfig(path.join(dir, 'config.json')).config, { auths: { 'localhost:5000': { auth: b64('u:p') } } });
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('credential helpers: credHelpers before credsStore before the file; secrets never land in config.json', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-credentials-'));
  const bin = path.join(dir, 'bin');
  const store = installCredentialHelper(path.join(bin, 'store'), 'dwbstore').store;
  const own = installCredentialHelper(path.join(bin, 'own'), 'dwbown').store;
  const env = { DOCKER_CONFIG: dir, PATH: `${path.join(bin, 'store')}:${path.join(bin, 'own')}:${process.env.PATH}` };
  const savedPath = process.env.PATH;
  process.env.PATH = env.PATH;
  try {
    const file = path.join(dir, 'config.json');
    fs.writeFileSync(file, JSON.stringify({ credsStore: 'dwbstore', credHelpers: { 'ghcr.io': 'dwbown' }, auths: { 'ghcr.io': { auth: b64('file:ignored') } } }));
    const credentials = new DockerCredentials({ env: () => env });
    const ghcr = parseRegistryAddress('ghcr.io')!;
    assert.equal(await credentials.get(ghcr), undefined, 'with a helper configured the file entry is not used, as in the CLI');
    assert.deepEqual(await credentials.store(ghcr, { username: 'octo', password: 'ghp_secret' }), { kind: 'helper', helper: 'dwbown', file });
    assert.deepEqual(await credentials.store(dockerHub(), { username: 'hubuser', password: 'hub-secret' }), { kind: 'helper', helper: 'dwbstore', file });
    await credentials.store(parseRegistryAddress('token.lan')!, { username: 'x', identityToken: 'refresh-xyz' });
    assert.deepEqual(helperContents(own), { 'ghcr.io': { Username: 'octo', Secret: 'ghp_secret' } });
    assert.deepEqual(helperContents(store)[DOCKER_HUB_CONFIG_KEY], { Username: 'hubuser', Secret: 'hub-secret' });
    assert.deepEqual(helperContents(store)['token.lan'], { Username: '<token>', Secret: 'refresh-xyz' }, 'identity tokens go to helpers under <token>');
    const text = fs.readFileSync(file, 'utf8');
    for (const secret of ['ghp_secret', 'hub-secret', 'refresh-xyz']) assert.ok(!text.includes(secret), `${secret} is not in config.json`);
    assert.deepEqual(JSON.parse(text).auths, { 'ghcr.io': {}, [DOCKER_HUB_CONFIG_KEY]: {}, 'token.lan': {} });
    assert.deepEqual(await credentials.get(ghcr), { username: 'octo', password: 'ghp_secret' });
    assert.deepEqual(await credentials.get(parseRegistryAddress('token.lan')!), { username: '', identityToken: 'refresh-xyz' });
    assert.deepEqual(await credentials.authConfigFor('ghcr.io/org/app:1'), { username: 'octo', password: 'ghp_secret', serveraddress: 'ghcr.io' });
    assert.equal(await credentials.erase(ghcr), true);
    assert.deepEqual(helperContents(own), {});
    assert.equal(await credentials.get(ghcr), undefined);
    assert.equal(await credentials.erase(ghcr), false, 'the helper says it has nothing: not an error');
  } finally {
    process.env.PATH = savedPath;
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a helper that is not installed, or a name that is a path, fails with a message naming it', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-credentials-'));
  try {
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ credsStore: 'desktop-not-here' }));
    const credentials = new DockerCredentials({ env: () => ({ DOCKER_CONFIG: dir }) });
    await assert.rejects(credentials.get(dockerHub()), (e: unknown) => e instanceof CredentialHelperError && /docker-credential-desktop-not-here is not installed/.test(e.message));
    await assert.rejects(runCredentialHelper('../../bin/sh', 'get', ''), /not a credential helper name/);
    await assert.rejects(runCredentialHelper('a b', 'get', ''), /not a credential helper name/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
