// The `docker-compose` task type: one compose command for one project, run through the CLI the
// user has (v2 or v1) with an argument array, against the engine chosen in the Engines view.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ActiveEngine } from '../engine/activeEngine';
import { detectComposeCli, NO_COMPOSE_MESSAGE } from './composeCli';
import { readSmallFile } from './composeFiles';
import { composeArgs, nameSourcesOf, optionLikeNames, projectName, type ComposeCommandOptions, type ComposeFlavor, type ComposeProject, type ComposeSubcommand } from './composeProject';

export const COMPOSE_TASK_TYPE = 'docker-compose';

export interface ComposeTaskDefinition extends vscode.TaskDefinition {
  command: ComposeSubcommand;
  files?: string[];
  /** Passed as `-p`; without it the CLI derives the name (COMPOSE_PROJECT_NAME, `name:`, the folder). */
  projectName?: string;
  projectDirectory?: string;
  services?: string[];
  profiles?: string[];
  build?: boolean;
  removeVolumes?: boolean;
  follow?: boolean;
}

/** Refuses names a compose CLI would read as options, in words the user can act on. */
export function refuseOptionLikeNames(project: ComposeProject, options: ComposeCommandOptions): void {
  const unsafe = optionLikeNames([...(options.services ?? []), ...(options.profiles ?? []), ...(project.chosenName !== undefined ? [project.chosenName] : [])]);
  if (unsafe.length) {
    throw new Error(vscode.l10n.t('Refused: a compose CLI would read {0} as an option, not as a name. Rename what starts with "-" (services, profiles and project names must start with a letter or digit).', unsafe.join(', ')));
  }
}

export async function createComposeTask(project: ComposeProject, subcommand: ComposeSubcommand, options: ComposeCommandOptions, active: ActiveEngine, scope?: vscode.WorkspaceFolder): Promise<vscode.Task> {
  // Tasks are off in Restricted Mode; this covers a compose task started some other way.
  if (!vscode.workspace.isTrusted) throw new Error(vscode.l10n.t('Compose runs programs with this workspace\'s files, so it needs a trusted workspace.'));
  refuseOptionLikeNames(project, options);
  const env = { ...process.env, ...active.cliEnv };
  const cli = await detectComposeCli(env);
  if (!cli) throw new Error(NO_COMPOSE_MESSAGE());
  const definition: ComposeTaskDefinition = {
    type: COMPOSE_TASK_TYPE,
    command: subcommand,
    files: project.files,
    projectName: project.chosenName,
    projectDirectory: project.folder,
    services: options.services,
    profiles: options.profiles,
    build: options.build,
    removeVolumes: options.removeVolumes,
    follow: options.follow,
  };
  const args = [...cli.prefix, ...composeArgs(project, subcommand, options, cli.flavor)];
  const execution = new vscode.ProcessExecution(cli.command, args, { cwd: project.folder, env: active.cliEnv });
  const label = [subcommand, project.name, ...(options.services ?? [])].join(' ');
  const task = new vscode.Task(definition, scope ?? vscode.TaskScope.Workspace, label, 'docker compose', execution, []);
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, clear: true, panel: subcommand === 'logs' ? vscode.TaskPanelKind.New : vscode.TaskPanelKind.Shared };
  return task;
}

/** Runs a compose task and resolves to its exit code (undefined when it was still following logs). */
export async function runComposeTask(task: vscode.Task, waitForEnd = true): Promise<number | undefined> {
  const execution = await vscode.tasks.executeTask(task);
  if (!waitForEnd) return undefined;
  return new Promise((resolve) => {
    const listener = vscode.tasks.onDidEndTaskProcess((e) => {
      if (e.execution !== execution) return;
      listener.dispose();
      resolve(e.exitCode);
    });
  });
}

/** The project a task definition names; without `projectName` its name follows the CLI's rules. */
export function projectFromDefinition(definition: ComposeTaskDefinition, folder: string | undefined, flavor: ComposeFlavor, env: NodeJS.ProcessEnv): ComposeProject {
  const base = folder ?? process.cwd();
  const resolve = (p: string) => (path.isAbsolute(p) ? p : path.join(base, p));
  const files = (definition.files ?? []).map(resolve);
  const projectFolder = definition.projectDirectory ? resolve(definition.projectDirectory) : files[0] ? path.dirname(files[0]) : base;
  if (definition.projectName) return { name: definition.projectName, chosenName: definition.projectName, folder: projectFolder, files };
  return { name: projectName(projectFolder, flavor, nameSourcesOf(projectFolder, files, env, readSmallFile)), folder: projectFolder, files };
}

export function registerComposeTaskProvider(active: ActiveEngine): vscode.Disposable {
  return vscode.tasks.registerTaskProvider(COMPOSE_TASK_TYPE, {
    provideTasks: () => [],
    resolveTask: async (task) => {
      const definition = task.definition as ComposeTaskDefinition;
      // Resolving detects the CLI (runs it) and reads the project's files: trusted workspaces only.
      if (!definition.command || !vscode.workspace.isTrusted) return undefined;
      const scope = typeof task.scope === 'object' ? task.scope : undefined;
      const env = { ...process.env, ...active.cliEnv };
      const flavor = (await detectComposeCli(env))?.flavor ?? 'v2';
      const resolved = await createComposeTask(projectFromDefinition(definition, scope?.uri.fsPath, flavor, env), definition.command, definition, active, scope);
      // Keep the user's definition object so VS Code matches the resolved task to it.
      return new vscode.Task(definition, task.scope ?? vscode.TaskScope.Workspace, resolved.name, resolved.source, resolved.execution, []);
    },
  });
}
