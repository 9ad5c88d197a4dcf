// The `docker-compose` task type: one compose command for one project, run through the CLI the
// user has (v2 or v1) with an argument array, against the engine chosen in the Engines view.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ActiveEngine } from '../engine/activeEngine';
import { detectComposeCli, NO_COMPOSE_MESSAGE } from './composeCli';
import { composeArgs, defaultProjectName, type ComposeCommandOptions, type ComposeProject, type ComposeSubcommand } from './composeProject';

export const COMPOSE_TASK_TYPE = 'docker-compose';

export interface ComposeTaskDefinition extends vscode.TaskDefinition {
  command: ComposeSubcommand;
  files?: string[];
  projectName?: string;
  projectDirectory?: string;
  services?: string[];
  profiles?: string[];
  build?: boolean;
  removeVolumes?: boolean;
  follow?: boolean;
}

export async function createComposeTask(project: ComposeProject, subcommand: ComposeSubcommand, options: ComposeCommandOptions, active: ActiveEngine, scope?: vscode.WorkspaceFolder): Promise<vscode.Task> {
  const env = { ...process.env, ...active.cliEnv };
  const cli = await detectComposeCli(env);
  if (!cli) throw new Error(NO_COMPOSE_MESSAGE());
  const definition: ComposeTaskDefinition = {
    type: COMPOSE_TASK_TYPE,
    command: subcommand,
    files: project.files,
    projectName: project.name,
    projectDirectory: project.folder,
    services: options.services,
    profiles: options.profiles,
    build: options.build,
    removeVolumes: options.removeVolumes,
    follow: options.follow,
  };
  const args = [...cli.prefix, ...composeArgs(project, subcommand, options)];
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

export function projectFromDefinition(definition: ComposeTaskDefinition, folder?: string): ComposeProject {
  const base = folder ?? process.cwd();
  const resolve = (p: string) => (path.isAbsolute(p) ? p : path.join(base, p));
  const files = (definition.files ?? []).map(resolve);
  const projectFolder = definition.projectDirectory ? resolve(definition.projectDirectory) : files[0] ? path.dirname(files[0]) : base;
  return { name: definition.projectName ?? defaultProjectName(projectFolder, 'v2'), folder: projectFolder, files };
}

export function registerComposeTaskProvider(active: ActiveEngine): vscode.Disposable {
  return vscode.tasks.registerTaskProvider(COMPOSE_TASK_TYPE, {
    provideTasks: () => [],
    resolveTask: async (task) => {
      const definition = task.definition as ComposeTaskDefinition;
      if (!definition.command) return undefined;
      const scope = typeof task.scope === 'object' ? task.scope : undefined;
      const resolved = await createComposeTask(projectFromDefinition(definition, scope?.uri.fsPath), definition.command, definition, active, scope);
      // Keep the user's definition object so VS Code matches the resolved task to it.
      return new vscode.Task(definition, task.scope ?? vscode.TaskScope.Workspace, resolved.name, resolved.source, resolved.execution, []);
    },
  });
}
