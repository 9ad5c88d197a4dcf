import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, context, files, runRule } from '../helpers';

const rule = 'dev-dependency-omitted';
const folder = 'file:///work/app';
const packageJson = JSON.stringify({
  scripts: { build: 'tsc -p tsconfig.build.json', 'build:web': 'cross-env NODE_ENV=production vite build', start: 'node dist/main.js', lint: 'eslint .' },
  dependencies: { express: '^4.19.0', eslint: '^9.0.0' },
  devDependencies: { typescript: '^5.6.0', vite: '^5.4.0', eslint: '^9.0.0' },
});
const withPackage = (extra: Record<string, string> = {}) => context({ files: files({ [`${folder}/package.json`]: packageJson, ...extra }, [folder]) });
const check = (text: string, ctx = withPackage()) => runRule(rule, text, ctx, `${folder}/Dockerfile`);

test('dev dependency rules', async (t) => {
  await checkRuleCases(t, [
    { rule: 'dev-dependency-omitted', bad: 'FROM node:22\nCOPY package.json ./\nRUN npm ci --omit=dev\nRUN npm run build\n', good: 'FROM node:22\nCOPY package.json ./\nRUN npm ci\nRUN npm run build\n', line: 3, ctx: withPackage, uri: `${folder}/Dockerfile` },
  ], assert);
});

test('a build that needs a devDependency after a production-only install stops: "tsc: not found" (round 15)', () => {
  const text = 'FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --only=production\nCOPY . .\nRUN npm run build\nCMD ["node", "dist/main.js"]\n';
  const [finding, ...rest] = check(text);
  assert.deepEqual(rest, []);
  assert.equal(finding!.range.start.line, 5);
  assert.equal(finding!.message, 'npm run build runs tsc, from typescript, a devDependency the install with --only=production left out: it stops with "tsc: not found". Install everything to build (npm ci), then npm prune --omit=dev, or install the production dependencies in the runtime stage.');
  // --omit=dev, ENV NODE_ENV=production before a plain npm ci, yarn --production; in a stage built FROM the one that installed.
  for (const variant of [
    'FROM node:22\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev && npm run build:web\n',
    'FROM node:22\nENV NODE_ENV=production\nCOPY package.json ./\nRUN npm ci\nRUN npm run build\n',
    'FROM node:22\nCOPY package.json yarn.lock ./\nRUN yarn install --production --frozen-lockfile\nRUN yarn build\n',
    'FROM node:22 AS deps\nCOPY package.json ./\nRUN npm install --production\nFROM deps AS build\nCOPY . .\nRUN npm run build\n',
  ]) assert.equal(check(variant).length, 1, variant);
});

test('dev-dependency-omitted: a full install, a tool among the dependencies, a later install, another base or no package.json say nothing', () => {
  for (const text of [
    'FROM node:22\nCOPY package.json ./\nRUN npm ci\nRUN npm run build\n',
    'FROM node:22\nCOPY package.json ./\nRUN npm ci --omit=dev\nRUN npm run lint\n',
    'FROM node:22\nCOPY package.json ./\nRUN npm ci --omit=dev\nRUN npm run start\n',
    'FROM node:22\nCOPY package.json ./\nRUN npm ci --omit=dev\nRUN npm install -g typescript && npm run build\n',
    'FROM node:22\nCOPY package.json ./\nRUN npm ci --omit=dev --include=dev\nRUN npm run build\n',
    'FROM node:22\nCOPY package.json ./\nRUN npm ci --omit=dev\nFROM node:22\nCOPY . .\nRUN npm ci && npm run build\n',
    'FROM mycompany/node-builder:22\nCOPY package.json ./\nRUN npm ci --omit=dev\nRUN npm run build\n',
    'FROM node:22\nRUN npm ci --omit=dev\nRUN npm run build\n',
    // Yarn 2 and later install everything whatever NODE_ENV says.
    'FROM node:22\nENV NODE_ENV production\nRUN corepack enable\nCOPY ./ /workspace\nWORKDIR /workspace\nRUN yarn install --immutable\nRUN yarn build\n',
  ]) assert.deepEqual(check(text), [], text);
  // A package of a monorepo, whose context is only guessed: COPY . there is mostly built from the root.
  const inPackage = context({ files: files({ 'file:///work/package.json': '{}', [`${folder}/package.json`]: packageJson }, [folder]) });
  assert.deepEqual(check('FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nRUN npm run build\n', inPackage), []);
  assert.equal(check('FROM node:22\nCOPY package.json ./\nRUN npm ci --omit=dev\nRUN npm run build\n', inPackage).length, 1);
  // The package.json is read from the folder the COPY names.
  const nested = 'FROM node:22\nCOPY web/package.json ./\nRUN npm ci --omit=dev\nRUN npm run build\n';
  assert.deepEqual(check(nested), []);
  assert.equal(check(nested, context({ files: files({ [`${folder}/web/package.json`]: packageJson }, [folder]) })).length, 1);
});

test('a production-only npm install runs the package\'s own prepare script: husky, a devDependency, is not found (missed in round 16)', () => {
  const husky = (prepare: string) => context({ files: files({ [`${folder}/package.json`]: JSON.stringify({ scripts: { prepare, start: 'node index.js' }, dependencies: { express: '^4' }, devDependencies: { husky: '^9' } }) }, [folder]) });
  const text = 'FROM node:22-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY . .\nCMD ["node", "index.js"]\n';
  const [finding, ...rest] = check(text, husky('husky install'));
  assert.deepEqual(rest, []);
  assert.equal(finding!.range.start.line, 3);
  assert.equal(finding!.message, 'npm ci runs the package\'s prepare script, husky install, and husky is a devDependency the install with --omit=dev leaves out: it stops with "husky: not found" (exit 127). Add --ignore-scripts to this install, or let the script tolerate it ("husky install || true").');
  // NODE_ENV=production before a plain npm install; --only=production.
  assert.equal(check('FROM node:20\nENV NODE_ENV=production\nCOPY package.json ./\nRUN npm install\n', husky('husky')).length, 1);
  assert.equal(check('FROM node:20\nCOPY package.json ./\nRUN npm ci --only=production\n', husky('husky')).length, 1);
  for (const [dockerfile, prepare] of [
    [text, 'husky || true'],
    [text, 'is-ci || husky install'],
    [text, 'node .husky/install.mjs'],
    ['FROM node:22\nCOPY package.json ./\nRUN npm ci --omit=dev --ignore-scripts\n', 'husky'],
    ['FROM node:22\nCOPY package.json ./\nRUN npm pkg delete scripts.prepare && npm ci --omit=dev\n', 'husky'],
    ['FROM node:22\nENV npm_config_ignore_scripts=true\nCOPY package.json ./\nRUN npm ci --omit=dev\n', 'husky'],
    // A full install brings husky; named packages do not run the package's own scripts; yarn is not read here.
    ['FROM node:22\nCOPY package.json ./\nRUN npm ci\n', 'husky'],
    ['FROM node:22\nCOPY package.json ./\nRUN npm install --omit=dev pm2\n', 'husky'],
    ['FROM node:22\nCOPY package.json ./\nRUN yarn install --production\n', 'husky'],
    // No package.json copied before the install.
    ['FROM node:22\nRUN npm ci --omit=dev\n', 'husky'],
  ] as const) assert.deepEqual(check(dockerfile, husky(prepare)), [], `${dockerfile} / ${prepare}`);
});

test('dev-dependency-omitted: pnpm install leaves devDependencies out with --prod or where NODE_ENV is production (round 28)', () => {
  for (const variant of [
    'FROM node:22-slim\nENV NODE_ENV=production\nCOPY pnpm-lock.yaml package.json ./\nRUN corepack enable && pnpm install\nCOPY . .\nRUN pnpm build\n',
    'FROM node:22\nCOPY package.json ./\nRUN pnpm install --prod\nRUN pnpm run build\n',
  ]) {
    const found = check(variant);
    assert.equal(found.length, 1, variant);
    assert.match(found[0]!.message, /^pnpm (run )?build runs tsc, from typescript/);
  }
  for (const quiet of [
    'FROM node:22\nENV NODE_ENV=production\nCOPY package.json ./\nRUN pnpm install --prod=false\nRUN pnpm build\n',
    'FROM node:22\nCOPY package.json ./\nRUN pnpm install\nRUN pnpm build\n',
    'FROM node:22\nENV NODE_ENV=production\nCOPY package.json ./\nRUN pnpm install --filter api\nRUN pnpm build\n',
    'FROM node:22\nCOPY package.json ./\nRUN pnpm install --prod\nRUN pnpm add -D typescript && pnpm build\n',
  ]) assert.deepEqual(check(quiet), [], quiet);
});
