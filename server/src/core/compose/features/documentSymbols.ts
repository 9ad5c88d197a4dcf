// The outline: each top-level key, with the services, volumes, networks, secrets, configs and
// models under their sections (a service's detail says what it runs).
import type { ServiceContext, TextDocumentLike } from '../../languageService';
import { SymbolKind, type DocumentSymbol } from '../../types';
import { entries, resolve, rootMaps } from '../model/access';
import type { ComposeFile } from '../model/composeFile';
import { composeFileOf } from '../model/documentStore';
import type { CNode, MapNode } from '../model/nodes';

const SECTION_KINDS: Record<string, SymbolKind> = {
  services: SymbolKind.Class,
  volumes: SymbolKind.Variable,
  networks: SymbolKind.Interface,
  secrets: SymbolKind.Key,
  configs: SymbolKind.Constant,
  models: SymbolKind.Object,
};

export function documentSymbolsCompose(document: TextDocumentLike, _context: ServiceContext): DocumentSymbol[] {
  const file = composeFileOf(document);
  const out: DocumentSymbol[] = [];
  for (const root of rootMaps(file)) {
    for (const pair of root.pairs) {
      const key = pair.key;
      if (!key || key.kind !== 'scalar' || key.value === null) continue;
      const name = String(key.value);
      const end = (pair.value ?? key).end;
      const symbol: DocumentSymbol = { name, kind: SECTION_KINDS[name] ? SymbolKind.Module : SymbolKind.Property, range: file.range(key.start, end), selectionRange: file.range(key.start, key.end) };
      const value = resolve(file, pair.value);
      const childKind = SECTION_KINDS[name];
      if (childKind !== undefined && value?.kind === 'map') symbol.children = children(file, value, childKind, name === 'services');
      out.push(symbol);
    }
  }
  return out;
}

function children(file: ComposeFile, map: MapNode, kind: SymbolKind, services: boolean): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const pair of map.pairs) {
    const key = pair.key;
    if (!key || key.kind !== 'scalar' || key.value === null || key.value === '<<') continue;
    const symbol: DocumentSymbol = { name: String(key.value), kind, range: file.range(key.start, (pair.value ?? key).end), selectionRange: file.range(key.start, key.end) };
    const detail = services ? serviceDetail(file, pair.value) : undefined;
    if (detail) symbol.detail = detail;
    out.push(symbol);
  }
  return out;
}

function serviceDetail(file: ComposeFile, node: CNode | null): string | undefined {
  const map = resolve(file, node);
  if (map?.kind !== 'map') return undefined;
  const fields = entries(file, map);
  const image = fields.find((e) => e.key === 'image')?.value;
  if (image?.kind === 'scalar' && image.value !== null) return String(image.value);
  return fields.some((e) => e.key === 'build') ? 'build' : undefined;
}
