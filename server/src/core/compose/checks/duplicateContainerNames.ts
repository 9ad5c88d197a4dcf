// container_name must be unique among the containers one `up` starts: two services with the same
// one cannot both be created. Services that profiles keep apart (a cpu and a gpu variant of one
// service, say) never run together, as compose only compares the services it enables; a clash
// that needs a profile asked for is a warning, since a plain `up` works. A name
// that several services take from one anchor is reported once, where it is written. Compose also
// refuses a container_name on a service that runs more than one container (scale or
// deploy.replicas above 1). Not in a stack file, where docker stack deploy ignores container_name.
import { t } from '../../l10n';
import { entries, isInterpolated } from '../model/access';
import type { ComposeFile } from '../model/composeFile';
import type { CNode, MapNode } from '../model/nodes';
import { canRunTogether, entryAt, profilesOf, servicesOf, valueAt, type CheckContext } from './checkContext';
import { isHeld } from '../model/brokenBlocks';
import { usedForStack } from './swarmKeys';
import { DEFAULT_FILE_NAMES } from '../model/project';
import { basenameUri } from '../model/uris';

interface Named {
  service: string;
  node: CNode;
  profiles: string[];
}

export function checkDuplicateContainerNames(ctx: CheckContext): void {
  const { file, context, out } = ctx;
  const names = file.text.includes('container_name');
  // docker stack deploy ignores container_name (the Swarm notes say so), so a stack file's are no clash (round 11).
  if ((!names && !/replicas|scale/.test(file.text)) || usedForStack(file, context)) return;
  checkReplicasOverBase(ctx);
  if (!names) return;
  const byName = new Map<string, Named[]>();
  for (const { name, map } of servicesOf(file)) {
    const found = entryAt(file, map, 'container_name');
    const value = found?.value;
    if (!found || value?.kind !== 'scalar' || value.value === null) continue;
    const text = String(value.value);
    const node = found.raw ?? value;
    if (isInterpolated(text) || isHeld(file, node.start)) continue;
    const replicas = replicasOf(file, map);
    if (replicas) {
      out.push({
        rule: 'compose-duplicate-container-name',
        start: node.start,
        end: node.end,
        message: t('"{0}" is set to {1}, but a container name names one container: compose refuses container_name with more than one. Remove container_name, or run one container.', replicas.key, String(replicas.count)),
      });
    }
    const list = byName.get(text) ?? [];
    list.push({ service: name, node, profiles: profilesOf(file, map) });
    byName.set(text, list);
  }
  for (const [container, list] of byName) {
    if (list.length < 2) continue;
    const clashing = list.filter((item) => list.some((o) => o !== item && canRunTogether(item.profiles, o.profiles)));
    // One finding per place the name is written, however many services take it from there.
    const byNode = new Map<CNode, Named[]>();
    for (const item of clashing) byNode.set(item.node, [...(byNode.get(item.node) ?? []), item]);
    for (const [node, sharing] of byNode) {
      const others = clashing.filter((o) => o.node !== node && sharing.some((s) => canRunTogether(s.profiles, o.profiles)));
      const quoted = (items: Named[]) => items.map((o) => `"${o.service}"`).join(', ');
      // A plain `up` starts only the services without profiles: an error when it starts two that
      // take the name from here or meet it; otherwise only some profiles clash, a warning.
      const always = [...sharing, ...others].filter((x) => x.profiles.length === 0);
      const certain = always.length >= 2 && always.some((x) => sharing.includes(x));
      out.push({
        rule: 'compose-duplicate-container-name',
        start: node.start,
        end: node.end,
        message: others.length > 0
          ? t('Container name "{0}" is also used by service {1}.', container, quoted(others))
          : t('Container name "{0}" is given to services {1} from here, and only one container can have it.', container, quoted(sharing)),
        ...(certain ? {} : { severity: 'warning' as const }),
      });
    }
  }
}

/**
 * An overlay (docker-compose.prod.yml, used with -f over the base) that runs more than one
 * container of a service the base file names with container_name: the combined project is refused
 * (round 22: replicas: 2 in the prod file, container_name in the base). Only the base by its
 * default name counts, the one every overlay is combined with; an overlay that resets or sets the
 * name itself is judged by the check above.
 */
function checkReplicasOverBase(ctx: CheckContext): void {
  const { file, out } = ctx;
  if (!/replicas|scale/.test(file.text)) return;
  const project = ctx.project();
  if (project.standalone) return;
  const base = project.partners.find((p) => DEFAULT_FILE_NAMES.includes(basenameUri(p.uri).toLowerCase()));
  if (!base || !base.text.includes('container_name') || usedForStack(base, ctx.context)) return;
  // A file whose every service has an image or a build may be run on its own (`-f docker-compose.prod.yml`
  // alone, round 11); one with a service that has neither is surely laid over the base.
  const services = servicesOf(file);
  if (!services.some(({ map }) => map && !entries(file, map).some((e) => e.key === 'image' || e.key === 'build' || e.key === 'extends'))) return;
  const baseServices = new Map(servicesOf(base).map((s) => [s.name, s.map]));
  for (const { name, map } of services) {
    const replicas = replicasOf(file, map);
    const baseMap = baseServices.get(name);
    // The overlay's own container_name (or its !reset, which entries() leaves out) decides instead.
    if (!replicas || !baseMap || map.pairs.some((p) => p.key?.kind === 'scalar' && p.key.value === 'container_name')) continue;
    const container = valueAt(base, baseMap, 'container_name');
    if (container?.kind !== 'scalar' || container.value === null || isInterpolated(String(container.value))) continue;
    const node = replicas.node;
    if (isHeld(file, node.start)) continue;
    out.push({
      rule: 'compose-duplicate-container-name',
      start: node.start,
      end: node.end,
      message: t('"{0}" is {1} here, but {2} names "{3}" container "{4}": combined, compose refuses container_name with more than one container. Remove container_name there, or reset it here (container_name: !reset null).', replicas.key, String(replicas.count), basenameUri(base.uri), name, String(container.value)),
    });
  }
}

/** More than one container as compose counts them: `scale` when set, else deploy.replicas. */
function replicasOf(file: ComposeFile, map: MapNode): { key: string; count: number; node: CNode } | undefined {
  const scale = valueAt(file, map, 'scale');
  const [key, value] = scale ? ['scale', scale] : ['deploy.replicas', valueAt(file, map, 'deploy', 'replicas')];
  if (value?.kind !== 'scalar' || value.value === null) return undefined;
  const text = String(value.value);
  const count = /^\d+$/.test(text) ? Number(text) : 0;
  return count > 1 ? { key, count, node: value } : undefined;
}
