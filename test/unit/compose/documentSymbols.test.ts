import { test } from 'node:test';
import assert from 'node:assert/strict';
import { composeLanguageService as service } from '../../../server/src/core/compose/composeLanguageService';
import { doc, serviceContext } from './helpers';

test('the outline has the sections with their names, services with what they run', () => {
  const text = 'name: demo\nservices:\n  web:\n    image: nginx:1.27\n  app:\n    build: .\nvolumes:\n  data:\nnetworks:\n  back: {}\n';
  const symbols = service.documentSymbols!(doc(text), serviceContext());
  assert.deepEqual(symbols.map((s) => s.name), ['name', 'services', 'volumes', 'networks']);
  const services = symbols[1]!;
  assert.deepEqual(services.children!.map((c) => [c.name, c.detail]), [['web', 'nginx:1.27'], ['app', 'build']]);
  assert.deepEqual(services.children![0]!.range, { start: { line: 2, character: 2 }, end: { line: 3, character: 21 } });
  assert.deepEqual(symbols[2]!.children!.map((c) => c.name), ['data']);
});

test('an empty or broken file has no symbols and does not throw', () => {
  assert.deepEqual(service.documentSymbols!(doc(''), serviceContext()), []);
  assert.ok(Array.isArray(service.documentSymbols!(doc('services: [\n'), serviceContext())));
});
