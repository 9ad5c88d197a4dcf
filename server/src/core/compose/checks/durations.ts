// Durations (healthcheck timings, stop_grace_period, deploy delays) in Go's notation extended
// with days and weeks, which is what compose parses them with (str2duration): 10s, 1m30s, 1.5h,
// 500ms, 2d, 1w. A bare 0, signed or not, needs no unit.
import { t } from '../../l10n';
import { entries, isInterpolated } from '../model/access';
import type { ComposeFile } from '../model/composeFile';
import { NodeMemo } from '../model/nodeMemo';
import type { MapNode } from '../model/nodes';
import type { Problem } from './problems';
import { entryAt, servicesOf, type CheckContext } from './checkContext';

const DURATION_PATHS: string[][] = [
  ['healthcheck', 'interval'],
  ['healthcheck', 'timeout'],
  ['healthcheck', 'start_period'],
  ['healthcheck', 'start_interval'],
  ['stop_grace_period'],
  ['deploy', 'update_config', 'delay'],
  ['deploy', 'update_config', 'monitor'],
  ['deploy', 'rollback_config', 'delay'],
  ['deploy', 'rollback_config', 'monitor'],
  ['deploy', 'restart_policy', 'delay'],
  ['deploy', 'restart_policy', 'window'],
];

const DURATION = /^[-+]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|\u00b5s|\u03bcs|ms|s|m|h|d|w))+$/;

export function isDuration(text: string): boolean {
  return /^[-+]?0$/.test(text) || DURATION.test(text);
}

const memo = new NodeMemo<Problem>();

export function checkDurations({ file, out }: CheckContext): void {
  for (const { map } of servicesOf(file)) out.push(...memo.get(map, () => serviceDurations(file, map)));
}

/** The service keys the paths start with: most services have none or one of them. */
const FIRST_KEYS = new Set(DURATION_PATHS.map((path) => path[0]!));

function serviceDurations(file: ComposeFile, map: MapNode): Problem[] {
  const out: Problem[] = [];
  const present = new Set<string>();
  for (const entry of entries(file, map)) if (FIRST_KEYS.has(entry.key)) present.add(entry.key);
  if (present.size === 0) return out;
  for (const path of DURATION_PATHS) {
    if (!present.has(path[0]!)) continue;
    const found = entryAt(file, map, ...path);
    const value = found?.value;
    if (!found || value?.kind !== 'scalar' || typeof value.value !== 'string') continue;
    if (isInterpolated(value.value) || isDuration(value.value)) continue;
    const hint = /^\d+(\.\d+)?$/.test(value.value) ? t('Add a unit, for example {0}s.', value.value) : t('Use a number and a unit, for example 30s or 1m30s.');
    const at = found.raw ?? value;
    out.push({ rule: 'compose-invalid-duration', start: at.start, end: at.end, message: t('"{0}" is not a duration for "{1}". {2}', value.value, found.key, hint) });
  }
  return out;
}
