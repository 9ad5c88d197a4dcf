import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../../server/src/core/dockerfile/syntax/parser';
import { shellKindOf, shellSource, toDocSpan } from '../../../../server/src/core/dockerfile/syntax/shell/shellSource';

test('the script is the logical line after the flags, mapped back to the document', () => {
  const text = 'FROM a\nRUN --mount=type=cache,target=/c echo a \\\n  && echo b\n';
  const doc = parseDockerfile(text);
  const source = shellSource(doc, doc.instructions[1]!)!;
  assert.equal(source.text, 'echo a   && echo b');
  const at = source.text.indexOf('echo b');
  const span = toDocSpan(source, at, at + 6);
  assert.equal(text.slice(span.start, span.end), 'echo b');
});

test('heredocs: alone they are the script; after a command they are part of it', () => {
  const text = 'FROM a\nRUN <<EOF\napt-get update\nEOF\nRUN cat <<EOT > /f\nhello\nEOT\n';
  const doc = parseDockerfile(text);
  assert.equal(shellSource(doc, doc.instructions[1]!)!.text, 'apt-get update');
  assert.equal(shellSource(doc, doc.instructions[2]!)!.text, 'cat <<EOT > /f\nhello\nEOT');
});

test('exec form has no script; shells are classified', () => {
  const doc = parseDockerfile('FROM a\nRUN ["a"]\nHEALTHCHECK CMD curl -f x\n');
  assert.equal(shellSource(doc, doc.instructions[1]!), undefined);
  assert.equal(shellSource(doc, doc.instructions[2]!)!.text.trim(), 'curl -f x');
  assert.deepEqual(['/bin/bash', 'sh', '/bin/ash', 'pwsh', 'cmd', 'C:\\Windows\\powershell.exe'].map(shellKindOf), ['bash', 'sh', 'sh', 'other', 'other', 'other']);
});
