// Which instruction of a Dockerfile made which layer of the image built from it: the image's
// history (oldest first) aligned with the final stage's instructions.
import type { Instruction } from './ast';
import type { Analysis } from './analysis';

/** The history keyword of a layer: `RUN /bin/sh -c ...`, `/bin/sh -c #(nop) COPY ...`, `COPY ... # buildkit`. */
export function historyKeyword(createdBy: string): string {
  const nop = /#\(nop\)\s+([A-Z]+)/.exec(createdBy);
  if (nop) return nop[1]!;
  if (/^\/bin\/sh -c /.test(createdBy)) return 'RUN';
  return /^([A-Z]+)\b/.exec(createdBy.trim())?.[1] ?? '';
}

/**
 * Aligns the final stage's instructions with the newest history entries, walking both from the
 * end and matching by keyword, so base-image layers and unrecorded instructions (ARG) are skipped.
 */
export function mapLayers(a: Analysis, layers: readonly { createdBy: string; size: number; cached?: boolean }[]): [Instruction, { size: number; cached?: boolean }][] {
  const stage = a.doc.stages[a.doc.stages.length - 1];
  if (!stage) return [];
  const instructions = stage.instructions.filter((i) => i !== stage.from && i.upper !== 'ARG');
  const result: [Instruction, { size: number; cached?: boolean }][] = [];
  let k = layers.length - 1;
  for (let n = instructions.length - 1; n >= 0 && k >= 0; n--) {
    const instruction = instructions[n]!;
    for (let look = k; look >= Math.max(0, k - 3); look--) {
      if (historyKeyword(layers[look]!.createdBy) === instruction.upper) {
        if (['RUN', 'COPY', 'ADD'].includes(instruction.upper) || layers[look]!.size > 0) result.push([instruction, layers[look]!]);
        k = look - 1;
        break;
      }
    }
  }
  return result.reverse();
}
