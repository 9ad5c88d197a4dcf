// The Dockerfile language service: one analysis per document version, cached by uri, and every
// feature a plain function of that analysis. A new version is parsed and validated incrementally
// from the previous one (incrementalParse, incrementalValidation).
import type { LanguageService, ServiceContext, TextDocumentLike } from '../languageService';
import type { Diagnostic } from '../types';
import { Analysis } from './analysis/analysis';
import { nextAnalysis } from './analysis/nextAnalysis';
import { IncrementalValidator } from './validation/incrementalValidation';
import { validateAnalysis, DOCKERFILE_SOURCE } from './validation/validate';
import { complete, COMPLETION_TRIGGERS } from './features/completion';
import { hover } from './features/hover';
import { signatureHelp, SIGNATURE_TRIGGERS } from './features/signatureHelp';
import { definition, highlights, prepareRename, references, rename } from './features/navigation';
import { documentSymbols } from './features/documentSymbols';
import { foldingRanges } from './features/foldingRanges';
import { selectionRanges } from './features/selectionRanges';
import { documentLinks } from './features/documentLinks';
import { formatEdits, formatOnTypeEdits, formatRangeEdits, ON_TYPE_TRIGGERS } from './features/formatting';
import { codeActions } from './features/codeActions';
import { codeLenses } from './features/codeLenses';
import { inlayHints } from './features/inlayHints';
import { LEGEND, semanticTokens } from './features/semanticTokens';

export { DOCKERFILE_SOURCE };

/** Per open document: its latest analysis, and the validator that keeps reports between versions. */
interface Entry {
  version: number;
  text: string;
  analysis: Analysis;
  validator: IncrementalValidator;
}

const cache = new Map<string, Entry>();
const lastDiagnostics = new WeakMap<Analysis, Diagnostic[]>();

function entryOf(document: TextDocumentLike): Entry {
  const text = document.getText();
  const hit = cache.get(document.uri);
  if (!hit) {
    const entry = { version: document.version, text, analysis: Analysis.of(text), validator: new IncrementalValidator() };
    cache.set(document.uri, entry);
    return entry;
  }
  if (hit.version !== document.version || hit.text !== text) {
    if (hit.text !== text) hit.analysis = nextAnalysis(hit.analysis, text);
    hit.version = document.version;
    hit.text = text;
  }
  return hit;
}

/** The analysis of a document, reused while its version (and text) are unchanged. */
export function analysisOf(document: TextDocumentLike): Analysis {
  return entryOf(document).analysis;
}

const emptyContext: ServiceContext = {
  facts: { images: [], builtImages: [] },
  settings: { rules: {} },
  files: { exists: () => false, readText: () => undefined, list: () => [] },
  openDocuments: () => [],
};

/** Diagnostics for a Dockerfile's text (default settings and no file access unless given). */
export function validateDockerfile(text: string, context: ServiceContext = emptyContext, uri = 'untitled:Dockerfile'): Diagnostic[] {
  return validateAnalysis(Analysis.of(text), uri, context);
}

function diagnosticsOf(document: TextDocumentLike, context: ServiceContext): Diagnostic[] {
  const entry = entryOf(document);
  let list = lastDiagnostics.get(entry.analysis);
  if (!list) {
    list = entry.validator.validate(entry.analysis, document.uri, context);
    lastDiagnostics.set(entry.analysis, list);
  }
  return list;
}

export const dockerfileLanguageService: LanguageService = {
  validate(document, context) {
    const entry = entryOf(document);
    const list = entry.validator.validate(entry.analysis, document.uri, context);
    lastDiagnostics.set(entry.analysis, list);
    return list;
  },
  forget(uri) {
    cache.delete(uri);
  },

  completionTriggerCharacters: COMPLETION_TRIGGERS,
  complete: (document, position, context) => {
    const a = analysisOf(document);
    return complete(a, a.lines.offsetAt(position), context);
  },
  hover: (document, position, context) => {
    const a = analysisOf(document);
    // Diagnostics published from another thread, when there are: validating here would double the work.
    const diagnostics = () => (context.publishedDiagnostics ? [...(context.publishedDiagnostics(document.uri) ?? [])] : diagnosticsOf(document, context));
    return hover(a, a.lines.offsetAt(position), context, diagnostics, document.uri);
  },
  signatureTriggerCharacters: SIGNATURE_TRIGGERS,
  signatureHelp: (document, position) => {
    const a = analysisOf(document);
    return signatureHelp(a, a.lines.offsetAt(position));
  },

  definition: (document, position) => {
    const a = analysisOf(document);
    return definition(a, document.uri, a.lines.offsetAt(position));
  },
  references: (document, position, includeDeclaration) => {
    const a = analysisOf(document);
    return references(a, document.uri, a.lines.offsetAt(position), includeDeclaration);
  },
  documentHighlights: (document, position) => {
    const a = analysisOf(document);
    return highlights(a, a.lines.offsetAt(position));
  },
  prepareRename: (document, position) => {
    const a = analysisOf(document);
    return prepareRename(a, a.lines.offsetAt(position));
  },
  rename: (document, position, newName) => {
    const a = analysisOf(document);
    return rename(a, document.uri, a.lines.offsetAt(position), newName);
  },

  documentSymbols: (document) => documentSymbols(analysisOf(document)),
  foldingRanges: (document) => foldingRanges(analysisOf(document)),
  selectionRanges: (document, positions) => selectionRanges(analysisOf(document), positions),
  documentLinks: (document, context) => documentLinks(analysisOf(document), document.uri, context),

  format: (document, options) => formatEdits(analysisOf(document), options),
  formatRange: (document, range, options) => formatRangeEdits(analysisOf(document), range, options),
  onTypeFormattingTriggerCharacters: ON_TYPE_TRIGGERS,
  formatOnType: (document, position, _ch, options) => formatOnTypeEdits(analysisOf(document), position.line, options),

  codeActions: (document, range, diagnostics, context) => codeActions(analysisOf(document), document.uri, range, diagnostics, context),
  codeLenses: (document) => codeLenses(analysisOf(document), document.uri),
  inlayHints: (document, range, context) => inlayHints(analysisOf(document), document.uri, range, context),
  semanticTokensLegend: LEGEND,
  semanticTokens: (document) => semanticTokens(analysisOf(document)),
};
