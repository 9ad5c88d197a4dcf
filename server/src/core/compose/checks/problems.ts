// A problem is what a check finds, in document offsets; it becomes an LSP-shaped diagnostic only
// at the end, where the user's per-rule settings decide its severity or drop it.
import type { RuleSeverityOverrides } from '../../languageService';
import { DiagnosticSeverity, type Diagnostic, type DiagnosticTag } from '../../types';
import type { ComposeFile } from '../model/composeFile';
import { composeRule, type Severity } from './rules';
import type { ComposeCode } from '../../diagnosticCodes';
import type { LIMIT_CODE } from '../../limits';

export const COMPOSE_SOURCE = 'docker-workbench';

export interface Problem {
  /** A compose code of the table in diagnosticCodes.ts, or the note of a budget that was hit (no setting turns it off). */
  rule: ComposeCode | typeof LIMIT_CODE;
  start: number;
  end: number;
  message: string;
  /** Overrides the rule's default when the user has not chosen one (e.g. a warning in a partial file). */
  severity?: Severity;
  tags?: DiagnosticTag[];
  /** What a quick fix needs (a suggested replacement, the kind of a missing declaration…). */
  data?: ProblemData;
}

export interface ProblemData {
  /** Text that replaces the problem's range (a typo fix). */
  replacement?: string;
  /** A missing top-level declaration to add. */
  declare?: { section: 'volumes' | 'networks' | 'secrets' | 'configs' | 'models'; name: string };
  /** Text to insert at an offset (a new sequence item after the line it ends). */
  insertLine?: { offset: number; text: string };
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostics(file: ComposeFile, problems: Problem[], overrides: RuleSeverityOverrides): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const problem of problems) {
    const rule = composeRule(problem.rule);
    const chosen = overrides[problem.rule];
    if (chosen === 'off') continue;
    const severity = chosen ?? problem.severity ?? rule?.severity ?? 'error';
    const identity = `${problem.rule}:${problem.start}:${problem.end}:${problem.message}`;
    if (seen.has(identity)) continue;
    seen.add(identity);
    const diagnostic: Diagnostic = {
      range: file.range(problem.start, Math.max(problem.end, problem.start)),
      severity: SEVERITY[severity] ?? DiagnosticSeverity.Error,
      code: problem.rule,
      source: COMPOSE_SOURCE,
      message: problem.message,
    };
    if (problem.tags) diagnostic.tags = problem.tags;
    if (problem.data) diagnostic.data = problem.data;
    out.push(diagnostic);
  }
  return out;
}
