// A service's volumes in the short syntax, `[SOURCE:]TARGET[:MODE]`: the schema takes any string,
// but compose refuses an empty part between colons or a fourth part, and the engine refuses a
// container path that is not absolute. The options after the last colon are left alone.
import { t } from '../../l10n';
import { entries, isInterpolated, resolve } from '../model/access';
import type { ComposeFile } from '../model/composeFile';
import { NodeMemo } from '../model/nodeMemo';
import type { MapNode } from '../model/nodes';
import type { Problem } from './problems';
import { servicesOf, type CheckContext } from './checkContext';
import { parseVolumeSpec } from '../model/volumeSpec';

const memo = new NodeMemo<Problem>();

export function checkVolumeSpecs({ file, out }: CheckContext): void {
  for (const { map } of servicesOf(file)) out.push(...memo.get(map, () => serviceVolumes(file, map)));
}

function serviceVolumes(file: ComposeFile, map: MapNode): Problem[] {
  const out: Problem[] = [];
  const volumes = entries(file, map).find((e) => e.key === 'volumes')?.value;
  if (volumes?.kind !== 'seq') return out;
  for (const raw of volumes.items) {
    const node = resolve(file, raw);
    if (!raw || node?.kind !== 'scalar' || typeof node.value !== 'string' || isInterpolated(node.value)) continue;
    const message = volumeProblem(node.value);
    if (message) out.push({ rule: 'compose-invalid-volume', start: raw.start, end: raw.end, message });
    else {
      const stray = strayQuote(node.value);
      if (stray) out.push({ rule: 'compose-invalid-volume', start: raw.start, end: raw.end, message: stray, severity: 'warning' });
    }
  }
  return out;
}

/** What is wrong with a short volume spec, or undefined. */
export function volumeProblem(spec: string): string | undefined {
  // Split as compose splits it (a drive letter's colon belongs to its Windows path); more than three parts: undefined.
  const parsed = parseVolumeSpec(spec);
  if (!parsed) return t('"{0}" has too many colons: a volume is written [SOURCE:]TARGET[:OPTIONS] (the colon of a Windows drive letter such as C: belongs to its path).', spec);
  if ([parsed.source, parsed.target, parsed.mode].some((part) => part?.text === '')) return t('"{0}" has an empty part between colons: a volume is written [SOURCE:]TARGET[:OPTIONS].', spec);
  const target = parsed.target.text;
  if (!isAbsoluteContainerPath(target)) return t('The container path {0} is not absolute: the engine mounts only at an absolute path such as /{0}.', target);
  return undefined;
}

/**
 * A quote left at one end of a part (`postgres_data:/var/lib/postgresql/data'`): compose keeps it
 * in the path, so the volume is mounted at a folder whose name ends in a quote and the service's
 * own folder is not kept in it (round 34's miss).
 */
export function strayQuote(spec: string): string | undefined {
  const parsed = parseVolumeSpec(spec);
  if (!parsed) return undefined;
  for (const part of [parsed.source, parsed.target, parsed.mode]) {
    const text = part?.text;
    if (!text || !/^["']|["']$/.test(text) || /^(["']).*\1$/.test(text)) continue;
    return t('{0} has a quote the YAML did not take as quoting, so it is part of the path: "{1}". Remove it, or quote the whole entry.', spec, text);
  }
  return undefined;
}

/** A Linux path from /, a Windows path from a drive letter, or a named pipe (\\.\pipe\…). */
function isAbsoluteContainerPath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
}
