// Inlay hints: the value a ${VAR} resolves to, and, after a build, each instruction's layer size
// and whether it came from the cache (the image history mapped back onto the final stage).
import type { ServiceContext } from '../../languageService';
import { t } from '../../l10n';
import { MAX_INLAY_HINTS } from '../../limits';
import type { InlayHint, Range } from '../../types';
import type { Analysis } from '../analysis/analysis';
import { formatBytes } from '../../formatBytes';
import { makesFiles, mapLayers } from '../analysis/layerMap';
import type { LayerFact } from '../../languageService';

const MAX_VALUE = 40;
/** Characters of a value in a tooltip: values may run to 64 KB each, and one line may use thousands. */
const MAX_TOOLTIP_VALUE = 500;

const clip = (value: string, max: number) => (value.length > max ? `${value.slice(0, max - 1)}…` : value);

export function inlayHints(a: Analysis, uri: string, range: Range, context: ServiceContext): InlayHint[] {
  const from = a.lines.offsetAt(range.start);
  const to = a.lines.offsetAt(range.end);
  const hints: InlayHint[] = [];
  for (const use of a.variables.uses) {
    // An editor shows a screenful; thousands of uses on one line made answers of megabytes.
    if (hints.length >= MAX_INLAY_HINTS) break;
    const value = use.def?.value;
    if (value === undefined || use.ref.span.start < from || use.ref.span.end > to) continue;
    hints.push({ position: a.lines.positionAt(use.ref.span.end), label: `= ${clip(value, MAX_VALUE)}`, paddingLeft: true, tooltip: t('{0} resolves to {1} with the defaults in this Dockerfile.', use.ref.name, clip(value, MAX_TOOLTIP_VALUE)) });
  }
  const built = context.facts.builtImages.find((b) => b.dockerfileUri === uri);
  if (built) {
    for (const { instruction, layer } of mapLayers(a.doc.stages, built.layers, built.target)) {
      if (!makesFiles(instruction, layer) || instruction.span.end < from || instruction.span.start > to) continue;
      const parts = [layer.cached ? t('{0} · cached', formatBytes(layer.size)) : formatBytes(layer.size)];
      if (layer.wasted) parts.push(t('{0} wasted', formatBytes(layer.wasted)));
      if (layer.hides) parts.push(t('hides {0}', formatBytes(layer.hides)));
      const lineEnd = a.lines.lineEnd(a.lines.positionAt(instruction.span.start).line);
      hints.push({ position: a.lines.positionAt(lineEnd), label: parts.join(' · '), paddingLeft: true, tooltip: layerTooltip(built.image, layer) });
    }
  }
  return hints.sort((x, y) => x.position.line - y.position.line || x.position.character - y.position.character);
}

/** What a layer hint means, with what the analysis found (wasted and hidden bytes) when there is one. */
export function layerTooltip(image: string, layer: LayerFact): string {
  const lines = [t('Layer of image {0}', image)];
  if (layer.wasted) lines.push(t('{0} of it is wasted: a later instruction deleted or overwrote those files, but this layer still carries them.', formatBytes(layer.wasted)));
  if (layer.hides) lines.push(t('Deletes or overwrites {0} from earlier layers. That hides the files; it does not make the image smaller.', formatBytes(layer.hides)));
  return lines.join('\n');
}
