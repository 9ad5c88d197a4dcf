import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dockerfileLanguageService as service } from '../../../server/src/core/dockerfile/dockerfileLanguageService';
import { context, doc, files } from './helpers';

test('images link to their registry page, COPY sources to existing files, ADD URLs to themselves', () => {
  const text = 'FROM node:22 AS build\nFROM ghcr.io/owner/app:1\nFROM build\nCOPY package.json missing.txt ./\nADD https://example.com/a.tgz /x/\nCOPY --from=build /a /b\n';
  const ctx = context({ files: files({ 'file:///w/package.json': '{}' }) });
  const links = service.documentLinks!(doc(text, 'file:///w/Dockerfile'), ctx).map((l) => `${l.range.start.line}:${l.target}`);
  assert.deepEqual(links, ['0:https://hub.docker.com/_/node', '1:https://ghcr.io/owner/app', '3:file:///w/package.json', '4:https://example.com/a.tgz']);
});

test('a COPY source holding a lone surrogate gets no link (it cannot be a file name) and nothing throws', () => {
  const links = service.documentLinks!(doc('FROM a\nCOPY \ud800x.txt /x\n', 'file:///w/Dockerfile'), context({ files: files({ 'file:///w/x.txt': '' }) }));
  assert.deepEqual(links.filter((l) => l.target?.startsWith('file:')), []);
});
