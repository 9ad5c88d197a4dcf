// container_name must be unique among the containers one `up` starts: two services with the same
// one cannot both be created. Services that profiles keep apart (a cpu and a gpu variant of one
// service, say) never run together, as compose only compares the services it enables; a clash
// that needs a profile asked for is a warning, since a plain `up` works. A name
// that several services take from one anchor is reported once, where it is written. Compose also
// refuses a container_name on a service that runs more than one container (scale or
// deploy.replicas above 1). Not in a stack file, where docker stack deploy ignores container_name.
import { t } from '../../l10n';
import { isInterpolated } from '../model/access';
import type { ComposeFile } from '../model/composeFile';
import type { CNode, MapNode } from '../model/nodes';
import { canRunTogether, entryAt, profilesOf, servicesOf, valueAt, type CheckContext } from './checkContext';
import { isHeld } from '../model/brokenBlocks';
import { usedForStack } from './swarmKeys';

interface Named {
  service: string;
  node: CNode;
  profiles: string[];
}

export function checkDuplicateContainerNames({ file, context, out }: CheckContext): void {
  // docker stack deploy ignores container_name (the Swarm notes say so), so a stack file's are no clash (round 11).
  if (!file.text.includes('container_name') || usedForStack(file, context)) return;
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

/** More than one container as compose counts them: `scale` when set, else deploy.replicas. */
function replicasOf(file: ComposeFile, map: MapNode): { key: string; count: number } | undefined {
  const scale = valueAt(file, map, 'scale');
  const [key, value] = scale ? ['scale', scale] : ['deploy.replicas', valueAt(file, map, 'deploy', 'replicas')];
  if (value?.kind !== 'scalar' || value.value === null) return undefined;
  const text = String(value.value);
  const count = /^\d+$/.test(text) ? Number(text) : 0;
  return count > 1 ? { key, count } : undefined;
}
