import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CHUNK_LENGTH, ChunkedText, type TextChangeEvent } from '../../../server/src/lsp/chunkedText';
import { randomFraction } from '../seededRandom';

const PIECES = ['a', 'b', ' ', '\n', '\r', '\r\n', '\\', 'RUN x', '\u00e9', '\ud83d\ude00', 'x'.repeat(50)];

function randomText(next: () => number, length: number): string {
  let out = '';
  while (out.length < length) out += PIECES[Math.floor(next() * PIECES.length)]!;
  return out;
}

function checkSame(chunked: ChunkedText, document: TextDocument, what: string): void {
  assert.equal(chunked.getText(), document.getText(), what);
  assert.equal(chunked.length, document.getText().length, what);
  // Counted afresh: TextDocument's own count can go wrong after a line past the end (see below).
  assert.equal(chunked.lineCount, TextDocument.create('file:///fresh', 'dockerfile', 1, document.getText()).lineCount, what);
  for (const piece of chunked.pieces()) {
    assert.ok(piece.length > 0 && piece.length <= CHUNK_LENGTH, `${what}: a piece of ${piece.length}`);
  }
}

test('ChunkedText applies edits exactly as TextDocument.update does (line breaks of every kind, characters out of range)', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    const next = randomFraction(seed);
    const initial = randomText(next, seed % 2 === 0 ? 20_000 : 300);
    const document = TextDocument.create('file:///x/Dockerfile', 'dockerfile', 1, initial);
    const chunked = new ChunkedText(initial);
    checkSame(chunked, document, `seed ${seed}, opened`);
    for (let version = 2; version < 600; version++) {
      // Positions on lines that exist when each change applies (a later change of one event sees the earlier ones).
      const scratch = TextDocument.create('file:///scratch', 'dockerfile', 1, document.getText());
      const position = () => ({
        // Now and then a character past the end of its line, or a negative line or character.
        line: Math.floor(next() * scratch.lineCount) - (next() < 0.02 ? 3 : 0),
        character: Math.floor(next() * 12) - (next() < 0.02 ? 3 : 0) + (next() < 0.05 ? 200 : 0),
      });
      const changes: TextChangeEvent[] = [];
      const count = next() < 0.2 ? 3 : 1;
      for (let k = 0; k < count; k++) {
        const roll = next();
        if (roll < 0.01) changes.push({ text: randomText(next, Math.floor(next() * 9000)) });
        else {
          const text = roll < 0.4 ? '' : roll < 0.95 ? randomText(next, Math.floor(next() * 6)) : randomText(next, Math.floor(next() * 10_000));
          changes.push({ range: { start: position(), end: position() }, text });
        }
        TextDocument.update(scratch, [changes[k]!], 2);
      }
      TextDocument.update(document, changes, version);
      chunked.update(changes);
      checkSame(chunked, document, `seed ${seed}, version ${version}`);
      const probe = position();
      assert.equal(chunked.offsetAt(probe), document.offsetAt(probe), `seed ${seed}, version ${version}, offsetAt ${JSON.stringify(probe)}`);
    }
  }
});

test('ChunkedText: an edit rebuilds only the pieces it touches; a change of no known kind throws after the ones before it', () => {
  const text = Array.from({ length: 2000 }, (_, i) => `RUN echo ${i}`).join('\n');
  const chunked = new ChunkedText(text);
  const before = [...chunked.pieces()];
  assert.ok(before.length > 4);
  chunked.update([{ range: { start: { line: 1000, character: 3 }, end: { line: 1000, character: 3 } }, text: 'X' }]);
  const after = chunked.pieces();
  assert.equal(after.length, before.length);
  assert.equal(after.filter((piece, k) => piece !== before[k]).length, 1);
  assert.throws(() => chunked.update([{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'A' }, { text: 1 as unknown as string }]), /Unknown change/);
  assert.equal(chunked.getText().slice(0, 4), 'ARUN');
  chunked.update([{ text: '' }]);
  assert.equal(chunked.getText(), '');
  assert.equal(chunked.pieces().length, 0);
  assert.equal(chunked.lineCount, 1);
});

test('ChunkedText: a line past the end is the end of the text, and the lines are counted right after it', () => {
  // TextDocument.update writes such an edit's line starts at the line numbers it was given (a hole
  // in its list: 4 lines for this 3-line text); the text itself is the same.
  const changes = [{ range: { start: { line: 3, character: 7 }, end: { line: 2, character: 2 } }, text: '\nb' }];
  const chunked = new ChunkedText('x\r ');
  chunked.update(changes);
  const document = TextDocument.create('file:///x/Dockerfile', 'dockerfile', 1, 'x\r ');
  TextDocument.update(document, changes, 2);
  assert.equal(chunked.getText(), 'x\r \nb');
  assert.equal(chunked.getText(), document.getText());
  assert.equal(chunked.lineCount, 3);
  assert.equal(chunked.offsetAt({ line: 2, character: 1 }), 5);
  assert.equal(chunked.offsetAt({ line: 99, character: 0 }), 5);
  // Not numbers at all: no NaN offsets.
  chunked.update([{ range: { start: { line: NaN, character: 1.5 }, end: { line: 0, character: Infinity } }, text: 'y' }]);
  assert.equal(chunked.getText(), 'xy\r \nb');
});
