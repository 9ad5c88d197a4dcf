// The compose files that pull a given one in: those whose `include:` names it, and those with a
// service that `extends` one of its services from it. Compose never loads such a file on its own:
// an included file is checked only as part of the project that includes it (its names may come
// from the includer or from another included file), and a file services extend from is read for
// the services they extend only, without validation (compose-go loads it with SkipValidation), so
// its other services may be fragments. Also the other compose files of its folder, which -f combines
// with it in ways no file records (a script, a README). Looked for only when a check needs them:
// this file's folder (every YAML file there), the default compose files of its subfolders and of
// its sibling folders, and up to three folders above (their compose files).
import type { ServiceContext } from '../../languageService';
import { entries } from './access';
import type { ComposeFile } from './composeFile';
import { composeFileOfText } from './documentStore';
import { DEFAULT_FILE_NAMES, isIncludedBy, readText } from './project';
import { scalarSpan, symbolsOf } from './symbols';
import { dirnameUri, encodeName, resolvePath } from './uris';

export interface Referrers {
  /** Files whose `include:` names this one. */
  includedBy: ComposeFile[];
  /** Files with services that extend services of this one, and which of its services they extend. */
  extendedBy: { file: ComposeFile; services: Set<string> }[];
}

/** Levels of folders above this file's that are looked at. */
const MAX_LEVELS_UP = 3;
/** Files read to find referrers, and their text in all: real projects have a handful of small ones. */
const MAX_CANDIDATES = 32;
const MAX_CANDIDATE_CHARS = 1024 * 1024;
/** Subfolders of this file's folder whose default compose file is looked at. */
const MAX_SUBFOLDERS = 32;
/** The other compose files of a folder read for the names they declare (see siblingDeclarations). */
const MAX_SIBLINGS = 32;
/** Folders above a -f file's whose compose files count as its companions. */
const SIBLING_LEVELS_UP = 2;
const MAX_SIBLING_CHARS = 512 * 1024;

const YAML_NAME = /\.ya?ml$/i;
/** A YAML file named for the shared declarations compose files include beside their services. */
const DECLARATIONS_NAME = /^(networks?|volumes?|secrets?|configs?)\.ya?ml$/i;
const COMPOSE_NAME = /compose.*\.ya?ml$/i;

export function listed(folder: string, context: ServiceContext): { name: string; isDirectory: boolean }[] {
  try {
    return context.files.list(folder);
  } catch {
    return [];
  }
}

export function referrersOf(file: ComposeFile, context: ServiceContext): Referrers {
  const found: Referrers = { includedBy: [], extendedBy: [] };
  let folder = dirnameUri(file.uri);
  const budget = { files: MAX_CANDIDATES, chars: MAX_CANDIDATE_CHARS };
  const rootLength = file.uri.indexOf('://') + 3;
  const consider = (candidateFolder: string, name: string) => {
    const uri = `${candidateFolder}/${encodeName(name)}`;
    if (uri === file.uri || --budget.files < 0 || budget.chars <= 0) return;
    const text = readText(uri, context);
    if (text === undefined || (budget.chars -= text.length) < 0) return;
    // Cheap test first: a file that names neither include nor extends refers to nothing.
    if (!text.includes('include') && !text.includes('extends')) return;
    const candidate = composeFileOfText(uri, text);
    if (isIncludedBy(candidate, candidateFolder, file.uri)) found.includedBy.push(candidate);
    const services = extendedFrom(candidate, candidateFolder, file.uri);
    for (const service of commentedExtends(text, candidateFolder, file.uri)) services.add(service);
    if (services.size > 0) found.extendedBy.push({ file: candidate, services });
  };
  let subfolders = MAX_SUBFOLDERS;
  for (let level = 0; level <= MAX_LEVELS_UP && budget.files > 0 && budget.chars > 0; level++) {
    for (const entry of listed(folder, context)) {
      if (budget.files <= 0 || budget.chars <= 0) break;
      // One folder down too, its default compose file: an app's apps/rybbit/compose.yml that
      // includes ../clickhouse.yml beside ../networks.yml (round 32).
      if (entry.isDirectory) {
        // And at the level above, the sibling folders' default files: apps/*/compose.yml extending
        // a library in apps/.shared/compose.yml (round 42).
        const inner = `${folder}/${encodeName(entry.name)}`;
        if (level <= 1 && !entry.name.startsWith('.') && inner !== dirnameUri(file.uri) && subfolders-- > 0) for (const f of listed(inner, context)) if (!f.isDirectory && DEFAULT_FILE_NAMES.includes(f.name.toLowerCase())) consider(inner, f.name);
        continue;
      }
      if (!(level === 0 ? YAML_NAME : COMPOSE_NAME).test(entry.name) && !DEFAULT_FILE_NAMES.includes(entry.name.toLowerCase())) continue;
      consider(folder, entry.name);
    }
    const parent = dirnameUri(folder);
    if (parent === folder || parent.length < rootLength) break;
    folder = parent;
  }
  return found;
}

/** The services of `uri` that services of `candidate` extend with `extends: { file, service }`. */
function extendedFrom(candidate: ComposeFile, folder: string, uri: string): Set<string> {
  const services = new Set<string>();
  for (const { map } of symbolsOf(candidate).services.values()) {
    const spec = map ? entries(candidate, map).find((e) => e.key === 'extends')?.value : undefined;
    if (spec?.kind !== 'map') continue;
    const fields = new Map(entries(candidate, spec).map((e) => [e.key, scalarSpan(candidate, e.value)?.text]));
    const path = fields.get('file');
    const service = fields.get('service');
    if (path && service && (resolvePath(folder, path) === uri || namedByPattern(folder, path, uri))) services.add(service);
  }
  return services;
}

/**
 * Whether a path with variables (`docker-compose-${ENVIRONMENT}.yml`) can name `uri`: each
 * variable stands for some characters of one path segment (round 12: js-box picks its
 * development or production file so).
 */
function namedByPattern(folder: string, path: string, uri: string): boolean {
  if (!/\$\{?[A-Za-z_]/.test(path)) return false;
  // A variable that opens the path stands for a folder anywhere (${REPO_ROOT}/compose/.shared/compose.yml: round 42).
  const rooted = /^\$(?:\{[A-Za-z_]\w*\}|[A-Za-z_]\w*)\/(.+)$/.exec(path);
  if (rooted && !rooted[1]!.includes('$')) return uri.endsWith(`/${rooted[1]!.replace(/^(\.\/)+/, '')}`);
  const marker = 'x0variable0x';
  const resolved = resolvePath(folder, path.replace(/\$\{[^}]*\}|\$[A-Za-z_]\w*/g, marker));
  if (!resolved) return false;
  const pattern = resolved.split(marker).map((piece) => piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^/]+');
  return new RegExp(`^${pattern}$`).test(uri);
}

/**
 * An `extends` a project ships commented out for the user to turn on (immich's main file, for
 * its hwaccel.ml.yml): `# extends:` / `#   file: x.yml` / `#   service: cpu`. The file it names is
 * still a library of services to extend, never a project of its own.
 */
const COMMENTED_EXTENDS = /^[ \t]*#[ \t]*extends:[^\n]*\n[ \t]*#[ \t]*file:[ \t]*["']?([^"'\s#]+)["']?[^\n]*\n[ \t]*#[ \t]*service:[ \t]*["']?([^"'\s#]+)/gm;

function commentedExtends(text: string, folder: string, uri: string): string[] {
  if (!/#[ \t]*extends:/.test(text)) return [];
  const services: string[] = [];
  for (const match of text.matchAll(COMMENTED_EXTENDS)) {
    if (resolvePath(folder, match[1]!) === uri) services.push(match[2]!);
  }
  return services;
}

/**
 * `kind:name` of everything the other compose files of the file's folder (not in `known`) declare
 * (and `image:name` for each service they give an image),
 * and, for a file in a subfolder, the compose files of the folders above it, up to the
 * repository's root (an overlay in message-producing-override/ is combined with
 * ../docker-compose.local.yml through -f).
 */
const RUNNABLE = new Set(['image', 'build', 'provider', 'extends']);

export function siblingDeclarations(uri: string, known: ReadonlySet<string>, context: ServiceContext): Set<string> {
  const declared = new Set<string>();
  const rootLength = uri.indexOf('://') + 3;
  let folder = dirnameUri(uri);
  let read = 0;
  let chars = 0;
  for (let level = 0; level <= SIBLING_LEVELS_UP; level++) {
    const listing = listed(folder, context);
    for (const entry of listing) {
      // Any YAML file of a folder named for compose (docker_compose/app.yaml with storages.yaml, round 11),
      // and a file of shared declarations beside this one (networks.yml next to fragments that
      // apps include with it: round 32).
      if (entry.isDirectory || !(COMPOSE_NAME.test(entry.name) || (/\.ya?ml$/i.test(entry.name) && /compose/i.test(folder.slice(folder.lastIndexOf('/') + 1))) || (level === 0 && DECLARATIONS_NAME.test(entry.name)))) continue;
      const sibling = `${folder}/${encodeName(entry.name)}`;
      if (sibling === uri || known.has(sibling)) continue;
      if (++read > MAX_SIBLINGS || chars >= MAX_SIBLING_CHARS) return declared;
      const text = readText(sibling, context);
      if (text === undefined || (chars += text.length) > MAX_SIBLING_CHARS) continue;
      const file = composeFileOfText(sibling, text);
      const symbols = symbolsOf(file);
      for (const d of symbols.declarations) declared.add(`${d.kind}:${d.name}`);
      // `image:name`: the sibling gives the service an image (what a stack overlay needs from it).
      for (const [name, service] of symbols.services) if (service.map && entries(file, service.map).some((e) => e.key === 'image')) declared.add(`image:${name}`);
      // `runnable:name`: the sibling may give the service what it runs (an image, a build, a
      // provider, or a service it extends), or cannot be read well enough to tell.
      for (const [name, service] of symbols.services) {
        if (file.problems.length > 0 || file.broken.length > 0 || !service.map || entries(file, service.map).some((e) => RUNNABLE.has(e.key))) declared.add(`runnable:${name}`);
      }
    }
    // Not past a repository's root.
    const parent = dirnameUri(folder);
    if (listing.some((e) => e.name === '.git') || parent === folder || parent.length < rootLength) break;
    folder = parent;
  }
  return declared;
}

/**
 * `kind:name` of what the default compose files of the folders above this one declare (the nearest
 * folder that has one, up to three levels): an add-on file in a subfolder (docker/addons/x/
 * docker-compose.yml) is usually combined with its base through -f. When no folder above has one,
 * the compose files in the folders beside the ones above count (compose/base.yml next to
 * services/x/compose.yml, which a Makefile combines with -f): a YAML file named with "compose",
 * or any YAML file in a folder named so.
 */
export function parentDeclarations(uri: string, context: ServiceContext): Map<string, string> {
  /** `kind:name` → the file that declares it. */
  const declared = new Map<string, string>();
  const rootLength = uri.indexOf('://') + 3;
  let folder = dirnameUri(uri);
  for (let level = 0; level < MAX_LEVELS_UP; level++) {
    const parent = dirnameUri(folder);
    if (parent === folder || parent.length < rootLength) break;
    folder = parent;
    for (const name of DEFAULT_FILE_NAMES) {
      const base = `${folder}/${name}`;
      const text = readText(base, context);
      if (text === undefined || text.length > MAX_SIBLING_CHARS) continue;
      for (const d of symbolsOf(composeFileOfText(base, text)).declarations) if (!declared.has(`${d.kind}:${d.name}`)) declared.set(`${d.kind}:${d.name}`, base);
    }
    if (declared.size > 0) break;
  }
  if (declared.size === 0) besideDeclarations(uri, context, declared);
  return declared;
}

/** Levels above a file whose other subfolders are looked into for a base, and at most how many subfolders such a folder has. */
const BESIDE_LEVELS = 2;
const MAX_BESIDE_FOLDERS = 16;

function besideDeclarations(uri: string, context: ServiceContext, declared: Map<string, string>): void {
  const rootLength = uri.indexOf('://') + 3;
  let folder = dirnameUri(uri);
  let read = 0;
  let chars = 0;
  for (let level = 0; level < BESIDE_LEVELS; level++) {
    // Not past a repository's root, nor into a folder of many projects (its subfolders are other
    // projects, not parts of this one).
    if (level > 0 && listed(folder, context).some((e) => e.name === '.git')) return;
    const parent = dirnameUri(folder);
    if (parent === folder || parent.length < rootLength) return;
    const own = folder;
    folder = parent;
    const subfolders = listed(folder, context).filter((e) => e.isDirectory && !e.name.startsWith('.'));
    if (subfolders.length > MAX_BESIDE_FOLDERS) return;
    for (const sub of subfolders) {
      if (`${folder}/${encodeName(sub.name)}` === own) continue;
      const subfolder = `${folder}/${encodeName(sub.name)}`;
      const anyYaml = /compose/i.test(sub.name);
      for (const entry of listed(subfolder, context)) {
        if (entry.isDirectory || !(anyYaml ? YAML_NAME : COMPOSE_NAME).test(entry.name)) continue;
        if (++read > MAX_SIBLINGS || chars >= MAX_SIBLING_CHARS) return;
        const base = `${subfolder}/${encodeName(entry.name)}`;
        const text = readText(base, context);
        if (text === undefined || (chars += text.length) > MAX_SIBLING_CHARS) continue;
        for (const d of symbolsOf(composeFileOfText(base, text)).declarations) if (!declared.has(`${d.kind}:${d.name}`)) declared.set(`${d.kind}:${d.name}`, base);
      }
    }
  }
}
