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

test('a count compose reads as 0 (not a number, or written 0) passes; the engine refuses a count on the other policies and a negative one', () => {
  // compose cuts at the first ":" and reads the rest with Atoi, an unreadable count being 0.
  for (const policy of ['on-failure:', 'on-failure:x', 'on-failure:+3', 'no:0', 'always:0', 'unless-stopped:x', 'none:0']) {
    const text = `services:\n  web:\n    image: nginx\n    restart: "${policy}"\n`;
    assert.deepEqual(findings(validate(text), 'compose-yaml-syntax'), [], policy);
    assert.deepEqual(findings(validate(text), 'compose-invalid-restart'), [], policy);
  }
  for (const policy of ['always:3', 'unless-stopped:1', 'any:2', 'on-failure:-1']) {
    const text = `services:\n  web:\n    image: nginx\n    restart: ${policy}\n`;
    const problems = findings(validate(text), 'compose-invalid-restart');
    assert.deepEqual(problems.map((p) => covered(text, p)), [policy], policy);
  }
});

test('restart is not read when deploy.restart_policy is set, so its value is not reported', () => {
  const text = 'services:\n  web:\n    image: nginx\n    restart: sometimes\n    deploy:\n      restart_policy:\n        condition: on-failure\n';
  assert.deepEqual(findings(validate(text), 'compose-invalid-restart'), []);
  const empty = 'services:\n  web:\n    image: nginx\n    restart: sometimes\n    deploy:\n      restart_policy: {}\n';
  assert.deepEqual(findings(validate(empty), 'compose-invalid-restart'), []);
  const without = 'services:\n  web:\n    image: nginx\n    restart: sometimes\n    deploy:\n      replicas: 1\n';
  assert.equal(findings(validate(without), 'compose-invalid-restart').length, 1);
});
