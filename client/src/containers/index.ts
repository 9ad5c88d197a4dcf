// Container interaction: logs, shell, attach, inspect, top, stats and the container file system.
// registerContainerInteraction registers the document providers, code lenses and the file system
// provider, and returns the functions the explorer's commands call:
//
//   openLogsTerminal(id, name, { follow = true, tail = 1000, timestamps = false }?)  → Terminal
//       logs in a terminal; keeps following across restarts; Ctrl+C or closing stops it
//   openLogsDocument(id, name, { tail = 10000, timestamps = false }?)              → TextEditor
//       logs in a read-only editor that keeps appending (last 5 MB kept), searchable
//   openShell(id, name, command?)                                                    → Terminal
//       interactive exec with a TTY; bash, else sh; `command` is typed text (split with shell
//       quoting rules, no shell run) or an argument array
//   attach(id, name)                                                                 → Terminal
//       the main process's stdio; explains how to detach first
//   inspect(kind, id, label?)                                                       → TextEditor
//       JSON document, secret-looking values masked; a code lens reveals them in a second
//       document (same URI with reveal=1)
//   top(id, name)                                                                    → TextEditor
//       process table; opening it again (or its Refresh lens) refreshes it
//   showStats([{ id, name }, …])                                                   → StatsPanel
//       live stats webview for one or several containers; streams stop when it closes
//   browseFiles(id, name, path = '/')                                             → Promise<void>
//       quick-pick browser over the file system provider (open, add to Explorer, download)
//   fileUri(id, path)                                                                     → Uri
//       docker-workbench-container://<id>/<path>, for the Explorer, editors, or a tree view
//   downloadFromContainer(id, containerPath, targetFolder, ask)              → TransferResult
//       `ask` decides when the destination exists (replace, keep, or cancel)
//   uploadToContainer(id, sources, containerDir)                             → TransferResult
//
// `deps.getEngine` is called for every action, so an engine switch applies to the next one.
// `deps.onContainerStarted`, when given, tells following logs and stats that a container started
// again; without it each follower opens its own /events subscription filtered to its container.
// From the explorer's model:
//   onContainerStarted: stateTransitionStartWatch(
//     (listener) => model.onDidChange((c) => { if (c.kind === 'container' && c.id) listener(c.id); }),
//     (id) => model.containers.get(id)?.State)
import * as vscode from 'vscode';
import type { DockerEngine } from '../engine/dockerEngine';
import { attachToContainer } from './attachTerminal';
import { browseContainerFiles } from './browseFiles';
import { CONTAINER_SCHEME, ContainerFileSystemProvider, containerUri } from './containerFileSystem';
import { downloadFromContainer, uploadToContainer, type AskAboutExisting, type TransferResult } from './fileTransfer';
import { HIDE_COMMAND, INSPECT_SCHEME, InspectDocumentProvider, REFRESH_COMMAND, REVEAL_COMMAND, type InspectKind } from './inspectDocument';
import { engineStartWatch, stateTransitionStartWatch, type StartWatch } from './logFollower';
import { LOGS_SCHEME, LogsDocumentProvider, type LogsDocumentOptions } from './logsDocument';
import { openLogsTerminal, type LogsTerminalOptions } from './logsTerminal';
import { openShell, type ShellCommand } from './shellTerminal';
import { StatsPanel } from './statsPanel';
import type { StatsTarget } from './statsSource';
import { TOP_SCHEME, TopDocumentProvider } from './topDocument';

export { CONTAINER_SCHEME, INSPECT_SCHEME, LOGS_SCHEME, TOP_SCHEME, REVEAL_COMMAND, HIDE_COMMAND, REFRESH_COMMAND, stateTransitionStartWatch };
export type { InspectKind, LogsDocumentOptions, LogsTerminalOptions, ShellCommand, StartWatch, StatsTarget, TransferResult };

export interface ContainerInteractionDeps {
  getEngine: () => DockerEngine;
  onContainerStarted?: StartWatch;
}

export interface ContainerInteraction {
  openLogsTerminal(id: string, name: string, options?: LogsTerminalOptions): vscode.Terminal;
  openLogsDocument(id: string, name: string, options?: LogsDocumentOptions): Promise<vscode.TextEditor>;
  openShell(id: string, name: string, command?: ShellCommand): vscode.Terminal;
  attach(id: string, name: string): vscode.Terminal;
  inspect(kind: InspectKind, id: string, label?: string): Promise<vscode.TextEditor>;
  top(id: string, name: string): Promise<vscode.TextEditor>;
  showStats(containers: readonly StatsTarget[]): StatsPanel;
  browseFiles(id: string, name: string, path?: string): Promise<void>;
  fileUri(id: string, path: string): vscode.Uri;
  downloadFromContainer(id: string, containerPath: string, targetFolder: vscode.Uri, ask: AskAboutExisting): Promise<TransferResult>;
  uploadToContainer(id: string, sources: readonly vscode.Uri[], containerDir: string): Promise<TransferResult>;
  /** The providers, for tests and for a Files node in the Containers view. */
  readonly providers: {
    readonly logs: LogsDocumentProvider;
    readonly inspect: InspectDocumentProvider;
    readonly top: TopDocumentProvider;
    readonly files: ContainerFileSystemProvider;
  };
}

export function registerContainerInteraction(context: vscode.ExtensionContext, deps: ContainerInteractionDeps): ContainerInteraction {
  const { getEngine } = deps;
  const watchStarts = deps.onContainerStarted ?? engineStartWatch(getEngine);
  const logs = new LogsDocumentProvider(getEngine, { watchStarts });
  const inspect = new InspectDocumentProvider(getEngine);
  const top = new TopDocumentProvider(getEngine);
  const files = new ContainerFileSystemProvider(getEngine);
  const statsPanels = new Set<StatsPanel>();

  context.subscriptions.push(
    logs,
    inspect,
    top,
    files,
    { dispose: () => [...statsPanels].forEach((p) => p.dispose()) },
    vscode.workspace.registerTextDocumentContentProvider(LOGS_SCHEME, logs),
    vscode.workspace.registerTextDocumentContentProvider(INSPECT_SCHEME, inspect),
    vscode.workspace.registerTextDocumentContentProvider(TOP_SCHEME, top),
    vscode.languages.registerCodeLensProvider({ scheme: INSPECT_SCHEME }, inspect),
    vscode.languages.registerCodeLensProvider({ scheme: TOP_SCHEME }, top),
    vscode.workspace.registerFileSystemProvider(CONTAINER_SCHEME, files, { isCaseSensitive: true }),
    vscode.commands.registerCommand(REVEAL_COMMAND, (uri: vscode.Uri) => inspect.openVariant(uri, true)),
    vscode.commands.registerCommand(HIDE_COMMAND, (uri: vscode.Uri) => inspect.openVariant(uri, false)),
    vscode.commands.registerCommand(REFRESH_COMMAND, (uri?: vscode.Uri) => {
      const target = uri ?? vscode.window.activeTextEditor?.document.uri;
      if (target?.scheme === INSPECT_SCHEME) inspect.refresh(target);
      else if (target?.scheme === TOP_SCHEME) top.refresh(target);
    }),
  );

  return {
    openLogsTerminal: (id, name, options) => openLogsTerminal(getEngine, id, name, options, watchStarts),
    openLogsDocument: (id, name, options) => logs.open(id, name, options),
    openShell: (id, name, command) => openShell(getEngine, id, name, command),
    attach: (id, name) => attachToContainer(getEngine, id, name),
    inspect: (kind, id, label) => inspect.open(kind, id, label),
    top: (id, name) => top.open(id, name),
    showStats: (containers) => {
      const panel = StatsPanel.show(getEngine, containers, watchStarts);
      statsPanels.add(panel);
      panel.panel.onDidDispose(() => statsPanels.delete(panel));
      return panel;
    },
    browseFiles: (id, name, path) => browseContainerFiles(getEngine, files, id, name, path),
    fileUri: (id, path) => containerUri(id, path),
    downloadFromContainer: (id, containerPath, targetFolder, ask) => downloadFromContainer(getEngine, id, containerPath, targetFolder, ask),
    uploadToContainer: (id, sources, containerDir) => uploadToContainer(getEngine, id, sources, containerDir),
    providers: { logs, inspect, top, files },
  };
}
