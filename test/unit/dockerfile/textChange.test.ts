import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffTexts } from '../../../server/src/core/dockerfile/syntax/textChange';
import { random } from '../seededRandom';

/** The changed region by walking characters from both ends. */
function naive(a: string, b: string) {
  if (a === b) return undefined;
  const limit = Math.min(a.length, b.length);
  let start = 0;
  while (start < limit && a[start] === b[start]) start++;
  let suffix = 0;
  while (suffix < limit - start && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  return { start, oldEnd: a.length - suffix, newEnd: b.length - suffix, delta: b.length - a.length };
}

test('equal texts have no change', () => {
  assert.equal(diffTexts('FROM a\n', 'FROM a\n'), undefined);
});

test('the change is the region between the common prefix and suffix', () => {
  assert.deepEqual(diffTexts('FROM a\nRUN b\n', 'FROM a\nRUN bx\n'), { start: 12, oldEnd: 12, newEnd: 13, delta: 1 });
  // A repeated character: the prefix is taken first, and the suffix may not overlap it.
  assert.deepEqual(diffTexts('aaa', 'aa'), { start: 2, oldEnd: 3, newEnd: 2, delta: -1 });
});

test('short and long texts, random edits: the same region as a character walk', () => {
  const rnd = random(5);
  for (let n = 0; n < 3000; n++) {
    const length = rnd(6) === 0 ? rnd(20000) : rnd(60);
    let a = '';
    for (let i = 0; i < length; i++) a += 'ab\n'[rnd(3)];
    const at = rnd(a.length + 1);
    const remove = rnd(Math.min(40, a.length - at) + 1);
    let insert = '';
    for (let i = rnd(5); i > 0; i--) insert += 'ab\n'[rnd(3)];
    const b = a.slice(0, at) + insert + a.slice(at + remove);
    assert.deepEqual(diffTexts(a, b), naive(a, b));
  }
});
