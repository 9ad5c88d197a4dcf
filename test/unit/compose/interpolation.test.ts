import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanInterpolation, substitute } from '../../../server/src/core/compose/model/interpolation';

test('variables in every form, with offsets in the document', () => {
  const { uses, errors } = scanInterpolation('a $A ${B} ${C:-d} ${D-e} ${E:?f} ${F?} ${G:+h} ${H+i} $$J', 100);
  assert.deepEqual(errors, []);
  assert.deepEqual(uses.map((u) => [u.name, u.operator ?? '', u.argument ?? '', u.start]), [
    ['A', '', '', 102], ['B', '', '', 105], ['C', ':-', 'd', 110], ['D', '-', 'e', 118], ['E', ':?', 'f', 125],
    ['F', '?', '', 133], ['G', ':+', 'h', 139], ['H', '+', 'i', 147],
  ]);
});

test('nested defaults are read, inner variables included', () => {
  const { uses, errors } = scanInterpolation('${A:-${B:-x}}');
  assert.deepEqual(errors, []);
  assert.deepEqual(uses.map((u) => u.name), ['A', 'B']);
});

test('malformed forms are errors covering the faulty text', () => {
  const cases: [string, string][] = [
    ['${}', '${}'],
    ['x ${1A} y', '${1A}'],
    ['${A%%.*}', '${A%%.*}'],
    ['${A:0:2}', '${A:0:2}'],
    ['pre ${OPEN', '${OPEN'],
  ];
  for (const [text, faulty] of cases) {
    const { errors } = scanInterpolation(text);
    assert.equal(errors.length, 1, text);
    assert.equal(text.slice(errors[0]!.start, errors[0]!.end), faulty, text);
  }
});

test('a lone $ and $$ are literals', () => {
  assert.deepEqual(scanInterpolation('cost: 5$ $1 $( $$ $${X}'), { uses: [], errors: [] });
});

test('substitution follows compose semantics', () => {
  const env = new Map([['SET', 'v'], ['EMPTY', '']]);
  assert.equal(substitute('${SET:-d}/${EMPTY:-d}/${EMPTY-d}/${NONE-d}', env), 'v/d//d');
  assert.equal(substitute('${SET:+r}|${EMPTY:+r}|${EMPTY+r}', env), 'r||r');
  assert.equal(substitute('$$SET and ${NONE:-${SET}}', env), '$SET and v');
  assert.equal(substitute('${NONE:?missing}', env), undefined);
  assert.equal(substitute('${EMPTY?}', env), '');
});
