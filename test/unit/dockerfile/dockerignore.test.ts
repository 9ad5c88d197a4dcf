import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isIgnored, parseDockerignore } from '../../../server/src/core/ignorePatterns';

test('globs, directories, ** and the last matching line wins', () => {
  const p = parseDockerignore('# comment\nnode_modules\n*.log\n**/*.tmp\nsecrets\n!secrets/public.pem\n./build/\n');
  assert.ok(isIgnored(p, 'node_modules'));
  assert.ok(isIgnored(p, 'node_modules/x/y.js'));
  assert.ok(isIgnored(p, 'debug.log'));
  assert.ok(!isIgnored(p, 'logs/debug.log'));
  assert.ok(isIgnored(p, 'a/b/c.tmp'));
  assert.ok(isIgnored(p, 'secrets/key.pem'));
  assert.ok(!isIgnored(p, 'secrets/public.pem'));
  assert.ok(isIgnored(p, './build/out.js'));
  assert.ok(!isIgnored(p, 'src/app.js'));
  assert.ok(!isIgnored(p, '.'));
});
