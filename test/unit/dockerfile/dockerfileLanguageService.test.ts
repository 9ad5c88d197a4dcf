import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analysisOf, dockerfileLanguageService as service, validateDockerfile } from '../../../server/src/core/dockerfile/dockerfileLanguageService';
import { context, doc } from './helpers';

test('the analysis is cached per uri and version and dropped by forget', () => {
  const first = analysisOf(doc('FROM a\n', 'file:///s/Dockerfile', 1));
  assert.equal(analysisOf(doc('FROM a\n', 'file:///s/Dockerfile', 1)), first);
  assert.notEqual(analysisOf(doc('FROM b\n', 'file:///s/Dockerfile', 2)), first);
  const second = analysisOf(doc('FROM b\n', 'file:///s/Dockerfile', 2));
  service.forget!('file:///s/Dockerfile');
  assert.notEqual(analysisOf(doc('FROM b\n', 'file:///s/Dockerfile', 2)), second);
});

test('the service implements every feature the contract offers', () => {
  for (const feature of ['complete', 'hover', 'signatureHelp', 'definition', 'references', 'documentHighlights', 'prepareRename', 'rename', 'documentSymbols', 'foldingRanges', 'selectionRanges', 'documentLinks', 'format', 'formatRange', 'formatOnType', 'codeActions', 'codeLenses', 'inlayHints', 'semanticTokens', 'forget'] as const) {
    assert.equal(typeof service[feature], 'function', feature);
  }
  assert.ok(service.completionTriggerCharacters!.includes('$'));
  assert.ok(service.semanticTokensLegend!.tokenTypes.length > 5);
});

test('validateDockerfile works on plain text and reports with stable codes', () => {
  const codes = validateDockerfile('FROM node\nRUNN x\n').map((d) => d.code);
  assert.ok(codes.includes('unknown-instruction') && codes.includes('untagged-image'));
  assert.deepEqual(service.validate(doc('', 'file:///s/empty'), context()), []);
});
