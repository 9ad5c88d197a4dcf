import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, runRule } from '../helpers';
import { pythonOf } from '../../../../server/src/core/dockerfile/validation/rules/getPipRules';

const rule = 'get-pip-old-python';

test('get-pip-old-python rule', async (t) => {
  await checkRuleCases(t, [
    { rule: 'get-pip-old-python', bad: 'FROM ubuntu:20.04\nRUN apt-get update && apt-get install -y curl python3 && curl -sS https://bootstrap.pypa.io/get-pip.py | python3\n', good: 'FROM ubuntu:20.04\nRUN apt-get update && apt-get install -y curl python3 && curl -sS https://bootstrap.pypa.io/pip/3.8/get-pip.py | python3\n', line: 1 },
  ], assert);
});

test('get-pip-old-python: the newest get-pip.py on a Python it no longer supports, with the versioned script as the fix (round 42: python on ubuntu:16.04)', () => {
  const text = 'FROM ubuntu:16.04\nRUN apt-get update && apt-get install -y python curl\nRUN curl -O https://bootstrap.pypa.io/get-pip.py\nRUN python get-pip.py && pip install ansible\n';
  const [found, ...rest] = runRule(rule, text);
  assert.deepEqual(rest, []);
  assert.equal(found!.range.start.line, 2);
  assert.equal(found!.message, 'This get-pip.py installs the newest pip, which needs Python 3.9 or later, and python on ubuntu:16.04 is Python 2.7: the script stops ("This script does not work on Python 2.7") and the step fails. Download https://bootstrap.pypa.io/pip/2.7/get-pip.py, made for Python 2.7.');
  assert.equal((found!.data as { replacement: string }).replacement, 'https://bootstrap.pypa.io/pip/2.7/get-pip.py');
  for (const [image, interpreter] of [['python:3.7-slim', 'python'], ['centos:7', 'python3'], ['debian:buster', 'python3']] as const) {
    assert.equal(runRule(rule, `FROM ${image}\nRUN curl https://bootstrap.pypa.io/get-pip.py | ${interpreter}\n`).length, 1, image);
  }
});

test('get-pip-old-python: not on a Python the newest pip runs on, an unknown one, the versioned script, or where another Python is installed', () => {
  for (const text of [
    'FROM ubuntu:22.04\nRUN curl https://bootstrap.pypa.io/get-pip.py | python3\n',
    'FROM python:3.12\nRUN curl https://bootstrap.pypa.io/get-pip.py | python\n',
    'FROM ubuntu:20.04\nRUN curl https://bootstrap.pypa.io/get-pip.py | python\n',
    'FROM acme/base:1\nRUN curl https://bootstrap.pypa.io/get-pip.py | python3\n',
    'FROM ubuntu:18.04\nRUN curl https://bootstrap.pypa.io/pip/3.6/get-pip.py | python3\n',
    'FROM ubuntu:18.04\nRUN add-apt-repository ppa:deadsnakes/ppa && apt-get install -y python3.11\nRUN curl https://bootstrap.pypa.io/get-pip.py | python3.11\n',
    'FROM ubuntu:18.04\n# RUN curl https://bootstrap.pypa.io/get-pip.py | python3\n',
  ]) assert.deepEqual(runRule(rule, text), [], text);
  assert.equal(pythonOf('ubuntu:bionic', 'python3'), '3.6');
  assert.equal(pythonOf('debian:9-slim', 'python'), '2.7');
  assert.equal(pythonOf('ubuntu:24.04', 'python3'), undefined);
  assert.equal(pythonOf('anything', 'python3.7'), '3.7');
});
