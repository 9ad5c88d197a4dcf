import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate } from './helpers';

const code = 'compose-data-mount';
const service = (image: string, target: string, more = '') => `services:\n  db:\n    image: ${image}\n${more}    volumes:\n      - data:${target}\nvolumes:\n  data:\n`;

test('a volume where the official database image does not keep its data stays empty (round 28: redis on /var/lib/redis)', () => {
  for (const [image, target, data] of [['redis:7-alpine', '/var/lib/redis', '/data'], ['mongo:7', '/var/lib/mongodb', '/data/db'], ['mongo', '/data/mongo', '/data/db'], ['mariadb:11', '/var/lib/mariadb', '/var/lib/mysql']]) {
    const text = service(image!, target!);
    const found = findings(validate(text), code);
    assert.deepEqual(found.map((d) => covered(text, d)), [target], image);
    assert.deepEqual(found[0]!.data, { replacement: data }, image);
  }
  const [inside] = findings(validate(service('mysql:8.4', '/var/lib/mysql/data')), code);
  assert.match(inside!.message, /puts a folder in that data directory, and on a new volume the first start stops/);
});

test('compose-data-mount: the right folders, another data folder in the command, own builds and other images are left alone', () => {
  for (const text of [
    service('redis:7', '/data'), service('mongo:7', '/data/db'), service('mysql:8', '/var/lib/mysql'), service('mariadb:11', '/var/lib/mysql'),
    service('redis:7', '/var/lib/redis', '    command: redis-server --dir /var/lib/redis\n'),
    service('mongo:7', '/var/lib/mongodb', '    command: ["mongod", "--dbpath", "/var/lib/mongodb"]\n'),
    service('mysql:8', '/var/lib/mysql/data', '    command: --datadir=/var/lib/mysql/data\n'),
    service('bitnami/redis:7', '/var/lib/redis'),
    service('redis:7', '/var/lib/redis', '    build: ./redis\n'),
  ]) assert.deepEqual(findings(validate(text), code), [], text);
});

test('compose-data-mount and compose-postgres-data-mount: another database\'s data folder, copied with the service, stays empty (round 30: postgres at /var/lib/mysql)', () => {
  const found = (image: string, target: string) => validate(`services:\n  db:\n    image: ${image}\n    environment:\n      POSTGRES_PASSWORD: x\n      MYSQL_ROOT_PASSWORD: x\n    volumes:\n      - data:${target}\nvolumes:\n  data:\n`)
    .filter((d) => d.code === 'compose-data-mount' || d.code === 'compose-postgres-data-mount').map((d) => [d.code, d.severity]);
  assert.deepEqual(found('postgres:16', '/var/lib/mysql'), [['compose-postgres-data-mount', 2]]);
  assert.deepEqual(found('postgres:16', '/data/db'), [['compose-postgres-data-mount', 2]]);
  assert.deepEqual(found('mysql:8.4', '/var/lib/postgresql/data'), [['compose-data-mount', 2]]);
  assert.deepEqual(found('mongo:7', '/var/lib/mysql'), [['compose-data-mount', 2]]);
  assert.deepEqual(found('redis:7', '/data/db'), [['compose-data-mount', 2]]);
  // Each image's own folder is left alone.
  for (const [image, target] of [['postgres:16', '/var/lib/postgresql/data'], ['mysql:8.4', '/var/lib/mysql'], ['mongo:7', '/data/db'], ['redis:7', '/data']] as const) assert.deepEqual(found(image, target), [], `${image} ${target}`);
});
