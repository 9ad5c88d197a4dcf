// `POSTGRES_DB_PASSWORD_FILE`, `MONGO_INITDB_ROOT_USER`, `RABBITMQ_DEFAULT_PASSWORD`: a variable named like the
// ones an official database image reads, which its entrypoint does not read. Nothing fails: the
// database starts without the password, the user or the database the author meant, or refuses to
// start for want of one (round 10: atsea's stack, whose sibling file had POSTGRES_PASSWORD_FILE).
// The table holds what the images' own entrypoints read (docker-library's docker-entrypoint.sh).
// A service that mounts init scripts (/docker-entrypoint-initdb.d), which may read anything, or
// builds its own image, or replaces the entrypoint, is left alone.
import { t } from '../../l10n';
import { entries, resolve } from '../model/access';
import type { ComposeFile } from '../model/composeFile';
import type { MapNode } from '../model/nodes';
import { isHeld } from '../model/brokenBlocks';
import { NodeMemo } from '../model/nodeMemo';
import { environmentPairs } from '../model/environment';
import { closest } from '../model/closest';
import { repositoryAndTag } from '../../officialImages';
import type { Problem } from './problems';
import { servicesOf, type CheckContext } from './checkContext';

const withFile = (names: string[]) => names.flatMap((n) => [n, `${n}_FILE`]);

/**
 * Per official image: the prefix of the variables it reads, the ones it reads, and whether a name
 * with no read one near it is told too (not for mysql, whose programs read MYSQL_TCP_PORT,
 * MYSQL_PWD and more of their own: round 10's corpus check).
 */
const IMAGES: Record<string, { prefix: string; reads: ReadonlySet<string>; unmatched: boolean }> = {
  postgres: {
    prefix: 'POSTGRES_',
    reads: new Set([...withFile(['POSTGRES_PASSWORD', 'POSTGRES_USER', 'POSTGRES_DB', 'POSTGRES_INITDB_ARGS']), 'POSTGRES_INITDB_WALDIR', 'POSTGRES_HOST_AUTH_METHOD']),
    unmatched: true,
  },
  mysql: {
    prefix: 'MYSQL_',
    reads: new Set([...withFile(['MYSQL_ROOT_PASSWORD', 'MYSQL_DATABASE', 'MYSQL_USER', 'MYSQL_PASSWORD', 'MYSQL_ROOT_HOST']),
      'MYSQL_ALLOW_EMPTY_PASSWORD', 'MYSQL_RANDOM_ROOT_PASSWORD', 'MYSQL_ONETIME_PASSWORD', 'MYSQL_INITDB_SKIP_TZINFO', 'MYSQL_MAJOR', 'MYSQL_VERSION', 'MYSQL_SHELL_VERSION',
      // Read by MySQL's programs themselves.
      'MYSQL_TCP_PORT', 'MYSQL_UNIX_PORT', 'MYSQL_PWD', 'MYSQL_HOST', 'MYSQL_HOME', 'MYSQL_HISTFILE', 'MYSQL_HISTIGNORE', 'MYSQL_PS1', 'MYSQL_TEST_LOGIN_FILE', 'MYSQL_DEBUG', 'MYSQL_GROUP_SUFFIX']),
    unmatched: false,
  },
  rabbitmq: {
    // RabbitMQ itself reads these (the image's other RABBITMQ_ variables were dropped in 3.9).
    prefix: 'RABBITMQ_DEFAULT_',
    reads: new Set(withFile(['RABBITMQ_DEFAULT_USER', 'RABBITMQ_DEFAULT_PASS', 'RABBITMQ_DEFAULT_VHOST'])),
    unmatched: false,
  },
  mongo: {
    prefix: 'MONGO_INITDB_',
    reads: new Set([...withFile(['MONGO_INITDB_ROOT_USERNAME', 'MONGO_INITDB_ROOT_PASSWORD']), 'MONGO_INITDB_DATABASE']),
    unmatched: true,
  },
};

/** Whether an official image reads `${key}_FILE` as the path of a file holding key's value. */
export function readsFileVariant(image: string, key: string): boolean {
  const repository = repositoryAndTag(image)?.repository;
  return repository !== undefined && (IMAGES[repository]?.reads.has(`${key}_FILE`) ?? false);
}

/** Whether the service runs the image's own entrypoint over the image as published. */
function ownEntrypoint(file: ComposeFile, map: MapNode): boolean {
  const fields = entries(file, map);
  if (fields.some((e) => e.key === 'build' || e.key === 'entrypoint')) return false;
  // A command that runs a shell or a script of its own (["/bin/sh", "/bootstrap/bootstrap.sh"]):
  // the entrypoint hands over to it, and the script may read any variable (round 71).
  const command = fields.find((e) => e.key === 'command')?.value;
  const first = command?.kind === 'scalar' ? String(command.value ?? '').trim().split(/\s+/)[0] : command?.kind === 'seq' ? resolve(file, command.items[0] ?? null) : undefined;
  const word = typeof first === 'string' ? first : first?.kind === 'scalar' ? String(first.value ?? '') : '';
  if (/^(\/(usr\/)?bin\/)?(ba|da|z|a)?sh$|\.(sh|py|js|rb|pl)$|^\.{0,2}\//.test(word)) return false;
  // Init scripts may read any variable.
  for (const key of ['volumes', 'configs']) {
    const list = fields.find((e) => e.key === key)?.value;
    if (list?.kind !== 'seq') continue;
    for (const raw of list.items) {
      const item = resolve(file, raw);
      const text = item?.kind === 'scalar' ? String(item.value) : item?.kind === 'map' ? entries(file, item).map((e) => (e.value?.kind === 'scalar' ? String(e.value.value) : '')).join(' ') : '';
      if (text.includes('docker-entrypoint-initdb.d')) return false;
    }
  }
  return true;
}

/**
 * The read name the author most likely meant: one the name cuts short (POSTGRES_PASS for
 * POSTGRES_PASSWORD), one a slip away, or one whose words the name holds all of
 * (POSTGRES_DB_PASSWORD_FILE for POSTGRES_PASSWORD_FILE), or one the name starts with.
 */
function meant(key: string, reads: ReadonlySet<string>): string | undefined {
  const names = [...reads];
  const file = key.endsWith('_FILE');
  // Cut short inside a word (POSTGRES_PASS): not a name that whole words lengthen (POSTGRES_HOST is
  // no POSTGRES_HOST_AUTH_METHOD, but the host a client reads: round 62's twelve).
  const longer = names.filter((n) => n.startsWith(key) && n[key.length] !== '_' && n.endsWith('_FILE') === file).sort((a, b) => a.length - b.length)[0];
  if (longer) return longer;
  const near = closest(key, names);
  if (near) return near;
  const words = new Set(key.split('_'));
  const within = names.filter((n) => n.split('_').every((w) => words.has(w))).sort((a, b) => b.length - a.length)[0];
  if (within) return within;
  // Or one that holds all of the name's words and one more (round 45: MONGO_INITDB_USERNAME for MONGO_INITDB_ROOT_USERNAME).
  const oneMore = names.filter((n) => n.endsWith('_FILE') === file && n.split('_').length === words.size + 1 && [...words].every((w) => n.split('_').includes(w))).sort((a, b) => a.length - b.length);
  if (oneMore.length === 1) return oneMore[0];
  // Or one the name lengthens (RABBITMQ_DEFAULT_PASSWORD for RABBITMQ_DEFAULT_PASS).
  return names.filter((n) => key.startsWith(n) && n.endsWith('_FILE') === file).sort((a, b) => b.length - a.length)[0];
}

function serviceProblems(file: ComposeFile, map: MapNode): Problem[] {
  const image = entries(file, map).find((e) => e.key === 'image')?.value;
  if (image?.kind !== 'scalar' || typeof image.value !== 'string') return [];
  const repository = repositoryAndTag(image.value)?.repository;
  const known = repository ? IMAGES[repository] : undefined;
  if (!known || !ownEntrypoint(file, map)) return [];
  const out: Problem[] = [];
  const pairs = environmentPairs(file, map);
  // Values the service gives the names the image reads: an unread name holding one of them repeats it (round 22: POSTGRES_NAME beside POSTGRES_DB, same value).
  const readValues = new Set(pairs.filter((p) => known.reads.has(p.key) && p.value !== undefined && p.value !== '').map((p) => p.value));
  for (const pair of pairs) {
    if (!pair.key.startsWith(known.prefix) || known.reads.has(pair.key) || pair.key.includes('$')) continue;
    // A read name the service sets already is not the one meant (the fix would set it twice).
    const guess = meant(pair.key, known.reads);
    const near = guess && !pairs.some((p) => p.key === guess) ? guess : undefined;
    if (!near && !known.unmatched) continue;
    const repeats = pair.value !== undefined && readValues.has(pair.value);
    out.push(near
      ? { rule: 'compose-image-env-unread', start: pair.keyStart, end: pair.keyEnd, message: t('The {0} image reads no {1}, so it changes nothing. Did you mean {2}?', repository!, pair.key, near), data: { replacement: near } }
      : { rule: 'compose-image-env-unread', start: pair.keyStart, end: pair.keyEnd, severity: repeats ? 'hint' : 'information', message: t('The {0} image reads no {1}, so it changes nothing (its entrypoint reads {2}). Server settings go in command, as flags of the server.', repository!, pair.key, [...known.reads].filter((n) => !n.endsWith('_FILE')).slice(0, 4).join(', ')) });
  }
  return out;
}

const memo = new NodeMemo<Problem>((p, delta) => ({ ...p, start: p.start + delta, end: p.end + delta }));

export function checkImageEnvironment({ file, out }: CheckContext): void {
  if (!/POSTGRES_|MYSQL_|MONGO_INITDB_|RABBITMQ_DEFAULT_/.test(file.text)) return;
  for (const { map } of servicesOf(file)) {
    for (const problem of memo.get(map, () => serviceProblems(file, map))) if (!isHeld(file, problem.start)) out.push(problem);
  }
}
