import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closingBrace, expandText, MAX_EXPANSION_DEPTH } from '../../../server/src/core/dockerfile/analysis/expand';

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

// BuildKit's shell lexer (frontend/dockerfile/shell/lex.go) reads the word after `:-`, `-`, `:+`
// and `+` up to its own `}`, expanding `$` forms, quotes and escapes in it; the `}` of a nested
// `${…}` does not end the outer one. Expected values are what `docker build` gives.
test('a default that uses a variable is expanded like BuildKit does (the first "}" ended it before)', () => {
  assert.deepEqual(expand('${NOPE:-${A}}'), { value: '1', unknown: [] });
  assert.deepEqual(expand('x${NOPE:-${A}}y'), { value: 'x1y', unknown: [] });
  assert.equal(expand('${A:+${NOPE:-c}}').value, 'c');
  assert.equal(expand('${NOPE:+${A}}').value, '');
  assert.equal(expand('${NOPE-${NOPE2:-c}}').value, 'c');
  assert.equal(expand('${EMPTY-${A}}').value, '', 'set, though empty: no default without the colon');
  assert.equal(expand('${EMPTY:-${A}-${A}}').value, '1-1');
  assert.equal(expand('${NOPE:-${NOPE2:-${A}}}/bin').value, '1/bin');
});

test('quoted and escaped braces in a default are part of the word', () => {
  assert.equal(expand("${NOPE:-'}'}").value, '}');
  assert.equal(expand('${NOPE:-"}"}').value, '}');
  assert.equal(expand('${NOPE:-a\\}b}').value, 'a}b');
  assert.equal(expand('${NOPE:-"${A}}"}').value, '1}');
});

test('a default using an unknown variable leaves the value unknown; an unclosed one is kept as written', () => {
  assert.deepEqual(expand('${NOPE:-${NOPE2}}'), { value: '', unknown: ['NOPE2'] });
  assert.equal(expand('${NOPE:-${A}').value, '${NOPE:-${A}');
});

test('nested defaults are expanded 16 levels deep; deeper ones are left unknown, and 10,000 levels cost no recursion past that', () => {
  const nested = (levels: number) => `${'${N:-'.repeat(levels)}x${'}'.repeat(levels)}`;
  assert.deepEqual(expand(nested(MAX_EXPANSION_DEPTH)), { value: 'x', unknown: [] });
  const deeper = expand(nested(MAX_EXPANSION_DEPTH + 2));
  assert.deepEqual(deeper.unknown, ['N']);
  const deepest = expand(nested(10_000));
  assert.deepEqual(deepest.unknown, ['N']);
  assert.equal(closingBrace(nested(10_000), 2, '\\'), nested(10_000).length - 1);
});
