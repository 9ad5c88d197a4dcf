import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate } from './helpers';
import { alwaysPasses } from '../../../server/src/core/healthcheckScript';

const code = 'compose-healthcheck-always-passes';

test('a script whose last command cannot fail always exits 0', () => {
  const tail = (script: string) => alwaysPasses(script)?.tail;
  assert.equal(tail('curl -f http://localhost/ || exit 0'), 'exit 0');
  assert.equal(tail('[ `echo \'db.runCommand("ping").ok\' | mongo localhost/x --quiet` ] && echo 0 || echo 1'), 'echo 1');
  assert.equal(tail('curl -f x; true'), 'true');
  assert.equal(tail('curl x | grep ok || :'), ':');
  for (const script of [
    'curl -f http://localhost/ || exit 1',
    // exit alone keeps the failed command's status.
    'wget -q -O- x || exit',
    'curl -f x',
    'echo ok',
    'pg_isready || echo "not ready" && exit 1',
    'if curl x; then exit 0; else exit 1; fi',
    "curl -f 'http://x/a||true'",
    'test -f /x || { echo missing; exit 1; }',
  ]) assert.equal(alwaysPasses(script), undefined, script);
});

test('a healthcheck that always passes, in every form of test (round 12: a mongo probe ending in || echo 1)', () => {
  const text = [
    'services:',
    '  mongo:',
    '    image: mongo:7',
    '    healthcheck:',
    '      test: "[ `echo \'db.runCommand(\\"ping\\").ok\' | mongosh localhost/x --quiet` ] && echo 0 || echo 1"',
    '  web:',
    '    image: nginx',
    '    healthcheck:',
    '      test: ["CMD-SHELL", "curl -f http://localhost/ || exit 0"]',
    '  api:',
    '    image: node:22',
    '    healthcheck:',
    '      test: ["CMD", "sh", "-c", "wget -qO- localhost:3000 || true"]',
    '  ok:',
    '    image: nginx',
    '    healthcheck:',
    '      test: ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]',
    '',
  ].join('\n');
  const found = findings(validate(text), code);
  assert.deepEqual(found.map((d) => d.message.slice(0, 40)), ['The healthcheck of "mongo" always passes', 'The healthcheck of "web" always passes: ', 'The healthcheck of "api" always passes: ']);
  assert.equal(covered(text, found[1]!), '"curl -f http://localhost/ || exit 0"');
  assert.equal(found[0]!.severity, 2);
});
