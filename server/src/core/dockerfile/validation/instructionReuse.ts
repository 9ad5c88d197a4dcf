// Inside one long stage an edit touches an instruction or two: the rules whose reports on an
// instruction depend on that instruction alone (reach: 'instruction', see RuleMeta) keep their
// reports on every instruction the edit left whole, and run on the edited ones only. An
// instruction is left whole when the new version has one with the same span (moved by the edit's
// delta when it lies after it) over the same text; a report belongs to the instruction it lies in.
import type { Analysis } from '../analysis/analysis';
import type { Instruction, Stage } from '../syntax/ast';
import type { TextChange } from '../syntax/textChange';
import type { KeptReport } from './keptReport';
import type { RuleScope } from './rules/rule';
import { countLeading } from '../../sortedSearch';
import { relinksShToBash } from '../analysis/shellRelink';

/** The full spans of a stage's instructions, relative to `base`: start, end, start, end, ... */
export function instructionSpans(stage: Stage, base: number): Int32Array {
  const list = stage.instructions;
  const spans = new Int32Array(list.length * 2);
  for (let k = 0; k < list.length; k++) {
    spans[2 * k] = list[k]!.fullSpan.start - base;
    spans[2 * k + 1] = list[k]!.fullSpan.end - base;
  }
  return spans;
}

/**
 * The instructions that set the shell of the RUNs below them, as written, in order: SHELL, and a RUN
 * that links /bin/sh to bash (shellRelink.ts). When an edit leaves this the same, every instruction
 * it left whole has the same shell as before (what sets it above is the same, or has the same text).
 */
export function shellKey(a: Analysis, stage: Stage): string {
  let key = '';
  for (const i of stage.instructions) if (i.upper === 'SHELL' || relinksShToBash(i)) key += `${a.text.slice(i.fullSpan.start, i.fullSpan.end)}\u0001`;
  return key;
}

/** What an edit inside a stage left of it, per instruction. */
export interface InstructionMatch {
  /** The new instructions the edit touched or made, in order (those the instruction rules run on). */
  edited: Instruction[];
  /** Per old instruction (by position in the stage): how far it moved (0 or the edit's delta), or undefined when it is gone. */
  moves: (number | undefined)[];
}

/**
 * Matches a stage's new instructions with the old ones (`spans`, relative to the same unit start,
 * which the edit did not move): a walk over both lists, which are in document order.
 */
export function matchInstructions(stage: Stage, unitStart: number, spans: Int32Array, change: TextChange): InstructionMatch {
  const edited: Instruction[] = [];
  const moves: (number | undefined)[] = new Array<number | undefined>(spans.length / 2).fill(undefined);
  let j = 0;
  for (const i of stage.instructions) {
    const { start, end } = i.fullSpan;
    // Before the edit: where it was. After it: moved by delta. Touching it: edited.
    const by = end < change.start ? 0 : start > change.newEnd ? change.delta : undefined;
    if (by === undefined) {
      edited.push(i);
      continue;
    }
    const oldStart = start - by - unitStart;
    while (2 * j < spans.length && spans[2 * j]! < oldStart) j++;
    if (2 * j < spans.length && spans[2 * j] === oldStart && spans[2 * j + 1] === end - by - unitStart) moves[j] = by;
    else edited.push(i);
  }
  return { edited, moves };
}

/** A kept report and the start of the instruction it lies in (relative to the unit start, new version). */
export interface OwnedReport {
  report: KeptReport;
  owner: number;
}

/**
 * The old reports of instruction rules that lie in an instruction the edit left whole, moved with
 * it (relative to the unit start, as kept). `isInstructionRule` tells by a report's rule index.
 */
export function keptInstructionReports(reports: readonly KeptReport[], spans: Int32Array, moves: readonly (number | undefined)[], isInstructionRule: (rule: number) => boolean, move: (r: KeptReport, by: number) => KeptReport): OwnedReport[] {
  const kept: OwnedReport[] = [];
  const count = spans.length / 2;
  for (const r of reports) {
    if (!isInstructionRule(r.rule)) continue;
    // The instruction it lies in: the last one starting at or before it.
    const k = countLeading(count, (m) => spans[2 * m]! <= r.start) - 1;
    const by = k >= 0 && r.end <= spans[2 * k + 1]! ? moves[k] : undefined;
    if (by === undefined) continue;
    kept.push({ report: by === 0 ? r : move(r, by), owner: spans[2 * k]! + by });
  }
  return kept;
}

/** Reports of the instruction rules just made, with the start of the instruction each lies in (relative to the unit start). */
export function ownedReports(stage: Stage, unitStart: number, reports: readonly KeptReport[]): OwnedReport[] {
  const list = stage.instructions;
  return reports.map((report) => {
    const k = Math.max(0, countLeading(list.length, (m) => list[m]!.fullSpan.start - unitStart <= report.start) - 1);
    return { report, owner: list[k]!.fullSpan.start - unitStart };
  });
}

/**
 * A stage's reports in the order a check from scratch gives them: by rule, and an instruction
 * rule's instruction by instruction (each instruction's reports in the order they were made).
 * `owned` are instruction rules' reports with their instruction; `others` are in rule order.
 */
export function inRuleOrder(others: readonly KeptReport[], owned: readonly OwnedReport[]): KeptReport[] {
  const all: OwnedReport[] = others.map((report) => ({ report, owner: -1 }));
  for (const o of owned) all.push(o);
  // Stable: reports of one rule and one instruction keep their order.
  all.sort((x, y) => x.report.rule - y.report.rule || x.owner - y.owner);
  return all.map((o) => o.report);
}

/**
 * The scope of the edited instructions of one stage, for the instruction rules. It lists no stage
 * and no unit: an instruction rule reads the instructions only, and one that looked further would
 * find nothing here (the incremental fuzzer compares with a check from scratch).
 */
export function editedScope(edited: readonly Instruction[]): RuleScope {
  const set = new Set(edited);
  return { instructions: edited, stages: [], units: [], covers: (i) => set.has(i) };
}
