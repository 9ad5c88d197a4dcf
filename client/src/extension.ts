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
  /** Starts the language server if it is not running yet; resolves once it answered initialize. */
  startLanguageClient(): Promise<void>;
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



  // The server process starts with the first Dockerfile or compose file, not with the views.
  let clientStarted: Promise<void> | undefined;
  const startLanguageClient = (): Promise<void> => {
    clientStarted ??= (client = createLanguageClient(context)).start().catch((error: unknown) => {
      output.error(`language server failed to start: ${String(error)}`);
      throw error;
    });
    return clientStarted;
  };
  const isLanguageDocument = (d: vscode.TextDocument) => d.languageId === 'dockerfile' || d.languageId === 'dockercompose';
  if (vscode.workspace.textDocuments.some(isLanguageDocument)) void startLanguageClient().catch(() => undefined);
  else {
    const opened = vscode.workspace.onDidOpenTextDocument((d) => {
      if (!isLanguageDocument(d)) return;
      opened.dispose();
      void startLanguageClient().catch(() => undefined);
    });
    context.subscriptions.push(opened);
  }
  context.subscriptions.push({ dispose: () => void client?.stop() });

  context.subscriptions.push(
    vscode.commands.registerCommand('dockerWorkbench.refresh', () => model.refresh()),
    vscode.commands.registerCommand('dockerWorkbench.retryConnection', () => model.connect()),
    vscode.commands.registerCommand('dockerWorkbench.restartLanguageServer', () => (client ? client.restart() : startLanguageClient())),
  );
  output.info(`activated in ${Date.now() - started} ms (engine ${engine.target.endpoint})`);
  return { model, views, startLanguageClient };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
