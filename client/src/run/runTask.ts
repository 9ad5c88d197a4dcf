// The `docker-run` task type: a task whose definition is a RunSpec (declared in package.json's
// taskDefinitions, so tasks.json gets completion and checks). It runs in a pseudoterminal, not a
// shell: it prints the equivalent `docker run` line, creates and starts the container through the
// Engine API and prints its id; a failure prints why and ends the task with exit code 1. Saved run
// configurations are offered as tasks too.
import * as vscode from 'vscode';
import type { DockerEngine } from '../engine/dockerEngine';
import { normalizeRunSpec, type RunSpec } from './runSpec';
import { commandLineOf, createAndStart, defaultBaseFolder, RunError, type StartedContainer } from './runContainer';
import type { SavedRunConfiguration } from './runConfigurations';
import { untrustedReason } from './runTrust';

export const RUN_TASK_TYPE = 'docker-run';

export interface DockerRunTaskDefinition extends vscode.TaskDefinition, Omit<RunSpec, 'image'> {
  type: typeof RUN_TASK_TYPE;
  image: string;
}

/** The RunSpec fields a task definition may carry; anything else (type, VS Code's own keys) is not part of the run. */
const SPEC_KEYS: ReadonlyArray<keyof RunSpec> = [
  'image', 'name', 'interactive', 'remove', 'ports', 'publishAll', 'mounts', 'env', 'envFiles', 'network', 'networkAliases',
  'workdir', 'user', 'entrypoint', 'command', 'memory', 'cpus', 'restart', 'readOnly', 'logDriver', 'logOptions',
];

export function specFromDefinition(definition: vscode.TaskDefinition): RunSpec {
  const picked: Record<string, unknown> = {};
  for (const key of SPEC_KEYS) if (definition[key] !== undefined) picked[key] = definition[key];
  return normalizeRunSpec(picked);
}

export function definitionFromSpec(spec: RunSpec): DockerRunTaskDefinition {
  return { ...spec, type: RUN_TASK_TYPE };
}

export interface RunTaskHost {
  getEngine(): DockerEngine;
  savedConfigurations(): SavedRunConfiguration[];
  /** Opens the attached terminal for an interactive run. */
  attach(started: StartedContainer): void;
  log(line: string): void;
}

const bold = (text: string) => `\x1b[1m${text}\x1b[0m`;
const red = (text: string) => `\x1b[31m${text}\x1b[0m`;
const dim = (text: string) => `\x1b[2m${text}\x1b[0m`;
const lines = (text: string) => text.replace(/\r?\n/g, '\r\n');

/** The task's terminal: one run, then it closes with 0 (started) or 1 (not). */
export class RunTaskTerminal implements vscode.Pseudoterminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<number>();
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;

  constructor(
    private readonly host: RunTaskHost,
    private readonly spec: RunSpec,
    private readonly baseFolder: string | undefined,
  ) {}

  open(): void {
    void this.run();
  }

  close(): void {
    // Nothing to stop: the run is a few engine requests, and the container it started stays.
  }

  private write(text: string): void {
    this.writeEmitter.fire(lines(text));
  }

  private async run(): Promise<void> {
    let code = 1;
    try {
      // VS Code does not run tasks in Restricted Mode; this covers a task started some other way.
      const untrusted = untrustedReason(vscode.workspace.isTrusted);
      if (untrusted) throw new RunError('invalid', untrusted);
      const commandLine = commandLineOf(this.spec);
      if (commandLine) this.write(`${bold(`> ${commandLine}`)}\n`);
      const started = await createAndStart(this.host.getEngine(), this.spec, { baseFolder: this.baseFolder, progress: (line) => this.write(`${dim(line)}\n`) });
      this.write(`${vscode.l10n.t('Started {0}', started.name)}\n${started.id}\n`);
      this.host.log(`docker-run task: started ${started.name} (${started.id.slice(0, 12)})`);
      if (this.spec.interactive) this.host.attach(started);
      code = 0;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.write(`${red(message)}\n`);
      this.host.log(`docker-run task failed${error instanceof RunError ? ` (${error.kind})` : ''}: ${message}`);
    }
    this.closeEmitter.fire(code);
  }
}

function folderOf(scope: vscode.Task['scope']): string | undefined {
  return typeof scope === 'object' && scope && 'uri' in scope && scope.uri.scheme === 'file' ? scope.uri.fsPath : defaultBaseFolder();
}

export class RunTaskProvider implements vscode.TaskProvider {
  constructor(private readonly host: RunTaskHost) {}

  provideTasks(): vscode.Task[] {
    return this.host.savedConfigurations().map(({ name, spec }) => this.task(definitionFromSpec(spec), vscode.TaskScope.Workspace, name));
  }

  resolveTask(task: vscode.Task): vscode.Task | undefined {
    if (task.definition.type !== RUN_TASK_TYPE) return undefined;
    // A task from tasks.json: keep its definition object, as VS Code requires.
    return this.task(task.definition, task.scope ?? vscode.TaskScope.Workspace, task.name);
  }

  private task(definition: vscode.TaskDefinition, scope: vscode.TaskScope | vscode.WorkspaceFolder, name: string): vscode.Task {
    const execution = new vscode.CustomExecution(async (resolved) => {
      // `resolved` has ${workspaceFolder} and the other variables substituted.
      return new RunTaskTerminal(this.host, specFromDefinition(resolved), folderOf(scope));
    });
    const task = new vscode.Task(definition, scope, name, RUN_TASK_TYPE, execution, []);
    task.detail = commandLineOf(specFromDefinition(definition)) || undefined;
    return task;
  }
}
