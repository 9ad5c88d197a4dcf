// File and folder names for keys that hold paths (build context, Dockerfile, env_file, extends
// and include files, secret and config files), listed through the file access relative to the
// compose file (the Dockerfile relative to the build context).
import type { ServiceContext } from '../../languageService';
import { CompletionItemKind } from '../../types';
import type { ComposeFile } from '../model/composeFile';
import { buildPaths } from '../model/buildPaths';
import { symbolsOf } from '../model/symbols';
import { dirnameUri, resolvePath } from '../model/uris';
import type { CompletionSite } from './completionSite';
import type { Candidate } from './completionCandidates';
import { pathIs } from './pathPattern';

type Want = 'files' | 'folders' | 'both';

function pathKind(site: CompletionSite): Want | undefined {
  const p = site.path;
  if (site.kind === 'item') {
    if (pathIs(p, 'services.*.env_file') || pathIs(p, 'services.*.label_file') || pathIs(p, 'include')) return 'files';
    return undefined;
  }
  if (pathIs(p, 'services.*.build') || pathIs(p, 'services.*.build.context')) return 'folders';
  if (pathIs(p, 'services.*.build.dockerfile') || pathIs(p, 'services.*.env_file') || pathIs(p, 'services.*.env_file.#.path')) return 'files';
  if (pathIs(p, 'services.*.extends.file') || pathIs(p, 'services.*.label_file') || pathIs(p, 'include.#.path')) return 'files';
  if (pathIs(p, 'secrets.*.file') || pathIs(p, 'configs.*.file') || pathIs(p, 'include.#')) return 'files';
  return undefined;
}

export function pathCandidates(file: ComposeFile, site: CompletionSite, context: ServiceContext): Candidate[] {
  const want = pathKind(site);
  if (!want) return [];
  let base = dirnameUri(file.uri);
  if (pathIs(site.path, 'services.*.build.dockerfile')) {
    const map = symbolsOf(file).services.get(String(site.path[1]))?.map;
    const context = map ? buildPaths(file, map)?.contextUri : undefined;
    if (context) base = context;
  }
  const typed = site.prefix;
  const cut = typed.lastIndexOf('/') + 1;
  const folderText = typed.slice(0, cut);
  const folder = folderText === '' ? base : resolvePath(base, folderText);
  if (!folder) return [];
  let entries: { name: string; isDirectory: boolean }[] = [];
  try {
    entries = context.files.list(folder);
  } catch {
    return [];
  }
  const out: Candidate[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory && want === 'folders') continue;
    const label = entry.isDirectory ? `${entry.name}/` : entry.name;
    out.push({
      label,
      kind: entry.isDirectory ? CompletionItemKind.Folder : CompletionItemKind.File,
      insert: label,
      from: site.replaceStart + cut,
      sortText: `${entry.isDirectory ? 0 : 1}${entry.name}`,
      noSpace: cut > 0,
    });
  }
  return out;
}
