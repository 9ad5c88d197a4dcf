// Memory and size values: a number of bytes, or a number with a unit (512m, 2g, 1.5gb), read
// the way compose-go reads them (types/bytes.go: an integer, else go-units RAMInBytes), which
// trims no space around the value.
import { t } from '../../l10n';
import { entries, isInterpolated, resolve } from '../model/access';
import type { CNode, MapNode } from '../model/nodes';
import type { ComposeFile } from '../model/composeFile';
import { NodeMemo } from '../model/nodeMemo';
import type { Problem } from './problems';
import { entryAt, servicesOf, type CheckContext } from './checkContext';

const SIZE_PATHS: string[][] = [
  ['mem_limit'],
  ['mem_reservation'],
  ['memswap_limit'],
  ['shm_size'],
  ['build', 'shm_size'],
  ['deploy', 'resources', 'limits', 'memory'],
  ['deploy', 'resources', 'reservations', 'memory'],
];

/**
 * An integer, or what go-units reads: a non-negative decimal number (Go's float syntax: 1., .5, 1e3),
 * an optional space, then b, or k/m/g/t/p alone or followed by b or ib, in any case.
 */
const SIZE = /^\+?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)? ?(?:[bB]|[kKmMgGtTpP](?:[bB]|[iI][bB])?)?$/;

/** Of the negative integers compose-go passes on to the engine, only -1 (no limit) is left alone. */
export function isByteSize(text: string): boolean {
  return text === '-1' || SIZE.test(text);
}

const memo = new NodeMemo<Problem>();

export function checkByteSizes({ file, out }: CheckContext): void {
  for (const { map } of servicesOf(file)) out.push(...memo.get(map, () => serviceSizes(file, map)));
}

function serviceSizes(file: ComposeFile, map: MapNode): Problem[] {
  const out: Problem[] = [];
  const report = (key: string, at: CNode, text: string) =>
    out.push({ rule: 'compose-invalid-byte-size', start: at.start, end: at.end, message: t('"{0}" is not a size for "{1}": use a number of bytes or a number with b, k, m or g, for example 512m.', text, key) });
  const checkValue = (key: string, raw: CNode | null) => {
    const value = resolve(file, raw);
    if (!raw || value?.kind !== 'scalar' || typeof value.value !== 'string') return;
    if (!isInterpolated(value.value) && !isByteSize(value.value)) report(key, raw, value.value);
  };
  for (const path of SIZE_PATHS) {
    const found = entryAt(file, map, ...path);
    if (found) checkValue(found.key, found.raw);
  }
  // blkio_config's throttles: every rate is read as a size, iops ones too (types.ThrottleDevice.Rate is UnitBytes).
  const blkio = entryAt(file, map, 'blkio_config')?.value;
  if (blkio?.kind === 'map') {
    for (const list of entries(file, blkio)) {
      if (!/^device_(read|write)_(bps|iops)$/.test(list.key) || list.value?.kind !== 'seq') continue;
      for (const item of list.value.items) {
        const device = resolve(file, item);
        const rate = device?.kind === 'map' ? entries(file, device).find((e) => e.key === 'rate') : undefined;
        if (rate) checkValue('rate', rate.raw);
      }
    }
  }
  const volumes = entryAt(file, map, 'volumes')?.value;
  if (volumes?.kind === 'seq') {
    for (const item of volumes.items) {
      const mount = resolve(file, item);
      if (mount?.kind !== 'map') continue;
      const tmpfs = entries(file, mount).find((e) => e.key === 'tmpfs')?.value;
      if (tmpfs?.kind === 'map') {
        const size = entries(file, tmpfs).find((e) => e.key === 'size');
        if (size) checkValue('size', size.raw);
      }
    }
  }
  return out;
}
