// Runs the rules over an analysed Dockerfile: applies the severity settings, the suppression
// comments and BuildKit's check directive, and turns reports into diagnostics. A rule that
// throws loses only its own reports.
import type { ServiceContext } from '../../languageService';
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from '../../types';
import type { Analysis } from '../analysis/analysis';
import type { Span } from '../syntax/ast';
import { ALL_RULES } from './rules/allRules';
import { codeInfo } from '../../diagnosticCodes';
import { DATA_SPANS, peerIds, type Report, type Rule, type RuleContext, type RuleScope, type Severity } from './rules/rule';
import { wholeFileScope } from './rules/scope';
import { findSuppressions, type Suppressions } from './suppressions';
import { limitDiagnostics } from './limits';
import { lastStartingBefore } from '../syntax/spanSearch';
import { sourceMountedOver } from '../analysis/developmentImage';
import { composeBuildsIn } from '../analysis/buildContext';

export const DOCKERFILE_SOURCE = 'docker-workbench';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const idMemo = new WeakMap<Rule, { ids: string[]; href: string | undefined }>();

/** The rule's id and its peers' ids, lower-cased, for matching suppressions, and its link. */
function namesOf(r: Rule): { ids: string[]; href: string | undefined } {
  let names = idMemo.get(r);
  if (!names) {
    names = { ids: [r.meta.id.toLowerCase(), ...peerIds(r.meta).map((p) => p.toLowerCase())], href: codeInfo(r.meta.id).docs };
    idMemo.set(r, names);
  }
  return names;
}

/** A rule that runs in this validation, with its effective severity. */
export interface ActiveRule {
  rule: Rule;
  severity: DiagnosticSeverity;
  ids: string[];
  href: string | undefined;
  /** Whether the user's settings (or BuildKit's check=error) chose the severity: a report's own lower one then gives way. */
  chosen: boolean;
}

/**
 * A development environment's, CI job's, test's or packaging job's Dockerfile, whose image nobody
 * ships: one in a .devcontainer, .gitpod, dev, development, docs, .github, test, tests, e2e,
 * integration, benchmark or packaging folder, or named for one (devcontainer.Dockerfile,
 * .gitpod.Dockerfile, Dockerfile.dev, dev.Dockerfile, Dockerfile.development, Dockerfile.ci,
 * Dockerfile_local, Dockerfile.test, docs.Dockerfile, packager.Dockerfile, playwright.Dockerfile:
 * round 24's end-to-end test runner). Not any Dockerfile in a ci or build folder: projects keep
 * the images they publish there too (rounds 7 and 9). Round 9: 14 of 16 size and repeatability
 * findings in test, benchmark, packaging and .github folders were noise.
 */
function devContainer(uri: string): boolean {
  const path = uri.toLowerCase();
  const name = path.slice(path.lastIndexOf('/') + 1);
  return /\/(\.devcontainer|\.gitpod|dev|development|docs|\.github|tests?|e2e|integration|benchmarks?|packaging)\//.test(path) || /^(docs?|(.+[.-])?packager)\.dockerfile$/.test(name)
    || /devcontainer|gitpod/.test(name) || /^(dockerfile[._-](dev(elopment)?|ci|local|test|e2e)|(.+[._-])?(dev|ci|local|test|e2e|playwright|cypress)\.dockerfile|(playwright|cypress|e2e)\.dockerfile)$/.test(name);
}

/**
 * A copy of another project's Dockerfile that a package manager keeps (vendor/laravel/sail/runtimes/,
 * node_modules/), which no compose file of the project builds: nobody here edits or builds it as it
 * is (round 32: two archived-release errors on sail runtimes the compose file does not build, and a
 * true one on the runtime it does). Everything said there is a hint.
 */
function thirdPartyCopy(uri: string, context: ServiceContext): boolean {
  const m = /\/(vendor|node_modules|bower_components)\//.exec(uri);
  // The project's compose files are in the folder that holds vendor/ (or near it).
  return m !== null && !composeBuildsIn(uri, uri.slice(0, m.index), context.files);
}

/** The rules the settings and the file-wide suppressions leave on, in order. */
export function activeRules(context: ServiceContext, rules: readonly Rule[], suppressions: Suppressions, uri = ''): ActiveRule[] {
  const overrides = context.settings?.rules ?? {};
  const dev = devContainer(uri);
  const thirdParty = thirdPartyCopy(uri, context);
  const active: ActiveRule[] = [];
  for (const r of rules) {
    const meta = r.meta;
    const configured = overrides[meta.id];
    let severity = configured ?? meta.severity;
    if (severity === 'off') continue;
    const { ids, href } = namesOf(r);
    if (ids.some((id) => suppressions.global.has(id))) continue;
    if (meta.buildkit && suppressions.skipAllChecks) continue;
    if (meta.buildkit && suppressions.checksAreErrors && !configured) severity = 'error';
    if ((meta.imageSize || meta.repeatable || meta.shipped) && dev && !configured) severity = 'hint';
    if (thirdParty && !configured) severity = 'hint';
    active.push({ rule: r, severity: SEVERITY[severity], ids, href, chosen: configured !== undefined || severity === 'error' && meta.severity !== 'error' });
  }
  return active;
}

/** How often a rule's reports look at the deadline (a clock read per report would cost more than most reports). */
export const REPORTS_PER_DEADLINE_CHECK = 1024;
const OUT_OF_TIME = new Error('the validation deadline passed inside a rule');

/**
 * Runs each rule over the scope; undefined marks a rule that threw, null one that did not run
 * because the validation's deadline had passed.
 */
export function runRules(a: Analysis, uri: string, context: ServiceContext, active: readonly ActiveRule[], scope: RuleScope): (Report[] | undefined | null)[] {
  const facts = context.facts ?? { images: [], builtImages: [] };
  const deadline = context.deadline;
  a.deadline = deadline;
  a.deadlineHit = false;
  // Asked once, and only when advice for shipped images has something to say.
  let development: boolean | undefined;
  const developmentImage = () => (development ??= sourceMountedOver(a, uri, context.files));
  try {
    return active.map(({ rule: r, chosen, severity }) => {
      if (deadline !== undefined && performance.now() > deadline) return null;
      const reports: Report[] = [];
      const report: RuleContext['report'] = (span, message, extra) => {
        // The deadline is also looked at inside a rule that reports on and on (tens of thousands
        // of findings in a crafted file), every REPORTS_PER_DEADLINE_CHECK reports, not only between rules.
        if (deadline !== undefined && reports.length % REPORTS_PER_DEADLINE_CHECK === REPORTS_PER_DEADLINE_CHECK - 1 && performance.now() > deadline) throw OUT_OF_TIME;
        reports.push({ span, message, ...extra });
      };
      const ctx: RuleContext = { a, uri, files: context.files, facts, scope, report };
      try {
        r.check(ctx);
        // A rule that met unparsed scripts past the deadline did not see everything.
        if (a.deadlineHit) return null;
        // Size, repeatability and shipping advice on an image compose runs with the source mounted
        // over it is a hint, as in a development container's Dockerfile (devContainer).
        if (reports.length > 0 && !chosen && severity !== DiagnosticSeverity.Hint && (r.meta.imageSize || r.meta.repeatable || r.meta.shipped) && developmentImage()) {
          for (const report of reports) if (report.development !== 'matters') report.severity = 'hint';
        }
        return reports;
      } catch (error) {
        // Stopped at the deadline: as if it had not run (the limit note says checks were skipped).
        if (error === OUT_OF_TIME) return null;
        return undefined; // a broken rule must not take the other diagnostics down
      }
    });
  } finally {
    a.deadline = undefined;
  }
}

/** Unit of an offset: the stage it falls in, or -1 before the first FROM. */
export function unitAt(a: Analysis, offset: number): number {
  return lastStartingBefore(a.doc.stages, offset);
}

function copyData(data: Record<string, unknown>): Record<string, unknown> {
  const out = { ...data };
  for (const key of DATA_SPANS) {
    const s = out[key] as Span | undefined;
    if (s && typeof s === 'object') out[key] = { start: s.start, end: s.end };
  }
  return out;
}

/** Whether an inline comment silences a report of the rule starting at `start`. */
export function isSuppressed(a: Analysis, rule: ActiveRule, start: number, peer: string | undefined, suppressions: Suppressions): boolean {
  if (suppressions.byInstruction.size === 0) return false;
  const owner = a.instructionAt(start);
  const silenced = owner ? suppressions.byInstruction.get(owner.index) : undefined;
  if (!silenced) return false;
  const id = rule.rule.meta.id.toLowerCase();
  return silenced.has('*') || (peer ? [id, peer.toLowerCase()] : rule.ids).some((x) => silenced.has(x));
}

/** A span without the blanks it ends with (an instruction's line may end in spaces), unless it is only blanks. */
function withoutTrailingBlanks(text: string, span: Span): Span {
  let end = span.end;
  while (end > span.start && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
  return end === span.end || end === span.start ? span : { start: span.start, end };
}

export function diagnosticOf(a: Analysis, rule: ActiveRule, report: Report): Diagnostic {
  const meta = rule.rule.meta;
  // A report may be less sure than its rule (Report.severity): the lesser of the two, unless chosen.
  const severity = report.severity && !rule.chosen ? Math.max(rule.severity, SEVERITY[report.severity]) as DiagnosticSeverity : rule.severity;
  const diagnostic: Diagnostic = { range: a.range(withoutTrailingBlanks(a.text, report.span)), severity, code: meta.id, source: DOCKERFILE_SOURCE, message: report.message };
  if (rule.href) diagnostic.codeDescription = { href: rule.href };
  if (meta.tag) diagnostic.tags = [meta.tag === 'unnecessary' ? DiagnosticTag.Unnecessary : DiagnosticTag.Deprecated];
  if (report.data) diagnostic.data = copyData(report.data);
  return diagnostic;
}

/**
 * Diagnostics of the whole file, from scratch: the stage rules' unit by unit (the part before the
 * first FROM, then each stage; by rule within a unit), then the file rules'. Incremental
 * validation rebuilds this same order from the units it keeps.
 */
export function validateAnalysis(a: Analysis, uri: string, context: ServiceContext, rules: readonly Rule[] = ALL_RULES): Diagnostic[] {
  const suppressions = findSuppressions(a.doc);
  const active = activeRules(context, rules, suppressions, uri);
  const results = runRules(a, uri, context, active, wholeFileScope(a));
  const byUnit: Diagnostic[][] = [[], ...a.doc.stages.map(() => [])];
  const fileWide: Diagnostic[] = [];
  active.forEach((r, k) => {
    for (const report of results[k] ?? []) {
      if (isSuppressed(a, r, report.span.start, report.peer, suppressions)) continue;
      (r.rule.meta.reach === 'file' ? fileWide : byUnit[unitAt(a, report.span.start) + 1]!).push(diagnosticOf(a, r, report));
    }
  });
  return [...byUnit.flat(), ...fileWide, ...limitDiagnostics(a, DOCKERFILE_SOURCE, results.some((r) => r === null))];
}
