import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expandText } from '../../../server/src/core/dockerfile/analysis/expand';

const env: Record<string, string> = { A: '1', EMPTY: '' };
const expand = (raw: string) => expandText(raw, (n) => env[n], '\\');

test('plain and default forms', () => {
  assert.deepEqual(expand('x-$A-${A}'), { value: 'x-1-1', unknown: [] });
  assert.equal(expand('${NOPE:-d}').value, 'd');
  assert.equal(expand('${EMPTY:-d}').value, 'd');
  assert.equal(expand('${EMPTY-d}').value, '');
  assert.equal(expand('${A:+set}').value, 'set');
  assert.equal(expand('"quoted $A"').value, 'quoted 1');
  assert.equal(expand("'$A'").value, '$A');
});

test('unknown variables are reported', () => {
  assert.deepEqual(expand('$NOPE/x'), { value: '/x', unknown: ['NOPE'] });
});
