import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate } from './helpers';

test('an unknown restart policy is flagged with a suggestion', () => {
  const text = 'services:\n  web:\n    image: nginx\n    restart: alway\n';
  const [problem] = findings(validate(text), 'compose-invalid-restart');
  assert.equal(covered(text, problem!), 'alway');
  assert.deepEqual(problem!.data, { replacement: 'always' });
});

test('the four policies, on-failure with a count, variables, and what compose maps itself (empty, none, any) pass', () => {
  for (const policy of ['"no"', 'no', 'always', 'on-failure', 'on-failure:3', 'unless-stopped', '${RESTART}', '""', "''", 'none', 'any']) {
    assert.deepEqual(findings(validate(`services:\n  web:\n    image: nginx\n    restart: ${policy}\n`), 'compose-invalid-restart'), [], policy);
  }
});
