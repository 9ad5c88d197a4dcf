// The run workflow's state, made once at activation: saved configurations (workspaceState), the
// open forms, and the docker-run task provider. The composition root hands it to the run commands
// (runCommands(workflow)) rather than widening the shared CommandContext.
import * as vscode from 'vscode';
import type { CommandContext } from '../commands/commandContext';
import { shortId, formatBytes } from '../views/format';
import { RunConfigurations } from './runConfigurations';
import { RunForm } from './runForm';
import { draftFromImage, specToDraft, type RunFormData } from './runFormProtocol';
import { pullImage, type StartedContainer } from './runContainer';
import { runAndFollowUp } from './runFollowUp';
import { RunTaskProvider } from './runTask';
import type { RunSpec } from './runSpec';

const BUILT_IN_NETWORKS = new Set(['bridge', 'host', 'none']);
const FALLBACK_LOG_DRIVERS = ['json-file', 'local', 'journald', 'syslog', 'fluentd', 'gelf', 'none'];

export class RunWorkflow implements vscode.Disposable {
  readonly configurations: RunConfigurations;
  readonly tasks: RunTaskProvider;
  private readonly forms = new Set<RunForm>();

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly ctx: CommandContext,
  ) {
    this.configurations = new RunConfigurations(context.workspaceState);
    this.tasks = new RunTaskProvider({
      getEngine: () => ctx.active.engine,
      savedConfigurations: () => this.configurations.list(),
      log: (line) => ctx.log.info(line),
    });
  }

  /** Runs a spec from a command (no form): validation, create + start, terminal or follow-up offer. */
  run(spec: RunSpec, progress?: (line: string) => void): Promise<StartedContainer> {
    return runAndFollowUp(this.ctx, spec, { progress });
  }

  /**
   * Opens the form for an image: with the spec last run from it when there is one, else pre-filled
   * from the image (its exposed ports and volumes). Lists the engine's volumes, networks and log
   * drivers to choose from.
   */
  async openForm(image: string, initial?: RunSpec): Promise<RunForm> {
    const engine = this.ctx.active.engine;
    const [details, volumes, networks, info] = await Promise.all([
      engine.inspectImage(image).catch(() => undefined),
      engine.listVolumes().catch(() => []),
      engine.listNetworks().catch(() => []),
      engine.info().catch(() => undefined),
    ]);
    const remembered = initial ?? this.configurations.lastForImage(image);
    const draft = remembered ? specToDraft({ ...remembered, image }) : draftFromImage(image, details?.Config);
    const logDrivers = ((info?.Plugins as { Log?: string[] } | undefined)?.Log ?? FALLBACK_LOG_DRIVERS).slice().sort();
    const data: RunFormData = {
      draft,
      imageDetail: details ? `${shortId(details.Id)} · ${formatBytes(details.Size)}` : vscode.l10n.t('(not on this engine: Run pulls it first, or pull it now)'),
      imageLocal: Boolean(details),
      exposedPorts: Object.keys(details?.Config?.ExposedPorts ?? {}),
      volumes: volumes.map((v) => v.Name).sort(),
      networks: networks
        .map((n) => ({ name: n.Name, builtIn: BUILT_IN_NETWORKS.has(n.Name) }))
        .filter((n) => n.name !== 'bridge')
        .sort((a, b) => Number(a.builtIn) - Number(b.builtIn) || a.name.localeCompare(b.name)),
      logDrivers,
    };
    const form = RunForm.open({
      ctx: this.ctx,
      extensionUri: this.context.extensionUri,
      run: async (spec, progress) => {
        const started = await this.run(spec, progress);
        await this.configurations.rememberForImage(image, spec);
        return started;
      },
      save: (spec) => this.askAndSave(spec),
      pull: async (progress) => {
        await pullImage(engine, image, progress);
        const pulled = await engine.inspectImage(image);
        return `${shortId(pulled.Id)} · ${formatBytes(pulled.Size)}`;
      },
    }, data);
    this.forms.add(form);
    form.onDidClose(() => this.forms.delete(form));
    return form;
  }

  /** Asks for a configuration name (suggesting the container name or the image) and saves the spec. */
  async askAndSave(spec: RunSpec): Promise<string | undefined> {
    const existing = new Set(this.configurations.list().map((c) => c.name));
    const suggestion = spec.name?.trim() || spec.image.replace(/^.*\//, '').replace(/[:@].*$/, '');
    const name = await this.ctx.prompts.current.input({
      title: vscode.l10n.t('Save run configuration'),
      prompt: vscode.l10n.t('A name for this configuration in this workspace. Saving under an existing name replaces it.'),
      value: suggestion,
      validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter a name.')),
    });
    if (!name?.trim()) return undefined;
    await this.configurations.save(name.trim(), spec);
    this.ctx.log.info(`run: ${existing.has(name.trim()) ? 'replaced' : 'saved'} configuration "${name.trim()}"`);
    return name.trim();
  }

  dispose(): void {
    for (const form of [...this.forms]) form.dispose();
  }
}

/** Creates the run workflow for the extension; `workflow.tasks` provides the docker-run tasks. */
export function createRunWorkflow(context: vscode.ExtensionContext, ctx: CommandContext): RunWorkflow {
  return new RunWorkflow(context, ctx);
}
