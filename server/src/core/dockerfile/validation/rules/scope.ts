// Scopes for stage rules, and the scoped views they read: the variable uses and definitions and
// the stage references inside the checked units. Views are memoised per scope, and a scope
// lives for one validation run.
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
export const refsIn = memo((ctx): StageRef[] => ctx.a.stageRefs.filter((r) => ctx.scope.covers(r.instruction)));
