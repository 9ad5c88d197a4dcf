// `docker stack deploy` as a VS Code task: the docker CLI with an argument array (the stack name
// after `--`, validated so it can never be read as an option), in the compose file's folder,
// against the engine chosen in the Engines view. The CLI, not the API, because it is what turns
// a compose file into services, networks, secrets and configs the way users expect.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ActiveEngine } from '../engine/activeEngine';
import { dockerExecutable } from '../build/dockerCli';
import { stackDeployArgs } from './stackArgs';

export const STACK_TASK_TYPE = 'docker-stack';

/** Runs the deploy in a terminal and resolves to the CLI's exit code. */
export async function runStackDeploy(active: ActiveEngine, files: readonly string[], name: string): Promise<number | undefined> {
  const docker = dockerExecutable();
  if (!docker) throw new Error(vscode.l10n.t('Deploying a stack needs the docker CLI, which was not found. Install it, or set dockerWorkbench.dockerPath.'));
  const folder = path.dirname(files[0]!);
  const execution = new vscode.ProcessExecution(docker, stackDeployArgs(files, name), { cwd: folder, env: active.cliEnv });
  const scope = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(folder)) ?? vscode.TaskScope.Workspace;
  const task = new vscode.Task({ type: STACK_TASK_TYPE, files: [...files], name }, scope, vscode.l10n.t('deploy stack {0}', name), 'docker stack', execution, []);
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, clear: true, panel: vscode.TaskPanelKind.Shared };
  const started = await vscode.tasks.executeTask(task);
  return new Promise((resolve) => {
    const listener = vscode.tasks.onDidEndTaskProcess((e) => {
      if (e.execution !== started) return;
      listener.dispose();
      resolve(e.exitCode);
    });
  });
}
