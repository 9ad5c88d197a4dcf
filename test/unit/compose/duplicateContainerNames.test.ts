import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate } from './helpers';

test('a container name used by two services is flagged on both', () => {
  const text = 'services:\n  a:\n    image: x\n    container_name: app\n  b:\n    image: x\n    container_name: app\n';
  const problems = findings(validate(text), 'compose-duplicate-container-name');
  assert.equal(problems.length, 2);
  assert.deepEqual(problems.map((p) => covered(text, p)), ['app', 'app']);
  assert.match(problems[0]!.message, /"b"/);
});

test('distinct container names pass', () => {
  const text = 'services:\n  a:\n    image: x\n    container_name: app-a\n  b:\n    image: x\n    container_name: app-b\n';
  assert.deepEqual(findings(validate(text), 'compose-duplicate-container-name'), []);
});
