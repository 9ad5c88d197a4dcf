import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, context, files, runRule } from '../helpers';
import { poetryMajorOf, pythonForPoetry2 } from '../../../../server/src/core/dockerfile/validation/rules/poetryRules';

const rule = 'poetry-removed-option';
const folder = 'file:///work/app';
/** A repository root (it has .git) with these files and their text. */
const repo = (entries: Record<string, string>) => context({ files: files(Object.fromEntries(Object.entries({ '.git': '', ...entries }).map(([n, v]) => [`${folder}/${n}`, v])), [folder]) });
const check = (text: string, entries: Record<string, string> = { 'pyproject.toml': '[tool.poetry]\nname = "app"\n' }) => runRule(rule, text, repo(entries), `${folder}/Dockerfile`);

test('poetry rules', async (t) => {
  await checkRuleCases(t, [
    { rule: 'poetry-removed-option', bad: 'FROM python:3.12-slim\nRUN pip install poetry\nRUN poetry install --no-dev\n', good: 'FROM python:3.12-slim\nRUN pip install poetry\nRUN poetry install --only main\n', line: 2 },
  ], assert);
});

test('poetry-removed-option: options Poetry 2 removed, where an unpinned Poetry is installed on Python 3.9 or later (rounds 12, 14, 19)', () => {
  // Round 12's shape: pip upgraded with Poetry on python:3.9, which gets Poetry 2.2.
  const [noDev, ...rest] = check('FROM python:3.9-buster\nENV POETRY_VIRTUALENVS_CREATE=false\nRUN pip install -U pip poetry\nCOPY poetry.lock pyproject.toml /app/\nRUN poetry install -vvv --no-dev --no-interaction\n');
  assert.deepEqual(rest, []);
  assert.equal(noDev!.message, 'Poetry 2 removed poetry install --no-dev: the build stops with \'The "--no-dev" option does not exist\'. Write --only main (or --without dev), which Poetry 1.2 and later understand.');
  assert.deepEqual([noDev!.range.start, noDev!.range.end], [{ line: 4, character: 24 }, { line: 4, character: 32 }]);
  assert.deepEqual(noDev!.data, { replacement: '--only main' });
  // The official installer without a version, in a stage built FROM the one that installs it.
  const installer = 'FROM python:3.11-slim AS base\nRUN curl -sSL https://install.python-poetry.org | python3 -\nFROM base AS build\nCOPY . .\n';
  assert.equal(check(`${installer}RUN poetry install --no-root --no-dev\n`).length, 1);
  assert.match(check(`${installer}RUN poetry lock --no-update && poetry install\n`)[0]!.message, /^Poetry 2 removed poetry lock --no-update/);
  assert.match(check(`${installer}RUN poetry lock --check\n`)[0]!.message, /Write poetry check --lock\.$/);
  assert.match(check(`${installer}RUN poetry install --remove-untracked\n`)[0]!.message, /Write poetry sync/);
  assert.equal(check('FROM python\nRUN pipx install poetry\nRUN poetry install --no-dev\n').length, 1);
  assert.equal(check('FROM python:3\nRUN pip install "poetry>=1.5"\nRUN poetry install --no-dev\n').length, 1);
  assert.equal(check('FROM python:3.12\nRUN uv tool install poetry==2.1.1\nRUN poetry install --no-dev\n').length, 1);
  assert.equal(check('FROM python:3.12\nARG POETRY_VERSION=2.1.3\nRUN pip install poetry==${POETRY_VERSION}\nRUN poetry install --no-dev\n').length, 1);
  assert.equal(check('FROM python:3.12\nRUN curl -sSL https://install.python-poetry.org | python3 - --git https://github.com/python-poetry/poetry.git@master\nRUN poetry install --no-dev\n').length, 1);
  // Only the stage that runs it: a child stage that runs nothing reports nothing more.
  assert.equal(check('FROM python:3.12 AS base\nRUN pip install poetry && poetry install --no-dev\nFROM base\nRUN echo done\n').length, 1);
});

test('poetry-removed-option: poetry export without the plugin, where the project does not ask for it', () => {
  const text = 'FROM python:3.12\nRUN pip install poetry\nCOPY pyproject.toml poetry.lock ./\nRUN poetry export -f requirements.txt -o requirements.txt\n';
  const [found] = check(text);
  assert.match(found!.message, /^Poetry 2 no longer includes poetry export/);
  assert.deepEqual(check(text.replace('pip install poetry', 'pip install poetry poetry-plugin-export')), []);
  assert.deepEqual(check(text, { 'pyproject.toml': '[tool.poetry.requires-plugins]\npoetry-plugin-export = ">=1.8"\n' }), []);
  // No build context to read (an untitled file), or no pyproject.toml at its root: the project may ask for it.
  assert.deepEqual(runRule(rule, text), []);
  assert.deepEqual(check(text, { 'backend/pyproject.toml': '' }), []);
});

test('poetry-removed-option: not where Poetry is pinned below 2, unknown, or on an older Python', () => {
  for (const text of [
    'FROM python:3.8\nRUN pip install poetry\nRUN poetry install --no-dev\n',
    'FROM python:2.7\nRUN pip install poetry\nRUN poetry install --no-dev\n',
    'FROM python:3.11-slim\nRUN pip install "poetry==1.7.0" && poetry install --no-interaction --no-dev\n',
    'FROM python:3.11-slim\nRUN pip install "poetry<2" && poetry install --no-dev\n',
    'FROM python:3.11-slim\nRUN pip install poetry~=1.8 && poetry install --no-dev\n',
    'FROM python:3.11-slim\nRUN pip install "poetry>=1.5,<2.0" && poetry install --no-dev\n',
    'FROM python:3.11-slim\nRUN pip install poetry==1.* && poetry install --no-dev\n',
    'FROM python:3.8\nENV POETRY_VERSION=1.1.6\nRUN pip install "poetry==$POETRY_VERSION"\nRUN poetry install --no-dev\n',
    'FROM python:3.12\nENV POETRY_VERSION=1.8.3\nRUN pip install "poetry==$POETRY_VERSION"\nRUN poetry install --no-dev\n',
    'FROM python:3.12\nARG POETRY_VERSION\nRUN pip install "poetry==$POETRY_VERSION"\nRUN poetry install --no-dev\n',
    'FROM python:3.11-slim AS base\nENV POETRY_VERSION=1.5.1 POETRY_HOME=/opt/poetry\nFROM base\nRUN curl -sSL https://install.python-poetry.org | python3 -\nRUN poetry install --no-dev\n',
    'FROM python:3.11-slim\nRUN curl -sSL https://install.python-poetry.org | python3 - -y --version 1.8.3\nRUN poetry install --no-dev\n',
    'FROM python:3.11-slim\nRUN curl -sSL https://install.python-poetry.org | POETRY_VERSION=1.8.5 python3 -\nRUN poetry lock --no-update\n',
    'FROM python:3.12\nRUN pip install poetry\nRUN poetry install --only main && poetry lock && poetry check --lock\n',
    'FROM python:3.12\nRUN poetry install --no-dev\n',
    'FROM acme/python-poetry:3.12\nRUN poetry install --no-dev\n',
    'FROM ubuntu:24.04\nRUN pip install poetry\nRUN poetry install --no-dev\n',
    'FROM python:3.12\nRUN pip install -r requirements.txt\nRUN poetry install --no-dev\n',
    'FROM python:3.12\nRUN pip install poetry-plugin-export\nRUN poetry install --no-dev\n',
  ]) assert.deepEqual(check(text), [], text);
});

test('poetry-removed-option: the Poetry a requirement gets, and the Pythons that get Poetry 2', () => {
  for (const spec of ['', '>=1.5', '==2.0.0', '>1.8', '~=2.1', '!=1.8.0', '<3', '<2.1']) assert.equal(poetryMajorOf(spec), 2, spec);
  for (const spec of ['==1.8.3', '<2', '<2.0', '<2.0.0', '~=1.8', '>=1.5,<2.0', '==1.*', '<=1.8.5', '==0.12.17']) assert.equal(poetryMajorOf(spec), 1, spec);
  for (const image of ['python', 'python:3', 'python:3.9', 'python:3.12-slim-bookworm', 'python:slim', 'python:alpine', 'python:3.13.1-alpine3.20']) assert.ok(pythonForPoetry2(image), image);
  for (const image of ['python:3.8', 'python:3.7-slim', 'python:2.7', 'acme/python:3.12', 'debian:12']) assert.ok(!pythonForPoetry2(image), image);
});
