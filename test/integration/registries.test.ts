// Registries against real ones: Debian's docker-registry on 127.0.0.1 with htpasswd users, and a
// second one behind a token service (bearer tokens, as Docker Hub works) that refuses deletes.
// Log In writes the docker config like `docker login` (through a credential helper when one is
// configured); push and pull through the engine use those credentials; the Registries view lists
// repositories and tags with what their manifests say; tags are deleted after a confirmation
// that names all that goes. The docker config is a scratch DOCKER_CONFIG, never the user's.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, childrenOf, commandTestSetup, testDocker, TEST_IMAGE, waitFor, waitForChildren, commandFailure } from './helpers';
import { startPrivateRegistry, startTokenService, type PrivateRegistry, type TokenService } from '../registry/privateRegistry.mjs';
import { pushMultiPlatform } from '../registry/multiPlatform.mjs';
import { helperContents, installCredentialHelper } from '../support/credentialHelperProgram';
import type { PlatformNode, RegistryNode, TagNode } from '../../client/src/registries/registriesView';
import type { ManifestSummary } from '../../client/src/registries/manifest';
import type { TagDetails } from '../../client/src/registries/registryClient';
import { formatBytes } from '../../client/src/views/format';
import { shortDigest } from '../../client/src/registries/registryPresentation';

const USER = 'dwb-dev';
const PASSWORD = 'registry-pass-1';

describe('registries: log in, push, list, pull and delete against real registries', function () {
  this.timeout(180_000);
  const docker = testDocker();
  const setup = commandTestSetup();
  // Made in `before`, not here: mocha runs this body even when a grep leaves out every test.
  let scratch = '';
  let configDir = '';
  let configFile = '';
  let helperBin = '';
  const saved = { config: process.env.DOCKER_CONFIG, path: process.env.PATH };
  let basic: PrivateRegistry;
  let tokens: TokenService;
  let bearer: PrivateRegistry;
  const madeImages: string[] = [];

  before(async () => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-registries-'));
    configDir = path.join(scratch, 'docker-config');
    configFile = path.join(configDir, 'config.json');
    helperBin = path.join(scratch, 'bin');
    basic = await startPrivateRegistry({ users: { [USER]: PASSWORD } });
    tokens = await startTokenService({ users: { [USER]: PASSWORD } });
    bearer = await startPrivateRegistry({ auth: 'token', token: tokens, deletes: false });
    fs.mkdirSync(configDir, { recursive: true });
    process.env.DOCKER_CONFIG = configDir;
    process.env.PATH = `${helperBin}:${process.env.PATH}`;
    (await activateExtension()).registriesView.refresh();
  });

  after(async () => {
    try {
      for (const image of madeImages.reverse()) await docker.getImage(image).remove({ force: true }).catch(() => undefined);
      (await activateExtension()).registriesView.refresh();
    } finally {
      if (saved.config === undefined) delete process.env.DOCKER_CONFIG;
      else process.env.DOCKER_CONFIG = saved.config;
      process.env.PATH = saved.path;
      await bearer?.stop();
      await tokens?.stop();
      await basic?.stop();
      if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
    }
  });

  const readConfig = () => (fs.existsSync(configFile) ? JSON.parse(fs.readFileSync(configFile, 'utf8')) : {});

  /** Tags the test image (or a variant of it with its own digest) as `reference`. */
  async function localImage(reference: string, variant?: string): Promise<void> {
    const [repo, tag] = [reference.slice(0, reference.lastIndexOf(':')), reference.slice(reference.lastIndexOf(':') + 1)];
    if (variant) {
      const base = await docker.createContainer({ Image: TEST_IMAGE, Cmd: ['true'] });
      await base.commit({ repo, tag, changes: [`LABEL dwb.variant=${variant}`] });
      await base.remove();
    } else {
      await docker.getImage(TEST_IMAGE).tag({ repo, tag });
    }
    madeImages.push(reference);
  }

  /** The Images view's node for `repo:tag`, as a user would right-click it. */
  async function imageNode(reference: string) {
    const api = await activateExtension();
    const repo = reference.slice(0, reference.lastIndexOf(':'));
    const tag = reference.slice(reference.lastIndexOf(':') + 1);
    const group = await waitForChildren(`the ${repo} group`, api.views.images, (nodes) => nodes.find((n) => n.kind === 'group' && n.id === repo));
    return waitForChildren(`the ${tag} tag`, api.views.images, (nodes) => nodes.find((n) => n.data?.tag === tag), group);
  }

  async function registryNode(host: string): Promise<RegistryNode> {
    const { registriesView } = await activateExtension();
    return waitForChildren(`${host} in the Registries view`, registriesView, (nodes: RegistryNode[]) => nodes.find((n) => n.kind === 'registry' && n.host === host));
  }

  async function tagNodes(host: string, repository: string): Promise<TagNode[]> {
    const { registriesView } = await activateExtension();
    const repo = await waitForChildren(`${repository} under ${host}`, registriesView, (nodes: RegistryNode[]) => nodes.find((n) => n.kind === 'repository' && n.repository === repository), await registryNode(host));
    return waitForChildren(`the tags of ${repository}`, registriesView, (nodes: RegistryNode[]) => nodes.length > 0 && nodes.every((n) => n.kind === 'tag') && nodes, repo);
  }

  /** A tag's details once the view has read them (a failure to read them fails the wait with its reason). */
  async function detailsOf(tag: TagNode): Promise<TagDetails> {
    const { registriesView } = await activateExtension();
    return waitFor(`the details of ${tag.repository}:${tag.tag}`, () => {
      registriesView.getTreeItem(tag); // as VS Code draws the row
      const problem = registriesView.detailsProblem(tag);
      if (problem) throw new Error(problem);
      return registriesView.detailsOf(tag) as TagDetails | undefined;
    });
  }

  /** The registry's own answer, read without the extension: GET /v2/<repo>/tags/list with Basic. */
  function tagsInRegistry(registry: PrivateRegistry, repository: string): Promise<string[]> {
    return new Promise((resolve, reject) => {
      http.get(`${registry.url}/v2/${repository}/tags/list`, { headers: { Authorization: `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}` } }, (res) => {
        let body = '';
        res.on('data', (d) => { body += d; });
        res.on('end', () => (res.statusCode === 200 ? resolve((JSON.parse(body).tags ?? []).sort()) : reject(new Error(`${res.statusCode} ${body}`))));
      }).on('error', reject);
    });
  }

  function logIn(host: string, password: string) {
    setup.prompts.next('pick', 'Another registry…').next('input', host).next('input', USER).next('input', password);
    return vscode.commands.executeCommand('dockerWorkbench.registries.login');
  }

  it('Log In checks the password with the registry first: a wrong one is refused and nothing is saved', async () => {
    setup.prompts.next('pick', 'Another registry…').next('input', basic.host).next('input', USER).next('input', 'not-the-password');
    assert.match(await commandFailure('dockerWorkbench.registries.login'), new RegExp(`Login to ${basic.host} failed`));
    assert.deepEqual(readConfig().auths ?? {}, {}, 'nothing was written');
  });

  it('pushing before a login is refused by the registry; after Log In (base64 in config.json, like docker login) it succeeds', async () => {
    const reference = `${basic.host}/dwb/busybox:1.0`;
    await localImage(reference);
    assert.match(await commandFailure('dockerWorkbench.images.push', await imageNode(reference)), /basic auth|unauthorized|authentication required/i);

    await logIn(basic.host, PASSWORD);
    const entry = readConfig().auths?.[basic.host];
    assert.deepEqual(entry, { auth: Buffer.from(`${USER}:${PASSWORD}`).toString('base64') });
    assert.equal(fs.statSync(configFile).mode & 0o777, 0o600);

    await vscode.commands.executeCommand('dockerWorkbench.images.push', await imageNode(reference));
    assert.deepEqual(await tagsInRegistry(basic, 'dwb/busybox'), ['1.0']);
  });

  it('lists the registry from the docker config, its repository and tags with size, platform and digest from the manifest', async () => {
    const api = await activateExtension();
    api.registriesView.refresh();
    const registry = await registryNode(basic.host);
    assert.equal(api.registriesView.getTreeItem(registry).description, `logged in as ${USER}`);
    const [tag] = await tagNodes(basic.host, 'dwb/busybox');
    assert.equal(tag!.tag, '1.0');
    const details = await detailsOf(tag!);
    const local = await docker.getImage(`${basic.host}/dwb/busybox:1.0`).inspect();
    const pushedDigest = local.RepoDigests.find((d) => d.startsWith(`${basic.host}/dwb/busybox@`))!.split('@')[1]!;
    assert.equal(details.digest, pushedDigest, 'the digest the engine recorded when pushing');
    assert.deepEqual(details.platform, { os: local.Os, architecture: local.Architecture });
    assert.equal(details.manifest.kind, 'image');
    assert.ok(details.manifest.size! > 100_000 && details.manifest.size! < local.Size, 'compressed layers plus config, smaller than the unpacked image');
    assert.equal(api.registriesView.getTreeItem(tag!).description, `${formatBytes(details.manifest.size)} · ${local.Os}/${local.Architecture} · ${shortDigest(pushedDigest)}`);
  });

  it('pulls a tag from the view with the saved credentials, and copies its reference', async () => {
    const api = await activateExtension();
    const reference = `${basic.host}/dwb/busybox:1.0`;
    const [tag] = await tagNodes(basic.host, 'dwb/busybox');
    await docker.getImage(reference).remove();
    await vscode.commands.executeCommand('dockerWorkbench.registries.pull', tag);
    const pulled = await docker.getImage(reference).inspect();
    assert.ok(pulled.RepoDigests.includes(`${basic.host}/dwb/busybox@${(api.registriesView.detailsOf(tag!) as TagDetails).digest}`));
    await vscode.commands.executeCommand('dockerWorkbench.registries.copyReference', tag);
    assert.equal(await vscode.env.clipboard.readText(), reference);
  });

  it('deletes a tag after a confirmation naming the digest and every tag that goes with it; other tags stay', async () => {
    const api = await activateExtension();
    await localImage(`${basic.host}/dwb/busybox:2.0`, 'two');
    await docker.getImage(`${basic.host}/dwb/busybox:2.0`).tag({ repo: `${basic.host}/dwb/busybox`, tag: '2.0-same' });
    madeImages.push(`${basic.host}/dwb/busybox:2.0-same`);
    for (const tag of ['2.0', '2.0-same']) await vscode.commands.executeCommand('dockerWorkbench.images.push', await imageNode(`${basic.host}/dwb/busybox:${tag}`));
    assert.deepEqual(await tagsInRegistry(basic, 'dwb/busybox'), ['1.0', '2.0', '2.0-same']);
    api.registriesView.refresh();
    const two = (await tagNodes(basic.host, 'dwb/busybox')).find((t) => t.tag === '2.0')!;

    setup.prompts.decline();
    await vscode.commands.executeCommand('dockerWorkbench.registries.deleteTag', two);
    const asked = setup.prompts.asked.at(-1)!;
    assert.equal(asked.message, `Delete ${basic.host}/dwb/busybox:2.0 and 1 more tag from ${basic.host}?`);
    assert.match(asked.detail!, /every tag that points at sha256:[0-9a-f]{64} goes: 2\.0, 2\.0-same\./);
    assert.deepEqual(await tagsInRegistry(basic, 'dwb/busybox'), ['1.0', '2.0', '2.0-same'], 'declined: nothing deleted');

    setup.prompts.accept('Delete');
    await vscode.commands.executeCommand('dockerWorkbench.registries.deleteTag', two);
    assert.deepEqual(await tagsInRegistry(basic, 'dwb/busybox'), ['1.0']);
    assert.deepEqual((await tagNodes(basic.host, 'dwb/busybox')).map((t) => t.tag), ['1.0'], 'the view read the registry again');
  });

  it('a multi-platform tag (a manifest list) shows its platforms and expands into each with its size', async () => {
    const api = await activateExtension();
    const made = await pushMultiPlatform({ registryUrl: basic.url, user: USER, password: PASSWORD, repository: 'dwb/busybox', from: '1.0', tag: 'multi' });
    api.registriesView.refresh();
    const multi = (await tagNodes(basic.host, 'dwb/busybox')).find((t) => t.tag === 'multi')!;
    const details = await detailsOf(multi);
    assert.equal(details.digest, made.digest);
    assert.equal(details.manifest.kind, 'index');
    const item = api.registriesView.getTreeItem(multi);
    assert.equal(item.description, `${made.platforms.join(', ')} · ${shortDigest(made.digest)}`);
    assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    const platforms = (await childrenOf(api.registriesView, multi)) as PlatformNode[];
    assert.deepEqual(platforms.map((p) => api.registriesView.getTreeItem(p).label), made.platforms);
    const one = (await tagNodes(basic.host, 'dwb/busybox')).find((t) => t.tag === '1.0')!;
    const size = (await detailsOf(one)).manifest.size!;
    for (const platform of platforms) {
      const manifest = await waitFor(`the manifest of ${platform.entry.digest}`, () => { api.registriesView.getTreeItem(platform); return api.registriesView.detailsOf(platform) as ManifestSummary | undefined; });
      assert.ok(Math.abs(manifest.size! - size) < 200, 'the same layers, a config of about the same size');
      assert.match(String(api.registriesView.getTreeItem(platform).description), new RegExp(`^${formatBytes(manifest.size).replace('.', '\\.')} · [0-9a-f]{12}$`));
    }
    // The engine pulls its own platform out of the list.
    await vscode.commands.executeCommand('dockerWorkbench.registries.pull', multi);
    madeImages.push(`${basic.host}/dwb/busybox:multi`);
    assert.ok((await docker.getImage(`${basic.host}/dwb/busybox:multi`).inspect()).RepoDigests.includes(`${basic.host}/dwb/busybox@${made.digest}`));
  });

  it('Log Out removes the login from the docker config; the registry then asks for one', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('dockerWorkbench.registries.logout', await registryNode(basic.host));
    assert.deepEqual(readConfig().auths, {});
    // Still in the view because the user added it? No: it came from the config, so it is gone.
    await waitForChildren(`${basic.host} gone from the view`, api.registriesView, (nodes: RegistryNode[]) => !nodes.some((n) => n.kind === 'registry' && n.host === basic.host));
    // Added by hand, it is listed and says a login is needed.
    setup.prompts.next('input', `http://${basic.host}`);
    await vscode.commands.executeCommand('dockerWorkbench.registries.add');
    const node = await registryNode(basic.host);
    assert.equal(api.registriesView.getTreeItem(node).description, 'not logged in');
    const [problem] = await childrenOf(api.registriesView, node);
    assert.equal(problem.kind, 'message');
    assert.match(problem.text, /needs a login/);
    await vscode.commands.executeCommand('dockerWorkbench.registries.remove', node);
  });

  it('bearer tokens: Log In through a credential helper keeps only an identity token there; push, list and pull use the token flow; a registry that refuses deletes says so', async () => {
    const api = await activateExtension();
    const { store } = installCredentialHelper(helperBin, 'dwbtest');
    fs.writeFileSync(configFile, JSON.stringify({ credHelpers: { [bearer.host]: 'dwbtest' }, auths: {} }));
    await logIn(bearer.host, PASSWORD);
    const kept = helperContents(store)[bearer.host]!;
    assert.equal(kept.Username, '<token>', 'the engine handed back an identity token, kept as docker login keeps it');
    assert.ok(kept.Secret && kept.Secret !== PASSWORD);
    assert.deepEqual(readConfig().auths, { [bearer.host]: {} }, 'no secret in config.json');
    assert.ok(!fs.readFileSync(configFile, 'utf8').includes(PASSWORD));

    const reference = `${bearer.host}/dwb/app:1.0`;
    await localImage(reference);
    const engineRefresh = tokens.requests.length;
    await vscode.commands.executeCommand('dockerWorkbench.images.push', await imageNode(reference));
    assert.ok(tokens.requests.slice(engineRefresh).some((r) => r.method === 'POST' && r.grantType === 'refresh_token' && r.user === USER && r.scopes.some((s) => s.startsWith('repository:dwb/app:'))), 'the engine traded the identity token for a push token');

    api.registriesView.refresh();
    const registry = await registryNode(bearer.host);
    assert.equal(api.registriesView.getTreeItem(registry).description, 'logged in (token)');
    const ours = tokens.requests.length;
    const [tag] = await tagNodes(bearer.host, 'dwb/app');
    const details = await detailsOf(tag!);
    assert.equal(details.manifest.kind, 'image');
    const asked = tokens.requests.slice(ours).filter((r) => r.userAgent.startsWith('docker-workbench'));
    assert.ok(asked.some((r) => r.method === 'POST' && r.grantType === 'refresh_token' && r.scopes.includes('registry:catalog:*')), 'the view got a catalog token with the identity token');
    assert.ok(asked.some((r) => r.scopes.includes('repository:dwb/app:pull')), 'and a pull token for the repository');

    await docker.getImage(reference).remove();
    await vscode.commands.executeCommand('dockerWorkbench.registries.pull', tag);
    assert.ok((await docker.getImage(reference).inspect()).Id);

    setup.prompts.accept('Delete');
    assert.match(await commandFailure('dockerWorkbench.registries.deleteTag', tag), /does not allow deleting images.*storage\.delete\.enabled/);

    await vscode.commands.executeCommand('dockerWorkbench.registries.logout', registry);
    assert.deepEqual(helperContents(store), {}, 'erased from the helper');
    assert.deepEqual(readConfig().auths, {});
  });

  it('a docker config that is not valid JSON is named in the view, and Log In refuses to touch it', async () => {
    const api = await activateExtension();
    fs.writeFileSync(configFile, '{ "auths": { "half');
    api.registriesView.refresh();
    const [first] = await childrenOf(api.registriesView);
    assert.equal(first.kind, 'message');
    assert.match(first.text, /The docker config cannot be used: .*config\.json is not valid JSON/);
    assert.match(await commandFailure('dockerWorkbench.registries.login'), /config\.json is not valid JSON.*Fix or remove it first; it is left as it is/);
    assert.equal(fs.readFileSync(configFile, 'utf8'), '{ "auths": { "half');
  });
});
