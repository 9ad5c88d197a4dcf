// The LSP adapter: maps requests and document events onto the language-service core by
// document kind. It owns no language knowledge of its own.
import {
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { documentKind, type DocumentKind } from '../core/documentKind';
import type { LanguageService, WorkspaceFacts } from '../core/languageService';
import { useLocale } from '../core/l10n';
import { dockerfileLanguageService } from '../core/dockerfile/dockerfileLanguageService';
import { composeLanguageService } from '../core/compose/composeLanguageService';
import { LocalImagesNotification, type InitializationOptions, type LocalImagesParams } from './protocol';
import { runSafe } from './runSafe';
import { DiagnosticScheduler } from './diagnosticScheduler';

const services: Record<DocumentKind, LanguageService> = {
  dockerfile: dockerfileLanguageService,
  compose: composeLanguageService,
};

export const SERVER_NAME = 'docker-workbench-language-server';
export const SERVER_VERSION = '0.1.0';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const facts: WorkspaceFacts = { localImages: [] };

  const serviceFor = (document: TextDocument): LanguageService | undefined => {
    const kind = documentKind(document.languageId, document.uri);
    return kind ? services[kind] : undefined;
  };

  const diagnostics = new DiagnosticScheduler((uri) => {
    const document = documents.get(uri);
    if (!document) return;
    const service = serviceFor(document);
    if (!service) return;
    const result = runSafe(connection.console, `diagnostics for ${uri}`, undefined, [], () =>
      service.validate(document, facts),
    );
    if (Array.isArray(result)) void connection.sendDiagnostics({ uri, version: document.version, diagnostics: result });
  });

  connection.onInitialize((params): InitializeResult => {
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    useLocale(options.locale ?? params.locale);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
      },
      serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
    };
  });

  connection.onNotification(LocalImagesNotification, (params: LocalImagesParams) => {
    facts.localImages = Array.isArray(params?.images) ? params.images.filter((i) => typeof i === 'string') : [];
  });

  documents.onDidChangeContent((event) => diagnostics.schedule(event.document.uri));
  documents.onDidClose((event) => {
    diagnostics.cancel(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  documents.listen(connection);
  connection.listen();
}
