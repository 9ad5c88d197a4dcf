// Paths the file names that do not exist: env_file (unless marked not required, and an include's), build context
// and Dockerfile, extends and include files, label files, and the files of top-level secrets
// and configs, and files bind-mounted into a container. They are relative to the project's folder
// (the base's, for a -f overlay in a subfolder). Only checked for files on disk; URLs and
// interpolated paths are skipped.
import { DOCKERFILE_NAME } from '../../documentKind';
import { layeredFromFolders } from './deployScripts';
import { t } from '../../l10n';
import { composeBoolean, entries, resolve, rootMaps, type ValueNode } from '../model/access';
import type { CNode } from '../model/nodes';
import { scalarSpan, symbolsOf } from '../model/symbols';
import { projectFiles } from '../model/project';
import { inheritedContext } from '../model/mergedBuild';
import { resolvePath } from '../model/uris';
import { buildPaths } from '../model/buildPaths';
import { servicesOf, type CheckContext } from './checkContext';
import { bindMounts, type BindMount } from '../model/bindMounts';
import { dirnameUri } from '../model/uris';
import { isIgnored, type IgnorePattern } from '../../ignorePatterns';
import { folderLister, foldersUp, gitignorePatterns, mayMake, notesSayToMake, notesText, scriptsText, submoduleFolders, submoduleHolding } from '../../repositoryFiles';

export function checkMissingPaths(ctx: CheckContext): void {
  const { file } = ctx;
  if (!file.uri.startsWith('file:')) return;
  const folder = ctx.project().directory;
  const exists = (uri: string) => {
    try {
      // A file the server may not look at is not reported missing.
      if (ctx.context.files.allowed?.(uri) === false) return true;
      return ctx.context.files.exists(uri);
    } catch {
      return true;
    }
  };
  let layered: string[] | undefined;
  // What the repository says about a missing path, read once and only when one is missing.
  let repository: { ignored: IgnorePattern[]; scripts: string; notes: () => string; list: (folder: string) => string[]; submodules: string[]; root: string | undefined } | undefined;
  const repositoryOf = () => {
    if (!repository) {
      const files = ctx.context.files;
      const list = folderLister(files);
      const folders = [...new Set([folder, ...foldersUp(files, dirnameUri(file.uri))])];
      let notes: string | undefined;
      // The repository's root: the last folder up that holds .git, where there is one.
      const top = folders[folders.length - 1]!;
      const root = exists(`${top}/.git`) ? top : undefined;
      repository = { ignored: gitignorePatterns(files, folder), scripts: scriptsText(files, folders, list), notes: () => (notes ??= notesText(files, folders, list)), list, submodules: submoduleFolders(files, folders), root };
    }
    return repository;
  };
  /** The .gitignore patterns that apply in a folder below the compose file's (its own and those above), read once per folder. */
  const nearIgnores = new Map<string, IgnorePattern[]>();
  const ignoredIn = (folderUri: string): IgnorePattern[] => {
    let patterns = nearIgnores.get(folderUri);
    if (!patterns) nearIgnores.set(folderUri, (patterns = gitignorePatterns(ctx.context.files, folderUri)));
    return patterns;
  };
  // A dated or backup copy (Backups/monitor-2026-08-10.yml): its paths were written for where the
  // original lives (round 25); so were a template's, rendered elsewhere (round 27:
  // docker-compose.template.yml with {{ PORT }} placeholders, gamble-fun-template.docker-compose.yml).
  const tail = `/${decodeURIComponent(file.uri).split('/').slice(-2).join('/')}`;
  // And a test's fixture, kept to be read rather than run (round 57: a service template's compose
  // files under shared/tests/fixtures/, without the services' folders).
  // (A default-named file in a backups folder is a stack that makes backups: round 63's rclone sync.)
  const copy = (OLD_COPY.test(tail) && !(/^\/(backups?|bak|archives?)\/(docker-)?compose\.ya?ml$/i.test(tail))) || TEMPLATE_NAME.test(tail.slice(tail.lastIndexOf('/') + 1)) || /\{\{\s+[A-Za-z_][\w.]*\s+\}\}/.test(file.text)
    || /\/(fixtures|__fixtures__|testdata|test-data)\//i.test(decodeURIComponent(file.uri));
  /**
   * How sure a missing path is a problem: not at all where a script or CI workflow of the
   * repository names it (it may make, copy or clone it first: round 24's secrets made by ./start,
   * contexts an rsync puts in place); an env file with a shipped example is to be copied (said as
   * information); a path Git ignores is one each clone makes for itself (a hint).
   */
  const missing = (text: string, uri: string, envFile: boolean): Missing | undefined => {
    const name = text.replace(/\/+$/, '').split('/').pop() ?? '';
    const relative = text.replace(/^(\.\/)+/, '');
    const { ignored, scripts, notes, list, submodules, root } = repositoryOf();
    if (mayMake(scripts, text)) return undefined;
    // There when the file is layered on another, as the scripts or notes run it: compose then
    // resolves its paths from that file's folder (round 71: an add-on's paths written from the root).
    if (uri.startsWith(`${folder}/`)) {
      layered ??= layeredFromFolders(file.uri, ctx.context);
      if (layered.some((base) => exists(`${base}/${uri.slice(folder.length + 1)}`))) return undefined;
    }
    // A path that starts with the file's own folder as seen from a folder above
    // (./apps/n8n/init-data.sh in apps/n8n/compose.yaml) is written from that folder, the project
    // directory of a -f command that layers this file on one there, and is there: a hint (round 84:
    // a homelab's deploy.sh layering each app's compose.yaml on the root file, from a variable).
    const above = writtenFromAbove(folder, relative, exists);
    if (above) return { severity: 'hint', why: 'above', above };
    // Outside the repository (../../orders-service from a local stack's folder): another checkout the
    // project expects beside this one (round 62: 32 such build contexts of one compose file).
    if (root !== undefined && uri !== root && !uri.startsWith(`${root}/`)) return { severity: 'hint', why: 'outside' };
    // Git ignores it: by the .gitignore files from here up, or one in its own folder (round 56: postgres/.gitignore naming .env).
    const gitIgnores = () => !relative.startsWith('../') && !relative.startsWith('/') && (isIgnored(ignored, relative) || (relative.includes('/') && isIgnored(ignoredIn(dirnameUri(uri)), name)));
    // In a submodule's folder: there once the clone fetches its submodules.
    const submodule = submoduleHolding(submodules, uri);
    if (submodule) return { severity: 'hint', why: 'submodule', submodule };
    if (copy) return { severity: 'hint', why: 'copy' };
    // The README or the docs name it: they tell the user to make it, or where it comes from.
    // (Not for a Dockerfile: every project's notes name one, round 41.)
    const noted = () => !/^(dockerfile|containerfile)$/i.test(name) && notesSayToMake(notes(), text);
    if (envFile) {
      // compose-env-not-copied has said to copy the example into this .env (round 24: the same advice twice).
      if (/(^|\/)\.env$/.test(text) && ctx.out.some((p) => p.rule === 'compose-env-not-copied')) return undefined;
      const parent = dirnameUri(uri);
      // .env.sample before .env.mem0.example, another service's template (round 67).
      const examples = list(parent).filter((n) => n.startsWith(`${name}.`) && /\.(example|sample|dist|template|tpl|defaults?)$/i.test(n));
      const example = examples.find((n) => !n.slice(name.length + 1).includes('.')) ?? examples[0] ?? list(parent).find((n) => n !== name && /^(example|sample)\.env$|^\.env\.(example|sample|dist|template)$/i.test(n));
      // Git ignores it: making it from the example is each clone's first step (round 26: 6 of 6 noise).
      if (example) return { severity: noted() || notesSayToMake(notes(), example) || gitIgnores() ? 'hint' : 'information', example };
    }
    if (gitIgnores()) {
      // A Dockerfile is nothing a clone makes: ignoring it is the slip (round 51: Dockerfile* in .gitignore, ten services).
      return DOCKERFILE_NAME.test(name) ? { why: 'ignored-dockerfile' } : { severity: 'hint', why: 'ignored' };
    }
    if (noted()) return { severity: 'hint', why: 'notes' };
    return {};
  };
  const check = (node: CNode | null, base: string, what: () => string, envFile = false) => {
    const span = scalarSpan(file, node);
    if (!span) return;
    const uri = resolvePath(base, span.text);
    if (!uri || exists(uri)) return;
    const how = missing(span.text, uri, envFile);
    if (!how) return;
    ctx.out.push({
      rule: 'compose-missing-file', start: span.start, end: span.end,
      message: how.example
        ? t('{0} "{1}" does not exist; the project ships {2}: copy it to {3} and fill it in.', what(), span.text, how.example, span.text.replace(/\/+$/, '').split('/').pop()!)
        : how.why === 'ignored'
        ? t('{0} "{1}" does not exist. Git ignores it, so each clone makes it: create it before docker compose up (the README may say how).', what(), span.text)
        : how.why === 'ignored-dockerfile'
        ? t('{0} "{1}" does not exist, and Git ignores it: a fresh clone lacks it, so the build stops ("failed to read dockerfile"). Commit it (take it out of .gitignore).', what(), span.text)
        : how.why === 'notes'
        ? t('{0} "{1}" does not exist. The project\'s notes name it: create it as they say before docker compose up.', what(), span.text)
        : how.why === 'copy'
        ? t('{0} "{1}" does not exist beside this file, which looks like a backup, an older copy or a template: its paths were written for where the file it stands for lives.', what(), span.text)
        : how.why === 'submodule'
        ? t('{0} "{1}" is in the Git submodule {2}, which is empty here: a clone fetches it with git clone --recursive or git submodule update --init.', what(), span.text, how.submodule!)
        : how.why === 'outside'
        ? t('{0} "{1}" does not exist. It is outside this repository: another checkout the project expects beside it, to be cloned there before docker compose up.', what(), span.text)
        : how.why === 'above'
        ? t('{0} "{1}" is not in this file\'s folder, but {2} has it: the path is written from there, as when docker compose -f runs this file after a file in {2}. Run on its own, this file does not find it.', what(), span.text, how.above!)
        : t('{0} "{1}" does not exist.', what(), span.text),
      ...(how.severity ? { severity: how.severity } : {}),
    });
  };
  /**
   * A bind mount of a file that is not there (`./nginx.conf:/etc/nginx/nginx.conf`): Docker creates
   * an empty folder in its place and mounts that, so the container stops at start ("not a
   * directory") or reads a folder for its configuration (round 23: a file kept in nginx/). Only
   * for a source that names a file (FILE_NAME): a missing folder is created and mounted as meant.
   */
  const checkBindFile = ({ source, target }: BindMount) => {
    if (!/^\.\.?\//.test(source.text) || /[$*?]/.test(source.text + target)) return;
    const name = source.text.replace(/\/+$/, '').split('/').pop() ?? '';
    if (!FILE_NAME.test(name) || /\.d$/.test(name) || source.text.endsWith('/')) return;
    const uri = resolvePath(folder, source.text);
    if (!uri || exists(uri)) return;
    const how = missing(source.text, uri, false);
    if (!how) return;
    // An extension no file type is known by (release.check, round 66's folder for test output) may
    // name a folder the container fills: Docker makes it, as meant.
    if (!how.why && !KNOWN_FILE.test(name)) {
      ctx.out.push({
        rule: 'compose-missing-file', start: source.start, end: source.end, severity: 'hint',
        message: t('Nothing is at "{0}": Docker creates an empty folder there and mounts it at {1}. Right for a folder the container fills; if it is meant to be a file, create it first.', source.text, target),
      });
      return;
    }
    ctx.out.push({
      rule: 'compose-missing-file', start: source.start, end: source.end,
      message: how.why === 'ignored'
        ? t('The file "{0}" does not exist. Git ignores it, so each clone makes it: create it before docker compose up, or Docker mounts an empty folder at {1} in its place.', source.text, target)
        : how.why === 'notes'
        ? t('The file "{0}" does not exist. The project\'s notes name it: create it as they say before docker compose up, or Docker mounts an empty folder at {1} in its place.', source.text, target)
        : how.why === 'copy'
        ? t('The file "{0}" does not exist beside this file, which looks like a backup, an older copy or a template: its paths were written for where the file it stands for lives.', source.text)
        : how.why === 'submodule'
        ? t('The file "{0}" is in the Git submodule {1}, which is empty here: a clone fetches it with git clone --recursive or git submodule update --init.', source.text, how.submodule!)
        : how.why === 'outside'
        ? t('The file "{0}" does not exist. It is outside this repository, so it is this machine\'s to provide: without it Docker mounts an empty folder at {1} in its place.', source.text, target)
        : how.why === 'above'
        ? t('The file "{0}" is not in this file\'s folder, but {1} has it: the path is written from there, as when docker compose -f runs this file after a file in {1}. Run on its own, Docker mounts an empty folder at {2} in its place.', source.text, how.above!, target)
        : t('The file "{0}" does not exist: Docker creates an empty folder in its place and mounts that at {1}, so the container stops at start ("not a directory") or reads a folder where it expects its file.', source.text, target),
      ...(how.severity ? { severity: how.severity } : {}),
    });
  };
  /**
   * Whether the service's build may get its dockerfile from elsewhere: the service it extends, or
   * the same service in another file of the project, with which compose merges it.
   */
  const mayInheritDockerfile = (name: string, map: Parameters<typeof entries>[1]): boolean =>
    entries(file, map).some((e) => e.key === 'extends') || projectFiles(ctx.project()).some((other) => other !== file && symbolsOf(other).services.has(name));
  /**
   * A Dockerfile the build reads that holds nothing (a file committed empty, or with comments only):
   * the build stops ("the Dockerfile cannot be empty": round 41's 0-byte docker/Dockerfile). Told in
   * the compose file, where the Dockerfile is not the file being typed.
   */
  const checkEmptyDockerfile = (uri: string, node: CNode | null) => {
    const span = scalarSpan(file, node);
    if (!span || /[$]/.test(span.text) || copy) return;
    const text = ctx.context.files.readText(uri);
    if (text === undefined || text.replace(/^[ \t]*#[^\n]*$/gm, '').trim() !== '') return;
    ctx.out.push({
      rule: 'compose-missing-file', start: span.start, end: span.end,
      message: t('The Dockerfile this builds ({0}) is empty: the build stops ("the Dockerfile cannot be empty"). Write its instructions, or build from another.', decodeURIComponent(uri.slice(uri.lastIndexOf('/', uri.lastIndexOf('/') - 1) + 1))),
    });
  };
  /** A build context folder with no Dockerfile in it: compose stops with "failed to read dockerfile". */
  const checkDefaultDockerfile = (contextUri: string, node: CNode) => {
    const span = scalarSpan(file, node);
    if (!span || /[$]/.test(span.text)) return;
    // Asked by name first: a listing stops at a few thousand entries (round 72: a root folder of
    // 12,235 files, its Dockerfile not among the first read).
    if (['Dockerfile', 'dockerfile', 'Containerfile', 'containerfile'].some((n) => exists(`${contextUri}/${n}`))) return;
    let names: string[];
    try {
      names = ctx.context.files.list(contextUri).map((e) => e.name);
    } catch {
      return;
    }
    // An empty listing is a folder not read (or not allowed), a full one perhaps cut: nothing is said.
    if (names.length === 0 || names.length >= MAX_LISTED_NAMES || names.some((n) => n === 'Dockerfile' || n === 'dockerfile' || /^containerfile$/i.test(n))) return;
    // DockerFile: found where file names ignore case (macOS, Windows), not on Linux, where buildx
    // looks for Dockerfile and then dockerfile only (round 58: a context with DockerFile in it).
    const cased = names.find((n) => /^dockerfile$/i.test(n));
    if (cased) {
      ctx.out.push({
        rule: 'compose-missing-file', start: span.start, end: span.end,
        message: t('The build context "{0}" has {1}, not Dockerfile: macOS and Windows find it, but on Linux, where file names differ by case, the build stops with "failed to read dockerfile". Rename it to Dockerfile, or name it with build.dockerfile.', span.text, cased),
        ...(copy ? { severity: 'hint' as const } : {}),
      });
      return;
    }
    // A script that writes or copies one in names the path (generate.sh: cp Dockerfile.tpl api/Dockerfile).
    const path = `${span.text.replace(/^(\.\/)+/, '').replace(/\/+$/, '')}/Dockerfile`;
    if (mayMake(repositoryOf().scripts, path)) return;
    ctx.out.push({
      rule: 'compose-missing-file', start: span.start, end: span.end,
      message: t('The build context "{0}" has no Dockerfile, and the service names no other: the build stops with "failed to read dockerfile". Add one there, or name it with build.dockerfile.', span.text),
      ...(copy ? { severity: 'hint' as const } : {}),
    });
  };
  for (const { name, map } of servicesOf(file)) {
    for (const e of entries(file, map)) {
      if (e.key === 'env_file') envFiles(file, e.value, e.raw).forEach((n) => check(n, folder, () => t('The env file'), true));
      if (e.key === 'label_file') listOrOne(e.value, e.raw).forEach((n) => check(n, folder, () => t('The label file')));
      if (e.key === 'extends' && e.value?.kind === 'map') check(field(file, e.value, 'file'), folder, () => t('The file'));
    }
    for (const mount of bindMounts(file, map)) checkBindFile(mount);
    const build = buildPaths(file, map, folder);
    if (build?.contextNode) check(build.contextNode, folder, () => t('The build context'));
    // A file given as the context (build: Dockerfile.web): compose needs a folder and stops (round 35's miss).
    if (build?.contextNode && build.contextUri && !build.inline && exists(build.contextUri) && ctx.context.files.readText(build.contextUri) !== undefined) {
      const span = scalarSpan(file, build.contextNode);
      if (span && !/[$]/.test(span.text)) {
        const name = span.text.replace(/\/+$/, '').split('/').pop()!;
        ctx.out.push({
          rule: 'compose-missing-file', start: span.start, end: span.end,
          message: /dockerfile|containerfile/i.test(name)
            ? t('"{0}" is a file, but build (or build.context) names the folder to build in: compose stops ("not a directory"). Give the folder as build.context and the file as build.dockerfile (context: ., dockerfile: {0}).', span.text)
            : t('"{0}" is a file, but build (or build.context) names the folder to build in: compose stops ("not a directory").', span.text),
          // Sure, wherever the file is: an error, above the rule's warning for paths that may be made first.
          severity: 'error',
        });
      }
    }
    // An override's dockerfile is read in the context the base gives the service (round 27: Dockerfile.pdf in the base's ./server).
    const inherited = build && build.dockerfileNode ? inheritedContext(file, ctx.project(), name, build) : undefined;
    const contextUri = inherited ? inherited.contextUri : build?.contextUri;
    if (build?.dockerfileNode && contextUri && exists(contextUri)) {
      // Named Dockerfile where the folder has only a lowercase dockerfile: buildx reads that one
      // (handleLowercaseDockerfile; round 29).
      const named = scalarSpan(file, build.dockerfileNode)?.text;
      const uri = named === undefined ? undefined : resolvePath(contextUri, named);
      // Said with the context it is looked for in: the context is as often what is wrong (round 41: context: .. one folder short).
      const context = inherited ? undefined : scalarSpan(file, build.contextNode)?.text;
      if (!(uri?.endsWith('/Dockerfile') && exists(`${uri.slice(0, -'Dockerfile'.length)}dockerfile`))) check(build.dockerfileNode, contextUri, () => (context === undefined ? t('The Dockerfile') : t('In the build context "{0}", the Dockerfile', context)));
      if (uri) checkEmptyDockerfile(uri, build.dockerfileNode);
    }
    // No dockerfile given: compose reads the context's Dockerfile (round 25: build: ./user-service, a folder with pom.xml and src only).
    else if (build?.contextUri && build.contextNode && !build.dockerfileNode && !build.inline && exists(build.contextUri) && !mayInheritDockerfile(name, map)) {
      checkDefaultDockerfile(build.contextUri, build.contextNode);
      checkEmptyDockerfile(`${build.contextUri}/Dockerfile`, build.contextNode);
    }
  }
  for (const root of rootMaps(file)) {
    for (const top of entries(file, root)) {
      if (top.key === 'include' && top.value?.kind === 'seq') {
        for (const item of top.value.items) {
          const value = resolve(file, item);
          const paths = value?.kind === 'map' ? listOrOne(resolve(file, field(file, value, 'path')), field(file, value, 'path')) : [item];
          paths.forEach((n) => check(n, folder, () => t('The included file')));
          // compose-go loader/include.go: each env_file but /dev/null must exist, from the including file's folder.
          if (value?.kind === 'map') {
            const envFile = field(file, value, 'env_file');
            listOrOne(resolve(file, envFile), envFile).filter((n) => scalarSpan(file, n)?.text !== '/dev/null').forEach((n) => check(n, folder, () => t('The env file')));
          }
        }
      }
      if ((top.key === 'secrets' || top.key === 'configs') && top.value?.kind === 'map') {
        for (const declared of entries(file, top.value)) {
          if (declared.value?.kind === 'map') check(field(file, declared.value, 'file'), folder, () => t('The file'));
        }
      }
    }
  }
}

/** How sure a missing path is a problem (undefined: not at all), and why it is less sure. */
interface Missing {
  severity?: 'information' | 'hint';
  example?: string;
  why?: 'ignored' | 'ignored-dockerfile' | 'notes' | 'copy' | 'submodule' | 'outside' | 'above';
  /** For why 'above': the folder above that has it, as a path from the project's folder. */
  above?: string;
  /** The submodule's folder name, for why 'submodule'. */
  submodule?: string;
}

/** At least the number of entries a folder's listing stops at (the LSP adapter's MAX_LISTED is 5,000). */
const MAX_LISTED_NAMES = 5000;

/** A compose file named as a template another tool renders. */
const TEMPLATE_NAME = /(^|[._-])(template|tpl|tmpl|j2|jinja2?)([._-]|$)/i;

/** A path of a dated or backup copy of a compose file: in a backup or archive folder, or named with a date or .bak/.old. */
const OLD_COPY = /(^|\/)(backups?|bak|archives?|old|deprecated|obsolete)\/|[-_.](19|20)\d\d-?[01]\d-?[0-3]\d[-_.]|\.(bak|old|orig)(\.|$)/i;

/** A name that is a file's: one with an extension (nginx.conf, .env.local; not conf.d, a folder), or a file's name without one. */
const FILE_NAME = /^\.?[\w-]+(\.[\w-]+)*\.[A-Za-z][\w-]{0,9}$|^\.(env|htpasswd|npmrc|netrc|pgpass|pypirc)$|^(Caddyfile|Corefile|Dockerfile|Makefile|Procfile|Gemfile|Jenkinsfile|htpasswd|authorized_keys|known_hosts|crontab)$/;

/** A name surely a file's: an extension of a known file type, an env file, or a file's name without one. */
const KNOWN_FILE = new RegExp(`\\.(${[
  'conf', 'cnf', 'cfg', 'config', 'ini', 'json', 'json5', 'ya?ml', 'toml', 'xml', 'properties', 'env', 'rc', 'sql', 'dump', 'sh', 'bash', 'zsh', 'ps1', 'bat', 'cmd',
  'py', 'js', 'mjs', 'cjs', 'ts', 'rb', 'php', 'pl', 'lua', 'exs?', 'go', 'rs', 'java', 'kt', 'groovy', 'jar', 'war', 'ear', 'so', 'dll', 'wasm', 'bin', 'dat',
  'txt', 'log', 'md', 'html?', 'css', 'csv', 'tsv', 'pem', 'crt', 'cer', 'cert', 'key', 'pub', 'p12', 'pfx', 'jks', 'keystore', 'truststore', 'der', 'csr', 'gpg', 'asc',
  'db', 'sqlite3?', 'mmdb', 'htpasswd', 'local', 'lock', 'tpl', 'tmpl', 'template', 'j2', 'dist', 'example', 'sample', 'vcl', 'hcl', 'tf', 'lic', 'license',
  'ovpn', 'service', 'rules', 'acl', 'proto', 'zip', 'tar', 'gz', 'tgz', 'bz2', 'xz', 'png', 'jpe?g', 'gif', 'ico', 'svg', 'webp', 'woff2?', 'ttf', 'sock',
].join('|')})$|^\\.env(\\.|$)|^[^.]+$|^\\.[^.]+$`, 'i');

function field(file: Parameters<typeof entries>[0], map: Parameters<typeof entries>[1], key: string): CNode | null {
  return entries(file, map).find((e) => e.key === key)?.raw ?? null;
}

function listOrOne(value: ValueNode | null, raw: CNode | null): (CNode | null)[] {
  if (value?.kind === 'seq') return value.items.map((i) => i);
  return value?.kind === 'scalar' ? [raw] : [];
}

/** env_file entries that are required (the long form may say `required: false`). */
function envFiles(file: Parameters<typeof entries>[0], value: ValueNode | null, raw: CNode | null): (CNode | null)[] {
  if (value?.kind === 'scalar') return [raw];
  if (value?.kind !== 'seq') return [];
  return value.items.flatMap((item) => {
    const resolved = resolve(file, item);
    if (resolved?.kind !== 'map') return [item];
    const required = resolve(file, field(file, resolved, 'required'));
    // compose decodes a string here with its boolean cast, so no and off mean false too.
    if (required?.kind === 'scalar' && (required.value === false || (typeof required.value === 'string' && composeBoolean(required.value) === false))) return [];
    return [field(file, resolved, 'path')];
  });
}

/**
 * Where `relative` begins with the last folders of `folder` and names something from the folder
 * above them (up to three up): that folder, as a path from `folder` (`../..`); else undefined.
 */
function writtenFromAbove(folder: string, relative: string, exists: (uri: string) => boolean): string | undefined {
  const own = folder.split('/');
  for (let k = 1; k <= 3 && k < own.length - 3; k++) {
    const tail = own.slice(-k).join('/');
    if (relative.startsWith(`${tail}/`) && exists(`${own.slice(0, -k).join('/')}/${relative}`)) return Array.from({ length: k }, () => '..').join('/');
  }
  return undefined;
}
