// From an image's layers back to the Dockerfile that built it: which instruction made each
// history entry (the language server's alignment, shared), where the base image's FROM is, and
// which history entries made the image's layers (to place a scanner's finding, which names a
// layer digest, on the instruction that added the package). Pure.
import { parseDockerfile } from '../../../server/src/core/dockerfile/syntax/parser';
import { builtStage, historyKeyword, mapLayers } from '../../../server/src/core/dockerfile/analysis/layerMap';
import { LineIndex } from '../../../server/src/core/text';
import type { Span, Stage } from '../../../server/src/core/dockerfile/syntax/ast';

export interface SourceRange {
  /** 0-based. */
  line: number;
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface DockerfileLayers {
  /** History index (oldest first) → the instruction's keyword range. */
  byHistory: Map<number, SourceRange>;
  /** The FROM line that names the base image of the built stage. */
  from?: SourceRange;
}

export function dockerfileLayers(text: string, history: readonly { createdBy: string }[], target?: string): DockerfileLayers {
  const lines = new LineIndex(text);
  const doc = parseDockerfile(text, lines);
  const range = (span: Span): SourceRange => {
    const start = lines.positionAt(span.start);
    return { line: start.line, start, end: lines.positionAt(span.end) };
  };
  const byHistory = new Map<number, SourceRange>();
  for (const { instruction, index } of mapLayers(doc.stages, history, target)) byHistory.set(index, range(instruction.keywordSpan));
  // The base image: follow FROM <stage> back to the stage that names an image.
  let stage: Stage | undefined = builtStage(doc.stages, target);
  for (let guard = 0; stage && guard < doc.stages.length; guard++) {
    const image: string | undefined = stage.image?.value.toLowerCase();
    const parent: Stage | undefined = image === undefined ? undefined : doc.stages.slice(0, stage.index).reverse().find((p) => p.name?.value.toLowerCase() === image);
    if (!parent) break;
    stage = parent;
  }
  // From the FROM keyword to the end of the image name.
  const from = stage ? range({ start: stage.from.keywordSpan.start, end: (stage.image?.span ?? stage.from.keywordSpan).end }) : undefined;
  return { byHistory, ...(from ? { from } : {}) };
}

/** Instructions that only set configuration: the builders record them without a layer. */
const METADATA = new Set(['ENV', 'CMD', 'ENTRYPOINT', 'LABEL', 'EXPOSE', 'USER', 'ARG', 'VOLUME', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL', 'ONBUILD', 'MAINTAINER']);

/**
 * Which history entries (oldest first) made the image's `layerCount` layers, judged from their
 * instructions; undefined when the count does not add up (then nothing is guessed).
 */
export function layerSteps(history: readonly { createdBy: string }[], layerCount: number): number[] | undefined {
  const steps = history.flatMap((h, i) => (METADATA.has(historyKeyword(h.createdBy)) ? [] : [i]));
  return steps.length === layerCount ? steps : undefined;
}
