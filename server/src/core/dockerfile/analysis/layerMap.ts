// Which instruction of a Dockerfile made which layer of the image built from it: the image's
// history (oldest first) aligned with the built stage's instructions, and those of the stages it
// builds FROM in the same file (their layers are in the image too).
import type { Instruction, Stage } from '../syntax/ast';

/** The history keyword of a layer: `RUN /bin/sh -c ...`, `/bin/sh -c #(nop) COPY ...`, `COPY ... # buildkit`. */
export function historyKeyword(createdBy: string): string {
  const nop = /#\(nop\)\s+([A-Z]+)/.exec(createdBy);
  if (nop) return nop[1]!;
  if (/^\/bin\/sh -c /.test(createdBy)) return 'RUN';
  return /^([A-Z]+)\b/.exec(createdBy.trim())?.[1] ?? '';
}

export interface MappedLayer<L> {
  instruction: Instruction;
  layer: L;
  /** Index of the layer in the history given. */
  index: number;
}

/** The stage a build made: the one named `target`, else the last. */
export function builtStage(stages: readonly Stage[], target?: string): Stage | undefined {
  if (target) {
    const wanted = target.toLowerCase();
    const named = stages.find((s) => s.name?.value.toLowerCase() === wanted) ?? stages.find((s) => `stage-${s.index}` === wanted);
    if (named) return named;
  }
  return stages[stages.length - 1];
}

/** The instructions whose layers end up in the image built from `stage`, oldest first (FROM lines left out). */
function chainInstructions(stages: readonly Stage[], stage: Stage): Instruction[] {
  const chain: Stage[] = [];
  const seen = new Set<number>();
  for (let s: Stage | undefined = stage; s && !seen.has(s.index) && chain.length < stages.length; ) {
    seen.add(s.index);
    chain.unshift(s);
    const image: string | undefined = s.image?.value.toLowerCase();
    s = image === undefined ? undefined : stages.slice(0, s.index).reverse().find((p) => p.name?.value.toLowerCase() === image);
  }
  return chain.flatMap((s) => s.instructions.filter((i) => i !== s.from && i.upper !== 'ARG'));
}

/**
 * Aligns the built stage's instructions with the newest history entries, walking both from the
 * end and matching by keyword, so base-image layers and unrecorded instructions (ARG) are skipped.
 */
export function mapLayers<L extends { createdBy: string }>(stages: readonly Stage[], layers: readonly L[], target?: string): MappedLayer<L>[] {
  const stage = builtStage(stages, target);
  if (!stage) return [];
  const instructions = chainInstructions(stages, stage);
  const result: MappedLayer<L>[] = [];
  let k = layers.length - 1;
  for (let n = instructions.length - 1; n >= 0 && k >= 0; n--) {
    const instruction = instructions[n]!;
    for (let look = k; look >= Math.max(0, k - 3); look--) {
      if (historyKeyword(layers[look]!.createdBy) === instruction.upper) {
        result.push({ instruction, layer: layers[look]!, index: look });
        k = look - 1;
        break;
      }
    }
  }
  return result.reverse();
}

/** Whether an instruction's layer is worth a hint: it writes files, or its layer has bytes. */
export function makesFiles(instruction: Instruction, layer: { size: number }): boolean {
  return ['RUN', 'COPY', 'ADD'].includes(instruction.upper) || layer.size > 0;
}
