// One analysed Dockerfile: the parse plus what features and rules ask about it (stages by name,
// stage references, variable scopes, the shell of each RUN). Built once per document version;
// the expensive parts (shell parsing) are computed on first use.
import type { Dockerfile, Flag, Instruction, Span, Stage } from '../syntax/ast';
import { LineIndex } from '../../text';
import type { Range } from '../../types';
import { parseDockerfile } from '../syntax/parser';
import { buildVariableScope, mayExpandTooLarge, MAX_TOTAL_EXPANDED, type VariableScope } from './variableScope';
import { expandText } from './expand';
import { keyValuesOf } from '../syntax/words';
import { parseShell, type ShellSummary } from '../syntax/shell/parseShell';
import { heredocShebangShell, heredocShell, shellKindOf, shellSource, toDocSpan, type ShellKind, type ShellSource } from '../syntax/shell/shellSource';
import { familyFromInstructions, familyOfImage, type ImageFamily } from './imageFamily';
import { stagesFromPattern, type StageUse } from './stageUse';
import { chainRoots, fromChain } from './fromChain';
import { INSTRUCTIONS } from '../syntax/instructions';
import type { EditFootprint } from './editFootprint';

export interface StageRef {
  name: string;
  span: Span;
  instruction: Instruction;
  kind: 'from' | 'copy' | 'mount';
  target: Stage | undefined;
}

export interface ShellInfo {
  kind: ShellKind;
  source: ShellSource;
  summary: ShellSummary;
  span(start: number, end: number): Span;
}

/**
 * `from=` inside a --mount value, relative to the value, per flag: flags an edit did not touch are
 * reused by the next version's parse (moved, with the same text), so this is read once per flag.
 */
const mountFrom = new WeakMap<Flag, { name: string; offset: number } | null>();

const SHELL_FORM = ['RUN', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK'];

/**
 * Per instruction node, its script as the last analysis worked it out and where the node started
 * then. The next version's parse reuses the nodes an edit did not touch (moved by the edit's
 * delta): their script is the same, and only its document offsets move. Rebuilding the source
 * of every RUN was most of the shells' cost on each edit of a long stage.
 */
const lastShells = new WeakMap<Instruction, { kind: ShellKind; escape: string; at: number; info: ShellInfo | null }>();

/** A script's info with its document offsets moved by `delta`. */
function movedShell(info: ShellInfo | null, delta: number): ShellInfo | null {
  if (!info || delta === 0) return info;
  const source: ShellSource = { text: info.source.text, map: { logical: info.source.map.logical, doc: info.source.map.doc.map((d) => d + delta) } };
  return { ...info, source, span: (s, e) => toDocSpan(source, s, e) };
}

/**
 * Characters of shell scripts parsed per file. The shell parser reads a few megabytes a second;
 * real Dockerfiles hold tens of kilobytes of scripts.
 */
export const MAX_SHELL_TOTAL = 64 * 1024;

/** Instructions changed by an edit at most for which whole-file results are carried over (see carried). */
const MAX_CARRIED_FOOTPRINT = 256;

/** Counts of how the keywords of known instructions are written (instruction-casing). */
export interface KeywordCasing {
  upper: number;
  lower: number;
  known: number;
  /** ONBUILD instructions with a trigger. */
  triggers: number;
}

const KNOWN_KEYWORDS = new Set<string>(INSTRUCTIONS);

function countCasing(casing: KeywordCasing, i: Instruction, by: number): void {
  if (!KNOWN_KEYWORDS.has(i.upper)) return;
  casing.known += by;
  if (i.trigger) casing.triggers += by;
  if (i.keyword === i.upper) casing.upper += by;
  else if (i.keyword === i.keyword.toLowerCase()) casing.lower += by;
}

/** A shell-form script counted by the shell budget (see shellCut). */
function countsForShellBudget(instruction: Instruction): boolean {
  const target = instruction.trigger ?? instruction;
  return SHELL_FORM.includes(target.upper) && !target.exec;
}

function scriptLength(instruction: Instruction): number {
  let length = (instruction.trigger ?? instruction).argText.length;
  for (const heredoc of instruction.heredocs) length += heredoc.content.length;
  return length;
}

/**
 * Whether an edit leaves the stages as they were: the same escape character and number of
 * stages, and no FROM, no instruction with flags (stage references) and nothing before the
 * first FROM among the instructions it replaced or made.
 */
function sameStages(previous: Analysis, doc: Dockerfile, footprint: EditFootprint): boolean {
  if (doc.escape !== previous.doc.escape || doc.stages.length !== previous.doc.stages.length || doc.globalArgs.length !== previous.doc.globalArgs.length) return false;
  for (const list of [footprint.fresh, footprint.removed]) {
    for (const i of list) if (i.upper === 'FROM' || i.stage < 0 || (i.trigger ?? i).flags.length > 0) return false;
  }
  return true;
}

export class Analysis {
  readonly lines: LineIndex;
  readonly stageByName: Map<string, Stage>;
  /** In document order, so stage by stage (rules/scope.ts finds a stage's by a binary search). */
  readonly stageRefs: StageRef[];
  private readonly parents: number[];
  private roots: Int32Array | undefined;
  /** stageUse's result (see stageUse.ts), kept here so that it is carried with the stages. */
  stageUseResult: StageUse | undefined;
  private scope: VariableScope | undefined;
  private readonly shells = new Map<number, ShellInfo | null>();
  private readonly shellKinds = new Map<number, ShellKind>();
  /** Per stage, the shell kind in effect after its last instruction (null: no SHELL decides). */
  private readonly endShellKinds = new Map<number, ShellKind | null>();
  private readonly stageShells = new Map<number, Instruction[]>();
  private readonly startShellKinds = new Map<number, ShellKind | null>();
  private readonly families = new Map<number, ImageFamily>();
  /** Global ARG defaults, which are all a FROM line sees. */
  private readonly globalDefaults: Map<string, string>;
  private readonly baseRefs: Map<number, string>;
  /** baseImageRef of an image reference with variables, by the reference as written. */
  private readonly refsByRaw: Map<string, string>;
  private shellPragmas: { at: number; shell: string }[] | undefined;
  private readonly images = new Map<number, string | undefined>();
  /** Whole-file results worked out so far (see carried), by name. */
  private readonly results = new Map<string, unknown>();
  /** What the edit from the previous version replaced, and that version's whole-file results. */
  private readonly carriedFrom: { footprint: EditFootprint; results: Map<string, unknown> } | undefined;
  /** Set by a validation while its rules run (see runRules): shell parsing stops at this time. */
  deadline: number | undefined;
  /** A script was left unparsed because the deadline had passed. */
  deadlineHit = false;

  /**
   * `before`: the previous version of the document and what the edit replaced (see
   * nextAnalysis). When the edit touched no FROM, no flag and nothing before the first FROM, the
   * stages, their names, FROM parents and stage references are the previous version's, moved;
   * other whole-file results (the shell budget's cut, the expansion bound, the keyword casing,
   * the scripts past a shell limit) are carried from it by what the edit replaced.
   */
  constructor(readonly doc: Dockerfile, lines?: LineIndex, before?: { analysis: Analysis; footprint: EditFootprint }) {
    this.lines = lines ?? new LineIndex(doc.text);
    // A large edit (a paste, a parse from scratch) is worked out afresh rather than carried.
    const small = before && before.footprint.fresh.length + before.footprint.removed.length <= MAX_CARRIED_FOOTPRINT;
    this.carriedFrom = small ? { footprint: before.footprint, results: before.analysis.results } : undefined;
    const carried = before && sameStages(before.analysis, doc, before.footprint) ? before.analysis : undefined;
    if (carried) {
      // The previous version is consumed (its nodes were moved by the parse): its map and
      // references are taken over and updated in place, so an edit allocates none of them again.
      this.parents = carried.parents;
      this.globalDefaults = carried.globalDefaults;
      this.stageByName = carried.stageByName;
      for (const [name, stage] of this.stageByName) this.stageByName.set(name, doc.stages[stage.index]!);
      this.stageRefs = carried.stageRefs;
      for (const ref of this.stageRefs) this.moveRef(ref, before!.footprint);
      // What depends on the FROM lines, the stage names, the global ARGs and the references alone.
      this.roots = carried.roots;
      this.baseRefs = carried.baseRefs;
      this.refsByRaw = carried.refsByRaw;
      this.stageUseResult = carried.stageUseResult;
      return;
    }
    this.baseRefs = new Map();
    this.refsByRaw = new Map();
    this.parents = [];
    this.globalDefaults = new Map();
    this.stageByName = new Map();
    this.stageRefs = [];
    // FROM ${VAR} may name a stage through a global ARG's default, so expand with those first.
    const globals = this.globalDefaults;
    let total = 0;
    for (const arg of doc.globalArgs) {
      for (const pair of keyValuesOf(arg, doc.escape)) {
        if (!pair.value) continue;
        const value = expandText(pair.value.raw, (n) => globals.get(n), doc.escape);
        total += value.value.length;
        // Too large to work out: unknown, as for a build argument.
        if (value.tooLarge || total > MAX_TOTAL_EXPANDED) globals.delete(pair.key.value);
        else globals.set(pair.key.value, value.value);
      }
    }
    // Many FROM lines share one `${VAR}` image, and every version of the document runs this.
    const expanded = new Map<string, string>();
    const expand = (raw: string): string => {
      let value = expanded.get(raw);
      if (value === undefined) expanded.set(raw, (value = expandText(raw, (n) => globals.get(n), doc.escape).value.toLowerCase()));
      return value;
    };
    for (const stage of doc.stages) {
      const raw = stage.image?.raw ?? '';
      const image = raw.includes('$') ? expand(raw) : stage.image?.value.toLowerCase();
      const parent = image !== undefined ? this.stageByName.get(image) : undefined;
      this.parents.push(parent ? parent.index : -1);
      if (stage.image && parent && !raw.includes('$')) this.stageRefs.push({ name: stage.image.value, span: stage.image.span, instruction: stage.from, kind: 'from', target: parent });
      else if (stage.image && parent) this.stageRefs.push({ name: image!, span: { start: stage.image.span.end, end: stage.image.span.end }, instruction: stage.from, kind: 'from', target: parent });
      if (stage.name && !this.stageByName.has(stage.name.value.toLowerCase())) this.stageByName.set(stage.name.value.toLowerCase(), stage);
      for (const instruction of stage.instructions) if ((instruction.trigger ?? instruction).flags.length > 0) this.collectStageRefs(instruction, stage);
    }
  }

  /**
   * Makes a stage reference of the previous version one of this version: its instruction was kept
   * or moved (an edit replacing a reference's instruction is no carried edit), its target is the
   * stage at the same index; a span of its own (a reference inside --mount, or to the end of a
   * FROM image with variables) moves with the instruction, as the spans of the nodes do.
   */
  private moveRef(ref: StageRef, footprint: EditFootprint): void {
    if (ref.target) ref.target = this.doc.stages[ref.target.index];
    const own = ref.kind === 'mount' || (ref.kind === 'from' && ref.span !== this.doc.stages[ref.instruction.stage]?.image?.span);
    if (own && footprint.delta !== 0 && ref.instruction.index >= footprint.kept + footprint.fresh.length) {
      ref.span = { start: ref.span.start + footprint.delta, end: ref.span.end + footprint.delta };
    }
  }

  static of(text: string): Analysis {
    const lines = new LineIndex(text);
    return new Analysis(parseDockerfile(text, lines), lines);
  }

  get text(): string {
    return this.doc.text;
  }

  range(span: Span): Range {
    return this.lines.range(span.start, span.end);
  }

  get variables(): VariableScope {
    this.scope ??= buildVariableScope(this.doc, (i) => this.parents[i] ?? -1);
    return this.scope;
  }

  /** The stage a stage is built FROM, or -1 for an image. */
  parentOf(stage: number): number {
    return this.parents[stage] ?? -1;
  }

  /** The stage and the stages it is built FROM, nearest first, up to its root (see fromChain.ts). */
  *chainOf(stage: Stage): Generator<Stage, void, undefined> {
    for (const s of fromChain((i) => this.parentOf(i), stage.index, this.doc.stages.length)) yield this.doc.stages[s]!;
  }

  /** The stage at the root of a stage's FROM chain: the one whose FROM names an image (maybe itself). */
  rootOf(stage: Stage): Stage {
    this.roots ??= chainRoots((i) => this.parentOf(i), this.doc.stages.length);
    return this.doc.stages[this.roots[stage.index] ?? -1] ?? stage;
  }

  /** The image at the root of a stage's FROM chain (lower-cased), expanded with global ARGs. */
  rootImage(stage: Stage): string {
    return this.imageOf(this.rootOf(stage)) ?? '';
  }

  /** A stage's FROM image with global ARG defaults applied (undefined when a build arg decides). */
  imageOf(stage: Stage): string | undefined {
    if (this.images.has(stage.index)) return this.images.get(stage.index);
    const raw = stage.image?.raw;
    let image: string | undefined;
    if (raw === undefined) image = undefined;
    else if (!raw.includes('$')) image = stage.image!.value.toLowerCase();
    else {
      const globals = this.variables.visibleAt(stage.from);
      const expanded = expandText(raw, (n) => globals.get(n)?.value, this.doc.escape);
      image = expanded.unknown.length > 0 ? undefined : expanded.value.toLowerCase();
    }
    this.images.set(stage.index, image);
    return image;
  }

  /**
   * The image reference at the root of a stage's FROM chain, with the global ARG defaults applied
   * (variables without one stay as written). Cheap: it does not work out the stages' variables.
   */
  baseImageRef(stage: Stage): string {
    const root = this.rootOf(stage);
    let ref = this.baseRefs.get(root.index);
    if (ref === undefined) {
      const raw = root.image?.raw ?? '';
      if (!raw.includes('$')) ref = root.image?.value ?? '';
      else {
        // Many roots share one `${VAR}` image (every stage of a generated file), and every version asks.
        ref = this.refsByRaw.get(raw);
        if (ref === undefined) {
          const expanded = expandText(raw, (n) => this.globalDefaults.get(n), this.doc.escape);
          ref = expanded.unknown.length > 0 ? raw : expanded.value;
          this.refsByRaw.set(raw, ref);
        }
      }
      this.baseRefs.set(root.index, ref);
    }
    return ref;
  }

  isWindows(stage: Stage): boolean {
    return this.family(stage) === 'windows';
  }

  /**
   * The base image family of a stage: the backtick escape means Windows; otherwise the family of
   * the image at the root of its FROM chain (as written when a build argument decides part of
   * it), or that of the stages a FROM with variables may stand for when they agree, or, when
   * that says nothing, what the RUN and SHELL instructions along the chain use.
   */
  family(stage: Stage): ImageFamily {
    let family = this.families.get(stage.index);
    if (family !== undefined) return family;
    const root = this.rootOf(stage);
    if (this.doc.escape === '`') family = 'windows';
    else {
      family = familyOfImage(this.baseImageRef(root));
      // FROM binaries-$TARGETOS: the family the stages it may stand for share.
      const options = family === 'unknown' ? stagesFromPattern(this, root) : [];
      if (options.length > 0) {
        const families = new Set(options.map((s) => this.family(s)));
        if (families.size === 1) family = [...families][0]!;
      }
      if (family === 'unknown') {
        const chain = [...this.chainOf(stage)];
        for (let k = chain.length - 1; k >= 0 && family === 'unknown'; k--) family = familyFromInstructions(chain[k]!.instructions) ?? 'unknown';
      }
      if (family === 'unknown' && /(^|[\\/])(powershell|pwsh|cmd)(\.exe)?$/i.test(this.pragmaShell(stage.span.end) ?? '')) family = 'windows';
    }
    this.families.set(stage.index, family);
    return family;
  }

  /** SHELL instructions per stage, so finding the shell in effect does not rescan the stage. */
  private shellsOf(stage: Stage): Instruction[] {
    let list = this.stageShells.get(stage.index);
    if (!list) {
      list = stage.instructions.filter((i) => i.upper === 'SHELL');
      this.stageShells.set(stage.index, list);
    }
    return list;
  }

  /** The shell RUN uses at this instruction: the last SHELL before it in the stage or its parents. */
  shellKind(instruction: Instruction): ShellKind {
    const cached = this.shellKinds.get(instruction.index);
    if (cached) return cached;
    let kind: ShellKind | undefined;
    const s = this.doc.stages[instruction.stage];
    if (s) {
      const shells = this.shellsOf(s);
      let last: Instruction | undefined;
      for (let k = shells.length - 1; k >= 0 && !last; k--) if (shells[k]!.index < instruction.index) last = shells[k];
      kind = last?.exec?.items[0] ? shellKindOf(last.exec.items[0].value) : this.startShellKind(s);
    }
    if (!kind) {
      // hadolint's `# hadolint shell=powershell` names the shell an unknown base image runs RUN with.
      const pragma = this.pragmaShell(instruction.span.start);
      kind = pragma ? shellKindOf(pragma) : s && this.isWindows(s) ? 'other' : 'sh';
    }
    // `RUN <<EOF bash`: the heredoc's script is run by the shell named on the line.
    if (kind !== 'other' && instruction.heredocs.length === 1) {
      const fed = heredocShell(this.text, instruction);
      if (fed) kind = shellKindOf(fed.shell.value);
      else {
        const shebang = heredocShebangShell(instruction);
        if (shebang && shebang !== 'other') kind = shebang;
      }
    }
    this.shellKinds.set(instruction.index, kind);
    return kind;
  }

  /** The shell kind in effect where a stage starts (inherited from the stages it is built FROM), once per stage: every RUN asks. */
  private startShellKind(stage: Stage): ShellKind | undefined {
    let kind = this.startShellKinds.get(stage.index);
    if (kind === undefined) this.startShellKinds.set(stage.index, (kind = this.inheritedShellKind(stage) ?? null));
    return kind ?? undefined;
  }

  /**
   * The shell kind a stage's last SHELL sets, else the one the stages it is built FROM leave in
   * effect (null: none). Worked out once per stage, up the chain to the first stage known.
   */
  private inheritedShellKind(stage: Stage): ShellKind | undefined {
    const todo: Stage[] = [];
    for (const s of this.chainOf(stage)) {
      if (s !== stage && this.endShellKinds.has(s.index)) break;
      todo.push(s);
    }
    // Top down: each stage's own last SHELL, else what its parent leaves.
    for (const s of todo.slice(1).reverse()) {
      const last = this.shellsOf(s).at(-1);
      const parent = this.parentOf(s.index);
      this.endShellKinds.set(s.index, last?.exec?.items[0] ? shellKindOf(last.exec.items[0].value) : parent >= 0 ? this.endShellKinds.get(parent) ?? null : null);
    }
    const parent = this.parentOf(stage.index);
    return parent >= 0 ? this.endShellKinds.get(parent) ?? undefined : undefined;
  }

  /** The shell the last `# hadolint shell=...` comment before `offset` names, if any. */
  pragmaShell(offset: number): string | undefined {
    this.shellPragmas ??= this.doc.comments.flatMap((c) => {
      const m = /^hadolint\s+shell=(\S+)/i.exec(c.text);
      return m ? [{ at: c.span.start, shell: m[1]! }] : [];
    });
    let shell: string | undefined;
    for (const p of this.shellPragmas) {
      if (p.at > offset) break;
      shell = p.shell;
    }
    return shell;
  }

  /** The parsed shell script of a shell-form RUN/CMD/ENTRYPOINT/HEALTHCHECK, for POSIX shells. */
  shell(instruction: Instruction): ShellInfo | undefined {
    const cached = this.shells.get(instruction.index);
    if (cached !== undefined) return cached ?? undefined;
    // Past the running validation's deadline no more scripts are parsed (nor remembered as unparsed).
    if (this.deadline !== undefined && performance.now() > this.deadline) {
      this.deadlineHit = true;
      return undefined;
    }
    let info: ShellInfo | null = null;
    const kind = this.shellKind(instruction);
    const target = instruction.trigger ?? instruction;
    if (kind !== 'other' && SHELL_FORM.includes(target.upper) && instruction.index < this.shellCut()) {
      // A node the edit left whole has the script it had, where it had it or moved by the edit.
      const last = lastShells.get(instruction);
      const at = instruction.fullSpan.start;
      if (last && last.kind === kind && last.escape === this.doc.escape) info = movedShell(last.info, at - last.at);
      else {
        const source = shellSource(this.doc, instruction);
        if (source && source.text.trim().length > 0) {
          const summary = parseShell(source.text);
          // A script too long or too deep to parse is not known: rules treat it like another shell's.
          if (!summary.limit) info = { kind, source, summary, span: (s, e) => toDocSpan(source, s, e) };
        }
      }
      lastShells.set(instruction, { kind, escape: this.doc.escape, at, info });
    }
    this.shells.set(instruction.index, info);
    return info ?? undefined;
  }

  /**
   * A whole-file result, once per version: from the previous version's by `update` (given what
   * the edit replaced; undefined when it cannot tell) when there is one, else by `compute`. The
   * result must depend on the instructions alone, in order, so that the previous one and the
   * replaced nodes say what it is now.
   */
  carried<T>(name: string, compute: () => T, update: (previous: T, footprint: EditFootprint) => T | undefined): T {
    if (this.results.has(name)) return this.results.get(name) as T;
    const from = this.carriedFrom;
    let value = from && from.results.has(name) ? update(from.results.get(name) as T, from.footprint) : undefined;
    if (value === undefined) value = compute();
    this.results.set(name, value);
    return value;
  }

  /**
   * Index of the first shell-form instruction past the file's shell budget (MAX_SHELL_TOTAL
   * characters of scripts, counted in document order), or Infinity. Scripts from there on are
   * not parsed; the count uses the instruction text, so it depends on nothing but the text.
   */
  shellCut(): number {
    return this.carried('shellCut', () => {
      let total = 0;
      for (const instruction of this.doc.instructions) {
        if (!countsForShellBudget(instruction)) continue;
        total += scriptLength(instruction);
        if (total > MAX_SHELL_TOTAL) return instruction.index;
      }
      return Infinity;
    }, (cut, f) => {
      // A cut before the edit counts the same scripts; past it, the same ones moved, unless the edit changed a script.
      if (cut < f.kept) return cut;
      return f.fresh.some(countsForShellBudget) || f.removed.some(countsForShellBudget) ? undefined : cut + f.shift;
    });
  }

  /** mayExpandTooLarge of the document (see variableScope.ts), carried over edits that change no ARG or ENV. */
  mayExpandTooLarge(): boolean {
    const defines = (i: Instruction) => i.upper === 'ARG' || i.upper === 'ENV';
    return this.carried('mayExpandTooLarge', () => mayExpandTooLarge(this.doc), (bound, f) => (f.fresh.some(defines) || f.removed.some(defines) ? undefined : bound));
  }

  /** How the keywords of the known instructions are written, over the whole file (for the casing rule). */
  keywordCasing(): KeywordCasing {
    return this.carried('keywordCasing', () => {
      const casing = { upper: 0, lower: 0, known: 0, triggers: 0 };
      for (const i of this.doc.instructions) countCasing(casing, i, 1);
      return casing;
    }, (previous, f) => {
      const casing = { ...previous };
      for (const i of f.removed) countCasing(casing, i, -1);
      for (const i of f.fresh) countCasing(casing, i, 1);
      return casing;
    });
  }

  /**
   * The instructions for which `test` holds, in document order, where `test` depends on the
   * instruction's own text only (it is asked of the new nodes alone after an edit); `name` names the test.
   */
  instructionsWhere(name: string, test: (i: Instruction) => boolean): readonly Instruction[] {
    return this.carried(name, () => this.doc.instructions.filter(test), (previous, f) => {
      const removed = new Set(f.removed);
      const out: Instruction[] = [];
      // Kept nodes keep their index; moved ones have their new index, past the new nodes.
      let k = 0;
      for (; k < previous.length && previous[k]!.index < f.kept && !removed.has(previous[k]!); k++) out.push(previous[k]!);
      for (const i of f.fresh) if (test(i)) out.push(i);
      for (; k < previous.length; k++) if (!removed.has(previous[k]!)) out.push(previous[k]!);
      return out;
    });
  }

  /** Stage containing a document offset (or undefined before the first FROM). */
  stageAt(offset: number): Stage | undefined {
    let found: Stage | undefined;
    for (const stage of this.doc.stages) {
      if (stage.span.start <= offset) found = stage;
      else break;
    }
    return found;
  }

  /** Instruction whose full span contains the offset. */
  instructionAt(offset: number): Instruction | undefined {
    const list = this.doc.instructions;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const span = list[mid]!.fullSpan;
      if (offset < span.start) hi = mid - 1;
      else if (offset > span.end) lo = mid + 1;
      else return list[mid];
    }
    return undefined;
  }

  private collectStageRefs(instruction: Instruction, stage: Stage): void {
    const target = instruction.trigger ?? instruction;
    const resolve = (name: string): Stage | undefined => {
      if (/^\d+$/.test(name)) return this.doc.stages[Number(name)];
      const found = this.stageByName.get(name.toLowerCase());
      return found && found.index < stage.index ? found : found === stage ? stage : undefined;
    };
    for (const flag of target.flags) {
      if (!flag.valueSpan || flag.value === undefined) continue;
      if (flag.name === 'from' && (target.upper === 'COPY' || target.upper === 'ADD')) {
        this.stageRefs.push({ name: flag.value, span: flag.valueSpan, instruction, kind: 'copy', target: resolve(flag.value) });
      } else if (flag.name === 'mount') {
        let from = mountFrom.get(flag);
        if (from === undefined) {
          const m = /(?:^|,)from=([^,]*)/.exec(flag.value);
          const raw = this.doc.text.slice(flag.valueSpan.start, flag.valueSpan.end);
          const at = raw.search(/(?:^|,)from=/);
          from = m && at >= 0 ? { name: m[1]!, offset: at + (raw[at] === ',' ? 1 : 0) + 5 } : null;
          mountFrom.set(flag, from);
        }
        if (from) {
          const start = flag.valueSpan.start + from.offset;
          this.stageRefs.push({ name: from.name, span: { start, end: start + from.name.length }, instruction, kind: 'mount', target: resolve(from.name) });
        }
      }
    }
  }
}
