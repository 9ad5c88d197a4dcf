// The compose language service: plain functions over the document text.
import { parseAllDocuments, LineCounter } from 'yaml';
import type { LanguageService } from '../languageService';
import { LineIndex } from '../text';
import { DiagnosticSeverity, type Diagnostic } from '../types';
import { t } from '../l10n';

export const COMPOSE_SOURCE = 'docker-workbench';

/** YAML syntax errors and warnings, each at the exact range the parser reports. */
export function validateCompose(text: string): Diagnostic[] {
  const index = new LineIndex(text);
  const diagnostics: Diagnostic[] = [];
  const documents = parseAllDocuments(text, { lineCounter: new LineCounter(), prettyErrors: false, uniqueKeys: true });
  const list = Array.isArray(documents) ? documents : [documents];
  for (const document of list) {
    for (const [problems, severity] of [
      [document.errors, DiagnosticSeverity.Error],
      [document.warnings, DiagnosticSeverity.Warning],
    ] as const) {
      for (const problem of problems) {
        const [start, end] = clampToContent(text, problem.pos);
        diagnostics.push({
          range: index.range(start, end),
          severity,
          code: `yaml-${problem.code.toLowerCase().replace(/_/g, '-')}`,
          source: COMPOSE_SOURCE,
          message: t('YAML: {0}', firstLine(problem.message)),
        });
      }
    }
  }
  return diagnostics;
}

/** Errors found at the very end (an unclosed quote, say) point at the last character written. */
function clampToContent(text: string, [start, end]: [number, number]): [number, number] {
  const contentEnd = text.trimEnd().length;
  if (start >= contentEnd && contentEnd > 0) return [contentEnd - 1, contentEnd];
  return [start, Math.max(end, start + 1)];
}

function firstLine(message: string): string {
  const newline = message.indexOf('\n');
  return newline < 0 ? message : message.slice(0, newline);
}

export const composeLanguageService: LanguageService = {
  validate: (document) => validateCompose(document.getText()),
};
