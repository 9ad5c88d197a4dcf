// Starts the bundled language server (dist/server.js) over node IPC for VS Code's built-in
// `dockerfile` and `dockercompose` language ids.
import * as vscode from 'vscode';
import type { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import type { InitializationOptions } from '../../server/src/protocol/messages';
import { SERVER_EXEC_ARGV, serverEnvironment } from '../../server/src/protocol/serverEnvironment';
import { serverStartupArgs } from './serverStartupArgs';
import type { RuleSeverityOverrides } from '../../server/src/core/languageService';

/** The user's rule severities (`dockerWorkbench.rules`). */
export function ruleSettings(): RuleSeverityOverrides {
  return { ...vscode.workspace.getConfiguration('dockerWorkbench').get<RuleSeverityOverrides>('rules', {}) };
}

/**
 * Where the server keeps its V8 code cache: a folder of its own in the extension's global storage
 * (the server creates it 0700 and uses it only while no one else can write it), given on the
 * command line because the server starts its first worker before initialize arrives.
 */
export function codeCacheArgs(context: Pick<vscode.ExtensionContext, 'globalStorageUri'>): string[] {
  const enabled = vscode.workspace.getConfiguration('dockerWorkbench').get<boolean>('languageServer.codeCache', true);
  if (!enabled || context.globalStorageUri.scheme !== 'file') return ['--no-code-cache'];
  return [`--code-cache=${vscode.Uri.joinPath(context.globalStorageUri, 'languageServerCache').fsPath}`];
}

export function createLanguageClient(context: vscode.ExtensionContext): LanguageClient {
  // The language client (dist/vendor/languageclient.js) loads with the first Dockerfile or compose file.
  const { LanguageClient: Client, TransportKind } = require('vscode-languageclient/node') as typeof import('vscode-languageclient/node');
  const module = context.asAbsolutePath('dist/server.js');
  const args = [...codeCacheArgs(context), ...serverStartupArgs(vscode.workspace.textDocuments)];
  // glibc's allocator settings for the server's threads (see serverEnvironment.ts), added to VS Code's environment.
  const env = serverEnvironment(process.env);
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, args, options: { env, execArgv: [...SERVER_EXEC_ARGV] } },
    debug: { module, transport: TransportKind.ipc, args, options: { env, execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6039'] } },
  };
  // Only in a trusted workspace does the server read files outside the workspace folders.
  const initializationOptions: InitializationOptions = { locale: vscode.env.language, settings: { rules: ruleSettings() }, workspaceTrusted: vscode.workspace.isTrusted };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'dockerfile' },
      { language: 'dockercompose' },
    ],
    initializationOptions,
    synchronize: {
      // Files the server's checks read besides the open documents.
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/{.env,*.env}'),
        vscode.workspace.createFileSystemWatcher('**/{.dockerignore,.containerignore}'),
        // hadolint's settings beside a Dockerfile (trusted registries, the label schema).
        vscode.workspace.createFileSystemWatcher('**/.hadolint.{yaml,yml}'),
        vscode.workspace.createFileSystemWatcher('**/{Dockerfile,Dockerfile.*,*.dockerfile,Containerfile}'),
        // Compose files of a project (-f overlays such as extensions/x/x-compose.yml too) and the
        // examples users create their override files from.
        vscode.workspace.createFileSystemWatcher('**/*compose*{.yaml,.yml,.example,.dist,.sample}'),
      ],
    },
    outputChannelName: vscode.l10n.t('Docker Workbench Language Server'),
  };
  return new Client('dockerWorkbench', vscode.l10n.t('Docker Workbench Language Server'), serverOptions, clientOptions);
}
