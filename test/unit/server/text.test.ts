import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../../server/src/core/text';
import { random } from '../seededRandom';

test('LineIndex converts offsets and positions across \\n, \\r\\n and \\r', () => {
  const index = new LineIndex('ab\ncd\r\nef\rg');
  assert.equal(index.lineCount, 4);
  assert.deepEqual(index.positionAt(0), { line: 0, character: 0 });
  assert.deepEqual(index.positionAt(4), { line: 1, character: 1 });
  assert.deepEqual(index.positionAt(7), { line: 2, character: 0 });
  assert.deepEqual(index.positionAt(10), { line: 3, character: 0 });
  assert.equal(index.offsetAt({ line: 1, character: 1 }), 4);
  assert.equal(index.lineText(1), 'cd');
  assert.equal(index.lineText(2), 'ef');
});

test('LineIndex clamps positions past the end of a line or the text', () => {
  const index = new LineIndex('abc\nde');
  assert.equal(index.offsetAt({ line: 0, character: 99 }), 3);
  assert.equal(index.offsetAt({ line: 9, character: 0 }), 6);
  assert.deepEqual(index.positionAt(99), { line: 1, character: 2 });
});

/** Every line start of an index, through its public reads. */
function starts(index: LineIndex): number[] {
  return Array.from({ length: index.lineCount }, (_, k) => index.lineStart(k));
}

test('LineIndex.afterEdit equals an index of the new text built from scratch (edits across \\n, \\r\\n and \\r)', async () => {
  const { diffTexts } = await import('../../../server/src/core/dockerfile/syntax/textChange');
  // Line breaks are what an edit can join, split or turn into another kind (\r + \n = one break).
  const pieces = ['\n', '\r', '\r\n', 'a', 'bc', ' ', '\n\n', '\r\r'];
  const rnd = random(7);
  const randomText = (length: number) => Array.from({ length }, () => pieces[rnd(pieces.length)]).join('');
  let checked = 0;
  for (let run = 0; run < 300; run++) {
    let text = randomText(rnd(30));
    let index = new LineIndex(text);
    for (let n = 0; n < 20; n++) {
      const at = rnd(text.length + 1);
      const remove = rnd(Math.min(4, text.length - at) + 1);
      const next = text.slice(0, at) + randomText(rnd(3)) + text.slice(at + remove);
      const change = diffTexts(text, next);
      if (change) index = LineIndex.afterEdit(index, next, change);
      assert.deepEqual(starts(index), starts(new LineIndex(next)), `${JSON.stringify(text)} → ${JSON.stringify(next)}`);
      text = next;
      checked++;
    }
  }
  assert.ok(checked === 6000);
});

test('LineIndex.afterEdit: a carriage return and a line feed an edit brings together make one line break', () => {
  const before = new LineIndex('ab\rX\ncd');
  assert.equal(before.lineCount, 3);
  // Deleting X joins \r and \n into one break: two lines, not three.
  const after = LineIndex.afterEdit(before, 'ab\r\ncd', { start: 3, oldEnd: 4, newEnd: 3, delta: -1 });
  assert.deepEqual(starts(after), [0, 4]);
  // Typing between them splits it again.
  const split = LineIndex.afterEdit(after, 'ab\rY\ncd', { start: 3, oldEnd: 3, newEnd: 4, delta: 1 });
  assert.deepEqual(starts(split), [0, 3, 5]);
});
