// Document links: images to their registry page (Docker Hub, GHCR, MCR, Quay), and the files a
// compose file names (env files, Dockerfiles, extends and include files, secret and config
// files, bind-mounted files) when they exist.
import { t } from '../../l10n';
import type { ServiceContext, TextDocumentLike } from '../../languageService';
import type { DocumentLink } from '../../types';
import { entries, resolve, rootMaps } from '../model/access';
import type { ComposeFile } from '../model/composeFile';
import { buildPaths } from '../model/buildPaths';
import { composeFileOf } from '../model/documentStore';
import type { CNode } from '../model/nodes';
import { scalarSpan, symbolsOf } from '../model/symbols';
import { dirnameUri, resolvePath } from '../model/uris';
import { parseVolumeSpec } from '../model/volumeSpec';

export function documentLinksCompose(document: TextDocumentLike, context: ServiceContext): DocumentLink[] {
  const file = composeFileOf(document);
  if (file.skipped) return [];
  const links: DocumentLink[] = [];
  const folder = dirnameUri(file.uri);
  const exists = (uri: string) => {
    try {
      return context.files.exists(uri);
    } catch {
      return false;
    }
  };
  const fileLink = (node: CNode | null, base = folder, part?: { start: number; end: number }) => {
    const span = scalarSpan(file, node);
    if (!span) return;
    const text = part ? span.text.slice(part.start, part.end) : span.text;
    const uri = resolvePath(base, text);
    if (!uri || !exists(uri)) return;
    const start = span.start + (part?.start ?? 0);
    links.push({ range: file.range(start, start + text.length), target: uri, tooltip: t('Open {0}', text) });
  };
  for (const [, service] of symbolsOf(file).services) {
    const map = service.map;
    if (!map) continue;
    for (const e of entries(file, map)) {
      if (e.key === 'image') imageLink(file, e.raw, links);
      if (e.key === 'env_file' || e.key === 'label_file') {
        const items = e.value?.kind === 'seq' ? e.value.items : [e.raw];
        for (const item of items) {
          const value = resolve(file, item);
          fileLink(value?.kind === 'map' ? entries(file, value).find((x) => x.key === 'path')?.raw ?? null : item);
        }
      }
      if (e.key === 'extends' && e.value?.kind === 'map') fileLink(entries(file, e.value).find((x) => x.key === 'file')?.raw ?? null);
      if (e.key === 'volumes' && e.value?.kind === 'seq') {
        for (const item of e.value.items) {
          const span = scalarSpan(file, item);
          const spec = span && parseVolumeSpec(span.text);
          // Bind-mounted files (not folders, which cannot be opened as documents).
          if (spec?.source && !spec.named && /\.[A-Za-z0-9]+$/.test(spec.source.text)) fileLink(item, folder, spec.source);
        }
      }
    }
    const build = buildPaths(file, map);
    if (build?.contextUri && build.dockerfileUri && exists(build.dockerfileUri)) {
      const span = scalarSpan(file, build.dockerfileNode);
      if (span) links.push({ range: file.range(span.start, span.end), target: build.dockerfileUri, tooltip: t('Open the Dockerfile') });
    }
  }
  for (const root of rootMaps(file)) {
    for (const top of entries(file, root)) {
      if (top.key === 'include' && top.value?.kind === 'seq') {
        for (const item of top.value.items) {
          const value = resolve(file, item);
          if (value?.kind !== 'map') fileLink(item);
          else {
            const path = entries(file, value).find((x) => x.key === 'path');
            const list = path?.value?.kind === 'seq' ? path.value.items : [path?.raw ?? null];
            list.forEach((p) => fileLink(p));
          }
        }
      }
      if ((top.key === 'secrets' || top.key === 'configs') && top.value?.kind === 'map') {
        for (const declared of entries(file, top.value)) {
          if (declared.value?.kind === 'map') fileLink(entries(file, declared.value).find((x) => x.key === 'file')?.raw ?? null);
        }
      }
    }
  }
  return links;
}

function imageLink(file: ComposeFile, node: CNode | null, links: DocumentLink[]): void {
  const span = scalarSpan(file, node);
  if (!span || span.text.includes('$')) return;
  const repository = span.text.split('@')[0]!.replace(/:[^/:]*$/, '');
  const target = registryPage(repository);
  if (target) links.push({ range: file.range(span.start, span.start + repository.length), target, tooltip: t('Open the image page') });
}

/** The web page of an image repository on the registries that have one. */
export function registryPage(repository: string): string | undefined {
  const parts = repository.split('/');
  const first = parts[0]!;
  const hasRegistry = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const registry = hasRegistry ? first : 'docker.io';
  const path = (hasRegistry ? parts.slice(1) : parts).join('/');
  if (!/^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/.test(path)) return undefined;
  switch (registry) {
    case 'docker.io':
    case 'index.docker.io':
    case 'registry-1.docker.io': {
      const name = path.startsWith('library/') ? path.slice('library/'.length) : path;
      return name.includes('/') ? `https://hub.docker.com/r/${name}` : `https://hub.docker.com/_/${name}`;
    }
    case 'ghcr.io':
      return `https://ghcr.io/${path}`;
    case 'mcr.microsoft.com':
      return `https://mcr.microsoft.com/artifact/mar/${path}`;
    case 'quay.io':
      return `https://quay.io/repository/${path}`;
    default:
      return undefined;
  }
}
