import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate, ROOT } from './helpers';

const files = { [`${ROOT}/Dockerfile`]: 'FROM golang AS build\nRUN go build\nFROM scratch as Final\nCOPY --from=build /app /app\n' };

test('a target that is not a stage of the Dockerfile is an error with a suggestion', () => {
  const text = 'services:\n  web:\n    build:\n      context: .\n      target: buld\n';
  const [problem] = findings(validate(text, { files }), 'compose-unknown-build-target');
  assert.equal(covered(text, problem!), 'buld');
  assert.match(problem!.message, /Did you mean "build"/);
});

test('existing stages (any case) pass, and an unreadable Dockerfile is not judged', () => {
  assert.deepEqual(findings(validate('services:\n  web:\n    build:\n      context: .\n      target: final\n', { files }), 'compose-unknown-build-target'), []);
  assert.deepEqual(findings(validate('services:\n  web:\n    build:\n      context: ./elsewhere\n      target: x\n', { files }), 'compose-unknown-build-target'), []);
});
