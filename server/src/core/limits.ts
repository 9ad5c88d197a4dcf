// What both languages share about budgets: the diagnostic code of "a budget was hit here" notes,
// which no setting turns off (they say why other findings may be missing).
import { t } from './l10n';

export const LIMIT_CODE = 'analysis-limit';

/** How long one validation may run its checks before it stops and publishes what it has. */
export const VALIDATION_BUDGET_MS = 1000;

/** The note of a validation stopped by its deadline. */
export function timeNote(): string {
  return t('Checking this file took longer than {0} seconds, so the remaining checks were skipped; what was found so far is shown.', String(VALIDATION_BUDGET_MS / 1000));
}

/** Inlay hints in one answer at most (more than a screen shows; a value of 50,000 variables took seconds). */
export const MAX_INLAY_HINTS = 1000;
