// Composition root: builds the active engine, its model and the explorer's views, and registers
// everything else VS Code must know of at activation (commands, the other views, document schemes,
// task types) with stand-ins. What those stand for lives in the features bundle (features.ts,
// dist/features.js), built the first time one of them is used, so activation loads and runs little.
// The returned API is what the integration tests drive (and what other extensions may use).
import * as vscode from 'vscode';
import { ActiveEngine } from './engine/activeEngine';
import { EngineStatus } from './engine/engineStatus';
import { isLocalEngine } from './engine/engineTarget';
import { EngineModel } from './model/engineModel';
import { ContainersView } from './views/containersView';
import { registerDescriptionSettingHover } from './views/descriptionSettingHover';
import { ImagesView } from './views/imagesView';
import { VolumesView } from './views/volumesView';
import { NetworksView } from './views/networksView';
import { EnginesView } from './views/enginesView';
import type { SwarmModel } from './model/swarmModel';
import type { TreeNode } from './views/treeNode';
import { PromptsHolder, vscodePrompts, type Prompts } from './ui/prompts';
import { CommandFailures, registerCommands } from './commands/commandRunner';
import type { CommandContext, Handler, Views } from './commands/commandContext';
import type { ContainerInteraction } from './containers';
import type { BuiltImages } from './build/builtImages';
import type { ComposeNode, ComposeView } from './compose/composeView';
import type { RegistriesView, RegistryNode } from './registries/registriesView';
import type { ImageContents } from './imageAnalysis/imageContents';
import type { ContentsNode } from './imageAnalysis/imageContentsView';
import type { Vulnerabilities } from './vulnerabilities/vulnerabilities';
import type { VulnerabilityNode } from './vulnerabilities/vulnerabilitiesView';
import type * as FeaturesModule from './features';
import type { CoreParts, Features } from './features';
import { LazyTreeDataProvider, lazyDocumentScheme, lazyFileSystem, lazyTaskProvider } from './lazyProviders';
import { BUILD_TASK_TYPE, COMPOSE_TASK_TYPE, CONTAINER_SCHEME, INSPECT_SCHEME, LOGS_SCHEME, RUN_TASK_TYPE, TOP_SCHEME } from './registrationIds';

export interface DockerWorkbenchApi {
  readonly model: EngineModel;
  /** Loads the features bundle (the Swarm view and model live there). */
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
  /**
   * When activate() ran (performance.now() in the extension host), for the activation benchmark,
   * with when each of its steps ended.
   */
  readonly activation: { readonly startedAt: number; readonly endedAt: number; readonly steps: ReadonlyArray<readonly [string, number]> };
  /** Whether the features bundle has been loaded yet (tests and benchmarks). */
  readonly featuresLoaded: boolean;
  /** Replaces the dialogs the commands use (tests answer them; the engine stays real). */
  setPrompts(prompts: Prompts | undefined): void;
  /** Starts the language server if it is not running yet; resolves once it answered initialize. */
  startLanguageClient(): Promise<void>;
  /** The extension's global storage (the language server keeps its code cache in it). */
  readonly globalStorageUri: vscode.Uri;
}

let features: Features | undefined;
/** How long after activation the engine client's code is loaded if nothing needed it by then. */
const PREPARE_AFTER_MS = 1500;

export function activate(context: vscode.ExtensionContext): DockerWorkbenchApi {
  const startedAt = performance.now();
  const steps: Array<[string, number]> = [];
  const step = (name: string) => steps.push([name, performance.now()]);
  const log = vscode.window.createOutputChannel('Docker Workbench', { log: true });
  context.subscriptions.push(log);

  const prompts = new PromptsHolder();
  const active = new ActiveEngine(context.globalState, log, prompts);
  const model = new EngineModel(active.engine);
  context.subscriptions.push(active, { dispose: () => model.dispose() }, active.onDidSwitch((engine) => model.switchEngine(engine)));
  // Context keys, status bar, log lines and one notification per outage.
  const engineStatus = new EngineStatus(model, active, log);
  context.subscriptions.push(engineStatus);

  step('engine, model, status');

  const workspaceFolders = () => (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  // The Swarm view (collapsed by default) is made with the features, on first use.
  const views: Omit<Views, 'swarm'> = {
    containers: new ContainersView(model, workspaceFolders),
    images: new ImagesView(model, () => active.engine),
    volumes: new VolumesView(model),
    networks: new NetworksView(model, () => active.engine),
    engines: new EnginesView(active, model),
  };
  for (const view of Object.values(views)) context.subscriptions.push(view, view.register());
  context.subscriptions.push(registerDescriptionSettingHover());
  step('explorer views');

  // Every command of the manifest, its handler looked up when it first runs.
  const commandFailures = new CommandFailures();
  context.subscriptions.push(commandFailures);
  const manifest = context.extension.packageJSON as { contributes?: { commands?: Array<{ command: string }> } };
  const registered = new Set((manifest.contributes?.commands ?? []).map((c) => c.command));

  // Everything else is built on first use, from dist/features.js.
  const load = (): Features => {
    if (!features) {
      const started = performance.now();
      const { createFeatures } = require('./features.js') as typeof FeaturesModule;
      features = createFeatures(core);
      for (const [id, handler] of Object.entries(features.commands)) {
        // A handler for a command the manifest does not list: registered now (nothing could run it before).
        if (!registered.has(id)) context.subscriptions.push(...registerCommands(features.commandContext, { [id]: handler }, commandFailures));
      }
      log.info(`features loaded in ${Math.round(performance.now() - started)} ms`);
    }
    return features;
  };
  const hosts = {
    // Shown beside the Containers view by default: it loads once the engine's first lists are in
    // (without hurrying them: they wait while the Containers view draws its first rows).
    compose: new LazyTreeDataProvider<ComposeNode>('dockerWorkbench.compose', { canSelectMany: true, showCollapseAll: true }, load, () => model.settled(Infinity, { hurry: false })),
    registries: new LazyTreeDataProvider<RegistryNode>('dockerWorkbench.registries', { showCollapseAll: true }, load),
    imageContents: new LazyTreeDataProvider<ContentsNode>('dockerWorkbench.imageContents', { showCollapseAll: true }, load),
    vulnerabilities: new LazyTreeDataProvider<VulnerabilityNode>('dockerWorkbench.vulnerabilities', { showCollapseAll: true }, load),
    swarm: new LazyTreeDataProvider<TreeNode>('dockerWorkbench.swarm', { canSelectMany: true, showCollapseAll: true }, load),
  };
  context.subscriptions.push(...Object.values(hosts));
  step('other views (stand-ins)');
  const core: CoreParts = { context, log, active, model, views, prompts, hosts };

  // Documents of containers (files, logs, inspect, top), served once something opens one.
  context.subscriptions.push(
    lazyFileSystem(CONTAINER_SCHEME, () => load().interaction.providers.files, { isCaseSensitive: true }),
    lazyDocumentScheme(LOGS_SCHEME, () => load().interaction.providers.logs),
    lazyDocumentScheme(INSPECT_SCHEME, () => load().interaction.providers.inspect, { codeLenses: true }),
    lazyDocumentScheme(TOP_SCHEME, () => load().interaction.providers.top, { codeLenses: true }),
    lazyTaskProvider(BUILD_TASK_TYPE, () => load().tasks.build),
    lazyTaskProvider(COMPOSE_TASK_TYPE, () => load().tasks.compose),
    lazyTaskProvider(RUN_TASK_TYPE, () => load().tasks.run),
  );
  step('documents and tasks (stand-ins)');

  const lazyTable: Record<string, Handler> = {};
  for (const id of registered) {
    lazyTable[id] = (_ctx, node, nodes) => {
      const loaded = load();
      const handler = loaded.commands[id];
      if (!handler) throw new Error(vscode.l10n.t('The command {0} is not available.', id));
      return handler(loaded.commandContext, node, nodes);
    };
  }
  // Until the features load, the wrapper only needs the log (to report a failure to load them).
  const lazyContext = { log } as CommandContext;
  context.subscriptions.push(...registerCommands(lazyContext, lazyTable, commandFailures));
  step(`commands (${registered.size})`);

  // The language server starts with the first Dockerfile or compose file, not with the views.
  const startLanguageClient = () => load().startLanguageClient();
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
  context.subscriptions.push({ dispose: () => void features?.stopLanguageClient() });

  // Activation itself connects to nothing: VS Code activates the extension once a window has
  // started (onStartupFinished), so that opening the sidebar later does not wait for loading and
  // activating it (bench/sidebar.mjs). The model connects when a view of the explorer is shown
  // (dockerTreeView.ts) or a command needs its lists (pickers.ts); the status bar item appears with
  // that (commands that only call the engine, or need none, start nothing). A little later, with
  // nothing asked yet, a local engine is warmed up quietly (the newest containers and the event
  // stream, see EngineModel.warmUp; the setting dockerWorkbench.explorer.warmUp), so the
  // Containers view has rows the moment it is opened; for any other engine only dockerode's code
  // is loaded (~30 ms, ~2 MB of heap, once) so the first connection does not wait for it.
  const prepare = setTimeout(() => {
    if (model.hasStarted) return;
    if (isLocalEngine(active.engine.target) && vscode.workspace.getConfiguration('dockerWorkbench.explorer').get<boolean>('warmUp', true)) model.warmUp();
    else active.engine.prepare?.();
  }, PREPARE_AFTER_MS);
  context.subscriptions.push({ dispose: () => clearTimeout(prepare) });

  const endedAt = performance.now();
  log.info(`activated in ${Math.round(endedAt - startedAt)} ms (engine ${active.engine.target.endpoint})`);
  return {
    model,
    get swarm() { return load().swarm; },
    active,
    engineStatus,
    views: { ...views, get swarm() { return load().views.swarm; } },
    get interaction() { return load().interaction; },
    get builtImages() { return load().builtImages; },
    get composeView() { return load().composeView; },
    get registriesView() { return load().registriesView; },
    get imageContents() { return load().imageContents; },
    get vulnerabilities() { return load().vulnerabilities; },
    commandFailures,
    activation: { startedAt, endedAt, steps },
    get featuresLoaded() { return features !== undefined; },
    setPrompts: (p) => { prompts.current = p ?? vscodePrompts; },
    startLanguageClient,
    globalStorageUri: context.globalStorageUri,
  };
}

export async function deactivate(): Promise<void> {
  await features?.stopLanguageClient();
  features = undefined;
}
