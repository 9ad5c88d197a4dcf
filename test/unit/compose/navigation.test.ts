import { test } from 'node:test';
import assert from 'node:assert/strict';
import { composeLanguageService as service } from '../../../server/src/core/compose/composeLanguageService';
import { doc, serviceContext, withCursor, ROOT, COMPOSE_URI, type ContextOptions } from './helpers';

const base = [
  'x-deps: &deps',
  '  depends_on: [db]',
  'services:',
  '  db:',
  '    image: postgres',
  '  web:',
  '    image: nginx',
  '    <<: *deps',
  '    links: ["db:database"]',
  '    volumes: [data:/var/lib]',
  '  tool:',
  '    image: x',
  '    network_mode: service:db',
  'volumes:',
  '  data:',
  '',
].join('\n');

function at(line: number, character: number) {
  return { line, character };
}

test('definition of a reference goes to the declaration', () => {
  const context = serviceContext();
  const found = service.definition!(doc(base), at(8, 14), context);
  assert.deepEqual(found, [{ uri: COMPOSE_URI, range: { start: at(3, 2), end: at(3, 4) } }]);
  const volume = service.definition!(doc(base), at(9, 16), context);
  assert.deepEqual(volume.map((l) => l.range.start), [at(14, 2)]);
});

test('definition of an alias goes to its anchor', () => {
  const found = service.definition!(doc(base), at(7, 10), serviceContext());
  assert.deepEqual(found, [{ uri: COMPOSE_URI, range: { start: at(0, 8), end: at(0, 13) } }]);
});

test('definition of a plain value is empty', () => {
  assert.deepEqual(service.definition!(doc(base), at(4, 12), serviceContext()), []);
});

test('references find every form of use, with and without the declaration', () => {
  const context = serviceContext();
  const all = service.references!(doc(base), at(3, 3), true, context);
  const spots = all.map((l) => [l.range.start.line, l.range.start.character]).sort((a, b) => a[0]! - b[0]!);
  assert.deepEqual(spots, [[1, 15], [3, 2], [8, 13], [12, 26]]);
  const uses = service.references!(doc(base), at(3, 3), false, context);
  assert.equal(uses.length, 3);
});

test('references span the override file', () => {
  const options: ContextOptions = { files: { [`${ROOT}/compose.override.yaml`]: 'services:\n  db:\n    ports: ["5432:5432"]\n  extra:\n    image: x\n    depends_on: [db]\n' } };
  const found = service.references!(doc(base), at(3, 3), true, serviceContext(options));
  const other = found.filter((l) => l.uri.endsWith('compose.override.yaml'));
  assert.deepEqual(other.map((l) => l.range.start.line), [1, 5]);
});

test('definition from an override file goes to the base file', () => {
  const { text, position } = withCursor('services:\n  web:\n    depends_on: [d|b]\n');
  const found = service.definition!(doc(text, `${ROOT}/compose.override.yaml`), position, serviceContext({ files: { [COMPOSE_URI]: base } }));
  assert.deepEqual(found.map((l) => [l.uri, l.range.start.line]), [[COMPOSE_URI, 3]]);
});

test('build.target leads to the stage in the Dockerfile; extends with a file to its service', () => {
  const files = { [`${ROOT}/Dockerfile`]: 'FROM golang AS build\nRUN x\nFROM scratch AS final\n', [`${ROOT}/common.yaml`]: 'services:\n  basis:\n    image: x\n' };
  const text = 'services:\n  web:\n    build:\n      context: .\n      target: final\n    extends:\n      file: common.yaml\n      service: basis\n';
  const stage = service.definition!(doc(text), at(4, 16), serviceContext({ files }));
  assert.deepEqual(stage, [{ uri: `${ROOT}/Dockerfile`, range: { start: at(2, 16), end: at(2, 21) } }]);
  const extended = service.definition!(doc(text), at(7, 17), serviceContext({ files }));
  assert.deepEqual(extended, [{ uri: `${ROOT}/common.yaml`, range: { start: at(1, 2), end: at(1, 7) } }]);
});

test('highlights mark the declaration as write and uses as read, in this file only', () => {
  const highlights = service.documentHighlights!(doc(base), at(14, 3), serviceContext());
  assert.deepEqual(highlights.map((h) => [h.range.start.line, h.kind]), [[14, 3], [9, 2]]);
  assert.deepEqual(service.documentHighlights!(doc(base), at(4, 10), serviceContext()), []);
});
