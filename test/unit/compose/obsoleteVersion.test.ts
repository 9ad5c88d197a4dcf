import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate } from './helpers';

test('the top-level version is obsolete and tagged unnecessary', () => {
  const text = 'version: "3.8"\nservices:\n  web:\n    image: nginx\n';
  const diagnostics = validate(text);
  assert.equal(diagnostics.length, 1);
  const [problem] = findings(diagnostics, 'compose-obsolete-version');
  assert.equal(problem!.severity, 2);
  assert.equal(covered(text, problem!), 'version: "3.8"');
  assert.deepEqual(problem!.tags, [1]);
});

test('a numeric version is not also a type error', () => {
  assert.deepEqual(validate('version: 3.8\nservices: {}\n').map((d) => d.code), ['compose-obsolete-version']);
});

test('no version, no finding; the rule can be turned off', () => {
  assert.deepEqual(validate('services:\n  web:\n    image: nginx\n'), []);
  assert.deepEqual(validate('version: "3"\nservices: {}\n', { rules: { 'compose-obsolete-version': 'off' } }), []);
});
