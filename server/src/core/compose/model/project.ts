// The files compose reads together with a given one. `compose.yaml` is merged with
// `compose.override.yaml` automatically; other names (compose.prod.yaml, docker-compose.test.yml)
// are usually combined with the default file through `-f`; `include:` pulls further files in.
// Names declared in any of them count as declared, and rename and references span them.
import type { ServiceContext } from '../../languageService';
import { entries, rootMaps } from './access';
import type { ComposeFile } from './composeFile';
import { composeFileOfText } from './documentStore';
import { scalarSpan } from './symbols';
import { basenameUri, dirnameUri, encodeName, resolvePath } from './uris';

export const DEFAULT_FILE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
const OVERRIDE = /^(.*)\.override\.(ya?ml)$/i;

export interface Project {
  self: ComposeFile;
  /** Base, override and -f companion files found beside this one. */
  partners: ComposeFile[];
  /** Files named by `include:` that could be read. */
  includes: ComposeFile[];
  /** Some `include:` could not be read, so declarations may be missing. */
  incomplete: boolean;
  /** The file is loaded on its own by default (a default name or its override), so missing names are certain. */
  standalone: boolean;
}

export function projectOf(file: ComposeFile, context: ServiceContext): Project {
  const folder = dirnameUri(file.uri);
  const name = basenameUri(file.uri);
  const partners: ComposeFile[] = [];
  const seen = new Set([file.uri]);
  const add = (uri: string) => {
    if (seen.has(uri)) return;
    seen.add(uri);
    const text = readText(uri, context);
    if (text !== undefined) partners.push(composeFileOfText(uri, text));
  };
  const override = OVERRIDE.exec(name);
  let standalone = DEFAULT_FILE_NAMES.includes(name.toLowerCase());
  if (override) {
    const stem = override[1]!;
    for (const ext of ['yaml', 'yml']) add(`${folder}/${encodeName(`${stem}.${ext}`)}`);
    standalone = DEFAULT_FILE_NAMES.includes(`${stem}.yaml`.toLowerCase()) || DEFAULT_FILE_NAMES.includes(`${stem}.yml`.toLowerCase());
  } else {
    const stem = name.replace(/\.ya?ml$/i, '');
    for (const ext of ['yaml', 'yml']) add(`${folder}/${encodeName(`${stem}.override.${ext}`)}`);
    if (!standalone) {
      for (const base of DEFAULT_FILE_NAMES) {
        add(`${folder}/${base}`);
        add(`${folder}/${base.replace(/\.(ya?ml)$/, '.override.$1')}`);
      }
    }
  }
  const { includes, incomplete } = includedFiles(file, folder, context);
  return { self: file, partners, includes, incomplete, standalone };
}

/** All files of the project, this one first. */
export function projectFiles(project: Project): ComposeFile[] {
  return [project.self, ...project.partners, ...project.includes];
}

function includedFiles(file: ComposeFile, folder: string, context: ServiceContext): { includes: ComposeFile[]; incomplete: boolean } {
  const includes: ComposeFile[] = [];
  let incomplete = false;
  for (const root of rootMaps(file)) {
    const include = entries(file, root).find((e) => e.key === 'include')?.value;
    if (include?.kind !== 'seq') continue;
    for (const item of include.items) {
      for (const path of includePaths(file, item)) {
        const uri = resolvePath(folder, path);
        const text = uri && readText(uri, context);
        if (uri && text !== undefined) includes.push(composeFileOfText(uri, text));
        else incomplete = true;
      }
    }
  }
  return { includes, incomplete };
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
