// `docker stack deploy` as a VS Code task: the docker CLI with an argument array (the stack name
// after `--`, validated so it can never be read as an option), in the compose file's folder,
// against the engine chosen in the Engines view. The CLI, not the API, because it is what turns
// a compose file into services, networks, secrets and configs the way users expect.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ActiveEngine } from '../engine/activeEngine';
import { dockerExecutable } from '../build/dockerCli';

/** What Docker accepts as a stack name (it becomes a label value and a prefix of service names). */
export const STACK_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/;

export function isValidStackName(name: string): boolean {
  return STACK_NAME.test(name);
}

/** A stack name from the file's top-level `name:` or its folder, made valid. */
export function defaultStackName(file: string, text = ''): string {
  const declared = /^name:\s*["']?([^"'#\s]+)["']?\s*(#.*)?$/m.exec(text)?.[1];
  const candidate = (declared && !declared.includes('$') ? declared : path.basename(path.dirname(file))).toLowerCase().replace(/[^a-z0-9_.-]+/g, '-').replace(/^[^a-z0-9]+/, '');
  return (candidate || 'stack').slice(0, 63);
}

/** The CLI arguments: `stack deploy --compose-file F… [--prune] -- NAME`. */
export function stackDeployArgs(files: readonly string[], name: string, options: { prune?: boolean } = {}): string[] {
  if (!isValidStackName(name)) throw new Error(`invalid stack name ${JSON.stringify(name)}`);
  return ['stack', 'deploy', ...files.flatMap((f) => ['--compose-file', f]), ...(options.prune ? ['--prune'] : []), '--', name];
}

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
