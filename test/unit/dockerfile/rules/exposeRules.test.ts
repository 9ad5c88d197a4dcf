import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, runRule } from '../helpers';

test('EXPOSE rules', async (t) => {
  await checkRuleCases(t, [
    { rule: 'expose-invalid-format', bad: 'FROM a\nEXPOSE 8080:80\n', good: 'FROM a\nEXPOSE 80 443/tcp 8000-8010\n', line: 1 },
    { rule: 'expose-invalid-port', bad: 'FROM a\nEXPOSE 70000\n', good: 'FROM a\nEXPOSE 65535 $PORT\n', line: 1 },
    { rule: 'expose-invalid-protocol', bad: 'FROM a\nEXPOSE 80/http\n', good: 'FROM a\nEXPOSE 80/udp 90/sctp\n', line: 1 },
    { rule: 'expose-protocol-casing', bad: 'FROM a\nEXPOSE 80/TCP\n', good: 'FROM a\nEXPOSE 80/tcp\n', line: 1 },
  ], assert);
});

test('expose-invalid-protocol: a slash with nothing after it is tcp to BuildKit, not an error', () => {
  assert.deepEqual(runRule('expose-invalid-protocol', 'FROM a\nEXPOSE 80/ 53/udp\n'), []);
  assert.equal(runRule('expose-invalid-protocol', 'FROM a\nEXPOSE 80/tcp/udp\n').length, 1);
});

test('EXPOSE with a template\'s placeholder is filled in before the build: not judged (round 27)', () => {
  assert.deepEqual(runRule('expose-invalid-port', 'FROM python:3.12\nEXPOSE {{ hosts.iot.api.port }}\n'), []);
});
