import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dockerfileLanguageService as service } from '../../../../server/src/core/dockerfile/dockerfileLanguageService';
import { checkRuleCases, context, doc, runRule } from '../helpers';

test('flag rules', async (t) => {
  await checkRuleCases(t, [
    { rule: 'misplaced-flag', bad: 'FROM a AS b\nFROM a\nCOPY x /y --from=b\n', good: 'FROM a AS b\nFROM a\nCOPY --from=b x /y\nCOPY x ./--from=b\nRUN grep --chown=x y\n', line: 2 },
    { rule: 'unknown-flag', bad: 'FROM a\nCOPY --form=b x y\n', good: 'FROM a AS b\nFROM a\nCOPY --from=b --chmod=755 --link x y\n', line: 1 },
    { rule: 'duplicate-flag', bad: 'FROM a\nCOPY --chown=1 --chown=2 x y\n', good: 'FROM a\nRUN --mount=type=cache,target=/a --mount=type=cache,target=/b x\n', line: 1 },
    { rule: 'flag-missing-value', bad: 'FROM a\nCOPY --from x y\n', good: 'FROM a\nCOPY --link x y\n', line: 1 },
    { rule: 'invalid-flag-value', bad: 'FROM a\nHEALTHCHECK --interval=30 CMD x\n', good: 'FROM a\nHEALTHCHECK --interval=1m30s --retries=3 CMD x\nRUN --network=none --mount=type=secret,id=x,required=true x\n', line: 1 },
  ], assert);
});

test('unknown-flag suggests the closest flag', () => {
  const [d] = runRule('unknown-flag', 'FROM a\nCOPY --form=b x y\n');
  assert.match(d!.message, /--from/);
});

test('invalid-flag-value checks units, minimum, booleans, enums and mounts', () => {
  const lines = (text: string) => runRule('invalid-flag-value', text).map((d) => d.message);
  assert.equal(lines('FROM a\nHEALTHCHECK --timeout=10x CMD x\n').length, 1);
  assert.equal(lines('FROM a\nHEALTHCHECK --timeout=100us CMD x\n').length, 1);
  assert.equal(lines('FROM a\nHEALTHCHECK --retries=-1 CMD x\n').length, 1);
  assert.equal(lines('FROM a\nCOPY --link=maybe x y\n').length, 1);
  assert.equal(lines('FROM a\nRUN --network=bridge x\n').length, 1);
  assert.equal(lines('FROM a\nRUN --mount=type=volume x\n').length, 1);
  assert.equal(lines('FROM a\nRUN --mount=type=cache,target=/x,sharing=sometimes x\n').length, 1);
  assert.equal(lines('FROM a\nRUN --mount=type=tmpfs,target=/x,uid=0 x\n').length, 1);
  assert.equal(lines('FROM a\nRUN --mount=ro x\nRUN --mount=$M x\n').length, 0);
});

test('flag-missing-value follows BuildKit: an = with nothing after it is a value, except for a boolean flag', () => {
  const messages = (text: string) => runRule('flag-missing-value', text).map((d) => d.message);
  // BuildKit's flag parser takes `--chown=` as the empty value (no chown) and builds.
  assert.deepEqual(messages('FROM a\nCOPY --chown= --chmod= x y\nHEALTHCHECK --interval= CMD x\n'), []);
  // A string flag without = at all, and a boolean flag with = and nothing after it, are refused.
  assert.equal(messages('FROM a\nCOPY --from x y\n').length, 1);
  assert.equal(messages('FROM a\nCOPY --link= x y\n').length, 1);
});

test('invalid-flag-value: boolean flags take true or false in any case, not 1 or 0', () => {
  const messages = (text: string) => runRule('invalid-flag-value', text).map((d) => d.message);
  assert.deepEqual(messages('FROM a\nCOPY --link=TRUE --parents=False x y\n'), []);
  assert.equal(messages('FROM a\nCOPY --link=1 x y\n').length, 1);
  assert.equal(messages('FROM a\nADD --keep-git-dir=0 x y\n').length, 1);
});

test('invalid-flag-value: RUN --network and --security are checked as written, unexpanded and not empty', () => {
  const messages = (text: string) => runRule('invalid-flag-value', text).map((d) => d.message);
  assert.equal(messages('FROM a\nRUN --network= x\n').length, 1);
  assert.equal(messages('FROM a\nARG NET=none\nRUN --network=$NET x\n').length, 1);
  assert.equal(messages('FROM a\nRUN --security=${MODE} x\n').length, 1);
});

test('unknown-flag: ADD has no --parents (only COPY has)', () => {
  assert.equal(runRule('unknown-flag', 'FROM a\nADD --parents x/a y/\n').length, 1);
  assert.equal(runRule('unknown-flag', 'FROM a\nCOPY --parents x/a y/\n').length, 0);
});

test('invalid-flag-value: RUN --mount options as BuildKit accepts them', () => {
  const messages = (text: string) => runRule('invalid-flag-value', text).map((d) => d.message);
  // Accepted by BuildKit's mount parser for any type (and ignored where they mean nothing).
  assert.deepEqual(messages('FROM a\nRUN --mount=type=secret,source=npmrc,target=/root/.npmrc,ro x\n'), []);
  assert.deepEqual(messages('FROM a\nRUN --mount=type=tmpfs,target=/tmp,ro,id=t x\n'), []);
  assert.deepEqual(messages('FROM a\nRUN --mount=type=bind,target=/src,rw=1,readonly=False x\n'), []);
  assert.deepEqual(messages('FROM a\nRUN --mount=type=Cache,target=/root/.cache x\n'), []);
  // Refused: a from on a secret, a source on ssh, uid on a bind mount, a key without a value.
  assert.equal(messages('FROM a\nRUN --mount=type=secret,id=x,from=y x\n').length, 1);
  assert.equal(messages('FROM a\nRUN --mount=type=ssh,source=x x\n').length, 1);
  assert.equal(messages('FROM a\nRUN --mount=type=bind,target=/x,uid=1 x\n').length, 1);
  assert.equal(messages('FROM a\nRUN --mount=type=cache,target x\n').length, 1);
  assert.equal(messages('FROM a\nRUN --mount=type=bind,target=/x,ro=yes x\n').length, 1);
});

test('invalid-flag-value: COPY --from and RUN --mount from= do not expand variables', () => {
  const messages = (text: string) => runRule('invalid-flag-value', text).map((d) => d.message);
  assert.equal(messages('ARG BASE=alpine\nFROM a\nCOPY --from=$BASE /x /y\n').length, 1);
  assert.equal(messages('ARG V=1\nFROM a\nCOPY --from=img:${V} /x /y\n').length, 1);
  assert.equal(messages('ARG BASE=alpine\nFROM a\nRUN --mount=type=bind,from=$BASE,target=/x true\n').length, 1);
  // A dollar sign that starts no variable stays as it is, and other options may use variables.
  assert.deepEqual(messages('FROM a\nCOPY --from=a$ /x /y\nARG T=/x\nRUN --mount=type=bind,from=a,target=$T true\n'), []);
});

test('unknown-flag: a bare -- ends the flags as in BuildKit; only a flag written after it with a space (-- from=build) is reported', () => {
  assert.deepEqual(runRule('unknown-flag', 'FROM a\nCOPY -- a b /x/\n'), []);
  const [typo] = runRule('unknown-flag', 'FROM golang AS build\nFROM scratch\nCOPY -- from=build /server /server\n');
  assert.equal(typo!.message, '-- ends the flags, so from=build is read as a source, not as the flag --from=build. Remove the space: --from=build');
  assert.deepEqual([typo!.range.start.character, typo!.range.end.character], [5, 18]);
});

test('misplaced-flag: a COPY or ADD flag after the paths is a path to BuildKit; the copy rules say nothing of those paths', () => {
  const codes = (text: string) => service.validate(doc(text), context()).filter((d) => (d.severity ?? 1) <= 2).map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code}`);
  // The array is no JSON once text follows it, so BuildKit splits at spaces and --from=deps is the destination.
  assert.deepEqual(codes('FROM a AS deps\nFROM b\nCOPY ["package.json", "x.json*", "./"] --from=deps\n'), ['2:39 misplaced-flag']);
  assert.deepEqual(codes('FROM b\nCOPY a b --chown=1000 /app/\n'), ['1:9 misplaced-flag']);
  assert.deepEqual(codes('FROM b\nADD --checksum=sha256:0 https://x.io/a /a --unpack\n'), ['1:42 misplaced-flag']);
  // Not a flag of the instruction, or a path that merely starts with dashes inside a folder: left alone.
  assert.deepEqual(codes('FROM b\nCOPY a --mount=x /app/\n').filter((c) => c.endsWith('misplaced-flag')), []);
  // A valid array followed by more text is no JSON either: one error, no copy advice on its split paths.
  assert.deepEqual(codes('FROM b\nCOPY ["a", "b"] /c\n'), ['1:5 invalid-json-form']);
});

test('flags on ARG, STOPSIGNAL and HEALTHCHECK NONE are dropped by BuildKit unparsed, so no flag rule reports them', () => {
  const text = 'FROM a\nARG --foo=1 X\nSTOPSIGNAL --foo --foo SIGTERM\nHEALTHCHECK --interval=abc --retries NONE\n';
  for (const id of ['unknown-flag', 'duplicate-flag', 'flag-missing-value', 'invalid-flag-value']) assert.deepEqual(runRule(id, text), [], id);
  // The flags of HEALTHCHECK CMD and of ENV are parsed, so there they still count.
  assert.equal(runRule('invalid-flag-value', 'FROM a\nHEALTHCHECK --interval=abc CMD true\n').length, 1);
  assert.equal(runRule('unknown-flag', 'FROM a\nENV --foo=1 X=1\n').length, 1);
});

test('invalid-flag-value reads HEALTHCHECK durations as Go time.ParseDuration and BuildKit do', () => {
  const messages = (flag: string) => runRule('invalid-flag-value', `FROM a\nHEALTHCHECK ${flag} CMD true\n`).map((d) => d.message);
  for (const ok of ['.5s', '1.s', '+5s', '-0s', '1h30m', '1.5s', '500ms', '0', '0.5ns', '1\u03bcs0.999ms', '2562047h', '--retries=+3', '--retries=2147483647']) {
    assert.deepEqual(messages(ok.startsWith('--') ? ok : `--interval=${ok}`), [], ok);
  }
  assert.deepEqual(messages('--timeout=-1s'), ['-1s is shorter than the minimum of 1ms.']);
  assert.deepEqual(messages('--timeout=1\u03bcs'), ['1\u03bcs is shorter than the minimum of 1ms.']);
  assert.deepEqual(messages('--timeout=1.5'), ['1.5 has no unit; add one such as s, m or ms.']);
  assert.deepEqual(messages('--timeout=2562048h'), ['2562048h is not a duration such as 30s or 1m30s.']);
  assert.deepEqual(messages('--retries=2147483648'), ['--retries expects a whole number, not 2147483648.']);
});

test('invalid-flag-value reads RUN --mount options in order and as CSV, as BuildKit parseMount does', () => {
  const messages = (mount: string) => runRule('invalid-flag-value', `FROM a\nRUN --mount=${mount} true\n`).map((d) => d.message);
  for (const ok of [
    'target=/x,type=cache', 'type=bind,source=.,target=/src,rw', 'type=bind,target=/src,readonly', 'type=cache,target=/x,ro',
    'type=cache,target=/x,id=c,sharing=LOCKED,mode=0755,uid=1000,gid=0', 'type=secret,id=tok,env=TOKEN,required', 'type=ssh,required=true',
    'type=bind,type=cache,target=/x,sharing=private', `'type=bind,"source=a,b",target=/x'`, 'type=secret,target=/run/s', 'type=cache,from=build,source=/c,target=/x',
  ]) assert.deepEqual(messages(ok), [], ok);
  assert.deepEqual(messages('required,type=secret,id=x'), ['Put type=secret before required: BuildKit reads the options in order, and until type= comes the mount is a bind mount, which has no required.']);
  assert.equal(messages('size=1g,type=tmpfs,target=/t').length, 1);
  assert.deepEqual(messages('type=cache,target=/x,'), ['The mount options have an empty entry (two commas in a row, or one at the end), which BuildKit refuses.']);
  assert.deepEqual(messages('type=cache,target=/x,uid=+1'), ['The mount option uid expects a number such as 1000, not +1.']);
  assert.deepEqual(messages('type=secret,target=/s,mode=0999'), ['The mount option mode expects an octal number such as 0755, not 0999.']);
  assert.deepEqual(messages('type=secret,env=TOKEN'), ['A secret mount needs an id, a source or a target.']);
});
