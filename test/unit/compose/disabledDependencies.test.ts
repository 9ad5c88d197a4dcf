import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate } from './helpers';

const code = 'compose-dependency-disabled';

test('a service a plain up starts, depending on one only a profile starts, is a warning at the dependency', () => {
  const text = 'services:\n  webapp:\n    image: nginx\n    depends_on:\n      backend-dev:\n        condition: service_started\n  backend-dev:\n    image: app\n    profiles: [rag]\n';
  const [problem, ...rest] = findings(validate(text), code);
  assert.ok(problem);
  assert.deepEqual(rest, []);
  assert.equal(covered(text, problem), 'backend-dev');
  assert.equal(problem.severity, 2);
  assert.match(problem.message, /--profile rag/);
});

test('no warning when both start together, the dependency is not required, or .env turns the profile on', () => {
  for (const text of [
    // Same profile, or the dependent has a profile of its own (its own --profile is then needed anyway).
    'services:\n  web:\n    image: nginx\n    profiles: [rag]\n    depends_on: [db]\n  db:\n    image: postgres\n    profiles: [rag]\n',
    'services:\n  web:\n    image: nginx\n    depends_on: [db]\n  db:\n    image: postgres\n',
    // compose drops a dependency marked required: false when its service is not started.
    'services:\n  web:\n    image: nginx\n    depends_on:\n      db:\n        condition: service_started\n        required: false\n  db:\n    image: postgres\n    profiles: [data]\n',
  ]) assert.deepEqual(findings(validate(text), code), [], text);
  const text = 'services:\n  web:\n    image: nginx\n    depends_on: [db]\n  db:\n    image: postgres\n    profiles: [data]\n';
  assert.deepEqual(findings(validate(text, { files: { 'file:///project/.env': 'COMPOSE_PROFILES=debug,data\n' } }), code), []);
  assert.equal(findings(validate(text, { files: { 'file:///project/.env': 'COMPOSE_PROFILES=debug\n' } }), code).length, 1);
});

test('the profiles of a service include the ones an override file adds', () => {
  const text = 'services:\n  web:\n    image: nginx\n    depends_on: [db]\n  db:\n    image: postgres\n';
  const files = { 'file:///project/compose.override.yaml': 'services:\n  db:\n    profiles: [data]\n' };
  assert.equal(findings(validate(text, { files }), code).length, 1);
});

test('a -f file is run with a command line of its own, which may pass the --profile: not checked', () => {
  const text = 'services:\n  web:\n    image: nginx\n    depends_on: [db]\n  db:\n    image: postgres\n    profiles: [data]\n';
  assert.deepEqual(findings(validate(text, {}, 'file:///project/compose.dev.yml'), code), []);
  assert.equal(findings(validate(text, {}, 'file:///project/docker-compose.yml'), code).length, 1);
});
