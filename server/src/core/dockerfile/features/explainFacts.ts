// What "Explain this Dockerfile" reads off the Analysis: stage labels and bases, the stages the
// final one needs, the build arguments an instruction uses, the shell and the CMD/ENTRYPOINT in
// effect (up the FROM chain with Analysis.chainOf), and the small Markdown helpers the texts share.
import type { Analysis, StageRef } from '../analysis/analysis';
import type { Instruction, Stage } from '../syntax/ast';
import type { BaseKind } from './explain';

export const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;
export const list = (items: string[]) => items.map(code).join(', ');

// ── stages ──────────────────────────────────────────────────────────────────────────────────

export function stageLabel(stage: Stage): string {
  return stage.name?.value ?? String(stage.index);
}

export function lineOf(a: Analysis, i: Instruction): number {
  return a.lines.positionAt(i.span.start).line + 1;
}

export function baseOf(a: Analysis, stage: Stage): { kind: BaseKind; name: string } {
  const parent = a.parentOf(stage.index);
  if (parent >= 0) return { kind: 'stage', name: stageLabel(a.doc.stages[parent]!) };
  const raw = stage.image?.raw ?? '';
  const image = a.imageOf(stage);
  if (image === undefined) return { kind: raw ? 'buildArg' : 'image', name: raw };
  if (image === 'scratch') return { kind: 'scratch', name: 'scratch' };
  return { kind: 'image', name: raw.includes('$') ? image : stage.image!.value };
}

export function rootImageOf(a: Analysis, stage: Stage): string | undefined {
  const base = baseOf(a, a.rootOf(stage));
  return base.kind === 'buildArg' ? undefined : base.name;
}

/** Stages a stage builds on (FROM) or copies from (COPY --from, RUN --mount from=). */
export function dependenciesOf(a: Analysis, stage: Stage): Set<number> {
  const found = new Set<number>();
  const parent = a.parentOf(stage.index);
  if (parent >= 0) found.add(parent);
  for (const ref of copiedFrom(a).get(stage.index) ?? []) if (ref.target && ref.target !== stage) found.add(ref.target.index);
  return found;
}

/** The COPY --from and RUN --mount from= references of each stage, in order (one pass over Analysis.stageRefs). */
const copiedMemo = new WeakMap<Analysis, Map<number, StageRef[]>>();

function copiedFrom(a: Analysis): Map<number, StageRef[]> {
  let byStage = copiedMemo.get(a);
  if (!byStage) {
    byStage = new Map();
    for (const ref of a.stageRefs) {
      if (ref.kind === 'from') continue;
      const list = byStage.get(ref.instruction.stage);
      if (list) list.push(ref);
      else byStage.set(ref.instruction.stage, [ref]);
    }
    copiedMemo.set(a, byStage);
  }
  return byStage;
}

export function neededStages(a: Analysis, final: Stage): Set<number> {
  const needed = new Set<number>([final.index]);
  const queue = [final.index];
  while (queue.length) {
    for (const dep of dependenciesOf(a, a.doc.stages[queue.pop()!]!)) {
      if (!needed.has(dep)) {
        needed.add(dep);
        queue.push(dep);
      }
    }
  }
  return needed;
}

// ── variables, shells, mounts ───────────────────────────────────────────────────────────────

const ARG_REF = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))/g;

export function argRefs(raw: string): string[] {
  const names = new Set<string>();
  for (const m of raw.matchAll(ARG_REF)) names.add(m[1] ?? m[2]!);
  return [...names];
}

/** Build arguments (ARG, not ENV) this instruction's text refers to. */
export function buildArgsUsedIn(a: Analysis, i: Instruction): string[] {
  const names = new Set<string>();
  for (const use of a.variables.usesIn(i)) if (use.def?.kind === 'ARG') names.add(use.ref.name);
  return [...names];
}

/** Build arguments declared in the stage before this instruction (RUN sees them all). */
export function argsInScope(a: Analysis, i: Instruction): string[] {
  return [...a.variables.visibleAt(i).values()].filter((d) => d.kind === 'ARG' && d.scope >= 0).map((d) => d.name);
}

export function definedNames(a: Analysis, i: Instruction): string[] {
  const defs = a.variables.defs.filter((d) => d.instruction === i).map((d) => d.name);
  if (defs.length) return defs;
  // LABEL is not a variable: read its keys from the words.
  const words = i.words.map((w) => w.value);
  const pairs = words.filter((w) => w.includes('='));
  return pairs.length ? pairs.map((w) => w.slice(0, w.indexOf('='))) : words.slice(0, 1);
}

/** The shell used by a shell-form instruction: the last SHELL before it in its stage or the stages it builds on. */
export function shellOf(a: Analysis, i: Instruction): string[] {
  const s = a.doc.stages[i.stage];
  const own = s?.instructions.filter((x) => x.upper === 'SHELL' && x.index < i.index && x.exec).at(-1);
  const shell = own?.exec ? own.exec.items.map((w) => w.value) : s && inheritedShell(a, s);
  return shell ?? (s && a.isWindows(s) ? ['cmd', '/S', '/C'] : ['/bin/sh', '-c']);
}

/** Per stage, the exec-form SHELL in effect after its last instruction (null: none). */
const endShellMemo = new WeakMap<Analysis, Map<number, string[] | null>>();

/** The SHELL the stages a stage is built FROM leave in effect; each stage is worked out once, top down. */
function inheritedShell(a: Analysis, stage: Stage): string[] | undefined {
  let memo = endShellMemo.get(a);
  if (!memo) endShellMemo.set(a, (memo = new Map()));
  const todo: Stage[] = [];
  for (const s of a.chainOf(stage)) {
    if (s !== stage && memo.has(s.index)) break;
    if (s !== stage) todo.push(s);
  }
  for (const s of todo.reverse()) {
    const last = s.instructions.filter((x) => x.upper === 'SHELL' && x.exec).at(-1);
    const parent = a.parentOf(s.index);
    memo.set(s.index, last?.exec ? last.exec.items.map((w) => w.value) : parent >= 0 ? memo.get(parent) ?? null : null);
  }
  const parent = a.parentOf(stage.index);
  return parent >= 0 ? memo.get(parent) ?? undefined : undefined;
}

export function mountsOf(i: Instruction): Array<Record<string, string | undefined>> {
  return i.flags.filter((f) => f.name === 'mount' && f.value).map((f) => {
    const fields: Record<string, string | undefined> = {};
    for (const part of f.value!.split(',')) {
      const eq = part.indexOf('=');
      if (eq < 0) fields[part.trim()] = 'true';
      else fields[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
    }
    return fields;
  });
}

export function entrypointInEffect(a: Analysis, stage: Stage): boolean {
  return Boolean(commandInEffect(a, stage, 'ENTRYPOINT'));
}

/** The last CMD or ENTRYPOINT of a stage, else of the stages it builds on (ENTRYPOINT resets an inherited CMD). */
export function commandInEffect(a: Analysis, stage: Stage, keyword: 'CMD' | 'ENTRYPOINT'): { instruction: Instruction; stage: Stage } | undefined {
  for (const current of a.chainOf(stage)) {
    const own = current.instructions.filter((x) => x.upper === keyword);
    const last = own[own.length - 1];
    if (last) return { instruction: last, stage: current };
    if (keyword === 'CMD' && current.instructions.some((x) => x.upper === 'ENTRYPOINT')) return undefined;
  }
  return undefined;
}
