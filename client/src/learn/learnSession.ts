// What every walkthrough step shares: the engine through the extension's own modules (the run
// workflow's createAndStart, exec through runCapture), the step's report beside the walkthrough,
// the trust and workspace checks, the context key that ticks the step off, and asking before
// anything is deleted. Every argument list is an array; names are never spliced into shell text.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { CommandContext } from '../commands/commandContext';
import type { BuildWorkflow } from '../build/buildCommands';
import type { BuiltImages } from '../build/builtImages';
import { EngineError } from '../engine/engineError';
import { runCapture, type ExecResult } from '../containers/execCapture';
import { createAndStart, type StartedContainer } from '../run/runContainer';
import { toDockerRunArgs, type RunSpec } from '../run/runSpec';
import type { LearnDocuments } from './learnDocuments';
import { StepReport } from './stepReport';
import { cleanUpItems, existingItems, type LearnItem } from './learnCleanUp';

/** What the learn commands get besides the CommandContext. */
export interface LearnDeps {
  build: BuildWorkflow;
  builtImages: BuiltImages;
  documents: LearnDocuments;
  /** The language client, started if needed (for "Explain this Dockerfile"). */
  languageClient(): Promise<LanguageClient>;
}

/** The folder in the workspace that the steps write their files into. */
export const LEARN_FOLDER = 'learn-docker';

export interface ExecOutput extends ExecResult {
  /** stdout and stderr together, as text. */
  text: string;
}

/** One run of one step. */
export class StepSession {
  readonly report: StepReport;

  constructor(readonly ctx: CommandContext, readonly deps: LearnDeps, readonly step: number, title: string) {
    this.report = new StepReport(deps.documents, `learn-step-${step}.md`, title);
  }

  get engine() {
    return this.ctx.active.engine;
  }

  get prompts() {
    return this.ctx.prompts.current;
  }

  /** Creates and starts a container the way the Run workflow does, and shows the `docker run` line. */
  async run(spec: RunSpec): Promise<StartedContainer> {
    this.report.command(toDockerRunArgs(spec));
    const started = await createAndStart(this.engine, spec);
    this.ctx.log.info(`learn: step ${this.step} started ${started.name} (${started.id.slice(0, 12)})`);
    return started;
  }

  /** Runs a command in a running container and shows it as `docker exec` with its output. */
  async exec(container: { id: string; name: string }, cmd: string[], show = true): Promise<ExecOutput> {
    const result = await runCapture(this.engine, container.id, cmd);
    const text = `${result.stdout.toString('utf8')}${result.stderr}`;
    if (show) this.report.command(['exec', container.name, ...cmd], text);
    return { ...result, text };
  }

  /** Removes containers the step made as part of what it shows (`docker rm -f`). */
  async removeContainers(containers: Array<{ id: string; name: string }>): Promise<void> {
    if (!containers.length) return;
    this.report.command(['rm', '-f', ...containers.map((c) => c.name)]);
    for (const c of containers) await this.engine.removeContainer(c.id, { force: true });
  }

  /** Ticks the step off in the walkthrough (its completion event is this context key). */
  async complete(contextKey: string): Promise<void> {
    await vscode.commands.executeCommand('setContext', contextKey, true);
  }

  /**
   * What is left from an earlier run of this step: asks before removing it (naming each item).
   * Resolves to false when the user keeps it, so the step cannot start.
   */
  async clearLeftovers(items: LearnItem[]): Promise<boolean> {
    const found = await existingItems(this.engine, items);
    if (found.length === 0) return true;
    const action = vscode.l10n.t('Remove and Start Again');
    const removed = await cleanUpItems(this.ctx, found, {
      message: vscode.l10n.t('Step {0} left these behind the last time it ran. Remove them and start again?', this.step),
      action,
    });
    return removed;
  }

  /**
   * The end of a step: a notification with the step's next actions and Clean Up. Clean Up asks for
   * a confirmation that names everything that goes, then removes it. Resolves to the action chosen.
   */
  async finish(message: string, items: LearnItem[], extra: Array<{ label: string; run: () => unknown }> = []): Promise<string | undefined> {
    const cleanUp = vscode.l10n.t('Clean Up');
    const choice = await this.prompts.info(message, ...extra.map((e) => e.label), cleanUp);
    if (choice === cleanUp) {
      const found = await existingItems(this.engine, items);
      if (found.length) await cleanUpItems(this.ctx, found);
    } else {
      await extra.find((e) => e.label === choice)?.run();
    }
    return choice;
  }
}

/** True when the workspace is trusted; otherwise says why the step needs it and offers to trust. */
export function requireTrustFor(step: number): boolean {
  if (vscode.workspace.isTrusted) return true;
  const manage = vscode.l10n.t('Manage Workspace Trust');
  void vscode.window.showWarningMessage(
    vscode.l10n.t('Step {0} runs containers or builds an image, which Docker Workbench only does in a trusted workspace: a container can mount your folders and a build runs the Dockerfile\'s commands. Trust this workspace to continue.', step),
    manage,
  ).then((choice) => {
    if (choice === manage) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return false;
}

/** The workspace folder the steps write into (the first local one), or undefined after saying what to do. */
export function learnWorkspace(step: number): vscode.WorkspaceFolder | undefined {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  if (folder) return folder;
  const open = vscode.l10n.t('Open Folder…');
  void vscode.window.showInformationMessage(vscode.l10n.t('Step {0} writes a few small files into your workspace. Open a folder first (File > Open Folder…), then run the step again.', step), open).then((choice) => {
    if (choice === open) void vscode.commands.executeCommand('workbench.action.files.openFolder');
  });
  return undefined;
}

/** Asks before writing files into the workspace, naming them. */
export async function confirmWrite(session: StepSession, folder: vscode.WorkspaceFolder, files: string[]): Promise<boolean> {
  const action = vscode.l10n.t('Write the Files');
  const relative = files.map((f) => path.join(LEARN_FOLDER, f)).join('\n');
  const answer = await session.prompts.confirm(
    vscode.l10n.t('Step {0} writes these files into {1}. Go ahead?', session.step, folder.name),
    vscode.l10n.t('Files (existing ones with these names are replaced):') + '\n' + relative,
    action,
  );
  return answer === action;
}

export async function writeWorkspaceFile(folder: vscode.WorkspaceFolder, relative: string, text: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(folder.uri, LEARN_FOLDER, ...relative.split('/'));
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  return uri;
}

/** True when the engine runs on this machine, so a bind mount of a local folder means that folder. */
export function engineIsLocal(endpoint: string): boolean {
  return /^(unix|npipe):/.test(endpoint) || endpoint.startsWith('/');
}

/** The engine's reason as text for a report. */
export function reasonOf(error: unknown): string {
  if (error instanceof EngineError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
