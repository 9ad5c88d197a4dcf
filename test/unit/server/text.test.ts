import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../../server/src/core/text';

test('LineIndex converts offsets and positions across \\n, \\r\\n and \\r', () => {
  const index = new LineIndex('ab\ncd\r\nef\rg');
  assert.equal(index.lineCount, 4);
  assert.deepEqual(index.positionAt(0), { line: 0, character: 0 });
  assert.deepEqual(index.positionAt(4), { line: 1, character: 1 });
  assert.deepEqual(index.positionAt(7), { line: 2, character: 0 });
  assert.deepEqual(index.positionAt(10), { line: 3, character: 0 });
  assert.equal(index.offsetAt({ line: 1, character: 1 }), 4);
  assert.equal(index.lineText(1), 'cd');
  assert.equal(index.lineText(2), 'ef');
});

test('LineIndex clamps positions past the end of a line or the text', () => {
  const index = new LineIndex('abc\nde');
  assert.equal(index.offsetAt({ line: 0, character: 99 }), 3);
  assert.equal(index.offsetAt({ line: 9, character: 0 }), 6);
  assert.deepEqual(index.positionAt(99), { line: 1, character: 2 });
});
