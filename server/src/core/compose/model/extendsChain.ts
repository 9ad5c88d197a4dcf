// Following `extends`: a service may extend another service of the same file (`extends: web` or
// `extends: { service: web }`) or of another file (`extends: { file: common.yaml, service: web }`),
// which may extend further. Compose resolves extends file by file, before files are merged, so a
// reference without `file` is to the same file. The walk is bounded and stops at a loop.
import type { ServiceContext } from '../../languageService';
import { entries } from './access';
import type { ComposeFile } from './composeFile';
import { composeFileOfText } from './documentStore';
import type { CNode, MapNode } from './nodes';
import { readText } from './project';
import { scalarSpan, symbolsOf } from './symbols';
import { dirnameUri, resolvePath } from './uris';

export interface ExtendsLink {
  file: ComposeFile;
  service: string;
  /** The service's mapping, when the file defines it. */
  map: MapNode | null;
  /** The node naming the next link (the `extends` value or its `service`), when there is one. */
  next?: CNode;
}

export interface ExtendsWalk {
  links: ExtendsLink[];
  /** Set when the chain comes back to a link it passed: the index of that link. */
  loopsTo?: number;
  /** The chain goes on into something that cannot be read (a missing file or service, a variable). */
  unknown: boolean;
}

const MAX_LINKS = 32;

/** Where a service's `extends` points: the file (uri) and service, or undefined without extends. */
export function extendsTarget(file: ComposeFile, map: MapNode, folder = dirnameUri(file.uri)): { uri: string | undefined; service: string | undefined; node: CNode } | undefined {
  const ext = entries(file, map).find((e) => e.key === 'extends');
  if (!ext?.raw) return undefined;
  if (ext.value?.kind === 'scalar') {
    const span = scalarSpan(file, ext.raw);
    return { uri: file.uri, service: span && !span.text.includes('$') ? span.text : undefined, node: ext.raw };
  }
  if (ext.value?.kind !== 'map') return { uri: undefined, service: undefined, node: ext.raw };
  const fields = entries(file, ext.value);
  const serviceNode = fields.find((e) => e.key === 'service')?.raw ?? null;
  const service = scalarSpan(file, serviceNode)?.text;
  const fileNode = fields.find((e) => e.key === 'file')?.raw ?? null;
  const path = scalarSpan(file, fileNode)?.text;
  const uri = fileNode ? (path ? resolvePath(folder, path) : undefined) : file.uri;
  return { uri, service: service && !service.includes('$') ? service : undefined, node: serviceNode ?? ext.raw };
}

/**
 * The chain of services `service` of `file` extends, itself first. `folder` is what the first
 * file's relative paths resolve against (its project's folder); later files use their own.
 */
export function walkExtends(file: ComposeFile, service: string, context: ServiceContext, folder = dirnameUri(file.uri)): ExtendsWalk {
  const links: ExtendsLink[] = [];
  const seen = new Map<string, number>();
  let current: { file: ComposeFile; service: string } | undefined = { file, service };
  let base = folder;
  while (current && links.length < MAX_LINKS) {
    const key = `${current.file.uri}#${current.service}`;
    const again = seen.get(key);
    if (again !== undefined) return { links, loopsTo: again, unknown: false };
    seen.set(key, links.length);
    const map = symbolsOf(current.file).services.get(current.service)?.map ?? null;
    const link: ExtendsLink = { file: current.file, service: current.service, map };
    links.push(link);
    if (!map) return { links, unknown: true };
    const target = extendsTarget(current.file, map, base);
    if (!target) return { links, unknown: false };
    link.next = target.node;
    if (!target.uri || !target.service) return { links, unknown: true };
    const next: ComposeFile | undefined = target.uri === current.file.uri ? current.file : fileAt(target.uri, context);
    if (!next) return { links, unknown: true };
    if (next !== current.file) base = dirnameUri(next.uri);
    current = { file: next, service: target.service };
  }
  return { links, unknown: true };
}

function fileAt(uri: string, context: ServiceContext): ComposeFile | undefined {
  const text = readText(uri, context);
  return text === undefined ? undefined : composeFileOfText(uri, text);
}
