import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitChunks } from '../../../server/src/core/compose/model/splitChunks';

test('top-level keys are entries and block mappings split into their children', () => {
  const text = '# c\nname: x\nservices:\n  # about a\n  a:\n    image: x\n\n  b:\n    image: y\nvolumes: {}\n';
  const entries = splitChunks(text)!;
  const slices = entries.map((e) => text.slice(e.start, e.end));
  assert.deepEqual(slices, ['# c\nname: x\n', 'services:\n  # about a\n  a:\n    image: x\n\n  b:\n    image: y\n', 'volumes: {}\n']);
  const split = entries[1]!.split!;
  assert.equal(text.slice(split.header.start, split.header.end), 'services:\n  # about a\n');
  assert.deepEqual(split.children.map((c) => text.slice(c.start, c.end)), ['  a:\n    image: x\n\n', '  b:\n    image: y\n']);
});

test('a leading document marker is allowed', () => {
  assert.ok(splitChunks('---\nservices:\n  a:\n    image: x\n'));
});

test('anything unusual falls back to a whole parse', () => {
  for (const text of ['a: 1\n---\nb: 2\n', '- a\n- b\n', 'services:\n\ta: 1\n', '{a: 1}\n', 'services:\n    a: 1\n  b: 2\n', '']) {
    assert.equal(splitChunks(text), undefined, JSON.stringify(text));
  }
});

test('a key with a value on its line is not split', () => {
  const [entry] = splitChunks('services: &s\n  a:\n    image: x\n')!;
  assert.equal(entry!.split, undefined);
});

test('lines with long runs of spaces are read in linear time (the key pattern backtracked quadratically)', () => {
  const spaces = ' '.repeat(200_000);
  const text = `services:\n  web:\n    image: a${spaces}b\n  a${spaces}b:\n    image: c\n`;
  const chunks = splitChunks(text);
  assert.equal(chunks?.length, 1);
  assert.equal(chunks![0]!.split?.children.length, 2);
});
