// Inlay hints: the value a ${VAR} resolves to, and, after a build, each instruction's layer size
// and whether it came from the cache (the image history mapped back onto the final stage).
import type { ServiceContext } from '../languageService';
import { t } from '../l10n';
import type { InlayHint, Range } from '../types';
import type { Instruction } from './ast';
import type { Analysis } from './analysis';
import { formatBytes } from './hover';

const MAX_VALUE = 40;

export function inlayHints(a: Analysis, uri: string, range: Range, context: ServiceContext): InlayHint[] {
  const from = a.lines.offsetAt(range.start);
  const to = a.lines.offsetAt(range.end);
  const hints: InlayHint[] = [];
  for (const use of a.variables.uses) {
    const value = use.def?.value;
    if (value === undefined || use.ref.span.start < from || use.ref.span.end > to) continue;
    const shown = value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE - 1)}…` : value;
    hints.push({ position: a.lines.positionAt(use.ref.span.end), label: `= ${shown}`, paddingLeft: true, tooltip: t('{0} resolves to {1} with the defaults in this Dockerfile.', use.ref.name, value) });
  }
  const built = context.facts.builtImages.find((b) => b.dockerfileUri === uri);
  if (built) {
    for (const [instruction, layer] of mapLayers(a, built.layers)) {
      if (instruction.span.end < from || instruction.span.start > to) continue;
      const label = layer.cached ? t('{0} · cached', formatBytes(layer.size)) : formatBytes(layer.size);
      const lineEnd = a.lines.lineEnd(a.lines.positionAt(instruction.span.start).line);
      hints.push({ position: a.lines.positionAt(lineEnd), label, paddingLeft: true, tooltip: t('Layer of image {0}', built.image) });
    }
  }
  return hints.sort((x, y) => x.position.line - y.position.line || x.position.character - y.position.character);
}

/** The history keyword of a layer: `RUN /bin/sh -c ...`, `/bin/sh -c #(nop) COPY ...`, `COPY ... # buildkit`. */
function historyKeyword(createdBy: string): string {
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
