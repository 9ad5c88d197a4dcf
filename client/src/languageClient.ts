// Starts the bundled language server (dist/server.js) over node IPC for VS Code's built-in
// `dockerfile` and `dockercompose` language ids.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { InitializationOptions } from '../../server/src/protocol/messages';

export function createLanguageClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6039'] } },
  };
  const initializationOptions: InitializationOptions = { locale: vscode.env.language };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'dockerfile' },
      { language: 'dockercompose' },
    ],
    initializationOptions,
    outputChannelName: vscode.l10n.t('Docker Workbench Language Server'),
  };
  return new LanguageClient('dockerWorkbench', vscode.l10n.t('Docker Workbench Language Server'), serverOptions, clientOptions);
}
