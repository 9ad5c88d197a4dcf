import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostIpsOverlap, isIp, parsePortSpec } from '../../../server/src/core/compose/model/portSpec';

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

test('every short form of the compose spec is read: address (IPv4, IPv6 bare or bracketed), ranges, protocol', () => {
  const cases: [string, object][] = [
    ['[::1]::80', { hostIp: '::1', container: { start: 80, end: 80 }, protocol: 'tcp' }],
    ['[fe80::1]:8000-8001:80-81', { hostIp: 'fe80::1', host: { start: 8000, end: 8001 }, container: { start: 80, end: 81 }, protocol: 'tcp' }],
    ['::ffff:127.0.0.1:8080:80', { hostIp: '::ffff:127.0.0.1', host: { start: 8080, end: 8080 }, container: { start: 80, end: 80 }, protocol: 'tcp' }],
    ['8000-8010:80', { host: { start: 8000, end: 8010 }, container: { start: 80, end: 80 }, protocol: 'tcp' }],
    ['53:53/UDP', { host: { start: 53, end: 53 }, container: { start: 53, end: 53 }, protocol: 'udp' }],
    ['132:132/sctp', { host: { start: 132, end: 132 }, container: { start: 132, end: 132 }, protocol: 'sctp' }],
    [':80', { container: { start: 80, end: 80 }, protocol: 'tcp' }],
    ['0:80', { host: { start: 0, end: 0 }, container: { start: 80, end: 80 }, protocol: 'tcp' }],
    ['80/', { container: { start: 80, end: 80 }, protocol: 'tcp' }],
  ];
  for (const [text, mapping] of cases) assert.deepEqual(parsePortSpec(text), { ok: true, mapping }, text);
});

test('each kind of mistake has its own message naming the wrong part', () => {
  const cases: [string, RegExp][] = [
    ['80:80:80:80', /Too many ":".*"80:80" would be the host address/],
    ['80:80/tcp/udp', /Only one "\/"/],
    ['8080:80:tcp', /protocol follows a "\/", not a ":": 8080:80\/tcp/],
    ['localhost:8080:80', /"localhost" is not an IP address.*not as a name/],
    ['127.0.0.1:80', /"127.0.0.1" is a host address, so the host port must follow it: 127.0.0.1:8080:80/],
    ['[::1]:80', /\[::1\]:8080:80, or \[::1\]::80/],
    ['[::1:80', /no closing "\]"/],
    ['[1.2.3]:8080:80', /"1.2.3" is not an IP address/],
    ['1:2:3:4:5:6:7:8:9:8080:80', /Too many ":"/],
    ['fe80:::1:8080:80', /not an IP address/],
    ['8080:', /container port is missing/],
    ['0', /0 is not a port: ports go from 1 to 65535/],
    ['70000:80', /70000 is not a port/],
    ['90-80:80', /range 90-80 ends before it starts/],
    ['9000-9002:80-81', /different lengths/],
    ['80/icmp', /"icmp" is not a protocol/],
    ['a:80', /"a" is not a port number or range/],
    ['  ', /empty/],
  ];
  for (const [text, message] of cases) {
    const result = parsePortSpec(text);
    assert.equal(result.ok, false, text);
    if (!result.ok) assert.match(result.message, message, text);
  }
});

test('IP addresses are read like the engine reads them', () => {
  for (const ip of ['127.0.0.1', '0.0.0.0', '::', '::1', 'fe80::1', '2001:db8:0:0:0:0:2:1', '2001:db8::2:1', '::ffff:10.0.0.1']) assert.ok(isIp(ip), ip);
  for (const ip of ['80:80', '256.0.0.1', '1.2.3', ':1', '1:2:3:4:5:6:7:8:9', '1::2::3', 'fe80::1%eth0', 'g::1', 'localhost', '']) assert.ok(!isIp(ip), ip);
});

test('an IPv4 part with a leading zero is not an address (Go\'s net.ParseIP, which compose uses, refuses it)', () => {
  for (const bad of ['010.0.0.1', '127.0.0.01', '::ffff:010.0.0.1']) assert.equal(isIp(bad), false, bad);
  for (const ok of ['0.0.0.0', '10.0.0.1', '::ffff:10.0.0.1', '100.200.250.0']) assert.equal(isIp(ok), true, ok);
  assert.equal(parsePortSpec('010.0.0.1:80:80').ok, false);
});
