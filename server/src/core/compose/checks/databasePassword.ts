// The official postgres, mysql and mariadb images refuse to create a new database without being
// told the superuser's password (or that there is none on purpose): postgres exits with "Database
// is uninitialized and superuser password is not specified", mysql and mariadb with "Database is
// uninitialized and password option is not specified". A service without any of those variables
// fails at its first `up` on a new volume (round 15: a postgres:9.6 service with none). An
// initialized volume starts anyway, so a warning. Told only where nothing else may set them: no
// env_file that cannot be read, no extends, no file combined with this one that names the service.
import { t } from '../../l10n';
import { entries, resolve } from '../model/access';
import type { ComposeFile } from '../model/composeFile';
import type { MapNode } from '../model/nodes';
import { environmentValues, serviceEnvFileKeys } from '../model/envFile';
import { repositoryAndTag } from '../../officialImages';
import { hasBrokenPart, isHeld } from '../model/brokenBlocks';
import type { ServiceContext } from '../../languageService';
import { servicesOf, type CheckContext } from './checkContext';
import { symbolsOf } from '../model/symbols';
import { environmentPairs } from '../model/environment';
import { serviceBaseImage } from '../model/serviceBaseImage';

/** Per image: any one of these set lets it initialize, and the one to suggest. */
const NEEDS: Record<string, { any: readonly string[]; suggest: string; exit: string }> = {
  postgres: { any: ['POSTGRES_PASSWORD', 'POSTGRES_PASSWORD_FILE', 'POSTGRES_HOST_AUTH_METHOD'], suggest: 'POSTGRES_PASSWORD', exit: 'Database is uninitialized and superuser password is not specified' },
  mysql: { any: ['MYSQL_ROOT_PASSWORD', 'MYSQL_ROOT_PASSWORD_FILE', 'MYSQL_ALLOW_EMPTY_PASSWORD', 'MYSQL_RANDOM_ROOT_PASSWORD'], suggest: 'MYSQL_ROOT_PASSWORD', exit: 'Database is uninitialized and password option is not specified' },
  mariadb: {
    any: ['MARIADB_ROOT_PASSWORD', 'MARIADB_ROOT_PASSWORD_FILE', 'MARIADB_ROOT_PASSWORD_HASH', 'MARIADB_ALLOW_EMPTY_ROOT_PASSWORD', 'MARIADB_RANDOM_ROOT_PASSWORD',
      'MYSQL_ROOT_PASSWORD', 'MYSQL_ROOT_PASSWORD_FILE', 'MYSQL_ALLOW_EMPTY_PASSWORD', 'MYSQL_RANDOM_ROOT_PASSWORD'],
    suggest: 'MARIADB_ROOT_PASSWORD', exit: 'Database is uninitialized and password option is not specified',
  },
};

/** Per postgres release line, the first patch whose entrypoint refuses an empty password (February 2020). */
const POSTGRES_PASSWORD_REQUIRED_FROM: Record<string, number> = { 12: 2, 11: 7, 10: 12, '9.6': 17, '9.5': 21, '9.4': 26 };

/**
 * A postgres tag pinned to a build from before February 2020, whose entrypoint started the server
 * without a password, trusting every connection (round 17: postgres:9.5.4, which the app's
 * password-less URL relies on). A tag of a release line names its last build, which refuses.
 */
export function postgresBeforePasswordRequired(tag: string): boolean {
  const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-|$)/.exec(tag);
  if (!m) return false;
  const major = Number(m[1]);
  if (major >= 13) return false;
  if (major >= 10) return m[2] !== undefined && Number(m[2]) < (POSTGRES_PASSWORD_REQUIRED_FROM[major] ?? 0);
  // 9.3 and older ended before the change; 9.4 to 9.6 by their patch.
  const minor = Number(m[2] ?? 0);
  if (major < 9 || (major === 9 && minor <= 3)) return true;
  const from = POSTGRES_PASSWORD_REQUIRED_FROM[`${major}.${minor}`];
  return from !== undefined && m[3] !== undefined && Number(m[3]) < from;
}

/** The server programs the images' entrypoints start, and so initialize a database for. */
const SERVERS = new Set(['postgres', 'mysqld', 'mariadbd']);

/**
 * Whether the service runs the database server: no command, or one that starts it or gives it
 * options. `command: psql -h db ...` uses the image as a client, and its entrypoint then runs
 * that command alone (round 15's rescore: Audius's optimize-db).
 */
export function runsServer(file: ComposeFile, map: MapNode): boolean {
  const command = resolve(file, entries(file, map).find((e) => e.key === 'command')?.value);
  if (!command) return true;
  const first = command.kind === 'seq' ? resolve(file, command.items[0]) : command;
  if (first?.kind !== 'scalar' || first.value === null) return true;
  const word = String(first.value).trim().split(/\s+/)[0] ?? '';
  return word === '' || word.startsWith('-') || SERVERS.has(word);
}

/** Whether a file combined with this one may give the service what it lacks. */
function sharedWithPartners(ctx: CheckContext, name: string): boolean {
  const project = ctx.project();
  if (!project.standalone || project.incomplete || project.absent.length > 0) return true;
  return [...project.partners, ...project.includes].some((f) => symbolsOf(f).services.has(name));
}

function serviceProblem(file: ComposeFile, map: MapNode, context: ServiceContext): { start: number; end: number; message: string } | undefined {
  const fields = entries(file, map);
  const build = fields.find((e) => e.key === 'build');
  const image = resolve(file, fields.find((e) => e.key === 'image')?.value);
  // A service that builds: its Dockerfile's final base, unless the Dockerfile sets the variables
  // itself or replaces the entrypoint (round 40: FROM postgres:latest with only DATABASE_* set).
  const base = build ? serviceBaseImage(file, map, context) : undefined;
  const name = build ? base?.image : image?.kind === 'scalar' && typeof image.value === 'string' ? image.value : undefined;
  const at = build ? build.keyNode : image;
  if (name === undefined || !at) return undefined;
  const ref = repositoryAndTag(name);
  const needs = NEEDS[ref?.repository ?? ''];
  if (ref?.repository === 'postgres' && postgresBeforePasswordRequired(ref.tag)) return undefined;
  // One that replaces the entrypoint or extends another may set them otherwise.
  if (!needs || fields.some((e) => e.key === 'entrypoint' || e.key === 'extends')) return undefined;
  if (build && (!base?.dockerfile || /^[ \t]*ENTRYPOINT\b/im.test(base.dockerfile) || needs.any.some((k) => base.dockerfile!.includes(k)))) return undefined;
  // A part the parser could not read may set it; a client (command: psql ...) creates no database.
  if (hasBrokenPart(file, map) || !runsServer(file, map)) return undefined;
  const environment = environmentValues(file, map);
  if (needs.any.some((k) => environment.has(k))) return undefined;
  const fromFiles = serviceEnvFileKeys(file, map, context);
  if (fromFiles === undefined || needs.any.some((k) => fromFiles.has(k))) return undefined;
  return {
    start: at.start,
    end: at.end,
    message: t('Nothing gives {0} a superuser password: on a new volume the container stops at once ("{1}"). Set {2} (or its _FILE form with a secret){3}.', name, needs.exit, needs.suggest,
      needs.suggest === 'POSTGRES_PASSWORD' ? t(', or POSTGRES_HOST_AUTH_METHOD: trust for a database only this machine reaches') : t(', or MYSQL_RANDOM_ROOT_PASSWORD: "yes"')),
  };
}

/**
 * `MYSQL_USER: root` on mysql or mariadb: the variable names a regular user the entrypoint
 * creates, and root already exists, so on a new volume it stops ("MYSQL_USER="root", MYSQL_USER and
 * MYSQL_PASSWORD are for configuring a regular user and cannot be used for the root user"); round
 * 26. A warning, as an initialized volume starts anyway.
 */
function rootAsUser(file: ComposeFile, map: MapNode): { start: number; end: number; message: string } | undefined {
  const image = resolve(file, entries(file, map).find((e) => e.key === 'image')?.value);
  const repository = image?.kind === 'scalar' && typeof image.value === 'string' ? repositoryAndTag(image.value)?.repository : undefined;
  if ((repository !== 'mysql' && repository !== 'mariadb') || !runsServer(file, map)) return undefined;
  const pair = environmentPairs(file, map).find((p) => (p.key === 'MYSQL_USER' || p.key === 'MARIADB_USER') && p.value?.trim().replace(/^["']|["']$/g, '') === 'root');
  if (!pair) return undefined;
  const root = pair.key.startsWith('MARIADB') ? 'MARIADB_ROOT_PASSWORD' : 'MYSQL_ROOT_PASSWORD';
  return {
    start: pair.keyStart,
    end: pair.keyEnd,
    message: t('{0} names a regular user the image creates, and root exists already: on a new volume the container stops ("{0}="root", {0} and {1} are for configuring a regular user and cannot be used for the root user"). Remove {0} and {1}, and give root its password with {2}.', pair.key, pair.key.replace(/USER$/, 'PASSWORD'), root),
  };
}

export function checkDatabasePassword(ctx: CheckContext): void {
  const { file, context, out } = ctx;
  if (!/postgres|mysql|mariadb/.test(file.text)) return;
  for (const { name, map } of servicesOf(file)) {
    const root = rootAsUser(file, map);
    if (root && !isHeld(file, root.start)) out.push({ rule: 'compose-database-root-user', ...root });
    const found = serviceProblem(file, map, context);
    if (!found || isHeld(file, found.start) || sharedWithPartners(ctx, name)) continue;
    out.push({ rule: 'compose-database-no-password', ...found });
  }
}
