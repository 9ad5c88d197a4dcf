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

test('an override that gives only a target is read against the Dockerfile of the base\'s build (round 26)', () => {
  const base = 'services:\n  frontend:\n    build:\n      context: ./frontend\n';
  const dev = 'services:\n  frontend:\n    build:\n      target: development\n';
  const files = {
    [`${ROOT}/docker-compose.yml`]: base,
    [`${ROOT}/frontend/Dockerfile`]: 'FROM node:20-alpine AS builder\nFROM nginx:alpine AS runner\n',
    // A Dockerfile in the override's own folder is not the one compose builds.
    [`${ROOT}/Dockerfile`]: 'FROM node AS development\n',
  };
  const found = findings(validate(dev, { files }, `${ROOT}/docker-compose.dev.yml`), 'compose-unknown-build-target');
  assert.deepEqual(found.map((d) => d.message), ['The Dockerfile has no stage "development". Its stages are: builder, runner.']);
  // The override naming its own dockerfile in the base's context.
  const own = 'services:\n  frontend:\n    build:\n      dockerfile: Dockerfile.dev\n      target: development\n';
  assert.deepEqual(findings(validate(own, { files: { ...files, [`${ROOT}/frontend/Dockerfile.dev`]: 'FROM node AS development\n' } }, `${ROOT}/docker-compose.dev.yml`), 'compose-unknown-build-target'), []);
});
