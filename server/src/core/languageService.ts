// What a language (Dockerfile, compose) offers the adapter. Each feature is a plain function of
// the document text (or a cached parse of it) and a position; the adapter maps LSP requests onto
// these by language id. Features a language does not have are simply left out.
import type { CompletionList, Diagnostic, Hover, Position } from './types';

/** A document as the core sees it: its identity and text, nothing about editors or transports. */
export interface TextDocumentLike {
  readonly uri: string;
  readonly version: number;
  getText(): string;
}

/** Facts the client may have told the server (the engine's local images, say). */
export interface WorkspaceFacts {
  /** `repo:tag` names of the images on the active engine; empty when no engine is known. */
  localImages: readonly string[];
}

export interface LanguageService {
  /** Diagnostics for the whole document; must never throw on any text. */
  validate(document: TextDocumentLike, facts: WorkspaceFacts): Diagnostic[];
  complete?(document: TextDocumentLike, position: Position, facts: WorkspaceFacts): CompletionList;
  hover?(document: TextDocumentLike, position: Position, facts: WorkspaceFacts): Hover | null;
}
