import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyInsertText } from '../../../server/src/core/compose/features/completionInsert';
import { schemasAt } from '../../../server/src/core/compose/schema/composeSchema';

const insert = (path: string[]) => keyInsertText(path[path.length - 1]!, schemasAt(path), path);

test('scalars, choices, blocks and lists', () => {
  assert.equal(insert(['services', 'web', 'image']), 'image: $0');
  assert.equal(insert(['services', 'web', 'cgroup']), 'cgroup: ${1|host,private|}');
  assert.equal(insert(['services', 'web', 'restart']), 'restart: ${1|"no",always,on-failure,unless-stopped|}');
  assert.equal(insert(['services', 'web', 'healthcheck']), 'healthcheck:\n\t$0');
  assert.equal(insert(['services', 'web', 'ports']), 'ports:\n\t- $0');
  assert.equal(insert(['services', 'web', 'depends_on']), 'depends_on:\n\t- $0');
  assert.equal(insert(['services', 'web', 'environment']), 'environment:\n\t$0');
  assert.equal(insert(['services', 'web', 'build']), 'build: $0');
});
