import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../../server/src/core/dockerfile/syntax/parser';
import { heredocShell, shellKindOf, shellSource, toDocSpan } from '../../../../server/src/core/dockerfile/syntax/shell/shellSource';

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

test('a heredoc fed to a shell named on the line is the script, with the shell\'s options as set lines', () => {
  const text = 'FROM a\nRUN <<EOF bash -ex\napt-get update\nEOF\nRUN sh -o pipefail <<EOT\ncurl x | sh\nEOT\nRUN bash <<EOF\necho hi\nEOF\n';
  const doc = parseDockerfile(text);
  const first = shellSource(doc, doc.instructions[1]!)!;
  assert.equal(first.text, 'set -ex\napt-get update');
  const at = first.text.indexOf('apt-get');
  const span = toDocSpan(first, at, at + 7);
  assert.equal(text.slice(span.start, span.end), 'apt-get');
  // The options map onto the shell's name.
  assert.equal(text.slice(toDocSpan(first, 0, 4).start, toDocSpan(first, 0, 4).end), 'bash');
  assert.equal(shellSource(doc, doc.instructions[2]!)!.text, 'set -o pipefail\ncurl x | sh');
  assert.equal(shellSource(doc, doc.instructions[3]!)!.text, 'echo hi');
  assert.equal(heredocShell(text, doc.instructions[1]!)!.shell.value, 'bash');
});

test('a heredoc that is not a shell\'s input stays part of the command', () => {
  const text = 'FROM a\nRUN python3 <<EOF\nprint(1)\nEOF\nRUN bash -c "echo x" <<EOF\nhi\nEOF\nRUN bash 3<<EOF\nhi\nEOF\nRUN bash script.sh <<EOF\nhi\nEOF\nRUN $SH <<EOF\nhi\nEOF\n';
  const doc = parseDockerfile(text);
  for (const k of [1, 2, 3, 4, 5]) assert.equal(heredocShell(text, doc.instructions[k]!), undefined, doc.instructions[k]!.argText);
  assert.equal(shellSource(doc, doc.instructions[1]!)!.text, 'python3 <<EOF\nprint(1)\nEOF');
});
