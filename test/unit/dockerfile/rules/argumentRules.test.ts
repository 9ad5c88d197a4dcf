import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, runRule } from '../helpers';

test('argument rules', async (t) => {
  await checkRuleCases(t, [
    { rule: 'argument-count', bad: 'FROM a\nCOPY onlyone\n', good: 'FROM a\nCOPY a b\nCOPY <<EOF /x\nhi\nEOF\n', line: 1 },
    { rule: 'invalid-key-value', bad: 'FROM a\nENV A=1 B\n', good: 'FROM a\nENV A=1 B=2\nENV C d e\n', line: 1 },
    { rule: 'legacy-key-value', bad: 'FROM a\nENV A 1\n', good: 'FROM a\nENV A=1\n', line: 1 },
    { rule: 'arg-default-without-equals', bad: 'FROM a\nARG NODE_ENV production\nENV NODE_ENV=$NODE_ENV\n', good: 'FROM a\nARG NODE_ENV=production\nARG A B\nRUN echo $B\nARG OPTS ""\nARG X Y\n', line: 1 },
    { rule: 'shell-json-form', bad: 'FROM a\nSHELL /bin/bash -c\n', good: 'FROM a\nSHELL ["/bin/bash", "-c"]\n', line: 1 },
    { rule: 'invalid-healthcheck', bad: 'FROM a\nHEALTHCHECK RUN x\n', good: 'FROM a\nHEALTHCHECK CMD x\nHEALTHCHECK NONE\n', line: 1 },
    { rule: 'onbuild-trigger', bad: 'FROM a\nONBUILD FROM b\n', good: 'FROM a\nONBUILD RUN x\n', line: 1 },
    { rule: 'invalid-stopsignal', bad: 'FROM a\nSTOPSIGNAL SIGFOO\n', good: 'FROM a\nSTOPSIGNAL SIGQUIT\nSTOPSIGNAL 9\nSTOPSIGNAL $SIG\nSTOPSIGNAL SIGRTMIN+3\n', line: 1 },
  ], assert);
});

test('argument-count covers FROM arity, USER, ENV without value and HEALTHCHECK forms', () => {
  const messages = (text: string) => runRule('argument-count', text).map((d) => d.range.start.line);
  assert.deepEqual(messages('FROM a b\n'), [0]);
  assert.deepEqual(messages('FROM a\nUSER a b\n'), [1]);
  assert.deepEqual(messages('FROM a\nENV A\n'), [1]);
  assert.deepEqual(messages('FROM a\nHEALTHCHECK NONE x\nHEALTHCHECK CMD\n'), [1, 2]);
  assert.deepEqual(messages('FROM a\nRUN\n'), []);
  assert.deepEqual(messages('FROM a\nCMD []\n'), []);
});

test('argument-count: an empty RUN, CMD or ENTRYPOINT builds (sh -c ""), so it is not an error; an empty WORKDIR is', () => {
  for (const text of ['FROM a\nRUN \n', 'FROM a\nCMD\n', 'FROM a\nENTRYPOINT\n']) assert.deepEqual(runRule('argument-count', text), [], text);
  assert.equal(runRule('argument-count', 'FROM a\nWORKDIR\n').length, 1);
});

test('invalid-stopsignal follows moby signal.ParseSignal on Linux: numbers but 0, and only the names of its map', () => {
  const messages = (sig: string) => runRule('invalid-stopsignal', `FROM a\nSTOPSIGNAL ${sig}\n`).map((d) => d.message);
  for (const ok of ['9', '+9', '64', 'SIGRTMIN+3', 'RTMIN+15', 'rtmax-14', 'RTMAX', 'sigkill', 'SIGURG']) assert.deepEqual(messages(ok), [], ok);
  assert.deepEqual(messages('0'), ['0 is no signal: BuildKit refuses signal number 0.']);
  for (const bad of ['RTMIN+16', 'RTMAX-15', 'RTMIN+0', 'SIGINFO', 'SIGEMT', 'UNUSED', 'SIGSIGTERM', '99999999999999999999']) assert.deepEqual(messages(bad), [`${bad} is not a signal name or number.`], bad);
  assert.deepEqual(messages('-9'), ['BuildKit accepts STOPSIGNAL -9, but no Linux signal has that number, so docker stop cannot send it.']);
  assert.equal(messages('65').length, 1);
});

test('argument-count on USER a b says what BuildKit does: one user name with a space, which fails when it is looked up', () => {
  const [d] = runRule('argument-count', 'FROM a\nUSER app staff\n');
  assert.equal(d!.message, 'USER takes one value: BuildKit reads all of "app staff" as the user name, which no user has, so the next RUN or docker run fails ("unable to find user"). For a group write user:group.');
  assert.equal(d!.severity, 1);
  assert.deepEqual(runRule('argument-count', 'FROM a\nSTOPSIGNAL SIGTERM x\n').map((x) => x.message), ['STOPSIGNAL takes exactly one argument.']);
});

test('legacy-key-value: ENV written as YAML (NAME: value) names a variable with the colon in it (round 14)', () => {
  const [d] = runRule('legacy-key-value', 'FROM mysql:8\nENV MYSQL_ROOT_PASSWORD: secret\n');
  assert.equal(d?.message, 'This sets a variable named MYSQL_ROOT_PASSWORD: with the colon in its name, not MYSQL_ROOT_PASSWORD: "key: value" is how YAML writes it. Write ENV MYSQL_ROOT_PASSWORD=value.');
});

test('arg-default-without-equals: the default written after a space (round 66: ARG NODE_ENV production), with the key=value fix', () => {
  const found = (text: string) => runRule('arg-default-without-equals', text).map((d) => [d.range.start.line, d.range.start.character, d.range.end.character]);
  assert.deepEqual(found('FROM node:20-alpine AS base\nARG NODE_ENV production\nENV NODE_ENV $NODE_ENV\n'), [[1, 4, 23]]);
  assert.deepEqual(found('FROM a\nARG VERSION 1.2.3\nARG PORT "8080"\n'), [[1, 4, 17], [2, 4, 15]]);
  // Two arguments meant: the second is read as a variable (in another stage too), or is a name in capitals.
  assert.deepEqual(found('FROM a\nARG version commit\nFROM b\nARG commit\nRUN echo ${commit}\n'), []);
  assert.deepEqual(found('FROM a\nARG TARGETOS TARGETARCH\n'), []);
  // An empty string as the default changes nothing; one argument, or key=value, is fine.
  assert.deepEqual(found('FROM a\nARG OPTS ""\nARG B\nARG C=1 D\n'), []);
});
