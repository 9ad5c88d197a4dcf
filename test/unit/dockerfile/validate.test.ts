import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analysis } from '../../../server/src/core/dockerfile/analysis/analysis';
import { validateAnalysis } from '../../../server/src/core/dockerfile/validation/validate';
import { rule } from '../../../server/src/core/dockerfile/validation/rules/rule';
import { DiagnosticSeverity } from '../../../server/src/core/types';
import { context } from './helpers';

const codes = (text: string, rules = {}) => validateAnalysis(Analysis.of(text), 'file:///w/Dockerfile', context({ rules })).map((d) => `${d.range.start.line}:${d.code}`);

test('settings turn a rule off or change its severity', () => {
  assert.ok(codes('FROM node\n').includes('0:untagged-image'));
  assert.ok(!codes('FROM node\n', { 'untagged-image': 'off' }).includes('0:untagged-image'));
  const [d] = validateAnalysis(Analysis.of('FROM node\n'), 'u', context({ rules: { 'untagged-image': 'error' } })).filter((x) => x.code === 'untagged-image');
  assert.equal(d!.severity, DiagnosticSeverity.Error);
  assert.ok(codes('FROM a:1\n', { 'missing-healthcheck': 'information' }).includes('0:missing-healthcheck'));
});

test('diagnostics carry source, peer documentation link and tags', () => {
  const [d] = validateAnalysis(Analysis.of('FROM node:latest\n'), 'u', context()).filter((x) => x.code === 'latest-tag');
  assert.equal(d!.source, 'docker-workbench');
  assert.equal(d!.codeDescription!.href, 'https://github.com/hadolint/hadolint/wiki/DL3007');
  const [bk] = validateAnalysis(Analysis.of('FROM a:1 as b\n'), 'u', context()).filter((x) => x.code === 'from-as-casing');
  assert.equal(bk!.codeDescription!.href, 'https://docs.docker.com/reference/build-checks/from-as-casing/');
});

test('inline suppressions: ours, hadolint and dockerfile-utils comments cover the next instruction', () => {
  const text = 'FROM debian:12\n# workbench ignore=sudo\nRUN sudo x\n# hadolint ignore=DL3004\nRUN sudo y\n# dockerfile-utils: ignore\nRUN sudo z\nRUN sudo w\n';
  assert.deepEqual(codes(text).filter((c) => c.endsWith(':sudo')), ['7:sudo']);
});

test('a hadolint id suppresses only the matching part of a rule that covers several peers', () => {
  const text = 'FROM a:1\n# hadolint ignore=DL4003\nCMD ["a"]\nENTRYPOINT ["b"]\nCMD ["c"]\nENTRYPOINT ["d"]\n';
  assert.deepEqual(codes(text).filter((c) => c.endsWith('multiple-instructions')), ['3:multiple-instructions']);
});

test('BuildKit check directive: skip by check name or all, error=true', () => {
  assert.ok(!codes('# check=skip=FromAsCasing\nFROM a:1 as b\n').some((c) => c.endsWith('from-as-casing')));
  assert.ok(!codes('# check=skip=all\nFROM a:1 as b\n').some((c) => c.endsWith('from-as-casing')));
  const list = validateAnalysis(Analysis.of('# check=error=true\nFROM a:1 as b\n'), 'u', context());
  assert.equal(list.find((d) => d.code === 'from-as-casing')!.severity, DiagnosticSeverity.Error);
  assert.ok(!codes('# hadolint global ignore=DL3007\nFROM a:latest\n').some((c) => c.endsWith('latest-tag')));
});

test('a rule that throws loses only its own reports', () => {
  // Two real codes with their default severities stand for any rule.
  const broken = rule({ id: 'unknown-instruction', severity: 'error', explain: () => ['x'.repeat(30)] }, () => {
    throw new Error('boom');
  });
  const fine = rule({ id: 'latest-tag', severity: 'information', explain: () => ['x'.repeat(30)] }, (ctx) => ctx.report({ start: 0, end: 4 }, 'ok'));
  const list = validateAnalysis(Analysis.of('FROM a\n'), 'u', context(), [broken, fine]);
  assert.deepEqual(list.map((d) => d.code), ['latest-tag']);
});

test('size, repeatability and shipping advice is a hint on an image compose runs with the source mounted over its working directory (round 25)', async () => {
  const { validateDockerfile } = await import('../../../server/src/core/dockerfile/dockerfileLanguageService');
  const { files } = await import('./helpers');
  const dockerfile = 'FROM python:3.12\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]\n';
  const severity = (compose?: string, rules = {}) => {
    const map: Record<string, string> = { 'file:///w/docker/api/Dockerfile': dockerfile, 'file:///w/app/requirements.txt': 'flask\n', 'file:///w/app/app.py': '' };
    if (compose) map['file:///w/compose.yaml'] = compose;
    return validateDockerfile(dockerfile, context({ files: files(map), rules }), 'file:///w/docker/api/Dockerfile').filter((d) => d.code === 'pip-no-cache-dir').map((d) => d.severity);
  };
  const build = '    build:\n      context: ./app\n      dockerfile: ../docker/api/Dockerfile\n';
  assert.deepEqual(severity(), [DiagnosticSeverity.Information]);
  // The source mounted at the working directory, or above it.
  assert.deepEqual(severity(`services:\n  api:\n${build}    volumes:\n      - ./app:/app\n`), [DiagnosticSeverity.Hint]);
  assert.deepEqual(severity(`services:\n  api:\n${build}    volumes: [".:/"]\n`), [DiagnosticSeverity.Hint]);
  // The source in pieces below it (round 26: ./app/app and ./app/main.py into /app).
  assert.deepEqual(severity(`services:\n  api:\n${build}    volumes:\n      - ./app/app:/app/app\n      - ./app/main.py:/app/main.py\n`), [DiagnosticSeverity.Hint]);
  // A folder below it (logs), a named volume, or a second service that runs the image as built: it may be shipped.
  assert.deepEqual(severity(`services:\n  api:\n${build}    volumes:\n      - ./logs:/app/logs\n      - data:/app\nvolumes:\n  data:\n`), [DiagnosticSeverity.Information]);
  assert.deepEqual(severity(`services:\n  api:\n${build}    volumes:\n      - ./app:/app\n  worker:\n${build}    command: celery worker\n`), [DiagnosticSeverity.Information]);
  // A severity the settings give stays.
  assert.deepEqual(severity(`services:\n  api:\n${build}    volumes:\n      - ./app:/app\n`, { 'pip-no-cache-dir': 'warning' }), [DiagnosticSeverity.Warning]);
});

test('dockerignore-missing on a development image: a warning only where the host\'s node_modules would land on the ones the image installed (rounds 25 and 26)', async () => {
  const { validateDockerfile } = await import('../../../server/src/core/dockerfile/dockerfileLanguageService');
  const { files } = await import('./helpers');
  const severity = (dockerfile: string) => {
    const map: Record<string, string> = { 'file:///w/Dockerfile': dockerfile, 'file:///w/package.json': '{}', 'file:///w/Gemfile': '', 'file:///w/compose.yaml': 'services:\n  web:\n    build: .\n    volumes:\n      - .:/app\n' };
    return validateDockerfile(dockerfile, context({ files: files(map, ['file:///w']) }), 'file:///w/Dockerfile').filter((d) => d.code === 'dockerignore-missing').map((d) => d.severity);
  };
  assert.deepEqual(severity('FROM ruby:3.3\nWORKDIR /app\nCOPY Gemfile ./\nRUN bundle install\nCOPY . .\n'), [DiagnosticSeverity.Hint]);
  assert.deepEqual(severity('FROM node:22\nWORKDIR /app\nCOPY package.json ./\nRUN npm install\nCOPY . .\n'), [DiagnosticSeverity.Warning]);
});

test('a Dockerfile a package manager keeps for another project (vendor/, node_modules/) gets hints only, unless the settings choose (round 32: laravel/sail runtimes)', async () => {
  const { validateDockerfile } = await import('../../../server/src/core/dockerfile/dockerfileLanguageService');
  const text = 'FROM ubuntu:21.04\nRUN apt-get update && apt-get install -y curl\n';
  const severities = (uri: string, ctx = context()) => validateDockerfile(text, ctx, uri).filter((d) => d.code === 'archived-release').map((d) => d.severity);
  assert.deepEqual(severities('file:///w/vendor/laravel/sail/runtimes/7.4/Dockerfile'), [DiagnosticSeverity.Hint]);
  assert.deepEqual(severities('file:///w/node_modules/x/Dockerfile'), [DiagnosticSeverity.Hint]);
  assert.deepEqual(severities('file:///w/docker/Dockerfile'), [DiagnosticSeverity.Error]);
  assert.deepEqual(severities('file:///w/vendor/x/Dockerfile', context({ rules: { 'archived-release': 'error' } })), [DiagnosticSeverity.Error]);
  // The runtime the project's compose file builds is the project's image: told as anywhere.
  const files = (await import('./helpers')).files;
  const sail = context({ files: files({ 'file:///w/docker-compose.yml': 'services:\n  app:\n    build:\n      context: ./vendor/laravel/sail/runtimes/8.0\n', 'file:///w/vendor/laravel/sail/runtimes/8.0/Dockerfile': text }, ['file:///w', 'file:///w/vendor/laravel/sail/runtimes/8.0']) });
  assert.deepEqual(severities('file:///w/vendor/laravel/sail/runtimes/8.0/Dockerfile', sail), [DiagnosticSeverity.Error]);
});
