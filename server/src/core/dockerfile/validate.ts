// Runs the rules over an analysed Dockerfile: applies the severity settings, the suppression
// comments and BuildKit's check directive, and turns reports into diagnostics. A rule that
// throws loses only its own reports.
import type { ServiceContext } from '../languageService';
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from '../types';
import type { Analysis } from './analysis';
import { ALL_RULES } from './rules/allRules';
import { peerHref, peerIds, type Report, type Rule, type RuleContext, type Severity } from './rules/rule';
import { findSuppressions } from './suppressions';

export const DOCKERFILE_SOURCE = 'docker-workbench';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const idMemo = new WeakMap<Rule, string[]>();

/** The rule's id and its peers' ids, lower-cased, for matching suppressions. */
function idsOf(r: Rule): string[] {
  let ids = idMemo.get(r);
  if (!ids) {
    ids = [r.meta.id.toLowerCase(), ...peerIds(r.meta).map((p) => p.toLowerCase())];
    idMemo.set(r, ids);
  }
  return ids;
}

export function validateAnalysis(a: Analysis, uri: string, context: ServiceContext, rules: Rule[] = ALL_RULES): Diagnostic[] {
  const suppressions = findSuppressions(a.doc);
  const diagnostics: Diagnostic[] = [];
  const overrides = context.settings?.rules ?? {};

  for (const r of rules) {
    const meta = r.meta;
    const configured = overrides[meta.id];
    let severity = configured ?? meta.severity;
    if (severity === 'off') continue;
    const ids = idsOf(r);
    if (ids.some((id) => suppressions.global.has(id))) continue;
    if (meta.buildkit && suppressions.skipAllChecks) continue;
    if (meta.buildkit && suppressions.checksAreErrors && !configured) severity = 'error';

    const reports: Report[] = [];
    const ctx: RuleContext = {
      a,
      uri,
      files: context.files,
      facts: context.facts ?? { images: [], builtImages: [] },
      report: (span, message, extra) => reports.push({ span, message, ...extra }),
    };
    try {
      r.check(ctx);
    } catch {
      continue; // a broken rule must not take the other diagnostics down
    }
    const href = peerHref(meta);
    for (const report of reports) {
      const owner = a.instructionAt(report.span.start);
      const silenced = owner ? suppressions.byInstruction.get(owner.index) : undefined;
      if (silenced && (silenced.has('*') || (report.peer ? [meta.id.toLowerCase(), report.peer.toLowerCase()] : ids).some((id) => silenced.has(id)))) continue;
      const diagnostic: Diagnostic = {
        range: a.range(report.span),
        severity: SEVERITY[severity],
        code: meta.id,
        source: DOCKERFILE_SOURCE,
        message: report.message,
      };
      if (href) diagnostic.codeDescription = { href };
      if (meta.tag) diagnostic.tags = [meta.tag === 'unnecessary' ? DiagnosticTag.Unnecessary : DiagnosticTag.Deprecated];
      if (report.data) diagnostic.data = report.data;
      diagnostics.push(diagnostic);
    }
  }
  return diagnostics;
}
