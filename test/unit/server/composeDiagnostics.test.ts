import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateCompose } from '../../../server/src/core/compose/composeLanguageService';

test('a YAML syntax error is reported at the parser position', () => {
  const diagnostics = validateCompose('services:\n  web:\n    image: "busybox\n');
  assert.ok(diagnostics.length >= 1);
  assert.equal(diagnostics[0]!.severity, 1);
  assert.equal(diagnostics[0]!.code, 'compose-yaml-syntax');
  assert.match(diagnostics[0]!.message, /^YAML: /);
  assert.equal(diagnostics[0]!.range.start.line, 2);
});

test('a duplicate key is reported', () => {
  const diagnostics = validateCompose('services:\n  web:\n    image: a\n    image: b\n');
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0]!.code, 'compose-duplicate-key');
  assert.equal(diagnostics[0]!.range.start.line, 3);
});

test('a valid compose file has no diagnostics', () => {
  assert.deepEqual(validateCompose('services:\n  web:\n    image: busybox\n    ports: ["127.0.0.1:8080:80"]\n'), []);
});
