import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, runRule } from '../helpers';

test('layer and cache rules', async (t) => {
  await checkRuleCases(t, [
    {
      rule: 'copy-all-before-install',
      bad: 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\n',
      good: 'FROM node:22\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n',
      line: 2,
    },
    { rule: 'apt-get-update-alone', bad: 'FROM a\nRUN apt-get update\nRUN apt-get install -y curl\n', good: 'FROM a\nRUN apt-get update && apt-get install -y curl\n', line: 1 },
    {
      rule: 'cleanup-in-later-layer',
      bad: 'FROM a\nRUN apt-get update && apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*\n',
      good: 'FROM a\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nRUN rm -rf /var/lib/apt/lists/*\n',
      line: 2,
    },
  ], assert);
});

test('cleanup-in-later-layer: apt-get clean after an install on a Debian or Ubuntu image, which keeps no packages (docker-clean), is not reported (round 12)', () => {
  const text = (image: string) => `FROM ${image}\nRUN apt-get update && apt-get install -y curl\nRUN apt-get clean && rm -rf /var/lib/apt/lists/*\n`;
  assert.deepEqual(runRule('cleanup-in-later-layer', text('ruby:3.0')).map((d) => d.range.start.character), [21]);
  // The package lists are still reported: the install's RUN left them.
  assert.match(runRule('cleanup-in-later-layer', text('ubuntu:24.04'))[0]!.message, /line 2/);
  // apk add --no-cache leaves no cache for a later rm to miss (round 48); without it, the index stays.
  const apk = (flags: string) => `FROM ruby:3.2-alpine\nRUN apk --update add ${flags} build-base git\nRUN rm -rf /var/cache/apk/* /tmp/*\n`;
  assert.deepEqual(runRule('cleanup-in-later-layer', apk('--no-cache')), []);
  assert.equal(runRule('cleanup-in-later-layer', apk('')).length, 1);
});

test('copy-all-before-install knows several ecosystems and names the manifest', () => {
  const [pip] = runRule('copy-all-before-install', 'FROM python:3\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n');
  assert.deepEqual((pip!.data as { manifests: string[] }).manifests, ['requirements.txt']);
  const [go] = runRule('copy-all-before-install', 'FROM golang:1\nWORKDIR /src\nCOPY . .\nRUN go mod download && go build\n');
  assert.deepEqual((go!.data as { manifests: string[] }).manifests, ['go.mod', 'go.sum']);
  // An install per lock file, as the Next.js template chooses (round 45: "yarn install" and yarn.lock for an npm project).
  const [choice] = runRule('copy-all-before-install', 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nRUN if [ -f yarn.lock ]; then yarn --frozen-lockfile; \\\n  elif [ -f package-lock.json ]; then npm ci; \\\n  elif [ -f pnpm-lock.yaml ]; then pnpm i --frozen-lockfile; fi\n');
  assert.equal(choice!.message, 'COPY . before yarn install / npm ci / pnpm install (line 4): every source change re-runs the install. Copy package.json yarn.lock* package-lock.json* pnpm-lock.yaml* first, install, then copy the rest.');
  // ADD . /tmp/ then pip install -r /tmp/requirements.txt: the manifest's path in the context, and the instruction's name (round 44).
  const [added] = runRule('copy-all-before-install', 'FROM python:3\nADD . /tmp/\nRUN pip install -r /tmp/requirements.txt\n');
  assert.equal(added!.message, 'ADD . before pip install -r (line 3): every source change re-runs the install. Copy requirements.txt first, install, then copy the rest.');
  assert.deepEqual((added!.data as { manifests: string[] }).manifests, ['requirements.txt']);
  assert.equal(runRule('copy-all-before-install', 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm install express\n').length, 0);
  // uv and python -m pip (round 7's miss).
  const manifests = (text: string) => runRule('copy-all-before-install', `FROM python:3.12\nWORKDIR /app\nCOPY . .\n${text}\n`).map((d) => (d.data as { manifests: string[] }).manifests);
  assert.deepEqual(manifests('RUN uv pip install -r requirements.txt --system'), [['requirements.txt']]);
  assert.deepEqual(manifests('RUN uv sync --frozen'), [['pyproject.toml', 'uv.lock']]);
  assert.deepEqual(manifests('RUN python -m pip install --no-cache-dir -r req/base.txt'), [['req/base.txt']]);
  assert.deepEqual(manifests('RUN uv pip install flask && python -m pip install flask'), []);
});

test('cleanup-in-later-layer also tracks downloaded and copied files', () => {
  assert.equal(runRule('cleanup-in-later-layer', 'FROM a\nRUN curl -o /tmp/x.tgz https://x\nRUN rm /tmp/x.tgz\n').length, 1);
  assert.equal(runRule('cleanup-in-later-layer', 'FROM a\nCOPY app.tgz /tmp/\nRUN rm /tmp/app.tgz\n').length, 1);
  assert.equal(runRule('cleanup-in-later-layer', 'FROM a\nRUN curl -o /tmp/x.tgz https://x && rm /tmp/x.tgz\n').length, 0);
});

test('copy-all-before-install: not after pnpm fetch on the lock file alone, whose install --offline only links (round 10: talawa-api)', () => {
  const fetched = 'FROM node:22\nWORKDIR /app\nCOPY pnpm-lock.yaml ./\nRUN pnpm fetch\nCOPY . .\nRUN pnpm install --offline --frozen-lockfile\n';
  assert.deepEqual(runRule('copy-all-before-install', fetched), []);
  assert.equal(runRule('copy-all-before-install', 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN pnpm install --frozen-lockfile\n').length, 1);
});

test('copy-all-before-install: not in a stage built FROM one that installed with the same tool, where the install after COPY . only links (round 49)', () => {
  const builder = 'FROM node:22 AS base\nWORKDIR /app\nCOPY package.json pnpm-lock.yaml ./\nFROM base AS builder\nRUN pnpm install --frozen-lockfile\n';
  assert.deepEqual(runRule('copy-all-before-install', `${builder}FROM builder AS development\nCOPY . .\nRUN pnpm install --frozen-lockfile\n`), []);
  // Another tool above, or the same tool only in an unrelated stage: still reported.
  assert.equal(runRule('copy-all-before-install', `${builder}FROM base AS development\nCOPY . .\nRUN pnpm install --frozen-lockfile\n`).length, 1);
  assert.equal(runRule('copy-all-before-install', 'FROM node:22 AS builder\nRUN npm ci\nFROM builder\nCOPY . .\nRUN pip install -r requirements.txt\n').length, 1);
});

test('apt-get-update-alone: with nothing after it in its stage that can install, the lists are only shipped: information, with a fix that removes the line (round 20)', async () => {
  const { validateDockerfile } = await import('../../../../server/src/core/dockerfile/dockerfileLanguageService');
  const text = 'FROM node:lts\nRUN apt-get update\nWORKDIR /home/node\nUSER node\nRUN echo "set -o allexport" >> /home/node/.bashrc\n';
  const [found, ...rest] = validateDockerfile(text).filter((d) => d.code === 'apt-get-update-alone');
  assert.deepEqual(rest, []);
  assert.equal(found!.severity, 3);
  assert.equal(found!.message, 'Nothing after this apt-get update in its stage installs a package: it only adds the package lists (tens of MB) to the image. Remove it, or run it in the RUN that installs.');
  assert.deepEqual((found!.data as { deleteLine?: boolean }).deleteLine, true);
  // Anything later that may install keeps the warning: apt, dpkg, a script, a shell, a variable.
  for (const next of ['RUN apt-get install -y curl', 'RUN ./install.sh', 'RUN ["/setup"]', 'RUN bash -c "x"', 'RUN $INSTALL', 'RUN dpkg -i /x.deb', 'RUN make deps']) {
    assert.equal(validateDockerfile(`FROM debian:12\nRUN apt-get update\n${next}\n`).find((d) => d.code === 'apt-get-update-alone')?.severity, 2, next);
  }
  // An install in a stage built FROM this one uses its lists (round 47): the warning, not "nothing installs".
  const inherited = 'FROM debian:12 AS base\nRUN apt-get update -y\nFROM base AS runtime\nRUN apt-get install -y git\n';
  assert.equal(validateDockerfile(inherited).find((d) => d.code === 'apt-get-update-alone')?.severity, 2);
});

test('apt-get-update-alone: where each later install runs its own update first, the lone one is only a layer more: a hint that removes it (round 23)', async () => {
  const { validateDockerfile } = await import('../../../../server/src/core/dockerfile/dockerfileLanguageService');
  const severity = (text: string) => validateDockerfile(text).filter((d) => d.code === 'apt-get-update-alone').map((d) => d.severity);
  assert.deepEqual(severity('FROM php:8.3-fpm\nRUN apt-get update\nRUN apt-get update && apt-get install -y git\nRUN echo done\nRUN apt update && apt install -y zip\n'), [4]);
  // playwright install --with-deps installs with apt, after an update of its own (round 24): not "nothing installs".
  const [playwright] = validateDockerfile('FROM node:22\nRUN apt-get update\nRUN npx playwright install --with-deps chromium\n').filter((d) => d.code === 'apt-get-update-alone');
  assert.equal(playwright!.message, 'Each later install in this stage runs its own apt-get update first, so this one only adds a layer. Remove it.');
  // One later install without its own update, a script first, or a stage built FROM it: the warning stays.
  assert.deepEqual(severity('FROM php:8.3-fpm\nRUN apt-get update\nRUN apt-get update && apt-get install -y git\nRUN apt-get install -y zip\n'), [2]);
  assert.deepEqual(severity('FROM php:8.3-fpm\nRUN apt-get update\nRUN ./setup.sh && apt-get update && apt-get install -y git\n'), [2]);
  assert.deepEqual(severity('FROM php:8.3-fpm AS base\nRUN apt-get update\nRUN apt-get update && apt-get install -y git\nFROM base\nRUN apt-get install -y zip\n'), [2]);
});

test('apt-get-update-alone: where later RUNs may install but none with apt, the hint says so, not that they update first (round 27)', async () => {
  const { validateDockerfile } = await import('../../../../server/src/core/dockerfile/dockerfileLanguageService');
  const text = 'FROM python:3.11.6-slim\nRUN apt-get update\nENV VIRTUAL_ENV=/opt/venv\nRUN python -m venv $VIRTUAL_ENV\n';
  const found = validateDockerfile(text).filter((d) => d.code === 'apt-get-update-alone');
  assert.deepEqual(found.map((d) => [d.severity, d.message]), [[4, 'No later RUN in this stage installs with apt, so this update only adds a layer of package lists. Remove it.']]);
});

test('cleanup-in-later-layer: what an earlier RUN made under a cache mount never entered its layer (round 40)', () => {
  const text = (mount: string) => `FROM python:3.12-slim\nRUN ${mount}apt-get update && apt-get install -y gcc\nRUN pip install x && rm -rf /var/lib/apt/lists/*\n`;
  assert.deepEqual(runRule('cleanup-in-later-layer', text('--mount=type=cache,target=/var/lib/apt/lists,sharing=locked --mount=type=cache,target=/var/cache/apt ')), []);
  assert.deepEqual(runRule('cleanup-in-later-layer', text('--mount=type=cache,target=/var/lib ')), []);
  // A mount elsewhere keeps the lists in the layer.
  assert.equal(runRule('cleanup-in-later-layer', text('--mount=type=cache,target=/root/.cache/pip ')).length, 1);
  assert.equal(runRule('cleanup-in-later-layer', text('--mount=type=cache,target=/var/lib/ap ')).length, 1);
});
