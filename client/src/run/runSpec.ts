// What "run this image" means, as one plain object (RunSpec), and the three things made from it:
// the problems with it (validateRunSpec), the equivalent `docker run` argument array that the
// user sees and may copy (toDockerRunArgs / formatCommandLine; never executed), and the Engine
// API create options that actually run it (toCreateOptions). Both outputs are built from the same
// parsed values so they cannot drift apart. Pure: no vscode import; messages go through an
// injected translator (vscode.l10n in the extension, English in unit tests).
import { isIP } from 'node:net';
import { english, type Translator } from '../ui/translator';
import type { ContainerCreateOptions, ContainerHostOptions, MountOptions } from '../engine/createOptions';

export type PortProtocol = 'tcp' | 'udp' | 'sctp';

/** `-p [hostIp:][hostPort:]containerPort[/protocol]`; ports may be ranges such as 8000-8002. */
export interface PortSpec {
  containerPort: string;
  /** Empty or missing: the engine picks a free port. */
  hostPort?: string;
  /** Empty or missing: every interface. */
  hostIp?: string;
  protocol?: PortProtocol;
}

export interface VolumeMountSpec {
  type: 'volume';
  /** A named volume; empty or missing makes an anonymous one. */
  source?: string;
  target: string;
  readOnly?: boolean;
  /** Create the named volume first when it does not exist (otherwise a missing name is refused, to catch typos). */
  create?: boolean;
}

export interface BindMountSpec {
  type: 'bind';
  /** An absolute path on the engine's host. */
  source: string;
  target: string;
  readOnly?: boolean;
}

export interface TmpfsMountSpec {
  type: 'tmpfs';
  target: string;
  /** e.g. 64m; missing means unlimited (up to half the memory). */
  size?: string;
  readOnly?: boolean;
}

export type MountSpec = VolumeMountSpec | BindMountSpec | TmpfsMountSpec;

export interface RunSpec {
  image: string;
  name?: string;
  /**
   * `-i`: keep stdin open and attach it. With `tty` unset this also means `-t` (a terminal), as
   * configurations saved before `tty` existed expect: `interactive` alone is `-it`.
   */
  interactive?: boolean;
  /** `-t`: a pseudo-terminal. `interactive: true, tty: false` is `-i` alone (a pipe, no terminal). */
  tty?: boolean;
  /**
   * `-d`: start in the background and show nothing. Unset: detached unless interactive (what
   * configurations saved before it existed mean). `false` is docker run's default: the output is
   * shown from its first byte in a terminal, with the exit code at the end.
   */
  detach?: boolean;
  /** `--detach-keys`: the keys that detach a terminal from an interactive run (e.g. ctrl-x,x). */
  detachKeys?: string;
  /**
   * `--link NAME[:ALIAS]` (legacy): on a user-defined network it gives this container the alias
   * ALIAS for NAME; on the default bridge it is the old /etc/hosts link.
   */
  links?: string[];
  /** `--rm`: the engine removes the container when it exits. */
  remove?: boolean;
  ports?: PortSpec[];
  /** `-P`: publish every port the image exposes on a random host port. */
  publishAll?: boolean;
  mounts?: MountSpec[];
  env?: Record<string, string>;
  /** Read like `--env-file`; the variables from `env` come after them and win. */
  envFiles?: string[];
  network?: string;
  networkAliases?: string[];
  workdir?: string;
  user?: string;
  /** `--entrypoint`; an empty string clears the image's entrypoint. */
  entrypoint?: string;
  /** The command and its arguments (after the image). */
  command?: string[];
  /** e.g. 512m, 1g (binary units, as the CLI reads them). */
  memory?: string;
  /** e.g. 1.5 */
  cpus?: number | string;
  /** no | always | unless-stopped | on-failure | on-failure:N */
  restart?: string;
  /** `--read-only` root file system. */
  readOnly?: boolean;
  logDriver?: string;
  logOptions?: Record<string, string>;
}

// Moved to ui/translator.ts (the core bundle needs it, not the rest of this file); kept here for the run form's modules.
export { english, type Translator };

export interface RunProblem {
  /** Where the problem is: a RunSpec key, or `ports[1]`, `mounts[0]`, `env[KEY]`, `logOptions[key]`. */
  field: string;
  message: string;
  severity: 'error' | 'warning';
}

// ── small parsers shared by validation and both outputs ─────────────────────────────────────

/** Names docker accepts for containers and volumes. */
const OBJECT_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
const BUILT_IN_NETWORKS = new Set(['', 'default', 'bridge', 'host', 'none']);
const RESTART_NAMES = new Set(['no', 'always', 'unless-stopped', 'on-failure']);
const PROTOCOLS = new Set<string>(['tcp', 'udp', 'sctp']);

/** Whether a run is detached (`-d`): as set, else detached unless interactive. */
export function isDetached(spec: Pick<RunSpec, 'detach' | 'interactive'>): boolean {
  return spec.detach ?? !spec.interactive;
}

/** Whether a run gets a terminal (`-t`): as set, else with `-i`. */
export function hasTty(spec: Pick<RunSpec, 'tty' | 'interactive'>): boolean {
  return spec.tty ?? Boolean(spec.interactive);
}

/**
 * The bytes of a `--detach-keys` value as the engine reads it: comma-separated keys, each a single
 * character or ctrl-<letter, @, [, \, ], ^ or _>. Undefined when it is not one.
 */
export function parseDetachKeys(text: string): number[] | undefined {
  const keys = text.split(',');
  if (keys.length === 0 || keys.length > 16) return undefined;
  const bytes: number[] = [];
  for (const key of keys) {
    if (key.length === 1) {
      bytes.push(key.charCodeAt(0));
      continue;
    }
    const ctrl = /^ctrl-(.)$/i.exec(key);
    if (!ctrl) return undefined;
    const c = ctrl[1]!.toLowerCase();
    if (c >= 'a' && c <= 'z') bytes.push(c.charCodeAt(0) - 96);
    else if ('@[\\]^_'.includes(c)) bytes.push(c.charCodeAt(0) - 64);
    else return undefined;
  }
  return bytes;
}

/** `NAME[:ALIAS]` of a --link, with the alias defaulting to the name. */
export function parseLink(text: string): { container: string; alias: string } | undefined {
  const [container = '', alias, extra] = text.trim().split(':');
  if (extra !== undefined || !OBJECT_NAME_OR_ONE.test(container) || (alias !== undefined && !/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(alias))) return undefined;
  return { container, alias: alias ?? container };
}

const OBJECT_NAME_OR_ONE = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/** A network the user made (aliases and service discovery only work on those). */
export function isUserDefinedNetwork(network: string | undefined): boolean {
  const name = (network ?? '').trim();
  return !BUILT_IN_NETWORKS.has(name) && !name.startsWith('container:');
}

/** "80" → [80, 80], "8000-8002" → [8000, 8002]; undefined when it is not a port or range. */
export function parsePortRange(text: string): [number, number] | undefined {
  const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text.trim());
  if (!match) return undefined;
  const start = Number(match[1]);
  const end = match[2] === undefined ? start : Number(match[2]);
  if (start < 1 || end > 65535 || end < start) return undefined;
  return [start, end];
}

/** Bytes from a size such as 512m or 1.5g (binary units, b/k/m/g/t/p, optional "b"/"ib"), as `docker run -m` reads it. */
export function parseByteSize(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?) ?([kmgtp])?i?b?$/i.exec(text.trim());
  if (!match) return undefined;
  const power = match[2] ? 'kmgtp'.indexOf(match[2].toLowerCase()) + 1 : 0;
  return Math.floor(Number(match[1]) * 1024 ** power);
}

/** Nano-CPUs from `--cpus` (up to nine decimals, computed without floating point error). */
export function parseCpus(value: number | string): number | undefined {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const match = /^(\d*)(?:\.(\d{1,9}))?$/.exec(text);
  if (!match || (!match[1] && !match[2])) return undefined;
  const nano = Number(match[1] || '0') * 1e9 + Number((match[2] ?? '').padEnd(9, '0'));
  return nano > 0 && Number.isSafeInteger(nano) ? nano : undefined;
}

/** The engine's restart policy for `--restart`; undefined when the text is not one. */
export function parseRestartPolicy(text: string): { Name: string; MaximumRetryCount?: number } | undefined {
  const [name = '', count, extra] = text.trim().split(':');
  if (!RESTART_NAMES.has(name) || extra !== undefined) return undefined;
  if (count === undefined) return { Name: name };
  if (name !== 'on-failure' || !/^\d+$/.test(count)) return undefined;
  return { Name: name, MaximumRetryCount: Number(count) };
}

const isAbsolutePosix = (path: string) => path.startsWith('/');
const isAbsoluteHostPath = (path: string) => path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');

function nonEmpty(text: string | undefined): text is string {
  return typeof text === 'string' && text.trim() !== '';
}

// ── env files ───────────────────────────────────────────────────────────────────────────────

export class EnvFileError extends Error {
  constructor(readonly file: string, readonly line: number, message: string) {
    super(message);
    this.name = 'EnvFileError';
  }
}

/**
 * KEY=VALUE entries from an env file, read as `docker run --env-file` reads it: a UTF-8 byte
 * order mark on the first line is dropped; leading blanks are dropped; blank lines and lines
 * starting with # are skipped; the value is everything after the first = exactly as written
 * (quotes and trailing blanks stay); a line with only a KEY takes the value from `lookup` and is
 * left out when that has none. A line without a name, or a name with blanks, is an error.
 */
export function parseEnvFile(text: string, lookup: (key: string) => string | undefined, file = 'env file', l10n: Translator = english): string[] {
  const entries: string[] = [];
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  lines.forEach((raw, index) => {
    let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (index === 0 && line.startsWith('\uFEFF')) line = line.slice(1);
    line = line.replace(/^\s+/, '');
    if (line === '' || line.startsWith('#')) return;
    const equals = line.indexOf('=');
    const key = equals === -1 ? line : line.slice(0, equals);
    if (key === '') throw new EnvFileError(file, index + 1, l10n.t('{0}, line {1}: no variable name in "{2}".', file, index + 1, line));
    if (/[ \t]/.test(key)) throw new EnvFileError(file, index + 1, l10n.t('{0}, line {1}: the variable name "{2}" contains blanks.', file, index + 1, key));
    if (equals !== -1) {
      entries.push(line);
      return;
    }
    const value = lookup(key);
    if (value !== undefined) entries.push(`${key}=${value}`);
  });
  return entries;
}

/** Reads every env file of the spec, in order, through `read` (which resolves relative paths). */
export async function loadEnvFiles(
  spec: RunSpec,
  source: { read(path: string): Promise<string>; lookup(key: string): string | undefined },
  l10n: Translator = english,
): Promise<string[]> {
  const entries: string[] = [];
  for (const file of spec.envFiles ?? []) {
    let text: string;
    try {
      text = await source.read(file);
    } catch (error) {
      throw new EnvFileError(file, 0, l10n.t('Cannot read the env file {0}: {1}', file, error instanceof Error ? error.message : String(error)));
    }
    entries.push(...parseEnvFile(text, source.lookup, file, l10n));
  }
  return entries;
}

/**
 * A copy of a spec that came from JSON someone typed (tasks.json, a command argument), with the
 * forgivable differences evened out: port numbers written as numbers become text. Anything else
 * is left as it is for validateRunSpec to judge.
 */
export function normalizeRunSpec(input: unknown): RunSpec {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input as RunSpec;
  const spec = { ...(input as RunSpec) };
  const text = (v: unknown) => (typeof v === 'number' ? String(v) : v);
  if (Array.isArray(spec.ports)) {
    spec.ports = spec.ports.map((p) => (typeof p === 'object' && p !== null ? { ...p, containerPort: text(p.containerPort) as string, hostPort: text(p.hostPort) as string | undefined } : p));
    for (const p of spec.ports) if (p && typeof p === 'object' && p.hostPort === undefined) delete p.hostPort;
  }
  if (typeof spec.memory === 'number') spec.memory = String(spec.memory);
  return spec;
}

// ── validation ──────────────────────────────────────────────────────────────────────────────

/** Every problem with the spec; the run is refused while any has severity "error". */
export function validateRunSpec(spec: RunSpec, l10n: Translator = english): RunProblem[] {
  const problems: RunProblem[] = [];
  const error = (field: string, message: string) => problems.push({ field, message, severity: 'error' });
  const warn = (field: string, message: string) => problems.push({ field, message, severity: 'warning' });

  if (typeof spec !== 'object' || spec === null) {
    error('image', l10n.t('A run configuration must be an object with at least an "image".'));
    return problems;
  }
  const shape = shapeProblems(spec, l10n);
  if (shape.length) return shape;
  if (!nonEmpty(spec.image)) error('image', l10n.t('Choose the image to run.'));
  else if (/\s/.test(spec.image.trim())) error('image', l10n.t('The image reference "{0}" contains blanks.', spec.image));

  if (nonEmpty(spec.name) && !OBJECT_NAME.test(spec.name)) {
    error('name', l10n.t('"{0}" is not a valid container name: use at least two letters, digits, _ . or -, starting with a letter or digit.', spec.name));
  }

  const network = (spec.network ?? '').trim();
  (spec.ports ?? []).forEach((port, i) => {
    const field = `ports[${i}]`;
    const container = parsePortRange(String(port?.containerPort ?? ''));
    if (!container) {
      error(field, l10n.t('Container port "{0}" is not a port (1-65535) or a range such as 8000-8002.', String(port?.containerPort ?? '')));
      return;
    }
    if (port.protocol !== undefined && !PROTOCOLS.has(port.protocol)) error(field, l10n.t('Protocol "{0}" is not tcp, udp or sctp.', String(port.protocol)));
    if (nonEmpty(port.hostPort)) {
      const host = parsePortRange(port.hostPort);
      if (!host) error(field, l10n.t('Host port "{0}" is not a port (1-65535) or a range.', port.hostPort));
      else if (container[1] > container[0] && host[1] - host[0] !== container[1] - container[0]) {
        error(field, l10n.t('The host range {0} and the container range {1} must have the same length.', port.hostPort, port.containerPort));
      }
    }
    if (nonEmpty(port.hostIp) && isIP(port.hostIp.replace(/^\[(.*)\]$/, '$1')) === 0) error(field, l10n.t('"{0}" is not an IP address to publish on (e.g. 127.0.0.1 or ::1).', port.hostIp));
  });
  const published = new Map<string, number>();
  (spec.ports ?? []).forEach((port, i) => {
    if (!nonEmpty(port?.hostPort) || !parsePortRange(port.hostPort)) return;
    const key = `${(port.hostIp ?? '').replace(/^\[(.*)\]$/, '$1')}|${port.hostPort.trim()}|${port.protocol ?? 'tcp'}`;
    const first = published.get(key);
    if (first === undefined) published.set(key, i);
    else error(`ports[${i}]`, l10n.t('Host port {0} is published twice.', port.hostPort));
  });
  if ((spec.ports?.length || spec.publishAll) && (network === 'host' || network === 'none')) {
    warn('ports', l10n.t('Published ports are ignored on the "{0}" network.', network));
  }

  const targets = new Map<string, number>();
  (spec.mounts ?? []).forEach((mount, i) => {
    const field = `mounts[${i}]`;
    const type = (mount as { type?: unknown })?.type;
    if (type !== 'volume' && type !== 'bind' && type !== 'tmpfs') {
      error(field, l10n.t('Mount type "{0}" is not volume, bind or tmpfs.', String(type)));
      return;
    }
    if (!nonEmpty(mount.target) || !isAbsolutePosix(mount.target.trim())) {
      error(field, l10n.t('The path in the container must be absolute (start with /), got "{0}".', String(mount.target ?? '')));
    } else if (targets.has(mount.target.trim().replace(/\/+$/, '') || '/')) {
      error(field, l10n.t('Two mounts use the same container path {0}.', mount.target));
    } else {
      targets.set(mount.target.trim().replace(/\/+$/, '') || '/', i);
    }
    if (mount.type === 'volume' && nonEmpty(mount.source) && !OBJECT_NAME.test(mount.source)) {
      error(field, l10n.t('"{0}" is not a valid volume name: use at least two letters, digits, _ . or -.', mount.source));
    }
    if (mount.type === 'volume' && mount.create && !nonEmpty(mount.source)) error(field, l10n.t('Name the volume to create it.'));
    if (mount.type === 'bind' && (!nonEmpty(mount.source) || !isAbsoluteHostPath(mount.source.trim()))) {
      error(field, l10n.t('A bind mount needs an absolute folder or file on the host, got "{0}".', String(mount.source ?? '')));
    }
    if (mount.type === 'tmpfs' && nonEmpty(mount.size) && !parseByteSize(mount.size)) error(field, l10n.t('tmpfs size "{0}" is not a size such as 64m.', mount.size));
  });

  for (const key of Object.keys(spec.env ?? {})) {
    if (key === '' || key.includes('=')) error(`env[${key}]`, l10n.t('"{0}" is not a variable name (it must be non-empty and contain no =).', key));
    else if (typeof spec.env![key] !== 'string') error(`env[${key}]`, l10n.t('The value of {0} must be text.', key));
  }
  (spec.envFiles ?? []).forEach((file, i) => {
    if (!nonEmpty(file)) error(`envFiles[${i}]`, l10n.t('An env file path is empty.'));
  });

  if (nonEmpty(spec.detachKeys)) {
    if (!parseDetachKeys(spec.detachKeys.trim())) {
      error('detachKeys', l10n.t('"{0}" is not a detach key sequence: use keys separated by commas, each a single character or ctrl-<letter> (e.g. ctrl-x,x).', spec.detachKeys));
    } else if (!spec.interactive || !hasTty(spec)) {
      warn('detachKeys', l10n.t('Detach keys are read only from an interactive run with a terminal (-it); this run has none, so they do nothing.'));
    }
  }
  (spec.links ?? []).forEach((text, i) => {
    const field = `links[${i}]`;
    const link = typeof text === 'string' ? parseLink(text) : undefined;
    if (!link) {
      error(field, l10n.t('"{0}" is not a link: use CONTAINER or CONTAINER:ALIAS.', String(text)));
      return;
    }
    if (network === 'host' || network === 'none' || network.startsWith('container:')) {
      error(field, l10n.t('--link does not work with the "{0}" network: there is no network between the containers.', network));
    } else if (isUserDefinedNetwork(network)) {
      warn(field, l10n.t('--link is a legacy flag. On the network {0} it becomes a network alias: this container reaches {1} as "{2}" (only this container sees that name). Both must be on {0}; {1} is also reachable by its own name.', network, link.container, link.alias));
    } else {
      warn(field, l10n.t('--link is a legacy flag: on the default bridge it writes "{0}" for {1} into this container\'s /etc/hosts, and only while {1} runs. Prefer a user-defined network, where it becomes a network alias and containers find each other by name.', link.alias, link.container));
    }
  });

  if (spec.networkAliases?.some(nonEmpty) && !isUserDefinedNetwork(network)) {
    error('networkAliases', l10n.t('A network alias needs a user-defined network: the default bridge, host and none have no service discovery. Create a network (Networks view) and choose it.'));
  }
  for (const alias of spec.networkAliases ?? []) {
    if (nonEmpty(alias) && /[\s,]/.test(alias.trim())) error('networkAliases', l10n.t('The alias "{0}" contains blanks or commas.', alias));
  }

  if (nonEmpty(spec.workdir) && !isAbsolutePosix(spec.workdir.trim())) error('workdir', l10n.t('The working directory must be an absolute path, got "{0}".', spec.workdir));
  if (spec.command !== undefined && (!Array.isArray(spec.command) || spec.command.some((a) => typeof a !== 'string'))) error('command', l10n.t('The command must be a list of words.'));

  if (nonEmpty(spec.memory)) {
    const bytes = parseByteSize(spec.memory);
    if (bytes === undefined) error('memory', l10n.t('Memory "{0}" is not a size such as 512m or 2g.', spec.memory));
    else if (bytes < 6 * 1024 * 1024) error('memory', l10n.t('The engine needs a memory limit of at least 6m.'));
  }
  if (spec.cpus !== undefined && String(spec.cpus).trim() !== '' && parseCpus(spec.cpus) === undefined) {
    error('cpus', l10n.t('CPUs "{0}" is not a positive number such as 0.5 or 2.', String(spec.cpus)));
  }

  const restart = nonEmpty(spec.restart) ? parseRestartPolicy(spec.restart) : undefined;
  if (nonEmpty(spec.restart) && !restart) {
    error('restart', l10n.t('Restart policy "{0}" is not no, always, unless-stopped, on-failure or on-failure:N.', spec.restart));
  }
  if (spec.remove && restart && restart.Name !== 'no') {
    error('restart', l10n.t('--rm conflicts with the restart policy "{0}": a container removed when it exits cannot be restarted. Choose one.', spec.restart!));
  }

  for (const key of Object.keys(spec.logOptions ?? {})) {
    if (key.trim() === '' || key.includes('=')) error(`logOptions[${key}]`, l10n.t('"{0}" is not a log option name.', key));
  }
  if ((spec.logDriver ?? '').trim() === 'none' && Object.keys(spec.logOptions ?? {}).length) {
    error('logOptions', l10n.t('The "none" log driver takes no options.'));
  }
  if (spec.interactive && spec.restart && restart && restart.Name !== 'no') {
    warn('restart', l10n.t('An interactive container that restarts comes back without a terminal attached.'));
  }
  return problems;
}

/** Wrong types (from hand-written tasks.json or command arguments); checked before anything else reads the spec. */
function shapeProblems(spec: RunSpec, l10n: Translator): RunProblem[] {
  const problems: RunProblem[] = [];
  const record = spec as unknown as Record<string, unknown>;
  const expect = (key: string, ok: (v: unknown) => boolean, what: string) => {
    if (record[key] !== undefined && !ok(record[key])) problems.push({ field: key, message: l10n.t('"{0}" must be {1}.', key, what), severity: 'error' });
  };
  const isString = (v: unknown) => typeof v === 'string';
  const isBoolean = (v: unknown) => typeof v === 'boolean';
  const isObjectOf = (item: (v: unknown) => boolean) => (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(item);
  const isListOf = (item: (v: unknown) => boolean) => (v: unknown) => Array.isArray(v) && v.every(item);
  const isPort = (v: unknown) => isObjectOf(isString)(v) && typeof (v as PortSpec).containerPort === 'string';
  const optional = (check: (v: unknown) => boolean) => (v: unknown) => v === undefined || check(v);
  const isMount = (v: unknown) => {
    if (typeof v !== 'object' || v === null) return false;
    const m = v as Record<string, unknown>;
    return isString(m.target) && optional(isString)(m.source) && optional(isString)(m.size) && optional(isBoolean)(m.readOnly) && optional(isBoolean)(m.create);
  };
  for (const key of ['image', 'name', 'network', 'workdir', 'user', 'entrypoint', 'memory', 'restart', 'logDriver', 'detachKeys']) expect(key, isString, l10n.t('text'));
  for (const key of ['interactive', 'tty', 'detach', 'remove', 'publishAll', 'readOnly']) expect(key, isBoolean, l10n.t('true or false'));
  for (const key of ['env', 'logOptions']) expect(key, isObjectOf(isString), l10n.t('an object of text values'));
  for (const key of ['envFiles', 'networkAliases', 'command', 'links']) expect(key, isListOf(isString), l10n.t('a list of text'));
  expect('cpus', (v) => isString(v) || typeof v === 'number', l10n.t('a number'));
  expect('ports', isListOf(isPort), l10n.t('a list of { containerPort, hostPort?, hostIp?, protocol? }'));
  expect('mounts', isListOf(isMount), l10n.t('a list of { type, source?, target, readOnly? }'));
  return problems;
}

export function hasErrors(problems: readonly RunProblem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

// ── the docker run command line ─────────────────────────────────────────────────────────────

function formatHostIp(ip: string): string {
  const bare = ip.replace(/^\[(.*)\]$/, '$1');
  return bare.includes(':') ? `[${bare}]` : bare;
}

/** One `-p` value. */
export function formatPort(port: PortSpec): string {
  const protocol = port.protocol && port.protocol !== 'tcp' ? `/${port.protocol}` : '';
  const container = `${port.containerPort.trim()}${protocol}`;
  if (nonEmpty(port.hostIp)) return `${formatHostIp(port.hostIp.trim())}:${(port.hostPort ?? '').trim()}:${container}`;
  if (nonEmpty(port.hostPort)) return `${port.hostPort.trim()}:${container}`;
  return container;
}

/** A `--mount` field value, quoted the way the CLI's CSV reader expects when it holds , or ". */
function mountField(value: string): string {
  return /[,"]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One `--mount` value. */
export function formatMount(mount: MountSpec): string {
  const fields = [`type=${mount.type}`];
  if (mount.type !== 'tmpfs' && nonEmpty(mount.source)) fields.push(`source=${mountField(mount.source.trim())}`);
  fields.push(`target=${mountField(mount.target.trim())}`);
  if (mount.readOnly) fields.push('readonly');
  if (mount.type === 'tmpfs' && nonEmpty(mount.size)) fields.push(`tmpfs-size=${mount.size.trim()}`);
  return fields.join(',');
}

/**
 * The `docker` arguments (starting with "run") that make the same container as toCreateOptions,
 * in a fixed order: mode, detach keys, lifetime, name, ports, mounts, environment, network, links, process, limits,
 * restart, logging, then the image and its command.
 */
export function toDockerRunArgs(spec: RunSpec): string[] {
  const args = ['run'];
  if (isDetached(spec)) args.push('-d');
  const stdinAndTty = `${spec.interactive ? 'i' : ''}${hasTty(spec) ? 't' : ''}`;
  if (stdinAndTty) args.push(`-${stdinAndTty}`);
  if (nonEmpty(spec.detachKeys)) args.push('--detach-keys', spec.detachKeys.trim());
  if (spec.remove) args.push('--rm');
  if (nonEmpty(spec.name)) args.push('--name', spec.name.trim());
  for (const port of spec.ports ?? []) args.push('-p', formatPort(port));
  if (spec.publishAll) args.push('-P');
  for (const mount of spec.mounts ?? []) args.push('--mount', formatMount(mount));
  for (const file of spec.envFiles ?? []) args.push('--env-file', file);
  for (const [key, value] of Object.entries(spec.env ?? {})) args.push('-e', `${key}=${value}`);
  if (nonEmpty(spec.network)) args.push('--network', spec.network.trim());
  for (const alias of spec.networkAliases ?? []) if (nonEmpty(alias)) args.push('--network-alias', alias.trim());
  for (const link of spec.links ?? []) if (nonEmpty(link)) args.push('--link', link.trim());
  if (nonEmpty(spec.workdir)) args.push('-w', spec.workdir.trim());
  if (nonEmpty(spec.user)) args.push('-u', spec.user.trim());
  if (spec.entrypoint !== undefined) args.push('--entrypoint', spec.entrypoint);
  if (nonEmpty(spec.memory)) args.push('-m', spec.memory.trim());
  if (spec.cpus !== undefined && String(spec.cpus).trim() !== '') args.push('--cpus', String(spec.cpus).trim());
  if (nonEmpty(spec.restart)) args.push('--restart', spec.restart.trim());
  if (spec.readOnly) args.push('--read-only');
  if (nonEmpty(spec.logDriver)) args.push('--log-driver', spec.logDriver.trim());
  for (const [key, value] of Object.entries(spec.logOptions ?? {})) args.push('--log-opt', `${key}=${value}`);
  args.push(spec.image.trim(), ...(spec.command ?? []));
  return args;
}

/** Characters a POSIX shell never treats specially inside a word. */
const SHELL_SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** One argument as a POSIX shell would need it typed: bare when safe, else in single quotes. */
export function quoteShellArg(arg: string): string {
  if (arg === '') return "''";
  if (SHELL_SAFE.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** `docker run …` as text to read and copy. It is never executed; runs go through the Engine API. */
export function formatCommandLine(args: readonly string[], program = 'docker'): string {
  return [program, ...args].map(quoteShellArg).join(' ');
}

// ── Engine API create options ───────────────────────────────────────────────────────────────

/**
 * The body of POST /containers/create that makes the same container as `docker run` with
 * toDockerRunArgs(spec). `envFileEntries` are the KEY=VALUE entries read from spec.envFiles
 * (loadEnvFiles); like the CLI, they come before the -e variables so those win.
 */
export function toCreateOptions(spec: RunSpec, envFileEntries: readonly string[] = []): ContainerCreateOptions {
  const hostConfig: ContainerHostOptions = {};
  const options: ContainerCreateOptions = { Image: spec.image.trim(), HostConfig: hostConfig };
  if (nonEmpty(spec.name)) options.name = spec.name.trim();

  // As the CLI sets them: a detached run attaches nothing; otherwise stdout and stderr, and stdin
  // (closed after the first attach ends, StdinOnce) with -i.
  const detached = isDetached(spec);
  const stdin = Boolean(spec.interactive);
  Object.assign(options, { Tty: hasTty(spec), OpenStdin: stdin, AttachStdin: stdin && !detached, AttachStdout: !detached, AttachStderr: !detached });
  if (stdin && !detached) options.StdinOnce = true;
  if (spec.remove) hostConfig.AutoRemove = true;

  const exposed: Record<string, object> = {};
  const bindings: Record<string, Array<{ HostIp: string; HostPort: string }>> = {};
  for (const port of spec.ports ?? []) {
    const protocol = port.protocol ?? 'tcp';
    const [start, end] = parsePortRange(port.containerPort) ?? [0, -1];
    const host = nonEmpty(port.hostPort) ? parsePortRange(port.hostPort) : undefined;
    const hostIp = nonEmpty(port.hostIp) ? port.hostIp.trim().replace(/^\[(.*)\]$/, '$1') : '';
    for (let p = start; p <= end; p++) {
      // A container range maps onto a host range one by one; a single container port may take
      // a host range as a whole (the engine picks one free port in it).
      const hostPort = !host ? '' : end > start ? String(host[0] + (p - start)) : port.hostPort!.trim();
      const key = `${p}/${protocol}`;
      exposed[key] = {};
      (bindings[key] ??= []).push({ HostIp: hostIp, HostPort: hostPort });
    }
  }
  if (Object.keys(exposed).length) {
    options.ExposedPorts = exposed;
    hostConfig.PortBindings = bindings;
  }
  if (spec.publishAll) hostConfig.PublishAllPorts = true;

  if (spec.mounts?.length) {
    hostConfig.Mounts = spec.mounts.map((mount) => {
      const settings: MountOptions = { Type: mount.type, Source: mount.type === 'tmpfs' ? '' : (mount.source ?? '').trim(), Target: mount.target.trim() };
      if (mount.readOnly) settings.ReadOnly = true;
      if (mount.type === 'tmpfs' && nonEmpty(mount.size)) settings.TmpfsOptions = { SizeBytes: parseByteSize(mount.size) ?? 0 };
      return settings;
    });
  }

  const env = [...envFileEntries, ...Object.entries(spec.env ?? {}).map(([key, value]) => `${key}=${value}`)];
  if (env.length) options.Env = env;

  if (nonEmpty(spec.network)) {
    const network = spec.network.trim();
    hostConfig.NetworkMode = network;
    const aliases = (spec.networkAliases ?? []).filter(nonEmpty).map((a) => a.trim());
    if (aliases.length) options.NetworkingConfig = { EndpointsConfig: { [network]: { Aliases: aliases } } };
  }
  // --link: the legacy links for the default bridge, and on a user-defined network the endpoint's
  // links, which the engine's DNS answers as aliases only this container sees (as the CLI sends both).
  const links = (spec.links ?? []).filter(nonEmpty).map((l) => l.trim());
  if (links.length) {
    hostConfig.Links = links;
    if (isUserDefinedNetwork(spec.network)) {
      const network = spec.network!.trim();
      const endpoints = (options.NetworkingConfig ??= { EndpointsConfig: {} }).EndpointsConfig!;
      endpoints[network] = { ...(endpoints[network] ?? {}), Links: links };
    }
  }
  if (nonEmpty(spec.workdir)) options.WorkingDir = spec.workdir.trim();
  if (nonEmpty(spec.user)) options.User = spec.user.trim();
  // `--entrypoint ""` clears the image's entrypoint, which the API spells [""].
  if (spec.entrypoint !== undefined) options.Entrypoint = [spec.entrypoint];
  if (spec.command?.length) options.Cmd = [...spec.command];

  if (nonEmpty(spec.memory)) hostConfig.Memory = parseByteSize(spec.memory);
  if (spec.cpus !== undefined && String(spec.cpus).trim() !== '') hostConfig.NanoCpus = parseCpus(spec.cpus);
  if (nonEmpty(spec.restart)) hostConfig.RestartPolicy = parseRestartPolicy(spec.restart);
  if (spec.readOnly) hostConfig.ReadonlyRootfs = true;
  if (nonEmpty(spec.logDriver) || Object.keys(spec.logOptions ?? {}).length) {
    hostConfig.LogConfig = { Type: (spec.logDriver ?? '').trim(), Config: { ...(spec.logOptions ?? {}) } };
  }
  return options;
}

/** Every named volume the spec mounts. */
export function namedVolumes(spec: RunSpec): VolumeMountSpec[] {
  return (spec.mounts ?? []).filter((m): m is VolumeMountSpec => m.type === 'volume' && nonEmpty(m.source));
}
