import { test } from 'node:test';
import assert from 'node:assert/strict';
import { composeLanguageService as service } from '../../../server/src/core/compose/composeLanguageService';
import { LineIndex } from '../../../server/src/core/text';
import type { CodeAction, Range } from '../../../server/src/core/types';
import { doc, serviceContext, COMPOSE_URI } from './helpers';

function actionsFor(text: string, range?: Range): { actions: CodeAction[]; apply: (a: CodeAction) => string } {
  const document = doc(text);
  const context = serviceContext();
  const diagnostics = service.validate(document, context);
  const whole = range ?? { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } };
  const actions = service.codeActions!(document, whole, diagnostics, context);
  const apply = (action: CodeAction) => {
    const index = new LineIndex(text);
    return action.edit!.changes[COMPOSE_URI]!
      .map((e) => [index.offsetAt(e.range.start), index.offsetAt(e.range.end), e.newText] as const)
      .sort((a, b) => b[0] - a[0])
      .reduce((out, [s, e, n]) => out.slice(0, s) + n + out.slice(e), text);
  };
  return { actions, apply };
}

test('a typo fix replaces the key and refers to the client diagnostic', () => {
  const { actions, apply } = actionsFor('services:\n  web:\n    imag: nginx\n');
  const fix = actions.find((a) => a.title === 'Change to "image"')!;
  assert.ok(fix.isPreferred);
  assert.equal(fix.diagnostics![0]!.code, 'compose-unknown-key');
  assert.equal(apply(fix), 'services:\n  web:\n    image: nginx\n');
});

test('declare a missing volume, network or secret', () => {
  const volume = actionsFor('services:\n  web:\n    image: x\n    volumes: [data:/d]\n');
  assert.equal(volume.apply(volume.actions.find((a) => a.title.startsWith('Declare "data"'))!), 'services:\n  web:\n    image: x\n    volumes: [data:/d]\nvolumes:\n  data:\n');
  const network = actionsFor('services:\n  web:\n    image: x\n    networks: [back]\nnetworks:\n  front:\n    driver: bridge\n');
  assert.equal(network.apply(network.actions.find((a) => a.title.startsWith('Declare "back"'))!), 'services:\n  web:\n    image: x\n    networks: [back]\nnetworks:\n  front:\n    driver: bridge\n  back:\n');
  const secret = actionsFor('services:\n  web:\n    image: x\n    secrets: [pw]\nsecrets:\n');
  assert.equal(secret.apply(secret.actions.find((a) => a.title.startsWith('Declare "pw"'))!), 'services:\n  web:\n    image: x\n    secrets: [pw]\nsecrets:\n  pw:\n    file: ./pw.txt\n');
});

test('remove the obsolete version', () => {
  const { actions, apply } = actionsFor('version: "3.8"\nservices:\n  web:\n    image: x\n');
  assert.equal(apply(actions.find((a) => a.title === 'Remove the obsolete "version"')!), 'services:\n  web:\n    image: x\n');
});

test('quote a port mapping, as a fix for the base-60 trap and as a refactoring anywhere', () => {
  const trap = actionsFor('services:\n  web:\n    image: x\n    ports:\n      - 22:22\n');
  const fix = trap.actions.find((a) => a.kind === 'quickfix' && a.title === 'Quote the port mapping')!;
  assert.equal(trap.apply(fix), 'services:\n  web:\n    image: x\n    ports:\n      - "22:22"\n');
  const plain = actionsFor('services:\n  web:\n    image: x\n    ports:\n      - 8080:80\n', { start: { line: 4, character: 9 }, end: { line: 4, character: 9 } });
  assert.deepEqual(plain.actions.map((a) => [a.title, a.kind]), [['Quote the port mapping', 'refactor.rewrite']]);
  assert.equal(plain.apply(plain.actions[0]!), 'services:\n  web:\n    image: x\n    ports:\n      - "8080:80"\n');
});

test('no actions where nothing is wrong', () => {
  assert.deepEqual(actionsFor('services:\n  web:\n    image: nginx\n').actions, []);
});
