// The units of incremental validation and what decides whether a unit's reports can be kept: a
// unit is the part before the first FROM (-1) or one stage; its region is the text its reports
// depend on; its dependency key says whether other stages use it, whether it ends up in an image,
// and how big the stages it copies from are (and whether they start from scratch); the global key gathers what every stage rule may read; the suppression key, which
// inline ignore comments sit on its instructions.
import type { ServiceContext } from '../../languageService';
import type { Analysis } from '../analysis/analysis';
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

/** The units of a document, in order. */
export function unitsOf(a: Analysis): Unit[] {
  const stages = a.doc.stages;
  const { used, finalImage } = stageUse(a);
  // By stage index (an array, not a map: this runs on every edit, over every stage).
  const targets: string[] = new Array<string>(stages.length).fill('');
  for (const ref of a.stageRefs) {
    const at = ref.instruction.stage;
    if (!ref.target || at < 0 || at >= stages.length) continue;
    const scratch = a.family(ref.target) === 'scratch' ? 's' : '';
    targets[at] += `${ref.target.index}:${ref.target.instructions.length}${scratch}@${rootImageRef(a, ref.target)},`;
  }
  const units: Unit[] = new Array<Unit>(stages.length + 1);
  units[0] = { unit: -1, start: 0, end: stages.length > 0 ? stages[0]!.span.start - 1 : a.text.length, deps: '' };
  for (let k = 0; k < stages.length; k++) {
    const s = stages[k]!;
    // The family may come from stages its FROM pattern stands for, which are no FROM parents.
    units[k + 1] = { unit: s.index, start: s.span.start, end: s.span.end, deps: `${used.has(s.index) ? 1 : 0}${finalImage.has(s.index) ? 1 : 0}${a.family(s)}|${targets[k]}` };
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

