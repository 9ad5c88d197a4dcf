// The language-server benches' floor: a server that keeps each open document's text the way ours
// does (incremental sync, vscode-languageserver's text document) and answers every version with
// an empty diagnostics list at once, checking nothing. Started like ours (`node floorServer.mjs
// --stdio`), it measures what Node, the LSP library and the transport alone cost on this machine
// in the same run: no server can answer an edit faster than this one, or start in less memory.
// `--publish <file>` (a JSON array of diagnostics) makes it publish that list for every version
// instead of an empty one: what sending a server's list alone costs (the serverFootprint bench
// gives it the list ours publishes for the same input).
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';

// The repository's own copies (the versions our server is built with), not bench/'s (the peers').
const require = createRequire(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'package.json'));
const { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } = require('vscode-languageserver/node');
const { TextDocument } = require('vscode-languageserver-textdocument');

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const at = process.argv.indexOf('--publish');
const list = at > 0 ? JSON.parse(readFileSync(process.argv[at + 1], 'utf8')) : [];
connection.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental } }));
// The text document copies the whole text into one string per edit (as ours does in its worker):
// its update reads the text it joined at the edit before.
documents.onDidChangeContent(({ document }) => {
  connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: list });
});
documents.listen(connection);
connection.listen();
