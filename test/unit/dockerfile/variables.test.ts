import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSupportedModifier, scanVariables } from '../../../server/src/core/dockerfile/analysis/variables';

const map = { logical: [0], doc: [0] };
const scan = (text: string, escape = '\\') => scanVariables(text, 0, map, escape).map((r) => [r.name, r.modifier ?? '', r.modifierWord ?? '', text.slice(r.span.start, r.span.end)]);

test('plain, braced and modified references', () => {
  assert.deepEqual(scan('$A ${B} ${C:-x} ${D:+y} ${E#*/} ${F//a/b}'), [
    ['A', '', '', '$A'], ['B', '', '', '${B}'], ['C', ':-', 'x', '${C:-x}'], ['D', ':+', 'y', '${D:+y}'], ['E', '#', '*/', '${E#*/}'], ['F', '//', 'a/b', '${F//a/b}'],
  ]);
});

test('single quotes and the escape character stop expansion; nested defaults are one reference', () => {
  assert.deepEqual(scan("'$A' \"$B\" \\$C"), [['B', '', '', '$B']]);
  assert.deepEqual(scan('`$C $D', '`'), [['D', '', '', '$D']]);
  assert.deepEqual(scan('${A:-${B}}').map((r) => r[0]), ['A']);
});

test('unsupported forms are reported with their modifier', () => {
  const [slice] = scan('${A:0:2}');
  assert.equal(slice![1], ':');
  assert.ok(!isSupportedModifier(':'));
  assert.ok(isSupportedModifier(':-'));
  assert.deepEqual(scan('${#A}').map((r) => r[1]), ['#']);
  assert.deepEqual(scan('${A').map((r) => r[1]), ['{']);
  assert.deepEqual(scan('$1 $$ $@'), []);
});
