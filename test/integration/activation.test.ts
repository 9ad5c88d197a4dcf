import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DockerWorkbenchApi } from '../../client/src/extension';
import { activateExtension, EXTENSION_ID, TEST_IMAGE, testDocker, uniqueName, waitFor } from './helpers';
import { ScriptedPrompts } from './scriptedPrompts';

describe('activation', () => {
  // The first test of the suite: nothing has opened the sidebar, a Docker file or a command yet.
  it('is active once the window has started, without connecting to the engine or showing its status', async () => {
    const extension = vscode.extensions.getExtension<DockerWorkbenchApi>(EXTENSION_ID)!;
    await waitFor('VS Code to activate the extension by itself (onStartupFinished)', () => extension.isActive, 30_000);
    const api = extension.exports;
    assert.equal(api.model.hasStarted, false, 'activation at start-up asks nothing of the engine');
    assert.equal(api.model.firstConnection.startedAt, undefined);
    assert.equal(api.active.statusShown, false, 'no Docker status in a window that has not used Docker');
    assert.equal(api.featuresLoaded, false);
  });

  it('warms up the local engine quietly a moment later: its newest containers and its events, nothing shown', async () => {
    const api = await activateExtension();
    await waitFor('the quiet warm-up (EngineModel.warmUp)', () => api.model.warming, 15_000);
    assert.equal(api.model.hasStarted, false, 'a warm-up is not a start');
    assert.equal(api.active.statusShown, false, 'no Docker status yet');
    assert.equal(api.featuresLoaded, false);
    const name = uniqueName('warm');
    const made = await testDocker().createContainer({ name, Image: TEST_IMAGE, Cmd: ['true'] });
    try {
      await waitFor(`the warm model to hear of ${name} from the events`, () => [...api.model.containers.values()].some((c) => c.Names?.includes(`/${name}`)));
      assert.equal(api.model.counters.fullLists, 0, 'the full lists wait for a view or a command');
    } finally {
      await made.remove({ force: true });
    }
  });

  it('a palette command waits for the first lists: its picker offers the engine\'s containers', async () => {
    const api = await activateExtension();
    const name = uniqueName('activation');
    const made = await testDocker().createContainer({ name, Image: TEST_IMAGE, Cmd: ['true'] });
    const prompts = new ScriptedPrompts().next('pickMany', []);
    api.setPrompts(prompts);
    try {
      assert.equal(api.model.hasStarted, false, 'still nothing connected before the command');
      await vscode.commands.executeCommand('dockerWorkbench.containers.remove');
      const offered = prompts.asked.find((a) => a.kind === 'pickMany')?.items ?? [];
      assert.ok(offered.includes(name), `the picker offers ${name}: ${offered.join(', ')}`);
      assert.equal(api.active.statusShown, true, 'the status bar shows the engine once a command used it');
      assert.equal(api.model.warming, false, 'the command\'s start took over the warm-up');
      assert.equal(api.model.counters.fullLists, 1);
    } finally {
      api.setPrompts(undefined);
      await made.remove({ force: true });
    }
  });

  it('a view VS Code has not asked for rows is not told to refresh (it holds none); once asked, it is', async () => {
    const api = await activateExtension();
    await api.model.settled();
    const view = api.views.volumes;
    assert.equal(view.firstDraw.requestedAt, undefined, 'nothing asked the Volumes view for rows yet');
    const fired: unknown[] = [];
    const listener = view.onDidChangeTreeData((e) => fired.push(e));
    const docker = testDocker();
    const first = uniqueName('activation-a');
    const second = uniqueName('activation-b');
    try {
      await docker.createVolume({ Name: first });
      await waitFor(`the model to have volume ${first}`, () => api.model.volumes.has(first));
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual(fired, [], 'no refresh for a view that holds no rows');
      await view.getChildren();
      await docker.createVolume({ Name: second });
      await waitFor('a refresh of the Volumes view once it has rows', () => fired.length > 0);
    } finally {
      listener.dispose();
      for (const name of [first, second]) await docker.getVolume(name).remove().catch(() => undefined);
    }
  });

  it('activates and exposes its views and language client', async () => {
    const api = await activateExtension();
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
    assert.ok(api.views.containers && api.views.images && api.views.volumes && api.views.networks && api.views.engines);
    await api.startLanguageClient();
  });

  it('registers every command its manifest contributes', async () => {
    await activateExtension();
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: Array<{ command: string }> } };
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = manifest.contributes.commands.map((c) => c.command).filter((id) => !registered.has(id));
    assert.deepEqual(missing, []);
    assert.ok(manifest.contributes.commands.length >= 40);
  });
});
