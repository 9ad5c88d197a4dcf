import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dockerfileLanguageService as service } from '../../../server/src/core/dockerfile/dockerfileLanguageService';
import { context, doc } from './helpers';

const all = { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } };

test('resolved values of variable references', () => {
  const hints = service.inlayHints!(doc('ARG V=1.2\nFROM a:${V}\nARG V\nENV P=/opt/$V\nWORKDIR $P\nRUN echo $UNKNOWN\n'), all, context());
  assert.deepEqual(hints.map((h) => `${h.position.line}:${h.position.character} ${h.label}`), ['1:11 = 1.2', '3:13 = 1.2', '4:10 = /opt/1.2']);
});

test('layer size and cache state from the last build, mapped onto the final stage', () => {
  const uri = 'file:///w/Dockerfile';
  const layers = [
    { createdBy: '/bin/sh -c #(nop) ADD file:base in /', size: 7_000_000 },
    { createdBy: 'WORKDIR /app', size: 0 },
    { createdBy: 'COPY package.json ./ # buildkit', size: 2_000, cached: true },
    { createdBy: 'RUN /bin/sh -c npm ci # buildkit', size: 40_000_000 },
    { createdBy: 'ENV NODE_ENV=production', size: 0 },
    { createdBy: 'CMD ["node", "server.js"]', size: 0 },
  ];
  const ctx = context({ facts: { builtImages: [{ dockerfileUri: uri, image: 'app:dev', imageId: 'sha256:1', layers }] } });
  const text = 'FROM node:22\nWORKDIR /app\nCOPY package.json ./\nRUN npm ci\nENV NODE_ENV=production\nCMD ["node", "server.js"]\n';
  const hints = service.inlayHints!(doc(text, uri), all, ctx).map((h) => `${h.position.line} ${h.label}`);
  assert.deepEqual(hints, ['2 2.0 kB · cached', '3 40.0 MB']);
  assert.deepEqual(service.inlayHints!(doc(text, 'file:///other/Dockerfile'), all, ctx), []);
});

test('only hints inside the requested range', () => {
  const hints = service.inlayHints!(doc('FROM a\nENV A=1\nWORKDIR /$A\nWORKDIR /$A/b\n'), { start: { line: 3, character: 0 }, end: { line: 3, character: 20 } }, context());
  assert.deepEqual(hints.map((h) => h.position.line), [3]);
});
