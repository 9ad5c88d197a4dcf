import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, context, runRule } from '../helpers';

test('FROM rules', async (t) => {
  await checkRuleCases(t, [
    { rule: 'untagged-image', bad: 'FROM node\n', good: 'FROM node:22\nFROM scratch\nFROM node@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n', line: 0 },
    { rule: 'latest-tag', bad: 'FROM node:latest\n', good: 'FROM node:22\n', line: 0 },
    { rule: 'invalid-image-reference', bad: 'FROM Node:22\n', good: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nFROM localhost:5000/app:1\n', line: 0 },
    { rule: 'platform-constant', bad: 'FROM --platform=linux/amd64 node:22\n', good: 'FROM --platform=$BUILDPLATFORM node:22\nFROM --platform=linux/arm64 node:22 AS build-arm64\n', line: 0 },
    { rule: 'redundant-target-platform', bad: 'FROM --platform=$TARGETPLATFORM node:22\n', good: 'FROM --platform=$BUILDPLATFORM node:22\n', line: 0 },
    { rule: 'undefined-arg-in-from', bad: 'ARG VERSION=1\nFROM node:$VERSOIN\n', good: 'ARG VERSION=1\nFROM node:$VERSION\nFROM --platform=$BUILDPLATFORM node:${TAG:-22}\n', line: 1 },
    { rule: 'invalid-default-arg-in-from', bad: 'ARG TAG\nFROM node:$TAG\n', good: 'ARG TAG=22\nFROM node:$TAG\nARG IMG\nFROM ${IMG:-alpine}\n', line: 1 },
  ], assert);
});

test('untagged-image offers the tags of local images', () => {
  const ctx = context({ facts: { images: [{ name: 'node:20', id: 'x', size: 1, created: 1 }] } });
  assert.deepEqual(runRule('untagged-image', 'FROM node\n', ctx)[0]!.data, { localTags: ['20'] });
});

test('undefined-arg-in-from suggests the global ARG', () => {
  assert.match(runRule('undefined-arg-in-from', 'ARG VERSION=1\nFROM node:$VERSOIN\n')[0]!.message, /Did you mean VERSION/);
});
