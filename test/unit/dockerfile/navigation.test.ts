import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dockerfileLanguageService as service } from '../../../server/src/core/dockerfile/dockerfileLanguageService';
import { context, cursor, doc } from './helpers';

const URI = 'file:///n/Dockerfile';
const TEXT = [
  'ARG VERSION=1',                           // 0
  'FROM alpine:$VERSION AS build',           // 1
  'ARG VERSION',                             // 2
  'ENV APP=/app/$VERSION',                   // 3
  'RUN echo $APP ${VERSION}',                // 4
  'FROM build AS test',                      // 5
  'RUN echo $APP',                           // 6
  'FROM scratch',                            // 7
  'COPY --from=build /app /app',             // 8
  'RUN --mount=type=cache,from=test,target=/x true', // 9
].join('\n');

const at = (line: number, character: number) => ({ line, character });
const lines = (list: { range: { start: { line: number; character: number } } }[]) => list.map((l) => `${l.range.start.line}:${l.range.start.character}`);

test('definition of a stage reference goes to the stage name', () => {
  const locations = service.definition!(doc(TEXT, URI), at(8, 14), context());
  assert.deepEqual(lines(locations), ['1:24']);
  assert.equal(locations[0]!.uri, URI);
});

test('definition of a variable goes to the definition it resolves to', () => {
  assert.deepEqual(lines(service.definition!(doc(TEXT, URI), at(4, 11), context())), ['3:4']);
  assert.deepEqual(lines(service.definition!(doc(TEXT, URI), at(6, 11), context())), ['3:4']);
});

test('references of a stage: its name, FROM, COPY --from and mount from=', () => {
  assert.deepEqual(lines(service.references!(doc(TEXT, URI), at(1, 25), true, context())), ['1:24', '5:5', '8:12']);
  assert.deepEqual(lines(service.references!(doc(TEXT, URI), at(1, 25), false, context())), ['5:5', '8:12']);
  assert.deepEqual(lines(service.references!(doc(TEXT, URI), at(5, 15), true, context())), ['5:14', '9:28']);
});

test('references of a global ARG include its re-declaration and uses in the stage and RUN', () => {
  assert.deepEqual(lines(service.references!(doc(TEXT, URI), at(0, 5), true, context())), ['0:4', '1:13', '2:4', '3:14', '4:16']);
});

test('highlights mark definitions as writes and uses as reads', () => {
  const list = service.documentHighlights!(doc(TEXT, URI), at(3, 5), context());
  assert.deepEqual(list.map((h) => [h.range.start.line, h.kind]), [[3, 3], [4, 2], [6, 2]]);
});

test('rename a stage and a variable everywhere; invalid names and predefined args are refused', () => {
  const stage = service.rename!(doc(TEXT, URI), at(8, 14), 'builder', context())!;
  assert.deepEqual(stage.changes[URI]!.map((e) => `${e.range.start.line}:${e.newText}`), ['1:builder', '5:builder', '8:builder']);
  const variable = service.rename!(doc(TEXT, URI), at(3, 5), 'APP_DIR', context())!;
  assert.deepEqual(variable.changes[URI]!.map((e) => e.range.start.line), [3, 4, 6]);
  assert.equal(service.rename!(doc(TEXT, URI), at(3, 5), '1bad', context()), null);
  const { text, position } = cursor('FROM --platform=$BUILD|PLATFORM a');
  assert.equal(service.prepareRename!(doc(text), position, context()), null);
  assert.deepEqual(service.prepareRename!(doc(TEXT, URI), at(1, 26), context()), { range: { start: at(1, 24), end: at(1, 29) }, placeholder: 'build' });
});

test('numeric stage references are kept on rename', () => {
  const text = 'FROM a AS one\nFROM b\nCOPY --from=0 /x /y\nCOPY --from=one /x /y\n';
  const edit = service.rename!(doc(text, URI), at(0, 11), 'first', context())!;
  assert.deepEqual(edit.changes[URI]!.map((e) => e.range.start.line), [0, 3]);
});

test('a variable in the default of another is a use: definition, references and rename reach it', () => {
  const text = ['FROM alpine', 'ARG BASE=/srv', 'ENV DIR=${APP_DIR:-${BASE}/app}', 'RUN echo ${BASE}'].join('\n');
  const d = doc(text, URI);
  // `BASE` inside the default word of APP_DIR, at line 2, characters 21-25.
  assert.deepEqual(lines(service.definition!(d, at(2, 22), context())), ['1:4']);
  assert.deepEqual(lines(service.references!(d, at(1, 5), true, context())), ['1:4', '2:21', '3:11']);
  const edit = service.rename!(d, at(2, 22), 'ROOT', context());
  assert.deepEqual(edit!.changes![URI]!.map((e) => `${e.range.start.line}:${e.range.start.character}=${e.newText}`).sort(), ['1:4=ROOT', '2:21=ROOT', '3:11=ROOT']);
});
