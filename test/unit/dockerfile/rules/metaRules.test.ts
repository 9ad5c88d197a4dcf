import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases } from '../helpers';

test('meta rules (off by default)', async (t) => {
  await checkRuleCases(t, [
    { rule: 'no-inline-ignore', bad: 'FROM a\n# hadolint ignore=DL3008\nRUN x\n', good: 'FROM a\n# plain comment\nRUN x\n', line: 1 },
    { rule: 'definition-description', bad: '# the version\nARG VERSION=1\nFROM a\n', good: '# VERSION is the release\nARG VERSION=1\nFROM a\n', line: 0 },
  ], assert);
});
