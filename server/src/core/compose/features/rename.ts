// Rename a service, volume, network, secret, config or model: its declarations and every
// reference, in this file and the files compose reads with it (override and base files,
// included files). Only the name itself is replaced, so `db:database` links and
// `service:db` network modes keep their other parts.
import type { ServiceContext, TextDocumentLike } from '../../languageService';
import type { Position, Range, TextEdit, WorkspaceEdit } from '../../types';
import { composeFileOf } from '../model/documentStore';
import { occurrences, symbolAt } from './symbolAt';

const VALID_NAME = /^[a-zA-Z0-9._-]+$/;

export function prepareRenameCompose(document: TextDocumentLike, position: Position, _context: ServiceContext): { range: Range; placeholder: string } | null {
  const file = composeFileOf(document);
  const symbol = symbolAt(file, file.lines.offsetAt(position));
  if (!symbol) return null;
  return { range: file.range(symbol.start, symbol.end), placeholder: symbol.name };
}

export function renameCompose(document: TextDocumentLike, position: Position, newName: string, context: ServiceContext): WorkspaceEdit | null {
  const file = composeFileOf(document);
  const symbol = symbolAt(file, file.lines.offsetAt(position));
  if (!symbol || !VALID_NAME.test(newName) || newName.startsWith('x-')) return null;
  const changes: Record<string, TextEdit[]> = {};
  for (const o of occurrences(file, context, symbol.kind, symbol.name)) {
    const edits = (changes[o.file.uri] ??= []);
    // A quoted key or value keeps its quotes: the occurrence covers the name only.
    const newText = o.file.text.slice(o.start, o.end) === symbol.name ? newName : quoteLike(o.file.text.slice(o.start, o.end), newName);
    edits.push({ range: o.file.range(o.start, o.end), newText });
  }
  return { changes };
}

/** A declaration key written with quotes ("db") is renamed keeping them. */
function quoteLike(original: string, name: string): string {
  const quote = original[0];
  return (quote === '"' || quote === "'") && original.endsWith(quote) ? `${quote}${name}${quote}` : name;
}
