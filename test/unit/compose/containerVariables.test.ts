import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate, ROOT } from './helpers';

const code = 'compose-host-variable';

test('a variable the service sets, used in a healthcheck or an sh -c command: compose fills it from the shell and .env, not the container (round 16)', () => {
  const text = 'services:\n  db:\n    image: mysql:8.0\n    environment:\n      MYSQL_USER: app\n      MYSQL_PASSWORD: secret\n    healthcheck:\n      test: ["CMD-SHELL", "mysqladmin ping -u $MYSQL_USER -p${MYSQL_PASSWORD}"]\n  worker:\n    image: alpine\n    environment:\n      - TARGET=db\n    command: sh -c "ping -c 1 $TARGET"\n';
  const found = findings(validate(text), code);
  assert.deepEqual(found.map((d) => covered(text, d)), ['$MYSQL_USER', '${MYSQL_PASSWORD}', '$TARGET']);
  assert.equal(found[0]!.message, 'Compose puts in $MYSQL_USER itself when it reads the file, from the shell or the .env, which do not set it: this gets an empty string, not the MYSQL_USER the service sets under environment. Write $$MYSQL_USER for the container to read it.');
  assert.deepEqual(found[1]!.data, { replacement: '$${MYSQL_PASSWORD}' });
  assert.equal(found[0]!.severity, 2);
});

test('compose-host-variable: $$, a .env that sets it, a value taken from the host, a default, no shell, or a name the service does not set are fine', () => {
  for (const text of [
    'services:\n  db:\n    image: postgres:17\n    environment:\n      POSTGRES_USER: app\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U $$POSTGRES_USER"]\n',
    'services:\n  db:\n    image: postgres:17\n    environment:\n      POSTGRES_USER: ${POSTGRES_USER}\n    healthcheck:\n      test: pg_isready -U $POSTGRES_USER\n',
    'services:\n  db:\n    image: postgres:17\n    environment:\n      POSTGRES_USER: app\n    healthcheck:\n      test: pg_isready -U ${POSTGRES_USER:-app}\n',
    'services:\n  db:\n    image: postgres:17\n    environment:\n      POSTGRES_USER: app\n    command: ["postgres", "-c", "log_min_messages=$POSTGRES_USER"]\n',
    'services:\n  db:\n    image: postgres:17\n    environment:\n      POSTGRES_USER: app\n    healthcheck:\n      test: pg_isready -U $OTHER_USER\n',
  ]) assert.deepEqual(findings(validate(text), code), [], text);
  const withEnv = 'services:\n  db:\n    image: postgres:17\n    environment:\n      POSTGRES_USER: app\n    healthcheck:\n      test: pg_isready -U $POSTGRES_USER\n';
  assert.equal(findings(validate(withEnv), code).length, 1);
  assert.deepEqual(findings(validate(withEnv, { files: { [`${ROOT}/.env`]: 'POSTGRES_USER=app\n' } }), code), []);
});
