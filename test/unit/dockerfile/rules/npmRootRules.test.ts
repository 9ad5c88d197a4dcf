import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, runRule } from '../helpers';
import { nodeWithRootTrouble } from '../../../../server/src/core/dockerfile/validation/rules/npmRootRules';

const rule = 'npm-install-in-root';

test('npm root rules', async (t) => {
  await checkRuleCases(t, [
    { rule: 'npm-install-in-root', bad: 'FROM node:16\nCOPY package*.json ./\nRUN npm install --silent\n', good: 'FROM node:16\nWORKDIR /app\nCOPY package*.json ./\nRUN npm install --silent\n', line: 2 },
  ], assert);
});

test('npm-install-in-root: an install in / on Node 15 to 17 (round 18)', () => {
  const [finding, ...rest] = runRule(rule, 'FROM node:17-alpine AS build\nWORKDIR /\nCOPY ./ ./\nRUN npm install --omit=dev && npm run build\n');
  assert.deepEqual(rest, []);
  assert.equal(finding!.message, 'This npm install runs in / (node:17-alpine sets no WORKDIR), where the npm of Node 15 to 17 stops with \'Tracker "idealTree" already exists\'. Put a WORKDIR such as /app before it.');
  assert.equal(runRule(rule, 'FROM node:gallium\nCOPY . .\nRUN npm ci\n').length, 1);
  // A stage built FROM one without a WORKDIR starts in / too.
  assert.equal(runRule(rule, 'FROM node:16 AS base\nFROM base\nRUN npm i express\n').length, 1);
});

test('npm-install-in-root: not with a WORKDIR, a global or prefixed install, after a cd, or on Node 14 and older', () => {
  for (const text of [
    'FROM node:22\nWORKDIR /usr/src/app\nRUN npm ci\n',
    'FROM node:22 AS base\nWORKDIR /app\nFROM base\nRUN npm ci\n',
    'FROM node:22\nRUN npm install -g pm2\n',
    'FROM node:22\nRUN npm install --prefix /app\n',
    'FROM node:22\nRUN cd /app && npm install\n',
    'FROM node:14\nRUN npm install\n',
    'FROM node:22\nRUN npm install\n',
    'FROM node:lts-alpine\nRUN npm ci\n',
    'FROM node:carbon\nRUN npm install\n',
    'FROM debian:12\nRUN npm install\n',
  ]) assert.deepEqual(runRule(rule, text), [], text);
  for (const image of ['node:15', 'node:16-alpine', 'node:gallium', 'node:17.9.1-bullseye-slim']) assert.ok(nodeWithRootTrouble(image), image);
  for (const image of ['node', 'node:18', 'node:hydrogen', 'node:20', 'node:lts', 'node:14-alpine', 'node:8', 'node:fermium', 'acme/node:16']) assert.ok(!nodeWithRootTrouble(image), image);
});
