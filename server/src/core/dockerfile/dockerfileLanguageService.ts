// The Dockerfile language service: plain functions over the document text.
import type { LanguageService } from '../languageService';
import { LineIndex } from '../text';
import { DiagnosticSeverity, type Diagnostic } from '../types';
import { t } from '../l10n';
import { isInstruction } from './instructions';
import { scanInstructions } from './scanInstructions';

export const DOCKERFILE_SOURCE = 'docker-workbench';

export function validateDockerfile(text: string): Diagnostic[] {
  const index = new LineIndex(text);
  const diagnostics: Diagnostic[] = [];
  for (const instruction of scanInstructions(text)) {
    if (isInstruction(instruction.keyword)) continue;
    diagnostics.push({
      range: index.range(instruction.keywordStart, instruction.keywordEnd),
      severity: DiagnosticSeverity.Error,
      code: 'unknown-instruction',
      source: DOCKERFILE_SOURCE,
      message: t('Unknown instruction: {0}', instruction.keyword),
    });
  }
  return diagnostics;
}

export const dockerfileLanguageService: LanguageService = {
  validate: (document) => validateDockerfile(document.getText()),
};
