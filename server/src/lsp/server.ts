// The LSP adapter: keeps the open documents and what the client told the server, and hands the
// work to language hosts (host.ts). While the open documents are small, one host on the main thread
// checks and answers them under a time limit (mainThreadHost.ts): no thread to boot or hop to.
// Otherwise two hosts, each in its own worker thread, started when first needed: one answers
// requests, one validates. So a long validation never holds up a hover or a completion, and a
// request that takes too long is answered with an empty result while its worker finishes or is
// replaced. It owns no language knowledge of its own.
import {
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type InitializeResult,
  type ServerCapabilities,
} from 'vscode-languageserver/node';
import { ChunkedText } from './chunkedText';
import { documentKind, type DocumentKind } from '../core/documentKind';
import type { LanguageService, LanguageSettings, WorkspaceFacts } from '../core/languageService';
import { DiagnosticSeverity, type Diagnostic } from '../core/types';
import { t, useLocale } from '../core/l10n';
import { LIMIT_CODE } from '../core/limits';
import { registerBundles } from './bundles';
import { ADVERTISED_CAPABILITIES } from './advertisedCapabilities';
import {
  BuildContextsNotification, BuiltImageNotification, LocalImagesNotification, SettingsNotification, StackFilesNotification, WorkspaceTrustNotification,
  type BuildContextsParams, type BuiltImageParams, type InitializationOptions, type LocalImagesParams, type SettingsParams, type StackFilesParams, type WorkspaceTrustParams,
  ExplainDockerfileRequest, type ExplainDockerfileParams,
} from '../protocol/messages';
import { MAIN_THREAD_MAX_CHARS } from '../protocol/serverEnvironment';
import { formatError } from './formatError';
import { mark, marking } from '../timeline';
import { EXPLAIN_METHOD, type HostReply } from './host';
import { publishedChange } from './diagnosticsDelta';
import { InlineHost, WorkerHost, type Call, type CallLimits, type CallOutcome, type Host, type SyncMessage } from './hostProxy';
import { MainThreadHost } from './mainThreadHost';
import { WORKER_MEMORY_MB, type HostWorkerData } from './workerStart';
import { flushCodeCache } from './codeCacheHook';
import type { Worker } from 'node:worker_threads';
import { version } from '../../../package.json';

export const SERVER_NAME = 'docker-workbench-language-server';
// The extension's version, read from the manifest at build time (esbuild keeps only this field).
export const SERVER_VERSION: string = version;

/** A request not answered in this time gets its empty answer (the work may still finish later). */
export const REQUEST_ANSWER_MS = 800;
/**
 * The same for answers about the whole document, which VS Code keeps until the document changes
 * (an empty outline given at 800 ms stayed empty): worth a longer wait, still short of the kill.
 */
export const WHOLE_DOCUMENT_ANSWER_MS = 4000;
const WHOLE_DOCUMENT = new Set([
  'textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/semanticTokens/full', 'textDocument/documentLink',
  'textDocument/codeLens', 'textDocument/inlayHint',
]);
/**
 * A worker that has not answered for this long is stopped and replaced. Validations stop their
 * checks after 1 s on their own, so only a stuck one gets here; the margin is for a loaded machine.
 */
export const VALIDATION_KILL_MS = 8000;
export const REQUEST_KILL_MS = 5000;
/** The request worker starts with the first request, which waits this much longer for its answer. */
export const REQUEST_COLD_START_MS = 2000;
/** A recheck made from expired file system answers waits this long without an edit (see rechecks). */
export const RECHECK_PAUSE_MS = 500;
export { WORKER_MEMORY_MB } from './workerStart';
export { MAIN_THREAD_MAX_CHARS };
/** A document whose check or request took longer than this on the main thread goes to the workers until it is closed. */
export const MAIN_THREAD_SLOW_MS = 100;
/** With the main thread's host: when the code cache is written if no check on the main thread did it first. */
const MAIN_THREAD_FLUSH_MS = 10_000;

export interface ServerOptions {
  /** The script that starts a host worker (dist/server.js); without it the hosts run inline. */
  workerEntry?: string;
  /** Given to each worker (the code cache folder). */
  workerData?: Omit<HostWorkerData, 'role'>;
  /** The validation worker the start-up already started (launcher.ts, with --no-main-thread or --start-validation-worker), taken at initialize. */
  takeStartedWorker?: () => Worker | undefined;
  /** False: small documents go to the workers too (`--no-main-thread`). Only with workerEntry. */
  mainThread?: boolean;
  /** The validation worker starts at initialize with the main thread's host too (`--start-validation-worker`). */
  startValidationWorker?: boolean;
  /** Services to advertise instead of the shipped two (whose capabilities are ADVERTISED_CAPABILITIES). */
  services?: Record<DocumentKind, LanguageService>;
}

/**
 * An open document as the main thread keeps it: the workers hold the text documents the services
 * read; this text is what a fresh worker is told (see ChunkedText for why it is kept in pieces).
 */
interface OpenDocument {
  readonly uri: string;
  readonly languageId: string;
  version: number;
  readonly text: ChunkedText;
}

/** What each request answers when the host has no answer in time. */
const FALLBACK: Record<string, unknown> = {
  'textDocument/completion': null,
  'textDocument/hover': null,
  'textDocument/signatureHelp': null,
  'textDocument/definition': [],
  'textDocument/references': [],
  'textDocument/documentHighlight': [],
  'textDocument/prepareRename': null,
  'textDocument/rename': null,
  'textDocument/documentSymbol': [],
  'textDocument/foldingRange': [],
  'textDocument/selectionRange': [],
  'textDocument/documentLink': [],
  'textDocument/formatting': [],
  'textDocument/rangeFormatting': [],
  'textDocument/onTypeFormatting': [],
  'textDocument/codeAction': [],
  'textDocument/codeLens': [],
  'textDocument/inlayHint': [],
  'textDocument/semanticTokens/full': { data: [] },
};

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  registerBundles();
  const documents = new Map<string, OpenDocument>();
  const published = new Map<string, Diagnostic[]>();
  const facts: { -readonly [K in keyof WorkspaceFacts]: WorkspaceFacts[K] } = { images: [], builtImages: [] };
  let settings: LanguageSettings = { rules: {} };
  const access: { trusted: boolean; folders: string[] } = { trusted: false, folders: [] };
  let locale: string | undefined;
  let foldersChange = false;
  const log = (message: string) => connection.console.error(message);
  /** Answers given late or workers replaced: expected under load, so a warning, not an error. */
  const warn = (message: string) => connection.console.warn(message);

  const stateMessage = (): SyncMessage => ({ type: 'state', facts, settings, access: { ...access }, ...(locale !== undefined ? { locale } : {}) });
  const replay = (withPublished: boolean) => (): SyncMessage[] => [
    stateMessage(),
    ...[...documents.values()].map((d): SyncMessage => ({ type: 'open', uri: d.uri, languageId: d.languageId, version: d.version, text: d.text.getText() })),
    ...(withPublished ? [...published].map(([uri, diagnostics]): SyncMessage => ({ type: 'published', uri, diagnostics })) : []),
  ];
  const makeHost = (name: string, withPublished: boolean, takeStarted?: () => Worker | undefined): Host => options.workerEntry
    ? new WorkerHost({
      entry: options.workerEntry, workerData: options.workerData, takeStarted, replay: replay(withPublished), memoryMb: WORKER_MEMORY_MB, log: warn, started: (m) => connection.console.log(m), name,
    })
    : new InlineHost();
  const requests = makeHost('requests', true);
  const validation = makeHost('validation', false, options.takeStartedWorker);
  const mainThread = options.workerEntry && options.mainThread !== false ? new MainThreadHost({ log: warn }) : undefined;
  const hosts = [requests, validation];
  const broadcast = (message: SyncMessage) => {
    hosts.forEach((h) => h.post(message));
    toMainThread(message);
  };
  const openChars = () => {
    let chars = 0;
    for (const d of documents.values()) chars += d.text.length;
    return chars;
  };
  /**
   * Whether the main thread's host holds the open documents: only while they fit in
   * MAIN_THREAD_MAX_CHARS (the only time it takes calls), so that a large file is not kept twice.
   */
  let mainThreadHolds = true;
  /** Tells the main thread's host a message; called after `documents` has the change. */
  const toMainThread = (message: SyncMessage) => {
    if (!mainThread?.usable) return;
    if (message.type !== 'open' && message.type !== 'change' && message.type !== 'close' && message.type !== 'published') {
      mainThread.post(message);
      return;
    }
    const fits = openChars() <= MAIN_THREAD_MAX_CHARS;
    if (fits === mainThreadHolds) {
      if (fits) mainThread.post(message);
      return;
    }
    mainThreadHolds = fits;
    // Told the documents as they are now (this message included), or let go of all of them.
    if (fits) replay(true)().forEach((m) => mainThread.post(m));
    else [...documents.keys(), ...('uri' in message ? [message.uri] : [])].forEach((uri) => mainThread.post({ type: 'close', uri }));
  };
  /** Documents whose checks were slow on the main thread: the workers take them until they are closed. */
  const slowHere = new Set<string>();
  /** The main thread's host when it takes this document's calls now (see MAIN_THREAD_MAX_CHARS). */
  const onMainThread = (uri: string): MainThreadHost | undefined => {
    return mainThread?.usable && mainThreadHolds && !slowHere.has(uri) ? mainThread : undefined;
  };
  /** The call on the main thread when it takes the document, else (or when it was stopped there) in `worker`. */
  const callFor = async (uri: string, message: Call, worker: Host, limits: CallLimits): Promise<CallOutcome> => {
    const here = await onMainThread(uri)?.callSoon(message);
    if (here && !here.cold && here.ms > MAIN_THREAD_SLOW_MS) slowHere.add(uri);
    return here?.outcome.kind === 'reply' ? here.outcome : worker.call(message, limits);
  };
  // Inline hosts have no replay: bring them up to date now.
  if (!options.workerEntry) broadcast(stateMessage());
  const stateChanged = () => broadcast(stateMessage());

  const kindOf = (document: OpenDocument) => documentKind(document.languageId, document.uri);

  // ---- Diagnostics: one validation at a time, the latest version of each changed document. ----
  const dirty = new Set<string>();
  let validating = false;
  let kicked = false;
  /** Versions whose validation was lost (too slow, out of memory): not tried again until they change. */
  const lostValidation = new Map<string, number>();
  /**
   * Documents checked with file system answers reused from an earlier check: checked again once
   * those have expired, so a file created or removed meanwhile shows without another keystroke.
   * Not while the document is being edited: an edit cancels the recheck (its own check asks again
   * or arms one), and a recheck waits RECHECK_PAUSE_MS more, so typing never pays for one.
   */
  const rechecks = new Map<string, ReturnType<typeof setTimeout>>();
  /** Rechecks due: made with fresh answers, so that a recheck never asks for another. */
  const recheckDue = new Set<string>();
  const cancelRecheck = (uri: string) => {
    clearTimeout(rechecks.get(uri));
    rechecks.delete(uri);
  };
  const recheckLater = (uri: string, ms: number) => {
    cancelRecheck(uri);
    const timer = setTimeout(() => {
      rechecks.delete(uri);
      if (!documents.has(uri)) return;
      recheckDue.add(uri);
      schedule(uri);
    }, ms + RECHECK_PAUSE_MS);
    rechecks.set(uri, timer);
  };

  const publish = (uri: string, version: number, diagnostics: Diagnostic[]): Promise<void> => {
    const previous = published.get(uri);
    published.set(uri, diagnostics);
    // The request hosts keep the same list: they are told what changed (see publishedChange).
    const change = publishedChange(uri, diagnostics, previous);
    requests.post(change);
    toMainThread(change);
    const sent = connection.sendDiagnostics({ uri, version, diagnostics });
    if (marking()) mark(`main thread: diagnostics ${uri} v${version} sent (${diagnostics.length})`);
    return sent;
  };
  const lostNote = (document: OpenDocument, reason: 'stuck' | 'memory' | 'crash' | 'late' | 'error'): Diagnostic => ({
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: Math.min(1, document.text.length) } },
    severity: DiagnosticSeverity.Warning,
    code: LIMIT_CODE,
    source: 'docker-workbench',
    message: reason === 'memory'
      ? t('Checking this file needed more memory than the language server allows, so it was stopped; no findings are shown for this version.')
      : reason === 'error'
        ? t('Checking this file failed with an internal error, so no findings are shown for this version. The language server log has the details.')
        : t('Checking this file took longer than {0} seconds, so it was stopped; no findings are shown for this version.', String(VALIDATION_KILL_MS / 1000)),
  });

  const kick = () => {
    if (kicked || validating || dirty.size === 0) return;
    kicked = true;
    // Once per turn of the event loop: a burst of edits is one validation of the last version.
    setImmediate(() => {
      kicked = false;
      void validateNext();
    });
  };
  const validateNext = async () => {
    if (validating) return;
    const uri = dirty.values().next().value;
    if (uri === undefined) return;
    dirty.delete(uri);
    const document = documents.get(uri);
    if (!document || !kindOf(document) || lostValidation.get(uri) === document.version) {
      kick();
      return;
    }
    validating = true;
    let outcome: CallOutcome;
    try {
      // The validation's own deadline stops its checks in time; the worker is stopped only when stuck.
      const freshFiles = recheckDue.delete(uri);
      outcome = await callFor(uri, { type: 'validate', uri, ...(freshFiles ? { freshFiles } : {}) }, validation, { answerMs: VALIDATION_KILL_MS * 2, killMs: VALIDATION_KILL_MS });
    } finally {
      validating = false;
    }
    const current = documents.get(uri);
    if (current) {
      if (outcome.kind === 'reply' && !outcome.reply.error) {
        const reply = outcome.reply;
        if (Array.isArray(reply.result) && reply.version === current.version) {
          void publish(uri, current.version, reply.result as Diagnostic[]);
          if (reply.recheckMs !== undefined) recheckLater(uri, reply.recheckMs);
          else cancelRecheck(uri);
        }
      } else if (!dirty.has(uri)) {
        // Lost, or the feature threw: say so on the file rather than leave it silently without findings.
        const reason = outcome.kind === 'reply' ? 'error' : outcome.kind === 'late' ? 'late' : outcome.reason;
        if (outcome.kind === 'reply') log(formatError(`diagnostics for ${uri}`, outcome.reply.error));
        else warn(`diagnostics for ${uri}: ${reason}`);
        lostValidation.set(uri, current.version);
        void publish(uri, current.version, [lostNote(current, reason)]);
      }
    }
    kick();
  };
  const schedule = (uri: string) => {
    dirty.add(uri);
    kick();
  };
  const revalidateAll = () => {
    lostValidation.clear();
    for (const uri of documents.keys()) schedule(uri);
  };

  // ---- Requests: answered by the request host, or with their empty answer when it cannot. ----
  /** Per document, a version whose requests lost the worker twice: answered empty at once. */
  const lostRequests = new Map<string, { version: number; count: number }>();

  async function ask(method: string, params: { textDocument?: { uri: string } }, token?: CancellationToken): Promise<unknown> {
    const fallback = FALLBACK[method] ?? null;
    const uri = params?.textDocument?.uri;
    const document = uri === undefined ? undefined : documents.get(uri);
    if (!document || !kindOf(document) || token?.isCancellationRequested) return fallback;
    const lost = lostRequests.get(document.uri);
    if (lost && lost.version === document.version && lost.count >= 2) return fallback;
    const answerMs = WHOLE_DOCUMENT.has(method) ? WHOLE_DOCUMENT_ANSWER_MS : REQUEST_ANSWER_MS;
    const outcome = await callFor(document.uri, { type: 'request', method, params }, requests, { answerMs, killMs: REQUEST_KILL_MS, coldStartMs: REQUEST_COLD_START_MS });
    return answerOf(outcome, method, fallback, document, answerMs);
  }

  function answerOf(outcome: CallOutcome, method: string, fallback: unknown, document?: OpenDocument, answerMs = REQUEST_ANSWER_MS): unknown {
    if (outcome.kind === 'reply') {
      const reply: HostReply = outcome.reply;
      if (reply.error) {
        log(formatError(`${method}${document ? ` in ${document.uri}` : ''}`, reply.error));
        return fallback;
      }
      return reply.result ?? fallback;
    }
    if (outcome.kind === 'lost' && document) {
      const lost = lostRequests.get(document.uri);
      lostRequests.set(document.uri, { version: document.version, count: lost?.version === document.version ? lost.count + 1 : 1 });
    }
    warn(`${method}${document ? ` in ${document.uri}` : ''}: ${outcome.kind === 'late' ? `no answer within ${answerMs} ms` : `worker lost (${outcome.reason})`}`);
    return fallback;
  }

  // ---- The connection. ----
  let codeLensRefresh = false;
  connection.onInitialize((params): InitializeResult => {
    mark('main thread: initialize received');
    codeLensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    const init = (params.initializationOptions ?? {}) as InitializationOptions;
    locale = init.locale ?? params.locale;
    useLocale(locale);
    if (init.settings?.rules) settings = { rules: { ...init.settings.rules } };
    access.trusted = init.workspaceTrusted === true;
    access.folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    foldersChange = params.capabilities.workspace?.workspaceFolders === true;
    stateChanged();
    // Without the main thread's host the validation worker starts now (dist/server.js started it
    // before loading the server; it is taken now), while the client finishes its own start-up, so
    // the first file opened is checked without waiting for it; the same when the client said a
    // document too large for the main thread is open (--start-validation-worker). Otherwise each
    // worker starts with the first document too large for the main thread, the request worker
    // with its first request then: small files and a client that only shows diagnostics (a
    // linter, CI) never pay for them.
    if (!mainThread || options.startValidationWorker) validation.start();
    // Node loads the global `performance` (perf_hooks, eight internal modules, ~2 ms) on first use,
    // which would be the first check's time limit: load it while the client reads this answer.
    setImmediate(() => performance.now());
    // Answering initialize evaluates no language service: a host does, when a document needs one.
    const capabilities = options.services ? capabilitiesOf(Object.values(options.services)) : structuredClone(ADVERTISED_CAPABILITIES);
    capabilities.workspace = { workspaceFolders: { supported: true, changeNotifications: true } };
    return { capabilities, serverInfo: { name: SERVER_NAME, version: SERVER_VERSION } };
  });
  connection.onInitialized(() => {
    // What answering initialize compiled is what the next start needs first: cache it (once).
    // With the main thread's host, its first complete check writes the cache with the language
    // service in it; this is for a session that never gets there.
    if (mainThread) setTimeout(flushCodeCache, MAIN_THREAD_FLUSH_MS).unref();
    else setImmediate(flushCodeCache);
    if (!foldersChange) return;
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      const removed = new Set(event.removed.map((f) => f.uri));
      access.folders = [...access.folders.filter((f) => !removed.has(f)), ...event.added.map((f) => f.uri)];
      stateChanged();
      revalidateAll();
    });
  });

  connection.onDidOpenTextDocument(({ textDocument: d }) => {
    mark(`main thread: didOpen ${d.uri} received`);
    const document: OpenDocument = { uri: d.uri, languageId: d.languageId, version: d.version, text: new ChunkedText(d.text) };
    documents.set(d.uri, document);
    broadcast({ type: 'open', uri: d.uri, languageId: d.languageId, version: d.version, text: d.text });
    changed(document);
  });
  connection.onDidChangeTextDocument(({ textDocument: d, contentChanges }) => {
    const document = documents.get(d.uri);
    if (!document || d.version === null) return;
    document.text.update(contentChanges);
    document.version = d.version;
    cancelRecheck(d.uri);
    broadcast({ type: 'change', uri: d.uri, version: d.version, changes: contentChanges });
    changed(document);
  });
  connection.onDidCloseTextDocument(({ textDocument: d }) => {
    if (!documents.delete(d.uri)) return;
    dirty.delete(d.uri);
    published.delete(d.uri);
    lostValidation.delete(d.uri);
    lostRequests.delete(d.uri);
    slowHere.delete(d.uri);
    cancelRecheck(d.uri);
    recheckDue.delete(d.uri);
    broadcast({ type: 'close', uri: d.uri });
    void connection.sendDiagnostics({ uri: d.uri, diagnostics: [] });
  });
  function changed(document: OpenDocument) {
    schedule(document.uri);
    // A compose file's diagnostics depend on the other files of its project: base and override
    // files beside it, and -f overlays up to three folders below their base.
    if (kindOf(document) !== 'compose') return;
    const folder = document.uri.slice(0, document.uri.lastIndexOf('/') + 1);
    for (const other of documents.values()) {
      const below = other.uri.startsWith(folder) ? other.uri.slice(folder.length).split('/').length - 1 : -1;
      if (other.uri !== document.uri && below >= 0 && below <= 3 && kindOf(other) === 'compose') schedule(other.uri);
    }
  }

  connection.onNotification(LocalImagesNotification, (params: LocalImagesParams) => {
    facts.images = Array.isArray(params?.images) ? params.images.filter((i) => i && typeof i.name === 'string') : [];
    stateChanged();
    revalidateAll();
  });
  connection.onNotification(BuiltImageNotification, (params: BuiltImageParams) => {
    if (!params || typeof params.dockerfileUri !== 'string') return;
    facts.builtImages = [...facts.builtImages.filter((b) => b.dockerfileUri !== params.dockerfileUri), params];
    stateChanged();
    void connection.languages.inlayHint.refresh().catch(() => undefined);
  });
  connection.onNotification(BuildContextsNotification, (params: BuildContextsParams) => {
    const list = Array.isArray(params?.contexts) ? params.contexts : [];
    facts.buildContexts = list.filter((c) => c && typeof c.dockerfileUri === 'string' && typeof c.contextUri === 'string').slice(0, 1000);
    stateChanged();
    revalidateAll();
  });
  connection.onNotification(StackFilesNotification, (params: StackFilesParams) => {
    facts.stackFiles = Array.isArray(params?.uris) ? params.uris.filter((u) => typeof u === 'string') : [];
    facts.swarmManager = params?.swarmManager === true;
    stateChanged();
    revalidateAll();
    // "Deploy as stack" depends on these facts.
    if (codeLensRefresh) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
  });
  connection.onNotification(SettingsNotification, (params: SettingsParams) => {
    if (params?.rules && typeof params.rules === 'object') settings = { rules: { ...params.rules } };
    stateChanged();
    revalidateAll();
  });
  connection.onNotification(WorkspaceTrustNotification, (params: WorkspaceTrustParams) => {
    access.trusted = params?.trusted === true;
    stateChanged();
    revalidateAll();
  });
  // Other editors send settings the standard way: { dockerWorkbench: { rules: {...} } }.
  connection.onDidChangeConfiguration((params) => {
    const rules = (params?.settings as { dockerWorkbench?: { rules?: LanguageSettings['rules'] } } | undefined)?.dockerWorkbench?.rules;
    if (rules && typeof rules === 'object') {
      settings = { rules: { ...rules } };
      stateChanged();
      revalidateAll();
    }
  });
  // .env, .dockerignore and .hadolint.yaml files, Dockerfiles and compose files feed diagnostics of
  // the open documents: the hosts drop what the file system told them, and every document is checked.
  connection.onDidChangeWatchedFiles(() => {
    broadcast({ type: 'files' });
    revalidateAll();
  });

  // The host's answers are LSP-shaped data (the core mirrors the LSP types), passed through as they are.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const on = (method: string) => (params: { textDocument?: { uri: string } }, token: CancellationToken): Promise<any> => ask(method, params, token);
  connection.onCompletion(on('textDocument/completion'));
  connection.onHover(on('textDocument/hover'));
  connection.onSignatureHelp(on('textDocument/signatureHelp'));
  connection.onDefinition(on('textDocument/definition'));
  connection.onReferences(on('textDocument/references'));
  connection.onDocumentHighlight(on('textDocument/documentHighlight'));
  connection.onPrepareRename(on('textDocument/prepareRename'));
  connection.onRenameRequest(on('textDocument/rename'));
  connection.onDocumentSymbol(on('textDocument/documentSymbol'));
  connection.onFoldingRanges(on('textDocument/foldingRange'));
  connection.onSelectionRanges(on('textDocument/selectionRange'));
  connection.onDocumentLinks(on('textDocument/documentLink'));
  connection.onDocumentFormatting(on('textDocument/formatting'));
  connection.onDocumentRangeFormatting(on('textDocument/rangeFormatting'));
  connection.onDocumentOnTypeFormatting(on('textDocument/onTypeFormatting'));
  connection.onCodeAction(on('textDocument/codeAction'));
  connection.onCodeLens(on('textDocument/codeLens'));
  connection.languages.inlayHint.on(on('textDocument/inlayHint'));
  connection.languages.semanticTokens.on(on('textDocument/semanticTokens/full'));
  connection.onRequest(ExplainDockerfileRequest, async (params: ExplainDockerfileParams) =>
    answerOf(await requests.call({ type: 'request', method: EXPLAIN_METHOD, params }, { answerMs: REQUEST_KILL_MS, killMs: REQUEST_KILL_MS }), EXPLAIN_METHOD, null, undefined, REQUEST_KILL_MS));

  connection.onShutdown(async () => {
    for (const uri of [...rechecks.keys()]) cancelRecheck(uri);
    await Promise.all(hosts.map((h) => h.dispose()));
  });
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
