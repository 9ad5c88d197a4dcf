import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, runRule } from '../helpers';

const rule = 'missing-program';
const check = (text: string) => runRule(rule, text);

test('missing-program rules', async (t) => {
  await checkRuleCases(t, [
    { rule: 'missing-program', bad: 'FROM nginx\nCOPY . .\nRUN npm install\n', good: 'FROM node:22 AS build\nCOPY . .\nRUN npm install\nFROM nginx\nCOPY --from=build /dist /usr/share/nginx/html\n', line: 2 },
  ], assert);
});

test('missing-program: a program the official base image does not have, with nothing before that brings it (round 20: npm on nginx)', () => {
  const [npm, ...rest] = check('FROM nginx\nCOPY . .\nRUN npm install\nRUN npm run build\nCOPY ./dist /usr/share/nginx/html\n');
  assert.deepEqual(rest, [], 'one report per program and stage');
  assert.equal(npm!.message, 'nginx has no npm, and nothing before this installs it: the step stops with "npm: not found" (exit 127). Build it in a stage on a node image (FROM node:22 AS build) and copy the output, or install Node.js first.');
  assert.deepEqual([npm!.range.start, npm!.range.end], [{ line: 2, character: 4 }, { line: 2, character: 15 }]);
  assert.match(check('FROM php:8.3-apache\nCOPY . /var/www/html\nRUN composer install --no-dev\n')[0]!.message, /COPY --from=composer:2 \/usr\/bin\/composer/);
  assert.equal(check('FROM alpine:3.20\nCOPY . /src\nRUN cd /src && go build -o /app .\n').length, 1);
  assert.equal(check('FROM golang:1.22-alpine\nRUN git clone https://github.com/x/y /y\n').length, 1);
  assert.equal(check('FROM python:3.12-slim\nRUN curl -fsSL https://example.com/x.sh | sh\n').length, 1);
  assert.equal(check('FROM node:20-slim\nRUN wget -q https://example.com/x\n').length, 1);
  assert.equal(check('FROM ubuntu:24.04\nRUN pip3 install requests\n').length, 1);
  assert.equal(check('FROM eclipse-temurin:21\nCOPY . .\nRUN mvn package\n').length, 1);
  assert.equal(check('FROM node:22\nRUN java -version\n').length, 1);
  // unzip (round 22's miss, on debian:12-slim): not in the bare Debian images, the slim variants or php's Debian one; BusyBox has it on Alpine.
  assert.equal(check('FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl\nRUN curl -LO https://x/pngcheck.zip\n').length, 0, 'curl installed');
  assert.equal(check('FROM debian:12-slim\nCOPY tool.zip /tmp/\nRUN unzip /tmp/tool.zip -d /opt\n').length, 1);
  // A download before it brings any program but unzip, which is what opens it.
  const [unzip] = check('FROM debian:12-slim\nRUN apt install -y git wget make\nRUN cd /tmp && wget http://libpng.org/pub/png/src/pngcheck-3.0.3.zip && unzip pngcheck-3.0.3.zip && make\n');
  assert.equal(unzip!.message, 'debian:12-slim has no unzip, and nothing before this installs it: the step stops with "unzip: not found" (exit 127). Install it in the same RUN first (apt-get install -y unzip).');
  assert.deepEqual(check('FROM debian:12-slim\nRUN apt install -y wget\nRUN wget https://x/node.tar.gz && tar xzf node.tar.gz\nRUN npm ci\n'), [], 'a download may bring node');
  assert.equal(check('FROM php:8.3-apache\nCOPY x.zip .\nRUN unzip x.zip\n').length, 1);
  for (const text of ['FROM alpine:3.20\nCOPY x.zip .\nRUN unzip x.zip\n', 'FROM php:8.3-fpm-alpine\nCOPY x.zip .\nRUN unzip x.zip\n', 'FROM python:3.12\nCOPY x.zip .\nRUN unzip x.zip\n', 'FROM debian:12\nRUN apt-get update && apt-get install -y unzip && unzip x.zip\n']) {
    assert.deepEqual(check(text), [], text);
  }
  // apt-key: gone from Debian 13 (trixie), which python's moving tags and debian:stable are on; a download piped into it does not bring it.
  const [key] = check('FROM python:3.12-slim\nRUN apt-get update && apt-get install -y curl gnupg\nRUN curl -fsSL https://dl.google.com/linux/linux_signing_key.pub | apt-key add -\n');
  assert.match(key!.message, /^python:3\.12-slim has no apt-key, and nothing before this installs it: the step stops with "apt-key: not found" \(exit 127\)\. Debian 13 \(trixie\) removed apt-key/);
  assert.equal(check('FROM debian:trixie-slim\nRUN apt-key adv --recv-keys ABC\n').length, 1);
  for (const text of ['FROM python:3.12-slim-bookworm\nRUN apt-get update && apt-get install -y curl && curl -fsSL https://x/key | apt-key add -\n', 'FROM node:22\nRUN curl -fsSL https://x/key | apt-key add -\n', 'FROM python:3.11.4\nRUN apt-key add /k.gpg\n']) {
    assert.deepEqual(check(text), [], text);
  }
  // A variable in a package's version only still names the package (round 33: poetry==${POETRY_VERSION} before apt-key).
  assert.equal(check('FROM python:3.11\nENV POETRY_VERSION=1.7.1\nRUN pip install poetry==${POETRY_VERSION}\nRUN wget -q -O - https://x/key.pub | apt-key add -\n').length, 1);
  assert.equal(check('FROM python:3.11\nRUN pip install "${TOOL}==1.0"\nRUN wget -q -O - https://x/key.pub | apt-key add -\n').length, 0);
  // pnpm on a node image, which has npm and corepack but not pnpm itself (round 43).
  const [pnpm] = check('FROM node:alpine\nWORKDIR /app\nCOPY package.json pnpm-lock.yaml ./\nRUN pnpm install --frozen-lockfile\n');
  assert.match(pnpm!.message, /^node:alpine has no pnpm, and nothing before this installs it: the step stops with "pnpm: not found" \(exit 127\)\. Node's images have npm, not pnpm/);
  for (const text of [
    'FROM node:22-alpine\nRUN corepack enable\nRUN pnpm install\n',
    'FROM node:22-alpine\nRUN corepack enable pnpm && pnpm install\n',
    'FROM node:22-alpine\nRUN npm install -g pnpm@9\nRUN pnpm install\n',
    'FROM node:22-alpine\nENV PNPM_HOME=/pnpm\nENV PATH=$PNPM_HOME:$PATH\nRUN pnpm install\n',
    'FROM node:22-alpine AS base\nRUN corepack enable\nFROM base\nRUN pnpm install\n',
    'FROM node:22-alpine\nRUN npm i -g @pnpm/exe && pnpm install\n',
  ]) assert.deepEqual(check(text), [], text);
  // In a stage built FROM a stage whose base lacks it.
  assert.equal(check('FROM debian:12 AS base\nRUN echo hi\nFROM base\nRUN git --version\n').length, 1);
  const [sdk] = check('FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY . .\nRUN dotnet publish -c Release -o out\n');
  assert.equal(sdk!.message, 'mcr.microsoft.com/dotnet/aspnet:8.0 has the .NET runtime only, not the SDK, so dotnet publish stops with "No .NET SDKs were found". Build in a stage on mcr.microsoft.com/dotnet/sdk and copy the published output into this one.');
});

test('missing-program: not where the image has it, something brings it first, or the image is not known', () => {
  for (const text of [
    'FROM node:22-alpine\nRUN npm ci\n',
    'FROM alpine:3.20\nRUN apk add --no-cache nodejs npm && npm ci\n',
    'FROM alpine:3.20\nRUN apk add --no-cache git\nRUN git clone https://github.com/x/y\n',
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl ca-certificates && curl -fsSL https://x\n',
    'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y python3-pip && pip3 install --break-system-packages requests\n',
    'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y $PACKAGES\nRUN git clone https://x\n',
    'FROM php:8.3-apache\nCOPY --from=composer:2 /usr/bin/composer /usr/bin/composer\nRUN composer install\n',
    'FROM php:8.3-apache\nRUN php -r "copy(\'https://getcomposer.org/installer\', \'i.php\');" && php i.php --install-dir=/usr/local/bin --filename=composer && composer install\n',
    'FROM php:8.3-apache\nRUN curl -sS https://getcomposer.org/installer | php -- --install-dir=/usr/local/bin --filename=composer\nRUN composer install\n',
    'FROM debian:12\nRUN ./install-node.sh && npm ci\n',
    'FROM debian:12\nADD node-v22-linux-x64.tar.xz /opt/\nRUN npm ci\n',
    'FROM debian:12\nENV PATH=/opt/node/bin:$PATH\nRUN npm ci\n',
    'FROM debian:12\nRUN command -v git || exit 0; git pull\n',
    'FROM alpine:3.20\nRUN wget -q https://x\n',
    'FROM golang:1.22\nRUN git clone https://x && go build ./...\n',
    'FROM python:3.12\nRUN curl -fsSL https://x\n',
    'FROM php:8.3\nRUN curl -fsSL https://x\n',
    'FROM maven:3-eclipse-temurin-21\nRUN mvn package && java -jar target/app.jar --version\n',
    'FROM eclipse-temurin:21\nRUN ./mvnw package\n',
    'FROM acme/builder:1\nRUN npm ci\n',
    'FROM mcr.microsoft.com/dotnet/sdk:8.0\nRUN dotnet publish -o out\n',
    'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nRUN dotnet --info\n',
    'FROM node:22\nRUN python3 -m venv /v\n',
    'FROM debian:12\nRUN /usr/local/bin/npm ci\n',
    // A meta-package that brings git (round 12: alpine-sdk, then git clone).
    'FROM alpine:latest AS base\nFROM base\nRUN apk update && apk add alpine-sdk && git clone https://x && cd x && make\n',
  ]) assert.deepEqual(check(text), [], text);
});

test('missing-program: pip apart from python: the python3 package of Debian, and of Alpine since 3.12, brings no pip (round 83)', () => {
  const lines = (text: string) => check(text).map((d) => d.range.start.line);
  assert.deepEqual(lines('FROM alpine\nRUN apk add --no-cache python3\nRUN pip3 install flask\n'), [2]);
  assert.match(check('FROM alpine:3.20\nRUN apk add python3\nRUN pip3 install flask\n')[0]!.message, /^alpine:3\.20 has no pip3, and nothing before this installs it.*The python3 package brings no pip/);
  assert.deepEqual(lines('FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y python3\nRUN pip install requests\n'), [2]);
  // pip installed too, brought by ensurepip, Alpine before 3.12 (python3 had pip then), a python image, or python itself run.
  for (const text of [
    'FROM alpine\nRUN apk add --no-cache python3 py3-pip\nRUN pip3 install flask\n',
    'FROM debian:bookworm\nRUN apt-get update && apt-get install -y python3 python3-pip\nRUN pip3 install requests\n',
    'FROM alpine\nRUN apk add python3 && python3 -m ensurepip\nRUN pip3 install flask\n',
    'FROM alpine:3.11\nRUN apk add python3\nRUN pip3 install flask\n',
    'FROM python:3.12-alpine\nRUN pip install flask\n',
    'FROM alpine\nRUN apk add python3\nRUN python3 -c "print(1)"\n',
  ]) assert.deepEqual(lines(text), [], text);
});
