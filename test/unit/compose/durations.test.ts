import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate } from './helpers';
import { isDuration } from '../../../server/src/core/compose/checks/durations';

test('Go durations are accepted', () => {
  for (const ok of ['10s', '1m30s', '1.5h', '500ms', '0', '2h45m10s', '100us']) assert.ok(isDuration(ok), ok);
  for (const bad of ['10', '10x', 's', '1 m', '']) assert.ok(!isDuration(bad), bad);
});

test('an invalid duration is flagged at the value', () => {
  const text = 'services:\n  web:\n    image: nginx\n    healthcheck:\n      interval: 10sec\n    stop_grace_period: 1m30s\n';
  const problems = findings(validate(text), 'compose-invalid-duration');
  assert.deepEqual(problems.map((p) => covered(text, p)), ['10sec']);
});

test('durations in deploy blocks and interpolated values', () => {
  const text = 'services:\n  web:\n    image: nginx\n    deploy:\n      restart_policy:\n        delay: soon\n        window: ${WINDOW}\n';
  assert.deepEqual(findings(validate(text), 'compose-invalid-duration').map((p) => covered(text, p)), ['soon']);
});

test('days and weeks, and a signed zero, are durations (compose reads them with str2duration)', () => {
  for (const ok of ['1d', '2w', '1w2d3h', '1.5d', '-0', '+0']) assert.ok(isDuration(ok), ok);
  const text = 'services:\n  web:\n    image: nginx\n    stop_grace_period: 1d\n    healthcheck:\n      interval: 1w\n';
  assert.deepEqual(findings(validate(text), 'compose-invalid-duration'), []);
  for (const bad of ['1y', '1D', 'd']) assert.ok(!isDuration(bad), bad);
});
