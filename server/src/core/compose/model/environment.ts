// A service's `environment` as KEY/value pairs, in either form, with the range a fix replaces: the
// value of a mapping entry, or the whole KEY=value item of a list.
import { entries, resolve } from './access';
import type { ComposeFile } from './composeFile';
import type { MapNode } from './nodes';

export interface EnvironmentPair {
  key: string;
  /** The value as written (undefined for a mapping key with no value, or a list item without "="). */
  value: string | undefined;
  /** The key's own range. */
  keyStart: number;
  keyEnd: number;
  /** What a fix of the value replaces: the mapping value, or the whole list item. */
  start: number;
  end: number;
  list: boolean;
}

/** The KEY=value pairs of a service's `environment` (or of another list of them: `labels`, or `deploy`'s labels given as the map). */
export function environmentPairs(file: ComposeFile, service: MapNode, section: 'environment' | 'labels' = 'environment'): EnvironmentPair[] {
  const environment = entries(file, service).find((e) => e.key === section)?.value;
  const pairs: EnvironmentPair[] = [];
  if (environment?.kind === 'map') {
    for (const e of entries(file, environment)) {
      if (e.mergedFrom) continue;
      const value = e.value?.kind === 'scalar' && e.value.value !== null ? String(e.value.value) : undefined;
      pairs.push({ key: e.key, value, keyStart: e.keyNode.start, keyEnd: e.keyNode.end, start: (e.raw ?? e.keyNode).start, end: (e.raw ?? e.keyNode).end, list: false });
    }
  } else if (environment?.kind === 'seq') {
    for (const raw of environment.items) {
      const item = resolve(file, raw);
      if (!raw || raw !== item || item?.kind !== 'scalar' || typeof item.value !== 'string') continue;
      const cut = item.value.indexOf('=');
      const key = cut < 0 ? item.value : item.value.slice(0, cut);
      // The key's offset in the item: past the quote of a quoted item.
      const keyStart = raw.start + (item.style === 'plain' ? 0 : 1);
      pairs.push({ key, value: cut < 0 ? undefined : item.value.slice(cut + 1), keyStart, keyEnd: keyStart + key.length, start: raw.start, end: raw.end, list: true });
    }
  }
  return pairs;
}
