// Scopes for stage rules, and the scoped views they read: the variable uses and definitions and
// the stage references inside the checked units. Views are memoised per scope, and a scope
// lives for one validation run.
import { countLeading } from '../../../sortedSearch';
import type { Analysis, StageRef } from '../../analysis/analysis';
import type { Instruction, Stage } from '../../syntax/ast';
import type { VariableDef, VariableUse } from '../../analysis/variableScope';
import type { RuleContext, RuleScope } from './rule';

export function wholeFileScope(a: Analysis): RuleScope {
  return { instructions: a.doc.instructions, stages: a.doc.stages, units: [-1, ...a.doc.stages.map((s) => s.index)], covers: () => true };
}

/** The listed units: stage indexes, and -1 for the instructions before the first FROM. */
export function unitsScope(a: Analysis, units: ReadonlySet<number>): RuleScope {
  const instructions: Instruction[] = [];
  const stages: Stage[] = [];
  if (units.has(-1)) {
    for (const i of a.doc.instructions) {
      if (i.stage >= 0) break;
      instructions.push(i);
    }
  }
  for (const stage of a.doc.stages) {
    if (!units.has(stage.index)) continue;
    stages.push(stage);
    for (const i of stage.instructions) instructions.push(i);
  }
  return { instructions, stages, units: [...(units.has(-1) ? [-1] : []), ...stages.map((s) => s.index)], covers: (i) => units.has(i.stage) };
}

function memo<T>(fn: (ctx: RuleContext) => T): (ctx: RuleContext) => T {
  const cache = new WeakMap<RuleScope, T>();
  return (ctx) => {
    let value = cache.get(ctx.scope);
    if (value === undefined) {
      value = fn(ctx);
      cache.set(ctx.scope, value);
    }
    return value;
  };
}

export const usesIn = memo((ctx): VariableUse[] => ctx.scope.units.flatMap((u) => ctx.a.variables.unit(u).uses));
export const defsIn = memo((ctx): VariableDef[] => ctx.scope.units.flatMap((u) => ctx.a.variables.unit(u).defs));
/**
 * The stage references inside the checked units. Analysis lists them stage by stage (by the stage
 * of their instruction, in order), so each unit's are one run, found by a binary search: a
 * one-stage scope does not read the references of every stage.
 */
export const refsIn = memo((ctx): StageRef[] => {
  const refs = ctx.a.stageRefs;
  const out: StageRef[] = [];
  for (const unit of ctx.scope.units) {
    for (let k = countLeading(refs.length, (m) => refs[m]!.instruction.stage < unit); k < refs.length && refs[k]!.instruction.stage === unit; k++) out.push(refs[k]!);
  }
  return out;
});
