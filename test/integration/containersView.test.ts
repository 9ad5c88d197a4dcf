import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import * as net from 'node:net';
import * as os from 'node:os';
import { activateExtension, childrenOf, testDocker, TEST_IMAGE, uniqueName, waitFor, waitForChildren, workspaceDir } from './helpers';
import { DockerodeEngine } from '../../client/src/engine/dockerodeEngine';
import { parseEndpoint, targetFromEnvironment } from '../../client/src/engine/engineTarget';
import { EngineModel } from '../../client/src/model/engineModel';
import { ContainersView } from '../../client/src/views/containersView';
import { ImagesView } from '../../client/src/views/imagesView';
import type { TreeNode } from '../../client/src/views/treeNode';

describe('Containers view', () => {
  it('lists a container created through the engine, and drops it when it is removed', async () => {
    const api = await activateExtension();
    const docker = testDocker();
    const name = uniqueName('dwb-view-test');
    await childrenOf(api.views.containers); // what VS Code calls to render the view; it starts the model
    await waitFor('the engine model to connect', () => api.model.state.status === 'connected');

    const container = await docker.createContainer({ Image: TEST_IMAGE, name, Cmd: ['sleep', '60'] });
    try {
      const node = await waitForChildren('the new container in the Containers view', api.views.containers, (nodes) =>
        nodes.find((n) => n.kind === 'container' && n.id === container.id),
      );
      const item = api.views.containers.getTreeItem(node);
      assert.equal(item.label, name);
      assert.match(String(item.description), /dwb-test\/busybox/);
      assert.match(String(item.contextValue), /^container:created/);

      await container.start();
      await waitFor('the container node to show it running', () =>
        /^container:running/.test(String(api.views.containers.getTreeItem(node).contextValue)),
      );
    } finally {
      await container.remove({ force: true });
    }
    await waitForChildren('the removed container to leave the view', api.views.containers, (nodes) =>
      !nodes.some((n) => n.kind === 'container' && n.id === container.id),
    );
  });
});

describe('Containers view: times that stay true, and the description template', function () {
  this.timeout(60_000);
  const docker = testDocker();

  afterEach(async () => {
    const api = await activateExtension();
    api.views.containers.now = () => Date.now();
    await vscode.workspace.getConfiguration().update('dockerWorkbench.containers.description', undefined, vscode.ConfigurationTarget.Global);
  });

  it('computes "Up …" from the engine\'s StartedAt when a row is drawn, and redraws rows once a minute only while the view is visible', async () => {
    const api = await activateExtension();
    await childrenOf(api.views.containers);
    await waitFor('the engine model to connect', () => api.model.state.status === 'connected');
    const container = await docker.createContainer({ Image: TEST_IMAGE, name: uniqueName('dwb-times'), Cmd: ['sleep', '600'] });
    try {
      await container.start();
      const startedAt = Date.parse((await container.inspect()).State.StartedAt);
      const node = await waitForChildren('the running container', api.views.containers, (nodes) =>
        nodes.find((n) => n.kind === 'container' && n.id === container.id && /^container:running/.test(String(api.views.containers.getTreeItem(n).contextValue))));
      const description = () => String(api.views.containers.getTreeItem(node).description);
      // From the start event (to the millisecond) or the one inspect: the engine's own start time either way.
      const known = await waitFor('the times from the engine', () => api.model.containerTimes(container.id)?.startedAt);
      assert.ok(Math.abs(known - startedAt) < 1000, `the start time ${new Date(known).toISOString()} is the engine's StartedAt ${new Date(startedAt).toISOString()}`);
      // The same row drawn 16 minutes after the start, with no event and no engine read in between.
      const reads = api.model.counters.objectReads + api.model.counters.timeReads + api.model.counters.fullLists;
      api.views.containers.now = () => known + 16 * 60_000 + 500;
      assert.match(description(), /^dwb-test\/busybox:latest · Up 16 minutes$/);
      api.views.containers.now = () => known + 3 * 3_600_000;
      assert.match(description(), /Up 3 hours/);
      assert.equal(api.model.counters.objectReads + api.model.counters.timeReads + api.model.counters.fullLists, reads, 'drawing asks the engine nothing');

      // The ticker runs while the view is visible, and not while it is hidden.
      await vscode.commands.executeCommand('dockerWorkbench.containers.focus');
      await waitFor('the minute ticker while the view is visible', () => api.views.containers.ticker.running);
      await vscode.commands.executeCommand('workbench.action.closeSidebar');
      await waitFor('no ticker while the view is hidden', () => !api.views.containers.ticker.running);
    } finally {
      await container.remove({ force: true });
    }
  });

  it('describes containers with a docker ps --format style template from the settings, and keeps the default when it has a mistake', async () => {
    const api = await activateExtension();
    await childrenOf(api.views.containers);
    await waitFor('the engine model to connect', () => api.model.state.status === 'connected');
    const name = uniqueName('dwb-template');
    const container = await docker.createContainer({ Image: TEST_IMAGE, name, Cmd: ['sleep', '600'], Labels: { tier: 'front' } });
    try {
      const node = await waitForChildren('the container', api.views.containers, (nodes) => nodes.find((n) => n.kind === 'container' && n.id === container.id));
      const description = () => String(api.views.containers.getTreeItem(node).description);
      const settings = vscode.workspace.getConfiguration();
      await settings.update('dockerWorkbench.containers.description', '{{.State}} | {{.Label "tier"}} | {{.ID}}', vscode.ConfigurationTarget.Global);
      await waitFor('the template applied', () => description() === `created | front | ${container.id.slice(0, 12)}`);
      await settings.update('dockerWorkbench.containers.description', '{{.Nope}} {{.Image}}', vscode.ConfigurationTarget.Global);
      await waitFor('the default after a mistake', () => description() === 'dwb-test/busybox:latest · Created');
    } finally {
      await container.remove({ force: true });
    }
  });

  it('explains a placeholder on hover in settings.json', async () => {
    const file = path.join(workspaceDir(), '.vscode', 'settings.json');
    const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, '{\n  "dockerWorkbench.containers.description": "{{.Names}} · {{.RunningFor}} · {{.Oops}}"\n}\n');
      const document = await vscode.workspace.openTextDocument(file);
      const line = document.lineAt(1).text;
      const hoverAt = async (text: string) => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(1, line.indexOf(text) + 3));
        return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      };
      assert.match(await hoverAt('{{.RunningFor}}'), /How long ago the container was created/);
      assert.match(await hoverAt('{{.Oops}}'), /Not a placeholder the Containers view knows/);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      if (before === undefined) fs.rmSync(file, { force: true });
      else fs.writeFileSync(file, before);
    }
  });
});

describe('Containers view: the first ask for rows, before the engine has answered', function () {
  this.timeout(60_000);
  const docker = testDocker();

  it('is answered with the first page of containers once the engine answers, not with "Connecting…" and a refresh', async () => {
    const container = await docker.createContainer({ Image: TEST_IMAGE, name: uniqueName('dwb-first-ask'), Cmd: ['true'] });
    // A model and view of their own (not the extension's, connected long ago), as at a fresh activation.
    const model = new EngineModel(new DockerodeEngine(targetFromEnvironment(process.env)));
    const view = new ContainersView(model, () => []);
    view.firstAnswerWaitMs = 50_000; // this test is about what the answer is, not how soon it comes
    const refreshes: unknown[] = [];
    let listener: { dispose(): void } | undefined;
    try {
      assert.equal(model.state.status, 'connecting');
      const first = view.getChildren(); // starts the connection (which fires its 'connecting' state) and waits
      listener = view.onDidChangeTreeData((e) => refreshes.push(e));
      const again = view.getChildren(); // asked again before the engine answered: the same answer, not "Connecting…"
      for (const rows of [(await first) as TreeNode[], (await again) as TreeNode[]]) {
        assert.ok(!rows.some((n) => n.kind === 'message' && n.id === 'connecting'), 'not "Connecting…"');
        assert.ok(rows.some((n) => n.kind === 'container' && n.id === container.id), 'the new container is in the first answer');
      }
      assert.deepEqual(refreshes, [], 'no refresh was fired while the first answer waited');
    } finally {
      listener?.dispose();
      view.dispose();
      model.dispose();
      await container.remove({ force: true });
    }
  });

  it('the Images view, which has no rows from the first page of containers, is answered once with its full list', async () => {
    const model = new EngineModel(new DockerodeEngine(targetFromEnvironment(process.env)));
    const images = new ImagesView(model, () => model.currentEngine);
    images.firstAnswerWaitMs = 50_000;
    try {
      const rows = (await images.getChildren()) as TreeNode[];
      assert.equal(model.state.status, 'connected', 'answered after the full lists, not at the first page');
      assert.ok(!rows.some((n) => n.kind === 'message'), `no "Connecting…" or "Listing…" row: ${rows.map((n) => `${n.kind}:${n.id}`).join(', ')}`);
      assert.ok(rows.some((n) => n.kind === 'group' && TEST_IMAGE.startsWith(`${n.id}:`)), `the test image's repository is in the first answer: ${rows.map((n) => n.id).join(', ')}`);
    } finally {
      images.dispose();
      model.dispose();
    }
  });

  it('is answered with "Connecting…" when the engine does not answer within the bound', async () => {
    // An engine socket that accepts connections and never answers.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-silent-engine-'));
    const socket = path.join(dir, 'docker.sock');
    const held: net.Socket[] = [];
    const silent = net.createServer((connection) => held.push(connection));
    await new Promise<void>((resolve) => silent.listen(socket, resolve));
    const model = new EngineModel(new DockerodeEngine(parseEndpoint(`unix://${socket}`)));
    const view = new ContainersView(model, () => []);
    view.firstAnswerWaitMs = 100;
    try {
      const rows = (await view.getChildren()) as TreeNode[];
      assert.deepEqual(rows.map((n) => `${n.kind}:${n.id}`), ['message:connecting']);
      assert.equal(model.state.status, 'connecting', 'the engine has still not answered');
    } finally {
      view.dispose();
      model.dispose();
      for (const connection of held) connection.destroy();
      await new Promise((resolve) => silent.close(resolve));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
