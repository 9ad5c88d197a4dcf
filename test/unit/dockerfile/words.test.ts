import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findQuoteProblem, splitKeyValues, splitWords, unquote } from '../../../server/src/core/dockerfile/syntax/words';

const map = { logical: [0], doc: [100] };

test('words split on whitespace, keep quoted spaces and honour the escape character', () => {
  const words = splitWords('a "b c" \'d e\' f\\ g', 0, map, '\\');
  assert.deepEqual(words.map((w) => w.value), ['a', 'b c', 'd e', 'f g']);
  assert.deepEqual(words[1]!.span, { start: 102, end: 107 });
  assert.deepEqual(splitWords('C:\\app `"x y`"', 0, map, '`').map((w) => w.value), ['C:\\app', '"x', 'y"']);
});

test('unquote keeps escaped quotes and dollars in double quotes', () => {
  assert.equal(unquote('"a\\"b\\$c\\n"', '\\').value, 'a"b$c\\n');
  assert.equal(unquote("'a\\b'", '\\').value, 'a\\b');
  assert.deepEqual(unquote('"open', '\\').problem, { quote: '"', at: 0 });
});

test('key=value pairs and the legacy form', () => {
  const pairs = splitKeyValues('A=1 B="two words" C=', 0, map, '\\', true);
  assert.deepEqual(pairs.map((p) => [p.key.value, p.value?.value, p.hasEquals]), [['A', '1', true], ['B', 'two words', true], ['C', '', true]]);
  assert.deepEqual(pairs[1]!.value!.span, { start: 106, end: 117 });
  const legacy = splitKeyValues('PATH /usr/bin:$PATH  ', 0, map, '\\', true);
  assert.deepEqual(legacy.map((p) => [p.key.value, p.value?.raw, p.hasEquals]), [['PATH', '/usr/bin:$PATH', false]]);
  assert.deepEqual(splitKeyValues('NAME', 0, map, '\\', false).map((p) => [p.key.value, p.value]), [['NAME', undefined]]);
});

test('unterminated quotes are found, escaped ones are not', () => {
  assert.deepEqual(findQuoteProblem('a "b', '\\'), { quote: '"', at: 2 });
  assert.equal(findQuoteProblem('a \\"b', '\\'), undefined);
  // The apostrophe in it's opens a quote that the one in ok's closes; the last " is left open.
  assert.equal(findQuoteProblem("it's \"ok's\"", '\\')?.quote, '"');
});
