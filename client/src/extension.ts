// Composition root: builds the engine, its model, the views, the commands and the language
// client, and hands each what it needs. The returned API is what the integration tests drive.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DockerEngine } from './engine/dockerEngine';
import { targetFromEnvironment } from './engine/engineTarget';
import { EngineModel } from './model/engineModel';
import { ContainersView } from './views/containersView';
import { ImagesView, NetworksView, VolumesView } from './views/simpleViews';
import { createLanguageClient } from './languageClient';

export interface DockerWorkbenchApi {
  readonly model: EngineModel;
  readonly views: {
    readonly containers: ContainersView;
    readonly images: ImagesView;
    readonly volumes: VolumesView;
    readonly networks: NetworksView;
  };
  /** Resolves once the language server answered initialize. */
  readonly languageClientReady: Promise<void>;
}

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): DockerWorkbenchApi {
  const started = Date.now();
  const output = vscode.window.createOutputChannel('Docker Workbench', { log: true });
  context.subscriptions.push(output);

  let engine: DockerEngine;
  try {
    engine = new DockerEngine(targetFromEnvironment(process.env));
  } catch (error) {
    // A malformed DOCKER_HOST must not stop the extension: fall back to the default socket and say so.
    output.error(String(error));
    void vscode.window.showWarningMessage(vscode.l10n.t('DOCKER_HOST is not valid ({0}); using the default socket.', String(error)));
    engine = new DockerEngine(targetFromEnvironment({}));
  }
  const model = new EngineModel(engine);
  context.subscriptions.push({ dispose: () => model.dispose() });
  model.onDidChange((change) => {
    if (change.kind === 'state' && model.state.status === 'unreachable') output.warn(model.state.error.message);
  });

  const views = {
    containers: new ContainersView(model, 'container'),
    images: new ImagesView(model, 'image'),
    volumes: new VolumesView(model, 'volume'),
    networks: new NetworksView(model, 'network'),
  };
  for (const [name, provider] of Object.entries(views)) {
    context.subscriptions.push(provider, vscode.window.createTreeView(`dockerWorkbench.${name}`, { treeDataProvider: provider, showCollapseAll: false }));
  }

  context.subscriptions.push(
    vscode.commands.registerCommand('dockerWorkbench.refresh', () => model.refresh()),
    vscode.commands.registerCommand('dockerWorkbench.retryConnection', () => model.connect()),
    vscode.commands.registerCommand('dockerWorkbench.restartLanguageServer', () => client?.restart()),
  );

  client = createLanguageClient(context);
  const languageClientReady = client.start().catch((error: unknown) => {
    output.error(`language server failed to start: ${String(error)}`);
    throw error;
  });
  context.subscriptions.push({ dispose: () => void client?.stop() });

  output.info(`activated in ${Date.now() - started} ms (engine ${engine.target.endpoint})`);
  return { model, views, languageClientReady };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
