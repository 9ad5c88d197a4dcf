import { test } from 'node:test';
import assert from 'node:assert/strict';
import { looksLikeSingleQuotedJson, parseExecForm } from '../../../server/src/core/dockerfile/syntax/execForm';

const map = { logical: [0], doc: [10] };

test('JSON arrays of strings with escapes and exact item spans', () => {
  const form = parseExecForm(' [ "a", "b\\"c", "\\u0041" ] ', 0, map)!;
  assert.deepEqual(form.items.map((i) => i.value), ['a', 'b"c', 'A']);
  assert.deepEqual(form.items[0]!.span, { start: 13, end: 16 });
  assert.deepEqual(form.span, { start: 11, end: 36 });
  assert.deepEqual(parseExecForm('[]', 0, map)!.items, []);
});

test('anything else is not exec form', () => {
  for (const text of ['["a",]', '[1]', '["a" "b"]', '["a"] x', 'echo', '["a\\x"]', '["a']) assert.equal(parseExecForm(text, 0, map), undefined, text);
  assert.ok(looksLikeSingleQuotedJson("['a', 'b']"));
  assert.ok(!looksLikeSingleQuotedJson('["a"]'));
});
