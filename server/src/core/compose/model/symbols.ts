// The names a compose file declares (services and the top-level volumes, networks, secrets,
// configs and models) and every place a service refers to one of them, each with the exact
// range of the name so navigation, rename and checks agree on what a reference is.
import { entries, resolve, rootMaps, type Entry, type ValueNode } from './access';
import type { ComposeFile } from './composeFile';
import type { CNode, MapNode } from './nodes';
import { parseVolumeSpec } from './volumeSpec';
import { NodeMemo } from './nodeMemo';

export type SymbolKindName = 'service' | 'volume' | 'network' | 'secret' | 'config' | 'model';

export const SECTION_OF: Record<SymbolKindName, string> = {
  service: 'services',
  volume: 'volumes',
  network: 'networks',
  secret: 'secrets',
  config: 'configs',
  model: 'models',
};

export interface Declaration {
  kind: SymbolKindName;
  name: string;
  /** The key's range. */
  start: number;
  end: number;
  keyNode: CNode;
  value: ValueNode | null;
}

export interface Reference {
  kind: SymbolKindName;
  name: string;
  /** The name's own range inside the scalar or key. */
  start: number;
  end: number;
  /** The service that refers (the referring key for messages). */
  service: string;
  via: string;
  /** Set for an empty name (`""`, `service:`): the range of the scalar as written, quotes included. */
  written?: { start: number; end: number };
}

/** A reference with an empty name (never a volume: an empty volume source is an anonymous volume). */
export type EmptyReference = Reference & { kind: Exclude<SymbolKindName, 'volume'>; written: { start: number; end: number } };

function isEmptyReference(reference: Reference): reference is EmptyReference {
  return reference.written !== undefined && reference.kind !== 'volume';
}

export interface FileSymbols {
  declarations: Declaration[];
  references: Reference[];
  /**
   * References whose name is empty (`depends_on: [""]`, `network_mode: "service:"`): compose
   * refuses them as undefined, but they name nothing to navigate to or rename, so they are kept
   * apart from `references`. An empty volume source is not one: it makes an anonymous volume.
   */
  emptyReferences: EmptyReference[];
  /** Service name → its (merge-resolved) mapping, first definition wins. */
  services: Map<string, { declaration: Declaration; map: MapNode | null; aliased: boolean }>;
}

const cache = new WeakMap<ComposeFile, FileSymbols>();
/** A service's references, kept while other services are edited (see NodeMemo). */
const referenceMemo = new NodeMemo<Reference>((reference, delta) => ({
  ...reference,
  start: reference.start + delta,
  end: reference.end + delta,
  ...(reference.written ? { written: { start: reference.written.start + delta, end: reference.written.end + delta } } : {}),
}));

export function symbolsOf(file: ComposeFile): FileSymbols {
  const cached = cache.get(file);
  if (cached) return cached;
  const symbols: FileSymbols = { declarations: [], references: [], emptyReferences: [], services: new Map() };
  for (const root of rootMaps(file)) {
    for (const top of entries(file, root)) {
      const kind = (Object.keys(SECTION_OF) as SymbolKindName[]).find((k) => SECTION_OF[k] === top.key);
      if (!kind || top.value?.kind !== 'map') continue;
      for (const item of entries(file, top.value)) {
        if (item.key.startsWith('x-') && kind !== 'service') continue;
        const declaration: Declaration = { kind, name: item.key, start: item.keyNode.start, end: item.keyNode.end, keyNode: item.keyNode, value: item.value };
        symbols.declarations.push(declaration);
        if (kind === 'service' && !symbols.services.has(item.key)) {
          symbols.services.set(item.key, { declaration, map: item.value?.kind === 'map' ? item.value : null, aliased: item.raw?.kind === 'alias' });
        }
      }
    }
  }
  const seen = new Set<string>();
  for (const [name, service] of symbols.services) {
    const map = service.map;
    if (!map) continue;
    // A definition shared through an alias names different services, so it is not kept.
    const found = service.aliased ? serviceReferences(file, name, map) : referenceMemo.get(map, () => serviceReferences(file, name, map));
    for (const reference of found) {
      const identity = `${reference.kind}:${reference.start}:${reference.service}`;
      if (seen.has(identity)) continue;
      seen.add(identity);
      if (isEmptyReference(reference)) symbols.emptyReferences.push(reference);
      else symbols.references.push(reference);
    }
  }
  cache.set(file, symbols);
  return symbols;
}

/** A scalar's text with the range of the text itself (inside any quotes), when it maps 1:1 onto the source. */
export function scalarSpan(file: ComposeFile, node: CNode | null): { text: string; start: number; end: number } | undefined {
  const value = resolve(file, node);
  if (!node || node.kind !== 'scalar' || !value || value.kind !== 'scalar' || value.value === null) return undefined;
  const text = String(value.value);
  const quoted = node.style === 'single' || node.style === 'double';
  const start = quoted ? node.start + 1 : node.start;
  const end = quoted ? node.end - 1 : node.end;
  if (file.text.slice(start, end) !== text) return undefined;
  return { text, start, end };
}

function serviceReferences(file: ComposeFile, service: string, map: MapNode): Reference[] {
  const out: Reference[] = [];
  const add = (kind: SymbolKindName, name: string, start: number, end: number, via: string, written: CNode | null = null) => {
    if (name) out.push({ kind, name, start, end, service, via });
    else if (written && kind !== 'volume') out.push({ kind, name, start, end, service, via, written: { start: written.start, end: written.end } });
  };
  /** A reference that is the whole scalar, or a prefix of it ending before `separator`. */
  const fromScalar = (kind: SymbolKindName, node: CNode | null, via: string, part?: (text: string) => [number, number] | undefined) => {
    const span = scalarSpan(file, node);
    if (!span) return;
    const [from, to] = part ? part(span.text) ?? [-1, -1] : [0, span.text.length];
    if (from < 0) return;
    add(kind, span.text.slice(from, to), span.start + from, span.start + to, via, node);
  };
  const fromKeys = (kind: SymbolKindName, value: ValueNode | null, via: string) => {
    if (value?.kind !== 'map') return;
    for (const e of entries(file, value)) {
      // An empty key is not kept: the schema's name pattern reports it already.
      if (!e.key.startsWith('x-')) add(kind, e.key, e.keyNode.start, e.keyNode.end, via);
    }
  };
  const listOrKeys = (kind: SymbolKindName, e: Entry, part?: (text: string) => [number, number] | undefined) => {
    if (e.value?.kind === 'seq') for (const item of e.value.items) fromScalar(kind, item, e.key, part);
    else fromKeys(kind, e.value, e.key);
  };
  const beforeColon = (text: string): [number, number] => {
    const colon = text.indexOf(':');
    return [0, colon < 0 ? text.length : colon];
  };
  const afterServicePrefix = (text: string): [number, number] | undefined =>
    text.startsWith('service:') ? [8, text.length] : undefined;
  const sourceOrItself = (kind: SymbolKindName, e: Entry) => {
    if (e.value?.kind !== 'seq') return;
    for (const item of e.value.items) {
      const value = resolve(file, item);
      if (value?.kind === 'map') fromScalar(kind, entries(file, value).find((x) => x.key === 'source')?.raw ?? null, e.key);
      else fromScalar(kind, item, e.key);
    }
  };

  for (const e of entries(file, map)) {
    switch (e.key) {
      case 'depends_on':
        listOrKeys('service', e);
        break;
      case 'links':
        listOrKeys('service', e, beforeColon);
        break;
      case 'volumes_from':
        if (e.value?.kind === 'seq') {
          for (const item of e.value.items) fromScalar('service', item, e.key, (text) => (text.startsWith('container:') ? undefined : beforeColon(text)));
        }
        break;
      case 'network_mode':
      case 'ipc':
      case 'pid':
        fromScalar('service', e.raw, e.key, afterServicePrefix);
        break;
      case 'extends':
        if (e.value?.kind === 'scalar') fromScalar('service', e.raw, e.key);
        else if (e.value?.kind === 'map' && !entries(file, e.value).some((x) => x.key === 'file')) {
          fromScalar('service', entries(file, e.value).find((x) => x.key === 'service')?.raw ?? null, e.key);
        }
        break;
      case 'networks':
        listOrKeys('network', e);
        break;
      case 'models':
        listOrKeys('model', e);
        break;
      case 'secrets':
        sourceOrItself('secret', e);
        break;
      case 'configs':
        sourceOrItself('config', e);
        break;
      case 'build':
        if (e.value?.kind === 'map') {
          const secrets = entries(file, e.value).find((x) => x.key === 'secrets');
          if (secrets) sourceOrItself('secret', secrets);
        }
        break;
      case 'volumes':
        if (e.value?.kind === 'seq') for (const item of e.value.items) volumeReference(file, item, add);
        break;
    }
  }
  return out;
}

function volumeReference(file: ComposeFile, item: CNode | null, add: (kind: SymbolKindName, name: string, start: number, end: number, via: string) => void): void {
  const value = resolve(file, item);
  if (value?.kind === 'map') {
    const fields = entries(file, value);
    const type = fields.find((x) => x.key === 'type')?.value;
    if (type?.kind !== 'scalar' || type.value !== 'volume') return;
    const span = scalarSpan(file, fields.find((x) => x.key === 'source')?.raw ?? null);
    if (span && !span.text.includes('$')) add('volume', span.text, span.start, span.end, 'volumes');
    return;
  }
  const span = scalarSpan(file, item);
  if (!span) return;
  const spec = parseVolumeSpec(span.text);
  if (spec?.named && spec.source) add('volume', spec.source.text, span.start + spec.source.start, span.start + spec.source.end, 'volumes');
}

/** The declaration of a name in one file. */
export function declarationOf(symbols: FileSymbols, kind: SymbolKindName, name: string): Declaration | undefined {
  return symbols.declarations.find((d) => d.kind === kind && d.name === name);
}
