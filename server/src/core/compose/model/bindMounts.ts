// A service's bind mounts, in either form: `./nginx.conf:/etc/nginx/nginx.conf:ro` and the long
// form's `type: bind` with `source` and `target`. Read by the check for mounted files that do not
// exist and by the Dockerfile checks that ask how compose runs an image (the source mounted over
// its folder). Named volumes and anonymous ones are not bind mounts. And where every mount of a
// service goes (mountTargets), for the checks of where a database's data lands.
import { entries, resolve } from './access';
import type { ComposeFile } from './composeFile';
import type { MapNode } from './nodes';
import { scalarSpan } from './symbols';
import { parseVolumeSpec } from './volumeSpec';

export interface BindMount {
  /** The host path as written, with its place in the file. */
  source: { text: string; start: number; end: number };
  /** The path in the container. */
  target: string;
}

/** The first `limit` bind mounts of a service. */
export function bindMounts(file: ComposeFile, service: MapNode, limit = 200): BindMount[] {
  const volumes = resolve(file, entries(file, service).find((e) => e.key === 'volumes')?.value);
  if (volumes?.kind !== 'seq') return [];
  const out: BindMount[] = [];
  for (const item of volumes.items.slice(0, limit)) {
    const value = resolve(file, item);
    if (value?.kind === 'scalar' && typeof value.value === 'string') {
      const span = scalarSpan(file, item);
      const spec = span ? parseVolumeSpec(span.text) : undefined;
      if (span && spec?.source && !spec.named) out.push({ source: { text: spec.source.text, start: span.start + spec.source.start, end: span.start + spec.source.end }, target: spec.target.text });
    } else if (value?.kind === 'map') {
      const fields = entries(file, value);
      const field = (key: string) => scalarSpan(file, fields.find((e) => e.key === key)?.raw ?? null);
      const kind = field('type')?.text;
      const source = field('source');
      const target = field('target')?.text;
      if ((kind === undefined || kind === 'bind') && source && target) out.push({ source, target });
    }
  }
  return out;
}

/**
 * Where the first `limit` mounts of a service go, whatever their kind: each item's target with the
 * range a fix replaces (a quoted short form's whole item, whose target is not written alone).
 */
export function mountTargets(file: ComposeFile, service: MapNode, limit = 200): { start: number; end: number; text: string }[] {
  const volumes = resolve(file, entries(file, service).find((e) => e.key === 'volumes')?.value);
  if (volumes?.kind !== 'seq') return [];
  const out: { start: number; end: number; text: string }[] = [];
  for (const raw of volumes.items.slice(0, limit)) {
    const item = resolve(file, raw);
    if (item?.kind === 'scalar' && typeof item.value === 'string') {
      // A volume, a bind mount, or an anonymous volume (the target alone): all are mounts there.
      const spec = parseVolumeSpec(item.value);
      const plain = raw === item && item.style === 'plain';
      if (spec) out.push(plain ? { start: item.start + spec.target.start, end: item.start + spec.target.end, text: spec.target.text } : { start: item.start, end: item.end, text: spec.target.text });
    } else if (item?.kind === 'map') {
      const node = resolve(file, entries(file, item).find((e) => e.key === 'target')?.value);
      if (node?.kind === 'scalar' && typeof node.value === 'string') out.push({ start: node.start, end: node.end, text: node.value });
    }
  }
  return out;
}
