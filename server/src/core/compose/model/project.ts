// The files compose reads together with a given one. `compose.yaml` is merged with
// `compose.override.yaml` automatically; other names (compose.prod.yaml, docker-compose.test.yml)
// are usually combined with the default file through `-f`; `include:` pulls further files in.
// Names declared in any of them count as declared, and rename and references span them.
//
// A `-f` file may also sit in a subfolder of its base (`docker compose -f docker-compose.yml -f
// extensions/x/x-compose.yml`): then its relative paths, like every path of a `-f` file, are
// relative to the base's folder. It is taken for such an overlay when it leans on the base (uses
// its services or names, or paths that only exist from there); a file the base names in its
// `include:` is read with it too but keeps its own folder, as compose does. Files compose would
// read that the user creates from a shipped example (`compose.override.yaml` from
// `compose.override.yaml.example`) are remembered as absent, so what only they could declare is a
// warning that says so.
import type { ServiceContext } from '../../languageService';
import { entries, rootMaps } from './access';
import { bindMounts } from './bindMounts';
import { buildPaths } from './buildPaths';
import type { ComposeFile } from './composeFile';
import { composeFileOfText } from './documentStore';
import { scalarSpan, symbolsOf } from './symbols';
import { basenameUri, dirnameUri, encodeName, resolvePath } from './uris';

export const DEFAULT_FILE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
const OVERRIDE = /^(.*)\.override\.(ya?ml)$/i;
/** How many folders up a base file is looked for. */
const MAX_BASE_LEVELS = 3;

export interface AbsentFile {
  /** The file compose would read, which does not exist. */
  uri: string;
  /** The example shipped beside it. */
  example: ComposeFile;
}

export interface Project {
  self: ComposeFile;
  /** Base, override and -f companion files found beside this one (or, for an overlay, beside its base). */
  partners: ComposeFile[];
  /** Files named by `include:` that could be read. */
  includes: ComposeFile[];
  /** Some `include:` could not be read, so declarations may be missing. */
  incomplete: boolean;
  /** The file is loaded on its own by default (a default name or its override), so missing names are certain. */
  standalone: boolean;
  /** The folder relative paths in this file resolve against (the base's folder for a -f overlay). */
  directory: string;
  /** Files compose would read that only exist as an example for the user to copy. */
  absent: AbsentFile[];
}

export function projectOf(file: ComposeFile, context: ServiceContext): Project {
  const folder = dirnameUri(file.uri);
  const name = basenameUri(file.uri);
  const partners: ComposeFile[] = [];
  const absent: AbsentFile[] = [];
  const seen = new Set([file.uri]);
  const add = (uri: string, userCreated = false) => {
    if (seen.has(uri)) return;
    seen.add(uri);
    const text = readText(uri, context);
    if (text !== undefined) partners.push(composeFileOfText(uri, text));
    else if (userCreated) noteExample(uri, context, absent);
  };
  const override = OVERRIDE.exec(name);
  let standalone = DEFAULT_FILE_NAMES.includes(name.toLowerCase());
  let directory = folder;
  if (override) {
    const stem = override[1]!;
    for (const ext of ['yaml', 'yml']) add(`${folder}/${encodeName(`${stem}.${ext}`)}`);
    // Without its base beside it, compose never loads an override file: the base is made
    // elsewhere (round 14: Astro's CLI generates the compose file its projects' override extends).
    standalone = partners.length > 0 && (DEFAULT_FILE_NAMES.includes(`${stem}.yaml`.toLowerCase()) || DEFAULT_FILE_NAMES.includes(`${stem}.yml`.toLowerCase()));
  } else {
    const stem = name.replace(/\.ya?ml$/i, '');
    for (const ext of ['yaml', 'yml']) add(`${folder}/${encodeName(`${stem}.override.${ext}`)}`, standalone);
    if (!standalone) {
      const before = partners.length;
      // The file's own comment says which files it is combined with: those, not the default ones.
      const written = combinedAsWritten(file, context);
      if (!written) {
        for (const base of DEFAULT_FILE_NAMES) {
          add(`${folder}/${base}`);
          add(`${folder}/${base.replace(/\.(ya?ml)$/, '.override.$1')}`, true);
        }
      }
      const base = written ?? (partners.length > before ? undefined : overlayBase(file, folder, context));
      if (base) {
        // An included file keeps its own folder for its paths; a -f overlay takes its base's.
        if (!isIncludedBy(base.files[0]!, base.folder, file.uri)) directory = base.folder;
        for (const f of base.files) {
          if (!seen.has(f.uri)) partners.push(f);
          seen.add(f.uri);
        }
      }
    }
  }
  const own = includedFiles(file, directory, context, absent);
  const includes = [...own.includes];
  let incomplete = own.incomplete;
  for (const f of own.includes) seen.add(f.uri);
  // A base may bring its services in through include: they are the project's as much as its own
  // (a -f layer adding ports to a service the base includes). Its missing files are its to report.
  for (const partner of partners) {
    const theirs = includedFiles(partner, dirnameUri(partner.uri), context, []);
    incomplete ||= theirs.incomplete;
    for (const f of theirs.includes) {
      if (!seen.has(f.uri)) includes.push(f);
      seen.add(f.uri);
    }
  }
  return { self: file, partners, includes, incomplete, standalone, directory, absent };
}

/** Whether a file is named as an override file (`compose.override.yaml`, `x.override.yml`): it adds to a base. */
export function isOverrideFile(uri: string): boolean {
  return OVERRIDE.test(basenameUri(uri));
}

/** Suffixes of the copies projects ship for files the user creates. */
const EXAMPLE_NAMES = [(name: string) => `${name}.example`, (name: string) => `${name}.dist`, (name: string) => `${name}.sample`, (name: string) => name.replace(/\.(ya?ml)$/i, '.example.$1')];

function noteExample(uri: string, context: ServiceContext, absent: AbsentFile[]): void {
  for (const exampleOf of EXAMPLE_NAMES) {
    const example = exampleOf(uri);
    if (example === uri) continue;
    const text = readText(example, context);
    if (text === undefined) continue;
    absent.push({ uri, example: composeFileOfText(example, text) });
    return;
  }
}

/** The compose files a file's comments name with -f, in order (kept with the file: one reading per version). */
const namedInComments = new WeakMap<ComposeFile, string[]>();
function filesNamedInComments(file: ComposeFile): string[] {
  let named = namedInComments.get(file);
  if (named) return named;
  named = [];
  // Comment lines only, each read once (a line-start pattern that cannot run across lines).
  for (const line of file.text.matchAll(/^[ \t]*#[^\n]*/gm)) {
    if (!line[0].includes('-f')) continue;
    for (const m of line[0].matchAll(/(?:^|\s)(?:-f|--file)[\s=]+["']?([^\s"']+\.ya?ml)\b/g)) named.push(m[1]!.replace(/^\.\//, ''));
    if (named.length > 32) break;
  }
  namedInComments.set(file, named);
  return named;
}

/**
 * The files a comment of this one says to combine it with, `docker compose -f docker-compose.prod.yml
 * -f deploy/hetzner/bind-host.yml up -d` (round 58: an overlay documented for the production file,
 * which the default file beside its base had stood in for). The command runs in the folder from
 * which its path of this file leads here; the files named before this one are the base, read from
 * there, and relative paths follow the first of them.
 */
function combinedAsWritten(file: ComposeFile, context: ServiceContext): { folder: string; files: ComposeFile[] } | undefined {
  if (!file.text.includes('-f')) return undefined;
  const named = filesNamedInComments(file);
  const self = basenameUri(file.uri);
  const at = named.findIndex((n) => n.split('/').pop() === self);
  if (at <= 0) return undefined;
  // The folder the command runs in: the one from which its path of this file is this file.
  let folder = dirnameUri(file.uri);
  for (let level = 0; level <= MAX_BASE_LEVELS && resolvePath(folder, named[at]!) !== file.uri; level++) folder = dirnameUri(folder);
  if (resolvePath(folder, named[at]!) !== file.uri) return undefined;
  const files: ComposeFile[] = [];
  for (const path of named.slice(0, at)) {
    const uri = resolvePath(folder, path);
    const text = uri === undefined || uri === file.uri ? undefined : readText(uri, context);
    if (text !== undefined) files.push(composeFileOfText(uri!, text));
  }
  return files.length > 0 ? { folder: dirnameUri(files[0]!.uri), files } : undefined;
}

/**
 * A default-named file in a parent folder that this file is an overlay of, with the base's own
 * override files: only when this file leans on it (see leansOn).
 */
function overlayBase(file: ComposeFile, folder: string, context: ServiceContext): { folder: string; files: ComposeFile[] } | undefined {
  const rootLength = file.uri.indexOf('://') + 3;
  let current = folder;
  for (let level = 0; level < MAX_BASE_LEVELS; level++) {
    const parent = dirnameUri(current);
    if (parent === current || parent.length < rootLength) return undefined;
    current = parent;
    for (const name of DEFAULT_FILE_NAMES) {
      const uri = `${current}/${name}`;
      const text = readText(uri, context);
      if (text === undefined) continue;
      const files = [composeFileOfText(uri, text)];
      for (const ext of ['yaml', 'yml']) {
        const overrideUri = `${current}/${name.replace(/\.ya?ml$/, '')}.override.${ext}`;
        const overrideText = readText(overrideUri, context);
        if (overrideText !== undefined) files.push(composeFileOfText(overrideUri, overrideText));
      }
      // The nearest base decides: a file that does not lean on it is a project of its own.
      return leansOn(file, folder, current, files, context) ? { folder: current, files } : undefined;
    }
  }
  return undefined;
}

/**
 * Whether a file only makes sense on top of a base: it adds to one of the base's services, uses a
 * name only the base declares, or builds from or reads a path that exists from the base's folder
 * but not from its own.
 */
function leansOn(file: ComposeFile, folder: string, baseFolder: string, base: ComposeFile[], context: ServiceContext): boolean {
  const own = symbolsOf(file);
  const baseSymbols = base.map((b) => symbolsOf(b));
  const exists = (uri: string | undefined) => {
    try {
      return uri !== undefined && context.files.exists(uri);
    } catch {
      return false;
    }
  };
  // Paths written for its own folder (context: .. from deploy/ to the root's Dockerfile) that the
  // base's folder would not find: a file run on its own, even where it names the base's services
  // (round 24: an ERP's deployment/docker-compose.prod.yml).
  for (const { map } of own.services.values()) {
    if (!map) continue;
    const dockerfileOf = (paths: ReturnType<typeof buildPaths>) => paths?.dockerfileUri ?? (paths?.contextUri ? `${paths.contextUri}/Dockerfile` : undefined);
    const here = dockerfileOf(buildPaths(file, map, folder));
    const there = dockerfileOf(buildPaths(file, map, baseFolder));
    if (here && here !== there && exists(here) && !exists(there)) return false;
    // So are files it mounts from beside itself (round 34: a monitoring stack's ./loki/loki-config.yaml
    // under docker/monitoring/, whose minio service shares a name with the root file's).
    for (const mount of bindMounts(file, map, 50)) {
      const path = mount.source.text;
      if (!path.startsWith('./') && !path.startsWith('../')) continue;
      if (exists(resolvePath(folder, path)) && !exists(resolvePath(baseFolder, path))) return false;
    }
  }
  for (const name of own.services.keys()) if (baseSymbols.some((b) => b.services.has(name))) return true;
  const declaredHere = new Set(own.declarations.map((d) => `${d.kind}:${d.name}`));
  for (const ref of own.references) {
    const key = `${ref.kind}:${ref.name}`;
    if (!declaredHere.has(key) && baseSymbols.some((b) => b.declarations.some((d) => d.kind === ref.kind && d.name === ref.name))) return true;
  }
  for (const { map } of own.services.values()) {
    if (!map) continue;
    const here = buildPaths(file, map, folder);
    const there = buildPaths(file, map, baseFolder);
    if (here?.contextUri && !exists(here.contextUri) && exists(there?.contextUri)) return true;
    const envFile = entries(file, map).find((e) => e.key === 'env_file');
    const paths = envFile?.value?.kind === 'seq' ? envFile.value.items : envFile ? [envFile.raw] : [];
    for (const item of paths) {
      const path = scalarSpan(file, item ?? null)?.text;
      if (path && !exists(resolvePath(folder, path)) && exists(resolvePath(baseFolder, path))) return true;
    }
  }
  return false;
}

/** All files of the project, this one first. */
export function projectFiles(project: Project): ComposeFile[] {
  return [project.self, ...project.partners, ...project.includes];
}

function includedFiles(file: ComposeFile, folder: string, context: ServiceContext, absent: AbsentFile[]): { includes: ComposeFile[]; incomplete: boolean } {
  const includes: ComposeFile[] = [];
  let incomplete = false;
  for (const root of rootMaps(file)) {
    const include = entries(file, root).find((e) => e.key === 'include')?.value;
    if (include?.kind !== 'seq') continue;
    for (const item of include.items) {
      for (const path of includePaths(file, item)) {
        const uri = resolvePath(folder, path);
        const text = uri && readText(uri, context);
        if (uri && text !== undefined) {
          includes.push(composeFileOfText(uri, text));
          continue;
        }
        incomplete = true;
        if (uri) noteExample(uri, context, absent);
      }
    }
  }
  return { includes, incomplete };
}

/** Whether `file` names `uri` in its `include:` (its paths resolved against `folder`). */
export function isIncludedBy(file: ComposeFile, folder: string, uri: string): boolean {
  for (const root of rootMaps(file)) {
    const include = entries(file, root).find((e) => e.key === 'include')?.value;
    if (include?.kind !== 'seq') continue;
    for (const item of include.items) {
      if (includePaths(file, item).some((path) => resolvePath(folder, path) === uri)) return true;
    }
  }
  return false;
}

function includePaths(file: ComposeFile, item: Parameters<typeof scalarSpan>[1]): string[] {
  const direct = scalarSpan(file, item);
  if (direct) return [direct.text];
  if (item?.kind !== 'map') return [];
  const path = entries(file, item).find((e) => e.key === 'path')?.value;
  if (path?.kind === 'scalar') return [String(path.value)];
  if (path?.kind === 'seq') return path.items.flatMap((p) => (p?.kind === 'scalar' && p.value !== null ? [String(p.value)] : []));
  return [];
}

/** An open document's text wins over the file on disk (it may hold unsaved edits). */
export function readText(uri: string, context: ServiceContext): string | undefined {
  const open = context.openDocuments().find((d) => d.uri === uri);
  if (open) return open.getText();
  try {
    return context.files.readText(uri);
  } catch {
    return undefined;
  }
}
