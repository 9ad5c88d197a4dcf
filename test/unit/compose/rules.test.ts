import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMPOSE_RULES } from '../../../server/src/core/compose/checks/rules';
import { validate } from './helpers';

test('every rule has an id, a severity, a title and an explanation', () => {
  assert.ok(COMPOSE_RULES.size >= 25);
  for (const [id, rule] of COMPOSE_RULES) {
    assert.match(id, /^compose-[a-z0-9-]+$/);
    assert.ok(['error', 'warning', 'information', 'hint'].includes(rule.severity), id);
    assert.ok(rule.title().length > 3, id);
    assert.ok(rule.explanation().length > 40, id);
  }
});

test('settings turn a rule off or change its severity', () => {
  const text = 'services:\n  web:\n    imag: x\n';
  assert.equal(validate(text)[0]!.severity, 1);
  assert.equal(validate(text, { rules: { 'compose-unknown-key': 'hint' } })[0]!.severity, 4);
  assert.deepEqual(validate(text, { rules: { 'compose-unknown-key': 'off' } }), []);
});

test('every diagnostic code is a known rule', () => {
  const text = 'version: "2"\nservices:\n  web:\n    imag: x\n    depends_on: [nope]\n    ports: ["99999:1"]\n    restart: sometimes\n';
  for (const d of validate(text)) assert.ok(COMPOSE_RULES.has(d.code), d.code);
});
