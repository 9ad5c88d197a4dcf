import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, runRule } from '../helpers';
import { misspeltWellKnownEnv } from '../../../../server/src/core/wellKnownEnv';

const rule = 'misspelt-env-name';

test('misspelt well-known environment names', async (t) => {
  await checkRuleCases(t, [
    { rule: 'misspelt-env-name', bad: 'FROM golang:1.23\nENV GO111MODULES=on CGO_ENABLED=0\n', good: 'FROM golang:1.23\nENV GO111MODULE=on CGO_ENABLED=0\n', line: 1 },
  ], assert);
});

test('misspelt-env-name: a letter missing, added, changed or two swapped, an underscore too many, ARG as well as ENV', () => {
  const cases: Array<[string, string]> = [
    ['PYTHONDONTWRITENBYTECODE', 'PYTHONDONTWRITEBYTECODE'],
    ['PYTHONDONOTWRITEBYTECODE', 'PYTHONDONTWRITEBYTECODE'],
    ['PYTHON_UNBUFFERED', 'PYTHONUNBUFFERED'],
    ['PYTHONUBNUFFERED', 'PYTHONUNBUFFERED'],
    ['DEBIAN_FRONTENT', 'DEBIAN_FRONTEND'],
    ['PYTHON_PATH', 'PYTHONPATH'],
    ['Pythonunbuffered', 'PYTHONUNBUFFERED'],
    ['SPRING_PROFILE_ACTIVE', 'SPRING_PROFILES_ACTIVE'],
    ['Go111MODULE', 'GO111MODULE'],
    ['npm_config_logleve', 'NPM_CONFIG_LOGLEVEL'],
  ];
  for (const [name, meant] of cases) assert.equal(misspeltWellKnownEnv(name)?.meant, meant, name);
  const [finding] = runRule(rule, 'FROM debian:12\nARG DEBIAN_FRONTENT=noninteractive\nRUN apt-get update\n');
  assert.equal(finding?.message, 'apt reads DEBIAN_FRONTEND, not DEBIAN_FRONTENT: this setting has no effect.');
  assert.deepEqual(finding?.data, { replacement: 'DEBIAN_FRONTEND', span: { start: 19, end: 34 } });
});

test('misspelt-env-name: the names themselves, other tools\' names, short names, another case where the reader ignores case, and names the Dockerfile reads are left alone', () => {
  for (const name of ['PYTHONUNBUFFERED', 'BUNDLE_WITH', 'BUNDLE_PATH', 'NODE_ENV', 'NODE_ENVS', 'GOOS', 'GOARCH', 'APP_VERSION', 'PIP_INDEX_URL', 'JAVA_OPTS', 'JAVA_OPT', 'PYTHON_VERSION', 'DATABASE_URL', 'UV_NO_CACHE', 'npm_config_loglevel', 'aspnetcore_urls', 'Spring_Profiles_Active', 'spring.profiles.active', 'spring-profiles-active', 'NUXT_TELEMETRY_DISABLED', 'ASTRO_TELEMETRY_DISABLED', 'TURBO_TELEMETRY_DISABLED']) {
    assert.equal(misspeltWellKnownEnv(name), undefined, name);
  }
  assert.deepEqual(runRule(rule, 'FROM python:3.12\nENV PYTHON_PATH=/usr/local/bin/python\nRUN $PYTHON_PATH -m pip install x\n'), []);
  assert.deepEqual(runRule(rule, 'FROM python:3.12\nENV APP_HOME=/app LOG_LEVEL=info\n'), []);
});
