// The documents open when the language server starts: too long together for its main thread, they
// have it start its validation worker with the process; files of other languages do not count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverStartupArgs, servedChars } from '../../../client/src/serverStartupArgs';
import { MAIN_THREAD_MAX_CHARS } from '../../../server/src/protocol/serverEnvironment';

/** A stand-in for an open text document, measured as VS Code measures one (offsets in UTF-16 units). */
function doc(languageId: string, text: string) {
  const lines = text.split('\n');
  return {
    languageId,
    lineCount: lines.length,
    lineAt: (line: number) => ({ range: { end: { line, character: lines[line]!.length } } }),
    offsetAt: (position: { line: number; character: number }) => lines.slice(0, position.line).reduce((n, l) => n + l.length + 1, 0) + position.character,
  } as never;
}

test('the served documents are measured together, other languages left out', () => {
  const text = 'FROM alpine\nRUN echo é\n';
  assert.equal(servedChars([doc('dockerfile', text), doc('dockercompose', 'services: {}'), doc('typescript', 'x'.repeat(100_000))]), text.length + 12);
  assert.equal(servedChars([]), 0);
});

test('past what the main thread takes, the server is told to start its validation worker with the process', () => {
  const half = 'x'.repeat(MAIN_THREAD_MAX_CHARS / 2);
  assert.deepEqual(serverStartupArgs([doc('dockerfile', half), doc('dockercompose', half)]), []);
  assert.deepEqual(serverStartupArgs([doc('dockerfile', half), doc('dockercompose', `${half}\n`)]), ['--start-validation-worker']);
  assert.deepEqual(serverStartupArgs([doc('plaintext', `${half}${half}\n`)]), []);
});
