// "Build Image" and "Build and Run": from the explorer, the editor, a code lens above a stage or
// the palette. Asks for the tag (remembered per Dockerfile), the target stage (from the file's own
// stages), and options (no cache, build args, platform, context), then runs the docker-build task.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CommandContext, Handler } from '../commands/commandContext';
import { defaultTag, formatBuildArgs, maskedBuildArgs, parseBuildArgs, type BuildSpec } from './buildSpec';
import { createBuildTask, BUILD_TASK_TYPE, type BuildOutcome, type BuildTaskDefinition, type BuildTaskDeps } from './buildTask';
import { dockerfileFacts } from './dockerfileFacts';
import { pickDockerfile } from './pickDockerfile';
import { REMEMBERED_BUILD_PREFIX } from './buildContextFacts';

/** What a code lens or another command passes. */
export interface BuildRequest {
  dockerfileUri?: string;
  target?: string;
}

interface Remembered {
  tag: string;
  buildArgs: Record<string, string>;
  platform?: string;
  context?: string;
}

export interface BuildWorkflow {
  deps: BuildTaskDeps;
  state: vscode.Memento;
  /** The last outcome per Dockerfile path, for callers awaiting a build they started. */
  readonly waiting: Map<string, (outcome: BuildOutcome) => void>;
}

export function requireTrust(what: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showWarningMessage(vscode.l10n.t('{0} runs code from this workspace, so it is off until you trust the workspace (Workspaces: Manage Workspace Trust).', what));
  return false;
}

async function dockerfileToBuild(ctx: CommandContext): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document;
  if (active?.languageId === 'dockerfile' && active.uri.scheme === 'file') return active.uri;
  return pickDockerfile(ctx, vscode.l10n.t('Which Dockerfile?'), vscode.l10n.t('No Dockerfile in this workspace. Create one named Dockerfile to build an image.'));
}

function dockerfileUriOf(argument: unknown): vscode.Uri | undefined {
  if (argument instanceof vscode.Uri) return argument;
  const request = argument as BuildRequest | undefined;
  if (request?.dockerfileUri) return vscode.Uri.parse(request.dockerfileUri);
  return undefined;
}

/** Asks what to build; undefined when the user cancels. */
async function askBuildSpec(ctx: CommandContext, workflow: BuildWorkflow, dockerfile: vscode.Uri, presetTarget: string | undefined): Promise<BuildSpec | undefined> {
  const key = `${REMEMBERED_BUILD_PREFIX}${dockerfile.fsPath}`;
  const remembered = workflow.state.get<Remembered>(key);
  const folder = path.dirname(dockerfile.fsPath);
  const tag = await ctx.prompts.current.input({
    title: vscode.l10n.t('Build {0}: image name and tag', vscode.workspace.asRelativePath(dockerfile)),
    prompt: vscode.l10n.t('The name to give the image, as repository:tag. The same name on a new build moves to the new image.'),
    value: remembered?.tag ?? defaultTag(path.basename(folder)),
    validateInput: (v) => (/^[a-z0-9]+(?:[._/-][a-z0-9]+)*(?::[\w][\w.-]{0,127})?$/.test(v) ? undefined : vscode.l10n.t('Use lower-case repository[:tag].')),
  });
  if (tag === undefined) return undefined;

  let target = presetTarget;
  const stages = dockerfileFacts(fs.readFileSync(dockerfile.fsPath, 'utf8')).stages;
  const named = stages.filter((s) => s.name);
  if (target === undefined && named.length > 0 && stages.length > 1) {
    const picked = await ctx.prompts.current.pick(
      [{ label: vscode.l10n.t('(the last stage)'), target: undefined as string | undefined }, ...named.map((s) => ({ label: s.name!, description: vscode.l10n.t('line {0}', s.line + 1), target: s.name }))],
      { title: vscode.l10n.t('Which stage? (--target)') },
    );
    if (!picked) return undefined;
    target = picked.target;
  }

  const spec: BuildSpec = {
    dockerfile: dockerfile.fsPath,
    context: remembered?.context ?? folder,
    tag,
    buildArgs: remembered?.buildArgs ?? {},
    target,
    platform: remembered?.platform,
    noCache: false,
  };
  const options = await ctx.prompts.current.pickMany(
    [
      { label: vscode.l10n.t('Do not use the cache'), description: '--no-cache', key: 'noCache' },
      { label: vscode.l10n.t('Build arguments…'), description: formatBuildArgs(maskedBuildArgs(spec.buildArgs)) || '--build-arg', key: 'args' },
      { label: vscode.l10n.t('Platform…'), description: spec.platform ?? '--platform', key: 'platform' },
      { label: vscode.l10n.t('Build context…'), description: vscode.workspace.asRelativePath(spec.context), key: 'context' },
    ],
    { title: vscode.l10n.t('Options (pick none to build now)') },
  );
  if (!options) return undefined;
  const chosen = new Set(options.map((o) => o.key));
  spec.noCache = chosen.has('noCache');
  if (chosen.has('args')) {
    const text = await ctx.prompts.current.input({
      title: vscode.l10n.t('Build arguments'),
      prompt: vscode.l10n.t('KEY=VALUE pairs separated by spaces; they fill the Dockerfile\'s ARG instructions for this build only.'),
      value: formatBuildArgs(spec.buildArgs),
    });
    if (text === undefined) return undefined;
    spec.buildArgs = parseBuildArgs(text, process.env);
  }
  if (chosen.has('platform')) {
    const platform = await ctx.prompts.current.pick(
      ['linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/386', 'linux/ppc64le', 'linux/s390x'].map((label) => ({ label })),
      { title: vscode.l10n.t('Platform to build for') },
    );
    if (!platform) return undefined;
    spec.platform = platform.label;
  }
  if (chosen.has('context')) {
    const [context] = (await ctx.prompts.current.openFiles({ canSelectFolders: true, canSelectFiles: false, defaultUri: vscode.Uri.file(spec.context), title: vscode.l10n.t('Build context: the folder whose files COPY and ADD can see') })) ?? [];
    if (!context) return undefined;
    spec.context = context.fsPath;
  }
  await workflow.state.update(key, { tag: spec.tag, buildArgs: spec.buildArgs, platform: spec.platform, context: spec.context } satisfies Remembered);
  return spec;
}

/** Runs the build as a task and resolves when it has finished. */
export async function runBuild(workflow: BuildWorkflow, spec: BuildSpec): Promise<BuildOutcome> {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(spec.dockerfile));
  const definition: BuildTaskDefinition = {
    type: BUILD_TASK_TYPE,
    dockerfile: spec.dockerfile,
    context: spec.context,
    tag: spec.tag,
    buildArgs: spec.buildArgs,
    target: spec.target,
    platform: spec.platform,
    noCache: spec.noCache,
  };
  const finished = new Promise<BuildOutcome>((resolve) => workflow.waiting.set(spec.dockerfile, resolve));
  await vscode.tasks.executeTask(createBuildTask(definition, folder ?? vscode.TaskScope.Workspace, workflow.deps));
  return finished;
}

export function buildCommands(workflow: BuildWorkflow): Record<string, Handler> {
  const build = async (ctx: CommandContext, argument: unknown): Promise<BuildOutcome | undefined> => {
    if (!requireTrust(vscode.l10n.t('Building an image'))) return undefined;
    const dockerfile = dockerfileUriOf(argument) ?? (await dockerfileToBuild(ctx));
    if (!dockerfile) return undefined;
    const spec = await askBuildSpec(ctx, workflow, dockerfile, (argument as BuildRequest | undefined)?.target);
    if (!spec) return undefined;
    const outcome = await runBuild(workflow, spec);
    if (!outcome.ok) void vscode.window.showErrorMessage(vscode.l10n.t('Building {0} failed; the error is marked in the Dockerfile and in the terminal.', spec.tag || path.basename(spec.dockerfile)));
    return outcome;
  };
  return {
    'dockerWorkbench.images.build': (ctx, node) => build(ctx, node),
    'dockerWorkbench.images.buildAndRun': async (ctx, node) => {
      const outcome = await build(ctx, node);
      if (!outcome?.ok || !outcome.spec.tag) return outcome;
      const slash = outcome.spec.tag.lastIndexOf('/');
      const colon = outcome.spec.tag.lastIndexOf(':');
      const reference = colon > slash ? outcome.spec.tag : `${outcome.spec.tag}:latest`;
      // The Run command takes an image reference as well as an Images-view node.
      await vscode.commands.executeCommand('dockerWorkbench.images.run', reference);
      return outcome;
    },
  };
}
