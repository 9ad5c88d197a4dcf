// Everything the composition root (extension.ts) does not need at activation: the commands,
// container terminals and documents, the run form, builds, compose, registries, image contents,
// vulnerabilities, the walkthrough and the language client. It is its own bundle
// (dist/features.js), built once, the first time something asks for it: a command, a view other
// than the explorer's four, a document of a container, a task, the first Dockerfile or compose file.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ActiveEngine } from './engine/activeEngine';
import type { EngineModel } from './model/engineModel';
import { SwarmModel } from './model/swarmModel';
import { SwarmView } from './views/swarmView';
import type { TreeNode } from './views/treeNode';
import { swarmCommands } from './swarm/swarmCommands';
import { StackFiles } from './swarm/stackFiles';
import { workspaceBuildContexts } from './build/buildContexts';
import type { PromptsHolder } from './ui/prompts';
import { ReportDocuments } from './ui/reportDocuments';
import { allCommands } from './commands/commandTable';
import type { CommandContext, Handler, Views } from './commands/commandContext';
import { createLanguageClient, ruleSettings } from './languageClient';
import { SettingsNotification, WorkspaceTrustNotification } from '../../server/src/protocol/messages';
import { BuiltImages } from './build/builtImages';
import { buildCommands, type BuildWorkflow } from './build/buildCommands';
import { buildTaskProvider, type BuildTaskDeps } from './build/buildTask';
import { connectLanguageFacts } from './languageFacts';
import { ComposeView, type ComposeNode } from './compose/composeView';
import { rememberComposeCliIn } from './compose/composeCli';
import { composeCommands } from './compose/composeCommands';
import { composeTaskProvider } from './compose/composeTask';
import { registerContainerInteraction, stateTransitionStartWatch, type ContainerInteraction } from './containers';
import { createRunWorkflow } from './run/runWorkflow';
import { runCommands } from './run/runCommands';
import { registerLearn } from './learn';
import { DockerCredentials } from './engine/dockerCredentials';
import { RegistriesView, type RegistryNode } from './registries/registriesView';
import { RegistryList } from './registries/registryList';
import { registryCommands } from './registries/registryCommands';
import { registerImageContents, type ImageContents } from './imageAnalysis/imageContents';
import type { ContentsNode } from './imageAnalysis/imageContentsView';
import { registerVulnerabilities, type Vulnerabilities } from './vulnerabilities/vulnerabilities';
import type { VulnerabilityNode } from './vulnerabilities/vulnerabilitiesView';
import type { ViewHost } from './lazyProviders';

/** What the composition root made at activation and hands over. */
export interface CoreParts {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  active: ActiveEngine;
  model: EngineModel;
  /** The explorer's views made at activation (the Swarm view is made here, on first use). */
  views: Omit<Views, 'swarm'>;
  prompts: PromptsHolder;
  /** The tree views created at activation for the views whose providers live here. */
  hosts: {
    compose: ViewHost<ComposeNode>;
    registries: ViewHost<RegistryNode>;
    imageContents: ViewHost<ContentsNode>;
    vulnerabilities: ViewHost<VulnerabilityNode>;
    swarm: ViewHost<TreeNode>;
  };
}

export interface Features {
  readonly commandContext: CommandContext;
  readonly swarm: SwarmModel;
  /** Every view of the explorer, the Swarm view included. */
  readonly views: Views;
  /** Every command handler by id (the composition root registered the ids at activation). */
  readonly commands: Readonly<Record<string, Handler>>;
  readonly interaction: ContainerInteraction;
  readonly reports: ReportDocuments;
  readonly builtImages: BuiltImages;
  readonly composeView: ComposeView;
  readonly registriesView: RegistriesView;
  readonly imageContents: ImageContents;
  readonly vulnerabilities: Vulnerabilities;
  readonly tasks: { build: vscode.TaskProvider; compose: vscode.TaskProvider; run: vscode.TaskProvider };
  /** Starts the language server if it is not running yet; resolves once it answered initialize. */
  startLanguageClient(): Promise<void>;
  stopLanguageClient(): Promise<void>;
}

export function createFeatures(core: CoreParts): Features {
  const { context, log, active, model, prompts } = core;

  // Podman has no Swarm mode: its view says so instead of offering to start one.
  const swarm = new SwarmModel(model, () => model.flavor !== 'podman');
  const views: Views = { ...core.views, swarm: new SwarmView(model, swarm) };
  views.swarm.registerOn(core.hosts.swarm);
  context.subscriptions.push(views.swarm, { dispose: () => swarm.dispose() });

  const interaction = registerContainerInteraction(context, {
    getEngine: () => active.engine,
    // Following logs and stats learn of restarts from the model instead of a stream each.
    onContainerStarted: stateTransitionStartWatch(
      (listener) => model.onDidChange((c) => { if (c.kind === 'container' && c.id) listener(c.id); }),
      (id) => model.containers.get(id)?.State,
    ),
  }, { providersRegistered: true });

  const reports = new ReportDocuments();
  context.subscriptions.push(reports);
  const commandContext: CommandContext = { active, model, views, prompts, reports, log, interaction };
  const runWorkflow = createRunWorkflow(context, commandContext);
  context.subscriptions.push(runWorkflow);

  // The language client, started with the first Dockerfile or compose file.
  let client: LanguageClient | undefined;
  // What was built from which Dockerfile; the build task records it, the server gets told.
  const builtImages = new BuiltImages(context.workspaceState);
  // The compose files deployed as stacks (for the "Deploy as stack" lens and the swarm keys' checks).
  const stackFiles = new StackFiles(context.workspaceState);
  context.subscriptions.push(stackFiles, stackFiles.watchLanguages());
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

  rememberComposeCliIn(context.globalState);
  const composeView = new ComposeView(model, active, context.workspaceState);
  composeView.register(core.hosts.compose);
  context.subscriptions.push(composeView);

  // Registries and their logins, kept where the docker CLI keeps them.
  const credentials = new DockerCredentials();
  const registriesView = new RegistriesView(new RegistryList(context.globalState, credentials), credentials);
  registriesView.register(core.hosts.registries);
  context.subscriptions.push(registriesView);

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
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('dockerWorkbench.rules') && client?.isRunning()) void client.sendNotification(SettingsNotification, { rules: ruleSettings() });
    if (e.affectsConfiguration('tasks')) languageFacts.sendBuildContexts();
  }));
  // Trust is granted without a reload (taking it away reloads the window, which restarts the server).
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => {
    if (client?.isRunning()) void client.sendNotification(WorkspaceTrustNotification, { trusted: true });
  }));

  // What is inside an image: layers, files, packages, known vulnerabilities.
  const imageContents = registerImageContents(context, { builtImages, reports, host: core.hosts.imageContents });
  const vulnerabilities = registerVulnerabilities(context, { builtImages, analysisOf: (id) => imageContents.analysisOf(id), host: core.hosts.vulnerabilities });

  // The walkthrough's step commands and "Explain this Dockerfile".
  const learn = registerLearn(context, { build: buildWorkflow, builtImages, languageClient: async () => { await startLanguageClient(); return client!; } });

  const commands = allCommands({
    'dockerWorkbench.restartLanguageServer': () => (client ? client.restart().then(() => languageFacts.sendAll()) : startLanguageClient()),
    ...runCommands(runWorkflow),
    ...buildCommands(buildWorkflow),
    ...composeCommands(composeView),
    ...registryCommands(registriesView),
    ...swarmCommands(stackFiles),
    ...learn.commands,
    ...imageContents.commands,
    ...vulnerabilities.commands,
  });

  return {
    commandContext,
    swarm,
    views,
    commands,
    interaction,
    reports,
    builtImages,
    composeView,
    registriesView,
    imageContents,
    vulnerabilities,
    tasks: { build: buildTaskProvider(buildDeps), compose: composeTaskProvider(active), run: runWorkflow.tasks },
    startLanguageClient,
    stopLanguageClient: async () => {
      await client?.stop();
      client = undefined;
    },
  };
}
