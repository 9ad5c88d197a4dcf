import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, runRule } from '../helpers';

test('version spec rules', async (t) => {
  await checkRuleCases(t, [
    { rule: 'unquoted-version-spec', bad: 'FROM python:3.12\nRUN pip install jupyterlab>=0.35\n', good: 'FROM python:3.12\nRUN pip install "jupyterlab>=0.35" requests==2.31 2>/dev/null > /tmp/log\n', line: 1 },
  ], assert);
});

const found = (text: string) => runRule('unquoted-version-spec', text).map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.character} ${d.message}`);

test('unquoted-version-spec: > and < in a package install are redirections', () => {
  assert.deepEqual(found('FROM python:3\nRUN pip install flask>=2.0 requests\n'), [
    '1:16-26 The shell reads >=2.0 as a redirection: the version constraint is dropped and the output goes to a file named =2.0. Quote the package and its constraint.',
  ]);
  assert.deepEqual(found('FROM alpine:3\nRUN apk add curl<9\n'), [
    '1:12-18 The shell reads <9 as a redirection from a file named 9, which fails: the version constraint never reaches the package manager. Quote the package and its constraint.',
  ]);
  // python -m pip, a spec after a space (gem -v >=7), npm's @ ranges, and micromamba behind a continuation.
  assert.equal(found('FROM python:3\nRUN python -m pip install -U numpy>1.20,<2\n').length, 1);
  assert.equal(found('FROM ruby:3\nRUN gem install rails -v >=7\n').length, 1);
  assert.equal(found('FROM node:20\nRUN npm i lodash@>=4\n').length, 1);
  assert.equal(found('FROM mambaorg/micromamba\nRUN micromamba install -y -c conda-forge \\\n    vault>=1.19 && micromamba clean -a\n').length, 1);
});

test('unquoted-version-spec: quoted or escaped constraints, and real redirections, are left alone', () => {
  for (const text of [
    'FROM python:3\nRUN pip install "flask>=2.0" \'b<3\' c\\>=3 d==1\n',
    'FROM python:3\nRUN pip install x > /tmp/log 2>&1 && pip install y 2>/dev/null\n',
    'FROM python:3\nRUN pip install x >>/tmp/log\n',
    'FROM python:3\nRUN pip install x; echo a>=b\n',
    'FROM python:3\nRUN test 1 -gt 0 && pip install x\n',
  ]) assert.deepEqual(found(text), [], text);
});

test('unquoted-version-spec: each install of a RUN is told (round 61: the second pip install went untold)', () => {
  const text = 'FROM python:3.12\nRUN pip install --no-cache-dir jieba>=0.42.1 && \\\n    pip install --no-cache-dir mecab-python3>=1.0.6\n';
  assert.deepEqual(found(text).map((f) => f.split(' ')[0]), ['1:31-44', '2:31-51']);
});
