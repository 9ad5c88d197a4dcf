import { test } from 'node:test';
import assert from 'node:assert/strict';
import { oneLine } from '../../../server/src/core/oneLine';

test('one line: whitespace runs become one space, trimmed, cut with the ellipsis at the length', () => {
  assert.equal(oneLine('  a \n\t b  ', 10), 'a b');
  assert.equal(oneLine('abcdefghijk', 10), 'abcdefghi…');
  assert.equal(oneLine('abcdefghijk', 10, '...'), 'abcdefg...');
  assert.equal(oneLine('abcdefghij', 10), 'abcdefghij');
  assert.equal(oneLine('', 10), '');
  assert.equal(oneLine(' \u3000\u2028 ', 10), '');
});

test('one line reads only what the label needs: a 10 MB text gives the same label as its start', () => {
  const big = `echo ${'x '.repeat(5_000_000)}`;
  assert.equal(oneLine(big, 60, '...'), oneLine(big.slice(0, 200), 60, '...'));
  assert.equal(oneLine(big, 60, '...').length, 60);
});
