import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate } from './helpers';

const code = 'compose-healthcheck-shell-items';

test('CMD-SHELL with the command split into items runs only the first (round 22: nginx never healthy)', () => {
  const text = [
    'services:',
    '  nginx:',
    '    image: nginx:stable-alpine',
    '    healthcheck:',
    '      test: ["CMD-SHELL", "curl", "-f", "http://localhost"]',
    '  block:',
    '    image: postgres:17',
    '    healthcheck:',
    '      test:',
    '        - CMD-SHELL',
    '        - pg_isready',
    '        - -U',
    '        - app',
    '  spaced:',
    '    image: redis:7',
    '    healthcheck:',
    '      test: ["CMD-SHELL", "redis-cli", "ping || exit 1"]',
    '',
  ].join('\n');
  const found = findings(validate(text), code);
  assert.equal(found.length, 3);
  assert.equal(found[0]!.message, 'The healthcheck of "nginx" runs only "curl": with CMD-SHELL the shell takes the next item as its whole command, and the items after it ("-f", "http://localhost") become the shell\'s $0, $1… instead of the command\'s arguments. Write the command as one string after CMD-SHELL, or use CMD with one item per argument.');
  assert.equal(found[0]!.severity, 2);
  // A flow list is replaced whole by the joined command; a block list, or items that are not plain words, get no fix.
  assert.equal(covered(text, found[0]!), '["CMD-SHELL", "curl", "-f", "http://localhost"]');
  assert.deepEqual(found[0]!.data, { replacement: '["CMD-SHELL", "curl -f http://localhost"]' });
  assert.equal(covered(text, found[1]!), '-U\n        - app');
  assert.equal(found[1]!.data, undefined);
  assert.equal(found[2]!.data, undefined);
});

test('CMD-SHELL with one command string, and CMD with its items, are what the engine expects', () => {
  for (const testLine of [
    'test: ["CMD-SHELL", "curl -f http://localhost || exit 1"]',
    'test: ["CMD", "curl", "-f", "http://localhost"]',
    'test: curl -f http://localhost',
    'test: ["NONE"]',
  ]) {
    const text = `services:\n  web:\n    image: nginx\n    healthcheck:\n      ${testLine}\n`;
    assert.deepEqual(findings(validate(text), code), [], testLine);
  }
});
