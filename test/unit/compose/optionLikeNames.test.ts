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

test('a profile starting with "-" is not: pflag takes the word after --profile as its value', () => {
  const text = 'services:\n  web:\n    image: nginx\n    profiles: [dev, "-debug", a-b]\n';
  assert.deepEqual(findings(validate(text), RULE), []);
});
