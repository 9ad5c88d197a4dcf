import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, runRule } from '../helpers';
import { secretMountPaths } from '../../../../server/src/core/dockerfile/validation/rules/secretMountRules';
import { Analysis } from '../../../../server/src/core/dockerfile/analysis/analysis';

test('secret mount rules', async (t) => {
  await checkRuleCases(t, [
    { rule: 'secret-not-mounted', bad: 'FROM alpine:3\nRUN cat /run/secrets/api_key\n', good: 'FROM alpine:3\nRUN --mount=type=secret,id=api_key cat /run/secrets/api_key\n', line: 1 },
    { rule: 'secret-copied-into-image', bad: 'FROM alpine:3\nRUN --mount=type=secret,id=key cp /run/secrets/key .\n', good: 'FROM alpine:3\nRUN --mount=type=secret,id=key cp /run/secrets/key . && ./use key && rm key\n', line: 1 },
  ], assert);
});

test('secretMountPaths: /run/secrets/<id> unless target= says otherwise; an env= mount makes no file', () => {
  const run = (flags: string) => Analysis.of(`FROM a\nRUN ${flags} true\n`).doc.instructions[1]!;
  assert.deepEqual(secretMountPaths(run('--mount=type=secret,id=a --mount=type=secret,id=b,target=/etc/b.conf --mount=type=secret,id=c,env=C --mount=type=cache,target=/x')), ['/run/secrets/a', '/etc/b.conf']);
});

test('secret-not-mounted: a path another id or no mount leaves empty; not a path only tested for', () => {
  assert.equal(runRule('secret-not-mounted', 'FROM a\nRUN --mount=type=secret,id=npm cat /run/secrets/pip\n').length, 1);
  assert.deepEqual(runRule('secret-not-mounted', 'FROM a\nRUN --mount=type=secret,id=key,target=/run/secrets/other cat /run/secrets/other\n'), []);
  assert.deepEqual(runRule('secret-not-mounted', 'FROM a\nRUN if [ -f /run/secrets/key ]; then cat /run/secrets/key; fi\n'), []);
  assert.deepEqual(runRule('secret-not-mounted', 'FROM a\nRUN cat /run/secrets/key 2>/dev/null || echo none\n'), []);
});

test('secret-copied-into-image: cp, install and cat > of the mounted file, unless removed in the same RUN', () => {
  assert.equal(runRule('secret-copied-into-image', 'FROM a\nRUN --mount=type=secret,id=npmrc cat /run/secrets/npmrc > /root/.npmrc && npm ci\n').length, 1);
  assert.equal(runRule('secret-copied-into-image', 'FROM a\nRUN --mount=type=secret,id=k install -m 600 /run/secrets/k /etc/k\n').length, 1);
  assert.deepEqual(runRule('secret-copied-into-image', 'FROM a\nRUN --mount=type=secret,id=npmrc cat /run/secrets/npmrc > /root/.npmrc && npm ci && rm /root/.npmrc\n'), []);
  assert.deepEqual(runRule('secret-copied-into-image', 'FROM a\nRUN --mount=type=secret,id=k cat /run/secrets/k | docker login --password-stdin\n'), []);
  // No secret mount: a cp from /run/secrets copies whatever is there, which is not a build secret.
  assert.deepEqual(runRule('secret-copied-into-image', 'FROM a\nRUN cp /run/secrets/k .\n'), []);
});
