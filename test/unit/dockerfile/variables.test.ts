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

test('single quotes and the escape character stop expansion', () => {
  assert.deepEqual(scan("'$A' \"$B\" \\$C"), [['B', '', '', '$B']]);
  assert.deepEqual(scan('`$C $D', '`'), [['D', '', '', '$D']]);
});

test('references in the word of another follow it (BuildKit expands the word, so it looks them up)', () => {
  assert.deepEqual(scan('${A:-${B}}'), [['A', ':-', '${B}', '${A:-${B}}'], ['B', '', '', '${B}']]);
  assert.deepEqual(scan('x${A:+${B:-$C}y}z $D'), [['A', ':+', '${B:-$C}y', '${A:+${B:-$C}y}'], ['B', ':-', '$C', '${B:-$C}'], ['C', '', '', '$C'], ['D', '', '', '$D']]);
  // Quoted and escaped in the word, as anywhere else.
  assert.deepEqual(scan("${A:-'$B'\\$C}").map((r) => r[0]), ['A']);
  // A word that is cut off ends where the outer reference ends.
  assert.deepEqual(scan('${A:-$').map((r) => r[0]), ['A']);
  assert.deepEqual(scan('${A:-${B').map((r) => r[0]), ['A']);
  // As deep as expansion goes (16 words), no deeper; `max` holds for the nested ones too.
  const deep = '${V:-'.repeat(40) + 'x' + '}'.repeat(40);
  assert.equal(scanVariables(deep, 0, map, '\\').length, 17);
  assert.equal(scanVariables(deep, 0, map, '\\', 5).length, 5);
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
