import { test } from 'node:test';
import assert from 'node:assert/strict';
import { leadingKeyLine, splitChunks, splitEntry } from '../../../server/src/core/compose/model/splitChunks';

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

test('several documents and roots that are not block mappings fall back to a whole parse', () => {
  for (const text of ['a: 1\n---\nb: 2\n', '- a\n- b\n', '\ta: 1\n', '{a: 1}\n', '  a: 1\n', '%YAML 1.2\n---\na: 1\n', '']) {
    assert.equal(splitChunks(text), undefined, JSON.stringify(text));
  }
});

test('every line at a level starts a chunk, except what can only continue the entry above', () => {
  const text = 'x: {\n  a: 1\n}\nl:\n- a\n- b\n? k\n: v\nvol\nz: 1\n';
  assert.deepEqual(splitChunks(text)!.map((e) => text.slice(e.start, e.end)), ['x: {\n  a: 1\n}\n', 'l:\n- a\n- b\n', '? k\n: v\n', 'vol\n', 'z: 1\n']);
});

test('lines with tabs stay in the child above, where the parser judges them', () => {
  const text = 'services:\n  a: 1\n\tc: 3\n  d: 4\n';
  const [entry] = splitChunks(text)!;
  assert.deepEqual(entry!.split!.children.map((c) => text.slice(c.start, c.end)), ['  a: 1\n\tc: 3\n', '  d: 4\n']);
});

test('a line between a key and its children is a misindented chunk, with the block under it when it is an empty key', () => {
  const text = 'services:\n    a: 1\n   e: 6\n    f: 7\n  b:\n    c: 4\n';
  const [entry] = splitChunks(text)!;
  assert.deepEqual(entry!.split!.children.map((c) => [text.slice(c.start, c.end), Boolean(c.misindented)]), [
    ['    a: 1\n', false],
    ['   e: 6\n', true],
    ['    f: 7\n', false],
    ['  b:\n    c: 4\n', true],
  ]);
});

test('the children\'s level is the one that leaves fewest lines out of place; for valid YAML, the first child\'s', () => {
  const text = 'web:\n     odd: 1\n    image: x\n    ports: []\n';
  const split = splitEntry(text, { start: 0, end: text.length })!;
  assert.deepEqual(split.children.map((c) => [text.slice(c.start, c.end), Boolean(c.misindented)]), [['     odd: 1\n', true], ['    image: x\n', false], ['    ports: []\n', false]]);
  const valid = 'web:\n  a:\n    b: 1\n  c: |\n    text: here\n';
  assert.deepEqual(splitEntry(valid, { start: 0, end: valid.length })!.children.map((c) => valid.slice(c.start, c.end)), ['  a:\n    b: 1\n', '  c: |\n    text: here\n']);
});

test('a child that is not a key still starts a chunk, and compact sequences stay with their key', () => {
  const text = 'web:\n  image: x\n  we b\n  ports:\n  - "80"\n  ]\n';
  const split = splitEntry(text, { start: 0, end: text.length })!;
  assert.deepEqual(split.children.map((c) => text.slice(c.start, c.end)), ['  image: x\n', '  we b\n', '  ports:\n  - "80"\n  ]\n']);
});

test('an anchor or tag on its own line under an empty key belongs to the value below: the entry is not split', () => {
  for (const props of ['&common', '!!map', '&common !!map', '!!map &common # shared']) {
    const text = `x-common:\n  ${props}\n  image: alpine\n  restart: always\nservices:\n  a:\n    <<: *common\n`;
    const entries = splitChunks(text)!;
    assert.deepEqual(entries.map((e) => text.slice(e.start, e.end)), [`x-common:\n  ${props}\n  image: alpine\n  restart: always\n`, 'services:\n  a:\n    <<: *common\n'], props);
    assert.equal(entries[0]!.split, undefined, props);
    assert.ok(entries[1]!.split, props);
  }
  // A key line under the anchor line is still a key line (only the lead line is looked at).
  assert.ok(splitEntry('s:\n  a: &x\n    k: v\n', { start: 0, end: 20 }));
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
  assert.equal(chunks[0]!.split?.children.length, 2);
});

test('the key of a chunk\'s first line is read in linear time, blanks before its colon dropped (a 200,000-space key took 84 s to check)', () => {
  const spaces = ' '.repeat(200_000);
  const text = `  a${spaces}b${spaces}:${spaces}x\n`;
  const found = leadingKeyLine(text, { start: 0, end: text.length });
  assert.equal(found?.key, `a${spaces}b`);
  assert.equal(text[found.valueStart - 1], ':');
  assert.equal(leadingKeyLine('"q" :\n', { start: 0, end: 6 })?.key, 'q');
  assert.equal(leadingKeyLine('k:\t\n', { start: 0, end: 4 })?.key, 'k');
});
