// Finding the docker CLI and what it can do. Everything runs with argument arrays; results are
// cached per executable because they do not change while VS Code runs.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export interface DockerCli {
  /** The executable to spawn. */
  command: string;
  /** Environment for BuildKit: on when the CLI has it (buildx, or built in before version 23). */
  buildkit: boolean;
  clientVersion: string;
}

const cache = new Map<string, Promise<DockerCli | undefined>>();

/**
 * The docker executable: the `dockerWorkbench.dockerPath` setting, or `docker` on PATH. Only the
 * user's own (or the remote machine's) settings count: a path from a workspace's settings would
 * run a program the repository chose, so workspace and folder values are ignored even in a
 * trusted workspace (the setting is also machine-scoped in package.json).
 */
export function dockerExecutable(): string | undefined {
  const setting = vscode.workspace.getConfiguration('dockerWorkbench').inspect<string>('dockerPath');
  const configured = setting?.globalValue?.trim();
  if (configured) return configured;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, process.platform === 'win32' ? 'docker.exe' : 'docker');
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // keep looking
    }
  }
  return undefined;
}

export function run(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 15_000): Promise<{ code: number; stdout: string; stderr: string }> {
  // The last line of defence: in Restricted Mode no program runs, whoever asks.
  if (!vscode.workspace.isTrusted) return Promise.resolve({ code: 1, stdout: '', stderr: vscode.l10n.t('Not run: this workspace is not trusted.') });
  return new Promise((resolve) => {
    execFile(command, args, { env, timeout: timeoutMs, maxBuffer: 4 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as NodeJS.ErrnoException & { code?: unknown }).code === 'number' ? Number((error as { code: number }).code) : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** Detects the CLI once; undefined when there is none (the API path is used then). */
export function detectDockerCli(env: NodeJS.ProcessEnv): Promise<DockerCli | undefined> {
  if (!vscode.workspace.isTrusted) return Promise.resolve(undefined);
  const command = dockerExecutable();
  if (!command) return Promise.resolve(undefined);
  let found = cache.get(command);
  if (!found) {
    found = (async () => {
      const version = await run(command, ['version', '--format', '{{.Client.Version}}'], env);
      const clientVersion = version.stdout.trim().split('\n')[0] ?? '';
      if (!/^\d+\./.test(clientVersion)) return undefined;
      const buildx = await run(command, ['buildx', 'version'], env);
      const major = Number(clientVersion.split('.')[0]);
      return { command, clientVersion, buildkit: buildx.code === 0 || major < 23 };
    })();
    cache.set(command, found);
  }
  return found;
}
