// Shared helpers for the compose unit tests: an in-memory file system, a service context, and
// documents with a `|` cursor marker.
import type { FileAccess, ServiceContext, TextDocumentLike, ImageFact, RuleSeverityOverrides } from '../../../server/src/core/languageService';
import type { Diagnostic, Position } from '../../../server/src/core/types';
import { LineIndex } from '../../../server/src/core/text';
import { composeLanguageService } from '../../../server/src/core/compose/composeLanguageService';

export const ROOT = 'file:///project';
export const COMPOSE_URI = `${ROOT}/compose.yaml`;

/** Files by URI; folders are implied by the paths. */
export function memoryFiles(files: Record<string, string>): FileAccess {
  const folders = new Set<string>();
  for (const uri of Object.keys(files)) {
    let cut = uri.lastIndexOf('/');
    while (cut > 'file://'.length) {
      folders.add(uri.slice(0, cut));
      cut = uri.lastIndexOf('/', cut - 1);
    }
  }
  return {
    exists: (uri) => uri in files || folders.has(uri.replace(/\/$/, '')),
    readText: (uri) => files[uri],
    list: (uri) => {
      const prefix = `${uri.replace(/\/$/, '')}/`;
      const names = new Map<string, boolean>();
      for (const candidate of [...Object.keys(files), ...folders]) {
        if (!candidate.startsWith(prefix)) continue;
        const rest = candidate.slice(prefix.length);
        if (rest === '' ) continue;
        const name = rest.split('/')[0]!;
        names.set(name, (names.get(name) ?? false) || rest.includes('/') || folders.has(prefix + name));
      }
      return [...names].map(([name, isDirectory]) => ({ name, isDirectory }));
    },
  };
}

export interface ContextOptions {
  files?: Record<string, string>;
  rules?: RuleSeverityOverrides;
  images?: string[];
  open?: TextDocumentLike[];
}

export function serviceContext(options: ContextOptions = {}): ServiceContext {
  const images: ImageFact[] = (options.images ?? []).map((name, i) => ({ name, id: `sha256:${i}`, size: 1, created: 0 }));
  return {
    facts: { images, builtImages: [] },
    settings: { rules: options.rules ?? {} },
    files: memoryFiles(options.files ?? {}),
    openDocuments: () => options.open ?? [],
  };
}

let version = 0;

export function doc(text: string, uri = COMPOSE_URI): TextDocumentLike {
  const v = ++version;
  return { uri, version: v, getText: () => text };
}

/** Splits a cursor marker (`|`, or `§` where the text needs `|`) out of the text. */
export function withCursor(marked: string, marker = marked.includes('§') ? '§' : '|'): { text: string; position: Position; offset: number } {
  const offset = marked.indexOf(marker);
  if (offset < 0) throw new Error('no cursor marker');
  const text = marked.slice(0, offset) + marked.slice(offset + marker.length);
  return { text, offset, position: new LineIndex(text).positionAt(offset) };
}

export function validate(text: string, options: ContextOptions = {}, uri = COMPOSE_URI): Diagnostic[] {
  return composeLanguageService.validate(doc(text, uri), serviceContext(options));
}

/** Diagnostics of one rule, as "line:character message" strings (1-based lines) for readable assertions. */
export function findings(diagnostics: Diagnostic[], code: string): Diagnostic[] {
  return diagnostics.filter((d) => d.code === code);
}

/** The text a diagnostic's range covers. */
export function covered(text: string, diagnostic: { range: Diagnostic['range'] }): string {
  const index = new LineIndex(text);
  return text.slice(index.offsetAt(diagnostic.range.start), index.offsetAt(diagnostic.range.end));
}
