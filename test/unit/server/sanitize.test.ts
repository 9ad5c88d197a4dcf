// Ranges are clamped into the document before an answer leaves the server. A position already
// inside is kept without the search positionAt makes; these tests hold the clamp to what that
// search gives, on documents with every kind of line break, and to keeping a range inside as it is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { clampRange, sanitizeDiagnostics } from '../../../server/src/lsp/sanitize';
import type { Position, Range } from '../../../server/src/core/types';
import { random } from '../seededRandom';

/** The clamp as the search gives it: whole non-negative numbers, then the offset and back. */
function reference(doc: TextDocument, p: Position): Position {
  return doc.positionAt(doc.offsetAt({ line: Math.max(0, Math.floor(p.line)), character: Math.max(0, Math.floor(p.character)) }));
}

test('a clamped position is the one the offset search gives, whatever the line breaks and the position', () => {
  const next = random(11);
  const pieces = ['RUN a', '', 'x', '\n', '\r\n', '\r', '\n\n', 'é', '\t', '  '];
  let inside = 0;
  for (let d = 0; d < 300; d++) {
    let text = '';
    for (let k = 0, n = next(12); k < n; k++) text += pieces[next(pieces.length)];
    const doc = TextDocument.create('file:///tmp/Dockerfile', 'dockerfile', 1, text);
    for (let k = 0; k < 60; k++) {
      const line = next(doc.lineCount + 3) - 1 + (next(10) === 0 ? 0.5 : 0);
      const character = next(9) - 1 + (next(10) === 0 ? 0.25 : 0);
      const p = { line, character };
      const range: Range = { start: p, end: p };
      const clamped = clampRange(doc, range)!;
      const expected = reference(doc, p);
      assert.deepEqual(clamped.start, expected, `${JSON.stringify(text)} at ${JSON.stringify(p)}`);
      const kept = expected.line === line && expected.character === character;
      if (kept) inside++;
      // A range inside the document comes back as the same object (its diagnostic is not copied).
      assert.equal(clamped === range, kept, `${JSON.stringify(text)} at ${JSON.stringify(p)}`);
    }
  }
  assert.ok(inside > 2000, 'positions inside the document were drawn');
});

test('diagnostics inside the document pass unchanged; one past a line end is moved in', () => {
  const doc = TextDocument.create('file:///tmp/Dockerfile', 'dockerfile', 1, 'FROM a\r\nRUN b\n');
  const inside = { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } }, message: 'in', severity: 1, code: 'x', source: 'test' } as const;
  const past = { range: { start: { line: 0, character: 2 }, end: { line: 0, character: 7 } }, message: 'past', severity: 1, code: 'x', source: 'test' } as const;
  const [a, b] = sanitizeDiagnostics(doc, [inside, past], 10, () => ({ message: 'more', severity: 3, code: 'x', source: 'test' }));
  assert.equal(a, inside);
  assert.deepEqual(b!.range, { start: { line: 0, character: 2 }, end: { line: 0, character: 6 } });
});
