// Code actions: the quick fixes each rule offers for its diagnostics, plus "ignore this rule
// for this instruction" on every diagnostic of ours.
import type { ServiceContext } from '../../languageService';
import type { CodeAction, Diagnostic, Range } from '../../types';
import type { Analysis } from '../analysis/analysis';
import { t } from '../../l10n';
import { rename } from './navigation';
import { DOCKERFILE_SOURCE } from '../validation/validate';
import { action, toSpan, type FixContext, type QuickFix } from '../quickFixes/fixContext';
import { appendText, moveText, declareArg, deleteLine, deleteSpan, doubleQuoteJson, legacyToEquals, maintainerToLabel, moveDirectiveToTop, replaceText, toExecForm } from '../quickFixes/textFixes';
import { addOption, appendAptCleanup, cdToWorkdir, mergeAptUpdate, runCdToWorkdir } from '../quickFixes/shellFixes';
import { createDockerignore, extendDockerignore, manifestFirst, suppressRule, useLfLineEndings } from '../quickFixes/structureFixes';

const renameStage: QuickFix = (fx) => {
  const replacement = fx.data.replacement;
  if (typeof replacement !== 'string') return [];
  const edits = rename(fx.a, fx.uri, fx.span.start, replacement);
  if (!edits) return [];
  return [{ ...action(fx, t('Rename the stage to {0}', replacement), []), edit: edits }];
};

const FIXES: Record<string, QuickFix[]> = {
  'unknown-instruction': [replaceText],
  'instruction-casing': [replaceText],
  'directive-casing': [replaceText],
  'from-as-casing': [replaceText],
  'stage-name-casing': [renameStage],
  'expose-protocol-casing': [replaceText],
  'expose-invalid-format': [replaceText],
  'unknown-flag': [replaceText],
  'unknown-stage': [replaceText],
  'undefined-variable': [replaceText, declareArg],
  'undefined-arg-in-from': [replaceText],
  'invalid-image-reference': [replaceText],
  'workdir-relative': [replaceText],
  'add-instead-of-copy': [replaceText],
  'apt-instead-of-apt-get': [replaceText],
  'empty-continuation': [deleteLine],
  'duplicate-directive': [deleteLine],
  'misplaced-directive': [moveDirectiveToTop],
  'redundant-target-platform': [deleteSpan],
  'build-platform-image': [deleteSpan],
  'copy-multi-source-dest': [appendText],
  'misplaced-flag': [moveText],
  'apt-install-without-lists': [appendText],
  'json-args-recommended': [toExecForm],
  'json-single-quotes': [doubleQuoteJson],
  'legacy-key-value': [legacyToEquals],
  'arg-default-without-equals': [legacyToEquals],
  'maintainer-deprecated': [maintainerToLabel],
  'apt-get-yes': [addOption],
  'apt-no-install-recommends': [addOption],
  'yum-yes': [addOption],
  'dnf-yes': [addOption],
  'zypper-yes': [addOption],
  'pip-no-cache-dir': [addOption],
  'apk-no-cache': [addOption],
  'apt-lists-cleanup': [appendAptCleanup],
  'apt-get-update-alone': [mergeAptUpdate, deleteLine],
  'run-cd': [cdToWorkdir],
  'cd-without-effect': [runCdToWorkdir],
  'export-without-effect': [replaceText],
  'exec-shell-without-c': [replaceText],
  'exec-form-one-string': [replaceText],
  'exec-form-quotes': [replaceText],
  'invalid-json-form': [replaceText],
  'misspelt-official-image': [replaceText],
  'copy-source-missing': [replaceText],
  'script-not-executable': [appendText],
  'unknown-subcommand': [replaceText],
  'deleted-image-tag': [replaceText],
  'poetry-removed-option': [replaceText],
  'go-module-moved': [replaceText],
  'pip-import-name': [replaceText],
  'apk-package-unavailable': [replaceText],
  'get-pip-old-python': [replaceText],
  'apt-package-unavailable': [replaceText],
  'typographic-quotes': [replaceText],
  'misspelt-env-name': [replaceText],
  'quoted-shell-command': [replaceText],
  'dockerignore-missing': [createDockerignore],
  'dockerignore-incomplete': [extendDockerignore],
  'copy-all-before-install': [manifestFirst],
  'heredoc-crlf': [useLfLineEndings],
};

export function codeActions(a: Analysis, uri: string, range: Range, diagnostics: Diagnostic[], service: ServiceContext): CodeAction[] {
  void range;
  const out: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== DOCKERFILE_SOURCE) continue;
    const code = String(diagnostic.code);
    const span = toSpan(a, diagnostic.range);
    const fx: FixContext = {
      a,
      uri,
      diagnostic,
      data: diagnostic.data && typeof diagnostic.data === 'object' ? (diagnostic.data as Record<string, unknown>) : {},
      span,
      instruction: a.instructionAt(span.start),
      service,
    };
    for (const fix of [...(FIXES[code] ?? []), suppressRule(code)]) {
      try {
        out.push(...fix(fx));
      } catch {
        // a fix that cannot apply to this text is simply not offered
      }
    }
  }
  return out;
}
