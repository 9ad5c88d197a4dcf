import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../server/src/core/dockerfile/syntax/parser';
import { ARCHIVE, copyArgs, isAbsolutePath, isUrl } from '../../../server/src/core/dockerfile/analysis/copySources';

test('sources and destination in shell form, exec form and with heredocs', () => {
  const doc = parseDockerfile('FROM a\nCOPY a b /c/\nCOPY ["x y", "/z"]\nCOPY <<EOF /f\nhi\nEOF\n');
  assert.deepEqual(copyArgs(doc.instructions[1]!).sources.map((w) => w.value), ['a', 'b']);
  assert.equal(copyArgs(doc.instructions[2]!).dest!.value, '/z');
  assert.equal(copyArgs(doc.instructions[3]!).heredocSources, 1);
});

test('paths, URLs and archives', () => {
  assert.ok(isAbsolutePath('/app', false) && isAbsolutePath('$HOME', false) && isAbsolutePath('C:\\app', true));
  // A drive letter and a separator make a Windows path whatever the image (dotnet/sdk runs on both); C:app is drive-relative.
  assert.ok(isAbsolutePath('C:\\app', false) && isAbsolutePath('C:/app', false) && !isAbsolutePath('C:app', false) && !isAbsolutePath('app', true));
  assert.ok(isUrl('https://x.io/a') && isUrl('git@github.com:a/b.git') && !isUrl('a/b'));
  assert.ok(ARCHIVE.test('a.tar.gz') && !ARCHIVE.test('a.zip'));
});
