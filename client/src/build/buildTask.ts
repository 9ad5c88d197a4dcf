// The `docker-build` task: runs `docker build` with an argument array in a pseudoterminal so the
// user sees the real output, reads it as it streams, and on failure prints one line the
// `$docker-build` problem matcher turns into a diagnostic on the failing Dockerfile line. With no
// docker CLI it builds through the Engine API instead (honouring .dockerignore).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ActiveEngine } from '../engine/activeEngine';
import { maskArgv, maskText } from '../containers/secretMasking';
import { BuildOutputReader } from './buildOutput';
import { formatCommandLine, toDockerBuildArgs, type BuildSpec } from './buildSpec';
import { detectDockerCli } from './dockerCli';
import { dockerfileFacts } from './dockerfileFacts';

export { BUILD_TASK_TYPE } from '../registrationIds';

export interface BuildTaskDefinition extends vscode.TaskDefinition {
  dockerfile: string;
  context?: string;
  tag?: string;
  buildArgs?: Record<string, string>;
  target?: string;
  platform?: string;
  noCache?: boolean;
}

export interface BuildOutcome {
  spec: BuildSpec;
  ok: boolean;
  imageId?: string;
  reader: BuildOutputReader;
}

export interface BuildTaskDeps {
  active: ActiveEngine;
  log: vscode.LogOutputChannel;
  /** Called after every build the task runs, successful or not. */
  onBuilt(outcome: BuildOutcome): void | Promise<void>;
}

export function specFromDefinition(definition: BuildTaskDefinition, folder?: string): BuildSpec {
  const resolve = (p: string) => (path.isAbsolute(p) ? p : path.join(folder ?? process.cwd(), p));
  const dockerfile = resolve(definition.dockerfile);
  return {
    dockerfile,
    context: definition.context ? resolve(definition.context) : path.dirname(dockerfile),
    tag: definition.tag ?? '',
    buildArgs: definition.buildArgs ?? {},
    target: definition.target || undefined,
    platform: definition.platform || undefined,
    noCache: Boolean(definition.noCache),
  };
}

export function createBuildTask(definition: BuildTaskDefinition, scope: vscode.WorkspaceFolder | vscode.TaskScope, deps: BuildTaskDeps): vscode.Task {
  const folder = typeof scope === 'object' ? scope.uri.fsPath : undefined;
  const spec = specFromDefinition(definition, folder);
  const name = definition.tag ? vscode.l10n.t('build {0}', definition.tag) : vscode.l10n.t('build {0}', path.basename(spec.dockerfile));
  const task = new vscode.Task(definition, scope, name, 'docker', new vscode.CustomExecution(async () => new BuildTerminal(spec, deps)), ['$docker-build']);
  task.group = vscode.TaskGroup.Build;
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, clear: true };
  return task;
}

/** Resolves `docker-build` tasks from tasks.json (the composition root registers it for the type). */
export function buildTaskProvider(deps: BuildTaskDeps): vscode.TaskProvider {
  return {
    provideTasks: () => [],
    resolveTask: (task) => {
      const definition = task.definition as BuildTaskDefinition;
      if (!definition.dockerfile) return undefined;
      return createBuildTask(definition, task.scope ?? vscode.TaskScope.Workspace, deps);
    },
  };
}

/** The pseudoterminal a build task runs in. */
class BuildTerminal implements vscode.Pseudoterminal {
  private readonly writer = new vscode.EventEmitter<string>();
  private readonly closer = new vscode.EventEmitter<number>();
  readonly onDidWrite = this.writer.event;
  readonly onDidClose = this.closer.event;
  private stop: (() => void) | undefined;

  constructor(private readonly spec: BuildSpec, private readonly deps: BuildTaskDeps) {}

  open(): void {
    void this.build().then(
      (code) => this.closer.fire(code),
      (error: unknown) => {
        this.write(`\n${vscode.l10n.t('Build failed: {0}', error instanceof Error ? error.message : String(error))}\n`);
        this.closer.fire(1);
      },
    );
  }

  close(): void {
    this.stop?.();
  }

  private write(text: string): void {
    this.writer.fire(text.replace(/\r?\n/g, '\r\n'));
  }

  private async build(): Promise<number> {
    if (!vscode.workspace.isTrusted) {
      this.write(vscode.l10n.t('Building runs the Dockerfile\'s commands, so it needs a trusted workspace.') + '\n');
      return 1;
    }
    const reader = new BuildOutputReader();
    const env = { ...process.env, ...this.deps.active.cliEnv };
    const cli = await detectDockerCli(env);
    const code = cli
      ? await this.buildWithCli(cli.command, { ...env, DOCKER_BUILDKIT: cli.buildkit ? '1' : '0' }, cli.buildkit, reader)
      : await this.buildWithApi(reader);
    reader.end();
    if (code !== 0) this.reportFailure(reader);
    await this.deps.onBuilt({ spec: this.spec, ok: code === 0, imageId: reader.imageId, reader });
    return code;
  }

  private buildWithCli(command: string, env: NodeJS.ProcessEnv, buildkit: boolean, reader: BuildOutputReader): Promise<number> {
    const args = toDockerBuildArgs(this.spec);
    if (buildkit) args.splice(1, 0, '--progress=plain');
    // The line shown is masked (`--build-arg NPM_TOKEN=***`); the process gets the real values.
    this.write(`> ${formatCommandLine('docker', maskArgv(args))}\n\n`);
    return new Promise((resolve) => {
      const child = spawn(command, args, { env, cwd: this.spec.context });
      this.stop = () => child.kill('SIGINT');
      const onData = (chunk: Buffer) => {
        const text = chunk.toString();
        reader.push(text);
        this.write(text);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('error', (error) => {
        this.write(`${error.message}\n`);
        resolve(1);
      });
      child.on('close', (code) => resolve(code ?? 1));
    });
  }

  /** No docker CLI: the classic builder through the Engine API, progress to the terminal and the log. */
  private async buildWithApi(reader: BuildOutputReader): Promise<number> {
    const { spec } = this;
    const relative = path.relative(spec.context, spec.dockerfile);
    if (relative.startsWith('..') || path.isAbsolute(relative)) {
      this.write(vscode.l10n.t('Without a docker CLI the Dockerfile must be inside the build context ({0}).', spec.context) + '\n');
      return 1;
    }
    this.write(vscode.l10n.t('No docker CLI found: building through the Engine API (classic builder).') + '\n\n');
    this.deps.log.info(`API build of ${spec.dockerfile} in ${spec.context}`);
    const engine = this.deps.active.engine;
    try {
      const stream = await engine.buildImage(spec.context, fs.readdirSync(spec.context), {
        dockerfile: relative.split(path.sep).join('/'),
        t: spec.tag || undefined,
        buildargs: spec.buildArgs,
        target: spec.target,
        platform: spec.platform,
        nocache: spec.noCache,
        rm: true,
      });
      await engine.followProgress(stream, (event) => {
        const text = event.stream ?? (event.status ? `${event.status}\n` : '');
        if (!text) return;
        reader.push(text);
        this.write(text);
        this.deps.log.info(maskText(text.trimEnd()));
      });
      return 0;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      reader.push(`ERROR: ${message}\n`);
      this.write(`${message}\n`);
      return 1;
    }
  }

  /** One line in the problem matcher's format, on the failing instruction's line. */
  private reportFailure(reader: BuildOutputReader): void {
    if (!reader.failure) return;
    let line = 0;
    try {
      line = dockerfileFacts(fs.readFileSync(this.spec.dockerfile, 'utf8')).lineOf(reader.failure.step ?? { text: '' }) ?? 0;
    } catch {
      // the Dockerfile may be gone; point at its first line
    }
    this.write(`\n${this.spec.dockerfile}:${line + 1}:1: error: ${reader.failure.message}\n`);
  }
}
