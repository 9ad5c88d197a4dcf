import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate } from './helpers';
import { isByteSize } from '../../../server/src/core/compose/checks/byteSizes';

test('sizes as the Docker CLI reads them', () => {
  for (const ok of ['512m', '2g', '1gb', '1.5GB', '1024', '100k', '-1', '64Mi']) assert.ok(isByteSize(ok), ok);
  for (const bad of ['12q', 'lots', '1 2m', '']) assert.ok(!isByteSize(bad), bad);
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
