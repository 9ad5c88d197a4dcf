import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, runRule } from '../helpers';

const rule = 'user-already-exists';

test('base user rules', async (t) => {
  await checkRuleCases(t, [
    { rule: 'user-already-exists', bad: 'FROM nginx:1.27-alpine\nRUN addgroup -S nginx && adduser -S -G nginx nginx\n', good: 'FROM nginx:1.27-alpine\nRUN addgroup -S web && adduser -S -G web web\n', line: 1 },
  ], assert);
});

test('user-already-exists: names and ids an official image has taken', () => {
  const messages = (text: string) => runRule(rule, text).map((d) => d.message);
  assert.deepEqual(messages('FROM node:22\nRUN groupadd -g 1000 app && useradd -u 1000 -g app app\n'), [
    'In the node image gid 1000 already belongs to the group node, so groupadd fails and stops the build. Pick another gid, or use the group node.',
    'In the node image uid 1000 already belongs to node, so useradd fails ("not unique") and stops the build. Pick another uid, or use node.',
  ]);
  assert.equal(runRule(rule, 'FROM ubuntu:24.04\nRUN useradd --uid=1000 -m dev\n').length, 1);
  assert.equal(runRule(rule, 'FROM node:22-alpine AS base\nFROM base\nRUN adduser -D node\n').length, 1);
});

test('user-already-exists: not where the account is free, accepted as taken, removed first, or the failure is handled', () => {
  for (const text of [
    'FROM ubuntu:22.04\nRUN useradd -u 1000 dev\n',
    'FROM debian:12\nRUN useradd -u 1000 dev\n',
    'FROM node:22\nRUN useradd -u 1001 app\n',
    'FROM node:22\nRUN groupadd -f node && useradd -o -u 1000 app\n',
    'FROM ubuntu:24.04\nRUN userdel -r ubuntu && useradd -u 1000 dev\n',
    'FROM ubuntu:24.04\nRUN userdel -r ubuntu\nRUN useradd -u 1000 dev\n',
    'FROM node:22\nRUN groupmod -g 1001 node && usermod -u 1001 node && useradd -u 1000 app\n',
    'FROM node:22\nRUN useradd -u 1000 app || true\n',
    'FROM node:22\nRUN adduser node docker\n',
    'FROM node:22\nRUN if ! id node; then useradd node; fi\n',
  ]) assert.deepEqual(runRule(rule, text), [], text);
});
