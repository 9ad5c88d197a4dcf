// Windows line endings and a byte order mark change nothing BuildKit reads the same way, and a
// heredoc whose carriage returns BuildKit keeps gets one precise warning instead of shell errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dockerfileLanguageService as service } from '../../../../server/src/core/dockerfile/dockerfileLanguageService';
import { context, doc, runRule } from '../helpers';

const crlf = (text: string) => text.replace(/\n/g, '\r\n');
const codes = (text: string) => service.validate(doc(text), context()).map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`).sort();

const SCRIPT = 'FROM debian:12\nRUN <<EOF\nset -e\nif [ -f /etc/os-release ]; then\n  for f in a b; do echo "$f"; done\nfi\nEOF\nRUN echo done\n';

test('a CRLF heredoc script gets heredoc-crlf on its marker, not a shell syntax error at each keyword', () => {
  const diagnostics = service.validate(doc(crlf(SCRIPT)), context());
  assert.deepEqual(diagnostics.filter((d) => d.code === 'shell-syntax'), []);
  const found = diagnostics.filter((d) => d.code === 'heredoc-crlf');
  assert.equal(found.length, 1);
  assert.deepEqual(found[0]!.range, { start: { line: 1, character: 4 }, end: { line: 1, character: 9 } });
  // With LF endings there is nothing to say, and everything else is the same.
  assert.deepEqual(runRule('heredoc-crlf', SCRIPT), []);
  assert.deepEqual(codes(crlf(SCRIPT)).filter((c) => !c.startsWith('heredoc-crlf')), codes(SCRIPT));
});

test('a real syntax error inside a CRLF heredoc is still reported, where it is', () => {
  const text = crlf('FROM debian:12\nRUN <<EOF\necho start\nif true; then\n  echo "unclosed\nEOF\n');
  const [error] = service.validate(doc(text), context()).filter((d) => d.code === 'shell-syntax');
  assert.ok(error, 'no shell-syntax');
  assert.equal(error.range.start.line, 4);
  assert.equal(error.range.start.character, 7);
});

test('shell rules map their spans through the carriage returns they skip', () => {
  const text = crlf('FROM debian:12\nRUN <<EOF\necho a\necho b\n[[ -f x ]] && echo c\nEOF\n');
  const [bashism] = runRule('bashism', text);
  assert.deepEqual(bashism!.range, { start: { line: 4, character: 0 }, end: { line: 4, character: 10 } });
  const mixed = crlf('FROM debian:12\nRUN cat <<EOF > /a && [[ -f y ]]\nline one\nline two\nEOF\nRUN echo\n');
  assert.deepEqual(runRule('bashism', mixed)[0]!.range, { start: { line: 1, character: 22 }, end: { line: 1, character: 32 } });
});

test('heredoc-crlf: a heredoc fed to a shell, and scripts written with a #! line', () => {
  const toShell = runRule('heredoc-crlf', crlf('FROM debian:12\nRUN bash -e <<EOF\necho hi\nEOF\n'));
  assert.equal(toShell.length, 1);
  const written = runRule('heredoc-crlf', crlf('FROM debian:12\nRUN cat <<EOF > /start.sh\n#!/bin/sh\nexec app\nEOF\nCOPY <<EOF /entry.sh\n#!/usr/bin/env bash\necho\nEOF\n'));
  assert.deepEqual(written.map((d) => d.message.match(/interpreter (\S+)/)?.[1]), ['/bin/sh', '/usr/bin/env']);
  assert.deepEqual(written.map((d) => d.range.start.line), [1, 5]);
  // Not a shell, not a script: Python reads CRLF, a config file keeps it; a Windows stage runs cmd.
  assert.deepEqual(runRule('heredoc-crlf', crlf('FROM python:3\nRUN <<EOF python3\nprint(1)\nEOF\nCOPY <<EOF /etc/app.conf\nkey=value\nEOF\n')), []);
  assert.deepEqual(runRule('heredoc-crlf', crlf('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN <<EOF\necho hi\nEOF\n')), []);
  assert.deepEqual(runRule('heredoc-crlf', crlf('FROM debian:12\nSHELL ["pwsh", "-c"]\nRUN <<EOF\nWrite-Host hi\nEOF\n')), []);
});

test('the quick fix asks the editor to switch the file to LF', () => {
  const d = doc(crlf(SCRIPT), 'file:///w/Dockerfile');
  const [diagnostic] = service.validate(d, context()).filter((x) => x.code === 'heredoc-crlf');
  const [fix] = service.codeActions!(d, diagnostic!.range, [diagnostic!], context());
  assert.equal(fix!.command!.command, 'dockerWorkbench.useLfLineEndings');
  assert.deepEqual(fix!.command!.arguments, ['file:///w/Dockerfile']);
  assert.equal(fix!.isPreferred, true);
});

test('a byte order mark before the parser directives does not hide them (BuildKit drops it)', () => {
  const text = '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo a `\n    b\n';
  assert.deepEqual(codes(`\uFEFF${text}`).map((c) => c.replace(/ 0:1-/, ' 0:0-')), codes(text).map((c) => c.replace(/ 0:0-0:10/, ' 0:0-0:11')));
  assert.deepEqual(codes(`\uFEFF${text}`).filter((c) => /unknown|syntax/.test(c)), []);
});
