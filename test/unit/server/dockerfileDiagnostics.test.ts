import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateDockerfile } from '../../../server/src/core/dockerfile/dockerfileLanguageService';
import { DiagnosticSeverity } from '../../../server/src/core/types';

// Other rules (untagged images, apt-get update alone...) warn on these samples; these tests are
// about the parse, so they look at errors only.
const errorsOf = (text: string) => validateDockerfile(text).filter((d) => d.severity === DiagnosticSeverity.Error);

test('an unknown instruction is reported on its keyword', () => {
  const diagnostics = errorsOf('FROM busybox\nRUNN echo hi\n');
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0]!.code, 'unknown-instruction');
  assert.deepEqual(diagnostics[0]!.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } });
  assert.match(diagnostics[0]!.message, /RUNN/);
});

test('continuation lines, comments inside them and heredoc bodies are not instructions', () => {
  const text = [
    'FROM busybox',
    'RUN echo a \\',
    '# a comment inside the continuation',
    '    && echo b',
    'RUN <<EOF',
    'apt-get update',
    'EOF',
    'COPY <<-EOT /x',
    '\tnot an instruction',
    '\tEOT',
  ].join('\n');
  assert.deepEqual(errorsOf(text), []);
});

test('the escape directive changes the continuation character', () => {
  const text = '# escape=`\nFROM mcr.microsoft.com/windows\nRUN dir `\n  c:\\\nWORKDIR c:\\app\n';
  assert.deepEqual(errorsOf(text), []);
});
