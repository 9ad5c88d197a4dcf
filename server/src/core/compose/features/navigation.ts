// Go to definition, find references and highlights for services, volumes, networks, secrets,
// configs and models across the file and the files compose reads with it; definition also
// follows aliases to their anchor, build.target to the Dockerfile stage and `extends` to the
// extended service in another file.
import type { ServiceContext, TextDocumentLike } from '../../languageService';
import { DocumentHighlightKind, type DocumentHighlight, type Location, type Position } from '../../types';
import { entries, resolve } from '../model/access';
import type { ComposeFile } from '../model/composeFile';
import { buildPaths } from '../model/buildPaths';
import { namedStages } from '../../dockerfile/syntax/namedStages';
import { composeFileOf, composeFileOfText } from '../model/documentStore';
import { locate } from '../model/locate';
import { readText } from '../model/project';
import { scalarSpan, symbolsOf } from '../model/symbols';
import { dirnameUri, resolvePath } from '../model/uris';
import { LineIndex } from '../../text';
import { pathIs } from './pathPattern';
import { occurrences, symbolAt } from './symbolAt';

function location(file: ComposeFile, start: number, end: number): Location {
  return { uri: file.uri, range: file.range(start, end) };
}

export function definitionCompose(document: TextDocumentLike, position: Position, context: ServiceContext): Location[] {
  const file = composeFileOf(document);
  const offset = file.lines.offsetAt(position);
  const symbol = symbolAt(file, offset);
  if (symbol) {
    const declarations = occurrences(file, context, symbol.kind, symbol.name).filter((o) => o.isDeclaration);
    const elsewhere = declarations.filter((d) => !(d.file.uri === file.uri && d.start === symbol.start));
    return (elsewhere.length > 0 ? elsewhere : declarations).map((d) => location(d.file, d.start, d.end));
  }
  const located = locate(file, offset);
  if (!located) return [];
  if (located.node.kind === 'alias') {
    const target = resolveAnchor(file, located.node.name, located.node.start);
    return target ? [location(file, target.start, target.end)] : [];
  }
  const path = located.path;
  if (pathIs(path, 'services.*.build.target')) return stageLocation(file, String(path[1]), context);
  if (pathIs(path, 'services.*.extends.service') || pathIs(path, 'services.*.extends.file')) return extendedService(file, String(path[1]), context);
  return [];
}

/** The anchor an alias at `offset` refers to (the latest definition before it). */
function resolveAnchor(file: ComposeFile, name: string, offset: number): { start: number; end: number } | undefined {
  const candidates = (file.anchors.get(name) ?? []).filter((a) => a.node.start < offset);
  const anchor = candidates[candidates.length - 1];
  if (!anchor) return undefined;
  // Point at `&name`, which sits just before the node.
  const at = file.text.lastIndexOf(`&${name}`, anchor.node.start);
  return at >= 0 ? { start: at, end: at + name.length + 1 } : { start: anchor.node.start, end: anchor.node.start };
}

function stageLocation(file: ComposeFile, service: string, context: ServiceContext): Location[] {
  const map = symbolsOf(file).services.get(service)?.map;
  const build = map ? buildPaths(file, map) : undefined;
  const target = build && scalarSpan(file, build.targetNode);
  const text = build?.dockerfileUri ? readText(build.dockerfileUri, context) : undefined;
  if (!build?.dockerfileUri || !target || text === undefined) return [];
  const stage = namedStages(text).find((s) => s.name === target.text.toLowerCase());
  if (!stage) return [];
  const lines = new LineIndex(text);
  return [{ uri: build.dockerfileUri, range: lines.range(stage.start, stage.end) }];
}

function extendedService(file: ComposeFile, service: string, context: ServiceContext): Location[] {
  const map = symbolsOf(file).services.get(service)?.map;
  const ext = map ? resolve(file, entries(file, map).find((e) => e.key === 'extends')?.raw) : null;
  if (ext?.kind !== 'map') return [];
  const fields = entries(file, ext);
  const path = scalarSpan(file, fields.find((e) => e.key === 'file')?.raw ?? null);
  const name = scalarSpan(file, fields.find((e) => e.key === 'service')?.raw ?? null);
  const uri = path && resolvePath(dirnameUri(file.uri), path.text);
  const text = uri ? readText(uri, context) : undefined;
  if (!uri || text === undefined) return [];
  const other = composeFileOfText(uri, text);
  const declaration = name ? symbolsOf(other).services.get(name.text)?.declaration : undefined;
  return [declaration ? location(other, declaration.start, declaration.end) : { uri, range: other.range(0, 0) }];
}

export function referencesCompose(document: TextDocumentLike, position: Position, includeDeclaration: boolean, context: ServiceContext): Location[] {
  const file = composeFileOf(document);
  const symbol = symbolAt(file, file.lines.offsetAt(position));
  if (!symbol) return [];
  return occurrences(file, context, symbol.kind, symbol.name)
    .filter((o) => includeDeclaration || !o.isDeclaration)
    .map((o) => location(o.file, o.start, o.end));
}

export function highlightsCompose(document: TextDocumentLike, position: Position, context: ServiceContext): DocumentHighlight[] {
  const file = composeFileOf(document);
  const symbol = symbolAt(file, file.lines.offsetAt(position));
  if (!symbol) return [];
  return occurrences(file, context, symbol.kind, symbol.name)
    .filter((o) => o.file.uri === file.uri)
    .map((o) => ({ range: file.range(o.start, o.end), kind: o.isDeclaration ? DocumentHighlightKind.Write : DocumentHighlightKind.Read }));
}
