import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate } from './helpers';
import { isByteSize } from '../../../server/src/core/compose/checks/byteSizes';

test('sizes as the Docker CLI reads them', () => {
  for (const ok of ['512m', '2g', '1gb', '1.5GB', '1024', '100k', '-1', '64MiB', '1 g']) assert.ok(isByteSize(ok), ok);
  for (const bad of ['12q', 'lots', '1 2m', '']) assert.ok(!isByteSize(bad), bad);
});

test('numbers and units as go-units reads them: a float with a leading or trailing dot, a sign or an exponent; "i" only before "b"', () => {
  // compose-go hands a size that is not an integer to go-units RAMInBytes: ParseFloat for the number,
  // then b, k, m, g, t or p with an optional b or ib.
  for (const ok of ['.5g', '1.g', '+512m', '1e3m', '2T', '1pib', '512 ']) assert.ok(isByteSize(ok), ok);
  for (const bad of ['64Mi', '1ki', '1gbb', '-1m', ' 512m', '512m ', '1  g', '.g', '1.5.2m']) assert.ok(!isByteSize(bad), bad);
});

test('invalid sizes are flagged for service, deploy and tmpfs sizes', () => {
  const text = [
    'services:',
    '  web:',
    '    image: nginx',
    '    mem_limit: 12q',
    '    shm_size: 64m',
    '    deploy:',
    '      resources:',
    '        limits:',
    '          memory: big',
    '    volumes:',
    '      - type: tmpfs',
    '        target: /t',
    '        tmpfs:',
    '          size: huge',
    '',
  ].join('\n');
  assert.deepEqual(findings(validate(text), 'compose-invalid-byte-size').map((p) => covered(text, p)), ['12q', 'big', 'huge']);
});

test('blkio_config rates are sizes too, the iops ones included', () => {
  // compose-go types.ThrottleDevice.Rate is a UnitBytes for all four lists.
  const text = 'services:\n  db:\n    image: x\n    blkio_config:\n      device_read_bps:\n        - path: /dev/sda\n          rate: 12mb\n      device_write_bps:\n        - path: /dev/sda\n          rate: fast\n      device_read_iops:\n        - path: /dev/sda\n          rate: 1000\n      device_write_iops:\n        - path: /dev/sda\n          rate: "1k0"\n';
  assert.deepEqual(findings(validate(text), 'compose-invalid-byte-size').map((d) => covered(text, d)), ['fast', '"1k0"']);
});
