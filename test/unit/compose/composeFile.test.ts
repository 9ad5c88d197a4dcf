import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildComposeFile, tooDeep } from '../../../server/src/core/compose/model/composeFile';

test('anchors are collected by name in document order, across chunks', () => {
  const file = buildComposeFile('file:///p/compose.yaml', 1, 'x-a: &a 1\nservices:\n  web:\n    environment: &env\n      A: 1\nx-b: &a 2\n');
  assert.deepEqual([...file.anchors.keys()], ['a', 'env']);
  assert.equal(file.anchors.get('a')!.length, 2);
});

test('nesting depth is estimated from indentation, dashes and brackets', () => {
  assert.equal(tooDeep('services:\n  web:\n    healthcheck:\n      test: ["CMD", "[x"]\n'), false);
  assert.equal(tooDeep(`a: ${'['.repeat(300)}`), true);
  assert.equal(tooDeep(`${'- '.repeat(300)}x`), true);
});

test('positions are available on demand', () => {
  const file = buildComposeFile('file:///p/compose.yaml', 1, 'a: 1\nb: 2\n');
  assert.equal(file.hasLineIndex(), false);
  assert.deepEqual(file.range(5, 6), { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } });
  assert.equal(file.hasLineIndex(), true);
});
