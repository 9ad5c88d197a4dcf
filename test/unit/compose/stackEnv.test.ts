import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate, ROOT } from './helpers';

const code = 'compose-stack-env';
const text = 'services:\n  api:\n    image: registry.example.com/api:${TAG}\n    environment:\n      DB_HOST: ${DB_HOST:-db}\n      SECRET: ${API_SECRET}\n      HOME_DIR: ${HOME}\n    deploy:\n      replicas: 2\n';
const env = { [`${ROOT}/.env`]: 'TAG=1.4\nAPI_SECRET=x\nDB_HOST=db\n' };

test('a stack file whose variables the .env beside it sets: docker stack deploy reads no .env', () => {
  const found = findings(validate(text, { files: env }, `${ROOT}/docker-stack.yml`), code);
  assert.deepEqual(found.map((d) => [covered(text, d), d.severity]), [['TAG', 3]]);
  assert.equal(found[0]!.message, 'docker stack deploy reads no .env: TAG and 1 more variables .env sets come from the shell only and are empty unless exported. Export the file first (set -a; . ./.env; set +a) or deploy what docker compose config prints.');
  const one = 'services:\n  web:\n    image: nginx:${NGINX_TAG}\n';
  assert.equal(findings(validate(one, { files: { [`${ROOT}/.env`]: 'NGINX_TAG=1.27\n' } }, `${ROOT}/stack.yml`), code)[0]?.message,
    'docker stack deploy reads no .env: NGINX_TAG, which .env sets, comes from the shell only and is empty unless exported. Export the file first (set -a; . ./.env; set +a) or deploy what docker compose config prints.');
});

test('not for files run with docker compose, nor without a .env, nor for variables it does not set or that have a default', () => {
  assert.deepEqual(findings(validate(text, { files: env }, `${ROOT}/docker-compose.yml`), code), [], 'compose reads the .env');
  // "stack" alone is also the everyday word for a set of services: without Swarm-only keys it may be run with compose.
  assert.deepEqual(findings(validate(text, { files: env }, `${ROOT}/monitoring-stack.yml`), code), []);
  assert.deepEqual(findings(validate(text, {}, `${ROOT}/docker-stack.yml`), code), []);
  assert.deepEqual(findings(validate(text, { files: { [`${ROOT}/.env`]: 'DB_HOST=db\nOTHER=1\n' } }, `${ROOT}/docker-stack.yml`), code), []);
  // Named for Swarm and using what only Swarm reads: a stack.
  const swarm = text.replace('replicas: 2', 'placement:\n        constraints: [node.role == manager]');
  assert.equal(findings(validate(swarm, { files: env }, `${ROOT}/app.swarm.yml`), code).length, 1);
  // A deploy script beside it that exports the .env, or pipes compose's substitution into the stack.
  for (const script of ['#!/bin/sh\nset -o allexport\n. ./.env\ndocker stack deploy -c docker-stack.yml app\n', 'deploy:\n\tdocker compose -f docker-stack.yml config | docker stack deploy -c - app\n', 'export $(cat .env | xargs)\n']) {
    const files = { ...env, [`${ROOT}/deploy.sh`]: script, [`${ROOT}/Makefile`]: script };
    assert.deepEqual(findings(validate(text, { files }, `${ROOT}/docker-stack.yml`), code), [], script);
  }
  assert.equal(findings(validate(text, { files: { ...env, [`${ROOT}/deploy.sh`]: 'docker stack deploy -c docker-stack.yml app\n' } }, `${ROOT}/docker-stack.yml`), code).length, 1);
});
