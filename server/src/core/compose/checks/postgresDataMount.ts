// PostgreSQL 18's images keep their data in a folder per major version under /var/lib/postgresql
// (PGDATA=/var/lib/postgresql/18/docker), and their entrypoint refuses to start when something is
// mounted at the old /var/lib/postgresql/data: "Error: in 18+, these Docker images are configured
// to store database data in a format which is compatible with pg_ctlcluster ...", on a fresh
// volume too (docker-library/postgres#1259). `image: postgres` with no tag pulls 18 since
// September 2025, so every compose file written before with the usual data mount stops at its
// first `up` (round 15: two projects). Told where the image is surely 18 or later and nothing
// sets PGDATA (which keeps the old layout working).
import { t } from '../../l10n';
import { entries, isInterpolated, resolve } from '../model/access';
import type { ComposeFile } from '../model/composeFile';
import type { MapNode } from '../model/nodes';
import { environmentValues, serviceEnvFileKeys } from '../model/envFile';
import { mountTargets } from '../model/bindMounts';
import { repositoryAndTag } from '../../officialImages';
import { hasBrokenPart, isHeld } from '../model/brokenBlocks';
import type { ServiceContext } from '../../languageService';
import { servicesOf, type CheckContext } from './checkContext';
import { runsServer } from './databasePassword';

const OLD_DATA = '/var/lib/postgresql/data';
/**
 * Where people mount the data that no postgres image keeps it: another distribution's folder
 * (/var/lib/pgsql/data), a short name (/var/lib/postgres) or a slip (/var/lib/postgrs/data: round
 * 26; /var/lib/psql/data: round 43), or any other <folder>/data there (round 44: /var/lib/petspg/data), or another database's folder copied with the service (/var/lib/mysql: round 30), a folder of the root
 * (/postgresql/data: round 75) or Bitnami's (/bitnami/postgresql) on the official image. The
 * database then lives in the image's own anonymous volume, and a new container (down and up, a
 * pull) starts empty (round 25).
 */
const NOT_DATA = /^\/var\/lib\/(?!postgresql(\/|$))(postg[a-z]*|pg(sql|data)?|psql)(\/data)?$|^\/var\/lib\/(mysql|mariadb|mongodb|redis)(\/data)?$|^\/data\/db$|^\/var\/lib\/(?!postgresql\/)[\w.-]+\/data$|^\/(postgres(ql)?|pg(sql|data)?)(\/data)?$|^\/data\/(postgres(ql)?|pg(sql|data)?)$|^\/bitnami\/postgresql(\/data)?$/;

/** The PostgreSQL major an image tag runs, for the official image and images built on it; Infinity for the newest; undefined when not known. */
export function postgresMajor(image: string): number | undefined {
  const ref = repositoryAndTag(image);
  if (!ref) return undefined;
  const { repository, tag } = ref;
  if (repository === 'postgres' || repository === 'postgis/postgis') {
    const major = /^(\d+)/.exec(tag);
    if (major) return Number(major[1]);
    // latest, alpine, alpine3.22, bookworm, trixie: the newest major.
    return /^(latest|alpine[\d.]*|bookworm|trixie|bullseye)$/.test(tag) ? Infinity : undefined;
  }
  if (repository === 'pgvector/pgvector' || repository === 'timescale/timescaledb') {
    const major = /(?:^|-)pg(\d+)/.exec(tag);
    return major ? Number(major[1]) : undefined;
  }
  return undefined;
}

/** Whether the service's environment or env files set PGDATA; undefined when an env file cannot be read. */
function setsPgdata(file: ComposeFile, map: MapNode, context: ServiceContext): boolean | undefined {
  if (environmentValues(file, map).has('PGDATA')) return true;
  return serviceEnvFileKeys(file, map, context)?.has('PGDATA');
}

export function checkPostgresDataMount({ file, context, out }: CheckContext): void {
  if (!file.text.includes('/var/lib/') && !/\/data\/db|\/(postgres|pg|bitnami)/.test(file.text)) return;
  for (const { map } of servicesOf(file)) {
    const fields = entries(file, map);
    const image = resolve(file, fields.find((e) => e.key === 'image')?.value);
    if (image?.kind !== 'scalar' || typeof image.value !== 'string' || isInterpolated(image.value)) continue;
    // A service that builds its own image, or replaces the entrypoint, may lay out its data otherwise.
    if (fields.some((e) => e.key === 'build' || e.key === 'entrypoint') || !runsServer(file, map)) continue;
    const major = postgresMajor(image.value);
    if (major === undefined) continue;
    const targets = mountTargets(file, map);
    for (const target of targets) {
      const path = target.text.replace(/\/+$/, '');
      if (!path || isHeld(file, target.start)) continue;
      // Before 18 the image's own VOLUME is /var/lib/postgresql/data: a volume on the folder above
      // leaves the data in the anonymous one below it (round 28: postgres:14 on /var/lib/postgresql).
      const above = path === '/var/lib/postgresql' && major < 18;
      if (path !== OLD_DATA && !NOT_DATA.test(path) && !above) continue;
      if (path === OLD_DATA && major < 18) continue;
      // PGDATA may be set, in an env file that cannot be read or a part the parser could not read.
      if (hasBrokenPart(file, map) || setsPgdata(file, map, context) !== false) break;
      if (path !== OLD_DATA) {
        const where = major >= 18 ? '/var/lib/postgresql' : OLD_DATA;
        // Another volume of the service is at the data folder itself: the data is kept there (round 37).
        if (targets.some((t) => t !== target && t.text.replace(/\/+$/, '') === where)) break;
        out.push({
          rule: 'compose-postgres-data-mount',
          start: target.start,
          end: target.end,
          message: t('{0} keeps its data in {1}, not in {2}: the database is written to the image\'s own anonymous volume instead, and a new container (after down and up, or a new image) starts with an empty one. Mount the volume at {1}.', image.value, where, path),
          severity: 'warning',
          // The short form's target alone is replaced; a quoted item's range is the whole item.
          ...(file.text.slice(target.start, target.end) === target.text ? { data: { replacement: where } } : {}),
        });
        break;
      }
      const version = major === Infinity ? t('{0} pulls PostgreSQL 18 or later today', image.value) : t('{0} runs PostgreSQL {1}', image.value, String(major));
      out.push({
        rule: 'compose-postgres-data-mount',
        start: target.start,
        end: target.end,
        message: t('{0}, whose image keeps its data under /var/lib/postgresql/{1}/docker and refuses to start while something is mounted at /var/lib/postgresql/data ("in 18+, these Docker images are configured to store database data in a format which is compatible with pg_ctlcluster"), on a new volume too. For a new database, mount the volume at /var/lib/postgresql; to keep a database made by an older PostgreSQL, pin that major (postgres:17) until it is upgraded.', version, major === Infinity ? '18' : String(major)),
      });
      break;
    }
  }
}
