import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID } from './helpers';

describe('activation', () => {
  it('activates and exposes its views and language client', async () => {
    const api = await activateExtension();
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
    assert.ok(api.views.containers && api.views.images && api.views.volumes && api.views.networks);
    await api.startLanguageClient();
  });

  it('contributes its commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['dockerWorkbench.refresh', 'dockerWorkbench.retryConnection', 'dockerWorkbench.restartLanguageServer']) {
      assert.ok(commands.includes(id), `${id} is not registered`);
    }
  });
});
