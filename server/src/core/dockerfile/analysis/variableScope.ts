// Where each ARG/ENV variable is defined and used, following BuildKit's scoping: global ARGs
// (before the first FROM) are seen by FROM lines and by stages that re-declare them with `ARG
// NAME`; ARG and ENV inside a stage are seen by later instructions of that stage; ENV is inherited
// by stages built FROM another stage. Every definition and use gets a symbol key, so rename and
// references treat a variable and its re-declarations as one symbol.
import type { Dockerfile, Instruction, Span, VariableRef } from '../syntax/ast';
import { expandText, MAX_EXPANDED_LENGTH } from './expand';
import { keyValuesOf } from '../syntax/words';
import { scanVariables } from './variables';

export interface VariableDef {
  name: string;
  kind: 'ARG' | 'ENV';
  nameSpan: Span;
  instruction: Instruction;
  /** Value as written (ARG without default: undefined). */
  raw: string | undefined;
  valueSpan: Span | undefined;
  /** Value after expanding what the Dockerfile defines; undefined when it depends on a build arg. */
  value: string | undefined;
  /** -1 for global ARGs, else the stage index. */
  scope: number;
  /** Its value expanded past MAX_EXPANDED_LENGTH (or the file's total), so `value` is left unknown. */
  tooLarge?: true;
  key: string;
  /** For a stage `ARG NAME` that imports a global ARG. */
  imports: VariableDef | undefined;
}

export interface VariableUse {
  ref: VariableRef;
  instruction: Instruction;
  scope: number;
  def: VariableDef | undefined;
  /** Inside RUN/CMD/ENTRYPOINT shell text (the shell expands it, not BuildKit). */
  inShell: boolean;
  key: string;
}

/**
 * Characters of expanded values a file may hold in all: each value is bounded by
 * MAX_EXPANDED_LENGTH, but thousands of them could still fill the memory.
 */
export const MAX_TOTAL_EXPANDED = 16 * 1024 * 1024;

/**
 * Variable uses recorded per stage (and for the global ARGs) at most; later ones in the stage are
 * not looked at. A heredoc of 200,000 lines held 87,000 uses, 44 MB in the request worker; real
 * stages hold tens. Per stage, so what is recorded does not depend on which stage is asked first.
 */
export const MAX_USES_PER_STAGE = 10_000;

export { PREDEFINED_ARGS } from '../syntax/predefinedArgs';

/** Instructions whose arguments BuildKit expands itself. */
export const EXPANDED = new Set(['ADD', 'COPY', 'ENV', 'EXPOSE', 'FROM', 'LABEL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR', 'ARG']);
const SHELL_TEXT = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK']);
const EXPANDED_FLAGS = new Set(['platform', 'chown', 'chmod', 'from', 'mount', 'checksum']);

export interface VariableScope {
  /** Every definition and use, in document order. */
  readonly defs: VariableDef[];
  readonly uses: VariableUse[];
  /** What is visible just before each instruction of a stage, by instruction index. */
  visibleAt(instruction: Instruction): Map<string, VariableDef>;
  /** Uses inside one instruction. */
  usesIn(instruction: Instruction): VariableUse[];
  /** The definitions and uses of one unit: a stage (with its FROM), or -1 for the global ARGs. */
  unit(stage: number): ScopePart;
}

export interface ScopePart {
  readonly defs: VariableDef[];
  readonly uses: VariableUse[];
}

interface Part extends ScopePart {
  defs: VariableDef[];
  uses: VariableUse[];
  /** The environment at the end of the unit, and at its start (before its first ARG or ENV). */
  env: Map<string, VariableDef>;
  start: Map<string, VariableDef>;
  byInstruction?: Map<Instruction, VariableUse[]>;
}

/**
 * Stages are worked out on first use (a stage needs only the global ARGs and the stages it is
 * built FROM), so rules that look at a few stages do not pay for the whole file.
 */
export function buildVariableScope(doc: Dockerfile, parentOf: (stage: number) => number): VariableScope {
  // What each instruction sees is rebuilt on demand from its unit's starting environment and the
  // definitions above it: copying the environment for every instruction would cost
  // O(instructions × variables), and even a note per instruction was 10,000 allocations per edit
  // of a 10,000-line stage.
  const global = new Map<string, VariableDef>();
  /** Characters of expanded values so far (see MAX_TOTAL_EXPANDED). */
  let expanded = 0;
  const lookupIn = (env: Map<string, VariableDef>) => (name: string) => env.get(name)?.value;

  const useRefs = (part: Part, instruction: Instruction, refs: VariableRef[], env: Map<string, VariableDef>, scope: number, inShell: boolean) => {
    for (const ref of refs) {
      if (part.uses.length >= MAX_USES_PER_STAGE) return;
      const def = env.get(ref.name);
      part.uses.push({ ref, instruction, scope, def, inShell, key: def?.key ?? `${scope}:${ref.name}` });
    }
  };
  /** At most the uses the part still has room for. */
  const room = (part: Part) => Math.max(0, MAX_USES_PER_STAGE - part.uses.length);
  const refsOf = (part: Part, instruction: Instruction, from: number, to: number) =>
    scanVariables(instruction.logical.slice(from, to), from, instruction.map, doc.escape, room(part));

  const define = (part: Part, instruction: Instruction, env: Map<string, VariableDef>, scope: number, kind: 'ARG' | 'ENV') => {
    const pending: VariableDef[] = [];
    for (const pair of keyValuesOf(instruction, doc.escape)) {
      const name = pair.key.value;
      if (!name) continue;
      // ENV values on one line all see the environment from before the line; ARGs go one by one.
      if (pair.value) {
        const from = offsetIn(instruction, pair.value.span.start);
        useRefs(part, instruction, scanVariables(pair.value.raw, from, instruction.map, doc.escape, room(part)), env, scope, false);
      }
      const imported = kind === 'ARG' && scope >= 0 && !pair.hasEquals ? global.get(name) : undefined;
      const previous = env.get(name) ?? pending.find((d) => d.name === name);
      let value = pair.value ? expandText(pair.value.raw, lookupIn(env), doc.escape) : undefined;
      let tooLarge = value?.tooLarge;
      if (value && !tooLarge) {
        expanded += value.value.length;
        if (expanded > MAX_TOTAL_EXPANDED) tooLarge = true;
      }
      if (tooLarge) value = { value: '', unknown: [name] };
      const def: VariableDef = {
        name,
        kind,
        nameSpan: pair.key.span,
        instruction,
        raw: pair.value?.raw,
        valueSpan: pair.value?.span,
        value: value && value.unknown.length === 0 ? value.value : imported?.value,
        scope,
        key: previous?.key ?? imported?.key ?? `${scope}:${name}`,
        imports: imported,
      };
      if (tooLarge) def.tooLarge = true;
      part.defs.push(def);
      if (kind === 'ENV') pending.push(def);
      else env.set(name, def);
    }
    for (const def of pending) env.set(def.name, def);
  };

  const globalPart: Part = { defs: [], uses: [], env: global, start: new Map() };
  for (const instruction of doc.globalArgs) define(globalPart, instruction, global, -1, 'ARG');
  const globalArgs = new Set(doc.globalArgs);

  const parts: (Part | undefined)[] = [];
  const partOf = (k: number): Part => {
    if (k < 0 || k >= doc.stages.length) return globalPart;
    parts[k] ??= stagePart(k);
    return parts[k];
  };

  const stagePart = (k: number): Part => {
    const stage = doc.stages[k]!;
    const from = stage.from;
    const env = new Map<string, VariableDef>();
    const part: Part = { defs: [], uses: [], env, start: env };
    useRefs(part, from, refsOf(part, from, 0, from.logical.length), global, -1, false);
    // Parents come before their children, so this recursion ends.
    const parent = parentOf(stage.index);
    // ENVs are the parent image's; BuildKit also passes on the ARGs the parent stage declared
    // (moby/buildkit#5381's documentation fix; round 21: ARG PROJECT_PATH in the base stage, used
    // in a stage FROM base).
    if (parent >= 0 && parent < k) {
      for (const [name, def] of partOf(parent).env) env.set(name, def);
    }
    part.start = new Map(env);
    for (const instruction of stage.instructions) {
      if (instruction === from) continue;
      const upper = instruction.upper;
      if (upper === 'ARG' || upper === 'ENV') {
        define(part, instruction, env, stage.index, upper);
        continue;
      }
      if (upper === 'ONBUILD') continue; // expands in the image built from this one
      const inShell = SHELL_TEXT.has(upper);
      if (EXPANDED.has(upper) || inShell) {
        useRefs(part, instruction, refsOf(part, instruction, instruction.argStart, instruction.logical.length), env, stage.index, inShell);
      }
      for (const flag of instruction.flags) {
        if (!EXPANDED_FLAGS.has(flag.name) || !flag.valueSpan) continue;
        const start = offsetIn(instruction, flag.valueSpan.start);
        const text = instruction.logical.slice(start, start + (flag.valueSpan.end - flag.valueSpan.start));
        useRefs(part, instruction, scanVariables(text, start, instruction.map, doc.escape, room(part)), env, stage.index, false);
      }
      for (const heredoc of instruction.heredocs) {
        if (heredoc.quoted) continue;
        const map = { logical: [0], doc: [heredoc.body.start] };
        const body = doc.text.slice(heredoc.body.start, heredoc.body.end);
        useRefs(part, instruction, scanVariables(body, 0, map, upper === 'RUN' ? '\\' : doc.escape, room(part)), env, stage.index, true);
      }
    }
    return part;
  };

  let all: { defs: VariableDef[]; uses: VariableUse[] } | undefined;
  const everything = () => {
    if (!all) {
      const list = [globalPart, ...doc.stages.map((s) => partOf(s.index))];
      all = { defs: list.flatMap((p) => p.defs), uses: list.flatMap((p) => p.uses) };
    }
    return all;
  };
  return {
    get defs() {
      return everything().defs;
    },
    get uses() {
      return everything().uses;
    },
    unit: partOf,
    usesIn: (instruction) => {
      const part = partOf(instruction.stage);
      if (!part.byInstruction) {
        part.byInstruction = new Map();
        for (const use of part.uses) {
          const list = part.byInstruction.get(use.instruction);
          if (list) list.push(use);
          else part.byInstruction.set(use.instruction, [use]);
        }
      }
      return part.byInstruction.get(instruction) ?? [];
    },
    visibleAt: (instruction) => {
      const part = partOf(instruction.stage);
      const stage = doc.stages[instruction.stage];
      // A FROM sees the global ARGs; an instruction before the first FROM that is no ARG, nothing.
      if (stage && instruction === stage.from) return new Map(global);
      if (!stage && !globalArgs.has(instruction)) return new Map();
      // The unit's definitions are in document order: those of the instructions above this one.
      const env = new Map(part.start);
      for (const def of part.defs) {
        if (def.instruction.index >= instruction.index) break;
        env.set(def.name, def);
      }
      return env;
    },
  };
}

/** Logical offset of a document offset inside an instruction (document offsets on one line). */
function offsetIn(instruction: Instruction, docOffset: number): number {
  const { logical, doc } = instruction.map;
  for (let i = logical.length - 1; i >= 0; i--) {
    if (doc[i]! <= docOffset) return logical[i]! + (docOffset - doc[i]!);
  }
  return 0;
}

/**
 * False when no ARG or ENV value of the file can expand past MAX_EXPANDED_LENGTH or fill
 * MAX_TOTAL_EXPANDED (no definition is `tooLarge`), from the raw values alone, without working out
 * the scopes: an expansion puts at most one earlier definition's value (or a word of its own raw
 * text) in place of each `$`, so a value is at most its raw length plus its `$` count times the
 * longest value defined before it (parent stages and global ARGs come first in the file). Lets the
 * limit notes skip building every stage's scope on every edit.
 */
export function mayExpandTooLarge(doc: Dockerfile): boolean {
  let longest = 0;
  let total = 0;
  for (const instruction of doc.instructions) {
    if (instruction.upper !== 'ARG' && instruction.upper !== 'ENV') continue;
    const values = rawValueSizes(instruction, doc.escape);
    for (let k = 0; k < values.length; k += 2) {
      const bound = values[k]! + values[k + 1]! * longest;
      if (bound > MAX_EXPANDED_LENGTH) return true;
      total += bound;
      if (total > MAX_TOTAL_EXPANDED) return true;
      longest = Math.max(longest, bound);
    }
  }
  return false;
}

/**
 * Per instruction node (the next version's parse reuses the nodes an edit did not touch, with
 * their text): the length and the number of `$` of each value it defines, in pairs.
 */
const valueSizes = new WeakMap<Instruction, { escape: string; sizes: number[] }>();

function rawValueSizes(instruction: Instruction, escape: string): number[] {
  const hit = valueSizes.get(instruction);
  if (hit && hit.escape === escape) return hit.sizes;
  const sizes: number[] = [];
  for (const pair of keyValuesOf(instruction, escape)) {
    const raw = pair.value?.raw;
    if (raw === undefined) continue; // `ARG NAME`: at most an earlier value
    let dollars = 0;
    for (let i = raw.indexOf('$'); i >= 0; i = raw.indexOf('$', i + 1)) dollars++;
    sizes.push(raw.length, dollars);
  }
  valueSizes.set(instruction, { escape, sizes });
  return sizes;
}
