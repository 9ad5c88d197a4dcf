import { test } from 'node:test';
import assert from 'node:assert/strict';
import { imagePageUrl, parseImageRef } from '../../../server/src/core/dockerfile/syntax/imageRef';

test('references split into registry, path, tag and digest', () => {
  assert.deepEqual(parseImageRef('node:22'), { registry: undefined, path: 'node', tag: '22', digest: undefined, tagStart: 5, problem: undefined });
  const r = parseImageRef('localhost:5000/team/app:1.0@sha256:' + 'a'.repeat(64));
  assert.equal(r.registry, 'localhost:5000');
  assert.equal(r.path, 'team/app');
  assert.equal(r.tag, '1.0');
  assert.equal(r.problem, undefined);
});

test('invalid references name the problem', () => {
  assert.equal(parseImageRef('Node:22').problem, 'uppercase');
  assert.equal(parseImageRef('my..app:1').problem, 'path');
  assert.equal(parseImageRef('node:-x').problem, 'tag');
  assert.equal(parseImageRef('node@sha256:xyz').problem, 'digest');
  assert.equal(parseImageRef(':1').problem, 'empty');
});

test('registry pages', () => {
  assert.equal(imagePageUrl(parseImageRef('nginx')), 'https://hub.docker.com/_/nginx');
  assert.equal(imagePageUrl(parseImageRef('bitnami/redis:7')), 'https://hub.docker.com/r/bitnami/redis');
  assert.equal(imagePageUrl(parseImageRef('mcr.microsoft.com/dotnet/aspnet:8.0')), 'https://mcr.microsoft.com/artifact/mar/dotnet/aspnet');
  assert.equal(imagePageUrl(parseImageRef('quay.io/prometheus/node-exporter')), 'https://quay.io/repository/prometheus/node-exporter');
  assert.equal(imagePageUrl(parseImageRef('registry.internal:5000/app')), undefined);
});
