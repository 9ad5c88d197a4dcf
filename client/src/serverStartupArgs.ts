// What the documents open when the language server starts add to its command line: the server is
// told of them first, and when they are together too large for its main thread the first of them
// goes to its validation worker, so the server starts that worker with the process instead of
// then (protocol/serverEnvironment.ts, startupArgs).
import type * as vscode from 'vscode';
import { startupArgs } from '../../server/src/protocol/serverEnvironment';

type OpenDocument = Pick<vscode.TextDocument, 'languageId' | 'lineCount' | 'lineAt' | 'offsetAt'>;

/** The languages the server checks (the language client's document selector). */
const SERVED = new Set(['dockerfile', 'dockercompose']);

export function serverStartupArgs(documents: readonly OpenDocument[]): string[] {
  return startupArgs(servedChars(documents));
}

/** The length of the open documents the server checks, together, measured without copying their text. */
export function servedChars(documents: readonly OpenDocument[]): number {
  let chars = 0;
  for (const document of documents) {
    if (SERVED.has(document.languageId)) chars += document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
  }
  return chars;
}
