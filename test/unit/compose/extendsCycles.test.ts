import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, ROOT, validate } from './helpers';

const RULE = 'compose-extends-cycle';

test('a service extending itself is an error on the reference', () => {
  const text = 'services:\n  web:\n    image: nginx\n    extends: web\n  api:\n    image: nginx\n    extends:\n      service: api\n';
  const problems = findings(validate(text), RULE);
  assert.deepEqual(problems.map((d) => covered(text, d)), ['web', 'api']);
  assert.match(problems[0]!.message, /Service "web" extends itself/);
  assert.equal(problems[0]!.severity, 1);
});

test('a loop through other services names the whole chain on each member', () => {
  const text = 'services:\n  a:\n    image: x\n    extends: b\n  b:\n    extends: c\n  c:\n    extends: a\n  d:\n    extends: a\n';
  const problems = findings(validate(text), RULE);
  assert.deepEqual(problems.map((d) => covered(text, d)), ['b', 'c', 'a'], 'd only leads into the loop');
  assert.match(problems[0]!.message, /"a" → "b" → "c" → "a"/);
});

test('a loop across files through extends.file names the other file', () => {
  const files: Record<string, string> = { [`${ROOT}/common.yaml`]: 'services:\n  base:\n    image: x\n    extends:\n      file: compose.yaml\n      service: web\n' };
  const text = 'services:\n  web:\n    extends:\n      file: common.yaml\n      service: base\n';
  files[`${ROOT}/compose.yaml`] = text;
  const [problem] = findings(validate(text, { files }), RULE);
  assert.equal(covered(text, problem!), 'base');
  assert.match(problem!.message, /"web" → "base" \(common.yaml\) → "web"/);
});

test('chains without a loop, and long chains, are fine', () => {
  const services = Array.from({ length: 60 }, (_, i) => `  s${i}:\n    ${i === 59 ? 'image: x' : `extends: s${i + 1}`}\n`).join('');
  assert.deepEqual(findings(validate(`services:\n${services}`), RULE), []);
});
