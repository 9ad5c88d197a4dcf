// A compose project as the CLI sees it (its files, folder and name) and the argument arrays for
// each compose command. Pure: unit-tested for both `docker compose` (v2) and `docker-compose` (v1).
//
// The name matters: it is what the CLI puts on containers, networks and volumes. The extension
// passes `-p` only when the user chose a name; otherwise the CLI derives it itself, and
// projectName() derives the same one with the same rules, so a stack started from a terminal and
// the one the extension shows and acts on are one project.
import * as path from 'node:path';
import { parse as parseYaml, parseDocument } from 'yaml';
import { parseEnvFile } from '../../../server/src/core/compose/model/envFile';
import { substitute } from '../../../server/src/core/compose/model/interpolation';

export type ComposeFlavor = 'v2' | 'v1';

export interface ComposeProject {
  /** The project name the CLI will use (labels on its containers say the same). */
  name: string;
  /** The project directory: where relative paths and `.env` are read from. */
  folder: string;
  /** Compose files, base first then overrides, as absolute paths; empty for a project known only from running containers. */
  files: string[];
  /**
   * A name the CLI must be given with `-p`: one the user chose (a task's `projectName`), or the
   * label of running containers known only by it. Undefined: the CLI derives the name itself.
   */
  chosenName?: string;
  /** Known only from running containers' labels (files and folder as the labels say). */
  fromLabels?: boolean;
}

export const COMPOSE_PROJECT_NAME = 'COMPOSE_PROJECT_NAME';

/** The file names the CLI looks for without -f, in its order of preference. */
export const COMPOSE_FILE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

/** `compose.yaml` → `compose.override.yaml` (the CLI merges it automatically). */
export function overrideFileFor(file: string): string {
  const ext = path.extname(file);
  return file.slice(0, -ext.length) + '.override' + ext;
}

/**
 * The projects when both flavors name every one alike (no top-level `name:`, no folder starting
 * with - or _, the usual case): then which CLI is installed need not be known to list them.
 * Undefined when a name differs. `read` is called for each flavor: give it a memo.
 */
export function projectsAnyFlavor(files: string[], env: NodeJS.ProcessEnv, read: ReadText): ComposeProject[] | undefined {
  const v1 = projectsFromFiles(files, 'v1', env, read);
  const v2 = projectsFromFiles(files, 'v2', env, read);
  return v1.every((p, i) => p.name === v2[i]!.name) ? v2 : undefined;
}

/**
 * A project's services read from its files, for a first drawing before `config --services` has
 * run: only when that is surely what the CLI will list (every file a mapping with a `services`
 * mapping, no `include`, no profiles, no merge key or variable among the names). Undefined
 * otherwise, and the view waits for the CLI.
 */
export function servicesInFiles(project: ComposeProject, read: ReadText): string[] | undefined {
  if (project.files.length === 0) return undefined;
  const names = new Set<string>();
  for (const file of project.files) {
    const text = read(file);
    if (text === undefined || text.length > 1024 * 1024) return undefined;
    let document: unknown;
    try {
      const parsed = parseDocument(text, { prettyErrors: false });
      if (parsed.errors.length > 0) return undefined;
      document = parsed.toJS({ maxAliasCount: 100 });
    } catch {
      return undefined;
    }
    if (!isMapping(document) || 'include' in document || !isMapping(document.services)) return undefined;
    for (const [name, service] of Object.entries(document.services)) {
      if (name === '<<' || name.includes('$') || (isMapping(service) && 'profiles' in service)) return undefined;
      names.add(name);
    }
  }
  return [...names];
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function isOverrideFile(file: string): boolean {
  return /\.override\.ya?ml$/i.test(file);
}

/**
 * A name as each CLI normalises a folder name: lower case, only `[a-z0-9_-]`; v2 also drops
 * leading `_` and `-` (compose-go's NormalizeProjectName), v1 falls back to `default`.
 */
export function normalizeProjectName(name: string, flavor: ComposeFlavor): string {
  const kept = name.toLowerCase().replace(/[^-_a-z0-9]/g, '');
  return flavor === 'v1' ? kept : kept.replace(/^[-_]+/, '');
}

/** The default project name: the folder name, normalised the way each CLI does it. */
export function defaultProjectName(folder: string, flavor: ComposeFlavor): string {
  const normalized = normalizeProjectName(path.basename(path.resolve(folder)), flavor);
  return normalized || (flavor === 'v1' ? 'default' : '');
}

/** Where a project's name can come from, besides its folder. */
export interface NameSources {
  /** The environment the CLI runs with (the extension host's, plus the active engine's). */
  env: NodeJS.ProcessEnv;
  /** The variables of the project folder's `.env`. */
  dotEnv?: ReadonlyMap<string, string>;
  /** Each compose file's top-level `name:` as written (before interpolation), in -f order. */
  fileNames?: ReadonlyArray<string | undefined>;
}

/**
 * The name the CLI will use when it is not given `-p`:
 *   1. COMPOSE_PROJECT_NAME from the environment, else from the project's `.env` (a variable set
 *      in the environment wins over `.env`, even when it is empty);
 *   2. v2 only: the last top-level `name:` among the files, interpolated with the same variables
 *      (v1 knows no `name:`);
 *   3. the folder name, normalised.
 * v1 also normalises the name from COMPOSE_PROJECT_NAME; v2 takes it as written.
 */
export function projectName(folder: string, flavor: ComposeFlavor, sources: NameSources): string {
  const fromEnv = COMPOSE_PROJECT_NAME in sources.env ? sources.env[COMPOSE_PROJECT_NAME] ?? '' : sources.dotEnv?.get(COMPOSE_PROJECT_NAME) ?? '';
  if (fromEnv !== '') return flavor === 'v1' ? normalizeProjectName(fromEnv, 'v1') : fromEnv;
  if (flavor === 'v2') {
    const variables = new Map(sources.dotEnv ?? []);
    for (const [key, value] of Object.entries(sources.env)) if (value !== undefined) variables.set(key, value);
    let fromFiles = '';
    for (const written of sources.fileNames ?? []) {
      const value = written === undefined ? '' : substitute(written, variables) ?? '';
      if (value !== '') fromFiles = value;
    }
    if (fromFiles !== '') return fromFiles;
  }
  return defaultProjectName(folder, flavor);
}

/** A compose file's top-level `name:` as written; undefined when it has none or is not YAML. */
export function topLevelName(text: string): string | undefined {
  if (text.length > 4 * 1024 * 1024 || !/^name\s*:/m.test(text)) return undefined;
  try {
    const document = parseYaml(text, { maxAliasCount: 100, prettyErrors: false, logLevel: 'silent' }) as unknown;
    const name = document !== null && typeof document === 'object' ? (document as Record<string, unknown>).name : undefined;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

/** Reads a file's text; undefined when it cannot be read. */
export type ReadText = (file: string) => string | undefined;

/** The name sources of a project folder and its files (its `.env`, their `name:`). */
export function nameSourcesOf(folder: string, files: readonly string[], env: NodeJS.ProcessEnv, read: ReadText): NameSources {
  const dotEnvText = read(path.join(folder, '.env'));
  return {
    env,
    dotEnv: dotEnvText === undefined ? undefined : parseEnvFile(dotEnvText),
    fileNames: files.map((file) => {
      const text = read(file);
      return text === undefined ? undefined : topLevelName(text);
    }),
  };
}

/** Names (services, profiles, a project) a CLI would read as options: those starting with `-`. */
export function optionLikeNames(names: readonly string[]): string[] {
  return names.filter((name) => name.startsWith('-'));
}

export interface ComposeCommandOptions {
  services?: string[];
  profiles?: string[];
  /** up: build images first. */
  build?: boolean;
  /** down: also remove named volumes (only when the user chose it). */
  removeVolumes?: boolean;
  /** logs: keep following. */
  follow?: boolean;
  tail?: number;
}

export type ComposeSubcommand = 'up' | 'down' | 'stop' | 'start' | 'restart' | 'logs' | 'ps' | 'pull' | 'build' | 'config';

/** Thrown when a name would be read as an option; callers check optionLikeNames first and say so in the user's language. */
export class OptionLikeNameError extends Error {
  constructor(readonly names: string[]) {
    super(`names that start with "-" would be read as options: ${names.join(', ')}`);
    this.name = 'OptionLikeNameError';
  }
}

/**
 * The arguments after the compose executable (after `compose` for v2). Service names follow `--`
 * so none can be read as an option (v1's `start` is the one subcommand whose usage has no `--`;
 * it takes no options either). Names starting with `-` are refused outright.
 */
export function composeArgs(project: ComposeProject, subcommand: ComposeSubcommand, options: ComposeCommandOptions = {}, flavor: ComposeFlavor = 'v2'): string[] {
  const services = subcommand === 'down' || subcommand === 'config' ? [] : options.services ?? []; // `down` acts on the whole project
  const unsafe = optionLikeNames([...services, ...(options.profiles ?? []), ...(project.chosenName !== undefined ? [project.chosenName] : [])]);
  if (unsafe.length) throw new OptionLikeNameError(unsafe);
  const args: string[] = [];
  for (const file of project.files) args.push('-f', file);
  args.push('--project-directory', project.folder);
  if (project.chosenName !== undefined) args.push('-p', project.chosenName);
  for (const profile of options.profiles ?? []) args.push('--profile', profile);
  args.push(subcommand);
  switch (subcommand) {
    case 'up':
      args.push('-d');
      if (options.build) args.push('--build');
      break;
    case 'down':
      if (options.removeVolumes) args.push('--volumes');
      break;
    case 'logs':
      if (options.follow) args.push('--follow');
      if (options.tail !== undefined) args.push('--tail', String(options.tail));
      break;
    default:
      break;
  }
  if (services.length) args.push(...(flavor === 'v1' && subcommand === 'start' ? [] : ['--']), ...services);
  return args;
}

/**
 * Groups compose files into projects: each folder with a compose file is a project; an override
 * file beside it belongs to it (the CLI merges it); other compose-named files stand alone. Names
 * follow the CLI's rules (projectName), reading each folder's `.env` and the files through `read`.
 */
export function projectsFromFiles(files: string[], flavor: ComposeFlavor, env: NodeJS.ProcessEnv, read: ReadText = () => undefined): ComposeProject[] {
  const set = new Set(files);
  const projects: ComposeProject[] = [];
  const byFolder = new Map<string, string[]>();
  for (const file of files) byFolder.set(path.dirname(file), [...(byFolder.get(path.dirname(file)) ?? []), file]);
  const named = (folder: string, projectFiles: string[]): ComposeProject => ({
    name: projectName(folder, flavor, nameSourcesOf(folder, projectFiles, env, read)),
    folder,
    files: projectFiles,
  });
  for (const [folder, inFolder] of byFolder) {
    const names = new Set(inFolder.map((f) => path.basename(f)));
    const primary = COMPOSE_FILE_NAMES.find((n) => names.has(n));
    const used = new Set<string>();
    if (primary) {
      const base = path.join(folder, primary);
      const override = overrideFileFor(base);
      const projectFiles = set.has(override) ? [base, override] : [base];
      projectFiles.forEach((f) => used.add(f));
      projects.push(named(folder, projectFiles));
    }
    // Other compose-named files (compose.prod.yaml…) are projects of their own, run with -f.
    for (const file of inFolder.filter((f) => !used.has(f) && !isOverrideFile(f)).sort()) projects.push(named(folder, [file]));
  }
  // By folder; within one, the default project first (sort is stable).
  return projects.sort((a, b) => a.folder.localeCompare(b.folder));
}
