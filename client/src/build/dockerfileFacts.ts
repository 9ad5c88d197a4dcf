// What the build workflow needs to know about a Dockerfile: its stage names (for --target) and
// where each builder step sits in the file (to put a failure on its line). Uses the language
// server's parser, so both sides read Dockerfiles the same way. Pure: unit-tested.
import { parseDockerfile } from '../../../server/src/core/dockerfile/syntax/parser';
import { LineIndex } from '../../../server/src/core/text';
import type { StepRef } from './buildOutput';
import type { Stage } from '../../../server/src/core/dockerfile/syntax/ast';

const FILESYSTEM_STEPS = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);

/**
 * The instructions BuildKit counts in a stage's `[stage k/n]` labels: those that do filesystem
 * work, plus FROM when it names an image (not `scratch`, not an earlier stage).
 */
function buildkitSteps(stage: Stage, stageNames: Set<string>) {
  return stage.instructions.filter((instruction, i) => {
    if (i === 0) {
      const image = stage.image?.value.toLowerCase();
      return image !== undefined && image !== 'scratch' && !stageNames.has(image);
    }
    return FILESYSTEM_STEPS.has(instruction.upper);
  });
}

export interface StageInfo {
  /** `AS name`, or undefined for an unnamed stage. */
  name: string | undefined;
  /** How BuildKit labels it in progress output: its name, or `stage-N`. */
  label: string;
  line: number;
}

export interface DockerfileFacts {
  stages: StageInfo[];
  /** Index (in file order, over all stages) of the step's instruction, if it can be found. */
  instructionOf(step: StepRef): number | undefined;
  /** 0-based line of the step's instruction, if it can be found. */
  lineOf(step: StepRef): number | undefined;
  /** Instruction indexes of a stage after its FROM (the ones that make the image's own history). */
  stageBody(stage: string | undefined): number[];
}

export function dockerfileFacts(text: string): DockerfileFacts {
  const index = new LineIndex(text);
  const parsed = parseDockerfile(text, index);
  const stages = parsed.stages.map((stage) => ({
    name: stage.name?.value,
    label: stage.name?.value ?? `stage-${stage.index}`,
    line: index.positionAt(stage.from.keywordSpan.start).line,
  }));
  const stageNames = new Set(parsed.stages.map((st) => st.name?.value.toLowerCase()).filter((n): n is string => Boolean(n)));
  const stageOf = (label: string | undefined) =>
    label === undefined
      ? parsed.stages.at(-1)
      : parsed.stages.find((s) => (s.name?.value ?? `stage-${s.index}`) === label) ?? parsed.stages.find((s) => s.name?.value?.toLowerCase() === label.toLowerCase());
  const instructionOf = (step: StepRef): number | undefined => {
    if (step.classicStep !== undefined) return parsed.instructions[step.classicStep - 1] ? step.classicStep - 1 : undefined;
    if (step.stage !== undefined && step.indexInStage !== undefined) {
      const stage = stageOf(step.stage);
      return stage ? buildkitSteps(stage, stageNames)[step.indexInStage - 1]?.index : undefined;
    }
    return undefined;
  };
  return {
    stages,
    instructionOf,
    lineOf(step) {
      const at = instructionOf(step);
      return at === undefined ? undefined : index.positionAt(parsed.instructions[at]!.keywordSpan.start).line;
    },
    stageBody(label) {
      return (stageOf(label)?.instructions ?? []).slice(1).map((i) => i.index);
    },
  };
}
