import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseShell } from '../../../../server/src/core/dockerfile/syntax/shell/parseShell';

test('commands with words, && chains, pipes, nesting and background', () => {
  const s = parseShell('set -eux; apt-get install -y "a b" $PKG | tee log && (cd x && make) & echo "$(date)"');
  assert.equal(s.error, undefined);
  assert.deepEqual(s.commands.map((c) => [c.name, c.nested, c.inPipeline]), [
    ['set', false, false], ['apt-get', false, true], ['tee', false, true], ['cd', true, false], ['make', true, false], ['echo', false, false], ['date', true, false],
  ]);
  assert.deepEqual(s.commands[1]!.words.map((w) => [w.text, w.literal]), [['apt-get', true], ['install', true], ['-y', true], ['a b', true], ['$PKG', false]]);
  assert.equal(s.pipelines.length, 1);
  assert.ok(s.commands.find((c) => c.name === 'cd')!.statement === 1);
  assert.equal(s.statements, 3);
});

test('words keep UTF-16 offsets even after non-ASCII text', () => {
  const source = 'echo ü && ls /tmp';
  const ls = parseShell(source).commands[1]!;
  assert.equal(source.slice(ls.start, ls.end), 'ls /tmp');
});

test('syntax errors are returned, not thrown', () => {
  const s = parseShell('echo "open');
  assert.match(s.error!.message, /quote/);
  assert.ok(s.error!.start <= 'echo "open'.length);
  assert.equal(parseShell('if true; then').error !== undefined, true);
});

test('bash-only syntax is listed, with what BusyBox accepts', () => {
  const s = parseShell("[[ -f x ]] && a=(1 2) && diff <(a) b && cat <<< x && echo $'x' ${v/a/b} && source f && [ a == b ] && function f { :; }");
  assert.deepEqual(s.bashisms.map((b) => b.what), ['[[ ]]', 'arrays', '<( )', '<<<', "$'...'", '${...}', 'source', '==', 'function']);
  assert.deepEqual(parseShell('[ -f x ] && echo $((1+2)) ${v:-d}').bashisms, []);
});

test('summaries are cached by source text', () => {
  assert.equal(parseShell('echo cached'), parseShell('echo cached'));
});
