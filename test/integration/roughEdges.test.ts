// The rough edges a new user met, against the private engine: a failing command reports once and
// does not reject; cancelling an export leaves no partial file; compose down of a project without
// volumes offers a plain Down; network driver options (-o parent=…) for macvlan.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, commandFailure, commandTestSetup, testDocker, TEST_IMAGE, uniqueName, waitFor, workspaceDir } from './helpers';
import { writeAtomically } from '../../client/src/commands/containerCommands';
import { DockerodeEngine } from '../../client/src/engine/dockerodeEngine';
import { targetFromEnvironment } from '../../client/src/engine/engineTarget';

describe('rough edges', function () {
  this.timeout(120_000);
  const docker = testDocker();
  const setup = commandTestSetup();
  const { cleanup } = setup;

  it('a failing command shows one message and resolves (no rethrow for VS Code to report again)', async () => {
    const api = await activateExtension();
    const before = api.commandFailures.all.length;
    const message = await commandFailure('dockerWorkbench.run.rerun', 'no-such-configuration');
    assert.match(message, /no saved run configuration named "no-such-configuration"/);
    assert.equal(api.commandFailures.all.length, Math.min(before + 1, 20));
    assert.equal(api.commandFailures.last?.command, 'dockerWorkbench.run.rerun');
  });

  it('cancelling an export is not an error and leaves no partial file; a file that was there stays as it was', async () => {
    const container = await docker.createContainer({ Image: TEST_IMAGE, name: uniqueName('dwb-export'), Cmd: ['true'] });
    cleanup.push(() => container.remove({ force: true }));
    const engine = new DockerodeEngine(targetFromEnvironment(process.env));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-export-cancel-'));
    cleanup.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'fs.tar');
    fs.writeFileSync(file, 'an older export');

    const source = new vscode.CancellationTokenSource();
    const stream = await engine.exportContainer(container.id);
    stream.once('data', () => source.cancel());
    assert.equal(await writeAtomically(file, stream, source.token), false, 'cancelled');
    assert.deepEqual(fs.readdirSync(dir), ['fs.tar'], 'no partial file beside it');
    assert.equal(fs.readFileSync(file, 'utf8'), 'an older export');

    const done = await writeAtomically(file, await engine.exportContainer(container.id), new vscode.CancellationTokenSource().token);
    assert.equal(done, true);
    assert.ok(fs.statSync(file).size > 100_000, 'the export replaced it');
    assert.deepEqual(fs.readdirSync(dir), ['fs.tar']);
  });

  it('compose down of a project without volumes offers a plain Down and says nothing about volumes', async () => {
    const project = uniqueName('dwbnovol').replace(/[^a-z0-9]/g, '');
    const dir = path.join(workspaceDir(), project);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'compose.yaml'), ['services:', '  app:', '    image: busybox', '    command: ["sleep", "300"]', ''].join('\n'));
    const file = vscode.Uri.file(path.join(dir, 'compose.yaml'));
    cleanup.push(async () => {
      for (const c of await docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } })) await docker.getContainer(c.Id).remove({ force: true });
      for (const n of await docker.listNetworks({ filters: { label: [`com.docker.compose.project=${project}`] } })) await docker.getNetwork(n.Id).remove().catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    });
    setup.prompts.next('pickMany', []);
    await vscode.commands.executeCommand('dockerWorkbench.compose.up', file);
    await waitFor('the service to run', async () => (await docker.listContainers({ filters: { label: [`com.docker.compose.project=${project}`] } })).length === 1);
    setup.prompts.accept();
    await vscode.commands.executeCommand('dockerWorkbench.compose.down', file);
    const asked = setup.prompts.asked.at(-1)!;
    assert.deepEqual(asked.buttons, ['Down']);
    assert.doesNotMatch(asked.detail!, /volume/i);
    assert.equal((await docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } })).length, 0);
  });

  it('creates a macvlan network with driver options (-o parent=…)', async () => {
    // The private engine's own bridge is an interface of its host that certainly exists.
    const parent = String((await docker.getNetwork('bridge').inspect()).Options?.['com.docker.network.bridge.name'] ?? '');
    assert.ok(parent, 'the default bridge names its interface');
    const name = uniqueName('dwb-macvlan');
    setup.prompts.next('input', name).next('pick', 'macvlan').next('input', `parent=${parent} macvlan_mode=bridge`).next('input', '').next('pickMany', []);
    await vscode.commands.executeCommand('dockerWorkbench.networks.create');
    cleanup.push(() => docker.getNetwork(name).remove());
    const network = await docker.getNetwork(name).inspect();
    assert.equal(network.Driver, 'macvlan');
    assert.deepEqual(network.Options, { parent, macvlan_mode: 'bridge' });
    assert.match(setup.prompts.asked[2]!.title!, /Driver options \(-o\) for macvlan/);
  });
});
