import { test } from 'node:test';
import assert from 'node:assert/strict';
import { externallyManagedBase } from '../../../../server/src/core/dockerfile/validation/rules/pythonRules';
import { checkRuleCases, runRule } from '../helpers';

test('python rules', async (t) => {
  await checkRuleCases(t, [
    { rule: 'pip-externally-managed', bad: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y python3-pip\nRUN pip3 install requests\n', good: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y python3-pip python3-venv\nRUN python3 -m venv /opt/venv && /opt/venv/bin/pip install requests\n', line: 2 },
  ], assert);
});

const found = (text: string) => runRule('pip-externally-managed', text).map((d) => `${d.range.start.line}:${d.range.start.character} ${d.message}`);
const APT_PIP = 'RUN apt-get update && apt-get install -y --no-install-recommends python3-pip\n';

test('externally managed bases: Debian 12 and later, Ubuntu 23.04 and later, by tag', () => {
  for (const ref of ['debian:12', 'debian:bookworm-slim', 'debian', 'debian:trixie-20250101', 'docker.io/library/ubuntu:24.04', 'ubuntu:noble', 'ubuntu', 'buildpack-deps:bookworm-curl', 'debian:12.5']) assert.ok(externallyManagedBase(ref), ref);
  for (const ref of ['debian:11', 'debian:bullseye', 'ubuntu:22.04', 'ubuntu:jammy', 'python:3.12-bookworm', 'myorg/debian:12', 'debian:${V}', 'buildpack-deps:jammy']) assert.ok(!externallyManagedBase(ref), ref);
});

test('pip-externally-managed: pip, pip3 and python3 -m pip into apt\'s Python, in the stage or one it is built FROM', () => {
  assert.deepEqual(found(`FROM ubuntu:24.04\n${APT_PIP}RUN pip3 install --no-cache-dir flask\n`), [
    '2:4 ubuntu:24.04 is externally managed (PEP 668): pip install into its system Python stops the build with "externally-managed-environment". Use apt packages, a virtual environment, or --break-system-packages.',
  ]);
  assert.equal(found(`FROM debian:12\nRUN apt-get update && apt-get install -y python3-pip && python3 -m pip install --upgrade pip\n`).length, 1);
  assert.equal(found(`FROM debian:12 AS base\n${APT_PIP}FROM base\nRUN pip install --user flask\n`).length, 1);
});

test('pip-externally-managed: nothing where pip does not check, or the author has dealt with it', () => {
  for (const text of [
    // An older release, or the python image's own Python.
    `FROM debian:11\n${APT_PIP}RUN pip3 install flask\n`,
    'FROM python:3.12-slim-bookworm\nRUN pip install flask\n',
    // pip not from apt (get-pip.py, or none at all), a virtual environment, or its pip by path.
    'FROM debian:12\nRUN pip3 install flask\n',
    `FROM debian:12\n${APT_PIP}RUN python3 -m venv /opt/venv\nENV PATH=/opt/venv/bin:$PATH\nRUN pip install flask\n`,
    `FROM debian:12\n${APT_PIP}RUN /opt/venv/bin/pip install flask\n`,
    `FROM debian:12\n${APT_PIP}RUN . /opt/venv/bin/activate && pip install flask\n`,
    // Installs pip does not check, and a Dockerfile that says it knows.
    `FROM debian:12\n${APT_PIP}RUN pip3 install --target /opt/lib flask && pip3 install --prefix=/usr/local x\n`,
    `FROM debian:12\n${APT_PIP}ENV PIP_BREAK_SYSTEM_PACKAGES=1\nRUN pip3 install flask\n`,
    `FROM debian:12\n${APT_PIP}RUN rm /usr/lib/python3.11/EXTERNALLY-MANAGED && pip3 install flask\n`,
  ]) assert.deepEqual(found(text), [], text);
});

test('pip-externally-managed: Alpine 3.19 and later, whose python3 package is externally managed too, with pip from apk (round 13\'s miss)', () => {
  const text = (image: string) => `FROM ${image}\nRUN apk add --no-cache python3 py3-pip curl && pip3 install awscli\n`;
  for (const image of ['alpine', 'alpine:latest', 'alpine:3.19', 'alpine:3.21', 'alpine:edge']) {
    assert.deepEqual(found(text(image)), [`1:47 ${image} is externally managed (PEP 668): pip install into its system Python stops the build with "externally-managed-environment". Use apk packages (py3-...), a virtual environment, or --break-system-packages.`], image);
  }
  for (const image of ['alpine:3.18', 'alpine:3.12', 'python:3.12-alpine']) assert.deepEqual(found(text(image)), [], image);
  assert.deepEqual(found('FROM alpine:3.20\nRUN apk add --no-cache py3-pip && python3 -m venv /v && /v/bin/pip install awscli\n'), []);
});
