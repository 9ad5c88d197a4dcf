import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dockerfileLanguageService as service } from '../../../../server/src/core/dockerfile/dockerfileLanguageService';
import { checkRuleCases, context, doc, runRule } from '../helpers';

test('package manager rules', async (t) => {
  await checkRuleCases(t, [
    { rule: 'apt-get-yes', bad: 'FROM a\nRUN apt-get install curl\n', good: 'FROM a\nRUN apt-get install -y curl\nRUN apt-get -qq install curl\n', line: 1 },
    { rule: 'apt-no-install-recommends', bad: 'FROM a\nRUN apt-get install -y curl\n', good: 'FROM a\nRUN apt-get install -y --no-install-recommends curl\n', line: 1 },
    { rule: 'apt-pin', bad: 'FROM a\nRUN apt-get install -y curl\n', good: 'FROM a\nRUN apt-get install -y curl=7.88.1-10\n', line: 1 },
    { rule: 'apk-no-cache', bad: 'FROM a\nRUN apk add curl\n', good: 'FROM a\nRUN apk add --no-cache curl\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\n', line: 1 },
    { rule: 'apk-pin', bad: 'FROM a\nRUN apk add --virtual .deps curl\n', good: 'FROM a\nRUN apk add --virtual .deps curl=8.5.0-r0\n', line: 1 },
    { rule: 'yum-yes', bad: 'FROM a\nRUN yum install httpd\n', good: 'FROM a\nRUN yum install -y httpd\n', line: 1 },
    { rule: 'yum-clean', bad: 'FROM a\nRUN yum install -y httpd\n', good: 'FROM a\nRUN yum install -y httpd && yum clean all\n', line: 1 },
    { rule: 'yum-pin', bad: 'FROM a\nRUN yum install -y httpd\n', good: 'FROM a\nRUN yum install -y httpd-2.4.57\n', line: 1 },
    { rule: 'dnf-yes', bad: 'FROM a\nRUN dnf install httpd\n', good: 'FROM a\nRUN microdnf install -y httpd\n', line: 1 },
    { rule: 'dnf-clean', bad: 'FROM a\nRUN dnf install -y httpd\n', good: 'FROM a\nRUN dnf install -y httpd && dnf clean all\n', line: 1 },
    { rule: 'dnf-pin', bad: 'FROM a\nRUN dnf install -y httpd\n', good: 'FROM a\nRUN dnf install -y httpd-2.4.57\n', line: 1 },
    { rule: 'zypper-yes', bad: 'FROM a\nRUN zypper install curl\n', good: 'FROM a\nRUN zypper -n install curl\n', line: 1 },
    { rule: 'zypper-clean', bad: 'FROM a\nRUN zypper -n install curl\n', good: 'FROM a\nRUN zypper -n install curl && zypper clean\n', line: 1 },
    { rule: 'zypper-pin', bad: 'FROM a\nRUN zypper -n install curl\n', good: 'FROM a\nRUN zypper -n install curl=8.0.1\n', line: 1 },
    { rule: 'pip-pin', bad: 'FROM a\nRUN pip install flask\n', good: 'FROM a\nRUN pip install flask==3.0.3\nRUN pip install -r requirements.txt\n', line: 1 },
    { rule: 'pip-no-cache-dir', bad: 'FROM a\nRUN python3 -m pip install -r r.txt\n', good: 'FROM a\nRUN pip install --no-cache-dir -r r.txt\n', line: 1 },
    { rule: 'npm-pin', bad: 'FROM a\nRUN npm install -g typescript\n', good: 'FROM a\nRUN npm install -g typescript@5.6.2\nRUN npm ci\n', line: 1 },
    { rule: 'gem-pin', bad: 'FROM a\nRUN gem install rails\n', good: 'FROM a\nRUN gem install rails:7.1.3\nRUN gem install -v 1.0 bundler\n', line: 1 },
    { rule: 'go-install-pin', bad: 'FROM a\nRUN go install golang.org/x/tools/gopls\n', good: 'FROM a\nRUN go install golang.org/x/tools/gopls@v0.15.3\nRUN go install ./...\n', line: 1 },
    { rule: 'apt-lists-cleanup', bad: 'FROM a\nRUN apt-get update && apt-get install -y curl\n', good: 'FROM a\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n', line: 1 },
    { rule: 'apt-instead-of-apt-get', bad: 'FROM a\nRUN apt install -y curl\n', good: 'FROM a\nRUN apt-get install -y curl\n', line: 1 },
    { rule: 'zypper-dist-upgrade', bad: 'FROM a\nRUN zypper -n dist-upgrade\n', good: 'FROM a\nRUN zypper -n update\n', line: 1 },
    { rule: 'yarn-cache-clean', bad: 'FROM a\nRUN yarn install\n', good: 'FROM a\nRUN yarn install && yarn cache clean\n', line: 1 },
    { rule: 'package-manager-mismatch', bad: 'FROM node:22-alpine\nRUN apt-get update && apt-get install -y git\n', good: 'FROM node:22-alpine\nRUN apk add --no-cache git\nFROM oraclelinux:9-slim\nRUN microdnf install -y tar\nFROM acme/base:1\nRUN apk add git\n', line: 1 },
  ], assert);
});

test('apt-lists-cleanup: removing a folder above the lists removes them (round 26: rm -rf /var/lib/apt/)', () => {
  for (const path of ['/var/lib/apt', '/var/lib/apt/', '/var/lib/apt/*']) assert.deepEqual(runRule('apt-lists-cleanup', `FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf ${path}\n`), [], path);
  assert.equal(runRule('apt-lists-cleanup', 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/cache/apt\n').length, 1);
});

test('cache advice for a package manager the image does not have is left to package-manager-mismatch (round 26: apk on openjdk:11.0.7-jdk-slim)', () => {
  assert.deepEqual(runRule('apk-no-cache', 'FROM openjdk:11.0.7-jdk-slim\nRUN apk update && apk add bash\n'), []);
  assert.deepEqual(runRule('yum-clean', 'FROM debian:12\nRUN yum install -y curl\n'), []);
  // An image of unknown family keeps the advice.
  assert.equal(runRule('apk-no-cache', 'FROM ghcr.io/acme/base:1\nRUN apk add bash\n').length, 1);
});

test('apt-lists-cleanup looks only at the final stage and stages it uses', () => {
  assert.equal(runRule('apt-lists-cleanup', 'FROM a AS build\nRUN apt-get update && apt-get install -y gcc\nFROM b\nRUN true\n').length, 0);
});

test('package rules see through sudo and env', () => {
  assert.equal(runRule('apt-get-yes', 'FROM a\nRUN sudo env DEBIAN_FRONTEND=noninteractive apt-get install curl\n').length, 1);
});

test('pip-no-cache-dir: PIP_NO_CACHE_DIR turns the cache off, from an ENV or ARG above (inherited from a parent stage) or in the RUN', () => {
  const ok = [
    'FROM a\nENV PIP_NO_CACHE_DIR=1\nRUN pip install -r r.txt\n',
    'FROM a\nENV PYTHONUNBUFFERED=1 \\\n    PIP_NO_CACHE_DIR=off\nRUN pip install -r r.txt\n',
    'FROM a\nARG PIP_NO_CACHE_DIR=1\nRUN pip install -r r.txt\n',
    'FROM a AS base\nENV PIP_NO_CACHE_DIR=1\nFROM base\nRUN pip install -r r.txt\n',
    'FROM a\nRUN PIP_NO_CACHE_DIR=1 pip install -r r.txt\n',
  ];
  for (const text of ok) assert.deepEqual(runRule('pip-no-cache-dir', text), [], text);
  const reported = [
    // Set only after the RUN, or an ARG without a value (unset unless the build passes one).
    'FROM a\nRUN pip install -r r.txt\nENV PIP_NO_CACHE_DIR=1\n',
    'FROM a\nARG PIP_NO_CACHE_DIR\nRUN pip install -r r.txt\n',
    'FROM a AS other\nENV PIP_NO_CACHE_DIR=1\nFROM a\nRUN pip install -r r.txt\n',
  ];
  for (const text of reported) assert.equal(runRule('pip-no-cache-dir', text).length, 1, text);
});

test('pip-no-cache-dir: another variable whose name ends the same does not count', () => {
  assert.equal(runRule('pip-no-cache-dir', 'FROM a\nRUN MY_PIP_NO_CACHE_DIR=1 pip install -r r.txt\n').length, 1);
});

test('apt-get-yes: quiet level 2 however it is written (-qq, -q -q, --quiet --quiet, -q=2) implies -y, as hadolint DL3014 takes it', () => {
  assert.deepEqual(runRule('apt-get-yes', 'FROM a\nRUN apt-get -q -q install curl\nRUN apt-get --quiet --quiet install curl\nRUN apt-get -q=2 install curl\n'), []);
  assert.equal(runRule('apt-get-yes', 'FROM a\nRUN apt-get -q install curl\n').length, 1);
});

test('apt-get-yes: an install that names no package and fixes nothing asks nothing; one that fixes (-f) may ask', () => {
  assert.deepEqual(runRule('apt-get-yes', 'FROM rust:1.85\nRUN apt-get update && apt-get install\n'), []);
  assert.equal(runRule('apt-get-yes', 'FROM a\nRUN apt-get install -f\n').length, 1);
  assert.equal(runRule('apt-get-yes', 'FROM a\nRUN apt-get install $PACKAGES\n').length, 1);
  assert.equal(runRule('yum-yes', 'FROM a\nRUN yum install\n').length, 0);
});

test('apt install is read as apt-get install: it prompts and aborts without -y, and installs recommends', () => {
  assert.equal(runRule('apt-get-yes', 'FROM golang:1.22\nRUN apt install clang-format\n').length, 1);
  assert.equal(runRule('apt-no-install-recommends', 'FROM debian:12\nRUN apt update && apt install -y zsh\n').length, 1);
  assert.equal(runRule('apt-lists-cleanup', 'FROM debian:12\nRUN apt update && apt install -y --no-install-recommends zsh\n').length, 1);
  assert.deepEqual(runRule('apt-get-yes', 'FROM debian:12\nRUN apt install -y zsh && apt -s install vim\n'), []);
});

test('a cache cleaned before the install cleans nothing of it: the clean must come after', () => {
  assert.equal(runRule('yum-clean', 'FROM centos:7\nRUN yum clean all && yum -y install epel-release\n').length, 1);
  assert.deepEqual(runRule('yum-clean', 'FROM centos:7\nRUN yum -y install epel-release && yum clean all\n'), []);
  assert.equal(runRule('apk-no-cache', 'FROM alpine:3\nRUN rm -rf /var/cache/apk/* && apk add curl\n').length, 1);
  // A clean between two installs leaves the second one's cache: reported there.
  const both = runRule('dnf-clean', 'FROM fedora:40\nRUN dnf install -y a && dnf clean all && dnf install -y b\n');
  assert.deepEqual(both.map((d) => d.range.start.character), [41]);
});

test('cache cleanups: rm through a glob counts, apk --no-network downloads nothing, another tool\'s --no-cache is not pip\'s', () => {
  assert.deepEqual(runRule('pip-no-cache-dir', 'FROM alpine:3\nRUN pip3 install jupyter && rm -rf /root/.[acpw]*\n'), []);
  assert.equal(runRule('pip-no-cache-dir', 'FROM alpine:3\nRUN apk add --no-cache py3-pip && pip3 install jupyter\n').length, 1);
  assert.equal(runRule('pip-no-cache-dir', 'FROM alpine:3\nRUN pip3 install jupyter && rm -rf /root/.[acp\n').length, 1);
  assert.deepEqual(runRule('apk-no-cache', 'FROM alpine:3\nRUN apk add --no-cache gcc && apk add --no-network --virtual .rundeps $deps\n'), []);
});

test('size advice is a hint in a development container\'s Dockerfile, unless the settings give the rule a severity', () => {
  const text = 'FROM debian:12\nRUN apt-get update && apt-get install -y git && pip install x\n';
  const severities = (uri: string, ctx = context()) => {
    const found = service.validate(doc(text, uri), ctx);
    return ['apt-no-install-recommends', 'apt-lists-cleanup', 'pip-no-cache-dir'].map((id) => found.find((d) => d.code === id)?.severity);
  };
  // apt-no-install-recommends is a hint everywhere (round 10).
  assert.deepEqual(severities('file:///work/app/Dockerfile'), [4, 3, 3]);
  assert.deepEqual(severities('file:///work/app/.devcontainer/Dockerfile'), [4, 4, 4]);
  // Round 7: dev images in folders named for them, and CI images named so (not a ci folder: projects publish images from there too).
  for (const uri of ['file:///w/.gitpod.Dockerfile', 'file:///w/.gitpod/Dockerfile', 'file:///w/devcontainer.Dockerfile', 'file:///w/Dockerfile.dev', 'file:///w/api.dev.Dockerfile', 'file:///w/Dockerfile.development',
    'file:///w/docker/django/dev/Dockerfile', 'file:///w/Dockerfile.ci', 'file:///w/build.ci.Dockerfile', 'file:///w/docs/Containerfile', 'file:///w/site/docs.Dockerfile',
    // Round 9: test, benchmark, packaging and GitHub-runner images.
    'file:///w/tests/harness/Dockerfile.sccache-dist', 'file:///w/benchmark/Dockerfile', 'file:///w/packaging/debian/Dockerfile', 'file:///w/docker/packager.Dockerfile', 'file:///w/.github/act/Dockerfile']) {
    assert.deepEqual(severities(uri), [4, 4, 4], uri);
  }
  for (const uri of ['file:///w/Dockerfile.prod', 'file:///w/device.Dockerfile', 'file:///w/developer/Dockerfile', 'file:///w/docker/prod/Dockerfile', 'file:///w/ci/Dockerfile', 'file:///w/Dockerfile.cicd', 'file:///w/build/linux/Dockerfile', 'file:///w/testing-tool/Dockerfile']) assert.deepEqual(severities(uri), [4, 3, 3], uri);
  assert.deepEqual(severities('file:///work/app/.devcontainer/Dockerfile', context({ rules: { 'apt-lists-cleanup': 'warning' } })), [4, 2, 4]);
  // A failure a pipe hides, and a cleanup in a later layer, are the dev container's own user's to meet.
  const more = (uri: string) => service.validate(doc('FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nRUN curl -fsSL https://example.org/get.sh | bash\nRUN curl -o /tmp/big.tgz https://example.org/big.tgz\nRUN rm /tmp/big.tgz\n', uri), context())
    .filter((d) => d.code === 'pipefail' || d.code === 'cleanup-in-later-layer').map((d) => [d.code, d.severity]);
  assert.deepEqual(more('file:///w/Dockerfile'), [['pipefail', 3], ['cleanup-in-later-layer', 2]]);
  assert.deepEqual(more('file:///w/.devcontainer/Dockerfile'), [['pipefail', 4], ['cleanup-in-later-layer', 4]]);
  // Not size advice: a build that fails is one in a dev container too.
  assert.equal(service.validate(doc('FROM debian:12\nRUN apt-get install git\n', 'file:///w/.devcontainer/Dockerfile'), context()).find((d) => d.code === 'apt-get-yes')?.severity, 2);
});

test('advice about a RUN as a whole is given once per RUN, on its first command', () => {
  const run = 'FROM debian:12\nRUN apt-get update \\\n && apt-get -y install curl \\\n && apt-get -y install git \\\n && pip install a \\\n && pip install b\n';
  assert.deepEqual(runRule('apt-no-install-recommends', run).map((d) => d.range.start.line), [2]);
  assert.deepEqual(runRule('pip-no-cache-dir', run).map((d) => d.range.start.line), [4]);
  // A RUN of its own gets its own finding.
  assert.equal(runRule('pip-no-cache-dir', `${run}RUN pip install c\n`).length, 2);
  // Every install without -y still fails on its own: each is reported.
  assert.equal(runRule('apt-get-yes', 'FROM a\nRUN apt-get install curl && apt-get install git\n').length, 2);
});

test('apt-instead-of-apt-get: once per RUN, and only for commands apt-get has', () => {
  assert.deepEqual(runRule('apt-instead-of-apt-get', 'FROM a\nRUN apt update && apt install -y curl\n').map((d) => d.range.start.character), [4]);
  for (const text of ['FROM a\nRUN apt list --installed bash curl -a\n', 'FROM a\nRUN apt search curl\n', 'FROM a\nRUN apt show curl\n', 'FROM a\nRUN apt full-upgrade -y\n']) {
    assert.deepEqual(runRule('apt-instead-of-apt-get', text), [], text);
  }
});

test('pip-no-cache-dir takes pip\'s abbreviations of --no-cache-dir; apt-lists-cleanup takes find -delete', () => {
  for (const flag of ['--no-cache', '--no-cache-d', '--no-ca', '--no-cache-dir=1']) assert.deepEqual(runRule('pip-no-cache-dir', `FROM a\nRUN pip install ${flag} x\n`), [], flag);
  assert.equal(runRule('pip-no-cache-dir', 'FROM a\nRUN pip install --no-c x\n').length, 1, '--no-c could be --no-color');
  assert.deepEqual(runRule('apt-lists-cleanup', 'FROM a\nRUN apt-get update && apt-get install -y --no-install-recommends x && find /var/cache/apt/archives /var/lib/apt/lists -not -name lock -type f -delete\n'), []);
});

test('apt-no-install-recommends says nothing about an install that names no package; dnf-clean names microdnf where it is used', () => {
  assert.deepEqual(runRule('apt-no-install-recommends', 'FROM php:8\nRUN apt-get update && apt-get install -y \\\n && docker-php-ext-install pdo\n'), []);
  const [microdnf] = runRule('dnf-clean', 'FROM registry.access.redhat.com/ubi8/ubi-minimal:8.4\nRUN microdnf install kmod hwdata\n');
  assert.match(microdnf!.message, /run microdnf clean all/);
});

test('apt-lists-cleanup says nothing of a RUN that only updates (apt-get-update-alone does); pip-no-cache-dir nothing where the RUN removes pip\'s cache', () => {
  assert.deepEqual(runRule('apt-lists-cleanup', 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl\n'), []);
  assert.equal(runRule('apt-lists-cleanup', 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n').length, 1);
  assert.deepEqual(runRule('pip-no-cache-dir', 'FROM python:3\nRUN pip install /src && \\\n    rm -rf /root/.cache/pip\n'), []);
});

test('dnf-clean and yum-clean: where both are used, yum is dnf, so either one\'s clean counts', () => {
  assert.deepEqual(runRule('dnf-clean', 'FROM amazonlinux:2023\nRUN yum install -y which && dnf install -y pip && yum clean all\n'), []);
  assert.deepEqual(runRule('yum-clean', 'FROM fedora:40\nRUN yum install -y which && dnf clean all\n'), []);
  assert.equal(runRule('dnf-clean', 'FROM fedora:40\nRUN dnf install -y pip && yum makecache\n').length, 1);
});

test('pip-no-cache-dir: not for pip and the packaging tools alone, nor for the project\'s own folder; a requirements file or other packages still count', () => {
  const count = (run: string) => runRule('pip-no-cache-dir', `FROM python:3.12\nRUN ${run}\n`).length;
  for (const run of ['pip install --upgrade pip', 'pip install -U pip setuptools wheel', 'pip install poetry==1.8.3', 'pip install uv', 'pip install -e .', 'pip install .']) assert.equal(count(run), 0, run);
  for (const run of ['pip install -r requirements.txt', 'pip install flask', 'pip install --upgrade pip flask', 'pip install $PACKAGES']) assert.equal(count(run), 1, run);
});

test('apt-lists-cleanup: not where a later RUN of the stage, or of a stage built FROM it, installs without an update of its own', () => {
  const base = 'FROM debian:12 AS base\nRUN apt-get update && apt-get install -y curl\n';
  assert.equal(runRule('apt-lists-cleanup', base).length, 1);
  assert.deepEqual(runRule('apt-lists-cleanup', `${base}FROM base AS build\nRUN apt-get install -y make\n`), []);
  assert.deepEqual(runRule('apt-lists-cleanup', `${base}RUN apt-get install -y make\n`), []);
  assert.equal(runRule('apt-lists-cleanup', `${base}FROM base AS build\nRUN apt-get update && apt-get install -y make && rm -rf /var/lib/apt/lists/*\n`).length, 1);
});

test('apt-get-yes: apt-get is said to stop when it must install more than the packages named; yum, dnf and zypper ask before every install', () => {
  const [apt] = runRule('apt-get-yes', 'FROM a\nRUN apt-get install curl\n');
  assert.match(apt!.message, /more than the packages named/);
  const [yum] = runRule('yum-yes', 'FROM a\nRUN yum install curl\n');
  assert.match(yum!.message, /^yum install without -y waits for a confirmation that never comes/);
});

test('yes rules: the switch held by an ARG or ENV the command names, and apt configured to assume yes, count (round 8)', () => {
  assert.deepEqual(runRule('dnf-yes', 'FROM fedora:41\nENV DNF_INSTALL_OPTS="--assumeyes --setopt=install_weak_deps=False"\nRUN dnf install $DNF_INSTALL_OPTS gcc\n'), []);
  assert.equal(runRule('dnf-yes', 'FROM fedora:41\nENV DNF_INSTALL_OPTS="--setopt=install_weak_deps=False"\nRUN dnf install $DNF_INSTALL_OPTS gcc\n').length, 1);
  assert.deepEqual(runRule('apt-get-yes', 'FROM ubuntu:24.04 AS base\nRUN echo \'APT::Get::Assume-Yes "true";\' > /etc/apt/apt.conf.d/90yes\nFROM base\nRUN apt-get update && apt-get install curl\n'), []);
  // Written after the install, it does not help it.
  assert.equal(runRule('apt-get-yes', 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install curl\nRUN echo \'APT::Get::Assume-Yes "true";\' > /etc/apt/apt.conf.d/90yes\n').length, 1);
});

test('yarn-cache-clean: not for Yarn 2 and later, which runs Plug\'n\'Play apps from its cache (round 9: standardnotes)', () => {
  for (const text of [
    'FROM node:20-alpine\nRUN corepack enable\nCOPY ./ /workspace\nRUN yarn install --immutable\n',
    'FROM node:20\nCOPY package.json yarn.lock .yarnrc.yml ./\nCOPY .yarn ./.yarn\nRUN yarn install\n',
    'FROM node:20\nRUN yarn install --immutable-cache\n',
  ]) assert.deepEqual(runRule('yarn-cache-clean', text), [], text);
  assert.equal(runRule('yarn-cache-clean', 'FROM node:20\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile\n').length, 1);
});

test('apt-get distclean (apt 2.7, Debian 13) removes the package lists too, spelt either way (round 10: djangoproject.com)', () => {
  for (const sub of ['distclean', 'dist-clean']) {
    assert.deepEqual(runRule('apt-lists-cleanup', `FROM debian:trixie\nRUN apt-get update && apt-get install -y --no-install-recommends curl && apt-get ${sub}\n`), [], sub);
  }
});

test('apt-get-yes: an install that reads its answer from a pipe (yes |, echo y |) does not wait (round 18)', () => {
  for (const text of ['FROM debian:12\nRUN apt-get update && echo \'y\' | apt-get install git\n', 'FROM debian:12\nRUN yes | apt-get install git curl\n', 'FROM debian:12\nRUN printf "y\\n" | apt-get install git\n']) {
    assert.deepEqual(runRule('apt-get-yes', text), [], text);
  }
  // A pipe that answers something else, or the install feeding the pipe, still waits.
  assert.equal(runRule('apt-get-yes', 'FROM debian:12\nRUN echo n | apt-get install git\n').length, 1);
  assert.equal(runRule('apt-get-yes', 'FROM debian:12\nRUN apt-get install git | tee /log\n').length, 1);
});

test('apt-get-yes: a warning only where apt-get surely installs more than the packages named; elsewhere a hint (rounds 10-22: 8 of 10 noise)', () => {
  const severity = (text: string) => service.validate(doc(text, 'file:///w/Dockerfile'), context()).filter((d) => d.code === 'apt-get-yes').map((d) => d.severity);
  // Packages that need others, on bare Debian or Ubuntu or a slim image, nothing installed before (round 17: hugo on ubuntu).
  assert.deepEqual(severity('FROM ubuntu\nRUN apt-get update && apt-get install hugo\n'), [2]);
  assert.deepEqual(severity('FROM python:3.12-slim\nRUN apt-get update && apt install git=1:2.39.5-0+deb12u2\n'), [2]);
  assert.deepEqual(severity('FROM debian:bookworm AS base\nFROM base\nRUN apt-get update && apt-get install -q build-essential\n'), [2]);
  // The image may have them: a full language image, an unknown one, a package that needs nothing more (bash, Essential).
  assert.deepEqual(severity('FROM ruby:2.7.1\nRUN apt-get update && apt-get install nano\n'), [4]);
  assert.deepEqual(severity('FROM jenkins/jenkins:lts\nRUN apt-get install wget\n'), [4]);
  assert.deepEqual(severity('FROM node:20\nRUN apt-get install git\n'), [4]);
  assert.deepEqual(severity('FROM ubuntu\nRUN apt-get install bash\n'), [4]);
  // Something installed before, in the stage, its parent or the same RUN, may have brought the dependencies (round 22).
  assert.deepEqual(severity('FROM debian:12\nRUN apt-get update && apt-get install -y nodejs\nRUN apt-get install npm\n'), [4]);
  assert.deepEqual(severity('FROM debian:12 AS base\nRUN apt-get update && apt-get install -y build-essential\nFROM base\nRUN apt-get install gcc\n'), [4]);
  assert.deepEqual(severity('FROM debian:12\nRUN apt-get update && apt-get install -y build-essential && apt-get install gcc g++ make\n'), [4]);
  const [hint] = runRule('apt-get-yes', 'FROM ruby:3\nRUN apt-get install nano\n');
  assert.match(hint!.message, /whenever it must install more than the packages named \(their dependencies\).*Add -y so it never waits/);
  const [warning] = runRule('apt-get-yes', 'FROM ubuntu:24.04\nRUN apt-get install curl\n');
  assert.equal(warning!.message, 'apt-get install without -y stops to ask here: on ubuntu:24.04 the packages named need others installed with them, and the build cannot answer, so it aborts.');
});

test('pip-pin: values of pip\'s options are no packages (round 42: --resume-retries 1 read as a package named 1)', () => {
  assert.deepEqual(runRule('pip-pin', 'FROM python:3.12\nRUN python3 -m pip install --requirement requirements.txt --no-cache-dir --resume-retries 1 --timeout 60 --retries 5\n'), []);
  // --no-index: only the local wheels can be chosen (round 61).
  assert.deepEqual(runRule('pip-pin', 'FROM python:3.12-slim\nCOPY --from=build /wheels /wheels\nRUN pip install --no-index --find-links=/wheels fogmoe-telegram-bot\n'), []);
  assert.equal(runRule('pip-pin', 'FROM python:3.12\nRUN pip install --retries 5 flask\n').length, 1);
});

test('npm-pin: the value of an option that takes one is not a package (round 50: npm install --loglevel verbose)', () => {
  assert.deepEqual(runRule('npm-pin', 'FROM node:20\nRUN npm install --loglevel verbose\n'), []);
  assert.deepEqual(runRule('npm-pin', 'FROM node:20\nRUN npm install --omit dev --cache /tmp/npm\n'), []);
  assert.equal(runRule('npm-pin', 'FROM node:20\nRUN npm install --loglevel verbose -g typescript\n').length, 1);
  // Round 78: npm install --registry=$NPM_REGISTRY --maxsockets 1 --loglevel verbose (five "packages" called 1).
  assert.deepEqual(runRule('npm-pin', 'FROM node:20\nRUN npm install --registry=$NPM_REGISTRY --maxsockets 1 --loglevel verbose --force\n'), []);
  assert.deepEqual(runRule('npm-pin', 'FROM node:20\nRUN npm install --fetch-retry-mintimeout 20000 --proxy http://proxy:3128\n'), []);
});

test('package-manager-mismatch: a release of the 7 era is told to use yum, which it has instead of dnf (round 55: mysql:5.7)', () => {
  assert.match(runRule('package-manager-mismatch', 'FROM mysql:5.7\nRUN apt-get update && apt-get install -y locales\n')[0]!.message, /use yum install, the package manager of this release\.$/);
  assert.match(runRule('package-manager-mismatch', 'FROM mysql:8.4\nRUN apt-get update && apt-get install -y locales\n')[0]!.message, /use dnf install \(microdnf on minimal images\)\.$/);
});

test('dnf-yes and yum-yes: not where dnf.conf or yum.conf is set to assume yes before, in the RUN or a stage before (round 68: echo assumeyes=True >> /etc/dnf/dnf.conf)', () => {
  assert.deepEqual(runRule('dnf-yes', "FROM fedora:41\nRUN echo 'assumeyes=True' >> /etc/dnf/dnf.conf \\\n && dnf install gcc\n"), []);
  assert.deepEqual(runRule('dnf-yes', "FROM fedora:41 AS base\nRUN echo 'assumeyes=1' >> /etc/dnf/dnf.conf\nFROM base\nRUN dnf install gcc\n"), []);
  assert.deepEqual(runRule('yum-yes', "FROM centos:7\nRUN echo assumeyes=1 >> /etc/yum.conf\nRUN yum install gcc\n"), []);
  // Written after the install, or set to no: the install still asks.
  assert.equal(runRule('dnf-yes', "FROM fedora:41\nRUN dnf install gcc && echo 'assumeyes=True' >> /etc/dnf/dnf.conf\n").length, 1);
  assert.equal(runRule('dnf-yes', "FROM fedora:41\nRUN echo 'assumeyes=False' >> /etc/dnf/dnf.conf && dnf install gcc\n").length, 1);
  // apt's setting in the same RUN, before the install.
  assert.deepEqual(runRule('apt-get-yes', 'FROM debian:12\nRUN echo \'APT::Get::Assume-Yes "true";\' > /etc/apt/apt.conf.d/90yes && apt-get update && apt-get install curl git\n'), []);
});
