import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate } from './helpers';

const code = 'compose-image-env-unread';

test('a variable named like the ones an official database image reads, which it does not read (round 10: atsea)', () => {
  const text = 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: app\n      POSTGRES_DB_PASSWORD_FILE: /run/secrets/db_password\n      - \n';
  const clean = text.replace('      - \n', '');
  const [d] = findings(validate(clean), code);
  assert.equal(covered(clean, d!), 'POSTGRES_DB_PASSWORD_FILE');
  assert.equal(d!.message, 'The postgres image reads no POSTGRES_DB_PASSWORD_FILE, so it changes nothing. Did you mean POSTGRES_PASSWORD_FILE?');
  assert.equal(d!.severity, 2);
  // List form, mongo, and a name with no near one: information.
  const list = 'services:\n  mongo:\n    image: docker.io/library/mongo:7\n    environment:\n      - MONGO_INITDB_ROOT_USER=root\n  pg:\n    image: postgres\n    environment:\n      - POSTGRES_LOG_STATEMENT=all\n';
  const found = findings(validate(list), code);
  assert.deepEqual(found.map((f) => [covered(list, f), f.severity]), [['MONGO_INITDB_ROOT_USER', 2], ['POSTGRES_LOG_STATEMENT', 3]]);
  // A read name with one word more than the name written (round 45: the root user's names without ROOT).
  const root = 'services:\n  mongo:\n    image: mongo:7\n    environment:\n      MONGO_INITDB_USERNAME: admin\n      MONGO_INITDB_PASSWORD: secret\n';
  assert.deepEqual(findings(validate(root), code).map((f) => [f.message, f.severity]), [
    ['The mongo image reads no MONGO_INITDB_USERNAME, so it changes nothing. Did you mean MONGO_INITDB_ROOT_USERNAME?', 2],
    ['The mongo image reads no MONGO_INITDB_PASSWORD, so it changes nothing. Did you mean MONGO_INITDB_ROOT_PASSWORD?', 2],
  ]);
  assert.match(found[1]!.message, /^The postgres image reads no POSTGRES_LOG_STATEMENT, so it changes nothing \(its entrypoint reads POSTGRES_PASSWORD, POSTGRES_USER, POSTGRES_DB, POSTGRES_INITDB_ARGS\)/);
});

test('not for the names the image reads, other images, or services whose scripts may read anything', () => {
  const reads = 'services:\n  db:\n    image: postgres:16-alpine\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/pw\n      POSTGRES_HOST_AUTH_METHOD: trust\n      PGDATA: /data\n  my:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: x\n      MYSQL_ALLOW_EMPTY_PASSWORD: "yes"\n';
  assert.deepEqual(findings(validate(reads), code), []);
  // (A command that runs a script of its own, round 71: ["/bin/sh", "/bootstrap/bootstrap.sh"].)
  for (const extra of ['    volumes:\n      - ./init:/docker-entrypoint-initdb.d\n', '    build: ./db\n', '    entrypoint: ["/start.sh"]\n', '    command: ["/bin/sh", "/bootstrap/bootstrap.sh"]\n', '    command: ./bootstrap.sh\n', '    command: bash -c "psql -f /x.sql"\n']) {
    const text = `services:\n  db:\n    image: postgres:16\n${extra}    environment:\n      POSTGRES_MULTIPLE_DATABASES: a,b\n`;
    assert.deepEqual(findings(validate(text), code), [], extra);
  }
  // The server's own flags as the command: the entrypoint still sets the database up.
  assert.equal(findings(validate('services:\n  db:\n    image: postgres:16\n    command: postgres -c max_connections=200\n    environment:\n      POSTGRES_MULTIPLE_DATABASES: a,b\n'), code).length, 1);
  // An application's own POSTGRES_* settings, and bitnami's image with its own names.
  assert.deepEqual(findings(validate('services:\n  api:\n    image: acme/api:1\n    environment:\n      POSTGRES_HOST: db\n  b:\n    image: bitnami/postgresql:16\n    environment:\n      POSTGRESQL_PASSWORD: x\n'), code), []);
});

test('mysql: its programs read MYSQL_TCP_PORT and more; only a name one slip from a read one is told', () => {
  const text = 'services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_TCP_PORT: 3307\n      MYSQL_CUSTOM_THING: x\n      MYSQL_ROOT_PASWORD: secret\n';
  assert.deepEqual(findings(validate(text), code).map((d) => covered(text, d)), ['MYSQL_ROOT_PASWORD']);
});

test('rabbitmq: a name that lengthens one RabbitMQ reads (round 12: RABBITMQ_DEFAULT_PASSWORD)', () => {
  const text = 'services:\n  mq:\n    image: rabbitmq:3-management\n    environment:\n      RABBITMQ_DEFAULT_USER: app\n      RABBITMQ_DEFAULT_PASSWORD: secret\n      RABBITMQ_DEFAULT_VHOST: /\n      RABBITMQ_ERLANG_COOKIE: x\n';
  const found = findings(validate(text), code);
  assert.deepEqual(found.map((f) => covered(text, f)), ['RABBITMQ_DEFAULT_PASSWORD']);
  assert.equal(found[0]!.message, 'The rabbitmq image reads no RABBITMQ_DEFAULT_PASSWORD, so it changes nothing. Did you mean RABBITMQ_DEFAULT_PASS?');
  // A postgres name holding the words of a read one still points at it, not at the one it starts with.
  const pg = 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER_PASSWORD: x\n';
  assert.match(findings(validate(pg), code)[0]!.message, /Did you mean POSTGRES_PASSWORD\?$/);
});

test('an unread name repeating what the service sets already is a hint, and no fix sets a read name twice (round 22: POSTGRES_NAME beside POSTGRES_DB)', () => {
  const text = 'services:\n  db:\n    image: postgres:15-alpine\n    environment:\n      POSTGRES_DB: "postgres-usuarios"\n      POSTGRES_NAME: "postgres-usuarios"\n      POSTGRES_USER: app\n      POSTGRES_PASS: x\n      POSTGRES_PASSWORD: x\n';
  const found = findings(validate(text), code);
  assert.deepEqual(found.map((f) => [covered(text, f), f.severity, f.data]), [['POSTGRES_NAME', 4, undefined], ['POSTGRES_PASS', 4, undefined]]);
  // With a value of its own, the same name is still information.
  const own = text.replace('POSTGRES_NAME: "postgres-usuarios"', 'POSTGRES_NAME: other');
  assert.equal(findings(validate(own), code)[0]!.severity, 3);
});

test('a name that whole words lengthen into a read one is not taken for it (round 62: POSTGRES_HOST is no POSTGRES_HOST_AUTH_METHOD)', () => {
  const text = 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_HOST: db\n      POSTGRES_PASS: x\n';
  const found = findings(validate(text), code);
  assert.deepEqual(found.map((f) => [covered(text, f), f.severity, f.data]), [['POSTGRES_HOST', 3, undefined], ['POSTGRES_PASS', 2, { replacement: 'POSTGRES_PASSWORD' }]]);
});
