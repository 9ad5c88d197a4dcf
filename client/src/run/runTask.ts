// The `docker-run` task type: a task whose definition is a RunSpec (declared in package.json's
// taskDefinitions, so tasks.json gets completion and checks). It runs in a pseudoterminal, not a
// shell: it prints the equivalent `docker run` line and creates the container through the Engine
// API. Detached, it starts it, prints its id and ends with 0. Otherwise the task's terminal is the
// container's, as with docker run in a shell: attached before the start, its output from the first
// byte, typing for -i / -it, and the task ends with the container's exit code. A failure prints
// why and ends the task with exit code 1. Saved run configurations are offered as tasks too.
import * as vscode from 'vscode';
import type { DockerEngine } from '../engine/dockerEngine';
import { isDetached, normalizeRunSpec, type RunSpec } from './runSpec';
import { commandLineOf, createContainer, defaultBaseFolder, RunError, startCreated } from './runContainer';
import { AttachedRun } from './attachedRun';
import { runAdvice, runEndLine } from './runTerminal';
import type { SavedRunConfiguration } from './runConfigurations';
import { untrustedReason } from './runTrust';

export const RUN_TASK_TYPE = 'docker-run';

export interface DockerRunTaskDefinition extends vscode.TaskDefinition, Omit<RunSpec, 'image'> {
  type: typeof RUN_TASK_TYPE;
  image: string;
}

/** The RunSpec fields a task definition may carry; anything else (type, VS Code's own keys) is not part of the run. */
const SPEC_KEYS: ReadonlyArray<keyof RunSpec> = [
  'image', 'name', 'interactive', 'tty', 'detach', 'detachKeys', 'remove', 'ports', 'publishAll', 'mounts', 'env', 'envFiles', 'network', 'networkAliases',
  'links', 'workdir', 'user', 'entrypoint', 'command', 'memory', 'cpus', 'restart', 'readOnly', 'logDriver', 'logOptions',
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
  log(line: string): void;
}

const bold = (text: string) => `\x1b[1m${text}\x1b[0m`;
const red = (text: string) => `\x1b[31m${text}\x1b[0m`;
const dim = (text: string) => `\x1b[2m${text}\x1b[0m`;
const lines = (text: string) => text.replace(/\r?\n/g, '\r\n');

/** The task's terminal: one run, then it closes with 0 (started detached), the container's exit code, or 1 (not run). */
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

  private attached: AttachedRun | undefined;
  private dimensions: vscode.TerminalDimensions | undefined;

  open(dimensions: vscode.TerminalDimensions | undefined): void {
    this.dimensions = dimensions;
    void this.run();
  }

  handleInput(data: string): void {
    this.attached?.input(data);
  }

  setDimensions(dimensions: vscode.TerminalDimensions): void {
    this.dimensions = dimensions;
    void this.attached?.resize(dimensions.columns, dimensions.rows);
  }

  close(): void {
    // Terminating the task lets go of an attached container; it keeps running, as a detached one does.
    this.attached?.detach();
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
      const engine = this.host.getEngine();
      const created = await createContainer(engine, this.spec, { baseFolder: this.baseFolder, progress: (line) => this.write(`${dim(line)}\n`) });
      if (isDetached(this.spec)) {
        await startCreated(engine, created, this.spec);
        this.write(`${vscode.l10n.t('Started {0}', created.name)}\n${created.id}\n`);
        this.host.log(`docker-run task: started ${created.name} (${created.id.slice(0, 12)})`);
        code = 0;
      } else {
        this.write(`${dim(runAdvice(this.spec))}\n`);
        this.attached = await AttachedRun.begin(engine, created.id, this.spec, { write: (text) => this.writeEmitter.fire(text) }, {
          start: () => startCreated(engine, created, this.spec),
          columns: this.dimensions?.columns,
          rows: this.dimensions?.rows,
        });
        this.host.log(`docker-run task: started ${created.name} (${created.id.slice(0, 12)}), attached`);
        const end = await this.attached.ended;
        this.attached = undefined;
        this.write(`\n${dim(runEndLine(created.name, end, end.outcome === 'exited' && Boolean(this.spec.remove)))}\n`);
        // Like docker run in a shell: the task ends with the container's exit code (0 when detached from it).
        code = end.outcome === 'exited' ? end.exitCode ?? 1 : 0;
      }
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
