// `image: mysql:8.0` with `ports: ["3307:3307"]`: the official database images listen on their own
// port (mysql and mariadb 3306, postgres 5432, redis 6379, mongo 27017), so a mapping to another
// container port publishes nothing that answers (round 80: the "connect from Workbench on 3307"
// the comment promised never worked; round 71: mariadb on 20161). Said only where nothing of the
// service can move the server's port: no command or config naming a port, no PORT variable in its
// environment or env files, no configuration file or folder mounted, no entrypoint or build of its own.
import { t } from '../../l10n';
import { entries, isInterpolated, resolve } from '../model/access';
import { repositoryAndTag } from '../../officialImages';
import { hasBrokenPart, isHeld } from '../model/brokenBlocks';
import { mountTargets } from '../model/bindMounts';
import { environmentValues, serviceEnvFileKeys } from '../model/envFile';
import { parsePortSpec } from '../model/portSpec';
import type { CNode } from '../model/nodes';
import { servicesOf, type CheckContext } from './checkContext';

const LISTENS: Record<string, readonly number[]> = {
  mysql: [3306, 33060], mariadb: [3306], postgres: [5432], redis: [6379], mongo: [27017],
};

/** A command that may set the port: an option, a configuration file, Redis's sentinel or cluster modes. */
const MOVES_PORT = /port|\.conf|\.cnf|\.ya?ml|sentinel|cluster|defaults-file|config|shardsvr/i;
/** Where configuration is mounted (a port may be set there). */
const CONFIG_TARGET = /\.(conf|cnf|ya?ml|ini)$|^\/etc\/|^\/usr\/local\/etc\/|^\/config$|\/conf\.d\/?$|^\/docker-entrypoint-initdb\.d\/.*\.(conf|cnf)$/;

export function checkPortNotListened({ file, context, out }: CheckContext): void {
  if (!/mysql|mariadb|postgres|redis|mongo/.test(file.text)) return;
  for (const { map } of servicesOf(file)) {
    const fields = entries(file, map);
    const image = resolve(file, fields.find((e) => e.key === 'image')?.value);
    if (image?.kind !== 'scalar' || typeof image.value !== 'string' || isInterpolated(image.value)) continue;
    const repository = repositoryAndTag(image.value)?.repository.replace(/^library\//, '');
    const ports = repository ? LISTENS[repository] : undefined;
    if (!ports || fields.some((e) => e.key === 'build' || e.key === 'entrypoint' || e.key === 'network_mode') || hasBrokenPart(file, map)) continue;
    const list = fields.find((e) => e.key === 'ports')?.value;
    if (list?.kind !== 'seq') continue;
    // The mappings to another container port first: most services have none, and then no env file is read.
    const foreign: { raw: CNode; container: number; published: string | undefined }[] = [];
    for (const raw of list.items) {
      const node = resolve(file, raw);
      if (!raw || node?.kind !== 'scalar' || (typeof node.value !== 'string' && typeof node.value !== 'number') || isInterpolated(String(node.value)) || isHeld(file, raw.start)) continue;
      const parsed = parsePortSpec(String(node.value));
      if (!parsed.ok) continue;
      const { container, host, protocol } = parsed.mapping;
      if (protocol !== 'tcp' || container.start !== container.end || ports.includes(container.start)) continue;
      foreign.push({ raw, container: container.start, published: host && host.start === host.end ? String(host.start) : undefined });
    }
    if (foreign.length === 0) continue;
    const command = fields.find((e) => e.key === 'command');
    if (command && MOVES_PORT.test(file.text.slice(command.keyNode.start, (command.raw ?? command.keyNode).end))) continue;
    if ([...environmentValues(file, map).keys()].some((k) => /PORT/i.test(k))) continue;
    const envFileKeys = serviceEnvFileKeys(file, map, context);
    if (envFileKeys === undefined || [...envFileKeys].some((k) => /PORT/i.test(k))) continue;
    if (mountTargets(file, map).some((m) => CONFIG_TARGET.test(m.text.replace(/\/+$/, '') || '/'))) continue;
    for (const { raw, container, published } of foreign) {
      out.push({
        rule: 'compose-port-not-listened', start: raw.start, end: raw.end,
        message: published
          ? t('{0} listens on {1} in its container, not on {2}: nothing answers on the published port {3}. Map {3}:{1}.', image.value, ports[0]!, container, published)
          : t('{0} listens on {1} in its container, not on {2}: nothing answers on this port. Map it to {1}.', image.value, ports[0]!, container),
      });
    }
  }
}
