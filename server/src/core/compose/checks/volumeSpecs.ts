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
  }
  return out;
}

/** What is wrong with a short volume spec, or undefined. */
export function volumeProblem(spec: string): string | undefined {
  const parts = splitVolume(spec);
  if (parts.length > 3) return t('"{0}" has too many colons: a volume is written [SOURCE:]TARGET[:OPTIONS] (the colon of a Windows drive letter such as C: belongs to its path).', spec);
  if (parts.some((p) => p === '')) return t('"{0}" has an empty part between colons: a volume is written [SOURCE:]TARGET[:OPTIONS].', spec);
  const target = parts.length === 1 ? parts[0]! : parts[1]!;
  if (!isAbsoluteContainerPath(target)) return t('The container path {0} is not absolute: the engine mounts only at an absolute path such as /{0}.', target);
  return undefined;
}

/** Splits at colons, except the one after a single drive letter (C:\data, c:/data), as compose does. */
function splitVolume(spec: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < spec.length; i++) {
    if (spec[i] !== ':') continue;
    if (i - start === 1 && /[A-Za-z]/.test(spec[start]!) && (spec[i + 1] === '\\' || spec[i + 1] === '/')) continue;
    parts.push(spec.slice(start, i));
    start = i + 1;
  }
  parts.push(spec.slice(start));
  return parts;
}

/** A Linux path from /, a Windows path from a drive letter, or a named pipe (\\.\pipe\…). */
function isAbsoluteContainerPath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
}
