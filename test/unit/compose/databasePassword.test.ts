import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate, ROOT } from './helpers';

const code = 'compose-database-no-password';

test('a postgres, mysql or mariadb service that nothing gives a superuser password stops on a new volume (round 15)', () => {
  const text = 'services:\n  db:\n    image: postgres:9.6\n    command: postgres -c max_connections=200\n    volumes:\n      - data:/var/lib/postgresql/data\n  sql:\n    image: mysql:8.4\n    environment:\n      MYSQL_DATABASE: app\n  maria:\n    image: mariadb:11\nvolumes:\n  data:\n';
  const found = findings(validate(text), code);
  assert.deepEqual(found.map((d) => [covered(text, d), d.severity]), [['postgres:9.6', 2], ['mysql:8.4', 2], ['mariadb:11', 2]]);
  assert.equal(found[0]!.message, 'Nothing gives postgres:9.6 a superuser password: on a new volume the container stops at once ("Database is uninitialized and superuser password is not specified"). Set POSTGRES_PASSWORD (or its _FILE form with a secret), or POSTGRES_HOST_AUTH_METHOD: trust for a database only this machine reaches.');
  assert.match(found[1]!.message, /Set MYSQL_ROOT_PASSWORD \(or its _FILE form with a secret\), or MYSQL_RANDOM_ROOT_PASSWORD: "yes"\.$/);
});

test('compose-database-no-password: set in any form, through an anchor or an env file, or where something else may set it', () => {
  for (const text of [
    'services:\n  db:\n    image: postgres:17\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD}\n',
    'services:\n  db:\n    image: postgres:17\n    environment:\n      - POSTGRES_HOST_AUTH_METHOD=trust\n',
    'services:\n  db:\n    image: postgres:17\n    environment:\n      - POSTGRES_PASSWORD\n',
    'services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_RANDOM_ROOT_PASSWORD: "yes"\n',
    'services:\n  db:\n    image: mariadb:11\n    environment:\n      MYSQL_ROOT_PASSWORD_FILE: /run/secrets/root\n',
    'x-db: &db\n  POSTGRES_PASSWORD: secret\nservices:\n  db:\n    image: postgres:17\n    environment:\n      <<: *db\n',
    'x-db: &db\n  image: postgres:17\n  environment:\n    POSTGRES_PASSWORD: secret\nservices:\n  db:\n    <<: *db\n',
    'services:\n  db:\n    image: postgres:17\n    env_file: missing.env\n',
    'services:\n  db:\n    image: postgres:17\n    build: ./db\n',
    'services:\n  db:\n    extends:\n      file: base.yaml\n      service: db\n    image: postgres:17\n',
    'services:\n  cache:\n    image: redis:7\n  mongo:\n    image: mongo:7\n',
    'services:\n  vacuum:\n    image: postgres:15\n    environment:\n      - PGPASSWORD=postgres\n    command: >\n      sh -c "psql -h db -U postgres -c \'VACUUM FULL;\'"\n',
    'services:\n  dump:\n    image: mysql:8\n    command: ["mysqldump", "-h", "db", "app"]\n',
    'services:\n  db:\n    image: postgres:17\n    environment:\n      POSTGRES_PASSWORD: [\n',
  ]) assert.deepEqual(findings(validate(text), code), [], text);
  const withEnvFile = 'services:\n  db:\n    image: postgres:17\n    env_file:\n      - path: db.env\n        required: true\n';
  assert.deepEqual(findings(validate(withEnvFile, { files: { [`${ROOT}/db.env`]: 'POSTGRES_PASSWORD=x\n' } }), code), []);
  assert.equal(findings(validate(withEnvFile, { files: { [`${ROOT}/db.env`]: 'POSTGRES_USER=x\n' } }), code).length, 1);
  // An override beside it that names the service may give it the password.
  const base = 'services:\n  db:\n    image: postgres:17\n';
  assert.deepEqual(findings(validate(base, { files: { [`${ROOT}/compose.override.yaml`]: 'services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: x\n' } }), code), []);
});

test('compose-database-no-password: a service that builds on the postgres image, where neither the Dockerfile nor the service sets a password (round 40)', () => {
  const text = 'services:\n  db:\n    build:\n      context: ./postgres\n    env_file:\n      - ./postgres.env\n';
  const dockerfile = 'FROM postgres:latest\nENV DATABASE_USER=postgres\nENV DATABASE_PASSWORD=postgres\nCMD ["postgres", "-p", "5433"]\n';
  const files = (more: Record<string, string> = {}) => ({ [`${ROOT}/postgres/Dockerfile`]: dockerfile, [`${ROOT}/postgres.env`]: 'DATABASE_USER=x\nDATABASE_PASSWORD=y\n', ...more });
  const [found] = findings(validate(text, { files: files() }), code);
  assert.equal(covered(text, found!), 'build');
  assert.match(found!.message, /^Nothing gives postgres:latest a superuser password/);
  // The Dockerfile sets one, or replaces the entrypoint; the env file sets one; another base image.
  for (const more of [
    { [`${ROOT}/postgres/Dockerfile`]: `${dockerfile}ENV POSTGRES_PASSWORD=postgres\n` },
    { [`${ROOT}/postgres/Dockerfile`]: `${dockerfile}ENTRYPOINT ["/init.sh"]\n` },
    { [`${ROOT}/postgres.env`]: 'POSTGRES_PASSWORD=y\n' },
    { [`${ROOT}/postgres/Dockerfile`]: 'FROM python:3.12\n' },
  ] as Record<string, string>[]) assert.deepEqual(findings(validate(text, { files: files(more) }), code), [], JSON.stringify(more));
});

test('compose-database-no-password: a postgres tag pinned to a build from before February 2020 starts without a password (round 17)', async () => {
  const { postgresBeforePasswordRequired } = await import('../../../server/src/core/compose/checks/databasePassword');
  for (const tag of ['9.5.4', '9.6.16', '10.11', '11.6-alpine', '12.1', '9.3', '9.2.24', '8.4']) assert.ok(postgresBeforePasswordRequired(tag), tag);
  for (const tag of ['9.5', '9.6', '9.4', '9.5.21', '9.6.17', '10', '10.12', '11.7', '12', '12.2', '13.0', '16-alpine', 'latest', 'alpine']) assert.ok(!postgresBeforePasswordRequired(tag), tag);
  assert.deepEqual(findings(validate('services:\n  db:\n    image: postgres:9.5.4\n'), code), []);
  assert.equal(findings(validate('services:\n  db:\n    image: postgres:9.5\n'), code).length, 1);
});

test('compose-database-root-user: root as the regular user of mysql or mariadb stops the entrypoint on a new volume (round 26)', () => {
  for (const [image, key] of [['mysql:5.7', 'MYSQL_USER'], ['mysql:8.4', 'MYSQL_USER'], ['mariadb:11', 'MARIADB_USER'], ['mariadb:10.6', 'MYSQL_USER']]) {
    const text = `services:\n  db:\n    image: ${image}\n    environment:\n      - MYSQL_ROOT_PASSWORD=x\n      - ${key}=root\n`;
    const found = findings(validate(text), 'compose-database-root-user');
    assert.equal(found.length, 1, image);
    assert.equal(covered(text, found[0]!), key);
  }
  // Another name, a client (command: mysql ...), another image that reads MYSQL_USER as a client's.
  for (const text of [
    'services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: x\n      MYSQL_USER: app\n',
    'services:\n  cli:\n    image: mysql:8\n    command: mysql -h db -u root\n    environment:\n      MYSQL_USER: root\n',
    'services:\n  app:\n    image: wordpress:6\n    environment:\n      MYSQL_USER: root\n',
  ]) assert.deepEqual(findings(validate(text), 'compose-database-root-user'), [], text);
});
