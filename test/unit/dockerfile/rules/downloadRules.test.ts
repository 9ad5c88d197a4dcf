import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, runRule } from '../helpers';

test('download-gone', async (t) => {
  await checkRuleCases(t, [
    { rule: 'download-gone', bad: 'FROM eclipse-temurin:17\nRUN curl -L -o sbt.deb https://dl.bintray.com/sbt/debian/sbt-1.3.8.deb && dpkg -i sbt.deb\n', good: 'FROM eclipse-temurin:17\nRUN curl -fL -o sbt.deb https://repo.scala-sbt.org/scalasbt/debian/sbt-1.3.8.deb && dpkg -i sbt.deb\n', line: 1 },
  ], assert);
});

test('download-gone: Bintray, get-poetry.py from a branch, and the old Kubernetes repositories, at the URL (rounds 34 and 36)', () => {
  const spans = (text: string) => runRule('download-gone', text).map((d) => [d.range.start.line, d.range.start.character, d.range.end.character]);
  assert.deepEqual(spans('FROM ubuntu:22.04\nRUN wget -q https://dl.bintray.com/x/y/z.tgz\n'), [[1, 12, 44]]);
  assert.deepEqual(spans('FROM python:3.8\nRUN curl -sSL https://raw.githubusercontent.com/python-poetry/poetry/master/get-poetry.py | python -\n').map(([line]) => line), [1]);
  assert.deepEqual(spans('FROM debian:12\nRUN echo "deb https://apt.kubernetes.io/ kubernetes-xenial main" > /etc/apt/sources.list.d/k8s.list \\\n  && apt-get update\n').map(([line]) => line), [1]);
  assert.deepEqual(spans('FROM rockylinux:9\nRUN printf "[k]\\nbaseurl=https://packages.cloud.google.com/yum/repos/kubernetes-el7-x86_64\\n" > /etc/yum.repos.d/k.repo\n').map(([line]) => line), [1]);
  assert.deepEqual(spans('FROM alpine:3.20\nADD https://bintray.com/user/repo/download_file?file_path=x.jar /x.jar\n').map(([line]) => line), [1]);
  for (const text of [
    // JCenter is kept read-only; a tag keeps get-poetry.py; the Cloud SDK's repository still serves; pkgs.k8s.io is the new home.
    'FROM gradle:8\nRUN curl -fL https://jcenter.bintray.com/org/x/1.0/x-1.0.jar -o x.jar\n',
    'FROM python:3.8\nRUN curl -sSL https://raw.githubusercontent.com/python-poetry/poetry/1.1.15/get-poetry.py | python -\n',
    'FROM debian:12\nRUN curl -fsSL https://packages.cloud.google.com/apt/doc/apt-key.gpg | gpg --dearmor -o /usr/share/keyrings/cloud.google.gpg && echo "deb https://packages.cloud.google.com/apt cloud-sdk main" > /etc/apt/sources.list.d/g.list\n',
    'FROM debian:12\nRUN curl -fsSL https://pkgs.k8s.io/core:/stable:/v1.31/deb/Release.key | gpg --dearmor -o /k.gpg\n',
    // A commented-out line of the RUN, and a LABEL that only names it.
    'FROM alpine:3.20\nRUN apk add curl \\\n# && curl -o x https://dl.bintray.com/a/b\n  && true\nLABEL old=https://dl.bintray.com/a/b\n',
  ]) assert.deepEqual(runRule('download-gone', text), [], text);
});
