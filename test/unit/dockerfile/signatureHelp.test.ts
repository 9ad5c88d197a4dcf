import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dockerfileLanguageService as service } from '../../../server/src/core/dockerfile/dockerfileLanguageService';
import { context, cursor, doc } from './helpers';

function help(marked: string) {
  const { text, position } = cursor(marked);
  return service.signatureHelp!(doc(text), position, context());
}

function activeLabel(marked: string): string {
  const h = help(marked)!;
  const sig = h.signatures[0]!;
  const p = sig.parameters![h.activeParameter!]!.label as [number, number];
  return sig.label.slice(p[0], p[1]);
}

test('the active parameter follows the cursor', () => {
  assert.equal(activeLabel('FROM |'), '<image>[:<tag>|@<digest>]');
  assert.equal(activeLabel('FROM node |'), '[AS <name>]');
  assert.equal(activeLabel('FROM --platform=|'), '[--platform=<platform>]');
  assert.equal(activeLabel('FROM a\nCOPY --chown=|'), '[--chown=<user>:<group>]');
  assert.equal(activeLabel('FROM a\nHEALTHCHECK --retries=|'), '[--retries=<n>]');
  assert.equal(activeLabel('FROM a\nUSER |'), '<user>[:<group>]');
});

test('parameters have documentation and the signature a summary', () => {
  const h = help('FROM a\nRUN --mount=|')!;
  assert.ok(h.signatures[0]!.parameters!.every((p) => typeof p.documentation === 'string' && p.documentation.length > 0));
  assert.equal(h.signatures[0]!.label.startsWith('RUN '), true);
});

test('no signature on the keyword itself, on unknown instructions or outside instructions', () => {
  assert.equal(help('FR|OM a'), null);
  assert.equal(help('FOO |'), null);
  assert.equal(help('FROM a\n\n|'), null);
});
