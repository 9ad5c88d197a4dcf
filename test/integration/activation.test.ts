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
    } finally {
      api.setPrompts(undefined);
      await made.remove({ force: true });
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
