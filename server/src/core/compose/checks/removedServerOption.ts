// `command: --default-authentication-plugin=mysql_native_password`, the line a generation of
// compose files copied to let old clients in: MySQL 8.4 removed the option, and mysqld stops at
// start ("unknown variable 'default-authentication-plugin=...'"). `mysql:8` has meant 8.4 since
// April 2024 and `mysql` (latest) means 9, so such a file stops at its next pull (round 16).
import { t } from '../../l10n';
import { entries, resolve } from '../model/access';
import type { ComposeFile } from '../model/composeFile';
import type { CNode, MapNode } from '../model/nodes';
import { repositoryAndTag } from '../../officialImages';
import { isHeld } from '../model/brokenBlocks';
import { servicesOf, type CheckContext } from './checkContext';

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

const REMOVED = /--default[-_]authentication[-_]plugin(=[^\s"',\]]*)?/;

function commandScalars(file: ComposeFile, map: MapNode): CNode[] {
  const command = resolve(file, entries(file, map).find((e) => e.key === 'command')?.value);
  if (command?.kind === 'scalar') return [command];
  if (command?.kind === 'seq') return command.items.flatMap((i) => (resolve(file, i)?.kind === 'scalar' ? [resolve(file, i)!] : []));
  return [];
}

export function checkRemovedServerOption({ file, out }: CheckContext): void {
  if (!/default[-_]authentication[-_]plugin/.test(file.text)) return;
  for (const { map } of servicesOf(file)) {
    const image = resolve(file, entries(file, map).find((e) => e.key === 'image')?.value);
    if (image?.kind !== 'scalar' || typeof image.value !== 'string' || !mysqlFrom84(image.value)) continue;
    for (const scalar of commandScalars(file, map)) {
      const source = file.text.slice(scalar.start, scalar.end);
      const m = REMOVED.exec(source);
      if (!m || isHeld(file, scalar.start)) continue;
      out.push({
        rule: 'compose-removed-server-option',
        start: scalar.start + m.index,
        end: scalar.start + m.index + m[0].length,
        message: t('{0} runs MySQL 8.4 or later, which no longer has --default-authentication-plugin: mysqld stops at start ("unknown variable"). Remove it (clients should use caching_sha2_password), or pin mysql:8.0 for clients that need mysql_native_password.', image.value),
      });
    }
  }
}
