// Completion: keys from the schema (and block snippets) where a key is being typed; enum values,
// known values, references (services, volumes, networks, secrets, configs, Dockerfile stages,
// local images) and file paths where a value or a list item is being typed.
import type { ServiceContext, TextDocumentLike } from '../../languageService';
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionList, type Position } from '../../types';
import { composeFileOf, latestComposeFile } from '../model/documentStore';
import type { ComposeFile } from '../model/composeFile';
import type { PathSegment } from '../schema/schemaMessages';
import { t } from '../../l10n';
import { knownProperties, schemasAt } from '../schema/composeSchema';
import { completionSite, type CompletionSite } from './completionSite';
import { keyDocumentation, typeSummary } from './keyDocs';
import { keyInsertText } from './completionInsert';
import { snippetsAt } from './snippets';
import { valueCandidates, itemCandidates, mapKeyCandidates, type Candidate } from './completionCandidates';

export const COMPOSE_TRIGGER_CHARACTERS = [':', '-', ' ', '/', '"'];

export function completeCompose(document: TextDocumentLike, position: Position, context: ServiceContext): CompletionList {
  const text = document.getText();
  const latest = latestComposeFile(document.uri);
  const offset = offsetAt(text, position, latest);
  const site = completionSite(text, offset);
  if (!site) return { isIncomplete: false, items: [] };
  // Usually a cache hit (diagnostics parsed this version); otherwise an incremental parse.
  const file = composeFileOf(document);
  const edit = (newText: string, from = site.replaceStart) => ({
    range: { start: { line: position.line, character: position.character - (offset - from) }, end: { line: position.line, character: position.character + (site.replaceEnd - offset) } },
    newText,
  });
  const items: CompletionItem[] = [];
  const add = (candidate: Candidate) => {
    const newText = site.kind === 'value' && site.needsSpace && !candidate.noSpace ? ` ${candidate.insert}` : candidate.insert;
    const item: CompletionItem = { label: candidate.label, kind: candidate.kind, textEdit: edit(newText, candidate.from ?? site.replaceStart) };
    if (candidate.snippet) item.insertTextFormat = InsertTextFormat.Snippet;
    if (candidate.detail) item.detail = candidate.detail;
    if (candidate.documentation) item.documentation = candidate.documentation;
    if (candidate.sortText) item.sortText = candidate.sortText;
    if (candidate.filterText) item.filterText = candidate.filterText;
    items.push(item);
  };
  if (site.kind === 'key') {
    keyItems(file, site, context).forEach(add);
  } else if (site.kind === 'value') {
    valueCandidates(file, site, context).forEach(add);
  } else {
    itemCandidates(file, site, context).forEach(add);
    if (site.dashLine) keyItems(file, { ...site, path: [...site.path, 0] }, context).forEach(add);
  }
  return { isIncomplete: false, items };
}

function keyItems(file: ComposeFile, site: CompletionSite, context: ServiceContext): Candidate[] {
  const out: Candidate[] = [...mapKeyCandidates(file, site, context)];
  for (const candidate of schemaKeyCandidates(site.path)) {
    if (!site.siblings.has(candidate.label)) out.push(candidate);
  }
  return out;
}

/**
 * The schema's keys (and snippets) for a place depend only on the path with names replaced by
 * `*`, so they are built once per such path (and per locale, as their texts are translated).
 */
const keyCache = new Map<string, Candidate[]>();

function schemaKeyCandidates(path: readonly PathSegment[]): Candidate[] {
  const pattern = path.map((segment, i) => (typeof segment === 'number' ? '#' : i > 0 && NAMED.has(String(path[i - 1])) && i % 2 === 1 ? '*' : segment));
  const cacheKey = `${t('service')}\u0000${pattern.join('\u0000')}`;
  const cached = keyCache.get(cacheKey);
  if (cached) return cached;
  const out: Candidate[] = [];
  const schemas = schemasAt(path);
  for (const [key, schema] of knownProperties(schemas)) {
    if (path.length === 0 && key === 'version') continue;
    const keyPath = [...path, key];
    const candidate: Candidate = { label: key, kind: CompletionItemKind.Property, insert: keyInsertText(key, [schema], keyPath), snippet: true, sortText: `1${key}` };
    const detail = typeSummary([schema]);
    if (detail) candidate.detail = detail;
    const documentation = keyDocumentation(key, keyPath, [schema]);
    if (documentation) candidate.documentation = documentation;
    out.push(candidate);
  }
  for (const snippet of snippetsAt(path)) {
    const label = snippet.label();
    out.push({ label, kind: CompletionItemKind.Snippet, insert: snippet.body, snippet: true, detail: snippet.detail(), sortText: `2${label}` });
  }
  if (keyCache.size > 256) keyCache.clear();
  keyCache.set(cacheKey, out);
  return out;
}

/** Top-level sections whose keys are names chosen by the user. */
const NAMED = new Set(['services', 'volumes', 'networks', 'secrets', 'configs', 'models']);

/** The offset of a position, from the parse's line index when it is for this text. */
export function offsetAt(text: string, position: Position, file?: ComposeFile): number {
  if (file && file.text === text && file.hasLineIndex()) return file.lines.offsetAt(position);
  let start = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', start);
    if (next < 0) return text.length;
    start = next + 1;
  }
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  if (text.charCodeAt(end - 1) === 13) end--;
  return Math.min(start + position.character, end);
}
