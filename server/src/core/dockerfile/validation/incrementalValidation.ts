// Incremental validation of one document: a new version's diagnostics from the previous
// version's, re-running the stage rules only on the units an edit could have changed. A unit is
// the part before the first FROM, or one stage. A unit keeps its reports (moved with it) when
// its text lies outside the edited region, none of the stages it is built FROM changed, its own
// dependencies are the same (whether other stages use it, the size of the stages it copies
// from), and the file's global facts are the same (see globalKey). Rules whose messages name
// line numbers run again on a kept unit that moved to another line; file rules run every time.
// The result equals validateAnalysis on the same text, in the same order; a unit's diagnostics
// are the same objects from one version to the next while it does not move. Inside a stage an
// edit touched below its FROM, the instruction rules keep their reports on the instructions it
// left whole and run on the edited ones only (instructionReuse.ts).
import type { ServiceContext } from '../../languageService';
import type { Diagnostic, Position } from '../../types';
import type { Analysis } from '../analysis/analysis';
import { ALL_RULES } from './rules/allRules';
import type { Report, Rule } from './rules/rule';
import { unitsScope, wholeFileScope } from './rules/scope';
import { findSuppressions, type Suppressions } from './suppressions';
import { globalKey, suppressionKeys, unitsOf, type Unit } from './validationUnits';
import { diffTexts, type TextChange } from '../syntax/textChange';
import { keepReport, movedReport, restoreReport, type KeptReport } from './keptReport';
import { editedScope, inRuleOrder, instructionSpans, keptInstructionReports, matchInstructions, ownedReports, shellKey } from './instructionReuse';
import type { RuleScope } from './rules/rule';
import { activeRules, diagnosticOf, DOCKERFILE_SOURCE, isSuppressed, runRules, unitAt, type ActiveRule } from './validate';
import { limitDiagnostics } from './limits';

interface UnitEntry extends Unit {
  /** In rule order. */
  reports: KeptReport[];
  /** The reports as diagnostics, made for a unit starting at `madeAt` / `madeFrom`. */
  diagnostics: Diagnostic[] | undefined;
  madeAt: Position | undefined;
  madeFrom: number;
  /** `shownFrom` without what the inline suppressions described by `shownKey` silence. */
  shown: Diagnostic[] | undefined;
  shownFrom: Diagnostic[] | undefined;
  shownKey: string;
  /** A stage's instruction spans relative to its start (instructionSpans), and its shellKey. */
  spans: Int32Array | undefined;
  shells: string;
}

interface State {
  text: string;
  /** Lines of the text. */
  lineCount: number;
  global: string;
  /** In document order. */
  entries: UnitEntry[];
  /** A rule threw last time: its reports for the kept units are unknown. */
  broken: boolean;
}

/**
 * For each unit, its previous entry when the edit did not touch its text (a walk over both lists,
 * which are in document order: by start, then by unit, since an empty first unit shares its start).
 */
function previousEntries(state: State | undefined, units: readonly Unit[], change: TextChange | undefined): (UnitEntry | undefined)[] {
  const entries = state?.entries ?? [];
  let j = 0;
  return units.map((u) => {
    let delta = 0;
    if (change && u.end >= change.start) {
      if (u.start <= change.newEnd) return undefined;
      delta = change.delta;
    }
    const start = u.start - delta;
    while (j < entries.length && (entries[j]!.start - start || entries[j]!.unit - u.unit) < 0) j++;
    const e = entries[j];
    return e && e.start === start && e.unit === u.unit && e.end === u.end - delta ? e : undefined;
  });
}

/** Runs rules (given by index in `active`) over a scope (none: nothing to check) and files their reports by unit. */
function check(a: Analysis, uri: string, context: ServiceContext, active: readonly ActiveRule[], which: number[], scope: RuleScope | undefined) {
  const byUnit = new Map<number, KeptReport[]>();
  if (!scope || which.length === 0) return { byUnit, threw: false, stopped: false };
  const results = runRules(a, uri, context, which.map((k) => active[k]!), scope);
  results.forEach((reports, n) => {
    for (const r of reports ?? []) {
      const unit = unitAt(a, r.span.start);
      const list = byUnit.get(unit) ?? [];
      list.push(keepReport(which[n]!, r, unit >= 0 ? a.doc.stages[unit]!.span.start : 0));
      byUnit.set(unit, list);
    }
  });
  return { byUnit, threw: results.some((r) => r === undefined), stopped: results.some((r) => r === null) };
}

/** The unit's diagnostics, reusing the ones made before when the unit has not moved. */
function diagnosticsOf(a: Analysis, active: readonly ActiveRule[], e: UnitEntry, at: Position): Diagnostic[] {
  const same = e.diagnostics !== undefined && e.madeAt!.line === at.line && e.madeAt!.character === at.character;
  if (same && (e.madeFrom === e.start || !e.reports.some((r) => r.offsets))) {
    e.madeFrom = e.start;
    return e.diagnostics!;
  }
  // Moved along its line only: ranges stay, offsets in data do not.
  const list = e.reports.map((r, k) => (same && !r.offsets ? e.diagnostics![k]! : diagnosticOf(a, active[r.rule]!, restoreReport(r, e.start))));
  e.diagnostics = list;
  e.madeAt = at;
  e.madeFrom = e.start;
  return list;
}

/** The unit's diagnostics without the suppressed ones (unchanged suppressions: the same list). */
function shownOf(a: Analysis, active: readonly ActiveRule[], e: UnitEntry, list: Diagnostic[], key: string, suppressions: Suppressions): Diagnostic[] {
  if (e.shown && e.shownKey === key && e.shownFrom === list) return e.shown;
  e.shown = key === '' ? list : list.filter((_, k) => {
    const r = e.reports[k]!;
    return !isSuppressed(a, active[r.rule]!, e.start + r.start, r.peer, suppressions);
  });
  e.shownKey = key;
  e.shownFrom = list;
  return e.shown;
}

/** What the last validation did (for tests and benchmarks). */
export interface ValidationStats {
  units: number;
  /** Units whose stage rules ran (a stage checked in part counts). */
  checked: number;
  /** Kept units whose line-numbering rules ran again. */
  relined: number;
  /** In a stage checked in part: the instructions its instruction rules ran on (else undefined). */
  edited?: number;
}

/**
 * The stage an edit lies inside, below its FROM, with its previous entry and its shell key, when
 * that entry may keep its instruction rules' reports: the stage's dependencies, the stages it is
 * built FROM and the instructions that set its shell are as they were.
 */
function editedStage(a: Analysis, state: State, units: readonly Unit[], previous: readonly (UnitEntry | undefined)[], change: TextChange) {
  const u = units.find((x) => x.unit >= 0 && x.start < change.start && change.newEnd <= x.end);
  const stage = u && a.doc.stages[u.unit];
  if (!u || !stage || stage.from.fullSpan.end >= change.start) return undefined;
  const old = state.entries.find((e) => e.unit === u.unit);
  if (!old?.spans || old.start !== u.start || old.end !== u.end - change.delta || old.deps !== u.deps) return undefined;
  for (let s = a.parentOf(stage.index), steps = 0; s >= 0 && steps < units.length; s = a.parentOf(s), steps++) {
    if (previous[s + 1] === undefined) return undefined;
  }
  const shells = shellKey(a, stage);
  return shells === old.shells ? { unit: u, stage, old, shells } : undefined;
}

/** Which units run their stage rules again, and which only their line-numbering rules. */
function plan(a: Analysis, units: readonly Unit[], previous: readonly (UnitEntry | undefined)[], positions: readonly Position[]) {
  const dirty = new Set<number>();
  const relined = new Set<number>();
  for (const u of units) {
    const old = previous[u.unit + 1];
    let clean = old !== undefined && old.deps === u.deps;
    const stage = a.doc.stages[u.unit];
    // Up the FROM chain (bounded by the number of stages, as chainOf): every stage it is built FROM kept too.
    if (clean && stage) {
      for (let s = a.parentOf(stage.index), steps = 0; s >= 0 && steps < units.length; s = a.parentOf(s), steps++) {
        if (!(clean = previous[s + 1] !== undefined)) break;
      }
    }
    if (!clean) dirty.add(u.unit);
    else if (old!.madeAt && positions[u.unit + 1]!.line !== old!.madeAt.line) relined.add(u.unit);
  }
  return { dirty, relined };
}

export class IncrementalValidator {
  private state: State | undefined;
  lastRun: ValidationStats = { units: 0, checked: 0, relined: 0 };

  constructor(private readonly rules: readonly Rule[] = ALL_RULES) {}

  validate(a: Analysis, uri: string, context: ServiceContext): Diagnostic[] {
    const suppressions = findSuppressions(a.doc);
    const active = activeRules(context, this.rules, suppressions, uri);
    const global = globalKey(a, context, active);
    const units = unitsOf(a);
    const state = this.state && this.state.global === global && !this.state.broken ? this.state : undefined;
    // Entries are moved in place below: should anything throw on the way, start afresh next time.
    this.state = undefined;
    const change = state ? diffTexts(state.text, a.text) : undefined;

    // Unit u is at index u + 1 of these. A unit before the edit is where it was.
    const previous = previousEntries(state, units, change);
    // A unit starting on a line after the edit's last one moved by whole lines: its old position, that many lines down.
    const lineDelta = state ? a.lines.lineCount - state.lineCount : 0;
    const laterLines = change ? a.lines.lineEnd(a.lines.positionAt(change.newEnd).line) : Infinity;
    const positions = units.map((u, k) => {
      const old = previous[k];
      if (old?.madeAt) {
        if (old.madeFrom === u.start && (!change || u.end < change.start)) return old.madeAt;
        if (change && u.start > laterLines && old.madeFrom === u.start - change.delta) {
          return lineDelta === 0 ? old.madeAt : { line: old.madeAt.line + lineDelta, character: old.madeAt.character };
        }
      }
      return a.lines.positionAt(u.start);
    });
    const { dirty, relined } = plan(a, units, previous, positions);

    const stageRules: number[] = [];
    const fileRules: number[] = [];
    active.forEach((r, k) => (r.rule.meta.reach === 'file' ? fileRules : stageRules).push(k));
    const lineRules = stageRules.filter((k) => active[k]!.rule.meta.namesLines);
    const instructionRules = new Set(stageRules.filter((k) => active[k]!.rule.meta.reach === 'instruction'));
    const inside = state && change && instructionRules.size > 0 ? editedStage(a, state, units, previous, change) : undefined;
    const match = inside && matchInstructions(inside.stage, inside.unit.start, inside.old.spans!, change!);
    const whole = new Set(dirty);
    if (inside) whole.delete(inside.unit.unit);
    const fresh = check(a, uri, context, active, stageRules, whole.size > 0 ? unitsScope(a, whole) : undefined);
    const again = check(a, uri, context, active, lineRules, relined.size > 0 ? unitsScope(a, relined) : undefined);
    // The stage checked in part: its other stage rules over all of it, its instruction rules over the edited instructions.
    const rest = check(a, uri, context, active, stageRules.filter((k) => !instructionRules.has(k)), inside && unitsScope(a, new Set([inside.unit.unit])));
    const edited = check(a, uri, context, active, [...instructionRules], inside && match!.edited.length > 0 ? editedScope(match!.edited) : undefined);
    const threw = fresh.threw || again.threw || rest.threw || edited.threw;
    // Which of the kept reports a broken rule would have lost is unknown: check everything.
    const stopped = fresh.stopped || again.stopped || rest.stopped || edited.stopped;
    if (threw && !stopped && (dirty.size < units.length || inside)) return this.validate(a, uri, context);

    const lineRuleSet = new Set(lineRules);
    const keys = suppressionKeys(a, suppressions);
    const entries: UnitEntry[] = [];
    const parts: Diagnostic[][] = [];
    for (const u of units) {
      let entry = previous[u.unit + 1];
      if (!entry || dirty.has(u.unit)) {
        let reports = fresh.byUnit.get(u.unit) ?? [];
        if (inside?.unit === u) {
          const kept = keptInstructionReports(inside.old.reports, inside.old.spans!, match!.moves, (k) => instructionRules.has(k), movedReport);
          reports = inRuleOrder(rest.byUnit.get(u.unit) ?? [], [...kept, ...ownedReports(inside.stage, u.start, edited.byUnit.get(u.unit) ?? [])]);
        }
        const stage = a.doc.stages[u.unit];
        entry = { ...u, reports, diagnostics: undefined, madeAt: undefined, madeFrom: 0, shown: undefined, shownFrom: undefined, shownKey: '',
          spans: stage ? instructionSpans(stage, u.start) : undefined, shells: inside?.unit === u ? inside.shells : stage ? shellKey(a, stage) : '' };
      } else {
        // The previous state is dropped, so its entries can move in place.
        entry.start = u.start;
        entry.end = u.end;
        if (relined.has(u.unit)) {
          entry.reports = [...entry.reports.filter((r) => !lineRuleSet.has(r.rule)), ...(again.byUnit.get(u.unit) ?? [])].sort((x, y) => x.rule - y.rule);
          entry.diagnostics = undefined;
        }
      }
      entries.push(entry);
      const list = diagnosticsOf(a, active, entry, positions[u.unit + 1]!);
      parts.push(shownOf(a, active, entry, list, keys.get(u.unit) ?? '', suppressions));
    }
    const fileResults = runRules(a, uri, context, fileRules.map((k) => active[k]!), wholeFileScope(a));
    const timedOut = stopped || fileResults.some((r) => r === null);
    fileRules.forEach((k, n) => {
      const rule = active[k]!;
      parts.push((fileResults[n] ?? []).filter((r: Report) => !isSuppressed(a, rule, r.span.start, r.peer, suppressions)).map((r: Report) => diagnosticOf(a, rule, r)));
    });

    parts.push(limitDiagnostics(a, DOCKERFILE_SOURCE, timedOut));
    // Rules the deadline skipped left their units' reports incomplete: start afresh next time.
    this.state = { text: a.text, lineCount: a.lines.lineCount, global, entries, broken: threw || timedOut };
    this.lastRun = { units: units.length, checked: dirty.size, relined: relined.size, ...(inside ? { edited: match!.edited.length } : {}) };
    const all: Diagnostic[] = [];
    for (const part of parts) for (const d of part) all.push(d);
    return all;
  }
}
