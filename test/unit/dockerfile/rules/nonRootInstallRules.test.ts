import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, runRule } from '../helpers';

const check = (text: string) => runRule('package-install-as-user', text);

test('package-install-as-user rules', async (t) => {
  await checkRuleCases(t, [
    { rule: 'package-install-as-user', bad: 'FROM alpine:3.20\nRUN adduser -D app\nUSER app\nRUN apk add --no-cache curl\n', good: 'FROM alpine:3.20\nRUN adduser -D app\nRUN apk add --no-cache curl\nUSER app\n', line: 3 },
  ], assert);
});

test('package-install-as-user: the user set in the stage the final one is built FROM (round 43: .NET\'s template, USER $APP_UID in base)', () => {
  const text = [
    'FROM mcr.microsoft.com/dotnet/aspnet:9.0 AS base',
    'USER $APP_UID',
    'WORKDIR /app',
    'EXPOSE 8080',
    'FROM mcr.microsoft.com/dotnet/sdk:9.0 AS build',
    'COPY . .',
    'RUN dotnet publish -c Release -o /app/publish',
    'FROM base AS final',
    'WORKDIR /app',
    'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
    'COPY --from=build /app/publish .',
    '',
  ].join('\n');
  const [found, ...rest] = check(text);
  assert.deepEqual(rest, []);
  assert.equal(found!.range.start.line, 9);
  assert.equal(found!.message, 'This RUN runs as $APP_UID, the USER of stage base, which this stage is built FROM, not as root, so apt-get update cannot write the package database and stops ("Permission denied"). Put USER root before this RUN and USER $APP_UID after it, or install in that stage before its USER line.');
  // USER root before it, or the install in base before the USER line: nothing.
  assert.deepEqual(check(text.replace('WORKDIR /app\nRUN apt-get', 'WORKDIR /app\nUSER root\nRUN apt-get')), []);
  // A variable the Dockerfile sets.
  assert.equal(check('FROM debian:12\nARG APP_USER=app\nUSER ${APP_USER}\nRUN apt-get install -y curl\n').length, 1);
  assert.equal(check('FROM debian:12\nARG UID=1000\nUSER ${UID}:${UID}\nRUN apt-get update\n').length, 1);
});

test('package-install-as-user: not as root, with sudo, for a user the Dockerfile does not name, or for what needs no root', () => {
  for (const text of [
    'FROM debian:12\nUSER root\nRUN apt-get update\n',
    'FROM debian:12\nUSER 0:0\nRUN apt-get update\n',
    'FROM debian:12\nARG U=root\nUSER $U\nRUN apt-get update\n',
    'FROM debian:12\nUSER app\nUSER root\nRUN apt-get update\n',
    'FROM debian:12\nUSER app\nRUN sudo apt-get update\n',
    'FROM jenkins/jenkins:lts\nRUN apt-get update\n',
    'FROM debian:12\nUSER $SOME_USER\nRUN apt-get update\n',
    'FROM acme/base:1\nUSER $APP_UID\nRUN apt-get update\n',
    'FROM debian:12\nUSER app\nRUN apt-get download curl && apt-cache policy curl\n',
    'FROM alpine:3.20\nUSER app\nRUN apk info\n',
    'FROM alpine:3.20\nUSER app\nRUN apk add --root /home/app/sysroot curl\n',
    'FROM debian:12\nUSER app\nRUN pip install --user requests\n',
  ]) assert.deepEqual(check(text), [], text);
});
