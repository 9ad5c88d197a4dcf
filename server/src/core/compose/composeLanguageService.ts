// The compose language service: the LanguageService contract mapped onto the feature modules.
// Every feature starts from the cached parse of the document (see model/documentStore).
import type { LanguageService, ServiceContext, TextDocumentLike } from '../languageService';
import type { Diagnostic } from '../types';
import { composeDiagnostics } from './checks/runChecks';
import { composeFileOf, forgetComposeFile } from './model/documentStore';
import { buildComposeFile } from './model/composeFile';
import { completeCompose, COMPOSE_TRIGGER_CHARACTERS } from './features/completion';
import { hoverCompose } from './features/hover';
import { definitionCompose, highlightsCompose, referencesCompose } from './features/navigation';
import { prepareRenameCompose, renameCompose } from './features/rename';
import { documentSymbolsCompose } from './features/documentSymbols';
import { foldingRangesCompose } from './features/foldingRanges';
import { selectionRangesCompose } from './features/selectionRanges';
import { documentLinksCompose } from './features/documentLinks';
import { formatCompose, formatRangeCompose } from './features/formatting';
import { codeLensesCompose } from './features/codeLenses';
import { codeActionsCompose } from './features/codeActions';
import { inlayHintsCompose } from './features/inlayHints';

export { COMPOSE_SOURCE } from './checks/problems';

const NO_FILES: ServiceContext = {
  facts: { images: [], builtImages: [] },
  settings: { rules: {} },
  files: { exists: () => false, readText: () => undefined, list: () => [] },
  openDocuments: () => [],
};

/** Diagnostics for a text on its own (no files around it); kept for tests and tools. */
export function validateCompose(text: string, context: ServiceContext = NO_FILES, uri = 'untitled:/compose.yaml'): Diagnostic[] {
  return composeDiagnostics(buildComposeFile(uri, 0, text), context);
}

function validate(document: TextDocumentLike, context: ServiceContext): Diagnostic[] {
  return composeDiagnostics(composeFileOf(document), context);
}

export const composeLanguageService: LanguageService = {
  validate,
  forget: forgetComposeFile,
  complete: completeCompose,
  completionTriggerCharacters: COMPOSE_TRIGGER_CHARACTERS,
  hover: hoverCompose,
  definition: definitionCompose,
  references: referencesCompose,
  documentHighlights: highlightsCompose,
  prepareRename: prepareRenameCompose,
  rename: renameCompose,
  documentSymbols: documentSymbolsCompose,
  foldingRanges: foldingRangesCompose,
  selectionRanges: selectionRangesCompose,
  documentLinks: documentLinksCompose,
  format: formatCompose,
  formatRange: formatRangeCompose,
  codeActions: codeActionsCompose,
  codeLenses: codeLensesCompose,
  inlayHints: inlayHintsCompose,
};
