// Container commands, each run as a user would (the command on the tree node), checked against
// the engine's real state.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, testDocker, TEST_IMAGE, uniqueName, waitFor, waitForChildren, commandTestSetup, commandFailure } from './helpers';

describe('container commands', () => {
  const docker = testDocker();
  const setup = commandTestSetup();
  const { cleanup } = setup;


  async function containerNode(cmd: string[] = ['sleep', '300'], start = true) {
    const api = await activateExtension();
    const name = uniqueName('dwb-cmd');
    const container = await docker.createContainer({ Image: TEST_IMAGE, name, Cmd: cmd, StopTimeout: 1 });
    cleanup.push(() => container.remove({ force: true }));
    if (start) await container.start();
    const node = await waitForChildren('the container node', api.views.containers, (nodes) => nodes.find((n) => n.id === container.id));
    return { api, container, node, name };
  }

  const state = async (id: string) => (await docker.getContainer(id).inspect()).State;

  it('stops, starts, restarts, pauses, unpauses and kills', async () => {
    const { container, node } = await containerNode();
    await vscode.commands.executeCommand('dockerWorkbench.containers.pause', node);
    assert.equal((await state(container.id)).Paused, true);
    await vscode.commands.executeCommand('dockerWorkbench.containers.unpause', node);
    assert.equal((await state(container.id)).Paused, false);
    const startedAt = (await state(container.id)).StartedAt;
    await vscode.commands.executeCommand('dockerWorkbench.containers.restart', node);
    assert.notEqual((await state(container.id)).StartedAt, startedAt);
    await vscode.commands.executeCommand('dockerWorkbench.containers.stop', node);
    assert.equal((await state(container.id)).Running, false);
    await vscode.commands.executeCommand('dockerWorkbench.containers.start', node);
    assert.equal((await state(container.id)).Running, true);
    await vscode.commands.executeCommand('dockerWorkbench.containers.kill', node);
    assert.equal((await state(container.id)).Running, false);
  });

  it('acts on every selected container at once', async () => {
    const a = await containerNode();
    const b = await containerNode();
    await vscode.commands.executeCommand('dockerWorkbench.containers.stop', a.node, [a.node, b.node]);
    assert.equal((await state(a.container.id)).Running, false);
    assert.equal((await state(b.container.id)).Running, false);
  });

  it('removes only after a confirmation that names the container, forcing a running one', async () => {
    const { container, node, name } = await containerNode();
    setup.prompts.decline();
    await vscode.commands.executeCommand('dockerWorkbench.containers.remove', node);
    assert.ok(await docker.getContainer(container.id).inspect(), 'declining keeps it');
    assert.match(setup.prompts.asked[0]!.message!, new RegExp(name));
    assert.match(setup.prompts.asked[0]!.detail!, /running: it will be stopped/);
    assert.deepEqual(setup.prompts.asked[0]!.buttons, ['Stop and Remove']);

    setup.prompts.accept();
    await vscode.commands.executeCommand('dockerWorkbench.containers.remove', node);
    await assert.rejects(docker.getContainer(container.id).inspect(), /no such container/i);
  });

  it('renames, refusing names that are not container names', async () => {
    const { container, node } = await containerNode();
    setup.prompts.next('input', 'bad name; rm -rf /');
    assert.match(await commandFailure('dockerWorkbench.containers.rename', node), /rejected/);
    const newName = uniqueName('dwb-renamed');
    setup.prompts.next('input', newName);
    await vscode.commands.executeCommand('dockerWorkbench.containers.rename', node);
    assert.equal((await docker.getContainer(container.id).inspect()).Name, `/${newName}`);
  });

  it('commits a container to an image and exports its filesystem to a path with spaces, quotes and ;', async () => {
    const { container, node } = await containerNode(['sh', '-c', 'echo hello > /greeting; sleep 300']);
    await waitFor('the file inside', async () => (await (await docker.getContainer(container.id).exec({ Cmd: ['cat', '/greeting'], AttachStdout: true })).inspect()) !== undefined);
    const repo = `dwb-test/${uniqueName('commit')}`;
    setup.prompts.next('input', `${repo}:snap`);
    await vscode.commands.executeCommand('dockerWorkbench.containers.commit', node);
    cleanup.push(() => docker.getImage(`${repo}:snap`).remove({ force: true }));
    assert.ok((await docker.getImage(`${repo}:snap`).inspect()).Id);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb export "q" ;'));
    cleanup.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    const target = vscode.Uri.file(path.join(dir, `it's "x"; y.tar`));
    setup.prompts.next('saveFile', () => target);
    await vscode.commands.executeCommand('dockerWorkbench.containers.export', node);
    const tar = fs.readFileSync(target.fsPath);
    assert.ok(tar.length > 100_000, 'the export holds the filesystem');
    assert.ok(tar.includes(Buffer.from('greeting')), 'including the file the container wrote');
  });

  it('copies the container id', async () => {
    const { container, node } = await containerNode();
    await vscode.commands.executeCommand('dockerWorkbench.containers.copyId', node);
    assert.equal(await vscode.env.clipboard.readText(), container.id);
  });

  it('opens inspect, logs in an editor, processes and live stats from the tree', async () => {
    const { api, node, container } = await containerNode(['sh', '-c', 'echo hello-from-the-container; sleep 300']);
    await vscode.commands.executeCommand('dockerWorkbench.containers.inspect', node);
    const inspect = await waitFor('the inspect document', () => vscode.window.activeTextEditor?.document.uri.scheme === 'docker-workbench-inspect' && vscode.window.activeTextEditor.document);
    assert.match(inspect.getText(), new RegExp(container.id));
    await vscode.commands.executeCommand('dockerWorkbench.containers.logsInEditor', node);
    await waitFor('the logs document with the output', () => {
      const d = vscode.window.activeTextEditor?.document;
      return d?.uri.scheme === 'docker-workbench-logs' && /hello-from-the-container/.test(d.getText());
    });
    await vscode.commands.executeCommand('dockerWorkbench.containers.top', node);
    await waitFor('the processes document', () => /sleep 300/.test(vscode.window.activeTextEditor?.document.getText() ?? ''));
    const before = vscode.window.tabGroups.all.flatMap((g) => g.tabs).length;
    await vscode.commands.executeCommand('dockerWorkbench.containers.stats', node);
    await waitFor('the stats panel', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).length > before);
    for (const id of ['volumes', 'networks']) assert.ok((await vscode.commands.getCommands(true)).includes(`dockerWorkbench.${id}.inspect`));
    void api;
  });
});

