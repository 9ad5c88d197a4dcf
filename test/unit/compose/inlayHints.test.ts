import { test } from 'node:test';
import { MAX_INLAY_HINTS } from '../../../server/src/core/limits';
import assert from 'node:assert/strict';
import { composeLanguageService as service } from '../../../server/src/core/compose/composeLanguageService';
import { doc, serviceContext, validate, ROOT, type ContextOptions } from './helpers';

function hints(text: string, options: ContextOptions = {}) {
  const all = { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } };
  return service.inlayHints!(doc(text), all, serviceContext(options)).map((h) => [h.position.line, h.position.character, h.label]);
}

test('variables show their value from .env, or the default that applies', () => {
  const files = { [`${ROOT}/.env`]: 'TAG=1.27\nEMPTY=\n' };
  const text = 'services:\n  web:\n    image: nginx:${TAG}\n    environment:\n      A: ${MISSING:-fallback}\n      B: ${NEEDED:?set it}\n      C: $UNSET\n';
  assert.deepEqual(hints(text, { files }), [
    [2, 23, '= 1.27'],
    [4, 29, '= fallback'],
    [5, 26, '⚠ NEEDED unset'],
  ]);
});

test('extends shows what is inherited and what is overridden', () => {
  const text = 'services:\n  base:\n    image: nginx\n    restart: always\n    ports: ["80:80"]\n  web:\n    extends: base\n    restart: "no"\n';
  assert.deepEqual(hints(text), [
    [7, 17, '(overrides base: always)'],
    [6, 17, 'inherits image, ports'],
  ]);
});

test('extends from another file', () => {
  const files = { [`${ROOT}/common.yaml`]: 'services:\n  basis:\n    image: x\n    user: app\n' };
  const text = 'services:\n  web:\n    extends:\n      file: common.yaml\n      service: basis\n    user: root\n';
  assert.deepEqual(hints(text, { files }), [[5, 14, '(overrides basis: app)'], [2, 12, 'inherits image']]);
});

test('merge keys show what they add and what the service overrides', () => {
  const text = 'x-defaults: &defaults\n  restart: always\n  logging: {driver: local}\nservices:\n  web:\n    <<: *defaults\n    image: nginx\n    restart: "no"\n';
  assert.deepEqual(hints(text), [[5, 17, 'adds logging'], [7, 17, '(overrides *defaults)']]);
});

test('no hints without variables, extends or merges', () => {
  assert.deepEqual(hints('services:\n  web:\n    image: nginx\n'), []);
});

test('50,000 nested ${A:-…} in one value: no stack overflow, a limit note, no hint with a made-up value', () => {
  const depth = 50_000;
  const text = `services:\n  web:\n    image: "${'${A:-'.repeat(depth)}x${'}'.repeat(depth)}"\n`;
  const hints = service.inlayHints!(doc(text), { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } }, serviceContext());
  assert.deepEqual(hints, []);
  const notes = validate(text).filter((d) => d.code === 'analysis-limit');
  assert.equal(notes.length, 1);
  assert.match(notes[0]!.message, /nested more than 32 levels/);
  // Flat: 100,000 variables in one value are hinted where asked, one pass over them.
  const flat = `services:\n  web:\n    command: "${'${A:-x} '.repeat(100_000)}"\n`;
  const some = service.inlayHints!(doc(flat), { start: { line: 2, character: 0 }, end: { line: 2, character: 200 } }, serviceContext());
  assert.ok(some.length > 0 && some.length < 40, String(some.length));
});

test('a value of 50,000 variables gets the first 1,000 hints (one screen shows fewer), not 50,000', () => {
  const text = `services:\n  web:\n    image: nginx\n    command: "${'${V:-x}'.repeat(50_000)}"\n`;
  const hints = service.inlayHints!(doc(text), { start: { line: 0, character: 0 }, end: { line: 4, character: 0 } }, serviceContext());
  assert.equal(hints.length, MAX_INLAY_HINTS);
  assert.deepEqual(hints.slice(0, 2).map((h) => [h.position.line, h.position.character, h.label]), [[3, 21, '= x'], [3, 28, '= x']]);
});
