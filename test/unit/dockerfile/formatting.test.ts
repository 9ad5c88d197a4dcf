import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dockerfileLanguageService as service } from '../../../server/src/core/dockerfile/dockerfileLanguageService';
import type { TextEdit } from '../../../server/src/core/types';
import { LineIndex } from '../../../server/src/core/text';
import { context, doc } from './helpers';

function apply(text: string, edits: TextEdit[]): string {
  const index = new LineIndex(text);
  const sorted = [...edits].sort((a, b) => index.offsetAt(b.range.start) - index.offsetAt(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, index.offsetAt(e.range.start)) + e.newText + out.slice(index.offsetAt(e.range.end));
  return out;
}

const options = { tabSize: 4, insertSpaces: true };

test('document formatting: keyword case, flush-left instructions, one space, continuation indent, trailing spaces', () => {
  const text = 'FROM a\n  run   echo a \\\n        && echo b   \n\t# comment\nCOPY  x y  \n';
  const formatted = apply(text, service.format!(doc(text), options, context()));
  assert.equal(formatted, 'FROM a\nRUN echo a \\\n    && echo b\n# comment\nCOPY x y\n');
  assert.deepEqual(service.format!(doc(formatted), options, context()), []);
});

test('heredoc bodies and text inside an open quote keep their whitespace', () => {
  const text = 'FROM a\nRUN <<EOF\n   indented  \nEOF\nRUN echo "a \\\n      b"\n';
  assert.equal(apply(text, service.format!(doc(text), options, context())), text);
});

test('lower-case files stay lower case; tabs when asked', () => {
  const text = 'from a\nrun x \\\n  y\nRUN z\n';
  assert.equal(apply(text, service.format!(doc(text), { tabSize: 4, insertSpaces: false }, context())), 'from a\nrun x \\\n\ty\nrun z\n');
});

test('range formatting touches only the selected lines', () => {
  const text = '  FROM a\n  RUN x\n';
  const edits = service.formatRange!(doc(text), { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } }, options, context());
  assert.equal(apply(text, edits), '  FROM a\nRUN x\n');
});

test('on type: Enter after a continued line indents the new line', () => {
  const text = 'FROM a\nRUN apt-get update \\\n\n';
  const edits = service.formatOnType!(doc(text), { line: 2, character: 0 }, '\n', options, context());
  assert.equal(apply(text, edits), 'FROM a\nRUN apt-get update \\\n    \n');
  assert.deepEqual(service.formatOnType!(doc('FROM a\nRUN x\n\n'), { line: 2, character: 0 }, '\n', options, context()), []);
});

test('edits never touch or overlap, so any order of applying them gives the same text', () => {
  // The keyword of a lone continuation's instruction sits where the continuation indent goes: one edit.
  const samples = ['FROM a\n\\\nenv X=1\n', ' env  REDIS_VERSION 7', 'FROM a\n  env\tREDIS_VERSION=1\n', 'from a\nrun x \\\n\\\n  y  \n'];
  for (const text of samples) {
    const edits = service.format!(doc(text), options, context());
    const index = new LineIndex(text);
    const spans = edits.map((e) => [index.offsetAt(e.range.start), index.offsetAt(e.range.end)] as const);
    for (let k = 1; k < spans.length; k++) assert.ok(spans[k]![0] > spans[k - 1]![1], `${JSON.stringify(text)}: ${JSON.stringify(edits)}`);
    // Back to front, the way some clients apply them, and front to back with offsets shifted.
    let forward = text;
    let shift = 0;
    edits.forEach((e, k) => {
      forward = forward.slice(0, spans[k]![0] + shift) + e.newText + forward.slice(spans[k]![1] + shift);
      shift += e.newText.length - (spans[k]![1] - spans[k]![0]);
    });
    assert.equal(apply(text, edits), forward, JSON.stringify(text));
  }
  assert.equal(apply('FROM a\n\\\nenv X=1\n', service.format!(doc('FROM a\n\\\nenv X=1\n'), options, context())), 'FROM a\n\\\n    ENV X=1\n');
});

test('trailing spaces after a long run of inner spaces are found in linear time', () => {
  const text = `FROM a\nRUN echo a${' '.repeat(300_000)}b   \n`;
  const edits = service.format!(doc(text), options, context());
  assert.equal(apply(text, edits), `FROM a\nRUN echo a${' '.repeat(300_000)}b\n`);
});
