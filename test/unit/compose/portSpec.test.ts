import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostIpsOverlap, parsePortSpec } from '../../../server/src/core/compose/model/portSpec';

test('short forms parse into host address, host range, container range and protocol', () => {
  assert.deepEqual(parsePortSpec('80'), { ok: true, mapping: { container: { start: 80, end: 80 }, protocol: 'tcp' } });
  assert.deepEqual(parsePortSpec('8080:80/udp'), { ok: true, mapping: { container: { start: 80, end: 80 }, protocol: 'udp', host: { start: 8080, end: 8080 } } });
  assert.deepEqual(parsePortSpec('127.0.0.1:9000-9001:9000-9001'), { ok: true, mapping: { hostIp: '127.0.0.1', host: { start: 9000, end: 9001 }, container: { start: 9000, end: 9001 }, protocol: 'tcp' } });
  const v6 = parsePortSpec('[::1]:8080:80');
  assert.ok(v6.ok && v6.mapping.hostIp === '::1');
  const bare = parsePortSpec('::1:8080:80');
  assert.ok(bare.ok && bare.mapping.hostIp === '::1' && bare.mapping.host?.start === 8080);
  const random = parsePortSpec('127.0.0.1::80');
  assert.ok(random.ok && random.mapping.host === undefined);
});

test('invalid forms explain themselves', () => {
  for (const bad of ['99999', '80:80/tcpx', 'a:80', '300.1.1.1:80:80', '9000-9002:80-81', '90-80:80', '[::1:80']) {
    const result = parsePortSpec(bad);
    assert.equal(result.ok, false, bad);
    if (!result.ok) assert.ok(result.message.length > 10);
  }
});

test('host addresses overlap when equal or when one means all addresses', () => {
  assert.ok(hostIpsOverlap(undefined, '127.0.0.1'));
  assert.ok(hostIpsOverlap('0.0.0.0', '10.0.0.1'));
  assert.ok(!hostIpsOverlap('127.0.0.1', '127.0.0.2'));
});
