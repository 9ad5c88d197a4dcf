// `command: --default-authentication-plugin=mysql_native_password`, the line a generation of
// compose files copied to let old clients in: MySQL 8.4 removed the option, and mysqld stops at
// start ("unknown variable 'default-authentication-plugin=...'"). `mysql:8` has meant 8.4 since
// April 2024 and `mysql` (latest) means 9, so such a file stops at its next pull (round 16).
// Prometheus 3.0 removed --storage.tsdb.retention (superseded by .time), --alertmanager.timeout and
// --storage.tsdb.allow-overlapping-blocks, and refuses a flag it does not know ("unknown long
// flag"); prom/prometheus with no tag or latest runs 3 since November 2024 (round 17). Not on
// MariaDB: Docker's own samples (awesome-compose) run mariadb:10 with the option.
import { t } from '../../l10n';
import { entries, resolve } from '../model/access';
import type { ComposeFile } from '../model/composeFile';
import type { CNode, MapNode } from '../model/nodes';
import { repositoryAndTag } from '../../officialImages';
import { isHeld } from '../model/brokenBlocks';
import { servicesOf, type CheckContext } from './checkContext';
import { serviceBaseImage } from '../model/serviceBaseImage';

/** The official mysql image's tags that run 8.4 or later: latest, lts, innovation, 8, 8.4, 9... */
export function mysqlFrom84(image: string): boolean {
  const ref = repositoryAndTag(image);
  if (ref?.repository !== 'mysql') return false;
  const tag = ref.tag.replace(/-(oracle|debian|bookworm)$/, '');
  if (/^(latest|lts|innovation|oracle)$/.test(tag)) return true;
  const m = /^(\d+)(?:\.(\d+))?/.exec(tag);
  if (!m) return false;
  const major = Number(m[1]);
  return major >= 9 || (major === 8 && (m[2] === undefined || Number(m[2]) >= 4));
}

/** Prometheus's images whose tag runs 3.0 or later: latest, main, v3.x. */
export function prometheusFrom3(image: string): boolean {
  const ref = repositoryAndTag(image);
  if (ref?.repository !== 'prom/prometheus' && ref?.repository !== 'quay.io/prometheus/prometheus') return false;
  if (/^(latest|main)$/.test(ref.tag)) return true;
  const m = /^v?(\d+)\./.exec(ref.tag);
  return m !== null && Number(m[1]) >= 3;
}

interface Removed {
  program: string;
  /** Whether the image runs a version without the options. */
  runs: (image: string) => boolean;
  option: RegExp;
  /** Text that may hold one of the options: a cheap test before the file is walked. */
  gate: RegExp;
}

const REMOVED: readonly Removed[] = [
  { program: 'mysql', runs: mysqlFrom84, option: /--default[-_]authentication[-_]plugin(=[^\s"',\]]*)?/, gate: /default[-_]authentication[-_]plugin/ },
  { program: 'prometheus', runs: prometheusFrom3, option: /--(storage\.tsdb\.retention|alertmanager\.timeout|storage\.tsdb\.allow-overlapping-blocks)(?![\w.-])(=[^\s"',\]]*)?/, gate: /tsdb\.retention|alertmanager\.timeout|allow-overlapping-blocks/ },
];

function commandScalars(file: ComposeFile, map: MapNode): CNode[] {
  const command = resolve(file, entries(file, map).find((e) => e.key === 'command')?.value);
  if (command?.kind === 'scalar') return [command];
  if (command?.kind === 'seq') return command.items.flatMap((i) => (resolve(file, i)?.kind === 'scalar' ? [resolve(file, i)!] : []));
  return [];
}

export function checkRemovedServerOption({ file, context, out }: CheckContext): void {
  const candidates = REMOVED.filter((r) => r.gate.test(file.text));
  if (candidates.length === 0) return;
  for (const { map } of servicesOf(file)) {
    // A service that builds runs its Dockerfile's base (round 31: FROM mysql:latest in Db/Dockerfile).
    const builds = entries(file, map).some((e) => e.key === 'build');
    const named = resolve(file, entries(file, map).find((e) => e.key === 'image')?.value);
    const image = builds ? serviceBaseImage(file, map, context)?.image : named?.kind === 'scalar' && typeof named.value === 'string' ? named.value : undefined;
    if (image === undefined) continue;
    const removed = candidates.find((r) => r.runs(image));
    if (!removed) continue;
    for (const scalar of commandScalars(file, map)) {
      const source = file.text.slice(scalar.start, scalar.end);
      const m = removed.option.exec(source);
      if (!m || isHeld(file, scalar.start)) continue;
      out.push({
        rule: 'compose-removed-server-option',
        start: scalar.start + m.index,
        end: scalar.start + m.index + m[0].length,
        message: removed.program === 'mysql'
          ? t('{0} runs MySQL 8.4 or later, which no longer has --default-authentication-plugin: mysqld stops at start ("unknown variable"). Remove it (clients should use caching_sha2_password), or pin mysql:8.0 for clients that need mysql_native_password.', image)
          : m[1] === 'storage.tsdb.retention'
            ? t('{0} runs Prometheus 3, which no longer has --storage.tsdb.retention: it stops at start ("unknown long flag"). Write --storage.tsdb.retention.time, or pin a v2 tag.', image)
            : t('{0} runs Prometheus 3, which no longer has --{1}: it stops at start ("unknown long flag"). Remove it, or pin a v2 tag.', image, m[1]!),
      });
    }
  }
}
