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

test('after an analysis of the image: wasted and hidden bytes on the instructions that store and hide them', () => {
  const uri = 'file:///w/Dockerfile';
  const layers = [
    { createdBy: '/bin/sh -c #(nop) COPY file:abc in /bin/busybox ', size: 1_980_000 },
    { createdBy: '/bin/sh -c dd if=/dev/zero of=/big bs=1024 count=1024', size: 1_048_576, wasted: 1_048_576 },
    { createdBy: '/bin/sh -c rm /big', size: 0, hides: 1_048_576 },
    { createdBy: '/bin/sh -c #(nop)  ENV A=1', size: 0 },
  ];
  const ctx = context({ facts: { builtImages: [{ dockerfileUri: uri, image: 'app:dev', imageId: 'sha256:1', layers }] } });
  const text = 'FROM busybox\nRUN dd if=/dev/zero of=/big bs=1024 count=1024\nRUN rm /big\nENV A=1\n';
  const hints = service.inlayHints!(doc(text, uri), all, ctx);
  assert.deepEqual(hints.map((h) => `${h.position.line} ${h.label}`), ['1 1.0 MB · 1.0 MB wasted', '2 0 B · hides 1.0 MB']);
  assert.match(String(hints[0]!.tooltip), /later instruction deleted or overwrote those files/);
  assert.match(String(hints[1]!.tooltip), /does not make the image smaller/);
});

test('layers map onto the built --target stage and the stages it builds FROM', () => {
  const uri = 'file:///w/Dockerfile';
  const text = 'FROM busybox AS base\nRUN echo base > /b\n\nFROM base AS app\nCOPY x /x\n\nFROM busybox AS other\nRUN echo other\n';
  const layers = [
    { createdBy: '/bin/sh -c #(nop) COPY file:abc in /bin/busybox ', size: 1_980_000 },
    { createdBy: 'RUN /bin/sh -c echo base > /b # buildkit', size: 5 },
    { createdBy: 'COPY x /x # buildkit', size: 2_000 },
  ];
  const built = { dockerfileUri: uri, image: 'app:dev', imageId: 'sha256:1', layers, target: 'app' };
  const hints = service.inlayHints!(doc(text, uri), all, context({ facts: { builtImages: [built] } }));
  assert.deepEqual(hints.map((h) => `${h.position.line} ${h.label}`), ['1 5 B', '4 2.0 kB']);
  const untargeted = service.inlayHints!(doc(text, uri), all, context({ facts: { builtImages: [{ ...built, target: undefined }] } }));
  assert.deepEqual(untargeted.map((h) => h.position.line), [7], 'without a recorded target the last stage is assumed (hence the build records it)');
});
