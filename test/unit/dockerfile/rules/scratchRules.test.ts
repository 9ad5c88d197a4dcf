import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, runRule } from '../helpers';

const rule = 'run-in-scratch';

test('scratch rules', async (t) => {
  await checkRuleCases(t, [
    { rule: 'run-in-scratch', bad: 'FROM scratch AS base\nRUN echo hi\nFROM base\nRUN echo again\n', good: 'FROM alpine:3.20 AS base\nRUN echo hi\nFROM scratch\nCOPY --from=base /etc/os-release /\n', line: 1 },
  ], assert);
});

test('run-in-scratch: every shell-form RUN until something may bring a shell, in the stage and the stages built FROM it (round 15)', () => {
  assert.deepEqual(runRule(rule, 'FROM scratch\nRUN mkdir -p /app\nWORKDIR /app\nRUN touch x\n').map((d) => d.range.start.line), [1, 3]);
  assert.deepEqual(runRule(rule, 'FROM scratch AS root\nFROM root AS child\nRUN echo hi\n').map((d) => d.range.start.line), [2]);
  for (const text of [
    'FROM scratch\nCOPY --from=busybox:1.36 /bin/busybox /bin/sh\nRUN echo hi\n',
    'FROM scratch AS base\nADD rootfs.tar.gz /\nFROM base\nRUN echo hi\n',
    'FROM scratch\nRUN ["/app/setup"]\n',
    'FROM scratch\nRUN --mount=from=busybox:1.36,source=/bin,target=/bin echo hi\n',
    'FROM scratch\nSHELL ["/busybox/sh", "-c"]\nRUN echo hi\n',
    'ARG BASE=scratch\nFROM ${BASE}\nRUN echo hi\n'.replace('scratch', 'alpine:3.20'),
    'FROM alpine:3.20\nRUN echo hi\n',
  ]) assert.deepEqual(runRule(rule, text), [], text);
});
