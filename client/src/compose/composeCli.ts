// Which compose the user has: `docker compose` (v2 plugin) or `docker-compose` (v1), detected
// once, or as the `dockerWorkbench.compose.command` setting says.
import * as path from 'node:path';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { dockerExecutable, run } from '../build/dockerCli';
import type { ComposeFlavor } from './composeProject';

export interface ComposeCli {
  flavor: ComposeFlavor;
  /** The executable to spawn. */
  command: string;
  /** Arguments before the compose arguments (`compose` for v2). */
  prefix: string[];
  version: string;
}

let detected: Promise<ComposeCli | undefined> | undefined;
let detectedFor = '';

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // keep looking
    }
  }
  return undefined;
}

/** Runs the CLI to find out, so in Restricted Mode there is none (nothing runs there). */
export function detectComposeCli(env: NodeJS.ProcessEnv): Promise<ComposeCli | undefined> {
  if (!vscode.workspace.isTrusted) return Promise.resolve(undefined);
  const setting = vscode.workspace.getConfiguration('dockerWorkbench').get<string>('compose.command', 'auto');
  if (detected && detectedFor === setting) return detected;
  detectedFor = setting;
  detected = (async () => {
    const docker = dockerExecutable();
    const tryV2 = async (): Promise<ComposeCli | undefined> => {
      if (!docker) return undefined;
      const result = await run(docker, ['compose', 'version', '--short'], env);
      return result.code === 0 ? { flavor: 'v2', command: docker, prefix: ['compose'], version: result.stdout.trim() } : undefined;
    };
    const tryV1 = async (): Promise<ComposeCli | undefined> => {
      const command = onPath('docker-compose');
      if (!command) return undefined;
      const result = await run(command, ['version', '--short'], env);
      return result.code === 0 ? { flavor: 'v1', command, prefix: [], version: result.stdout.trim() } : undefined;
    };
    if (setting === 'docker compose') return tryV2();
    if (setting === 'docker-compose') return tryV1();
    return (await tryV2()) ?? (await tryV1());
  })();
  return detected;
}

export const NO_COMPOSE_MESSAGE = () =>
  vscode.l10n.t('Neither "docker compose" nor "docker-compose" was found. Install the Docker Compose plugin (or docker-compose), or set dockerWorkbench.compose.command.');
