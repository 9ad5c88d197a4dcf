// The messages between the run form's page and the extension, and the form's own state (a
// "draft": every field as the text the user typed). The page only collects text; the extension
// turns a draft into a RunSpec (draftToSpec), validates it and sends back the command line and
// the problems, so there is one implementation of the rules, here and in runSpec.ts. Pure.
import { CommandLineError, splitCommandLine } from '../containers/commandLine';
import { english, type MountSpec, type PortProtocol, type RunProblem, type RunSpec, type Translator } from './runSpec';

export type RunMode = 'detached' | 'attached' | 'interactive' | 'stdin';

export interface DraftPort {
  hostIp: string;
  hostPort: string;
  containerPort: string;
  protocol: PortProtocol;
}

export interface DraftMount {
  type: 'volume' | 'bind' | 'tmpfs';
  /** Volume name, or host path for a bind mount; unused for tmpfs. */
  source: string;
  target: string;
  readOnly: boolean;
  /** Volumes only: create it when missing. */
  create: boolean;
  /** tmpfs only. */
  size: string;
}

export interface DraftPair {
  key: string;
  value: string;
}

export interface RunFormDraft {
  image: string;
  name: string;
  /**
   * detached: -d; attached: docker run's default (output in a terminal); interactive: -it;
   * stdin: -i alone (typing goes to stdin, no terminal).
   */
  mode: RunMode;
  /** --detach-keys (interactive only). */
  detachKeys: string;
  remove: boolean;
  ports: DraftPort[];
  publishAll: boolean;
  mounts: DraftMount[];
  env: DraftPair[];
  envFiles: string[];
  network: string;
  /** Separated by commas or blanks. */
  aliases: string;
  /** --link CONTAINER[:ALIAS], separated by commas or blanks. */
  links: string;
  workdir: string;
  user: string;
  /** Empty: the image's entrypoint. */
  entrypoint: string;
  /** Typed as in a shell (quotes group words); split without running a shell. */
  command: string;
  memory: string;
  cpus: string;
  /** '' (the engine's default, no), no, always, unless-stopped or on-failure. */
  restart: string;
  /** With on-failure: at most this many restarts; empty means no limit. */
  maxRetries: string;
  readOnly: boolean;
  logDriver: string;
  logOptions: DraftPair[];
}

/** What the page needs to draw the form. */
export interface RunFormData {
  draft: RunFormDraft;
  /** Short id and size, shown under the title. */
  imageDetail: string;
  /** False when the engine does not have the image: the form offers to pull it. */
  imageLocal: boolean;
  exposedPorts: string[];
  volumes: string[];
  /** Networks to choose from; built-in ones are marked. */
  networks: Array<{ name: string; builtIn: boolean }>;
  logDrivers: string[];
}

/** Page → extension. */
export type FormToExtension =
  | { type: 'ready' }
  | { type: 'change'; draft: RunFormDraft }
  | { type: 'run'; draft: RunFormDraft }
  | { type: 'save'; draft: RunFormDraft }
  | { type: 'copy'; draft: RunFormDraft }
  | { type: 'browse'; what: 'bind' | 'envFile'; index: number }
  | { type: 'pull' }
  | { type: 'cancel' };

/** Extension → page. */
export type ExtensionToForm =
  | { type: 'preview'; commandLine: string; problems: Array<RunProblem & { anchor: string }> }
  | { type: 'picked'; what: 'bind' | 'envFile'; index: number; path: string }
  | { type: 'status'; text: string; kind: 'info' | 'error' | 'busy' }
  /** The image is on the engine now: its short id and size, and that the Pull button can go. */
  | { type: 'pulled'; imageDetail: string };

export function emptyDraft(image = ''): RunFormDraft {
  return {
    image, name: '', mode: 'detached', detachKeys: '', remove: false, ports: [], publishAll: false, mounts: [], env: [], envFiles: [],
    network: '', aliases: '', links: '', workdir: '', user: '', entrypoint: '', command: '', memory: '', cpus: '', restart: '', maxRetries: '',
    readOnly: false, logDriver: '', logOptions: [],
  };
}

const words = (text: string) => text.split(/[\s,]+/).filter(Boolean);
const trimmed = (text: string | undefined) => (text ?? '').trim();

function pairs(list: DraftPair[]): Record<string, string> | undefined {
  const used = list.filter((p) => p.key.trim() !== '' || p.value !== '');
  return used.length ? Object.fromEntries(used.map((p) => [p.key.trim(), p.value])) : undefined;
}

function mountOf(m: DraftMount): MountSpec {
  if (m.type === 'tmpfs') return { type: 'tmpfs', target: m.target.trim(), ...(m.size.trim() ? { size: m.size.trim() } : {}), ...(m.readOnly ? { readOnly: true } : {}) };
  if (m.type === 'bind') return { type: 'bind', source: m.source.trim(), target: m.target.trim(), ...(m.readOnly ? { readOnly: true } : {}) };
  return { type: 'volume', ...(m.source.trim() ? { source: m.source.trim() } : {}), target: m.target.trim(), ...(m.readOnly ? { readOnly: true } : {}), ...(m.create ? { create: true } : {}) };
}

/**
 * The RunSpec a draft stands for (empty fields left out, empty rows dropped), with the problems
 * only the form can have (a command line with an open quote).
 */
export function draftToSpec(draft: RunFormDraft, l10n: Translator = english): { spec: RunSpec; problems: RunProblem[] } {
  const problems: RunProblem[] = [];
  const spec: RunSpec = { image: draft.image.trim() };
  if (draft.name.trim()) spec.name = draft.name.trim();
  switch (draft.mode) {
    case 'interactive':
      spec.interactive = true;
      break;
    case 'stdin':
      Object.assign(spec, { interactive: true, tty: false });
      break;
    case 'attached':
      spec.detach = false;
      break;
    default:
      break;
  }
  if (draft.mode === 'interactive' && trimmed(draft.detachKeys)) spec.detachKeys = trimmed(draft.detachKeys);
  if (draft.remove) spec.remove = true;
  const ports = draft.ports.filter((p) => p.containerPort.trim() || p.hostPort.trim() || p.hostIp.trim()).map((p) => ({
    containerPort: p.containerPort.trim(),
    ...(p.hostPort.trim() ? { hostPort: p.hostPort.trim() } : {}),
    ...(p.hostIp.trim() ? { hostIp: p.hostIp.trim() } : {}),
    ...(p.protocol && p.protocol !== 'tcp' ? { protocol: p.protocol } : {}),
  }));
  if (ports.length) spec.ports = ports;
  if (draft.publishAll) spec.publishAll = true;
  const mounts = draft.mounts.filter((m) => m.target.trim() || m.source.trim()).map(mountOf);
  if (mounts.length) spec.mounts = mounts;
  const envFiles = draft.envFiles.map((f) => f.trim()).filter(Boolean);
  if (envFiles.length) spec.envFiles = envFiles;
  const env = pairs(draft.env);
  if (env) spec.env = env;
  if (draft.network.trim()) spec.network = draft.network.trim();
  const aliases = words(draft.aliases);
  if (aliases.length) spec.networkAliases = aliases;
  const links = words(draft.links ?? '');
  if (links.length) spec.links = links;
  if (draft.workdir.trim()) spec.workdir = draft.workdir.trim();
  if (draft.user.trim()) spec.user = draft.user.trim();
  if (draft.entrypoint.trim()) spec.entrypoint = draft.entrypoint.trim();
  if (draft.command.trim()) {
    try {
      spec.command = splitCommandLine(draft.command);
    } catch (error) {
      const problem = error instanceof CommandLineError ? error.message : String(error);
      problems.push({ field: 'command', message: l10n.t('The command cannot be split into words: {0}.', problem), severity: 'error' });
    }
  }
  if (draft.memory.trim()) spec.memory = draft.memory.trim();
  if (draft.cpus.trim()) spec.cpus = draft.cpus.trim();
  if (draft.restart) spec.restart = draft.restart === 'on-failure' && draft.maxRetries.trim() ? `on-failure:${draft.maxRetries.trim()}` : draft.restart;
  if (draft.readOnly) spec.readOnly = true;
  if (draft.logDriver.trim()) spec.logDriver = draft.logDriver.trim();
  const logOptions = pairs(draft.logOptions);
  if (logOptions) spec.logOptions = logOptions;
  return { spec, problems };
}

/** The form's mode for a spec; a combination the form has no choice for (-d -it, -t alone) shows as the nearest. */
export function modeOf(spec: RunSpec): RunMode {
  if (spec.interactive) return spec.tty === false ? 'stdin' : spec.detach ? 'detached' : 'interactive';
  return spec.detach === false ? 'attached' : 'detached';
}

/** Quotes a word for the command field so splitCommandLine gives it back unchanged. */
function quoteWord(word: string): string {
  if (word !== '' && /^[^\s'"\\]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'"'"'`)}'`;
}

/** The draft that shows a spec (a saved configuration, the last run of an image). */
export function specToDraft(spec: RunSpec): RunFormDraft {
  const draft = emptyDraft(spec.image ?? '');
  const restart = trimmed(spec.restart);
  const [restartName = '', retries = ''] = restart.split(':');
  return {
    ...draft,
    name: trimmed(spec.name),
    mode: modeOf(spec),
    detachKeys: trimmed(spec.detachKeys),
    remove: Boolean(spec.remove),
    ports: (spec.ports ?? []).map((p) => ({ hostIp: trimmed(p.hostIp), hostPort: trimmed(p.hostPort), containerPort: trimmed(p.containerPort), protocol: p.protocol ?? 'tcp' })),
    publishAll: Boolean(spec.publishAll),
    mounts: (spec.mounts ?? []).map((m) => ({
      type: m.type,
      source: m.type === 'tmpfs' ? '' : trimmed(m.source),
      target: trimmed(m.target),
      readOnly: Boolean(m.readOnly),
      create: m.type === 'volume' && Boolean(m.create),
      size: m.type === 'tmpfs' ? trimmed(m.size) : '',
    })),
    env: Object.entries(spec.env ?? {}).map(([key, value]) => ({ key, value })),
    envFiles: [...(spec.envFiles ?? [])],
    network: trimmed(spec.network),
    aliases: (spec.networkAliases ?? []).join(', '),
    links: (spec.links ?? []).join(', '),
    workdir: trimmed(spec.workdir),
    user: trimmed(spec.user),
    entrypoint: trimmed(spec.entrypoint),
    command: (spec.command ?? []).map(quoteWord).join(' '),
    memory: trimmed(spec.memory),
    cpus: spec.cpus === undefined ? '' : String(spec.cpus),
    restart: restartName,
    maxRetries: restartName === 'on-failure' ? retries : '',
    readOnly: Boolean(spec.readOnly),
    logDriver: trimmed(spec.logDriver),
    logOptions: Object.entries(spec.logOptions ?? {}).map(([key, value]) => ({ key, value })),
  };
}

/** Where a problem goes on the page: the row or field it names, else the list at the bottom. */
export function problemAnchor(field: string): string {
  const match = /^(ports|mounts|envFiles)\[(\d+)\]$/.exec(field);
  if (match) return `${match[1]}.${match[2]}`;
  if (field.startsWith('env[')) return 'env';
  if (field.startsWith('logOptions')) return 'logOptions';
  if (field.startsWith('links')) return 'links';
  return field;
}

/** A volume name for an image's declared volume: `<repository>-<last path segment>`. */
export function suggestVolumeName(image: string, target: string): string {
  const repository = image.replace(/@.*$/, '').replace(/:[^/:]*$/, '').split('/').pop() ?? 'data';
  const segment = target.replace(/\/+$/, '').split('/').pop() || 'data';
  const name = `${repository}-${segment}`.replace(/[^a-zA-Z0-9_.-]+/g, '-').replace(/^[^a-zA-Z0-9]+/, '');
  return name.length >= 2 ? name : `${name}-data`;
}

/**
 * The first draft for an image nobody ran from here yet: each exposed port published on the same
 * host port on 127.0.0.1 (reachable from this machine only, until the user widens it), and each
 * declared volume as a named volume created when missing (an anonymous one is easy to lose).
 */
export function draftFromImage(image: string, config: { ExposedPorts?: Record<string, unknown> | null; Volumes?: Record<string, unknown> | null } | undefined): RunFormDraft {
  const draft = emptyDraft(image);
  for (const key of Object.keys(config?.ExposedPorts ?? {})) {
    const [port = '', protocol = 'tcp'] = key.split('/');
    if (!port) continue;
    draft.ports.push({ hostIp: '127.0.0.1', hostPort: port, containerPort: port, protocol: (['tcp', 'udp', 'sctp'].includes(protocol) ? protocol : 'tcp') as PortProtocol });
  }
  for (const target of Object.keys(config?.Volumes ?? {})) {
    draft.mounts.push({ type: 'volume', source: suggestVolumeName(image, target), target, readOnly: false, create: true, size: '' });
  }
  return draft;
}
