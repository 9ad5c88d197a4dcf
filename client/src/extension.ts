// Composition root: builds the active engine, its model, the views, the commands and the
// language client, and hands each what it needs. The returned API is what the integration tests
// drive (and what other extensions may use).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ActiveEngine } from './engine/activeEngine';
import { EngineStatus } from './engine/engineStatus';
import { EngineModel } from './model/engineModel';
import { ContainersView } from './views/containersView';
import { registerDescriptionSettingHover } from './views/descriptionSettingHover';
import { ImagesView } from './views/imagesView';
import { VolumesView } from './views/volumesView';
import { NetworksView } from './views/networksView';
import { EnginesView } from './views/enginesView';
import { SwarmView } from './views/swarmView';
import { SwarmModel } from './model/swarmModel';
import { swarmCommands } from './swarm/swarmCommands';
import { StackFiles } from './swarm/stackFiles';
import { PromptsHolder, vscodePrompts, type Prompts } from './ui/prompts';
import { ReportDocuments } from './ui/reportDocuments';
import { allCommands, CommandFailures, registerCommands } from './commands/registerCommands';
import type { CommandContext, Views } from './commands/commandContext';
import { createLanguageClient, ruleSettings } from './languageClient';
import { SettingsNotification, WorkspaceTrustNotification } from '../../server/src/protocol/messages';
import { BuiltImages } from './build/builtImages';
import { buildCommands, type BuildWorkflow } from './build/buildCommands';
import { registerBuildTaskProvider, type BuildTaskDeps } from './build/buildTask';
import { connectLanguageFacts } from './languageFacts';
import { workspaceBuildContexts } from './build/buildContexts';
import { ComposeView } from './compose/composeView';
import { composeCommands } from './compose/composeCommands';
import { registerComposeTaskProvider } from './compose/composeTask';
import { registerContainerInteraction, stateTransitionStartWatch, type ContainerInteraction } from './containers';
import { registerRunWorkflow } from './run/runWorkflow';
import { registerLearn } from './learn';
import { DockerCredentials } from './engine/dockerCredentials';
import { RegistriesView } from './registries/registriesView';
import { RegistryList } from './registries/registryList';
import { registryCommands } from './registries/registryCommands';
import { registerImageContents, type ImageContents } from './imageAnalysis/imageContents';
import { registerVulnerabilities, type Vulnerabilities } from './vulnerabilities/vulnerabilities';

export interface DockerWorkbenchApi {
  readonly model: EngineModel;
  readonly swarm: SwarmModel;
  readonly active: ActiveEngine;
  /** Context keys, status bar and outage notifications. */
  readonly engineStatus: EngineStatus;
  readonly views: Views;
  readonly interaction: ContainerInteraction;
  readonly builtImages: BuiltImages;
  readonly composeView: ComposeView;
  readonly registriesView: RegistriesView;
  /** Layers, files and packages of the image analysed last. */
  readonly imageContents: ImageContents;
  /** Scans and their findings. */
  readonly vulnerabilities: Vulnerabilities;
  /** Failures the commands reported (each shown once to the user, never rethrown). */
  readonly commandFailures: CommandFailures;
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

  const prompts = new PromptsHolder();
  const active = new ActiveEngine(context.globalState, log, prompts);
  const model = new EngineModel(active.engine);
  context.subscriptions.push(active, { dispose: () => model.dispose() });
  // Context keys, status bar, log lines and one notification per outage.
  const engineStatus = new EngineStatus(model, active, log);
  context.subscriptions.push(engineStatus);

  // Podman has no Swarm mode: its view says so instead of offering to start one.
  const swarm = new SwarmModel(model, () => model.flavor !== 'podman');
  context.subscriptions.push({ dispose: () => swarm.dispose() });
  const stackFiles = new StackFiles(context.workspaceState);
  context.subscriptions.push(stackFiles, stackFiles.watchLanguages());

  const workspaceFolders = () => (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  const views: Views = {
    containers: new ContainersView(model, workspaceFolders),
    images: new ImagesView(model, () => active.engine),
    volumes: new VolumesView(model),
    networks: new NetworksView(model, () => active.engine),
    engines: new EnginesView(active, model),
    swarm: new SwarmView(model, swarm),
  };
  for (const view of Object.values(views)) context.subscriptions.push(view, view.register());
  context.subscriptions.push(registerDescriptionSettingHover());

  const interaction = registerContainerInteraction(context, {
    getEngine: () => active.engine,
    // Following logs and stats learn of restarts from the model instead of a stream each.
    onContainerStarted: stateTransitionStartWatch(
      (listener) => model.onDidChange((c) => { if (c.kind === 'container' && c.id) listener(c.id); }),
      (id) => model.containers.get(id)?.State,
    ),
  });

  const reports = new ReportDocuments();
  context.subscriptions.push(reports);
  const commandContext: CommandContext = { active, model, views, prompts, reports, log, interaction };
  context.subscriptions.push(...registerRunWorkflow(context, commandContext));

  // What was built from which Dockerfile; the build task records it, the server gets told.
  const builtImages = new BuiltImages(context.workspaceState);
  const languageFacts = connectLanguageFacts(() => client, model, builtImages, () => workspaceBuildContexts(context.workspaceState), {
    uris: () => stackFiles.uris(),
    swarmManager: () => swarm.state.role === 'manager',
    onDidChange: (listener) => {
      const a = stackFiles.onDidChange(listener);
      const b = swarm.onDidChange((c) => { if (c.kind === 'state') listener(); });
      return { dispose: () => { a.dispose(); b.dispose(); } };
    },
  });
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
      // Build Image may have remembered a new context for this Dockerfile.
      languageFacts.sendBuildContexts();
      const waiting = buildWorkflow.waiting.get(outcome.spec.dockerfile);
      buildWorkflow.waiting.delete(outcome.spec.dockerfile);
      waiting?.(outcome);
    },
  };
  const buildWorkflow: BuildWorkflow = { deps: buildDeps, state: context.workspaceState, waiting: new Map() };
  context.subscriptions.push(registerBuildTaskProvider(buildDeps));

  const composeView = new ComposeView(model, active);
  context.subscriptions.push(composeView, composeView.register(), registerComposeTaskProvider(active));

  // Registries and their logins, kept where the docker CLI keeps them.
  const credentials = new DockerCredentials();
  const registriesView = new RegistriesView(new RegistryList(context.globalState, credentials), credentials);
  context.subscriptions.push(registriesView, registriesView.register());

  // The server process starts with the first Dockerfile or compose file, not with the views.
  let clientStarted: Promise<void> | undefined;
  const startLanguageClient = (): Promise<void> => {
    clientStarted ??= (client = createLanguageClient(context)).start().then(
      () => {
        // Whether the engine manages a swarm decides the "Deploy as stack" lens.
        swarm.start();
        languageFacts.sendAll();
      },
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
    if (e.affectsConfiguration('tasks')) languageFacts.sendBuildContexts();
  }));
  // Trust is granted without a reload (taking it away reloads the window, which restarts the server).
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => {
    if (client?.isRunning()) void client.sendNotification(WorkspaceTrustNotification, { trusted: true });
  }));

  // What is inside an image: layers, files, packages, known vulnerabilities.
  const imageContents = registerImageContents(context, { builtImages, reports });
  const vulnerabilities = registerVulnerabilities(context, { builtImages, analysisOf: (id) => imageContents.analysisOf(id) });

  // The walkthrough's step commands and "Explain this Dockerfile".
  const learn = registerLearn(context, { build: buildWorkflow, builtImages, languageClient: async () => { await startLanguageClient(); return client!; } });

  const commandFailures = new CommandFailures();
  context.subscriptions.push(commandFailures);
  context.subscriptions.push(...registerCommands(commandContext, allCommands({
    'dockerWorkbench.restartLanguageServer': () => (client ? client.restart().then(() => languageFacts.sendAll()) : startLanguageClient()),
    ...buildCommands(buildWorkflow),
    ...composeCommands(composeView),
    ...registryCommands(registriesView),
    ...swarmCommands(stackFiles),
    ...learn.commands,
    ...imageContents.commands,
    ...vulnerabilities.commands,
  }), commandFailures));

  log.info(`activated in ${Date.now() - started} ms (engine ${active.engine.target.endpoint})`);
  return {
    model,
    swarm,
    active,
    engineStatus,
    views,
    interaction,
    builtImages,
    composeView,
    registriesView,
    imageContents,
    vulnerabilities,
    commandFailures,
    setPrompts: (p) => { prompts.current = p ?? vscodePrompts; },
    startLanguageClient,
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
