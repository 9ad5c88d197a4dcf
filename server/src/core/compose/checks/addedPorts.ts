// A port mapping in a file layered on the base file (compose.override.yaml, or a -f layer such as
// docker-compose.staging.yml) for a container port the base already publishes on another host
// port: compose merges the files' ports (compose-go override/merge.go appends them, keeping one
// of each mapping), so the container is published on both, which a layer meant to move the port
// rarely wants, and the base's host port stays taken. `ports: !override [...]` replaces the list.
import { t } from '../../l10n';
import { entries, resolve, type Entry } from '../model/access';
import { isHeld } from '../model/brokenBlocks';
import type { ComposeFile } from '../model/composeFile';
import { parsePortSpec, type PortMapping } from '../model/portSpec';
import { DEFAULT_FILE_NAMES, isOverrideFile } from '../model/project';
import { symbolsOf } from '../model/symbols';
import { basenameUri, relativeUri } from '../model/uris';
import { servicesOf, type CheckContext } from './checkContext';
import { mayBeStack } from './swarmKeys';

/** The short-form mappings of a ports entry, with their text. */
function mappings(file: ComposeFile, entry: Entry | undefined): { text: string; mapping: PortMapping; start: number; end: number }[] {
  const out: { text: string; mapping: PortMapping; start: number; end: number }[] = [];
  if (entry?.value?.kind !== 'seq') return out;
  for (const raw of entry.value.items) {
    const item = resolve(file, raw);
    if (!raw || item?.kind !== 'scalar' || item.value === null || String(item.value).includes('$')) continue;
    const parsed = parsePortSpec(String(item.value));
    if (parsed.ok) out.push({ text: String(item.value), mapping: parsed.mapping, start: raw.start, end: raw.end });
  }
  return out;
}

export function checkAddedPorts(ctx: CheckContext): void {
  const { file, out } = ctx;
  const project = ctx.project();
  // Stack files are merged by docker stack deploy, by rules of its own.
  if (project.partners.length === 0 || (project.standalone && !isOverrideFile(file.uri)) || mayBeStack(file, ctx.context)) return;
  const bases = project.partners.filter((f) => DEFAULT_FILE_NAMES.includes(basenameUri(f.uri).toLowerCase()));
  if (bases.length === 0) return;
  // A -f file may also be an alternative to the base, run on its own (docker-compose.gpu.yml): only
  // a service it does not define whole (no image, build or extends) is surely layered on the base's.
  const override = isOverrideFile(file.uri);
  for (const { name, map } of servicesOf(file)) {
    const fields = entries(file, map);
    if (!override && fields.some((e) => e.key === 'image' || e.key === 'build' || e.key === 'extends')) continue;
    const own = fields.find((e) => e.key === 'ports' && !e.mergedFrom);
    if (!own || own.raw?.tag) continue;
    const ours = mappings(file, own);
    if (ours.length === 0) continue;
    for (const base of bases) {
      const theirMap = symbolsOf(base).services.get(name)?.map;
      const theirs = mappings(base, theirMap ? entries(base, theirMap).find((e) => e.key === 'ports') : undefined);
      for (const port of ours) {
        if (!port.mapping.host || isHeld(file, port.start)) continue;
        const same = theirs.find((b) => b.mapping.host !== undefined && b.mapping.container.start === port.mapping.container.start
          && b.mapping.container.end === port.mapping.container.end && b.mapping.protocol === port.mapping.protocol
          && (b.mapping.host.start !== port.mapping.host!.start || b.mapping.host.end !== port.mapping.host!.end));
        if (!same) continue;
        out.push({
          rule: 'compose-port-added',
          start: port.start,
          end: port.end,
          message: t('Compose adds this mapping to the "{0}" of {1}: the files\' ports are merged, so container port {2} is published on both. To publish only this one, write ports: !override [...] here.', same.text, relativeUri(file.uri, base.uri), String(port.mapping.container.start)),
        });
      }
    }
  }
}
