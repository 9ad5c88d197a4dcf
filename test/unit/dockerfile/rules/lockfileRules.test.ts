import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, context, files, runRule } from '../helpers';

const check = (text: string) => runRule('lockfile-not-copied', text);

test('lockfile-not-copied', async (t) => {
  await checkRuleCases(t, [
    { rule: 'lockfile-not-copied', bad: 'FROM node:22-alpine\nWORKDIR /app\nCOPY package.json ./\nRUN npm ci\nCOPY . .\n', good: 'FROM node:22-alpine\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\n', line: 3 },
  ], assert);
});

test('lockfile-not-copied: installs that follow the lock file, after copies that name only other files', () => {
  const [npm] = check('FROM node:20\nWORKDIR /app\nCOPY package.json tsconfig.json ./\nRUN npm ci --omit=dev\n');
  assert.match(npm!.message, /^npm ci needs package-lock\.json, and the copies before it bring only package\.json, tsconfig\.json/);
  assert.equal(check('FROM node:20 AS base\nWORKDIR /app\nCOPY package.json ./\nFROM base AS deps\nRUN corepack enable && pnpm install --frozen-lockfile\n').length, 1);
  assert.equal(check('FROM node:20\nCOPY package.json .yarnrc.yml ./\nRUN yarn install --immutable\n').length, 1);
  assert.equal(check('FROM rust:1.80\nWORKDIR /src\nCOPY Cargo.toml ./\nCOPY src/main.rs src/main.rs\nRUN cargo build --release --locked\n').length, 1);
  assert.equal(check('FROM python:3.12-slim\nRUN pip install uv\nCOPY pyproject.toml ./\nRUN uv sync --locked\n').length, 1);
  // A lock of another tool is not the one npm ci reads.
  assert.equal(check('FROM node:20\nCOPY package.json yarn.lock ./\nRUN npm ci\n').length, 1);
});

test('lockfile-not-copied: not where the lock may be there, the install does not need it, or nothing was copied', () => {
  for (const text of [
    'FROM node:20\nCOPY package*.json ./\nRUN npm ci\n',
    'FROM node:20\nCOPY package.json npm-shrinkwrap.json ./\nRUN npm ci\n',
    'FROM node:20\nCOPY . .\nRUN npm ci\n',
    'FROM node:20\nCOPY app ./app\nRUN npm ci\n',
    'FROM node:20\nCOPY package.json ./\nRUN npm install\n',
    'FROM node:20\nCOPY package.json ./\nRUN npm install --package-lock-only && npm ci\n',
    'FROM node:20\nCOPY package.json ./\nRUN npm install\nRUN npm ci\n',
    'FROM node:20\nCOPY --from=deps /app/package.json ./\nRUN npm ci\n',
    'FROM node:20\nCOPY $APP/package.json ./\nRUN npm ci\n',
    'FROM node:20\nCOPY package.json ./\nRUN --mount=type=bind,source=package-lock.json,target=package-lock.json npm ci\n',
    'FROM node:20\nCOPY package.json ./\nRUN pnpm install\n',
    'FROM node:20\nCOPY package.json ./\nRUN pnpm install --frozen-lockfile || pnpm install\n',
    'FROM node:20\nCOPY package.json ./\nRUN if [ -f package-lock.json ]; then npm ci; else npm install; fi\n',
    'FROM node:20\nRUN npm ci\n',
    'FROM acme/node-base:20\nCOPY package.json ./\nRUN npm ci\n',
    'FROM rust:1.80\nCOPY Cargo.toml ./\nRUN cargo install ripgrep --locked\n',
  ]) assert.deepEqual(check(text), [], text);
});

test('lockfile-not-copied: a pattern is read against the build context, where its folder is there (round 50: the lock at the workspace root)', () => {
  const folder = 'file:///work/repo';
  const repo = (web: Record<string, string>) => context({ files: files({ [`${folder}/package.json`]: '{}', [`${folder}/package-lock.json`]: '{}', ...web }, [folder, `${folder}/apps`, `${folder}/apps/web`]) });
  const text = 'FROM node:18-alpine\nWORKDIR /app\nCOPY apps/web/package*.json ./\nRUN npm ci --only=production\n';
  const uri = `${folder}/apps/web/Dockerfile`;
  const [found] = runRule('lockfile-not-copied', text, repo({ [`${folder}/apps/web/package.json`]: '{}' }), uri);
  assert.match(found!.message, /bring only package\.json:/);
  assert.deepEqual(runRule('lockfile-not-copied', text, repo({ [`${folder}/apps/web/package.json`]: '{}', [`${folder}/apps/web/package-lock.json`]: '{}' }), uri), []);
  // A pattern that matches nothing in a folder the context has (package-lock.json* with no lock committed) brings nothing.
  assert.equal(runRule('lockfile-not-copied', 'FROM node:24-alpine\nWORKDIR /app\nCOPY apps/web/package.json apps/web/package-lock.json* ./\nRUN npm ci\n', repo({ [`${folder}/apps/web/package.json`]: '{}' }), uri).length, 1);
  // A folder the context does not have: not known.
  assert.deepEqual(runRule('lockfile-not-copied', text.replace('apps/web', 'apps/api'), repo({ [`${folder}/apps/web/package.json`]: '{}' }), uri), []);
});

test('lockfile-not-copied: COPY . . from a build context that has the manifest and no lock file anywhere up to the root', () => {
  const folder = 'file:///work/app';
  const project = (more: Record<string, string> = {}) => context({ files: files({ [`${folder}/package.json`]: '{}', [`${folder}/src/index.js`]: '', ...more }, [folder, `${folder}/src`]) });
  const text = 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nCMD ["node", "src/index.js"]\n';
  const uri = `${folder}/Dockerfile`;
  const [found] = runRule('lockfile-not-copied', text, project(), uri);
  assert.match(found!.message, /^npm ci needs package-lock\.json, and the build context has none for COPY \. to bring/);
  // The lock there, a lock further up (a workspace), another folder after the copy, a cd first, no manifest (not the project's folder).
  assert.deepEqual(runRule('lockfile-not-copied', text, project({ [`${folder}/package-lock.json`]: '{}' }), uri), []);
  assert.deepEqual(runRule('lockfile-not-copied', text, context({ files: files({ [`${folder}/package.json`]: '{}', 'file:///work/package-lock.json': '{}' }, [folder, 'file:///work']) }), uri), []);
  assert.deepEqual(runRule('lockfile-not-copied', text.replace('RUN npm ci', 'WORKDIR /app/web\nRUN npm ci'), project(), uri), []);
  assert.deepEqual(runRule('lockfile-not-copied', text.replace('RUN npm ci', 'RUN cd web && npm ci'), project(), uri), []);
  assert.deepEqual(runRule('lockfile-not-copied', text, context({ files: files({ [`${folder}/README.md`]: '' }, [folder]) }), uri), []);
  // A script of the manifest that names the lock (a postbuild copying it into the folder CI builds from).
  assert.deepEqual(runRule('lockfile-not-copied', text, context({ files: files({ [`${folder}/package.json`]: '{"scripts":{"postbuild":"cp package.json package-lock.json Dockerfile dist/"}}' }, [folder]) }), uri), []);
});

test('lockfile-not-copied: a compose file builds the Dockerfile, by its own name, from a context the repository lacks: the context is not known (round 82)', () => {
  const folder = 'file:///work/repo';
  const uri = `${folder}/deploy/docker/Dockerfile.dashboard`;
  const text = 'FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\n';
  const compose = 'services:\n  dashboard:\n    build:\n      context: ../products/dashboard\n      dockerfile: ../deploy/docker/Dockerfile.dashboard\n';
  const repo = (more: Record<string, string>) => context({ files: files({ [`${folder}/package.json`]: '{}', [`${folder}/deploy/docker/Dockerfile.dashboard`]: text, ...more }, [folder, `${folder}/deploy`, `${folder}/deploy/docker`]) });
  // Without the compose file the root (package.json, no lock) stands for the context.
  assert.equal(runRule('lockfile-not-copied', text, repo({}), uri).length, 1);
  assert.deepEqual(runRule('lockfile-not-copied', text, repo({ [`${folder}/deploy/docker/docker-compose.prod.yml`]: compose }), uri), []);
  // A compose service that builds another file of that name from a context that is there says nothing of this one.
  const other = 'services:\n  dashboard:\n    build:\n      context: ../..\n      dockerfile: other/Dockerfile.dashboard\n';
  assert.equal(runRule('lockfile-not-copied', text, repo({ [`${folder}/deploy/docker/docker-compose.prod.yml`]: other }), uri).length, 1);
  // Nor one that names a file of that name in another folder that is not there (frontend/ beside frontend2/): round 62's stale compose file.
  const stale = 'services:\n  dashboard:\n    build:\n      context: web\n      dockerfile: Dockerfile.dashboard\n';
  assert.equal(runRule('lockfile-not-copied', text, repo({ [`${folder}/deploy/docker/docker-compose.prod.yml`]: stale.replace('context: web', 'context: ../web') }), uri).length, 1);
});
