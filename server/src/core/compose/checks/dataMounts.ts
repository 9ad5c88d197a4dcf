// A volume mounted where the official database image does not keep its data: mongo writes to
// /data/db, redis to /data, mysql and mariadb to /var/lib/mysql. A volume at /var/lib/mongodb or
// /var/lib/redis (where the distributions' packages keep it) stays empty: the data goes to the
// anonymous volume the image declares, and a new container (down and up, a new image) starts
// without it (round 28: redis on /var/lib/redis). On mysql a volume at /var/lib/mysql/data puts a
// folder in the data directory, and the first start on a new volume stops ("--initialize specified
// but the data directory has files in it"). Another database's folder, copied with the service from a
// stack that ran that one (postgres data at /var/lib/mysql: round 30), stays empty the same way.
// Left alone where the command names another data folder.
import { t } from '../../l10n';
import { entries, isInterpolated, resolve } from '../model/access';
import { repositoryAndTag } from '../../officialImages';
import { hasBrokenPart, isHeld } from '../model/brokenBlocks';
import type { Problem } from './problems';
import { servicesOf, type CheckContext } from './checkContext';
import { mountTargets } from '../model/bindMounts';

interface DataFolder {
  /** Where the image keeps its data. */
  data: string;
  /** Targets people write for it that the image does not use. */
  wrong: RegExp;
  /** A command option that moves the data (then nothing is said). */
  moved: RegExp;
}

const DATA: Record<string, DataFolder> = {
  mongo: { data: '/data/db', wrong: /^\/var\/lib\/mongo(db)?(\/data)?$|^\/data\/mongo(db)?$|^\/var\/lib\/(mysql|postgresql(\/data)?)$/, moved: /--dbpath|\.conf/ },
  redis: { data: '/data', wrong: /^\/var\/lib\/redis(\/data)?$|^\/var\/lib\/(mysql|postgresql(\/data)?)$|^\/data\/db$/, moved: /--dir\b|\.conf/ },
  mysql: { data: '/var/lib/mysql', wrong: /^\/var\/lib\/mysql\/data$|^\/var\/lib\/mysql-data$|^\/var\/lib\/postgresql(\/data)?$|^\/data\/db$/, moved: /--datadir|\.cnf/ },
  mariadb: { data: '/var/lib/mysql', wrong: /^\/var\/lib\/mariadb(\/data)?$|^\/var\/lib\/mysql-data$|^\/var\/lib\/postgresql(\/data)?$|^\/data\/db$/, moved: /--datadir|\.cnf/ },
};

export function checkDataMounts({ file, out }: CheckContext): void {
  if (!/mongo|redis|mysql|mariadb/.test(file.text)) return;
  for (const { map } of servicesOf(file)) {
    const fields = entries(file, map);
    const image = resolve(file, fields.find((e) => e.key === 'image')?.value);
    if (image?.kind !== 'scalar' || typeof image.value !== 'string' || isInterpolated(image.value)) continue;
    const repository = repositoryAndTag(image.value)?.repository;
    const known = repository ? DATA[repository] : undefined;
    // A service that builds its own image or replaces the entrypoint may lay out its data otherwise.
    if (!known || fields.some((e) => e.key === 'build' || e.key === 'entrypoint') || hasBrokenPart(file, map)) continue;
    const command = fields.find((e) => e.key === 'command');
    if (command && known.moved.test(file.text.slice(command.keyNode.start, (command.raw ?? command.keyNode).end))) continue;
    const targets = mountTargets(file, map);
    // A volume at the data folder itself keeps the data: another at a wrong folder loses nothing (round 37).
    const keeps = targets.some((t) => t.text.replace(/\/+$/, '') === known.data);
    for (const target of targets) {
      const path = target.text.replace(/\/+$/, '');
      if (!known.wrong.test(path) || isHeld(file, target.start)) continue;
      const inside = repository === 'mysql' && path.startsWith(`${known.data}/`);
      if (keeps && !inside) continue;
      out.push({
        rule: 'compose-data-mount',
        start: target.start,
        end: target.end,
        message: inside
          ? t('{0} keeps its data in {1}: a volume at {2} puts a folder in that data directory, and on a new volume the first start stops ("--initialize specified but the data directory has files in it"). Mount the volume at {1}.', image.value, known.data, path)
          : t('{0} keeps its data in {1}, not in {2}: the database is written to the image\'s own anonymous volume instead, and a new container (after down and up, or a new image) starts with an empty one. Mount the volume at {1}.', image.value, known.data, path),
        ...(file.text.slice(target.start, target.end) === target.text ? { data: { replacement: known.data } } : {}),
      } satisfies Problem);
    }
  }
}
