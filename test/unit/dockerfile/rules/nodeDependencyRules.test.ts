import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, context, files } from '../helpers';
import { validateDockerfile } from '../../../../server/src/core/dockerfile/dockerfileLanguageService';
import { DiagnosticSeverity } from '../../../../server/src/core/types';

const PACKAGE = '{"dependencies": {"express": "*", "redis": "*"}, "scripts": {"start": "node index.js"}}';
const uri = 'file:///w/server/Dockerfile';

function found(dockerfile: string, extra: Record<string, string> = {}, folders: string[] = []) {
  const map = { [uri]: dockerfile, 'file:///w/server/package.json': PACKAGE, 'file:///w/server/index.js': '', ...extra };
  return validateDockerfile(dockerfile, context({ files: files(map, folders) }), uri).filter((d) => d.code === 'dependencies-not-installed');
}

test('dependencies-not-installed', async (t) => {
  const ctx = () => context({ files: files({ [uri]: '', 'file:///w/server/package.json': PACKAGE, 'file:///w/server/index.js': '' }) });
  await checkRuleCases(t, [
    { rule: 'dependencies-not-installed', bad: 'FROM node:22\nCOPY . .\nCMD ["npm", "start"]\n', good: 'FROM node:22\nCOPY . .\nRUN npm ci --omit=dev\nCMD ["npm", "start"]\n', line: 2, ctx, uri },
  ], assert);
});

test('dependencies-not-installed: the project copied and started with no install, and no node_modules in the context (round 25)', () => {
  for (const text of [
    'FROM node:alpine\nWORKDIR /app\nCOPY ./ ./\nCMD ["npm","start"]\n',
    'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nEXPOSE 3000\nCMD node index.js\n',
  ]) {
    const [d, ...rest] = found(text);
    assert.deepEqual(rest, [], text);
    assert.equal(d?.severity, DiagnosticSeverity.Warning, text);
    assert.match(d!.message, /express, redis\) and the build context has no node_modules: it stops with "Cannot find module 'express'"/);
  }
  // node_modules in the context but left out by the .dockerignore.
  assert.equal(found('FROM node:22\nCOPY . .\nCMD ["node", "index.js"]\n', { 'file:///w/server/.dockerignore': 'node_modules\n' }, ['file:///w/server/node_modules']).length, 1);
});

test('dependencies-not-installed: left alone wherever something may install them, or the start is not node', () => {
  for (const text of [
    'FROM node:22\nCOPY . .\nRUN npm ci\nCMD ["node", "index.js"]\n',
    'FROM node:22\nCOPY . .\nRUN yarn\nCMD ["yarn", "start"]\n',
    'FROM node:22\nCOPY . .\nRUN ./setup.sh\nCMD ["node", "index.js"]\n',
    'FROM node:22 AS build\nRUN echo\nFROM node:22\nCOPY --from=build /app/node_modules ./node_modules\nCOPY . .\nCMD ["node", "index.js"]\n',
    'FROM node:22\nCOPY . .\nENTRYPOINT ["./docker-entrypoint.sh"]\nCMD ["node", "index.js"]\n',
    'FROM node:22\nCOPY . .\nCMD npm install && npm start\n',
    'FROM node:22\nCOPY . .\nCMD ["python", "app.py"]\n',
    'FROM myorg/node-base:1\nCOPY . .\nCMD ["node", "index.js"]\n',
    'FROM node:22\nCOPY index.js .\nCMD ["node", "index.js"]\n',
    'FROM node:22\nONBUILD RUN npm ci\nCOPY . .\nCMD ["node", "index.js"]\n',
    // A bundle built before the image may hold its dependencies.
    'FROM node:22\nCOPY . .\nCMD ["node", "dist/server.js"]\n',
  ]) assert.deepEqual(found(text), [], text);
  // node_modules committed (or installed) in the context and copied with it.
  assert.deepEqual(found('FROM node:22\nCOPY . .\nCMD ["node", "index.js"]\n', {}, ['file:///w/server/node_modules']), []);
  // No runtime dependencies at all.
  assert.deepEqual(found('FROM node:22\nCOPY . .\nCMD ["node", "index.js"]\n', { 'file:///w/server/package.json': '{"devDependencies": {"jest": "*"}}' }), []);
});

test('dependencies-not-installed: a hint where compose mounts the project over the image (the mount may bring node_modules)', () => {
  const compose = { 'file:///w/compose.yaml': 'services:\n  server:\n    build: ./server\n    volumes:\n      - ./server:/app\n' };
  const [d] = found('FROM node:22\nWORKDIR /app\nCOPY . .\nCMD ["npm", "start"]\n', compose);
  assert.equal(d?.severity, DiagnosticSeverity.Hint);
});

test('dependencies-not-installed: not where every service that builds it mounts a volume at node_modules, which a compose installer fills (round 30)', () => {
  const compose = (volumes: string) => ({ 'file:///w/compose.yaml': `services:\n  installer:\n    build: ./server\n    command: yarn install --immutable\n    volumes:\n      - node_modules:/app/node_modules\n  server:\n    build: ./server\n    volumes:\n${volumes}volumes:\n  node_modules:\n` });
  const dockerfile = 'FROM node:22\nWORKDIR /app\nCOPY . .\nCMD ["yarn", "dev"]\n';
  assert.deepEqual(found(dockerfile, compose('      - ./server:/app\n      - node_modules:/app/node_modules\n')), []);
  // One service without it still starts with nothing installed.
  assert.equal(found(dockerfile, compose('      - ./server:/app\n')).length, 1);
});

test('dependencies-not-installed: a tool installed globally does not install the project (round 56: pm2 only)', () => {
  for (const install of ['npm install pm2 -g', 'npm i --global pm2@5 nodemon', 'yarn global add pm2', 'pnpm add -g pm2']) {
    assert.equal(found(`FROM node:18-alpine\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN ${install}\nCOPY . .\nCMD ["pm2-runtime", "index.js"]\n`).length, 1, install);
  }
  // Without a package name, npm install -g installs the project in the folder, with its dependencies.
  for (const install of ['npm install -g', 'npm install -g . ', 'npm install -g pm2 && npm ci', 'npm install -g ./']) {
    assert.deepEqual(found(`FROM node:18-alpine\nWORKDIR /app\nCOPY . .\nRUN ${install}\nCMD ["node", "index.js"]\n`), [], install);
  }
});
