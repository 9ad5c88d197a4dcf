import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate } from './helpers';

const RULE = 'compose-name-like-option';

test('a service name starting with "-" is an error that says the CLI would read it as an option', () => {
  const text = 'services:\n  -web:\n    image: nginx\n  web-1:\n    image: nginx\n';
  const [problem, ...rest] = findings(validate(text), RULE);
  assert.deepEqual(rest, []);
  assert.equal(covered(text, problem!), '-web');
  assert.equal(problem!.severity, 1);
  assert.match(problem!.message, /read it as an option/);
});

test('so is a profile starting with "-"', () => {
  const text = 'services:\n  web:\n    image: nginx\n    profiles: [dev, "-debug", a-b]\n';
  const problems = findings(validate(text), RULE);
  assert.deepEqual(problems.map((d) => covered(text, d)), ['"-debug"']);
  assert.match(problems[0]!.message, /--profile -debug/);
});
