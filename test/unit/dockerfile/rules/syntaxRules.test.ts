import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, runRule } from '../helpers';
import { validateDockerfile } from '../../../../server/src/core/dockerfile/dockerfileLanguageService';
import { Analysis } from '../../../../server/src/core/dockerfile/analysis/analysis';
import { findSuppressions } from '../../../../server/src/core/dockerfile/validation/suppressions';

test('syntax rules', async (t) => {
  await checkRuleCases(t, [
    { rule: 'unknown-instruction', bad: 'FROM a\nRUNN echo\n', good: 'FROM a\nRUN echo\n', line: 1 },
    { rule: 'instruction-casing', bad: 'FROM a\nRUN x\nrun y\nCMD z\n', good: 'from a\nrun x\ncmd y\n', line: 2 },
    { rule: 'directive-casing', bad: '# ESCAPE=\\\nFROM a\n', good: '# escape=\\\nFROM a\n', line: 0 },
    { rule: 'invalid-escape-directive', bad: '# escape=x\nFROM a\n', good: '# escape=`\nFROM a\n', line: 0 },
    { rule: 'duplicate-directive', bad: '# syntax=a\n# syntax=b\nFROM a\n', good: '# syntax=a\n# escape=\\\nFROM a\n', line: 1 },
    { rule: 'misplaced-directive', bad: 'FROM a\n# check=skip=all\n', good: '# check=skip=all\nFROM a\n', line: 1 },
    { rule: 'empty-continuation', bad: 'FROM a\nRUN a \\\n\n  b\n', good: 'FROM a\nRUN a \\\n  # comment\n  b\n', line: 2 },
    { rule: 'first-instruction', bad: 'RUN x\nFROM a\n', good: 'ARG V=1\nFROM a:$V\n', line: 0 },
    { rule: 'unterminated-quote', bad: 'FROM a\nENV A="b\n', good: 'FROM a\nENV A="b c" B=\'d\'\nRUN echo "x\n', line: 1 },
    { rule: 'unsupported-modifier', bad: 'FROM a\nENV A=${B:0:2}\n', good: 'FROM a\nENV A=${B:-x} C=${D%.*}\nRUN echo ${B:0:2}\n', line: 1 },
    { rule: 'json-single-quotes', bad: "FROM a\nCMD ['node', 'x']\n", good: "FROM a\nCMD [\"node\", \"x\"]\nRUN [ 'a' = \"$B\" ]\n", line: 1 },
    { rule: 'invalid-json-form', bad: 'FROM a\nENTRYPOINT ["docker-entrypoint.sh", "--port" "8080"]\n', good: 'FROM a\nENTRYPOINT ["docker-entrypoint.sh", "--port", "8080"]\nRUN [ "$A" = "b" ] && echo\n', line: 1 },
    { rule: 'non-breaking-space', bad: 'FROM a\nRUN echo\u00a0hi\n', good: 'FROM a\nRUN echo hi\n', line: 1 },
    { rule: 'maintainer-deprecated', bad: 'FROM a\nMAINTAINER me\n', good: 'FROM a\nLABEL org.opencontainers.image.authors=me\n', line: 1 },
  ], assert);
});

test('unknown-instruction suggests the closest keyword', () => {
  const [d] = runRule('unknown-instruction', 'FROM a\nCOYP x y\n');
  assert.match(d!.message, /Did you mean COPY/);
  assert.deepEqual(d!.data, { replacement: 'COPY' });
});

test('maintainer-deprecated carries the deprecated tag', () => {
  assert.deepEqual(runRule('maintainer-deprecated', 'FROM a\nMAINTAINER me\n')[0]!.tags, [2]);
});

test('a directive below a first comment or blank line: BuildKit ignores it, and the fix moves it to the top', () => {
  assert.deepEqual(runRule('misplaced-directive', '\n# escape=`\nFROM a\n').map((d) => d.range.start.line), [1]);
  // After a #! first line BuildKit still finds # syntax= (it skips the shebang), not the others.
  assert.deepEqual(runRule('misplaced-directive', '#!/usr/bin/env buildctl\n# syntax=docker/dockerfile:1\n# escape=`\nFROM a\n').map((d) => d.range.start.line), [2]);
  // It reads # check= there too (dockerfile2llb finds it the same way), but only in the directive
  // lines right below the #! line.
  assert.deepEqual(runRule('misplaced-directive', '#!/usr/bin/env buildctl\n# check=skip=all\n# syntax=docker/dockerfile:1\nFROM a\n'), []);
  assert.deepEqual(runRule('misplaced-directive', '#!/bin/sh\n# note\n# check=skip=all\n# syntax=docker/dockerfile:1\nFROM a\n').map((d) => d.range.start.line), [2, 3]);
  // `# escape=` with no value is no directive for BuildKit either: a comment, no error.
  assert.deepEqual(runRule('invalid-escape-directive', '# escape=\nFROM a\n'), []);
});

test('half-typed values get messages that say what is missing', () => {
  assert.deepEqual(runRule('invalid-flag-value', 'FROM a\nRUN --mount=type= true\n').map((d) => d.message), ['The mount type is missing after type=: bind, cache, tmpfs, secret or ssh.']);
  assert.match(runRule('invalid-json-form', 'FROM a\nCMD ["node", "app.js"\n')[0]!.message, /the closing \] is missing/);
  assert.deepEqual(runRule('json-args-recommended', 'FROM a\nCMD ["node", "app.js"\n'), [], 'not "use the exec form" for an exec form that misses its ]');
});

test('invalid-json-form: an array whose items have no quotes (CMD [python, manage.py, runserver]), with the quoted array as the fix (round 13)', () => {
  const [d] = runRule('invalid-json-form', 'FROM python:3.12\nCMD [python, manage.py, runserver, 0.0.0.0:8000]\n');
  assert.equal(d?.message, 'This is not valid JSON (its items have no double quotes), so it is not the exec form: Docker hands the whole text to the shell, where it is no command.');
  assert.equal((d?.data as { replacement: string }).replacement, '["python", "manage.py", "runserver", "0.0.0.0:8000"]');
  assert.deepEqual(runRule('json-args-recommended', 'FROM python:3.12\nCMD [python, manage.py, runserver, 0.0.0.0:8000]\n'), [], 'not "put exec before [python,"');
  // Shell tests keep a space after the bracket; one bare word is no list.
  for (const text of ['FROM a\nRUN [ -f /x ] && echo y\n', 'FROM a\nRUN [ "$A" = b, c ]\n', 'FROM a\nCMD [npm]\n', 'FROM a\nRUN [[ -n "$X" ]] && echo\n']) assert.deepEqual(runRule('invalid-json-form', text), [], text);
});

test('invalid-json-form: an array written between braces or parentheses (ENTRYPOINT {"dotnet","aqa.dll"}, round 19), with the bracketed array as the fix', () => {
  const [d, ...rest] = runRule('invalid-json-form', 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nENTRYPOINT {"dotnet","aqa.dll"}\n');
  assert.deepEqual(rest, []);
  assert.equal(d?.message, 'This is not valid JSON (it is written between { } instead of [ ]), so it is not the exec form: Docker hands the whole text to the shell, where it is no command.');
  assert.equal((d?.data as { replacement: string }).replacement, '["dotnet","aqa.dll"]');
  assert.match(runRule('invalid-json-form', 'FROM node:20\nCMD ( "npm", "start" )\n')[0]!.message, /written between \( \) instead of \[ \]/);
  assert.deepEqual(runRule('json-args-recommended', 'FROM node:20\nCMD ("npm", "start")\n'), [], 'one finding for one mistake');
  assert.deepEqual(runRule('shell-syntax', 'FROM node:20\nCMD ("npm", "start")\n'), []);
  // Brace groups and subshells of the shell form: no commas between quoted words, or not only quoted words.
  for (const text of ['FROM a\nRUN { echo "a"; echo "b"; } > /x\n', 'FROM a\nCMD ("npm" "start")\n', 'FROM a\nRUN (cd /app && make)\n', 'FROM a\nCMD ("npm start")\n', 'FROM a\nRUN ("a", b)\n', 'FROM a\nCMD {"a", "b")\n']) assert.deepEqual(runRule('invalid-json-form', text), [], text);
});

test('invalid-json-form: text after a list of strings that is no shell operator (ENTRYPOINT ["java","-jar","app.jar"]lz, round 14)', () => {
  assert.match(runRule('invalid-json-form', 'FROM eclipse-temurin:21\nENTRYPOINT ["java","-jar","app.jar"]lz\n')[0]!.message, /lz follows the closing \]/);
  for (const text of ['FROM a\nRUN [ "$A" = "b" ] && echo\n', 'FROM a\nRUN [ "$A", "b" ] || true\n', 'FROM a\nRUN ["a", "b"] > /dev/null\n']) assert.deepEqual(runRule('invalid-json-form', text), [], text);
  // CMD, ENTRYPOINT and HEALTHCHECK CMD: a list with commas and a shell fallback is an exec form the shell breaks (round 41).
  for (const text of ['FROM alpine\nHEALTHCHECK --interval=30s \\\n    CMD ["/app/wa-gateway", "--healthcheck"] || exit 1\n', 'FROM alpine\nCMD ["/app/server", "--port", "80"] && echo started\n']) {
    assert.match(runRule('invalid-json-form', text)[0]?.message ?? '', /(\|\| exit 1|&& echo started) follows the closing \]/, text);
  }
  assert.deepEqual(runRule('invalid-json-form', 'FROM alpine\nHEALTHCHECK CMD [ -f /tmp/ok ] || exit 1\n'), []);
});

test('invalid-json-form: a JSON array with an element that is no string stops BuildKit', () => {
  const messages = (text: string) => runRule('invalid-json-form', text).map((d) => d.message);
  assert.equal(messages('FROM a\nCMD ["sleep", 10]\n').length, 1);
  assert.equal(messages('FROM a\nHEALTHCHECK CMD ["curl", "-f", null]\n').length, 1);
  assert.equal(messages('FROM a\nVOLUME [1]\n').length, 1);
  // Not JSON at all: a shell test, read as the shell form.
  assert.deepEqual(messages('FROM a\nRUN [ 1 -eq 1 ] && echo ok\nCMD ["sleep", "10"]\n'), []);
});

test('directives as BuildKit reads them: its parser takes an indented escape=, its frontend reads syntax= and check= only from lines starting with #', () => {
  const indentedEscape = Analysis.of('  # escape=`\nFROM a\nRUN dir `\n  c:\\\n');
  assert.equal(indentedEscape.doc.escape, '`');
  assert.deepEqual(runRule('misplaced-directive', '  # escape=`\nFROM a\n'), []);
  // Spaces after the # are fine everywhere.
  assert.deepEqual(runRule('misplaced-directive', '#  syntax = docker/dockerfile:1\n# check=skip=all\nFROM a\n'), []);
  assert.equal(findSuppressions(Analysis.of('#  check=skip=all\nFROM a\n').doc).skipAllChecks, true);
  // An indented line ends what the frontend reads: syntax and check there and below do nothing.
  const text = '  # escape=`\n# syntax=docker/dockerfile:1\n# check=skip=all\nFROM a\n';
  assert.deepEqual(runRule('misplaced-directive', text).map((d) => d.range.start.line), [1, 2]);
  assert.equal(findSuppressions(Analysis.of(text).doc).skipAllChecks, false);
  assert.match(runRule('misplaced-directive', '  # syntax=docker/dockerfile:1\nFROM a\n')[0]!.message, /ignores this one/);
});

test('invalid-json-form: a comment after a command\'s array makes it shell form; a shell test in brackets is not an array', () => {
  const [finding, ...rest] = runRule('invalid-json-form', 'FROM node:22\nCMD ["node", "server.js"]  # start the server\n');
  assert.deepEqual(rest, []);
  assert.match(finding!.message, /# start the server follows the closing \]/);
  assert.deepEqual(runRule('json-args-recommended', 'FROM node:22\nCMD ["node", "server.js"]  # start the server\n'), []);
  for (const text of ['FROM a\nRUN [ "$X" ] && echo yes\n', 'FROM a\nRUN [ -f /x ] || exit 1\n', 'FROM a\nCMD ["node", "server.js"]\n']) {
    assert.deepEqual(runRule('invalid-json-form', text), [], text);
  }
});

test('first-instruction: a Dockerfile with no FROM at all, all comments or only ARGs, does not build (round 15); a new file of a comment or two is left alone', () => {
  const [commented] = runRule('first-instruction', '# FROM node:20\n# WORKDIR /app\n# COPY . .\n# CMD ["node", "index.js"]\n');
  assert.equal(commented?.message, 'Every line of this Dockerfile is a comment, so docker build stops ("the Dockerfile cannot be empty"). Uncomment its instructions, starting with FROM.');
  assert.equal(commented?.range.start.line, 0);
  assert.match(runRule('first-instruction', 'ARG NODE_VERSION=22\n')[0]!.message, /^This Dockerfile has no FROM/);
  for (const text of ['', '\n\n', '# syntax=docker/dockerfile:1\n# my image\n', '# TODO\n']) assert.deepEqual(runRule('first-instruction', text), [], text);
});

test('unknown-instruction: Git\'s merge-conflict markers are one finding that says what they are (round 24)', () => {
  const found = runRule('unknown-instruction', 'FROM node:22\n<<<<<<< HEAD\nRUN npm ci\n=======\nRUN npm install\n>>>>>>> feature\nCOPY . .\n');
  assert.deepEqual(found.map((d) => d.range.start.line), [1]);
  assert.match(found[0]!.message, /^An unresolved merge conflict: the lines from here to >>>>>>> hold both sides/);
});

test('misplaced-directive: a stable # syntax= ignored below a banner is a hint (the engine\'s own frontend reads such files); labs, escape and check stay warnings (round 26)', async () => {
  const { validateDockerfile } = await import('../../../../server/src/core/dockerfile/dockerfileLanguageService');
  const severities = (text: string) => validateDockerfile(text).filter((d) => d.code === 'misplaced-directive').map((d) => d.severity);
  assert.deepEqual(severities('# =====\n# Dev image\n# =====\n# syntax=docker/dockerfile:1\nFROM node:22\n'), [4]);
  assert.deepEqual(severities('# Dev image\n# syntax=docker/dockerfile:1-labs\nFROM node:22\n'), [2]);
  assert.deepEqual(severities('# Dev image\n# check=error=true\nFROM node:22\n'), [2]);
});

test('unknown-instruction: the lines of one broken block below the first are hints; empty-continuation warns once per instruction (round 29)', () => {
  const cmd = 'FROM python:3.12\nCMD [\n  "uvicorn",\n  "app.main:app",\n\n  # the port\n  "--port", "8000"\n]\nEXPOSE 8000\nfoo bar\n';
  const found = validateDockerfile(cmd).filter((d) => d.code === 'unknown-instruction').map((d) => [d.range.start.line, d.severity]);
  // The first orphan line is the error; the rest of the block hints; a later, separate one is an error again.
  assert.deepEqual(found, [[2, 1], [3, 4], [6, 4], [7, 4], [9, 1]]);
  const run = 'FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y curl \\\n\n    git \\\n\n    vim\nRUN echo \\\n\n  ok\n';
  assert.deepEqual(validateDockerfile(run).filter((d) => d.code === 'empty-continuation').map((d) => [d.range.start.line, d.severity]), [[3, 2], [5, 4], [8, 2]]);
});

test('empty-continuation: a line the continuation takes in after blank lines that starts with an instruction is named (round 29: a swallowed RUN)', () => {
  const text = 'FROM debian:12\nRUN apt-get install -y ssmping #\\\n\n# build 6bed4\n\nRUN cd /usr/local/src ; git clone https://example.com/6bed4.git\nRUN make -C /usr/local/src/6bed4\n';
  const [first] = validateDockerfile(text).filter((d) => d.code === 'empty-continuation');
  assert.equal(first!.message, 'Blank line inside a continued instruction: the RUN on line 6 below is read as part of this RUN, not as an instruction of its own. End the line above without its backslash.');
  // Words that are no instruction, as in a command list continued on purpose: the plain message.
  const plain = validateDockerfile('FROM debian:12\nRUN apt-get install -y \\\n\n    curl\n').filter((d) => d.code === 'empty-continuation');
  assert.equal(plain[0]!.message, 'Blank line inside a continued instruction.');
});

test('unknown-instruction: a template engine\'s tag on a line of its own is a hint (round 32: a cookiecutter Dockerfile)', () => {
  const text = 'FROM python:3.12\n{% if cookiecutter.use_translation == "True" -%}\nRUN apt-get update && apt-get install -y --no-install-recommends gettext && rm -rf /var/lib/apt/lists/*\n{%- endif %}\n{{ extra_steps }}\n';
  assert.deepEqual(validateDockerfile(text).filter((d) => d.code === 'unknown-instruction').map((d) => [d.range.start.line, d.severity]), [[1, 4], [3, 4], [4, 4]]);
  // A generator script's markers (round 47: @@BASE_IMAGE@@ filled in by generate-dockerfile.sh); a word that only looks like one stays an error.
  const markers = 'ARG REMOTE_CR=ghcr.io/acme\n@@BASE_IMAGE@@\nUSER root\n\n@@LABELS@@\nRUN echo hi\n@@NOT A MARKER\n';
  assert.deepEqual(validateDockerfile(markers).filter((d) => d.code === 'unknown-instruction').map((d) => [d.range.start.line, d.severity]), [[1, 4], [4, 4], [6, 1]]);
});
