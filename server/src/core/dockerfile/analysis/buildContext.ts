// The build context of a Dockerfile: the folder whose files COPY and ADD see, where the
// .dockerignore rules must look. In order: what the client knows from a build task or the last
// Build Image (facts.buildContexts); a compose file next to the Dockerfile or up to three folders
// above it whose service builds this Dockerfile (build.context and build.dockerfile); otherwise
// the Dockerfile's own folder, as docker build . would use. Nothing is assumed about a folder
// that does not exist (an untitled document, a remote file): then there is no context to check.
import type { FileAccess, WorkspaceFacts } from '../../languageService';
import type { buildPaths, BuildPaths } from '../../compose/model/buildPaths';
import type { resolvePath } from '../../compose/model/uris';
import type { symbolsOf } from '../../compose/model/symbols';
import type { composeFileOfText } from '../../compose/model/documentStore';
import type { entries, resolve } from '../../compose/model/access';
import type { bindMounts, mountTargets } from '../../compose/model/bindMounts';
import type { ComposeFile } from '../../compose/model/composeFile';
import type { MapNode } from '../../compose/model/nodes';
import { parseDockerignore, type IgnorePattern } from '../../ignorePatterns';
import { foldersUp } from '../../repositoryFiles';

export interface ContextInfo {
  folderUri: string;
  /** Where the folder came from. */
  source: 'task' | 'compose' | 'folder';
  /** The ignore file that applies (Dockerfile-specific first), if any. */
  ignoreUri: string | undefined;
  patterns: IgnorePattern[];
  /** Entries at the top of the context, for facts such as "it has a .git" or "it is a Node project". */
  entries: string[];
}

// docker-compose.prod.yml, and docker-compose-jenkins.yml too (round 43: the only file building its Dockerfile).
const COMPOSE_FILE = /^(docker-)?compose([._-][\w.-]+)?\.ya?ml$/i;
const MAX_LEVELS = 4;
const MAX_COMPOSE_BYTES = 512 * 1024;

function parentOf(folderUri: string): string | undefined {
  const slash = folderUri.lastIndexOf('/');
  // file:///a → file:// is not a folder.
  return slash > 'file://'.length ? folderUri.slice(0, slash) : undefined;
}

interface ComposeModel {
  buildPaths: typeof buildPaths;
  resolvePath: typeof resolvePath;
  symbolsOf: typeof symbolsOf;
  composeFileOfText: typeof composeFileOfText;
  entries: typeof entries;
  resolve: typeof resolve;
  bindMounts: typeof bindMounts;
  mountTargets: typeof mountTargets;
}

/**
 * The compose model (and the YAML parser under it), evaluated only when a compose file that
 * builds something is found: a worker that checks Dockerfiles alone never loads it.
 */
function composeModel(): ComposeModel {
  return {
    buildPaths: (require('../../compose/model/buildPaths') as ComposeModel).buildPaths,
    resolvePath: (require('../../compose/model/uris') as ComposeModel).resolvePath,
    symbolsOf: (require('../../compose/model/symbols') as ComposeModel).symbolsOf,
    composeFileOfText: (require('../../compose/model/documentStore') as ComposeModel).composeFileOfText,
    entries: (require('../../compose/model/access') as ComposeModel).entries,
    resolve: (require('../../compose/model/access') as ComposeModel).resolve,
    bindMounts: (require('../../compose/model/bindMounts') as ComposeModel).bindMounts,
    mountTargets: (require('../../compose/model/bindMounts') as ComposeModel).mountTargets,
  };
}

/** A compose service that builds the Dockerfile: its file and its entries. */
interface Builder {
  file: ComposeFile;
  map: MapNode;
  contextUri: string | undefined;
}

/** Folders that projects keep their compose files in, beside the code they build (.docker/docker-compose.yml with context ../). */
const COMPOSE_FOLDERS = new Set(['docker', '.docker', 'deploy', 'deployment', 'compose', 'infra', 'ops', '.devcontainer']);

/** The compose files of a folder, and of its subfolders named for them. */
function composeFilesAt(folder: string, files: FileAccess): string[] {
  const out: string[] = [];
  for (const entry of files.list(folder)) {
    if (!entry.isDirectory && COMPOSE_FILE.test(entry.name)) out.push(`${folder}/${entry.name}`);
    else if (entry.isDirectory && COMPOSE_FOLDERS.has(entry.name)) {
      for (const inner of files.list(`${folder}/${entry.name}`)) if (!inner.isDirectory && COMPOSE_FILE.test(inner.name)) out.push(`${folder}/${entry.name}/${inner.name}`);
    }
  }
  return out.slice(0, 40);
}

/**
 * The services of the compose files in or above the Dockerfile's folder (up to three folders up,
 * and their compose folders) that build it (or, with `builds`, whose build paths pass that test).
 */
function composeBuilders(uri: string, folderUri: string, files: FileAccess, first: boolean, builds = (paths: BuildPaths) => paths.dockerfileUri === uri): Builder[] {
  const out: Builder[] = [];
  let folder: string | undefined = folderUri;
  for (let level = 0; folder && level < MAX_LEVELS; level++, folder = parentOf(folder)) {
    for (const composeUri of composeFilesAt(folder, files)) {
      const text = files.readText(composeUri);
      if (text === undefined || text.length > MAX_COMPOSE_BYTES || !text.includes('build')) continue;
      try {
        const { buildPaths, symbolsOf, composeFileOfText } = composeModel();
        const file = composeFileOfText(composeUri, text);
        for (const service of symbolsOf(file).services.values()) {
          const paths = service.map ? buildPaths(file, service.map) : undefined;
          if (!paths || !builds(paths) || !service.map) continue;
          out.push({ file, map: service.map, contextUri: paths.contextUri });
          if (first && paths.contextUri) return out;
        }
      } catch {
        // a compose file that cannot be read says nothing about how the Dockerfile is run
      }
    }
  }
  return out;
}

/** Whether a compose file in the folder, or up to a few above it, builds this Dockerfile. */
export function composeBuildsIn(uri: string, folderUri: string, files: FileAccess): boolean {
  return uri.startsWith('file:') && composeBuilders(uri, folderUri, files, true).length > 0;
}

/**
 * How compose runs the image the Dockerfile builds, where compose files in or above its folder
 * build it: the container paths where each service that builds it mounts a path of the project (`./api:/app`:
 * the source, for a development server that watches it), and whether every such service gives its
 * own command, so the image's CMD is not what compose runs; the names of the build contexts it
 * adds (additional_contexts), which COPY --from can name; and the stages it builds (build.target). Undefined where no compose file builds it.
 */
export function composeRuns(uri: string, files: FileAccess): { mountsByBuilder: string[][]; targetsByBuilder: string[][]; allSetCommand: boolean; contextNames: string[]; targets: string[]; buildArgs: ReadonlySet<string> | 'any'; envFiles: string[] } | undefined {
  const slash = uri.lastIndexOf('/');
  if (slash < 0 || !uri.startsWith('file:')) return undefined;
  const builders = composeBuilders(uri, uri.slice(0, slash), files, false);
  if (builders.length === 0) return undefined;
  const { entries, resolve, bindMounts, mountTargets, resolvePath } = composeModel();
  const mountsByBuilder: string[][] = [];
  // Where each service mounts anything (a named or anonymous volume too: node_modules kept apart).
  const targetsByBuilder: string[][] = [];
  const contextNames: string[] = [];
  const targets: string[] = [];
  let allSetCommand = true;
  const envFiles: string[] = [];
  // The build arguments the services pass (build.args, a mapping or NAME=value items); 'any' where
  // one cannot be read (args as a whole from a variable or an anchor that is not there).
  let buildArgs: Set<string> | 'any' = new Set<string>();
  for (const { file, map } of builders) {
    const fields = entries(file, map);
    if (!fields.some((e) => e.key === 'command' && e.value)) allSetCommand = false;
    // build.additional_contexts: names COPY --from can take besides the stages.
    const build = resolve(file, fields.find((e) => e.key === 'build')?.value);
    const extra = build?.kind === 'map' ? resolve(file, entries(file, build).find((e) => e.key === 'additional_contexts')?.value) : undefined;
    if (extra?.kind === 'map') contextNames.push(...entries(file, extra).map((e) => e.key));
    // build.target: the stage compose builds, which need not be the last.
    const target = build?.kind === 'map' ? resolve(file, entries(file, build).find((e) => e.key === 'target')?.value) : undefined;
    if (target?.kind === 'scalar' && typeof target.value === 'string') targets.push(target.value.toLowerCase());
    const argsEntry = build?.kind === 'map' ? entries(file, build).find((e) => e.key === 'args') : undefined;
    const args = argsEntry ? resolve(file, argsEntry.value) : undefined;
    if (buildArgs !== 'any' && argsEntry) {
      if (args?.kind === 'map') for (const e of entries(file, args)) buildArgs.add(e.key);
      else if (args?.kind === 'seq') {
        for (const item of args.items) {
          const value = resolve(file, item);
          if (value?.kind === 'scalar' && typeof value.value === 'string') buildArgs.add(value.value.split('=')[0]!.trim());
          else buildArgs = 'any';
          if (buildArgs === 'any') break;
        }
      } else if (args) buildArgs = 'any';
    }
    if (extra?.kind === 'seq') {
      for (const item of extra.items) {
        const value = resolve(file, item);
        if (value?.kind === 'scalar' && typeof value.value === 'string') contextNames.push(value.value.split('=')[0]!);
      }
    }
    // `./api:/app`, `.:/code`: a relative host path is a bind mount of the project's files.
    mountsByBuilder.push(bindMounts(file, map, 100).filter((mount) => /^\.\.?(\/|$)/.test(mount.source.text)).map((mount) => mount.target.replace(/\/+$/, '') || '/'));
    // env_file: a path, a list of paths, or of { path, required }; resolved from the compose file's folder.
    const envFile = resolve(file, fields.find((e) => e.key === 'env_file')?.value);
    for (const item of envFile?.kind === 'seq' ? envFile.items.map((i) => resolve(file, i)) : envFile ? [envFile] : []) {
      const path = item?.kind === 'map' ? resolve(file, entries(file, item).find((e) => e.key === 'path')?.value) : item;
      if (path?.kind !== 'scalar' || typeof path.value !== 'string' || path.value.includes('$') || path.value.startsWith('/')) continue;
      const env = resolvePath(file.uri.slice(0, file.uri.lastIndexOf('/')), path.value);
      if (env) envFiles.push(env);
    }
    targetsByBuilder.push(mountTargets(file, map, 100).map((m) => m.text.replace(/\/+$/, '') || '/'));
  }
  return { mountsByBuilder, targetsByBuilder, allSetCommand, contextNames, targets, buildArgs, envFiles };
}

/** compose's default file names (the project model's DEFAULT_FILE_NAMES, which this module must not load). */
const DEFAULT_COMPOSE = /\/(docker-)?compose\.ya?ml$/i;

/**
 * The context compose files in or above the Dockerfile's folder build it with: the one they all
 * give, else the one the default file (docker-compose.yml) gives, else none known (round 48: a stale
 * docker-compose-complete.yml beside the docker-compose.yml the Makefile runs, with another context).
 */
function composeContext(uri: string, folderUri: string, files: FileAccess): string | undefined {
  const builders = composeBuilders(uri, folderUri, files, false).filter((b) => b.contextUri);
  const contexts = new Set(builders.map((b) => b.contextUri));
  if (contexts.size <= 1) return builders[0]?.contextUri;
  const byDefault = new Set(builders.filter((b) => DEFAULT_COMPOSE.test(b.file.uri)).map((b) => b.contextUri));
  return byDefault.size === 1 ? [...byDefault][0] : undefined;
}

/**
 * Whether a compose file near it builds a Dockerfile of this one's own folder and name (not a
 * plain Dockerfile), `../deploy/docker/Dockerfile.web`, from a context that is not there: it means
 * this file, and the context it is built with is not in the repository, so the Dockerfile's folder
 * is no stand-in for it (round 82: a context ../products/brandpulse-dashboard the repository lacks,
 * where the root's package.json with no lock file had been taken for the context's). A bare name
 * in a folder that is not there (frontend/Dockerfile.prod beside frontend2/) may be another file.
 */
function builtFromElsewhere(uri: string, folderUri: string, files: FileAccess): boolean {
  const own = uri.slice(uri.lastIndexOf('/', uri.lastIndexOf('/') - 1));
  if (/\/(dockerfile|containerfile)$/i.test(own)) return false;
  return composeBuilders(uri, folderUri, files, true, (paths) => paths.dockerfileUri !== undefined && paths.dockerfileUri !== uri
    && paths.dockerfileUri.endsWith(own) && (paths.contextUri === undefined || !files.exists(paths.contextUri))).length > 0;
}

export function buildContextOf(uri: string, files: FileAccess, facts: WorkspaceFacts): ContextInfo | undefined {
  const slash = uri.lastIndexOf('/');
  if (slash < 0 || !uri.startsWith('file:')) return undefined;
  const dockerfileFolder = uri.slice(0, slash);
  let folderUri = dockerfileFolder;
  let source: ContextInfo['source'] = 'folder';
  const told = facts.buildContexts?.find((c) => c.dockerfileUri === uri)?.contextUri;
  const composed = told ? undefined : composeContext(uri, dockerfileFolder, files);
  if (told) {
    folderUri = told.replace(/\/$/, '');
    source = 'task';
  } else if (composed) {
    folderUri = composed;
    source = 'compose';
  } else if (builtFromElsewhere(uri, dockerfileFolder, files)) {
    return undefined;
  }
  if (!files.exists(folderUri)) return undefined;
  // BuildKit reads <Dockerfile>.dockerignore beside the Dockerfile first, then the context's.
  const ignoreUri = [`${uri}.dockerignore`, `${folderUri}/.dockerignore`].find((c) => files.exists(c));
  const text = ignoreUri ? files.readText(ignoreUri) ?? '' : '';
  return { folderUri, source, ignoreUri, patterns: parseDockerignore(text), entries: files.list(folderUri).map((e) => e.name) };
}

/**
 * The build context folder that has all these paths: the one a build task, the last build or a
 * compose file names, or where nothing names it, the nearest folder from the Dockerfile's up to the
 * repository's root that has them (docker build -f ecs/app/Dockerfile . from the root). Undefined
 * where none has them all.
 */
export function contextHolding(uri: string, files: FileAccess, facts: WorkspaceFacts, paths: readonly string[]): string | undefined {
  const context = buildContextOf(uri, files, facts);
  if (!context) return undefined;
  const candidates = context.source === 'folder' ? foldersUp(files, uri.slice(0, uri.lastIndexOf('/'))) : [context.folderUri];
  return candidates.find((c) => paths.every((p) => files.exists(`${c}/${p}`)));
}
