import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, runRule } from '../helpers';

test('flag rules', async (t) => {
  await checkRuleCases(t, [
    { rule: 'unknown-flag', bad: 'FROM a\nCOPY --form=b x y\n', good: 'FROM a AS b\nFROM a\nCOPY --from=b --chmod=755 --link x y\n', line: 1 },
    { rule: 'duplicate-flag', bad: 'FROM a\nCOPY --chown=1 --chown=2 x y\n', good: 'FROM a\nRUN --mount=type=cache,target=/a --mount=type=cache,target=/b x\n', line: 1 },
    { rule: 'flag-missing-value', bad: 'FROM a\nCOPY --from= x y\n', good: 'FROM a\nCOPY --link x y\n', line: 1 },
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
  assert.equal(lines('FROM a\nRUN --mount=type=tmpfs,target=/x,from=y x\n').length, 1);
  assert.equal(lines('FROM a\nRUN --mount=ro x\nRUN --mount=$M x\n').length, 0);
});

test('unknown-flag: ADD has no --parents (only COPY has)', () => {
  assert.equal(runRule('unknown-flag', 'FROM a\nADD --parents x/a y/\n').length, 1);
  assert.equal(runRule('unknown-flag', 'FROM a\nCOPY --parents x/a y/\n').length, 0);
});
