// Paths the file names that do not exist: env_file (unless marked not required, and an include's), build context
// and Dockerfile, extends and include files, label files, and the files of top-level secrets
// and configs, and files bind-mounted into a container. They are relative to the project's folder
// (the base's, for a -f overlay in a subfolder). Only checked for files on disk; URLs and
// interpolated paths are skipped.
import { t } from '../../l10n';
import { composeBoolean, entries, resolve, rootMaps, type ValueNode } from '../model/access';
import type { CNode } from '../model/nodes';
import { scalarSpan } from '../model/symbols';
import { resolvePath } from '../model/uris';
import { buildPaths } from '../model/buildPaths';
import { servicesOf, type CheckContext } from './checkContext';
import { bindMounts, type BindMount } from '../model/bindMounts';
import { dirnameUri } from '../model/uris';
import { isIgnored, type IgnorePattern } from '../../ignorePatterns';
import { folderLister, foldersUp, gitignorePatterns, mentions, scriptsText } from '../../repositoryFiles';

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
  // What the repository says about a missing path, read once and only when one is missing.
  let repository: { ignored: IgnorePattern[]; scripts: string; list: (folder: string) => string[] } | undefined;
  const repositoryOf = () => {
    if (!repository) {
      const files = ctx.context.files;
      const list = folderLister(files);
      const folders = [...new Set([folder, ...foldersUp(files, dirnameUri(file.uri))])];
      repository = { ignored: gitignorePatterns(files, folder), scripts: scriptsText(files, folders, list), list };
    }
    return repository;
  };
  /**
   * How sure a missing path is a problem: not at all where a script or CI workflow of the
   * repository names it (it may make, copy or clone it first: round 24's secrets made by ./start,
   * contexts an rsync puts in place); an env file with a shipped example is to be copied (said as
   * information); a path Git ignores is one each clone makes for itself (a hint).
   */
  const missing = (text: string, uri: string, envFile: boolean): { severity?: 'information' | 'hint'; example?: string } | undefined => {
    const name = text.replace(/\/+$/, '').split('/').pop() ?? '';
    const { ignored, scripts, list } = repositoryOf();
    if (mentions(scripts, name)) return undefined;
    if (envFile) {
      // compose-env-not-copied has said to copy the example into this .env (round 24: the same advice twice).
      if (/(^|\/)\.env$/.test(text) && ctx.out.some((p) => p.rule === 'compose-env-not-copied')) return undefined;
      const parent = dirnameUri(uri);
      const example = list(parent).find((n) => n.startsWith(`${name}.`) && /\.(example|sample|dist|template|tpl|defaults?)$/i.test(n)) ?? list(parent).find((n) => n !== name && /^(example|sample)\.env$|^\.env\.(example|sample|dist|template)$/i.test(n));
      if (example) return { severity: 'information', example };
    }
    const relative = text.replace(/^(\.\/)+/, '');
    if (!relative.startsWith('../') && !relative.startsWith('/') && isIgnored(ignored, relative)) return { severity: 'hint' };
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
        : how.severity === 'hint'
        ? t('{0} "{1}" does not exist. Git ignores it, so each clone makes it: create it before docker compose up (the README may say how).', what(), span.text)
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
    ctx.out.push({
      rule: 'compose-missing-file', start: source.start, end: source.end,
      message: how.severity === 'hint'
        ? t('The file "{0}" does not exist. Git ignores it, so each clone makes it: create it before docker compose up, or Docker mounts an empty folder at {1} in its place.', source.text, target)
        : t('The file "{0}" does not exist: Docker creates an empty folder in its place and mounts that at {1}, so the container stops at start ("not a directory") or reads a folder where it expects its file.', source.text, target),
      ...(how.severity ? { severity: how.severity } : {}),
    });
  };
  for (const { map } of servicesOf(file)) {
    for (const e of entries(file, map)) {
      if (e.key === 'env_file') envFiles(file, e.value, e.raw).forEach((n) => check(n, folder, () => t('The env file'), true));
      if (e.key === 'label_file') listOrOne(e.value, e.raw).forEach((n) => check(n, folder, () => t('The label file')));
      if (e.key === 'extends' && e.value?.kind === 'map') check(field(file, e.value, 'file'), folder, () => t('The file'));
    }
    for (const mount of bindMounts(file, map)) checkBindFile(mount);
    const build = buildPaths(file, map, folder);
    if (build?.contextNode) check(build.contextNode, folder, () => t('The build context'));
    if (build?.contextUri && build.dockerfileNode && exists(build.contextUri)) check(build.dockerfileNode, build.contextUri, () => t('The Dockerfile'));
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

/** A name that is a file's: one with an extension (nginx.conf, .env.local; not conf.d, a folder), or a file's name without one. */
const FILE_NAME = /^\.?[\w-]+(\.[\w-]+)*\.[A-Za-z][\w-]{0,9}$|^\.(env|htpasswd|npmrc|netrc|pgpass|pypirc)$|^(Caddyfile|Corefile|Dockerfile|Makefile|Procfile|Gemfile|Jenkinsfile|htpasswd|authorized_keys|known_hosts|crontab)$/;

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
