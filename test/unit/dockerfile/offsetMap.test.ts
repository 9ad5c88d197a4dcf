import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OffsetMapBuilder, docEnd, docSpan, docStart, logicalAt } from '../../../server/src/core/dockerfile/syntax/offsetMap';

test('logical offsets map back to document offsets across joined pieces', () => {
  const b = new OffsetMapBuilder();
  b.append('RUN a ', 0);
  b.append('  b', 10);
  const map = b.build();
  assert.equal(b.text, 'RUN a   b');
  assert.equal(docStart(map, 4), 4);
  assert.equal(docStart(map, 8), 12);
  assert.equal(docEnd(map, 6), 6);
  assert.deepEqual(docSpan(map, 4, 9), { start: 4, end: 13 });
  assert.equal(logicalAt(map, 12, b.text.length), 8);
  assert.equal(logicalAt(map, 8, b.text.length), undefined);
});
