import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseEnvFile, projectEnv } from '../../../server/src/core/compose/model/envFile';
import { serviceContext, COMPOSE_URI, ROOT } from './helpers';

test('.env lines: comments, export, quotes and inline comments', () => {
  const values = parseEnvFile('# c\nA=1\nexport B="two words"\nC=\'x y\'\nD=plain # note\nbad line\nE=\n');
  assert.deepEqual([...values], [['A', '1'], ['B', 'two words'], ['C', 'x y'], ['D', 'plain'], ['E', '']]);
});

test('the project .env is read beside the compose file, and missing means empty', () => {
  assert.equal(projectEnv(COMPOSE_URI, serviceContext({ files: { [`${ROOT}/.env`]: 'TAG=1' } })).values.get('TAG'), '1');
  assert.equal(projectEnv(COMPOSE_URI, serviceContext()).values.size, 0);
});
