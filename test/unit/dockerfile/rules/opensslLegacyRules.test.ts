import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, context, files, runRule } from '../helpers';
import { nodeMajor } from '../../../../server/src/core/dockerfile/validation/rules/opensslLegacyRules';

const folder = 'file:///work/app';
const cra = (version: string, scripts = '"start": "react-scripts start", "build": "react-scripts build"', more: Record<string, string> = {}) =>
  () => context({ files: files({ [`${folder}/package.json`]: `{"dependencies": {"react": "17.0.2", "react-scripts": "${version}"}, "scripts": {${scripts}}}`, ...more }, [folder]) });
const check = (text: string, ctx = cra('4.0.3')) => runRule('openssl-legacy-build', text, ctx(), `${folder}/Dockerfile`);

test('openssl-legacy-build', async (t) => {
  await checkRuleCases(t, [
    { rule: 'openssl-legacy-build', bad: 'FROM node:20\nCOPY . .\nRUN npm ci && npm run build\n', good: 'FROM node:16\nCOPY . .\nRUN npm ci && npm run build\n', line: 2, ctx: cra('^4.0.0'), uri: `${folder}/Dockerfile` },
  ], assert);
});

test('openssl-legacy-build: react-scripts 2 to 4 built or started on Node 17 and later (round 29: Node 25 under React apps of 2020)', () => {
  // The build of a multi-stage image, and the dev server of npm start, on the moving tags.
  assert.deepEqual(check('FROM node:lts-alpine AS build\nWORKDIR /app\nCOPY . .\nRUN yarn install && yarn build\nFROM nginx:1.27\nCOPY --from=build /app/build /usr/share/nginx/html\n').map((d) => d.range.start.line), [3]);
  assert.deepEqual(check('FROM node\nWORKDIR /app\nCOPY . .\nRUN npm install\nCMD ["npm", "start"]\n', cra('3.4.1')).map((d) => d.range.start.line), [4]);
  // Node 16 and older, react-scripts 5, a script that is not react-scripts', or the legacy provider given.
  for (const [text, ctx] of [
    ['FROM node:16-alpine\nCOPY . .\nRUN npm run build\n', cra('4.0.3')],
    ['FROM node:20\nCOPY . .\nRUN npm run build\n', cra('5.0.1')],
    // react-scripts 1 built with webpack 3, which hashes with md5 (round 33's two wrong errors).
    ['FROM node:20\nCOPY . .\nRUN npm run build\n', cra('1.1.4')],
    ['FROM node:20\nCOPY . .\nRUN npm run build\n', cra('^0.9.5')],
    ['FROM node:20\nCOPY . .\nRUN npm run build\n', cra('4.0.3', '"build": "vite build"')],
    ['FROM node:20\nENV NODE_OPTIONS=--openssl-legacy-provider\nCOPY . .\nRUN npm run build\n', cra('4.0.3')],
    ['FROM node:20\nCOPY . .\nRUN npm run build\n', cra('4.0.3', '"build": "react-scripts --openssl-legacy-provider build"')],
    ['FROM node:20\nCOPY . .\nRUN npm run test\n', cra('4.0.3')],
  ] as const) assert.deepEqual(check(text, ctx), [], text);
});

test('openssl-legacy-build: the Node major of the official tags', () => {
  assert.equal(nodeMajor('node:16.20-alpine'), 16);
  assert.equal(nodeMajor('node:20'), 20);
  for (const image of ['node', 'node:latest', 'node:lts', 'node:alpine', 'node:lts-alpine', 'node:iron-slim', 'node:current-bookworm']) assert.ok((nodeMajor(image) ?? 0) >= 17, image);
  for (const image of ['node:gallium', 'node:fermium-alpine', 'acme/node:20', 'python:3.12']) assert.equal(nodeMajor(image), undefined, image);
});
