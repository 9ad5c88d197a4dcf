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

/** A detection kept between sessions (globalState), with what it was made for. */
interface RememberedCli {
  key: string;
  cli: ComposeCli | null;
}

const MEMORY_KEY = 'compose.cli';
let memory: vscode.Memento | undefined;
const changed = new vscode.EventEmitter<void>();
/** Fires when the check found another compose CLI than the remembered one it was answered with. */
export const onDidChangeRememberedComposeCli = changed.event;

/** Where rememberedComposeCli keeps its answer between sessions; set once by the features. */
export function rememberComposeCliIn(state: vscode.Memento): void {
  memory = state;
}

/**
 * The compose CLI for drawing the Compose view: at once when an earlier session found it with the
 * same setting and the same docker on the same PATH, so the view does not wait for `version` to
 * run (0.05-0.1 s for the plugin, ~0.5 s for the Python docker-compose of Debian). The check runs
 * anyway; when it finds another, that one is remembered and onDidChangeRememberedComposeCli fires.
 * Commands that run compose use detectComposeCli, which always checks.
 */
export function rememberedComposeCli(env: NodeJS.ProcessEnv): Promise<ComposeCli | undefined> {
  if (!vscode.workspace.isTrusted) return Promise.resolve(undefined);
  const key = JSON.stringify([vscode.workspace.getConfiguration('dockerWorkbench').get<string>('compose.command', 'auto'), dockerExecutable() ?? '', process.env.PATH ?? '']);
  const remembered = memory?.get<RememberedCli>(MEMORY_KEY);
  const usable = remembered?.key === key ? remembered : undefined;
  const checked = detectComposeCli(env).then((cli) => {
    // Read again: of the callers answered with the old one, the first to see the change says so.
    const now = memory?.get<RememberedCli>(MEMORY_KEY);
    if (now?.key !== key || JSON.stringify(now.cli) !== JSON.stringify(cli ?? null)) {
      void memory?.update(MEMORY_KEY, { key, cli: cli ?? null } satisfies RememberedCli);
      if (usable) changed.fire();
    }
    return cli;
  });
  if (!usable) return checked;
  checked.catch(() => undefined);
  return Promise.resolve(usable.cli ?? undefined);
}
