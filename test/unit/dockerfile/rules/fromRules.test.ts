import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dockerfileLanguageService as service, validateDockerfile } from '../../../../server/src/core/dockerfile/dockerfileLanguageService';
import { checkRuleCases, context, doc, files, runRule } from '../helpers';

test('FROM rules', async (t) => {
  await checkRuleCases(t, [
    { rule: 'untagged-image', bad: 'FROM node\n', good: 'FROM node:22\nFROM scratch\nFROM node@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n', line: 0 },
    { rule: 'latest-tag', bad: 'FROM node:latest\n', good: 'FROM node:22\n', line: 0 },
    { rule: 'invalid-image-reference', bad: 'FROM Node:22\n', good: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nFROM localhost:5000/app:1\n', line: 0 },
    { rule: 'platform-constant', bad: 'FROM --platform=linux/amd64 node:22\n', good: 'FROM --platform=$BUILDPLATFORM node:22\nFROM --platform=linux/arm64 node:22 AS build-arm64\n', line: 0 },
    { rule: 'redundant-target-platform', bad: 'FROM --platform=$TARGETPLATFORM node:22\n', good: 'FROM --platform=$BUILDPLATFORM node:22\n', line: 0 },
    { rule: 'undefined-arg-in-from', bad: 'ARG VERSION=1\nFROM node:22-$VERSOIN\n', good: 'ARG VERSION=1\nFROM node:$VERSION\nFROM --platform=$BUILDPLATFORM node:${TAG:-22}\n', line: 1 },
    { rule: 'invalid-default-arg-in-from', bad: 'ARG TAG\nFROM node:$TAG\n', good: 'ARG TAG=22\nFROM node:$TAG\nARG IMG\nFROM ${IMG:-alpine}\n', line: 1 },
  ], assert);
});

test('untagged-image offers the tags of local images', () => {
  const ctx = context({ facts: { images: [{ name: 'node:20', id: 'x', size: 1, created: 1 }] } });
  assert.deepEqual(runRule('untagged-image', 'FROM node\n', ctx)[0]!.data, { localTags: ['20'] });
});

test('undefined-arg-in-from suggests the global ARG', () => {
  assert.match(runRule('undefined-arg-in-from', 'ARG VERSION=1\nFROM node:22-$VERSOIN\n')[0]!.message, /Did you mean VERSION/);
});

test('a FROM image made only of undeclared ARGs is an error: BuildKit expands FROM with the global ARGs alone, so no --build-arg can make it valid', () => {
  const [empty] = runRule('invalid-image-reference', 'FROM ${BASE_IMAGE}\nRUN true\n');
  assert.equal(empty!.message, 'BASE_IMAGE is not declared with an ARG before the first FROM, so no --build-arg can set it and this image is always empty, which BuildKit refuses. Declare it with ARG above the first FROM.');
  assert.equal(empty!.severity, 1);
  assert.equal(runRule('invalid-image-reference', 'FROM ${REGISTRY}/alpine:3\n').length, 1);
  const [typo] = runRule('invalid-image-reference', 'ARG VERSION=1\nFROM node:$VERSOIN\n');
  assert.match(typo!.message, /always node:, which BuildKit refuses\. Did you mean VERSION\?$/);
  assert.equal((typo!.data as { replacement?: string }).replacement, 'VERSION');
  // One finding for the one mistake: undefined-arg-in-from leaves these ARGs to the error.
  assert.deepEqual(runRule('undefined-arg-in-from', 'FROM ${BASE_IMAGE}\nARG VERSION=1\nFROM node:$VERSOIN\n'), []);
  // A name that stays valid (node:22), or that a declared ARG can still change, is no error.
  for (const ok of ['FROM node:22$SUFFIX\n', 'ARG BASE\nFROM ${BASE}${SUFFIX}\n', 'FROM ${BASE:-alpine}\n', 'FROM $TARGETARCH/alpine\n']) {
    assert.deepEqual(runRule('invalid-image-reference', ok), [], ok);
  }
  assert.equal(runRule('undefined-arg-in-from', 'FROM node:22$SUFFIX\n').length, 1);
});

test('invalid-image-reference: a hint where the repository builds with kaniko and passes the argument, which kaniko puts into FROM (round 38)', () => {
  const text = 'FROM ${CI_REGISTRY}/image/golang:latest\nRUN true\n';
  const ci = (line: string) => context({ files: files({ 'file:///work/app/.gitlab-ci.yml': `build:\n  script:\n    - >-\n      /kaniko/executor\n      ${line}\n      --destination $CI_REGISTRY_IMAGE\n`, 'file:///work/.git/HEAD': '' }) });
  const found = (line: string) => validateDockerfile(text, ci(line), 'file:///work/app/Dockerfile').filter((d) => d.code === 'invalid-image-reference');
  const [kaniko] = found('--build-arg CI_REGISTRY=${CI_REGISTRY}');
  assert.equal(kaniko!.severity, 4);
  assert.match(kaniko!.message, /kaniko, which the repository's pipeline builds with, fills it from --build-arg, but docker build does not/);
  // Another argument passed: the error stands.
  assert.equal(found('--build-arg OTHER=1')[0]!.severity, 1);
});

test('latest-tag: not for an image pinned by a digest the build passes in, nor for latest as the fallback or default of a build argument that is the tag', () => {
  assert.deepEqual(runRule('latest-tag', 'ARG COMMON_IMAGE=ghcr.io/ublue-os/common:latest\nARG COMMON_IMAGE_SHA=""\nFROM ${COMMON_IMAGE}@${COMMON_IMAGE_SHA} AS common\n'), []);
  assert.deepEqual(runRule('latest-tag', 'ARG BASE_IMAGE\nFROM ${BASE_IMAGE:-zephyrprojectrtos/ci-base:latest}\n'), []);
  // A tag that is a build argument defaulting to latest: the build passes the version (rounds 7 and 9: 11 of 11 noise).
  assert.deepEqual(runRule('latest-tag', 'ARG TAG=latest\nFROM zephyrprojectrtos/ci-base:${TAG}\n'), []);
  assert.deepEqual(runRule('latest-tag', 'ARG NAMESPACE=selenium\nARG VERSION=latest\nFROM ${NAMESPACE}/base:${VERSION}\n'), []);
  // A variable elsewhere in the reference, with a literal latest tag, is still read.
  assert.equal(runRule('latest-tag', 'ARG REGISTRY=docker.io\nFROM ${REGISTRY}/library/node:latest\n').length, 1);
  assert.equal(runRule('latest-tag', 'FROM alpine:latest AS builder\n').length, 1);
});

test('latest-tag and untagged-image are hints in a development environment\'s Dockerfile, which follows its tools\' latest on purpose', () => {
  const severities = (uri: string) => service.validate(doc('FROM ubuntu:latest AS tools\nRUN apt-get update && apt-get install -y build-essential\nFROM python\nRUN pip install uv\n', uri), context()).filter((d) => d.code === 'latest-tag' || d.code === 'untagged-image').map((d) => d.severity);
  assert.deepEqual(severities('file:///w/Dockerfile'), [4, 4]);
  assert.deepEqual(severities('file:///w/.devcontainer/Dockerfile'), [4, 4]);
});

test('latest-tag and untagged-image: information on a database server, with what its next major release risks, a hint elsewhere (rounds 25-35)', () => {
  const found = (text: string) => service.validate(doc(text, 'file:///w/db/Dockerfile'), context()).filter((d) => d.code === 'latest-tag' || d.code === 'untagged-image').map((d) => [d.code, d.severity]);
  // A database image: information too (round 29's labels: 1 of 11 worth acting on), with the data risk in the message.
  assert.deepEqual(found('FROM postgres:latest\nCOPY init.sql /docker-entrypoint-initdb.d/\n'), [['latest-tag', 3]]);
  assert.deepEqual(found('FROM mariadb\nCOPY my.cnf /etc/mysql/conf.d/\n'), [['untagged-image', 3]]);
  assert.deepEqual(found('FROM docker.elastic.co/elasticsearch/elasticsearch:latest\n'), [['latest-tag', 3]]);
  assert.deepEqual(found('FROM library/mongo\n'), [['untagged-image', 3]]);
  // An application's base, or a server that keeps no data, is a hint, with or without RUNs (rounds 31-35: 2 of 88 judged worth acting on at information).
  assert.deepEqual(found('FROM node:latest\nWORKDIR /app\nCOPY . .\nRUN npm install\n'), [['latest-tag', 4]]);
  assert.deepEqual(found('FROM nginx\nCOPY dist /usr/share/nginx/html\n'), [['untagged-image', 4]]);
  assert.deepEqual(found('FROM postgres:17\n'), []);
  assert.match(service.validate(doc('FROM postgres\n', 'file:///w/db/Dockerfile'), context()).find((d) => d.code === 'untagged-image')!.message, /data files its volume kept/);
  // An image of the database that runs something else (mongoimport) keeps no data: the plain message (round 31).
  assert.match(service.validate(doc('FROM mongo\nCOPY seed.json /seed.json\nCMD mongoimport --host mongo --file /seed.json\n', 'file:///w/db/Dockerfile'), context()).find((d) => d.code === 'untagged-image')!.message, /^mongo has no tag, so it means mongo:latest, which changes over time/);
  // A stage other stages only copy a tool from runs no server (round 59: mongosh for a node seeder).
  assert.deepEqual(found('FROM mongo:latest AS mongo_fetcher\nFROM node:18-slim\nCOPY --from=mongo_fetcher /usr/bin/mongosh /usr/local/bin/mongosh\nCMD ["node", "seed.js"]\n'), [['latest-tag', 4]]);
  assert.deepEqual(found('FROM mongo AS tools\nFROM node:18-slim\nCOPY --from=tools /usr/bin/mongosh /usr/local/bin/\n'), [['untagged-image', 4]]);
  // Built FROM by the final stage: still the server.
  assert.deepEqual(found('FROM postgres:latest AS db\nFROM db\nCOPY init.sql /docker-entrypoint-initdb.d/\n'), [['latest-tag', 3]]);
});

test('invalid-image-reference: a template\'s placeholder, which a script fills in before any build, is not an image (rounds 7 and 9)', () => {
  for (const image of ['%%BASE_IMAGE%%', '%%BASE_IMAGE%%-slim', '{{ base_image }}', 'registry/@IMAGE@:1', 'REPLACE-ME', '--platform=linux/amd64 REPLACE_ME AS base']) assert.deepEqual(runRule('invalid-image-reference', `FROM ${image}\n`), [], image);
  assert.equal(runRule('invalid-image-reference', 'FROM Node:22\n').length, 1);
  assert.equal(runRule('invalid-image-reference', 'FROM REPLACE-ME-NOW:1\n').length, 1);
  // Round 9: a cookiecutter template's FROM, whose placeholder has spaces in it, is not a misspelt AS.
  assert.deepEqual(runRule('invalid-as', 'FROM docker.io/postgres:{{ cookiecutter.postgresql_version }}\n'), []);
  assert.equal(runRule('invalid-as', 'FROM postgres:16 ASS db\n').length, 1);
});

test('undefined-arg-in-from: not on a substitution BuildKit does not support, which unsupported-modifier reports (round 7)', () => {
  const text = 'FROM mcr.microsoft.com/devcontainers/ruby:1-${templateOption:imageVariant}\n';
  assert.deepEqual(runRule('undefined-arg-in-from', text), []);
  assert.equal(runRule('unsupported-modifier', text).length, 1);
});

test('latest-tag and untagged-image: not for an image under the name of the repository\'s owner, the project\'s own (rounds 7 and 9)', () => {
  const clone = (url: string) => context({ files: files({ 'file:///w/.git/config': `[core]\n\tbare = false\n[remote "origin"]\n\turl = ${url}\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n` }, ['file:///w/.git']) });
  const uri = 'file:///w/build/linux/Dockerfile';
  for (const url of ['https://github.com/portainer/portainer.git', 'git@github.com:portainer/portainer.git', 'ssh://git@github.com/Portainer/portainer']) {
    assert.deepEqual(runRule('untagged-image', 'FROM portainer/base\n', clone(url), uri), [], url);
    assert.deepEqual(runRule('latest-tag', 'FROM ghcr.io/portainer/base:latest\n', clone(url), uri), [], url);
  }
  // APN-Pucky's repository, apnpucky's images.
  assert.deepEqual(runRule('untagged-image', 'FROM apnpucky/debian-rac\n', clone('https://github.com/APN-Pucky/Dockerfiles'), uri), []);
  // Someone else's image, an official one, or no repository: reported.
  assert.equal(runRule('untagged-image', 'FROM bitnami/nginx\n', clone('https://github.com/portainer/portainer.git'), uri).length, 1);
  assert.equal(runRule('latest-tag', 'FROM node:latest\n', clone('https://github.com/node/app.git'), uri).length, 1);
  assert.equal(runRule('untagged-image', 'FROM portainer/base\n', context(), uri).length, 1);
});

test('misspelt-official-image: a one-word image a slip away from an official one (round 11: FROM ndoe:alpine)', async (t) => {
  await checkRuleCases(t, [{ rule: 'misspelt-official-image', bad: 'FROM ndoe:alpine\n', good: 'FROM node:alpine\n', line: 0 }], assert);
  const [d] = runRule('misspelt-official-image', 'FROM pyhton:3.12-slim\n');
  assert.equal(d?.message, 'pyhton is no official image; did you mean python? Unless this project builds an image named pyhton, the pull fails.');
  assert.deepEqual([d!.range.start.character, d!.range.end.character], [5, 11]);
  for (const text of [
    'FROM node:22\n', 'FROM acme/ndoe:1\n', 'FROM ghcr.io/ndoe:1\n', 'FROM app\n', 'FROM myapp-base\n', 'FROM ${BASE}\n',
    // A stage, and an image this machine has.
    'FROM node:22 AS ndoe\nFROM ndoe\n',
  ]) assert.deepEqual(runRule('misspelt-official-image', text), [], text);
  assert.deepEqual(runRule('misspelt-official-image', 'FROM ubunut\n', context({ facts: { images: [{ name: 'ubunut:latest' }] as never } })), []);
  // A build script of the repository builds it (round 34: a Makefile's docker build -t go-base:0.0.1).
  const makefile = (recipe: string) => context({ files: files({ 'file:///w/.git/HEAD': '', 'file:///w/Makefile': recipe, 'file:///w/docker/go-migration/Dockerfile': '' }, ['file:///w', 'file:///w/docker', 'file:///w/docker/go-migration']) });
  assert.deepEqual(runRule('misspelt-official-image', 'FROM go-base:0.0.1\n', makefile('base:\n\tdocker build -t go-base:0.0.1 -f docker/go-base/Dockerfile .\n'), 'file:///w/docker/go-migration/Dockerfile'), []);
  assert.equal(runRule('misspelt-official-image', 'FROM go-base:0.0.1\n', makefile('test:\n\tgo test ./...\n'), 'file:///w/docker/go-migration/Dockerfile').length, 1);
});

test('deleted-image-tag: the openjdk tags Docker Hub deleted in November 2025, with eclipse-temurin as the fix (round 12\'s miss)', async (t) => {
  const rule = 'deleted-image-tag';
  await checkRuleCases(t, [{ rule: 'deleted-image-tag', bad: 'FROM openjdk:17-jdk-slim\n', good: 'FROM eclipse-temurin:17-jdk\n', line: 0 }], assert);
  const [d] = runRule(rule, 'FROM openjdk:11-jre-slim AS run\n');
  assert.equal(d?.message, 'Docker Hub deleted openjdk:11-jre-slim in November 2025 (the openjdk image is deprecated; only exact old versions and early-access builds are left), so the pull fails with "manifest unknown". Use eclipse-temurin:11-jre.');
  const fix = (image: string) => (runRule(rule, `FROM ${image}\n`)[0]?.data as { replacement?: string } | undefined)?.replacement;
  assert.equal(fix('openjdk:8-jdk-alpine'), 'eclipse-temurin:8-jdk-alpine');
  assert.equal(fix('openjdk:16'), 'eclipse-temurin:17-jdk');
  assert.equal(fix('docker.io/library/openjdk:21'), 'eclipse-temurin:21-jdk');
  assert.equal(fix('openjdk'), 'eclipse-temurin:25-jdk');
  // consul and vault lost their latest tag with the official images (round 47); their versions stay.
  assert.equal(fix('consul'), 'hashicorp/consul:latest');
  assert.equal(fix('vault:latest'), 'hashicorp/vault:latest');
  assert.deepEqual(runRule(rule, 'FROM consul:1.15\n'), []);
  // Exact old versions and early-access builds are still there; a tag without a default, other registries and other images are not judged.
  for (const text of ['FROM openjdk:11.0.7-jdk-slim\n', 'FROM openjdk:17.0.1-jdk-slim\n', 'FROM openjdk:8u342-jdk\n', 'FROM openjdk:26-ea-slim\n', 'FROM openjdk:21-rc\n', 'FROM openjdk:${TAG}\n', 'ARG V=17.0.2\nFROM openjdk:${V}\n', 'FROM myregistry.io/openjdk:17\n', 'FROM eclipse-temurin:17\n', 'FROM openjdk@sha256:' + 'a'.repeat(64) + '\n']) {
    assert.deepEqual(runRule(rule, text), [], text);
  }
  // Microsoft's .NET images, deleted from Docker Hub in 2021 (round 13's miss), with MCR's name where it is known.
  assert.equal(fix('microsoft/dotnet:2.1.301-sdk'), 'mcr.microsoft.com/dotnet/sdk:2.1');
  assert.equal(fix('microsoft/dotnet:2.1-aspnetcore-runtime'), 'mcr.microsoft.com/dotnet/aspnet:2.1');
  assert.equal(fix('microsoft/dotnet:2.2-sdk'), 'mcr.microsoft.com/dotnet/core/sdk:2.2');
  const [old] = runRule(rule, 'FROM microsoft/aspnetcore-build:2.0\n');
  assert.equal(old?.message, 'Microsoft deleted microsoft/aspnetcore-build:2.0 from Docker Hub in 2021, so the pull fails with "pull access denied". Its images are on mcr.microsoft.com now: use mcr.microsoft.com/dotnet/sdk, /aspnet or /runtime with a supported .NET.');
  assert.equal(old?.data, undefined);
  assert.deepEqual(runRule(rule, 'FROM mcr.microsoft.com/dotnet/sdk:8.0\n'), []);
  // Not reported twice: the tag rules leave these to it.
  assert.deepEqual(runRule('untagged-image', 'FROM openjdk\n'), []);
  assert.deepEqual(runRule('latest-tag', 'FROM openjdk:latest\n'), []);
});

test('FROM ./other.Dockerfile under another frontend (# syntax=devthefuture/dockerfile-x) includes a file: no image checks (round 14)', () => {
  const text = '# syntax = devthefuture/dockerfile-x\nFROM ./Dockerfile\nRUN echo hi\n';
  for (const rule of ['invalid-image-reference', 'untagged-image', 'latest-tag']) assert.deepEqual(runRule(rule, text), [], rule);
  // With Docker's own frontend, or none, it is an invalid image.
  assert.equal(runRule('invalid-image-reference', text.replace('devthefuture/dockerfile-x', 'docker/dockerfile:1')).length, 1);
  assert.equal(runRule('invalid-image-reference', 'FROM ./Dockerfile\n').length, 1);
});

test('deleted-image-tag: a versioned Bitnami tag moved to bitnamilegacy in September 2025 (round 17)', () => {
  const [d, ...rest] = runRule('deleted-image-tag', 'FROM bitnami/kafka:3.4\nFROM bitnami/minideb:bookworm\nFROM bitnami/node:latest\n');
  assert.deepEqual(rest, []);
  assert.equal(d!.message, 'Bitnami moved bitnami/kafka:3.4 off Docker Hub\'s bitnami/ repositories in September 2025 (only latest is left there, for some images), so the pull fails with "not found". The same image, without updates, is bitnamilegacy/kafka:3.4; move to the official image or another maintained one.');
  assert.deepEqual((d!.data as { replacement: string }).replacement, 'bitnamilegacy/kafka:3.4');
});

test('deleted-image-tag: a tag a global ARG gives, from its default; not a repository one gives (round 73: bitnami/postgresql:${BITNAMI_POSTGRES_VERSION})', () => {
  const [d, ...rest] = runRule('deleted-image-tag', 'ARG V=17.5.0-debian-12-r12\nARG J=17\nARG R=bitnami/redis:7.2\nARG NONE\nARG L=latest\nFROM docker.io/bitnami/postgresql:${V}\nFROM openjdk:${J}-jdk-slim\nFROM ${R}\nFROM bitnami/kafka:${NONE}\nFROM bitnami/kafka:${L}\n');
  assert.match(d!.message, /^Bitnami moved docker\.io\/bitnami\/postgresql:17\.5\.0-debian-12-r12 off/);
  // The quick fix would write the variable out of the FROM: none.
  assert.equal(d!.data, undefined);
  assert.deepEqual(rest.map((r) => [r.range.start.line, r.message.slice(0, 40)]), [[6, 'Docker Hub deleted openjdk:17-jdk-slim i']]);
});

test('misspelt-official-image: FROM base (builder, runtime...) with no tag is a build context the build passes, not a typo (round 27)', () => {
  assert.deepEqual(runRule('misspelt-official-image', 'FROM base\nRUN apk add --no-cache barman\n'), []);
  assert.equal(runRule('misspelt-official-image', 'FROM ngnix:1.27\n').length, 1);
});
