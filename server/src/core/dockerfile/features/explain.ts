// "Explain this Dockerfile": for every instruction, what it does while the image is built and
// what it does when a container runs, whether it adds a filesystem layer or only sets metadata,
// and what would make the build cache miss from that line on; per stage, and with a summary
// (stages, the final image's base, the CMD/ENTRYPOINT in effect and how they combine). A pure
// function of the text (and, when known, the layers of the last build): text in, data out.
// explainInstruction.ts explains one instruction, explainFacts.ts reads what they need off the
// Analysis; explanationMarkdown (explainMarkdown.ts) turns the data into the document the client shows.
import { t } from '../../l10n';
import type { BuiltImageFact } from '../../languageService';
import { Analysis } from '../analysis/analysis';
import type { Instruction, Stage } from '../syntax/ast';
import { explainInstruction } from './explainInstruction';
import { baseOf, code, commandInEffect, dependenciesOf, lineOf, neededStages, rootImageOf, shellOf, stageLabel } from './explainFacts';

/** Whether an instruction adds files to the image, only records settings, or neither. */
export type LayerKind = 'filesystem' | 'metadata' | 'none';

export interface BuiltLayer {
  size: number;
  /** True when the last build took it from the cache, false when it ran; undefined when unknown. */
  cached?: boolean;
}

export interface InstructionExplanation {
  /** 1-based line of the keyword, and of the instruction's last line (heredoc bodies included). */
  line: number;
  endLine: number;
  keyword: string;
  /** The instruction's first line as written, shortened for display. */
  source: string;
  /** What happens while the image is built. */
  buildTime: string[];
  /** What happens when a container runs; empty when nothing does. */
  runTime: string[];
  layer: LayerKind;
  /** Why it is that kind of layer (or no layer). */
  layerNote: string;
  /** What makes the cache miss here, and so rebuild this and every later step of the stage. */
  invalidatedBy: string[];
  /** Things learners expect to rebuild the step that do not. */
  notInvalidatedBy: string[];
  /** From the last build of this Dockerfile, when the client knows it (final stage only). */
  built?: BuiltLayer;
}

export type BaseKind = 'image' | 'stage' | 'scratch' | 'buildArg';

export interface StageExplanation {
  index: number;
  name: string | undefined;
  /** `name`, else the stage's index as COPY --from would write it. */
  label: string;
  line: number;
  endLine: number;
  base: { kind: BaseKind; name: string };
  /** The image at the root of the FROM chain (through other stages), when known. */
  rootImage: string | undefined;
  final: boolean;
  /** True when the final stage needs this stage (builds on it or copies from it). */
  neededByFinal: boolean;
  /** Stages this one builds on or copies from. */
  dependsOn: string[];
  instructions: InstructionExplanation[];
  filesystemLayers: number;
}

export interface CommandInEffect {
  form: 'exec' | 'shell';
  /** The words of the exec form, or the shell form's text. */
  value: string[] | string;
  line: number;
  /** The stage that set it (the final stage, or a stage it builds on). */
  stage: string;
}

export interface DockerfileSummary {
  stageCount: number;
  finalStage: string | undefined;
  /** True when the final stage has a name (AS name). */
  finalStageNamed: boolean;
  /** The image the final stage starts from at the root of its FROM chain; undefined when a build arg decides. */
  finalBase: string | undefined;
  finalBaseKind: BaseKind | undefined;
  entrypoint: CommandInEffect | undefined;
  cmd: CommandInEffect | undefined;
  /** How ENTRYPOINT and CMD combine into what a container runs, in a sentence or two. */
  effectiveCommand: string;
  /** Filesystem layers the final stage adds on top of its base (its own and those of stages it builds on). */
  filesystemLayers: number;
  metadataInstructions: number;
  /** Stages the final stage does not need: BuildKit skips them. */
  skippedStages: string[];
  /** Set when the last build's layers were matched onto the final stage. */
  lastBuild: { image: string; matched: number; cached: number } | undefined;
}

export interface DockerfileExplanation {
  /** ARGs before the first FROM. */
  globalArgs: InstructionExplanation[];
  stages: StageExplanation[];
  summary: DockerfileSummary;
}

/** Explains `text`; `built` is what the client recorded for the image last built from it. */
export function explainDockerfile(text: string, built?: Pick<BuiltImageFact, 'image' | 'layers'>): DockerfileExplanation {
  const a = Analysis.of(text);
  const doc = a.doc;
  const final = doc.stages[doc.stages.length - 1];
  const needed = final ? neededStages(a, final) : new Set<number>();

  const globalArgs = doc.globalArgs.map((i) => explainInstruction(a, i, undefined, false));
  const stages: StageExplanation[] = doc.stages.map((stage) => {
    const isFinal = stage === final;
    const instructions = stage.instructions.map((i) => explainInstruction(a, i, stage, isFinal));
    const base = baseOf(a, stage);
    return {
      index: stage.index,
      name: stage.name?.value,
      label: stageLabel(stage),
      line: lineOf(a, stage.from),
      endLine: instructions.at(-1)?.endLine ?? lineOf(a, stage.from),
      base,
      rootImage: rootImageOf(a, stage),
      final: isFinal,
      neededByFinal: needed.has(stage.index),
      dependsOn: [...dependenciesOf(a, stage)].map((i) => stageLabel(doc.stages[i]!)),
      instructions,
      filesystemLayers: instructions.filter((i) => i.layer === 'filesystem').length,
    };
  });

  let lastBuild: DockerfileSummary['lastBuild'];
  if (built && final) {
    const finalExplained = stages[stages.length - 1]!;
    const matches = matchLayers(final, built.layers);
    for (const [index, layer] of matches) {
      const target = finalExplained.instructions.find((e) => e.line === lineOf(a, final.instructions[index]!));
      if (target) target.built = { size: layer.size, cached: layer.cached };
    }
    lastBuild = { image: built.image, matched: matches.length, cached: matches.filter(([, l]) => l.cached === true).length };
  }

  return { globalArgs, stages, summary: summarize(a, stages, lastBuild) };
}

// ── the last build ──────────────────────────────────────────────────────────────────────────

/** The keyword of an image history entry (`RUN /bin/sh -c …`, `/bin/sh -c #(nop) COPY …`, `COPY … # buildkit`). */
function historyKeyword(createdBy: string): string {
  const nop = /#\(nop\)\s+([A-Z]+)/.exec(createdBy);
  if (nop) return nop[1]!;
  if (/^\/bin\/sh -c /.test(createdBy)) return 'RUN';
  return /^([A-Z]+)\b/.exec(createdBy.trim())?.[1] ?? '';
}

/**
 * Matches the final stage's instructions with the newest history entries, walking both from the
 * end by keyword (the same alignment the per-layer inlay hints use), so the base image's layers
 * and instructions without a history entry are skipped. Returns [index in stage.instructions, layer].
 */
function matchLayers(stage: Stage, layers: readonly { createdBy: string; size: number; cached?: boolean }[]): Array<[number, BuiltLayer]> {
  const result: Array<[number, BuiltLayer]> = [];
  let k = layers.length - 1;
  for (let n = stage.instructions.length - 1; n >= 1 && k >= 0; n--) {
    const instruction = stage.instructions[n]!;
    if (instruction.upper === 'ARG') continue;
    for (let look = k; look >= Math.max(0, k - 3); look--) {
      const layer = layers[look]!;
      if (historyKeyword(layer.createdBy) === instruction.upper) {
        result.push([n, { size: layer.size, cached: layer.cached }]);
        k = look - 1;
        break;
      }
    }
  }
  return result.reverse();
}

// ── summary ─────────────────────────────────────────────────────────────────────────────────

function summarize(a: Analysis, stages: StageExplanation[], lastBuild: DockerfileSummary['lastBuild']): DockerfileSummary {
  const finalStage = a.doc.stages[a.doc.stages.length - 1];
  const finalExplained = stages[stages.length - 1];
  const entry = finalStage ? commandInEffect(a, finalStage, 'ENTRYPOINT') : undefined;
  const cmd = finalStage ? commandInEffect(a, finalStage, 'CMD') : undefined;
  const asCommand = (found: { instruction: Instruction; stage: Stage } | undefined): CommandInEffect | undefined => found && {
    form: found.instruction.exec ? 'exec' : 'shell',
    value: found.instruction.exec ? found.instruction.exec.items.map((w) => w.value) : found.instruction.argText.trim(),
    line: lineOf(a, found.instruction),
    stage: stageLabel(found.stage),
  };
  const entrypoint = asCommand(entry);
  const command = asCommand(cmd);

  // Layers of the final image that this file adds: the final stage and the stages it builds FROM.
  let layers = 0;
  let metadata = 0;
  for (const s of finalStage ? a.chainOf(finalStage) : []) {
    const explained = stages[s.index]!;
    layers += explained.filesystemLayers;
    metadata += explained.instructions.filter((i) => i.layer === 'metadata').length;
  }

  const base = finalExplained ? rootImageOf(a, finalStage!) : undefined;
  return {
    stageCount: stages.length,
    finalStage: finalExplained?.label,
    finalStageNamed: Boolean(finalExplained?.name),
    finalBase: base,
    finalBaseKind: finalStage ? (base === 'scratch' ? 'scratch' : base === undefined ? 'buildArg' : 'image') : undefined,
    entrypoint,
    cmd: command,
    effectiveCommand: effectiveCommand(entrypoint, command, base, finalStage ? shellOf(a, finalStage.instructions[finalStage.instructions.length - 1]!) : ['/bin/sh', '-c']),
    filesystemLayers: layers,
    metadataInstructions: metadata,
    skippedStages: stages.filter((s) => !s.neededByFinal).map((s) => s.label),
    lastBuild,
  };
}

function effectiveCommand(entrypoint: CommandInEffect | undefined, cmd: CommandInEffect | undefined, base: string | undefined, shell: string[]): string {
  const render = (c: CommandInEffect) => (Array.isArray(c.value) ? c.value.join(' ') : `${shell.join(' ')} "${c.value}"`);
  if (entrypoint && entrypoint.form === 'shell') {
    return t('Containers run {0}. Because this ENTRYPOINT uses the shell form, the CMD and any arguments given to docker run are ignored.', code(render(entrypoint)));
  }
  if (entrypoint && cmd) {
    if (cmd.form === 'shell') {
      return t('Containers run {0} with {1} appended as arguments, which is rarely what you want: write the CMD as a JSON array so it supplies plain arguments.', code(render(entrypoint)), code(render(cmd)));
    }
    return t('Containers run {0}: the ENTRYPOINT, followed by the CMD as its default arguments. docker run IMAGE ARGS… replaces only the CMD part.', code(`${render(entrypoint)} ${render(cmd)}`));
  }
  if (entrypoint) {
    return t('Containers run {0}; arguments given to docker run are added after it. No CMD is in effect (an ENTRYPOINT clears the one inherited from the base image).', code(render(entrypoint)));
  }
  if (cmd) {
    return t('Containers run {0}; a command given to docker run replaces it.', code(render(cmd)));
  }
  if (base === 'scratch') return t('Neither CMD nor ENTRYPOINT is set and the image starts from scratch, so docker run needs a command to run.');
  if (base === undefined) return t('This Dockerfile sets neither CMD nor ENTRYPOINT, so containers run whatever the base image (chosen by a build argument) sets.');
  return t('This Dockerfile sets neither CMD nor ENTRYPOINT, so containers run what the base image {0} sets.', code(base));
}
