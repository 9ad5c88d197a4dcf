// What the server advertises at initialize, written out rather than computed from the language
// services: computing it would evaluate both services (the Dockerfile rules, the compose schema)
// in the main thread, which otherwise only carries the connection. A unit test checks that it is
// exactly what capabilitiesOf computes from the services, so the two cannot drift apart.
import { TextDocumentSyncKind, type ServerCapabilities } from 'vscode-languageserver/node';

export const ADVERTISED_CAPABILITIES: ServerCapabilities = {
  textDocumentSync: TextDocumentSyncKind.Incremental,
  completionProvider: { triggerCharacters: ['-', '=', '$', '{', ':', ',', ' ', '#', '/', '"'] },
  hoverProvider: true,
  signatureHelpProvider: { triggerCharacters: [' ', '='] },
  definitionProvider: true,
  referencesProvider: true,
  documentHighlightProvider: true,
  renameProvider: { prepareProvider: true },
  documentSymbolProvider: true,
  foldingRangeProvider: true,
  selectionRangeProvider: true,
  documentLinkProvider: { resolveProvider: false },
  documentFormattingProvider: true,
  documentRangeFormattingProvider: true,
  documentOnTypeFormattingProvider: { firstTriggerCharacter: '\n', moreTriggerCharacter: [] },
  codeActionProvider: { codeActionKinds: ['quickfix', 'refactor.rewrite', 'source.fixAll'] },
  codeLensProvider: { resolveProvider: false },
  inlayHintProvider: true,
  semanticTokensProvider: {
    legend: {
      tokenTypes: ['keyword', 'parameter', 'variable', 'string', 'comment', 'class', 'macro', 'property', 'number', 'namespace', 'operator'],
      tokenModifiers: ['declaration', 'deprecated', 'readonly'],
    },
    full: true,
  },
};
