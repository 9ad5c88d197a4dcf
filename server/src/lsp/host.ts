// The language host: the open documents, what the client told the server (facts, settings, trust,
// workspace folders, locale), and the language services run over them. It answers one message at
// a time, synchronously. For large documents it runs in a worker thread (see hostWorker) so that a
// slow or stuck answer never blocks the LSP connection: the main thread answers for it when it takes
// too long. For small ones it runs on the main thread under a time limit (mainThreadHost.ts), and
// there alone when workers are not used (tests, --inline).
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { documentKind, type DocumentKind } from '../core/documentKind';
import type { LanguageService, LanguageSettings, ServiceContext, WorkspaceFacts } from '../core/languageService';
import type { Diagnostic, Position } from '../core/types';
import { DiagnosticSeverity } from '../core/types';
import { t, useLocale } from '../core/l10n';
import { LIMIT_CODE, VALIDATION_BUDGET_MS } from '../core/limits';
import type { answerExplainRequest } from '../core/dockerfile/features/explainMarkdown';
import { registerBundles } from './bundles';
import { FilePolicy, policyFileAccess, type AccessState } from './fileAccess';
import { sanitize, sanitizeDiagnostics } from './sanitize';

/** Diagnostics published per file at most; past it one note says how many more there are. */
export const MAX_DIAGNOSTICS = 1000;

export type HostMessage =
  | { type: 'open'; uri: string; languageId: string; version: number; text: string }
  | { type: 'change'; uri: string; version: number; changes: TextDocumentContentChangeEvent[] }
  | { type: 'close'; uri: string }
  /** A file the checks read (a watched one) changed: what the file system answered is asked again. */
  | { type: 'files' }
  | { type: 'state'; facts?: WorkspaceFacts; settings?: LanguageSettings; access?: AccessState; locale?: string }
  /** `reuse`: `diagnostics` are what lies between the first `head` and the last `tail` of the previous list. */
  | { type: 'published'; uri: string; diagnostics: Diagnostic[]; reuse?: { head: number; tail: number } }
  /** `freshFiles`: ask the file system again (a recheck, see HostReply.recheckMs). */
  | { type: 'validate'; id: number; uri: string; freshFiles?: boolean }
  | { type: 'request'; id: number; method: string; params: unknown };

export interface HostReply {
  id: number;
  result?: unknown;
  /** For validations: the document version the diagnostics are for. */
  version?: number;
  /**
   * For validations that used file system answers an earlier call had: validate again after this
   * many ms, when those answers have expired (see FilePolicy.staleAfterMs).
   */
  recheckMs?: number;
  /** The feature threw: its message and stack, for the log. */
  error?: string;
}

type Params = { textDocument: { uri: string }; position?: Position; [key: string]: unknown };
type Feature = (service: LanguageService, document: TextDocument, params: Params, context: ServiceContext) => unknown;

/** The requests the host answers, by LSP method; each runs the document's language service. */
const FEATURES: Record<string, Feature> = {
  'textDocument/completion': (s, d, p, c) => {
    // Trigger characters are advertised for all languages together; one only the other language
    // declared (compose's `:` say) must not open completion here.
    const context = p.context as { triggerKind?: number; triggerCharacter?: string } | undefined;
    const trigger = context?.triggerKind === 2 ? context.triggerCharacter : undefined;
    if (trigger !== undefined && !(s.completionTriggerCharacters ?? []).includes(trigger)) return null;
    return s.complete?.(d, p.position!, c);
  },
  'textDocument/hover': (s, d, p, c) => s.hover?.(d, p.position!, c),
  'textDocument/signatureHelp': (s, d, p, c) => s.signatureHelp?.(d, p.position!, c),
  'textDocument/definition': (s, d, p, c) => s.definition?.(d, p.position!, c),
  'textDocument/references': (s, d, p, c) => s.references?.(d, p.position!, Boolean((p.context as { includeDeclaration?: boolean } | undefined)?.includeDeclaration), c),
  'textDocument/documentHighlight': (s, d, p, c) => s.documentHighlights?.(d, p.position!, c),
  'textDocument/prepareRename': (s, d, p, c) => s.prepareRename?.(d, p.position!, c),
  'textDocument/rename': (s, d, p, c) => s.rename?.(d, p.position!, String(p.newName ?? ''), c),
  'textDocument/documentSymbol': (s, d, _p, c) => s.documentSymbols?.(d, c),
  'textDocument/foldingRange': (s, d, _p, c) => s.foldingRanges?.(d, c),
  'textDocument/selectionRange': (s, d, p, c) => s.selectionRanges?.(d, (p.positions as Position[]) ?? [], c),
  'textDocument/documentLink': (s, d, _p, c) => s.documentLinks?.(d, c),
  'textDocument/formatting': (s, d, p, c) => s.format?.(d, p.options as never, c),
  'textDocument/rangeFormatting': (s, d, p, c) => s.formatRange?.(d, p.range as never, p.options as never, c),
  'textDocument/onTypeFormatting': (s, d, p, c) => s.formatOnType?.(d, p.position!, String(p.ch ?? ''), p.options as never, c),
  'textDocument/codeAction': (s, d, p, c) => s.codeActions?.(d, p.range as never, ((p.context as { diagnostics?: Diagnostic[] } | undefined)?.diagnostics ?? []), c),
  'textDocument/codeLens': (s, d, _p, c) => s.codeLenses?.(d, c),
  'textDocument/inlayHint': (s, d, p, c) => s.inlayHints?.(d, p.range as never, c),
  'textDocument/semanticTokens/full': (s, d, _p, c) => s.semanticTokens?.(d, c),
};

/**
 * Each language service is evaluated the first time a document of its kind needs it (a `require`
 * inside a function stays lazy in the bundle): a worker that only sees Dockerfiles never loads the
 * compose schema and YAML parser, and one that only sees compose files never loads the Dockerfile rules.
 */
export const LAZY_SERVICES: Record<DocumentKind, () => LanguageService> = {
  dockerfile: () => (require('../core/dockerfile/dockerfileLanguageService') as typeof import('../core/dockerfile/dockerfileLanguageService')).dockerfileLanguageService,
  compose: () => (require('../core/compose/composeLanguageService') as typeof import('../core/compose/composeLanguageService')).composeLanguageService,
};

/** Methods whose file access is "browse" (listing folders, links): inside the workspace only. */
const BROWSING = new Set(['textDocument/completion', 'textDocument/documentLink']);

export const EXPLAIN_METHOD = 'dockerWorkbench/explainDockerfile';

export class LanguageHost {
  private readonly documents = new Map<string, TextDocument>();
  private readonly published = new Map<string, Diagnostic[]>();
  private readonly policy = new FilePolicy(() => [...this.documents.keys()].map((uri) => uri.slice(0, uri.lastIndexOf('/'))));
  private readonly facts: { -readonly [K in keyof WorkspaceFacts]: WorkspaceFacts[K] } = { images: [], builtImages: [] };
  private settings: LanguageSettings = { rules: {} };
  private readonly readContext: ServiceContext;
  private readonly browseContext: ServiceContext;

  /** The services evaluated so far, by kind. */
  private readonly loaded = new Map<DocumentKind, LanguageService>();

  constructor(private readonly services: Partial<Record<DocumentKind, LanguageService>> = {}) {
    registerBundles();
    const base = {
      facts: this.facts,
      openDocuments: () => [...this.documents.values()],
      publishedDiagnostics: (uri: string) => this.published.get(uri),
    };
    const settings = () => this.settings;
    this.readContext = { ...base, get settings() { return settings(); }, files: policyFileAccess(this.policy, 'read') };
    this.browseContext = { ...base, get settings() { return settings(); }, files: policyFileAccess(this.policy, 'browse') };
  }

  /** Applies a message; returns the reply for validations and requests. */
  handle(message: HostMessage): HostReply | undefined {
    switch (message.type) {
      case 'open':
        this.documents.set(message.uri, TextDocument.create(message.uri, message.languageId, message.version, message.text));
        return undefined;
      case 'change': {
        const document = this.documents.get(message.uri);
        if (document) TextDocument.update(document, message.changes, message.version);
        return undefined;
      }
      case 'close':
        this.documents.delete(message.uri);
        this.published.delete(message.uri);
        for (const service of this.loaded.values()) service.forget?.(message.uri);
        return undefined;
      case 'files':
        this.policy.forget();
        return undefined;
      case 'state':
        if (message.locale !== undefined) useLocale(message.locale);
        if (message.settings) this.settings = message.settings;
        if (message.facts) {
          this.facts.images = message.facts.images;
          this.facts.builtImages = message.facts.builtImages;
          this.facts.buildContexts = message.facts.buildContexts;
          this.facts.stackFiles = message.facts.stackFiles;
          this.facts.swarmManager = message.facts.swarmManager;
        }
        if (message.access) this.policy.update(message.access);
        return undefined;
      case 'published': {
        const base = this.published.get(message.uri);
        const reuse = message.reuse;
        if (!reuse) this.published.set(message.uri, message.diagnostics);
        else if (base && reuse.head + reuse.tail <= base.length) this.published.set(message.uri, base.slice(0, reuse.head).concat(message.diagnostics, base.slice(base.length - reuse.tail)));
        else this.published.delete(message.uri); // not the list it was made from: none rather than a wrong one
        return undefined;
      }
      // File system answers are reused for a second at most (see FilePolicy.scoped).
      case 'validate':
        if (message.freshFiles) this.policy.forget();
        return this.guard(message.id, () => this.policy.scoped(() => this.validate(message.uri)));
      case 'request':
        return this.guard(message.id, () => this.policy.scoped(() => ({ result: this.request(message.method, message.params) })));
    }
  }

  private guard(id: number, work: () => Omit<HostReply, 'id'>): HostReply {
    try {
      return { id, ...work() };
    } catch (error) {
      return { id, error: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) };
    }
  }

  private target(uri: string): { service: LanguageService; document: TextDocument } | undefined {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    const kind = documentKind(document.languageId, document.uri);
    return kind ? { service: this.service(kind), document } : undefined;
  }

  private service(kind: DocumentKind): LanguageService {
    let service = this.loaded.get(kind);
    if (!service) {
      service = this.services[kind] ?? LAZY_SERVICES[kind]();
      this.loaded.set(kind, service);
    }
    return service;
  }

  /** The kind of an open document (undefined when it is not open or of no kind the host serves). */
  kindOf(uri: string): DocumentKind | undefined {
    const document = this.documents.get(uri);
    return document ? documentKind(document.languageId, document.uri) : undefined;
  }

  /** The kinds whose language service this host has evaluated (for tests and the log). */
  loadedKinds(): DocumentKind[] {
    return [...this.loaded.keys()];
  }

  private validate(uri: string): Omit<HostReply, 'id'> {
    const target = this.target(uri);
    if (!target) return { result: null };
    const { service, document } = target;
    testHook(document);
    const context: ServiceContext = { ...this.readContext, settings: this.settings, deadline: performance.now() + VALIDATION_BUDGET_MS };
    const diagnostics = service.validate(document, context);
    const note = (omitted: number) => ({
      severity: DiagnosticSeverity.Warning,
      code: LIMIT_CODE,
      source: 'docker-workbench',
      message: t('{0} more problems are not shown; the first {1} are.', String(omitted), String(MAX_DIAGNOSTICS)),
    });
    const recheckMs = this.policy.staleAfterMs();
    return {
      result: sanitizeDiagnostics(document, diagnostics, MAX_DIAGNOSTICS, note),
      version: document.version,
      ...(recheckMs !== undefined ? { recheckMs } : {}),
    };
  }

  private request(method: string, params: unknown): unknown {
    if (method === EXPLAIN_METHOD) {
      const { answerExplainRequest: answer } = require('../core/dockerfile/features/explainMarkdown') as { answerExplainRequest: typeof answerExplainRequest };
      return answer(params as never, (uri) => this.documents.get(uri)?.getText(), this.facts.builtImages);
    }
    const p = params as Params;
    const target = typeof p?.textDocument?.uri === 'string' ? this.target(p.textDocument.uri) : undefined;
    const feature = FEATURES[method];
    if (!target || !feature) return null;
    testHook(target.document);
    const context = BROWSING.has(method) ? this.browseContext : this.readContext;
    const result = feature(target.service, target.document, p, context);
    return sanitize(method, target.document, result ?? null, p.position, p.positions as Position[] | undefined);
  }
}

/** Read once: a read of process.env is a call into the runtime, and this runs on every edit (~0.3 ms each). */
const TEST_HOOKS = process.env.DWB_HOST_TEST_HOOKS === '1';

/**
 * For the tests of the safety nets only (DWB_HOST_TEST_HOOKS=1): a document whose first line is
 * `# dwb-test: spin` keeps its worker busy for good, `# dwb-test: allocate` makes it run out of
 * memory, as a feature stuck on an input would, `# dwb-test: slow` takes 1.5 s over each answer, and
 * `# dwb-test: sluggish` 250 ms (slow for the main thread, well inside its time limit).
 */
function testHook(document: TextDocument): void {
  if (!TEST_HOOKS) return;
  const first = document.getText().slice(0, 32);
  if (first.startsWith('# dwb-test: spin')) {
    for (;;) {
      // busy for good
    }
  }
  if (first.startsWith('# dwb-test: slow') || first.startsWith('# dwb-test: sluggish')) {
    const until = performance.now() + (first.startsWith('# dwb-test: slow') ? 1500 : 250);
    while (performance.now() < until) {
      // slow, not stuck
    }
  }
  if (first.startsWith('# dwb-test: allocate')) {
    const hold: number[][] = [];
    for (;;) hold.push(new Array<number>(100_000).fill(hold.length));
  }
}
