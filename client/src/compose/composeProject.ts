// A compose project as the CLI sees it (its files, folder and name) and the argument arrays for
// each compose command. Pure: unit-tested for both `docker compose` (v2) and `docker-compose` (v1).
import * as path from 'node:path';

export type ComposeFlavor = 'v2' | 'v1';

export interface ComposeProject {
  /** The project name the CLI will use (labels on its containers say the same). */
  name: string;
  /** The project directory: where relative paths and `.env` are read from. */
  folder: string;
  /** Compose files, base first then overrides, as absolute paths; empty for a project known only from running containers. */
  files: string[];
}

/** The file names the CLI looks for without -f, in its order of preference. */
export const COMPOSE_FILE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

/** `compose.yaml` → `compose.override.yaml` (the CLI merges it automatically). */
export function overrideFileFor(file: string): string {
  const ext = path.extname(file);
  return file.slice(0, -ext.length) + '.override' + ext;
}

export function isOverrideFile(file: string): boolean {
  return /\.override\.ya?ml$/i.test(file);
}

/** The default project name: the folder name, normalised the way each CLI does it. */
export function defaultProjectName(folder: string, flavor: ComposeFlavor): string {
  const base = path.basename(folder).toLowerCase();
  return flavor === 'v1' ? base.replace(/[^-_a-z0-9]/g, '') : base.replace(/[^-_a-z0-9]/g, '').replace(/^[^a-z0-9]+/, '');
}

/** The name the CLI will use: COMPOSE_PROJECT_NAME, then the file's `name:` (v2 only), then the folder. */
export function projectName(folder: string, flavor: ComposeFlavor, env: NodeJS.ProcessEnv, topLevelName?: string): string {
  if (env.COMPOSE_PROJECT_NAME) return env.COMPOSE_PROJECT_NAME;
  if (flavor === 'v2' && topLevelName) return topLevelName;
  return defaultProjectName(folder, flavor);
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

/** The arguments after the compose executable (after `compose` for v2). */
export function composeArgs(project: ComposeProject, subcommand: ComposeSubcommand, options: ComposeCommandOptions = {}): string[] {
  const args: string[] = [];
  for (const file of project.files) args.push('-f', file);
  args.push('--project-directory', project.folder, '-p', project.name);
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
  // `down` acts on the whole project (v1 takes no service names for it).
  if (subcommand !== 'down' && subcommand !== 'config') args.push(...(options.services ?? []));
  return args;
}

/**
 * Groups compose files into projects: each folder with a compose file is a project; an override
 * file beside it belongs to it (the CLI merges it); other compose-named files stand alone.
 */
export function projectsFromFiles(files: string[], flavor: ComposeFlavor, env: NodeJS.ProcessEnv): ComposeProject[] {
  const set = new Set(files);
  const projects: ComposeProject[] = [];
  const byFolder = new Map<string, string[]>();
  for (const file of files) byFolder.set(path.dirname(file), [...(byFolder.get(path.dirname(file)) ?? []), file]);
  for (const [folder, inFolder] of byFolder) {
    const names = new Set(inFolder.map((f) => path.basename(f)));
    const primary = COMPOSE_FILE_NAMES.find((n) => names.has(n));
    const used = new Set<string>();
    if (primary) {
      const base = path.join(folder, primary);
      const override = overrideFileFor(base);
      const projectFiles = set.has(override) ? [base, override] : [base];
      projectFiles.forEach((f) => used.add(f));
      projects.push({ name: projectName(folder, flavor, env), folder, files: projectFiles });
    }
    // Other compose-named files (compose.prod.yaml…) are projects of their own, run with -f.
    for (const file of inFolder.filter((f) => !used.has(f) && !isOverrideFile(f)).sort()) {
      projects.push({ name: projectName(folder, flavor, env), folder, files: [file] });
    }
  }
  // By folder; within one, the default project first (sort is stable).
  return projects.sort((a, b) => a.folder.localeCompare(b.folder));
}
