// What a language (Dockerfile, compose) offers the adapter. Each feature is a plain function of
// the document (whose parse the service may cache by uri and version), a position, and a
// ServiceContext; the adapter maps LSP requests onto these by document kind. Features a
// language does not have are left out, and the adapter does not advertise them for it.
import type {
  CodeAction, CodeLens, CompletionList, Diagnostic, DocumentHighlight, DocumentLink, DocumentSymbol,
  FoldingRange, FormattingOptions, Hover, InlayHint, Location, Position, Range, SelectionRange,
  SemanticTokens, SemanticTokensLegend, SignatureHelp, TextEdit, WorkspaceEdit,
} from './types';

/** A document as the core sees it: its identity and text, nothing about editors or transports. */
export interface TextDocumentLike {
  readonly uri: string;
  readonly version: number;
  getText(): string;
}

/** An image on the active engine, as the client reports it. */
export interface ImageFact {
  /** `repo:tag` (or `repo@digest`). */
  name: string;
  id: string;
  /** Bytes. */
  size: number;
  /** Seconds since the epoch. */
  created: number;
  digest?: string;
  /** `os/arch[/variant]`, when the client knows it (for the base-image platform check). */
  platform?: string;
}

/** One layer of a built image, newest last, as `docker history` reports it (reversed). */
export interface LayerFact {
  createdBy: string;
  size: number;
  /** True when the last build reused this layer from the cache. */
  cached?: boolean;
  /** After an analysis of the image: bytes this layer stores that the final filesystem cannot see. */
  wasted?: number;
  /** After an analysis of the image: bytes of earlier layers this layer deleted or overwrote. */
  hides?: number;
}

/** What the client built from a Dockerfile (for per-instruction layer hints). */
export interface BuiltImageFact {
  dockerfileUri: string;
  image: string;
  imageId: string;
  layers: LayerFact[];
  /** The stage built (`--target`); the last stage when missing. */
  target?: string;
}

/** The build context a Dockerfile is built with, as a build task or the last Build Image gave it. */
export interface BuildContextFact {
  dockerfileUri: string;
  /** The context folder (a file: URI without trailing slash). */
  contextUri: string;
}

/** Facts the client told the server; all may be empty (the server works without an engine). */
export interface WorkspaceFacts {
  images: readonly ImageFact[];
  builtImages: readonly BuiltImageFact[];
  /** Build contexts other than the Dockerfile's folder (absent from older clients). */
  buildContexts?: readonly BuildContextFact[];
  /** URIs of compose files the client deployed as Swarm stacks (for the Swarm notes). */
  stackFiles?: readonly string[];
  /** The client's active engine manages a swarm (compose files then offer "Deploy as stack"). */
  swarmManager?: boolean;
}

/** Per rule: `off` or a severity. Keys are rule ids. */
export type RuleSeverityOverrides = Record<string, 'off' | 'error' | 'warning' | 'information' | 'hint'>;

export interface LanguageSettings {
  rules: RuleSeverityOverrides;
}

/**
 * File access the core may use (to see a `.dockerignore`, a compose file's `env_file`, the
 * Dockerfile a compose service builds). URIs in, plain data out; the adapter implements it on
 * the local file system, tests with a map.
 */
export interface FileAccess {
  exists(uri: string): boolean;
  readText(uri: string): string | undefined;
  list(uri: string): { name: string; isDirectory: boolean }[];
  /**
   * Whether the server may look at this file at all (outside the workspace in an untrusted one,
   * a network path: no). Where it may not, the others act as if there were nothing, so a check
   * that reports missing files asks this first. Left out: everything may be looked at.
   */
  allowed?(uri: string): boolean;
  /**
   * Whether a file has an execute permission bit; undefined where that cannot be told (no such
   * file, or Windows, where docker build gives every file of the context the execute bit). Left
   * out: never told.
   */
  executable?(uri: string): boolean | undefined;
}

export interface ServiceContext {
  facts: WorkspaceFacts;
  settings: LanguageSettings;
  files: FileAccess;
  /** The other open documents (for cross-file features such as compose override files). */
  openDocuments(): readonly TextDocumentLike[];
  /**
   * The diagnostics last published for a document, when validation runs elsewhere (another
   * thread): hovers explain them and quick fixes read their data instead of validating again.
   */
  publishedDiagnostics?(uri: string): readonly Diagnostic[] | undefined;
  /** A validation past this time (performance.now()) runs no further checks and says so. */
  deadline?: number;
}

export interface LanguageService {
  /** Diagnostics for the whole document; must never throw on any text. */
  validate(document: TextDocumentLike, context: ServiceContext): Diagnostic[];
  /** Drops whatever the service cached for a closed document. */
  forget?(uri: string): void;

  complete?(document: TextDocumentLike, position: Position, context: ServiceContext): CompletionList;
  completionTriggerCharacters?: string[];
  hover?(document: TextDocumentLike, position: Position, context: ServiceContext): Hover | null;
  signatureHelp?(document: TextDocumentLike, position: Position, context: ServiceContext): SignatureHelp | null;
  signatureTriggerCharacters?: string[];

  definition?(document: TextDocumentLike, position: Position, context: ServiceContext): Location[];
  references?(document: TextDocumentLike, position: Position, includeDeclaration: boolean, context: ServiceContext): Location[];
  documentHighlights?(document: TextDocumentLike, position: Position, context: ServiceContext): DocumentHighlight[];
  prepareRename?(document: TextDocumentLike, position: Position, context: ServiceContext): { range: Range; placeholder: string } | null;
  rename?(document: TextDocumentLike, position: Position, newName: string, context: ServiceContext): WorkspaceEdit | null;

  documentSymbols?(document: TextDocumentLike, context: ServiceContext): DocumentSymbol[];
  foldingRanges?(document: TextDocumentLike, context: ServiceContext): FoldingRange[];
  selectionRanges?(document: TextDocumentLike, positions: Position[], context: ServiceContext): SelectionRange[];
  documentLinks?(document: TextDocumentLike, context: ServiceContext): DocumentLink[];

  format?(document: TextDocumentLike, options: FormattingOptions, context: ServiceContext): TextEdit[];
  formatRange?(document: TextDocumentLike, range: Range, options: FormattingOptions, context: ServiceContext): TextEdit[];
  formatOnType?(document: TextDocumentLike, position: Position, ch: string, options: FormattingOptions, context: ServiceContext): TextEdit[];
  onTypeFormattingTriggerCharacters?: string[];

  codeActions?(document: TextDocumentLike, range: Range, diagnostics: Diagnostic[], context: ServiceContext): CodeAction[];
  codeLenses?(document: TextDocumentLike, context: ServiceContext): CodeLens[];
  inlayHints?(document: TextDocumentLike, range: Range, context: ServiceContext): InlayHint[];
  semanticTokensLegend?: SemanticTokensLegend;
  semanticTokens?(document: TextDocumentLike, context: ServiceContext): SemanticTokens;
}
