import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, runRule } from '../helpers';

const check = (text: string) => runRule('project-not-copied', text);

test('project-not-copied rules', async (t) => {
  await checkRuleCases(t, [
    { rule: 'project-not-copied', bad: 'FROM node:22-alpine\nWORKDIR /app\nRUN npm ci\n', good: 'FROM node:22-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\n', line: 2 },
  ], assert);
});

test('project-not-copied: an install or build before anything of the project is in the image (round 45: a Go builder whose COPY was commented out)', () => {
  const text = 'FROM golang:alpine as builder\nRUN apk add --no-cache git gcc libc-dev\nENV CGO_ENABLED=0\n#COPY $PWD/ /src/app/\nWORKDIR /src/app/\nRUN go mod tidy\nRUN go build -o /go/bin/runner\nFROM scratch\nCOPY --from=builder /go/bin/runner /app/runner\n';
  const [found, ...rest] = check(text);
  assert.deepEqual(rest, [], 'one finding per stage');
  assert.equal(found!.range.start.line, 5);
  assert.equal(found!.message, 'Nothing of the project is in the image yet (no COPY, ADD or bind mount since FROM golang:alpine), so go mod tidy finds no go.mod here and the step stops. Copy the project (or go.mod first) into the working directory before this RUN.');
  for (const [bad, manifest] of [
    ['FROM python:3.12-slim\nWORKDIR /app\nRUN pip install --no-cache-dir -r requirements.txt\n', 'requirements.txt'],
    ['FROM php:8.3-cli\nRUN apt-get update && apt-get install -y unzip\nRUN composer install --no-dev\n', 'composer.json'],
    ['FROM ruby:3.3\nRUN gem install bundler\nRUN bundle install\n', 'Gemfile'],
    ['FROM rust:1.80\nWORKDIR /usr/src/app\nRUN cargo build --release\n', 'Cargo.toml'],
    ['FROM node:22\nRUN npm install -g pnpm\nRUN npm install\n', 'package.json'],
    ['FROM node:22 AS base\nWORKDIR /app\nFROM base AS build\nRUN npm run build\n', 'package.json'],
  ]) assert.match(check(bad!)[0]?.message ?? '', new RegExp(`finds no ${manifest!.replace('.', '\\.')} here`), bad);
});

test('project-not-copied: not where anything may have brought the project, nor for commands that need none', () => {
  for (const text of [
    'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\n',
    'FROM node:22\nADD https://example.com/app.tgz /app/\nRUN npm ci\n',
    'FROM node:22\nRUN git clone https://github.com/x/y /app\nWORKDIR /app\nRUN npm ci\n',
    'FROM node:22\nRUN curl -fsSL https://x/app.tgz | tar xz\nRUN npm ci\n',
    'FROM node:22\nWORKDIR /app\nRUN --mount=type=bind,source=package.json,target=package.json npm ci\n',
    'FROM node:22\nWORKDIR /app\nRUN --mount=source=.,target=/app npm ci\n',
    'FROM golang:1.23\nRUN go mod init example.com/app && go mod tidy\n',
    'FROM golang:1.23\nRUN go install github.com/air-verse/air@latest\n',
    'FROM node:22\nRUN npm install express\n',
    'FROM node:22\nRUN npm install -g npm@latest\n',
    'FROM python:3.12\nRUN pip install requests flask\n',
    'FROM ghost:5\nRUN npm install ghost-storage-adapter-s3\n',
    'FROM acme/node-app:1\nRUN npm ci\n',
    'FROM node:8-onbuild\nRUN npm test\n',
    'FROM node:22\nRUN echo "{}" > package.json && npm install\n',
    'FROM node:22\nRUN ./setup.sh\nRUN npm ci\n',
    'FROM node:22\nONBUILD COPY . /app\nRUN npm ci\n',
    'FROM mcr.microsoft.com/dotnet/sdk:9.0\nRUN dotnet new webapi -o /src && dotnet build /src\n',
    'FROM node:22 AS deps\nCOPY package.json .\nFROM deps\nRUN npm ci\n',
  ]) assert.deepEqual(check(text), [], text);
});
