import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate, ROOT } from './helpers';
import { postgresMajor } from '../../../server/src/core/compose/checks/postgresDataMount';

const code = 'compose-postgres-data-mount';
const service = (image: string, more = '') => `services:\n  db:\n    image: ${image}\n${more}    volumes:\n      - pgdata:/var/lib/postgresql/data\nvolumes:\n  pgdata:\n`;

test('PostgreSQL 18 or later with its data mounted at /var/lib/postgresql/data refuses to start (round 15)', () => {
  for (const image of ['postgres', 'postgres:latest', 'postgres:18-alpine', 'docker.io/library/postgres:18.1', 'postgres:alpine', 'postgis/postgis:18-3.6', 'pgvector/pgvector:pg18']) {
    const text = service(image);
    const [d, ...rest] = findings(validate(text), code);
    assert.deepEqual(rest, [], image);
    assert.equal(covered(text, d!), '/var/lib/postgresql/data', image);
    assert.equal(d!.severity, 1);
  }
  const [untagged] = findings(validate(service('postgres')), code);
  assert.match(untagged!.message, /^postgres pulls PostgreSQL 18 or later today, whose image keeps its data under \/var\/lib\/postgresql\/18\/docker and refuses to start/);
  assert.match(untagged!.message, /mount the volume at \/var\/lib\/postgresql; to keep a database made by an older PostgreSQL, pin that major \(postgres:17\)/);
  // A bind mount, a trailing slash, an option, the long form.
  for (const volume of ['- /var/lib/postgresql/data', '- ./data:/var/lib/postgresql/data/', '- ./data:/var/lib/postgresql/data:rw', '- type: volume\n        source: pgdata\n        target: /var/lib/postgresql/data']) {
    const text = `services:\n  db:\n    image: postgres:18\n    volumes:\n      ${volume}\n`;
    assert.equal(findings(validate(text), code).length, 1, volume);
  }
});

test('compose-postgres-data-mount: older majors, the new mount point, PGDATA set (also in an env file), own builds and other images are fine', () => {
  for (const text of [
    service('postgres:17'), service('postgres:16-alpine'), service('postgis/postgis:16-3.4'), service('pgvector/pgvector:pg17'), service('postgres:${PG_VERSION:-18}'),
    service('bitnami/postgresql:latest'), service('timescale/timescaledb-ha:pg18'),
    service('postgres:18', '    environment:\n      PGDATA: /var/lib/postgresql/data\n'),
    service('postgres:18', '    environment:\n      - PGDATA=/var/lib/postgresql/data/pgdata\n'),
    service('postgres:18', '    build: ./db\n'),
    service('postgres:18', '    environment:\n      PGDATA: [\n'),
    'services:\n  db:\n    image: postgres:18\n    volumes:\n      - pgdata:/var/lib/postgresql\n',
  ]) assert.deepEqual(findings(validate(text), code), [], text);
  const withEnvFile = service('postgres', '    env_file: db.env\n');
  assert.deepEqual(findings(validate(withEnvFile, { files: { [`${ROOT}/db.env`]: 'POSTGRES_PASSWORD=x\nPGDATA=/var/lib/postgresql/data\n' } }), code), []);
  assert.equal(findings(validate(withEnvFile, { files: { [`${ROOT}/db.env`]: 'POSTGRES_PASSWORD=x\n' } }), code).length, 1);
  // An env file that cannot be read may set it.
  assert.deepEqual(findings(validate(withEnvFile), code), []);
});

test('postgresMajor reads the official image\'s tags and those of images built on it', () => {
  assert.deepEqual(['postgres', 'postgres:17.6-bookworm', 'postgres:trixie', 'postgis/postgis:latest', 'timescale/timescaledb:2.22.0-pg18', 'pgvector/pgvector:0.8.1-pg16', 'redis:8', 'postgres:${V}'].map(postgresMajor),
    [Infinity, 17, Infinity, Infinity, 18, 16, undefined, undefined]);
});

test('compose-postgres-data-mount: a volume where no postgres image keeps its data, which stays empty (round 25: pg_data at /var/lib/postgres)', () => {
  const text = (image: string, target: string) => `services:\n  db:\n    image: ${image}\n    volumes:\n      - pg_data:${target}\nvolumes:\n  pg_data:\n`;
  const [old] = findings(validate(text('postgres:14', '/var/lib/postgres')), code);
  assert.equal(old!.severity, 2);
  assert.equal(old!.message, 'postgres:14 keeps its data in /var/lib/postgresql/data, not in /var/lib/postgres: the database is written to the image\'s own anonymous volume instead, and a new container (after down and up, or a new image) starts with an empty one. Mount the volume at /var/lib/postgresql/data.');
  assert.deepEqual(old!.data, { replacement: '/var/lib/postgresql/data' });
  for (const slip of ['/var/lib/postgrs/data', '/var/lib/postgresq/data', '/var/lib/pgdata', '/var/lib/psql/data', '/var/lib/pg', '/var/lib/petspg/data']) assert.equal(findings(validate(text('postgres:16', slip)), code).length, 1, slip);
  // A folder of the root, or Bitnami's, on the official image (round 75: postgresql_data:/postgresql/data).
  for (const slip of ['/postgresql/data', '/postgres', '/pgdata', '/data/postgres', '/bitnami/postgresql']) assert.equal(findings(validate(text('postgres:16', slip)), code).length, 1, slip);
  for (const other of ['/backups', '/docker-entrypoint-initdb.d', '/data', '/var/lib/postgresql/data/pgdata']) assert.deepEqual(findings(validate(text('postgres:16', other)), code), [], other);
  // Before 18, the folder above the image's own VOLUME (round 28: postgres:14 on /var/lib/postgresql).
  assert.deepEqual(findings(validate(text('postgres:14', '/var/lib/postgresql')), code).map((d) => (d.data as { replacement: string }).replacement), ['/var/lib/postgresql/data']);
  const [latest] = findings(validate(text('postgres', '/var/lib/pgsql/data')), code);
  assert.deepEqual(latest!.data, { replacement: '/var/lib/postgresql' });
  // The right places, PGDATA pointing there, other images.
  for (const quiet of [text('postgres:14', '/var/lib/postgresql/data'), text('postgres:18', '/var/lib/postgresql'), text('mysql:8', '/var/lib/postgres'),
    'services:\n  db:\n    image: postgres:16\n    environment:\n      PGDATA: /var/lib/postgres/data\n    volumes:\n      - pg_data:/var/lib/postgres/data\nvolumes:\n  pg_data:\n']) {
    assert.deepEqual(findings(validate(quiet), code), [], quiet);
  }
});

test('a volume at the folder above the data folder loses nothing where another volume of the service is at the data folder itself (round 37: sonarqube\'s postgres:13)', () => {
  const both = 'services:\n  db:\n    image: postgres:13\n    volumes:\n      - ./data/postgresql:/var/lib/postgresql\n      - ./data/postgresql_data:/var/lib/postgresql/data\n';
  assert.deepEqual(findings(validate(both), code), []);
  assert.equal(findings(validate('services:\n  db:\n    image: postgres:13\n    volumes:\n      - ./data/postgresql:/var/lib/postgresql\n'), code).length, 1);
  // The same for mongo, redis, mysql and mariadb.
  assert.deepEqual(findings(validate('services:\n  cache:\n    image: redis:7\n    volumes:\n      - ./redis:/var/lib/redis\n      - ./redis-data:/data\n'), 'compose-data-mount'), []);
});
