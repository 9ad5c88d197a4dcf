import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, runRule } from '../helpers';

const rule = 'inline-comment';

test('inline-comment', async (t) => {
  await checkRuleCases(t, [
    { rule: 'inline-comment', bad: 'FROM nginx:1.27\nEXPOSE 8080 # the API\n', good: 'FROM nginx:1.27\n# the API\nEXPOSE 8080\n', line: 1 },
  ], assert);
});

test('inline-comment: what the words do to each instruction, and what is left alone', () => {
  const message = (text: string) => runRule(rule, text)[0]?.message;
  assert.equal(message('FROM a\nCOPY app.py /app/ # the code\n'), 'A Dockerfile has no comments at the end of a line: "# the code" is part of COPY\'s arguments, and they are read as more files to copy, and the build stops at a file named "#". Put the comment on a line of its own.');
  assert.equal(message('FROM a\nENV MODE=prod # or dev\n'), 'A Dockerfile has no comments at the end of a line: "# or dev" is part of ENV\'s arguments, and they are read as more KEY=value pairs, and the build stops at "#", which has no "=". Put the comment on a line of its own.');
  // The old ENV form takes the rest of the line as the value (round 5: cygwin's ENV ... # thanks).
  assert.equal(message('FROM a\nENV CYG_VERSION 3.4 # thanks\n'), 'A Dockerfile has no comments at the end of a line: "# thanks" is part of ENV\'s arguments, and they become part of its value. Put the comment on a line of its own.');
  assert.match(message('FROM a\nWORKDIR /app # code\n') ?? '', /become part of its value/);
  assert.match(message('FROM node:22 # the runtime\n') ?? '', /FROM takes an image and AS name only/);
  assert.equal(runRule(rule, 'FROM a\nONBUILD COPY . /src # all\n').length, 1);
  for (const text of [
    // The shell reads # in RUN, CMD, ENTRYPOINT and HEALTHCHECK.
    'FROM a\nRUN make # build it\nCMD ./app # start\nENTRYPOINT exec ./app # go\nHEALTHCHECK CMD curl -f localhost # up?\n',
    // ARG: only more build arguments nobody sets (round 9: 5 such).
    'FROM a\nARG RUN_TESTS=0 # 0=never, 1=native only\n',
    // A # that is part of a value, quoted or joined to other characters.
    'FROM a\nLABEL color=#ff0000 note="a # b"\nENV PS1="# "\nENV TAG=v1#2\n',
    // A comment line of its own, inside a continuation too.
    'FROM a\n# comment\nCOPY a \\\n# note\n  b /x/\n',
  ]) assert.deepEqual(runRule(rule, text), [], text);
});

test('inline-comment: the words of the would-be comment are its to tell, not more bad ports, mappings or quotes (round 60)', async () => {
  const { validateDockerfile } = await import('../../../../server/src/core/dockerfile/dockerfileLanguageService');
  const codes = (text: string) => validateDockerfile(text).filter((d) => d.severity <= 3).map((d) => d.code);
  assert.deepEqual(codes("FROM eclipse-temurin:21-jre\nEXPOSE {service-port}  # TODO: Replace with your service's port\n"), ['inline-comment']);
  assert.deepEqual(codes('FROM nginx:1.27\nEXPOSE 8080 # the api, not 80:8080\n'), ['inline-comment']);
  // Before the comment, a bad port is still one; without a comment, a quote still unclosed.
  assert.deepEqual(codes('FROM nginx:1.27\nEXPOSE 80:8080 # api\n').sort(), ['expose-invalid-format', 'inline-comment']);
  assert.deepEqual(codes("FROM nginx:1.27\nLABEL description='the api\n"), ['unterminated-quote']);
});
