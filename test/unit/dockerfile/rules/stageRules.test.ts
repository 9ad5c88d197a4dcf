import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, context, files, runRule } from '../helpers';
import { validateDockerfile } from '../../../../server/src/core/dockerfile/dockerfileLanguageService';

test('stage rules', async (t) => {
  await checkRuleCases(t, [
    { rule: 'invalid-as', bad: 'FROM a IS b\n', good: 'FROM a AS b\n', line: 0 },
    { rule: 'from-as-casing', bad: 'FROM a as b\n', good: 'FROM a AS b\nfrom c as d\n', line: 0 },
    { rule: 'invalid-stage-name', bad: 'FROM a AS 1st\n', good: 'FROM a AS first-1.x_y\n', line: 0 },
    { rule: 'stage-name-casing', bad: 'FROM a AS Build\n', good: 'FROM a AS build\n', line: 0 },
    { rule: 'duplicate-stage-name', bad: 'FROM a AS b\nFROM c AS B\n', good: 'FROM a AS b\nFROM c AS d\n', line: 1 },
    { rule: 'reserved-stage-name', bad: 'FROM a AS scratch\n', good: 'FROM a AS base\n', line: 0 },
    { rule: 'unknown-stage', bad: 'FROM a AS builder\nFROM b\nCOPY --from=biulder /x /y\n', good: 'FROM a AS builder\nFROM b\nCOPY --from=builder /x /y\nCOPY --from=nginx:1 /x /y\nCOPY --from=0 /a /b\n', line: 2 },
    { rule: 'copy-from-self', bad: 'FROM a AS b\nCOPY --from=b /x /y\n', good: 'FROM a AS b\nFROM c\nCOPY --from=b /x /y\n', line: 1 },
    { rule: 'unused-stage', bad: 'FROM a AS tools\nFROM b\nRUN x\n', good: 'FROM a AS tools\nFROM b\nCOPY --from=tools /x /y\n', line: 0 },
  ], assert);
});

test('unknown-stage explains stages defined later and typos in FROM', () => {
  assert.match(runRule('unknown-stage', 'FROM a\nCOPY --from=later /x /y\nFROM b AS later\n')[0]!.message, /defined later/);
  const [typo] = runRule('unknown-stage', 'FROM a AS build\nFROM biuld\n');
  assert.match(typo!.message, /Did you mean build/);
  assert.deepEqual(typo!.data, { replacement: 'build' });
});

test('unused-stage is tagged unnecessary and ignores the last stage', () => {
  const [d] = runRule('unused-stage', 'FROM a AS x\nFROM b AS y\n');
  assert.deepEqual(d!.tags, [1]);
  assert.equal(runRule('unused-stage', 'FROM a AS x\n').length, 0);
});

test('invalid-stage-name: BuildKit checks the name as written, neither expanded nor unquoted', () => {
  assert.equal(runRule('invalid-stage-name', 'ARG NAME=build\nFROM a AS $NAME\n').length, 1);
  assert.equal(runRule('invalid-stage-name', 'FROM a AS "build"\n').length, 1);
  assert.equal(runRule('invalid-stage-name', 'FROM a AS Build_1.x\n').length, 0);
});

test('unknown-stage: --from=builder where no stage has a name: the AS line was left out, and the pull of builder fails (round 23)', () => {
  const text = 'FROM node:24-slim\nWORKDIR /app\nCOPY . .\nRUN npm run build\nCOPY --from=builder /dist ./dist\n';
  const [found, ...rest] = runRule('unknown-stage', text);
  assert.deepEqual(rest, []);
  assert.equal(found!.message, 'No stage is named builder: none has AS builder, so --from=builder pulls docker.io/library/builder, which is not an official image, and the build stops. Name the stage that builds it: FROM <image> AS builder.');
  // Any other word may be a build context the command line passes; a file with named stages is judged by the suggestions.
  assert.deepEqual(runRule('unknown-stage', 'FROM node:24-slim\nCOPY --from=templates /t ./t\n'), []);
  assert.deepEqual(runRule('unknown-stage', 'FROM node:24 AS web\nFROM nginx:1\nCOPY --from=builder /dist ./dist\n'), []);
  // Compose passes a build context of that name.
  const compose = context({ files: files({ 'file:///w/Dockerfile': text, 'file:///w/compose.yaml': 'services:\n  web:\n    build:\n      context: .\n      additional_contexts:\n        builder: ../shared\n' }) });
  assert.deepEqual(runRule('unknown-stage', text, compose, 'file:///w/Dockerfile'), []);
});

test('unused-stage: a stage a compose file builds as its target is used (round 25: target: prod)', () => {
  const dockerfile = 'FROM node:22 AS web\nCMD ["npm", "start"]\n\nFROM node:22 AS prod\nCMD ["node", "server.js"]\n\nFROM node:22 AS test\nCMD ["npm", "test"]\n';
  const unused = (compose?: string) => {
    const map: Record<string, string> = { 'file:///w/docker/express/Dockerfile': dockerfile };
    if (compose) map['file:///w/docker-compose.yml'] = compose;
    return validateDockerfile(dockerfile, context({ files: files(map) }), 'file:///w/docker/express/Dockerfile').filter((d) => d.code === 'unused-stage').map((d) => d.range.start.line);
  };
  assert.deepEqual(unused(), [0, 3]);
  assert.deepEqual(unused('services:\n  api:\n    build:\n      context: .\n      dockerfile: docker/express/Dockerfile\n      target: prod\n'), [0]);
});

test('unused-stage: not in a template a preprocessor renders, whose included parts may use the stage (round 77: Dockerfile.in with # include(cli-dev.m4))', () => {
  const text = 'FROM composer:2 AS composer\nFROM php:8.3-fpm AS fpm\n# include(fpm.m4)\n';
  assert.deepEqual(runRule('unused-stage', text), []);
  assert.deepEqual(runRule('unused-stage', 'FROM composer:2 AS composer\nFROM php:8.3-fpm\n', undefined, 'file:///w/Dockerfile.in'), []);
  assert.equal(runRule('unused-stage', 'FROM composer:2 AS composer\nFROM php:8.3-fpm\n# include the rest later\n').length, 1);
});
