import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate, ROOT } from './helpers';

const DOCKERFILE = 'ARG NODE_VERSION=22\nFROM node:${NODE_VERSION} AS build\nARG NEXT_PUBLIC_API_URL\nRUN npm run build\nFROM nginx:1.27\nONBUILD ARG LATER\n';
const files = { [`${ROOT}/web/Dockerfile`]: DOCKERFILE };
const code = 'compose-unused-build-arg';

test('build args the Dockerfile declares with no ARG are reported, in the map and the list form (round 7)', () => {
  const text = 'services:\n  web:\n    build:\n      context: ./web\n      args:\n        NEXT_PUBLIC_API_URL: https://api\n        NODE_VERSION: "20"\n        NEXT_PUBLIC_WS_URL: wss://ws\n        HTTP_PROXY: http://proxy\n        LATER: x\n  api:\n    build:\n      context: ./web\n      args:\n        - NEXT_PUBLIC_API_ULR=https://api\n        - INSTALL_DEV\n';
  const found = findings(validate(text, { files }), code);
  assert.deepEqual(found.map((d) => covered(text, d)), ['NEXT_PUBLIC_WS_URL', 'NEXT_PUBLIC_API_ULR=https://api', 'INSTALL_DEV']);
  assert.equal(found.length, 3);
  assert.equal(found[0]!.message, 'web/Dockerfile declares no ARG NEXT_PUBLIC_WS_URL, so the build ignores this value. Declare ARG NEXT_PUBLIC_WS_URL in the stage that uses it, or remove it here.');
  assert.match(found[1]!.message, /declares no ARG NEXT_PUBLIC_API_ULR, so the build ignores this value\. Did you mean NEXT_PUBLIC_API_URL\?$/);
  assert.equal(found[1]!.severity, 2);
});

test('build args are not judged where the file does not say which Dockerfile is built, nor for a Dockerfile that cannot be read', () => {
  // An override's args for the base's build.
  const override = 'services:\n  web:\n    build:\n      args:\n        ANYTHING: x\n';
  assert.deepEqual(findings(validate(override, { files: { ...files, [`${ROOT}/compose.yaml`]: 'services:\n  web:\n    build: ./web\n' } }, `${ROOT}/compose.override.yaml`), code), []);
  const unreadable = 'services:\n  web:\n    build:\n      context: ./other\n      args:\n        ANYTHING: x\n';
  assert.deepEqual(findings(validate(unreadable, { files }), code), []);
  const interpolated = 'services:\n  web:\n    build:\n      context: ./web\n      dockerfile: ${DOCKERFILE}\n      args:\n        ANYTHING: x\n';
  assert.deepEqual(findings(validate(interpolated, { files }), code), []);
});

test('a build arg the Dockerfile sets to the same value with ENV itself is a hint (round 22: NODE_ENV)', () => {
  const dockerfile = 'FROM node:22\nENV NODE_ENV development\nRUN npm ci\nFROM node:22-slim\nENV NODE_ENV=production PORT=3000\n';
  const withEnv = { [`${ROOT}/web/Dockerfile`]: dockerfile };
  const text = 'services:\n  dev:\n    build:\n      context: ./web\n      args:\n        NODE_ENV: development\n  prod:\n    build:\n      context: ./web\n      args:\n        - NODE_ENV=production\n  other:\n    build:\n      context: ./web\n      args:\n        NODE_ENV: test\n';
  const found = findings(validate(text, { files: withEnv }), code);
  assert.deepEqual(found.map((d) => [covered(text, d), d.severity]), [['NODE_ENV', 4], ['NODE_ENV=production', 4], ['NODE_ENV', 2]]);
  assert.equal(found[0]!.message, 'web/Dockerfile declares no ARG NODE_ENV, so the build ignores this value; its ENV NODE_ENV sets the same value, so nothing is lost. Remove it here, or declare ARG NODE_ENV for the ENV to use.');
});
