import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, runRule } from '../helpers';

const check = (text: string) => runRule('build-in-cmd', text);
const NGINX = 'FROM nginx:alpine\nCOPY --from=builder /app/dist /usr/share/nginx/html\n';

test('build-in-cmd', async (t) => {
  await checkRuleCases(t, [
    { rule: 'build-in-cmd', bad: `FROM node:22 AS builder\nWORKDIR /app\nCOPY . .\nCMD ["npm", "run", "build"]\n${NGINX}`, good: `FROM node:22 AS builder\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n${NGINX}`, line: 3 },
  ], assert);
});

test('build-in-cmd: a builder stage whose build is its CMD or ENTRYPOINT, copied from by a later stage (round 62)', () => {
  const [found, ...rest] = check(`FROM node:20-alpine AS builder\nWORKDIR /app\nCOPY package*.json ./\nCOPY . .\nCMD ["npm","run","build"]\n${NGINX}`);
  assert.deepEqual(rest, []);
  assert.equal(found!.range.start.line, 4);
  assert.equal(found!.message, 'The stage builder runs npm run build in CMD, which a build never runs: the stage holds no build output, so the COPY --from=builder on line 7 finds nothing and stops the build. Write it as RUN npm run build.');
  assert.equal(check('FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nENTRYPOINT go build -o /out/app .\nFROM alpine\nCOPY --from=build /out/app /app\n').length, 1);
  assert.equal(check('FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nCMD go build -o bin/app .\nFROM alpine\nCOPY --from=build /src/bin/app /app\n').length, 1);
});

test('build-in-cmd: not where a RUN builds, nothing copies build output from the stage, or the CMD is no build', () => {
  for (const text of [
    `FROM node:22 AS builder\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nCMD ["npm", "run", "build"]\n${NGINX}`,
    'FROM node:22 AS builder\nWORKDIR /app\nCOPY . .\nCMD ["npm", "run", "build"]\nFROM node:22-slim\nCOPY --from=builder /app/src ./src\n',
    `FROM node:22 AS builder\nWORKDIR /app\nCOPY . .\nCMD ["npm", "start"]\n${NGINX}`,
    'FROM node:22 AS dev\nWORKDIR /app\nCOPY . .\nCMD ["npm", "run", "build"]\n',
    // A parent stage's RUN built it.
    `FROM node:22 AS base\nWORKDIR /app\nCOPY . .\nRUN npm run build\nFROM base AS builder\nCMD ["npm", "run", "build"]\n${NGINX}`,
  ]) assert.deepEqual(check(text), [], text);
});
