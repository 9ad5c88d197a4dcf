// Paths the file names that do not exist: env_file (unless marked not required, and an include's), build context
// and Dockerfile, extends and include files, label files, and the files of top-level secrets
// and configs. They are relative to the project's folder (the base's, for a -f overlay in a
// subfolder). Only checked for files on disk; URLs and interpolated paths are skipped.
import { t } from '../../l10n';
import { composeBoolean, entries, resolve, rootMaps, type ValueNode } from '../model/access';
import type { CNode } from '../model/nodes';
import { scalarSpan } from '../model/symbols';
import { resolvePath } from '../model/uris';
import { buildPaths } from '../model/buildPaths';
import { servicesOf, type CheckContext } from './checkContext';

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
  const check = (node: CNode | null, base: string, what: () => string) => {
    const span = scalarSpan(file, node);
    if (!span) return;
    const uri = resolvePath(base, span.text);
    if (uri && !exists(uri)) {
      ctx.out.push({ rule: 'compose-missing-file', start: span.start, end: span.end, message: t('{0} "{1}" does not exist.', what(), span.text) });
    }
  };
  for (const { map } of servicesOf(file)) {
    for (const e of entries(file, map)) {
      if (e.key === 'env_file') envFiles(file, e.value, e.raw).forEach((n) => check(n, folder, () => t('The env file')));
      if (e.key === 'label_file') listOrOne(e.value, e.raw).forEach((n) => check(n, folder, () => t('The label file')));
      if (e.key === 'extends' && e.value?.kind === 'map') check(field(file, e.value, 'file'), folder, () => t('The file'));
    }
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
