import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate, ROOT } from './helpers';

const code = 'compose-env-not-copied';
const text = 'services:\n  db:\n    image: postgres:${PG_VERSION:-16}\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD}\n      POSTGRES_USER: ${DB_USER}\n      HOME_DIR: ${HOME}\n';

test('a project that ships .env.example but has no .env: the variables it sets are substituted as unset (round 6\'s miss)', () => {
  const found = findings(validate(text, { files: { [`${ROOT}/.env.example`]: 'DB_PASSWORD=change-me\nDB_USER=app\nPG_VERSION=16\n' } }), code);
  assert.deepEqual(found.map((d) => [covered(text, d), d.severity]), [['DB_PASSWORD', 3]]);
  assert.equal(found[0]!.message, 'The project has .env.example but no .env, and compose reads only .env: DB_PASSWORD and 1 more variables it sets are substituted as unset. Copy .env.example to .env and fill it in.');
});

test('not once .env exists, nor for variables the example does not set or that have a default', () => {
  assert.deepEqual(findings(validate(text, { files: { [`${ROOT}/.env.example`]: 'DB_PASSWORD=x\n', [`${ROOT}/.env`]: 'DB_PASSWORD=secret\n' } }), code), []);
  assert.deepEqual(findings(validate(text, { files: { [`${ROOT}/.env.example`]: 'PG_VERSION=16\nOTHER=1\n' } }), code), []);
  assert.deepEqual(findings(validate(text), code), []);
  assert.deepEqual(findings(validate(text, { files: { [`${ROOT}/.env.example`]: 'DB_PASSWORD=x\n' } }, `${ROOT}/docker-stack.yml`), code), []);
});

test('a variable written as required: compose stops at it, and the message says so (round 9)', () => {
  const required = 'services:\n  api:\n    image: app\n    environment:\n      TOKEN: ${TOKEN}\n      SECRET: ${SECRET:?set SECRET in .env}\n';
  const found = findings(validate(required, { files: { [`${ROOT}/.env.example`]: 'SECRET=\nTOKEN=\n' } }), code);
  assert.deepEqual(found.map((d) => covered(required, d)), ['SECRET']);
  assert.equal(found[0]!.message, 'The project has .env.example but no .env, and compose reads only .env: SECRET is unset, and compose stops at it (it is written as required). Copy .env.example to .env and fill it in.');
});

test('not for a file run with an env file of its own, as a Makefile, a README or its own comment says (round 18)', () => {
  const example = { [`${ROOT}/.env.example`]: 'DB_PASSWORD=change-me\nDB_USER=app\n' };
  const uri = `${ROOT}/docker-compose.test.yml`;
  const count = (files: Record<string, string>, own = text) => findings(validate(own, { files: { ...example, ...files } }, uri), code).length;
  assert.equal(count({}), 1);
  assert.equal(count({ [`${ROOT}/Makefile`]: 'test:\n\tdocker-compose -f docker-compose.test.yml --env-file .env.test -p test up -d\n' }), 0);
  assert.equal(count({ [`${ROOT}/README.md`]: '```\ndocker compose -f docker-compose.test.yml --env-file=.env.local up -d\n```\n' }), 0);
  assert.equal(count({}, `# docker compose -f docker-compose.test.yml --env-file .env.test up\n${text}`), 0);
  // A CI workflow that deploys with it (round 51: GitHub Actions running compose over ssh with .env.prod).
  assert.equal(count({ [`${ROOT}/.github/workflows/deploy.yml`]: 'jobs:\n  deploy:\n    steps:\n      - run: |\n          docker compose -f docker-compose.test.yml --env-file .env.prod up -d\n' }), 0);
  // --env-file .env names the file compose reads anyway; another file's command line, or one without --env-file, changes nothing.
  assert.equal(count({ [`${ROOT}/start.sh`]: 'docker compose -f docker-compose.test.yml --env-file .env up -d\n' }), 1);
  assert.equal(count({ [`${ROOT}/Makefile`]: 'up:\n\tdocker compose -f docker-compose.yml --env-file .env.dev up\ntest:\n\tdocker compose -f docker-compose.test.yml up\n' }), 1);
  // Without -f, the line runs the default file (round 38: deploy/configure-prod.sh's `docker compose --env-file .env.prod up -d`).
  const main = (files: Record<string, string>) => findings(validate(text, { files: { ...example, ...files } }, `${ROOT}/docker-compose.yml`), code).length;
  assert.equal(main({ [`${ROOT}/deploy/configure-prod.sh`]: 'cd "$INSTALL_DIR"\ndocker compose --env-file .env.prod up -d\n' }), 0);
  assert.equal(count({ [`${ROOT}/deploy/configure-prod.sh`]: 'docker compose --env-file .env.prod up -d\n' }), 1);
  // The project's own .env, written from a variable, is the file compose reads anyway (round 39).
  assert.equal(main({ [`${ROOT}/scripts/deploy.sh`]: 'docker compose --project-directory "$PROJECT_ROOT" --env-file "$PROJECT_ROOT/.env" up -d\n' }), 1);
});

test('a hint where the README or the docs name the example: they have told the user to copy it (round 25)', () => {
  const example = { [`${ROOT}/.env.example`]: 'DB_PASSWORD=change-me\nDB_USER=app\n' };
  for (const notes of [{ [`${ROOT}/README.md`]: '## Setup\n\n    cp .env.example .env\n' }, { [`${ROOT}/Doc/DEPLOYMENT.md`]: 'Copy `.env.example` to `.env` and set the passwords.\n' }] as Record<string, string>[]) {
    assert.deepEqual(findings(validate(text, { files: { ...example, ...notes } }), code).map((d) => d.severity), [4]);
  }
  // A README that says nothing of it leaves it information.
  assert.deepEqual(findings(validate(text, { files: { ...example, [`${ROOT}/README.md`]: 'docker compose up\n' } }), code).map((d) => d.severity), [3]);
});

test('a hint where Git ignores .env: each clone makes its own from the example (round 26)', () => {
  const files = { [`${ROOT}/.env.example`]: 'DB_PASSWORD=change-me\nDB_USER=app\n', [`${ROOT}/.gitignore`]: 'node_modules/\n.env\n' };
  assert.deepEqual(findings(validate(text, { files }), code).map((d) => d.severity), [4]);
});
