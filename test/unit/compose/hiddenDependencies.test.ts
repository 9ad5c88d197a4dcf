import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate, ROOT } from './helpers';
import { codeActionsCompose } from '../../../server/src/core/compose/features/codeActions';
import { doc, serviceContext } from './helpers';

const code = 'compose-dependencies-hidden';
const DOCKERFILE = 'FROM node:20-alpine\nWORKDIR /home/node/app\nCOPY package*.json ./\nRUN npm install\nCOPY . .\nCMD ["npm", "start"]\n';
const PACKAGE = '{"dependencies": {"react": "18.2.0", "react-scripts": "5.0.1"}}';
const compose = (volumes: string, extra = '') => `services:\n  client:\n    build: ./client\n${extra}    volumes:\n${volumes}`;
const files = (more: Record<string, string> = {}) => ({ [`${ROOT}/client/Dockerfile`]: DOCKERFILE, [`${ROOT}/client/package.json`]: PACKAGE, ...more });

test('compose-dependencies-hidden: the project folder mounted over where the image installed node_modules, none on the host (round 28)', () => {
  const text = compose('      - ./client:/home/node/app\n');
  const [found, ...rest] = findings(validate(text, { files: files() }), code);
  assert.deepEqual(rest, []);
  assert.equal(covered(text, found!), './client');
  assert.equal(found!.severity, 2);
  assert.equal(found!.message, 'This mounts ./client over /home/node/app, which hides the node_modules the image installed there, and ./client has no node_modules of its own (a fresh clone has none): npm starts without the dependencies ("Cannot find module", "sh: vite: not found"). Add the volume /home/node/app/node_modules below this line to keep the image\'s, or run the install in ./client first.');
  // The fix adds the anonymous volume as the next item, at the same indentation.
  const context = serviceContext({ files: files() });
  const actions = codeActionsCompose(doc(text), found!.range, [found!], context);
  const add = actions.find((a) => a.title === 'Add - /home/node/app/node_modules');
  assert.ok(add, actions.map((a) => a.title).join(', '));
  const [edit] = add.edit!.changes![`${ROOT}/compose.yaml`]!;
  assert.equal(edit!.newText, '\n      - /home/node/app/node_modules');
  assert.deepEqual(edit!.range.start, { line: 4, character: 31 });
  // The project folder itself mounted (.:/app, round 43), in the short and the long syntax.
  const root = { [`${ROOT}/Dockerfile`]: DOCKERFILE.replace('/home/node/app', '/app'), [`${ROOT}/package.json`]: PACKAGE };
  for (const volume of ['      - .:/app\n', '      - type: bind\n        source: .\n        target: /app\n']) {
    assert.equal(findings(validate(`services:\n  app:\n    build: .\n    volumes:\n${volume}`, { files: root }), code).length, 1, volume);
  }
});

test('compose-dependencies-hidden: not where the image keeps its node_modules, the host has them, nothing needs them, or something else runs', () => {
  const silent = (text: string, more: Record<string, string> = {}) => assert.deepEqual(findings(validate(text, { files: files(more) }), code), [], text);
  // The usual fix: an anonymous or named volume at node_modules, here or in another file of the project.
  silent(compose('      - ./client:/home/node/app\n      - /home/node/app/node_modules\n'));
  silent(compose('      - ./client:/home/node/app\n      - deps:/home/node/app/node_modules/\n'));
  silent(compose('      - ./client:/home/node/app\n'), { [`${ROOT}/compose.override.yaml`]: 'services:\n  client:\n    volumes:\n      - /home/node/app/node_modules\n' });
  // node_modules installed on the host, or a package without dependencies.
  silent(compose('      - ./client:/home/node/app\n'), { [`${ROOT}/client/node_modules/react/package.json`]: '{}' });
  silent(compose('      - ./client:/home/node/app\n'), { [`${ROOT}/client/package.json`]: '{"name": "x"}' });
  // A mount elsewhere than the folder installed in, or a command that is no Node program.
  silent(compose('      - ./client/src:/home/node/app/src\n'));
  silent(compose('      - ./client:/home/node/app\n', '    command: ["sh", "-c", "sleep infinity"]\n'));
  // Installed globally only, or in another folder than the one it runs in.
  silent(compose('      - ./client:/home/node/app\n'), { [`${ROOT}/client/Dockerfile`]: 'FROM node:20\nWORKDIR /home/node/app\nRUN npm install -g nodemon\nCMD ["nodemon", "index.js"]\n' });
  silent(compose('      - ./client:/srv\n'), { [`${ROOT}/client/Dockerfile`]: 'FROM node:20\nWORKDIR /app\nRUN npm ci\nWORKDIR /srv\nCMD ["npm", "start"]\n' });
  // Dependencies kept elsewhere: yarn's --modules-folder in .yarnrc, or NODE_PATH (round 35).
  silent(compose('      - ./client:/home/node/app\n'), { [`${ROOT}/client/.yarnrc`]: '--modules-folder /node_modules\n' });
  silent(compose('      - ./client:/home/node/app\n'), { [`${ROOT}/client/Dockerfile`]: DOCKERFILE.replace('RUN npm install', 'ENV NODE_PATH=/deps/node_modules\nRUN npm install') });
  // The command installs into the mounted folder before it starts (round 38), in the compose file or the image's CMD.
  silent(compose('      - ./client:/home/node/app\n', '    command: sh -c "npm install && npm run dev -- --host"\n'));
  silent(compose('      - ./client:/home/node/app\n', '    command: ["sh", "-c", "yarn; yarn dev"]\n'));
  silent(compose('      - ./client:/home/node/app\n'), { [`${ROOT}/client/Dockerfile`]: DOCKERFILE.replace('CMD ["npm", "start"]', 'CMD npm ci && npm start') });
});

test('compose-dependencies-hidden: information where the notes say to install on the host first; a compose command is what runs', () => {
  const text = compose('      - ./client:/home/node/app\n', '    command: yarn dev\n');
  const noted = findings(validate(text, { files: files({ [`${ROOT}/README.md`]: '# App\n\nRun `npm install` in client/, then `docker compose up`.\n' }) }), code);
  assert.deepEqual(noted.map((d) => d.severity), [3]);
  assert.match(noted[0]!.message, /: yarn starts without the dependencies/);
});

test('compose-dependencies-hidden: the node_modules volume over an image or build target that installs nothing starts empty (round 52: target: base)', () => {
  const dockerfile = 'FROM node:22-alpine AS base\nWORKDIR /app\nCOPY package*.json ./\nFROM base AS development\nRUN npm ci\nCOPY . .\nCMD ["npm", "run", "dev"]\n';
  const root = { [`${ROOT}/Dockerfile`]: dockerfile, [`${ROOT}/package.json`]: PACKAGE };
  const text = (target: string, command = '    command: npm run dev\n') => `services:\n  api:\n    build:\n      context: .\n      target: ${target}\n${command}    volumes:\n      - .:/app\n      - /app/node_modules\n`;
  const [found, ...rest] = findings(validate(text('base'), { files: root }), code);
  assert.deepEqual(rest, []);
  assert.equal(covered(text('base'), found!), '/app/node_modules');
  assert.match(found!.message, /^The volume \/app\/node_modules starts with what the image has there, and the build target base installs no dependencies: npm starts without them/);
  // The target that installs, an install in the command, no volume there (the host's may be there), no dependencies.
  assert.deepEqual(findings(validate(text('development'), { files: root }), code), []);
  assert.deepEqual(findings(validate(text('base', '    command: sh -c "npm ci && npm run dev"\n'), { files: root }), code), []);
  assert.deepEqual(findings(validate(text('base').replace('      - /app/node_modules\n', ''), { files: root }), code), []);
  assert.deepEqual(findings(validate(text('base'), { files: { ...root, [`${ROOT}/package.json`]: '{"name": "x"}' } }), code), []);
  // node_modules copied from another stage (round 38's dev target, round 45's runner).
  const copied = { ...root, [`${ROOT}/Dockerfile`]: 'FROM node:22-alpine AS deps\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nFROM node:22-alpine AS base\nWORKDIR /app\nCOPY --from=deps /app/node_modules ./node_modules\nCOPY . .\n' };
  assert.deepEqual(findings(validate(text('base'), { files: copied }), code), []);
  // An install inside if/then/else (round 44: npm install, or --only=production, by NODE_ENV).
  const chosen = { ...root, [`${ROOT}/Dockerfile`]: 'FROM node:16-alpine AS base\nWORKDIR /app\nCOPY package.json .\nRUN if [ "$NODE_ENV" = "development" ]; \\\n  then npm install; \\\n  else npm install --only=production; \\\n  fi\nCOPY . .\n' };
  assert.deepEqual(findings(validate(text('base'), { files: chosen }), code), []);
});
