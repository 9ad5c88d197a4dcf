// Which stages a build uses, and which make the image. A stage is used when a FROM, COPY --from
// or RUN --mount from= names it, also through a build argument: FROM binaries-$TARGETOS uses
// every stage whose name fits binaries-*, and FROM ${BASE} the stage its default names. The
// image a plain docker build makes is the last stage's file system, with the stages it is built
// FROM; the other stages are builders (whose files reach it only through COPY --from) or extra
// targets such as test and lint, so what they leave behind in their layers costs the image nothing.
// When the last stage itself is such a target (validate, lint, dev-envs), no image is shipped.
import type { Analysis } from './analysis';
import type { Stage } from '../syntax/ast';
import { expandText } from './expand';

export interface StageUse {
  /** Stages something refers to, directly or through a pattern with variables. */
  used: ReadonlySet<number>;
  /** The last stage and the stages it is built FROM: their layers are the image's layers (empty when the last stage is a tool target). */
  finalImage: ReadonlySet<number>;
}

/** Stage names of images nobody ships: development environments, test, lint and code-generation targets. */
const TOOL_WORDS = new Set(['dev', 'develop', 'development', 'devcontainer', 'envs', 'debug', 'test', 'tests', 'testing', 'e2e', 'integration', 'lint', 'validate', 'validation', 'check', 'ci', 'update', 'generate', 'generated', 'gen', 'vendor', 'docs']);

/** A last stage such as validate, lint or dev-envs: a tool's image, where size advice is noise. */
export function isToolTarget(stage: Stage): boolean {
  return (stage.name?.value.toLowerCase().split(/[-_.]/) ?? []).some((w) => TOOL_WORDS.has(w));
}

/** Names of stages kept on purpose to be built with --target: tool targets, releases and exports. */
const TARGET_WORDS = new Set(['release', 'releaser', 'binary', 'binaries', 'export', 'out', 'output', 'artifacts', 'artifact', 'coverage', 'smoketest', 'dind', 'rootless', 'shell', 'mocks', 'bundle', 'dist']);

/** Whether a stage's name says it is meant to be built on its own (--target test, release, update...). */
export function isDeliberateTarget(stage: Stage): boolean {
  return isToolTarget(stage) || (stage.name?.value.toLowerCase().split(/[-_.]/) ?? []).some((w) => TARGET_WORDS.has(w));
}

const VARIABLE = /\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g;

function globalDefaults(a: Analysis): Map<string, string> {
  const globals = new Map<string, string>();
  for (const def of a.doc.globalArgs.length > 0 ? a.variables.unit(-1).defs : []) if (def.value !== undefined) globals.set(def.name, def.value);
  return globals;
}

/** The stages a FROM with variables may stand for (FROM binaries-$TARGETOS): those its text fits. */
export function stagesFromPattern(a: Analysis, stage: Stage): Stage[] {
  const raw = stage.image?.raw;
  if (!raw?.includes('$') || a.parentOf(stage.index) >= 0) return [];
  return stagesMatching(a, raw, stage.index, globalDefaults(a));
}

/** Stages before `before` whose name fits a reference with variables in it. */
function stagesMatching(a: Analysis, raw: string, before: number, globals: Map<string, string>): Stage[] {
  const parts = raw.split(VARIABLE);
  // A stage name has no : / or @, so node:${VERSION} can only be an image.
  if (parts.some((p) => /[:/@]/.test(p))) return [];
  if (parts.every((p) => p === '')) {
    // All variable: only its default can say which stage it means.
    const value = expandText(raw, (n) => globals.get(n), a.doc.escape).value.toLowerCase();
    const stage = a.stageByName.get(value);
    return stage && stage.index < before ? [stage] : [];
  }
  if (parts.length > 64 || raw.length > 512) return [];
  const pattern = new RegExp(`^${parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
  return a.doc.stages.filter((s) => s.index < before && s.name !== undefined && pattern.test(s.name.value));
}

/** Kept on the analysis (stageUseResult), which carries it over edits that leave the stages as they were. */
export function stageUse(a: Analysis): StageUse {
  const hit = a.stageUseResult;
  if (hit) return hit;
  const used = new Set<number>();
  for (const ref of a.stageRefs) if (ref.target) used.add(ref.target.index);
  const globals = globalDefaults(a);
  for (const stage of a.doc.stages) {
    if (stage.image?.raw.includes('$')) {
      for (const s of stagesMatching(a, stage.image.raw, stage.index, globals)) used.add(s.index);
    }
  }
  for (const ref of a.stageRefs) {
    if (ref.target || !ref.name.includes('$')) continue;
    for (const s of stagesMatching(a, ref.name, ref.instruction.stage, globals)) used.add(s.index);
  }
  const finalImage = new Set<number>();
  const last = a.doc.stages[a.doc.stages.length - 1];
  if (last && !isToolTarget(last)) {
    for (const s of a.chainOf(last)) finalImage.add(s.index);
  }
  const result = { used, finalImage };
  a.stageUseResult = result;
  return result;
}

/** The image at the root of a stage's FROM chain, expanded when the Dockerfile gives its variables values, else as written. */
export function rootImageRef(a: Analysis, stage: Stage): string {
  return a.baseImageRef(stage).toLowerCase();
}
