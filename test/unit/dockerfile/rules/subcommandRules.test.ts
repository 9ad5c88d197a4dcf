import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, runRule } from '../helpers';

test('unknown-subcommand', async (t) => {
  await checkRuleCases(t, [
    { rule: 'unknown-subcommand', bad: 'FROM golang:1.23\nWORKDIR /app\nCOPY . .\nRUN go bulid -o main .\n', good: 'FROM golang:1.23\nWORKDIR /app\nCOPY . .\nRUN go build -o main .\n', line: 3 },
  ], assert);
});

test('unknown-subcommand: a slip of go, pip, apt-get, apt and apk, past their options, with the command as the fix (round 33)', () => {
  const found = (text: string) => runRule('unknown-subcommand', text).map((d) => [d.range.start.line, (d.data as { replacement?: string }).replacement]);
  assert.deepEqual(found('FROM python:3.12\nRUN pip intall flask\nRUN python3 -m pip --no-cache-dir isntall requests\nRUN pip3.12 instal x\n'), [[1, 'install'], [2, 'install'], [3, 'install']]);
  assert.deepEqual(found('FROM debian:12\nRUN apt-get -o Acquire::Retries=3 updte && apt-get -y isntall curl\nRUN apt upgarde -y\n'), [[1, 'update'], [1, 'install'], [2, 'upgrade']]);
  assert.deepEqual(found('FROM alpine:3.20\nRUN apk --no-cache ad curl\nRUN apk -X https://x/repo dell y\n'), [[1, 'add'], [2, 'del']]);
  assert.deepEqual(found('FROM golang:1.23\nRUN go -C cmd biuld ./...\nRUN go tset ./...\n'), [[1, 'build'], [2, 'test']]);
  const [d] = runRule('unknown-subcommand', 'FROM golang:1.23\nRUN go bulid -o main .\n');
  assert.equal(d!.message, 'go has no command bulid: it stops with "unknown command" and the build with it. Did you mean go build?');
});

test('unknown-subcommand: known commands, words far from all of them, variables and other tools are left alone', () => {
  for (const text of [
    'FROM golang:1.23\nRUN go mod download && go build ./... && go vet ./... && go tool pprof x && go work sync && go telemetry off\n',
    'FROM python:3.12\nRUN pip install -r requirements.txt && pip freeze && pip lock && pip cache purge && pip wheel . && pip inspect\n',
    'FROM debian:12\nRUN apt-get update && apt-get -y --no-install-recommends install curl && apt-get autoremove && apt-get distclean && apt-get satisfy "x (>= 1)"\n',
    'FROM debian:12\nRUN apt list --installed && apt search x && apt modernize-sources\n',
    'FROM alpine:3.20\nRUN apk update && apk add --virtual .deps gcc && apk del .deps && apk info -v && apk version\n',
    // Far from every command (a newer one, a plugin), a variable, another tool's scripts.
    'FROM golang:1.23\nRUN go mkdocs ./... && go $CMD ./... && go "${SUB}" x\n',
    'FROM node:22\nRUN npm isntall && npm run bulid && yarn biuld\n',
    'FROM python:3.12\nRUN pip --version && pip -V\n',
  ]) assert.deepEqual(runRule('unknown-subcommand', text), [], text);
});

test('unknown-subcommand: npm build on Node 15 and later, where npm runs a script only with run (round 50)', () => {
  const [found] = runRule('unknown-subcommand', 'FROM node:20\nCOPY . .\nRUN npm install && npm build\n');
  assert.match(found!.message, /npm has no command build \(since npm 7\)/);
  assert.equal((found!.data as { replacement: string }).replacement, 'run build');
  assert.equal(runRule('unknown-subcommand', 'FROM node:lts-alpine AS web\nRUN npm dev\n').length, 1);
  // npm's own commands, npm 6 (Node 14), an image of unknown Node, and the script run with run.
  for (const text of ['FROM node:20\nRUN npm start\n', 'FROM node:20\nRUN npm test\n', 'FROM node:14\nRUN npm build\n', 'FROM acme/node\nRUN npm build\n', 'FROM node:20\nRUN npm run build\n']) {
    assert.deepEqual(runRule('unknown-subcommand', text), [], text);
  }
});

test('unknown-subcommand: uv and its pip interface (round 62: uv pip async)', () => {
  const [found, ...rest] = runRule('unknown-subcommand', 'FROM python:3.12-slim\nRUN pip install uv && uv pip async --system --no-cache\n');
  assert.deepEqual(rest, []);
  assert.equal(found!.message, 'uv pip has no command async: it stops with "unknown command" and the build with it. Did you mean uv pip sync?');
  assert.deepEqual(runRule('unknown-subcommand', 'FROM python:3.12-slim\nRUN uv snyc --frozen\n')[0]?.data, { replacement: 'sync' });
  for (const ok of ['uv pip install --system -r requirements.txt', 'uv sync --frozen --no-dev', 'uv --directory app run main.py', 'uv pip compile pyproject.toml -o requirements.txt', 'uv tool install ruff']) {
    assert.deepEqual(runRule('unknown-subcommand', `FROM python:3.12-slim\nRUN ${ok}\n`), [], ok);
  }
});
