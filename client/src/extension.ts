// Composition root: builds the active engine, its model, the views, the commands and the
// language client, and hands each what it needs. The returned API is what the integration tests
// drive (and what other extensions may use).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ActiveEngine } from './engine/activeEngine';
import { EngineModel } from './model/engineModel';
import { ContainersView } from './views/containersView';
import { ImagesView } from './views/imagesView';
import { VolumesView } from './views/volumesView';
import { NetworksView } from './views/networksView';
import { EnginesView } from './views/enginesView';
import { PromptsHolder, vscodePrompts, type Prompts } from './ui/prompts';
import { ReportDocuments } from './ui/reportDocuments';
import { allCommands, registerCommands } from './commands/registerCommands';
import type { CommandContext, Views } from './commands/commandContext';
import { createLanguageClient, ruleSettings } from './languageClient';
import { SettingsNotification, WorkspaceTrustNotification } from '../../server/src/protocol/messages';
import { BuiltImages } from './build/builtImages';
import { buildCommands, type BuildWorkflow } from './build/buildCommands';
import { registerBuildTaskProvider, type BuildTaskDeps } from './build/buildTask';
import { connectLanguageFacts } from './languageFacts';
import { ComposeView } from './compose/composeView';
import { composeCommands } from './compose/composeCommands';
import { registerComposeTaskProvider } from './compose/composeTask';
import { registerContainerInteraction, stateTransitionStartWatch, type ContainerInteraction } from './containers';
import { registerRunWorkflow } from './run/runWorkflow';
import { registerLearn } from './learn';

export interface DockerWorkbenchApi {
  readonly model: EngineModel;
  readonly active: ActiveEngine;
  readonly views: Views;
  readonly interaction: ContainerInteraction;
  readonly builtImages: BuiltImages;
  readonly composeView: ComposeView;
  /** Replaces the dialogs the commands use (tests answer them; the engine stays real). */
  setPrompts(prompts: Prompts | undefined): void;
  /** Starts the language server if it is not running yet; resolves once it answered initialize. */
  startLanguageClient(): Promise<void>;
}

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): DockerWorkbenchApi {
  const started = Date.now();
  const log = vscode.window.createOutputChannel('Docker Workbench', { log: true });
  context.subscriptions.push(log);

  const active = new ActiveEngine(context.globalState, log);
  const model = new EngineModel(active.engine);
  context.subscriptions.push(active, { dispose: () => model.dispose() });
  let lastProblem = '';
  model.onDidChange((change) => {
    if (change.kind !== 'state') return;
    const problem = model.state.status === 'unreachable' ? model.state.error.message : '';
    if (problem && problem !== lastProblem) log.warn(problem);
    if (!problem && lastProblem) log.info(`connected to ${model.endpoint}`);
    lastProblem = problem;
  });

  const workspaceFolders = () => (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  const views: Views = {
    containers: new ContainersView(model, workspaceFolders),
    images: new ImagesView(model, () => active.engine),
    volumes: new VolumesView(model),
    networks: new NetworksView(model, () => active.engine),
    engines: new EnginesView(active, model),
  };
  for (const view of Object.values(views)) context.subscriptions.push(view, view.register());

  const interaction = registerContainerInteraction(context, {
    getEngine: () => active.engine,
    // Following logs and stats learn of restarts from the model instead of a stream each.
    onContainerStarted: stateTransitionStartWatch(
      (listener) => model.onDidChange((c) => { if (c.kind === 'container' && c.id) listener(c.id); }),
      (id) => model.containers.get(id)?.State,
    ),
  });

  const prompts = new PromptsHolder();
  const reports = new ReportDocuments();
  context.subscriptions.push(reports);
  const commandContext: CommandContext = { active, model, views, prompts, reports, log, interaction };
  context.subscriptions.push(...registerRunWorkflow(context, commandContext));

  // What was built from which Dockerfile; the build task records it, the server gets told.
  const builtImages = new BuiltImages(context.workspaceState);
  const languageFacts = connectLanguageFacts(() => client, model, builtImages);
  context.subscriptions.push(languageFacts);
  const buildDeps: BuildTaskDeps = {
    active,
    log,
    onBuilt: async (outcome) => {
      try {
        await builtImages.record(outcome, active.engine);
      } catch (error) {
        log.warn(`could not read the history of the image built from ${outcome.spec.dockerfile}: ${String(error)}`);
      }
      const waiting = buildWorkflow.waiting.get(outcome.spec.dockerfile);
      buildWorkflow.waiting.delete(outcome.spec.dockerfile);
      waiting?.(outcome);
    },
  };
  const buildWorkflow: BuildWorkflow = { deps: buildDeps, state: context.workspaceState, waiting: new Map() };
  context.subscriptions.push(registerBuildTaskProvider(buildDeps));

  const composeView = new ComposeView(model, active);
  context.subscriptions.push(composeView, composeView.register(), registerComposeTaskProvider(active));

  // The server process starts with the first Dockerfile or compose file, not with the views.
  let clientStarted: Promise<void> | undefined;
  const startLanguageClient = (): Promise<void> => {
    clientStarted ??= (client = createLanguageClient(context)).start().then(
      () => languageFacts.sendAll(),
      (error: unknown) => {
        log.error(`language server failed to start: ${String(error)}`);
        throw error;
      },
    );
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
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('dockerWorkbench.rules') && client?.isRunning()) void client.sendNotification(SettingsNotification, { rules: ruleSettings() });
  }));
  // Trust is granted without a reload (taking it away reloads the window, which restarts the server).
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => {
    if (client?.isRunning()) void client.sendNotification(WorkspaceTrustNotification, { trusted: true });
  }));

  // The walkthrough's step commands and "Explain this Dockerfile".
  const learn = registerLearn(context, { build: buildWorkflow, builtImages, languageClient: async () => { await startLanguageClient(); return client!; } });

  context.subscriptions.push(...registerCommands(commandContext, allCommands({
    'dockerWorkbench.restartLanguageServer': () => (client ? client.restart().then(() => languageFacts.sendAll()) : startLanguageClient()),
    ...buildCommands(buildWorkflow),
    ...composeCommands(composeView),
    ...learn.commands,
  })));

  log.info(`activated in ${Date.now() - started} ms (engine ${active.engine.target.endpoint})`);
  return {
    model,
    active,
    views,
    interaction,
    builtImages,
    composeView,
    setPrompts: (p) => { prompts.current = p ?? vscodePrompts; },
    startLanguageClient,
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
