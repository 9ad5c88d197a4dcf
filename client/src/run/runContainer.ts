// Runs a RunSpec through the Engine API, the way `docker run` would: make sure the image is
// there (pull it when missing), create the named volumes the user asked for, create the
// container, start it. Engine failures become RunErrors that say what to do (image missing with no
// registry, port taken, name taken, engine unreachable). A container that was created but could
// not start is removed again, so a retry does not trip over its name. runFollowUp.ts adds the UI.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DockerEngine } from '../engine/dockerEngine';
import { EngineError } from '../engine/engineError';
import { maskArgv } from '../containers/secretMasking';
import { portInUse } from './portInUse';
import { TransferProgress } from '../engine/transferProgress';
import { EnvFileError, formatCommandLine, hasErrors, isUserDefinedNetwork, loadEnvFiles, namedVolumes, toCreateOptions, toDockerRunArgs, validateRunSpec, type RunSpec } from './runSpec';

export type RunErrorKind = 'invalid' | 'unreachable' | 'imageMissing' | 'volumeMissing' | 'networkMissing' | 'nameInUse' | 'portInUse' | 'failed';

export class RunError extends Error {
  constructor(readonly kind: RunErrorKind, message: string, readonly detail?: string) {
    super(message);
    this.name = 'RunError';
  }
}

export interface RunIo {
  /** Progress lines (pulling, creating a volume): the task terminal prints them, the form shows the latest. */
  progress?(line: string): void;
  /** Folder that relative env file paths are read from (the CLI would use its working directory). */
  baseFolder?: string;
  /** Reads an env file; defaults to the local file system. */
  readFile?(file: string): Promise<string>;
  /** Values for env file lines that name only a variable; defaults to the extension host's environment. */
  lookupEnv?(key: string): string | undefined;
}

export interface StartedContainer {
  id: string;
  name: string;
  /** What was shown to the user as the equivalent command. */
  commandLine: string;
}

/**
 * The equivalent command line for logs, the run-task terminal and task details, with secret
 * values masked (`-e POSTGRES_PASSWORD=***`); empty for a spec too malformed to describe.
 */
export function commandLineOf(spec: RunSpec): string {
  try {
    return formatCommandLine(maskArgv(toDockerRunArgs(spec)));
  } catch {
    return '';
  }
}

/** Engine failures while running, in the words the user needs. */
export function explainRunFailure(error: unknown, spec: RunSpec, stage: 'create' | 'start'): RunError {
  if (error instanceof RunError) return error;
  const engineError = error instanceof EngineError ? error : undefined;
  const message = error instanceof Error ? error.message : String(error);
  if (engineError?.unreachable) return new RunError('unreachable', vscode.l10n.t('The Docker Engine cannot be reached, so nothing was run. {0}', message), engineError.detail);
  if (stage === 'create' && (engineError?.kind === 'conflict' || /is already in use by container/i.test(message))) {
    return new RunError('nameInUse', vscode.l10n.t('The name "{0}" is already used by another container. Choose another name, or remove that container first.', spec.name ?? ''), message);
  }
  const port = portInUse(message);
  if (port) {
    return new RunError('portInUse', port.ip
      ? vscode.l10n.t('Host port {0} on {1} is already in use (by another container or program). Choose another host port, or leave it empty for a random one.', port.port, port.ip)
      : vscode.l10n.t('Host port {0} is already in use (by another container or program). Choose another host port, or leave it empty for a random one.', port.port), message);
  }
  if (/network .* not found/i.test(message)) return new RunError('networkMissing', vscode.l10n.t('The network "{0}" does not exist. Create it in the Networks view or choose another.', spec.network ?? ''), message);
  if (/no such image|pull access denied|manifest unknown/i.test(message)) return imageMissing(spec.image, message);
  return new RunError('failed', stage === 'create'
    ? vscode.l10n.t('The engine could not create the container: {0}', message)
    : vscode.l10n.t('The container was created but could not start: {0}', message), message);
}

function imageMissing(image: string, reason: string): RunError {
  return new RunError('imageMissing', vscode.l10n.t('The image {0} is not on this engine, and pulling it from its registry failed ({1}). Build it from a Dockerfile, or pull it when the registry can be reached.', image, reason.split('\n')[0]!.trim()), reason);
}

/** The image, pulled first when the engine does not have it (as `docker run` does). */
async function ensureImage(engine: DockerEngine, image: string, io: RunIo): Promise<void> {
  try {
    await engine.inspectImage(image);
    return;
  } catch (error) {
    if (!(error instanceof EngineError) || error.kind !== 'notFound') throw explainRunFailure(error, { image }, 'create');
  }
  io.progress?.(vscode.l10n.t('{0} is not on this engine; pulling it…', image));
  await pullImage(engine, image, io.progress);
}

/**
 * Pulls an image, reporting "Pulling IMAGE: N% (layer: status)" as the percentage moves (in steps
 * of 5, so a terminal gets a readable number of lines). Failures say whether the engine or the
 * registry could not be reached.
 */
export async function pullImage(engine: DockerEngine, image: string, progress?: (line: string) => void): Promise<void> {
  try {
    const stream = await engine.pull(image);
    const transfer = new TransferProgress();
    let shown = -1;
    await engine.followProgress(stream, (event) => {
      transfer.push(event);
      const percent = transfer.percent;
      const step = percent === undefined ? -1 : percent - (percent % 5);
      if (step <= shown) return;
      shown = step;
      progress?.(vscode.l10n.t('Pulling {0}: {1}% ({2})', image, percent!, transfer.status));
    });
    progress?.(vscode.l10n.t('Pulled {0}.', image));
  } catch (error) {
    // A registry time-out looks like an engine time-out; ask the engine itself which it was.
    const engineDown = await engine.ping().then(() => undefined, (e: unknown) => e);
    if (engineDown) throw explainRunFailure(engineDown, { image }, 'create');
    const reason = error instanceof EngineError ? (error.detail ?? error.message) : error instanceof Error ? error.message : String(error);
    throw imageMissing(image, reason);
  }
}

async function ensureVolumes(engine: DockerEngine, spec: RunSpec, io: RunIo): Promise<void> {
  for (const mount of namedVolumes(spec)) {
    const name = mount.source!.trim();
    const existing = await engine.listVolumes(name);
    if (existing.length) continue;
    if (!mount.create) {
      throw new RunError('volumeMissing', vscode.l10n.t('The volume "{0}" does not exist. Choose an existing volume, or tick "create if missing" ("create": true) to make it.', name));
    }
    io.progress?.(vscode.l10n.t('Creating volume {0}', name));
    await engine.createVolume({ name });
  }
}

async function ensureNetwork(engine: DockerEngine, spec: RunSpec): Promise<void> {
  if (!isUserDefinedNetwork(spec.network)) return;
  const network = spec.network!.trim();
  try {
    await engine.inspectNetwork(network);
  } catch (error) {
    if (error instanceof EngineError && error.kind === 'notFound') {
      throw new RunError('networkMissing', vscode.l10n.t('The network "{0}" does not exist. Create it in the Networks view or choose another.', network));
    }
    throw explainRunFailure(error, spec, 'create');
  }
}

/** Validates, then creates and starts the container; resolves once it is running (or has run, with --rm). */
export async function createAndStart(engine: DockerEngine, spec: RunSpec, io: RunIo = {}): Promise<StartedContainer> {
  const created = await createContainer(engine, spec, io);
  await startCreated(engine, created, spec);
  return { id: created.id, name: created.name, commandLine: created.commandLine };
}

/** A container made from a spec, not started yet. */
export interface CreatedContainer {
  id: string;
  /** The name asked for, else the one the engine made up. */
  name: string;
  commandLine: string;
}

/**
 * Everything docker run does before the start: validation, env files, the image (pulled when
 * missing), the network, named volumes, then the create. Nothing runs yet.
 */
export async function createContainer(engine: DockerEngine, spec: RunSpec, io: RunIo = {}): Promise<CreatedContainer> {
  const problems = validateRunSpec(spec, vscode.l10n);
  if (hasErrors(problems)) {
    throw new RunError('invalid', problems.filter((p) => p.severity === 'error').map((p) => p.message).join('\n'));
  }
  const commandLine = commandLineOf(spec);
  const readFile = io.readFile ?? ((file: string) => fs.readFile(file, 'utf8'));
  let envEntries: string[];
  try {
    envEntries = await loadEnvFiles(spec, {
      read: (file) => readFile(io.baseFolder && !path.isAbsolute(file) ? path.join(io.baseFolder, file) : file),
      lookup: io.lookupEnv ?? ((key) => process.env[key]),
    }, vscode.l10n);
  } catch (error) {
    throw new RunError('invalid', error instanceof EnvFileError ? error.message : String(error));
  }

  await ensureImage(engine, spec.image.trim(), io);
  await ensureNetwork(engine, spec);
  await ensureVolumes(engine, spec, io);

  let id: string;
  try {
    id = await engine.createContainer(toCreateOptions(spec, envEntries));
  } catch (error) {
    throw explainRunFailure(error, spec, 'create');
  }
  let name = spec.name?.trim() || id.slice(0, 12);
  if (!spec.name?.trim()) name = (await engine.inspectContainer(id).then((d) => d.Name.replace(/^\//, ''), () => '')) || name;
  return { id, name, commandLine };
}

/** Starts a created container; when that fails it is removed again and the failure explained. */
export async function startCreated(engine: DockerEngine, created: CreatedContainer, spec: RunSpec): Promise<void> {
  try {
    await engine.containerAction(created.id, 'start');
  } catch (error) {
    // `docker run` would leave a created container behind; remove it so the name is free again.
    await engine.removeContainer(created.id, { force: true }).catch(() => undefined);
    throw explainRunFailure(error, spec, 'start');
  }
}

/** The first published TCP port of a running container as an http:// address. */
export async function browserAddress(engine: DockerEngine, id: string): Promise<string | undefined> {
  const details = await engine.inspectContainer(id).catch(() => undefined);
  const ports = details?.NetworkSettings?.Ports ?? {};
  for (const [key, bindings] of Object.entries(ports)) {
    if (!key.endsWith('/tcp')) continue;
    const binding = (bindings ?? []).find((b) => b.HostPort);
    if (!binding) continue;
    const ip = binding.HostIp;
    const host = !ip || ip === '0.0.0.0' || ip === '::' ? 'localhost' : ip.includes(':') ? `[${ip}]` : ip;
    return `http://${host}:${binding.HostPort}/`;
  }
  return undefined;
}

/** The folder relative env files are read from when the run did not come from a task. */
export function defaultBaseFolder(): string | undefined {
  return vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri.fsPath;
}
