import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, runRule } from '../helpers';
import { alpineRelease } from '../../../../server/src/core/dockerfile/validation/rules/apkPackageRules';

test('apk-package-unavailable', async (t) => {
  await checkRuleCases(t, [
    { rule: 'apk-package-unavailable', bad: 'FROM alpine:3.18\nRUN apk add python\n', good: 'FROM alpine:3.11\nRUN apk add python\n', line: 1 },
  ], assert);
});

test('apk-package-unavailable: python on Alpine 3.12 and later, python2 on 3.16 and later, with python3 as the fix (rounds 25 and 29)', () => {
  const found = (text: string) => runRule('apk-package-unavailable', text).map((d) => [d.range.start.line, (d.data as { replacement?: string } | undefined)?.replacement]);
  assert.deepEqual(found('FROM node:alpine\nRUN apk add --no-cache --virtual .gyp python make g++\n'), [[1, 'python3']]);
  assert.deepEqual(found('FROM elixir:1.14-alpine3.17\nRUN apk add python2 erlang-dev\n'), [[1, 'python3']]);
  assert.deepEqual(found('FROM alpine:latest AS base\nFROM base\nRUN apk update && apk add python py-pip\n'), [[2, 'python3']]);
  // Before the rename, a release not known, another repository added, or the names that remain.
  for (const text of [
    'FROM alpine:3.11\nRUN apk add python\n',
    'FROM alpine:3.15\nRUN apk add python2\n',
    'FROM node:10-alpine\nRUN apk add python\n',
    'FROM acme/alpine-base:1\nRUN apk add python\n',
    'FROM alpine:3.18\nRUN echo "http://dl-cdn.alpinelinux.org/alpine/v3.11/main" >> /etc/apk/repositories && apk add python\n',
    'FROM alpine:3.18\nRUN apk add python3 py3-pip\n',
    'FROM node:20-alpine\nRUN apk add --no-cache $PYTHON\n',
  ]) assert.deepEqual(found(text), [], text);
});

test('apk-package-unavailable: the Alpine release of the images', () => {
  assert.equal(alpineRelease('alpine:3.19.1'), 319);
  assert.equal(alpineRelease('python:3.12-alpine3.20'), 320);
  assert.equal(alpineRelease('alpine'), Infinity);
  assert.equal(alpineRelease('node:18-alpine'), 312);
  assert.equal(alpineRelease('node:lts-alpine'), Infinity);
  assert.equal(alpineRelease('node:10-alpine'), undefined);
  assert.equal(alpineRelease('python:3.12-alpine'), undefined);
});
