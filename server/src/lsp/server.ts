// The LSP adapter: maps requests and document events onto the language-service core by
// document kind. It owns no language knowledge of its own; every handler goes through runSafe.
import {
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type InitializeResult,
  type ServerCapabilities,
  type TextDocumentPositionParams,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { documentKind, type DocumentKind } from '../core/documentKind';
import type { LanguageService, LanguageSettings, ServiceContext, WorkspaceFacts } from '../core/languageService';
import type { Diagnostic } from '../core/types';
import { useLocale } from '../core/l10n';
import { registerBundles } from './bundles';
import { dockerfileLanguageService } from '../core/dockerfile/dockerfileLanguageService';
import { composeLanguageService } from '../core/compose/composeLanguageService';
import {
  BuildContextsNotification, BuiltImageNotification, LocalImagesNotification, SettingsNotification, StackFilesNotification,
  type BuildContextsParams, type BuiltImageParams, type InitializationOptions, type LocalImagesParams, type SettingsParams, type StackFilesParams,
  ExplainDockerfileRequest, type ExplainDockerfileParams,
} from '../protocol/messages';
import { answerExplainRequest } from '../core/dockerfile/explainMarkdown';
import { runSafe } from './runSafe';
import { DiagnosticScheduler } from './diagnosticScheduler';
import { nodeFileAccess } from './fileAccess';
import { version } from '../../../package.json';

export const SERVER_NAME = 'docker-workbench-language-server';
// The extension's version, read from the manifest at build time (esbuild keeps only this field).
export const SERVER_VERSION: string = version;

export function startServer(connection: Connection, services: Record<DocumentKind, LanguageService> = {
  dockerfile: dockerfileLanguageService,
  compose: composeLanguageService,
}): void {
  registerBundles();
  const documents = new TextDocuments(TextDocument);
  const facts: { -readonly [K in keyof WorkspaceFacts]: WorkspaceFacts[K] } = { images: [], builtImages: [] };
  const settings: LanguageSettings = { rules: {} };
  const context: ServiceContext = { facts, settings, files: nodeFileAccess, openDocuments: () => documents.all() };
  const all = Object.values(services);

  const serviceFor = (uri: string): { service: LanguageService; document: TextDocument } | undefined => {
    const document = documents.get(uri);
    if (!document) return undefined;
    const kind = documentKind(document.languageId, document.uri);
    return kind ? { service: services[kind], document } : undefined;
  };

  const diagnostics = new DiagnosticScheduler((uri) => {
    const target = serviceFor(uri);
    if (!target) return;
    const result = runSafe(connection.console, `diagnostics for ${uri}`, undefined, [] as Diagnostic[], () =>
      target.service.validate(target.document, context),
    );
    if (Array.isArray(result)) {
      void connection.sendDiagnostics({ uri, version: target.document.version, diagnostics: result });
    }
  });
  const revalidateAll = () => documents.all().forEach((d) => diagnostics.schedule(d.uri));

  /**
   * A request handler that finds the document's service and runs one of its features. The core
   * returns LSP-shaped data, so the result is passed through as is (hence the loose return type).
   */
  function handler<P extends { textDocument: { uri: string } }>(
    name: string,
    fallback: unknown,
    run: (service: LanguageService, document: TextDocument, params: P) => unknown,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
  ): (params: P, token: CancellationToken) => any {
    return (params, token) => {
      const target = serviceFor(params.textDocument.uri);
      if (!target) return fallback;
      return runSafe(connection.console, `${name} in ${params.textDocument.uri}`, token, fallback, () =>
        run(target.service, target.document, params) ?? fallback,
      );
    };
  }

  let codeLensRefresh = false;
  connection.onInitialize((params): InitializeResult => {
    codeLensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    useLocale(options.locale ?? params.locale);
    if (options.settings?.rules) settings.rules = { ...options.settings.rules };
    return { capabilities: capabilitiesOf(all), serverInfo: { name: SERVER_NAME, version: SERVER_VERSION } };
  });

  connection.onNotification(LocalImagesNotification, (params: LocalImagesParams) => {
    facts.images = Array.isArray(params?.images) ? params.images.filter((i) => i && typeof i.name === 'string') : [];
    revalidateAll();
  });
  connection.onNotification(BuiltImageNotification, (params: BuiltImageParams) => {
    if (!params || typeof params.dockerfileUri !== 'string') return;
    facts.builtImages = [...facts.builtImages.filter((b) => b.dockerfileUri !== params.dockerfileUri), params];
    void connection.languages.inlayHint.refresh().catch(() => undefined);
  });
  connection.onNotification(BuildContextsNotification, (params: BuildContextsParams) => {
    const list = Array.isArray(params?.contexts) ? params.contexts : [];
    facts.buildContexts = list.filter((c) => c && typeof c.dockerfileUri === 'string' && typeof c.contextUri === 'string').slice(0, 1000);
    revalidateAll();
  });
  connection.onNotification(StackFilesNotification, (params: StackFilesParams) => {
    facts.stackFiles = Array.isArray(params?.uris) ? params.uris.filter((u) => typeof u === 'string') : [];
    facts.swarmManager = params?.swarmManager === true;
    revalidateAll();
    // "Deploy as stack" depends on these facts.
    if (codeLensRefresh) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
  });
  connection.onNotification(SettingsNotification, (params: SettingsParams) => {
    if (params?.rules && typeof params.rules === 'object') settings.rules = { ...params.rules };
    revalidateAll();
  });
  // Other editors send settings the standard way: { dockerWorkbench: { rules: {...} } }.
  connection.onDidChangeConfiguration((params) => {
    const rules = (params?.settings as { dockerWorkbench?: { rules?: LanguageSettings['rules'] } } | undefined)?.dockerWorkbench?.rules;
    if (rules && typeof rules === 'object') {
      settings.rules = { ...rules };
      revalidateAll();
    }
  });

  const position = (p: TextDocumentPositionParams) => p.position;
  // Trigger characters are advertised for all languages together; a character only one language
  // declared (compose's `:` say) must not open completion in the other.
  connection.onCompletion(handler('completion', null, (s, d, p) => {
    const trigger = p.context?.triggerKind === 2 ? p.context.triggerCharacter : undefined;
    if (trigger !== undefined && !(s.completionTriggerCharacters ?? []).includes(trigger)) return null;
    return s.complete?.(d, position(p), context);
  }));
  connection.onHover(handler('hover', null, (s, d, p) => s.hover?.(d, position(p), context)));
  connection.onSignatureHelp(handler('signature help', null, (s, d, p) => s.signatureHelp?.(d, position(p), context)));
  connection.onDefinition(handler('definition', [], (s, d, p) => s.definition?.(d, position(p), context)));
  connection.onReferences(handler('references', [], (s, d, p) => s.references?.(d, p.position, p.context.includeDeclaration, context)));
  connection.onDocumentHighlight(handler('highlight', [], (s, d, p) => s.documentHighlights?.(d, position(p), context)));
  connection.onPrepareRename(handler('prepare rename', null, (s, d, p) => s.prepareRename?.(d, p.position, context)));
  connection.onRenameRequest(handler('rename', null, (s, d, p) => s.rename?.(d, p.position, p.newName, context)));
  connection.onDocumentSymbol(handler('symbols', [], (s, d) => s.documentSymbols?.(d, context)));
  connection.onFoldingRanges(handler('folding', [], (s, d) => s.foldingRanges?.(d, context)));
  connection.onSelectionRanges(handler('selection ranges', [], (s, d, p) => s.selectionRanges?.(d, p.positions, context)));
  connection.onDocumentLinks(handler('links', [], (s, d) => s.documentLinks?.(d, context)));
  connection.onDocumentFormatting(handler('formatting', [], (s, d, p) => s.format?.(d, p.options, context)));
  connection.onDocumentRangeFormatting(handler('range formatting', [], (s, d, p) => s.formatRange?.(d, p.range, p.options, context)));
  connection.onDocumentOnTypeFormatting(handler('on-type formatting', [], (s, d, p) => s.formatOnType?.(d, p.position, p.ch, p.options, context)));
  connection.onCodeAction(handler('code actions', [], (s, d, p) =>
    s.codeActions?.(d, p.range, p.context.diagnostics as Diagnostic[], context),
  ));
  connection.onCodeLens(handler('code lens', [], (s, d) => s.codeLenses?.(d, context)));
  connection.onRequest(ExplainDockerfileRequest, (p: ExplainDockerfileParams) => runSafe(connection.console, 'explain Dockerfile', undefined, null, () => answerExplainRequest(p, (uri) => documents.get(uri)?.getText(), facts.builtImages)));
  connection.languages.inlayHint.on(handler('inlay hints', [], (s, d, p) => s.inlayHints?.(d, p.range, context)));
  connection.languages.semanticTokens.on(handler('semantic tokens', { data: [] }, (s, d) => s.semanticTokens?.(d, context)));

  documents.onDidChangeContent((event) => {
    diagnostics.schedule(event.document.uri);
    // A compose file's diagnostics depend on the other files of its project: base and override
    // files beside it, and -f overlays up to three folders below their base.
    if (documentKind(event.document.languageId, event.document.uri) !== 'compose') return;
    const folder = event.document.uri.slice(0, event.document.uri.lastIndexOf('/') + 1);
    for (const other of documents.all()) {
      const below = other.uri.startsWith(folder) ? other.uri.slice(folder.length).split('/').length - 1 : -1;
      if (other.uri !== event.document.uri && below >= 0 && below <= 3 && documentKind(other.languageId, other.uri) === 'compose') {
        diagnostics.schedule(other.uri);
      }
    }
  });
  // .env files, Dockerfiles and .dockerignore files feed diagnostics of the open documents.
  connection.onDidChangeWatchedFiles(() => revalidateAll());
  documents.onDidClose((event) => {
    const uri = event.document.uri;
    diagnostics.cancel(uri);
    for (const service of all) service.forget?.(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  documents.listen(connection);
  connection.listen();
}

/** Advertises the union of what the services implement. */
export function capabilitiesOf(services: LanguageService[]): ServerCapabilities {
  const has = (feature: keyof LanguageService) => services.some((s) => s[feature] !== undefined);
  const union = (list: (s: LanguageService) => string[] | undefined) => [...new Set(services.flatMap((s) => list(s) ?? []))];
  const onType = union((s) => s.onTypeFormattingTriggerCharacters);
  const legend = services.find((s) => s.semanticTokensLegend)?.semanticTokensLegend;
  const capabilities: ServerCapabilities = { textDocumentSync: TextDocumentSyncKind.Incremental };
  if (has('complete')) capabilities.completionProvider = { triggerCharacters: union((s) => s.completionTriggerCharacters) };
  if (has('hover')) capabilities.hoverProvider = true;
  if (has('signatureHelp')) capabilities.signatureHelpProvider = { triggerCharacters: union((s) => s.signatureTriggerCharacters) };
  if (has('definition')) capabilities.definitionProvider = true;
  if (has('references')) capabilities.referencesProvider = true;
  if (has('documentHighlights')) capabilities.documentHighlightProvider = true;
  if (has('rename')) capabilities.renameProvider = { prepareProvider: has('prepareRename') };
  if (has('documentSymbols')) capabilities.documentSymbolProvider = true;
  if (has('foldingRanges')) capabilities.foldingRangeProvider = true;
  if (has('selectionRanges')) capabilities.selectionRangeProvider = true;
  if (has('documentLinks')) capabilities.documentLinkProvider = { resolveProvider: false };
  if (has('format')) capabilities.documentFormattingProvider = true;
  if (has('formatRange')) capabilities.documentRangeFormattingProvider = true;
  if (has('formatOnType') && onType.length > 0) {
    capabilities.documentOnTypeFormattingProvider = { firstTriggerCharacter: onType[0]!, moreTriggerCharacter: onType.slice(1) };
  }
  if (has('codeActions')) capabilities.codeActionProvider = { codeActionKinds: ['quickfix', 'refactor.rewrite', 'source.fixAll'] };
  if (has('codeLenses')) capabilities.codeLensProvider = { resolveProvider: false };
  if (has('inlayHints')) capabilities.inlayHintProvider = true;
  if (legend && has('semanticTokens')) capabilities.semanticTokensProvider = { legend, full: true };
  return capabilities;
}
