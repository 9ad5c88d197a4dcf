// Definition, references, highlights and rename for stages and variables.
import type { DocumentHighlight, Location, Range, WorkspaceEdit } from '../../types';
import { DocumentHighlightKind } from '../../types';
import type { Analysis } from '../analysis/analysis';
import { isValidName, occurrences, symbolAt } from '../analysis/symbols';

export function definition(a: Analysis, uri: string, offset: number): Location[] {
  const symbol = symbolAt(a, offset);
  if (!symbol) return [];
  return symbol.definitions.map((span) => ({ uri, range: a.range(span) }));
}

export function references(a: Analysis, uri: string, offset: number, includeDeclaration: boolean): Location[] {
  const symbol = symbolAt(a, offset);
  if (!symbol) return [];
  return occurrences(a, symbol).filter((o) => includeDeclaration || !o.isDefinition).map((o) => ({ uri, range: a.range(o.span) }));
}

export function highlights(a: Analysis, offset: number): DocumentHighlight[] {
  const symbol = symbolAt(a, offset);
  if (!symbol) return [];
  return occurrences(a, symbol).map((o) => ({ range: a.range(o.span), kind: o.isDefinition ? DocumentHighlightKind.Write : DocumentHighlightKind.Read }));
}

export function prepareRename(a: Analysis, offset: number): { range: Range; placeholder: string } | null {
  const symbol = symbolAt(a, offset);
  if (!symbol || symbol.predefined) return null;
  return { range: a.range(symbol.span), placeholder: symbol.name };
}

export function rename(a: Analysis, uri: string, offset: number, newName: string): WorkspaceEdit | null {
  const symbol = symbolAt(a, offset);
  if (!symbol || symbol.predefined || !isValidName(symbol.kind, newName)) return null;
  return { changes: { [uri]: occurrences(a, symbol).map((o) => ({ range: a.range(o.span), newText: newName })) } };
}
