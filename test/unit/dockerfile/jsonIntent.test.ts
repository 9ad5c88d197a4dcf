import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonProblem } from '../../../server/src/core/dockerfile/syntax/jsonIntent';

test('JSON arrays that are not valid JSON say what is wrong', () => {
  assert.deepEqual(jsonProblem('["node" "server.js"]'), { kind: 'missing-comma', before: 'node', after: 'server.js' });
  assert.deepEqual(jsonProblem('["nginx", "-g", "daemon off;",]'), { kind: 'stray-comma' });
  assert.deepEqual(jsonProblem('["a",, "b"]'), { kind: 'stray-comma' });
  assert.deepEqual(jsonProblem(`['sh', '-c', 'echo']`), { kind: 'single-quotes' });
  assert.equal(jsonProblem('["C:\\\\app\\\\run.exe", "C:\\tools"]'), undefined, '\\t is a JSON escape (a tab): valid, if surprising');
  assert.deepEqual(jsonProblem('["C:\\app.exe"]'), { kind: 'bad-escape', escape: '\\a' });
  assert.deepEqual(jsonProblem('["node", "app.js"'), { kind: 'missing-bracket' });
  assert.deepEqual(jsonProblem('["node", '), { kind: 'missing-bracket' });
  assert.deepEqual(jsonProblem('["node" "app.js"'), { kind: 'missing-comma', before: 'node', after: 'app.js' }, 'the first problem is named');
});

test('valid JSON and shell text that only looks bracketed are left alone', () => {
  for (const text of ['["node", "server.js"]', '[]', '  [ "a" ]  ', '[ "$A" = "b" ]', '[', '["unclosed', '[ "$A" = "b"', '[ -f /etc/os-release ] && cat /etc/os-release', '["a"] && echo', 'echo [x]', '[ "a" ]; echo']) {
    assert.equal(jsonProblem(text), undefined, text);
  }
});

test('text stuck to the closing ] of a one-item array is a broken array, not a shell test (round 18)', () => {
  assert.deepEqual(jsonProblem('[ "./hello" ]clear'), { kind: 'trailing-text', text: 'clear' });
  assert.deepEqual(jsonProblem('["app"]`'), { kind: 'trailing-text', text: '`' });
  // A test's ] is a word of its own, or is followed by an operator.
  for (const text of ['[ "$x" ] && run', '[ -f "/x" ]|| echo missing', '[ "$a" ];echo']) assert.equal(jsonProblem(text), undefined, text);
});
