import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closest, editDistance } from '../../../server/src/core/compose/model/closest';

test('typos find their word', () => {
  assert.equal(closest('imag', ['image', 'build', 'ports']), 'image');
  assert.equal(closest('depend_on', ['depends_on', 'links']), 'depends_on');
  assert.equal(closest('envirnoment', ['environment', 'env_file']), 'environment');
  assert.equal(closest('Container-Name', ['container_name']), 'container_name');
});

test('unrelated words find nothing', () => {
  assert.equal(closest('foo', ['image', 'build']), undefined);
  assert.equal(closest('x', ['image']), undefined);
});

test('edit distance counts swaps as one edit', () => {
  assert.equal(editDistance('ab', 'ba'), 1);
  assert.equal(editDistance('kitten', 'sitting'), 3);
});
