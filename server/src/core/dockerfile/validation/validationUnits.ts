// The units of incremental validation and what decides whether a unit's reports can be kept: a
// unit is the part before the first FROM (-1) or one stage; its region is the text its reports
// depend on; its dependency key says whether other stages use it, whether it ends up in an image,
// and how big the stages it copies from are (and whether they start from scratch); the global key gathers what every stage rule may read; the suppression key, which
// inline ignore comments sit on its instructions.
import type { ServiceContext } from '../../languageService';
import type { Analysis, StageRef } from '../analysis/analysis';
import type { Stage } from '../syntax/ast';
import { rootImageRef, stageUse } from '../analysis/stageUse';
import type { Suppressions } from './suppressions';
import type { ActiveRule } from './validate';

export interface Unit {
  unit: number;
  /** The region whose text the unit's reports depend on (end inclusive). */
  start: number;
  end: number;
  deps: string;
}

const objectIds = new WeakMap<object, number>();
let nextId = 1;
function idOf(o: object | undefined): number {
  if (!o) return 0;
  let id = objectIds.get(o);
  if (!id) objectIds.set(o, (id = nextId++));
  return id;
}

/** What every stage rule may read besides its units: a change here re-checks the whole file. */
export function globalKey(a: Analysis, context: ServiceContext, active: readonly ActiveRule[]): string {
  const doc = a.doc;
  const preamble: string[] = [];
  for (const i of doc.instructions) {
    if (i.stage >= 0) break;
    preamble.push(a.text.slice(i.fullSpan.start, i.fullSpan.end));
  }
  const stages = doc.stages.map((s) => `${s.name?.value ?? ''}\u0001${a.parentOf(s.index)}`);
  // `# hadolint shell=...` comments set the shell (and family) of every stage after them.
  const pragmas = doc.comments.filter((c) => /^hadolint\s+shell=/i.test(c.text)).map((c) => `${a.stageAt(c.span.start)?.index ?? -1}:${c.text}`);
  const rules = active.map((r) => `${r.rule.meta.id}:${r.severity}`);
  // Where the shell budget ends decides what every stage past it may read.
  return [doc.escape, rules.join(','), idOf(context.facts?.images), preamble.join('\u0002'), stages.join('\u0002'), pragmas.join('\u0002'), String(a.shellCut())].join('\u0003');
}

/**
 * What a stage's dependency key was made of, kept with the stage (an edit keeps the stage objects it
 * leaves whole): when the parts are the same, the key is the same string, not a new one per edit.
 */
interface DepsMemo {
  used: boolean;
  final: boolean;
  family: string;
  /** Per stage reference with a target: its index, its number of instructions, scratch (1/0), its root image. */
  refs: (number | string)[];
  deps: string;
}
const depsMemo = new WeakMap<Stage, DepsMemo>();
/** How many dependency keys were made rather than kept (for tests and benchmarks). */
export const unitKeyStats = { made: 0 };

/** Whether refs [from, to) with a target are, in order, the ones `parts` was made of. */
function sameRefs(a: Analysis, parts: readonly (number | string)[], refs: readonly StageRef[], from: number, to: number): boolean {
  let p = 0;
  for (let r = from; r < to; r++) {
    const target = refs[r]!.target;
    if (!target) continue;
    if (p + 4 > parts.length || parts[p] !== target.index || parts[p + 1] !== target.instructions.length) return false;
    if (parts[p + 2] !== (a.family(target) === 'scratch' ? 1 : 0) || parts[p + 3] !== rootImageRef(a, target)) return false;
    p += 4;
  }
  return p === parts.length;
}

/** The dependency key of stage `s`, whose references are refs [from, to). */
function depsOf(a: Analysis, s: Stage, used: boolean, final: boolean, refs: readonly StageRef[], from: number, to: number): string {
  const family = a.family(s);
  const memo = depsMemo.get(s);
  if (memo && memo.used === used && memo.final === final && memo.family === family && sameRefs(a, memo.refs, refs, from, to)) return memo.deps;
  const parts: (number | string)[] = [];
  let targets = '';
  for (let r = from; r < to; r++) {
    const target = refs[r]!.target;
    if (!target) continue;
    const scratch = a.family(target) === 'scratch';
    const root = rootImageRef(a, target);
    parts.push(target.index, target.instructions.length, scratch ? 1 : 0, root);
    targets += `${target.index}:${target.instructions.length}${scratch ? 's' : ''}@${root},`;
  }
  // The family may come from stages its FROM pattern stands for, which are no FROM parents.
  const deps = `${used ? 1 : 0}${final ? 1 : 0}${family}|${targets}`;
  depsMemo.set(s, { used, final, family, refs: parts, deps });
  unitKeyStats.made++;
  return deps;
}

/** The units of a document, in order. */
export function unitsOf(a: Analysis): Unit[] {
  const stages = a.doc.stages;
  const { used, finalImage } = stageUse(a);
  // The references are in document order, so stage by stage.
  const refs = a.stageRefs;
  let r = 0;
  const units: Unit[] = new Array<Unit>(stages.length + 1);
  units[0] = { unit: -1, start: 0, end: stages.length > 0 ? stages[0]!.span.start - 1 : a.text.length, deps: '' };
  for (let k = 0; k < stages.length; k++) {
    const s = stages[k]!;
    while (r < refs.length && refs[r]!.instruction.stage < k) r++;
    const from = r;
    while (r < refs.length && refs[r]!.instruction.stage === k) r++;
    units[k + 1] = { unit: s.index, start: s.span.start, end: s.span.end, deps: depsOf(a, s, used.has(s.index), finalImage.has(s.index), refs, from, r) };
  }
  return units;
}

/** Per unit, what the inline suppressions on its instructions are (by position in the unit). */
export function suppressionKeys(a: Analysis, suppressions: Suppressions): Map<number, string> {
  const keys = new Map<number, string>();
  for (const [index, ids] of suppressions.byInstruction) {
    const unit = a.doc.instructions[index]?.stage ?? -1;
    const first = unit >= 0 ? a.doc.stages[unit]!.from.index : 0;
    keys.set(unit, `${keys.get(unit) ?? ''}${index - first}:${[...ids].sort().join(',')};`);
  }
  return keys;
}

