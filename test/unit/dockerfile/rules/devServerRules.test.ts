import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, context, files, runRule } from '../helpers';
import { validateDockerfile } from '../../../../server/src/core/dockerfile/dockerfileLanguageService';
import { devServer } from '../../../../server/src/core/dockerfile/validation/rules/devServerRules';

test('dev-server-cmd', async (t) => {
  await checkRuleCases(t, [
    { rule: 'dev-server-cmd', bad: 'FROM python:3.12-slim\nCOPY . .\nCMD ["uvicorn", "main:app", "--host", "0.0.0.0", "--reload"]\n', good: 'FROM python:3.12-slim\nCOPY . .\nCMD ["uvicorn", "main:app", "--host", "0.0.0.0"]\n', line: 2 },
    { rule: 'dev-server-cmd', bad: 'FROM node:22\nCOPY . .\nRUN npm ci\nCMD npm run dev\n', good: 'FROM node:22\nCOPY . .\nRUN npm ci && npm run build\nCMD npm start\n', line: 3 },
  ], assert);
});

test('dev-server-cmd: the development servers the documentation of their frameworks warns about', () => {
  for (const [words, what] of [
    [['flask', 'run', '--host=0.0.0.0'], 'flask run'],
    [['python', '-m', 'flask', 'run'], 'flask run'],
    [['python3', 'manage.py', 'runserver', '0.0.0.0:8000'], 'manage.py runserver'],
    [['python', '/app/manage.py', 'runserver'], 'manage.py runserver'],
    [['poetry', 'run', 'uvicorn', 'app:app', '--reload'], 'uvicorn --reload'],
    [['gunicorn', '--reload', '-b', ':80', 'app:app'], 'gunicorn --reload'],
    [['npx', 'nodemon', 'src/index.js'], 'nodemon'],
    [['node', '--watch', 'server.js'], 'node --watch'],
    [['node', '-r', 'dotenv/config', '--watch-path=./src', 'server.js'], 'node --watch'],
    [['yarn', 'dev'], 'yarn dev'],
    [['pnpm', 'run', 'dev', '--host'], 'pnpm run dev'],
    [['npx', 'next', 'dev'], 'next dev'],
    [['ng', 'serve', '--host', '0.0.0.0'], 'ng serve'],
    [['npx', 'vite', '--host'], 'vite'],
    [['php', 'artisan', 'serve', '--host=0.0.0.0'], 'php artisan serve'],
    [['php', '-S', '0.0.0.0:8000', '-t', 'public'], 'php -S'],
    [['dotnet', 'watch', 'run'], 'dotnet watch'],
    [['tini', '--', 'nodemon', 'app.js'], 'nodemon'],
  ] as [string[], string][]) assert.equal(devServer(words)?.what, what, words.join(' '));
  for (const words of [
    ['uvicorn', 'main:app', '--host', '0.0.0.0'],
    ['gunicorn', '-w', '4', 'app:app'],
    ['python', 'app.py'],
    ['node', 'dist/server.js'],
    // After the script, --watch is the script's own argument (round 83: a runner's "stay up" switch).
    ['node', 'src/runner.js', '--watch'],
    ['npm', 'start'],
    ['npm', 'run', 'start'],
    ['yarn', 'build'],
    ['next', 'start'],
    ['vite', 'build'],
    ['php-fpm'],
    ['php', 'artisan', 'queue:work'],
    ['dotnet', 'App.dll'],
    ['python', '-m', 'http.server'],
  ]) assert.equal(devServer(words), undefined, words.join(' '));
});

test('dev-server-cmd: only the final image, and not in files or stages named for development', () => {
  const uvicorn = 'CMD ["uvicorn", "main:app", "--reload"]\n';
  // Shell form, behind cd and exec.
  assert.equal(runRule('dev-server-cmd', 'FROM python:3.12\nCOPY . /app\nCMD cd /app && exec flask run --host=0.0.0.0\n').length, 1);
  // ["sh", "-c", "..."]
  assert.equal(runRule('dev-server-cmd', 'FROM python:3.12\nCOPY . /app\nCMD ["sh", "-c", "python manage.py migrate && python manage.py runserver 0.0.0.0:8000"]\n').length, 1);
  // ENTRYPOINT and CMD run as one line.
  assert.equal(runRule('dev-server-cmd', 'FROM python:3.12\nCOPY . /app\nENTRYPOINT ["uvicorn"]\nCMD ["main:app", "--reload"]\n').length, 1);
  // Inherited from the stage the final one is built FROM.
  assert.equal(runRule('dev-server-cmd', `FROM python:3.12 AS base\n${uvicorn}FROM base AS final\nCOPY . .\n`).length, 1);
  // A dev stage before a production one; a final stage named dev; a production stage's own CMD.
  assert.deepEqual(runRule('dev-server-cmd', `FROM python:3.12 AS dev\n${uvicorn}FROM python:3.12 AS prod\nCMD ["gunicorn", "app:app"]\n`), []);
  assert.deepEqual(runRule('dev-server-cmd', `FROM python:3.12 AS base\nFROM base AS development\nCOPY . /app\n${uvicorn}`), []);
  assert.deepEqual(runRule('dev-server-cmd', `FROM python:3.12 AS base\n${uvicorn}FROM base AS prod\nCMD ["gunicorn", "app:app"]\n`), []);
  // Files and folders named for development.
  for (const uri of ['file:///w/Dockerfile.dev', 'file:///w/dev.Dockerfile', 'file:///w/Dockerfile.local', 'file:///w/Dockerfile-debug', 'file:///w/docker/local/Dockerfile', 'file:///w/test/Dockerfile']) {
    assert.deepEqual(runRule('dev-server-cmd', `FROM python:3.12\nCOPY . /app\n${uvicorn}`, undefined, uri), [], uri);
  }
  assert.equal(runRule('dev-server-cmd', `FROM python:3.12\nCOPY . /app\n${uvicorn}`, undefined, 'file:///w/Dockerfile.prod').length, 1);
  // A Dockerfile.prod beside it ships the image: this one is the development setup.
  const prod = context({ files: files({ 'file:///w/api/Dockerfile': '', 'file:///w/api/Dockerfile.prod': '' }) });
  assert.deepEqual(runRule('dev-server-cmd', `FROM python:3.12\nCOPY . /app\n${uvicorn}`, prod, 'file:///w/api/Dockerfile'), []);
  const other = context({ files: files({ 'file:///w/api/Dockerfile': '', 'file:///w/api/Dockerfile.worker': '' }) });
  assert.equal(runRule('dev-server-cmd', `FROM python:3.12\nCOPY . /app\n${uvicorn}`, other, 'file:///w/api/Dockerfile').length, 1);
  // An image that copies only its manifests runs over source compose mounts: a development setup (round 10).
  assert.deepEqual(runRule('dev-server-cmd', 'FROM node:22\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCMD ["npm", "run", "dev"]\n'), []);
  assert.equal(runRule('dev-server-cmd', 'FROM node:22\nWORKDIR /app\nCOPY package.json ./\nRUN npm ci\nCOPY src ./src\nCMD ["npm", "run", "dev"]\n').length, 1);
});

test('dev-server-cmd: a hint where the file shows a development setup: compose mounts the project where the image works, or runs its own command, or a comment says so (round 23)', () => {
  const severity = (dockerfile: string, compose?: string) => {
    const map: Record<string, string> = { 'file:///w/api/Dockerfile': dockerfile };
    if (compose) map['file:///w/compose.yaml'] = compose;
    return validateDockerfile(dockerfile, context({ files: files(map) }), 'file:///w/api/Dockerfile').filter((d) => d.code === 'dev-server-cmd').map((d) => d.severity);
  };
  const uvicorn = 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD ["uvicorn", "main:app", "--reload"]\n';
  assert.deepEqual(severity(uvicorn), [3]);
  // The source mounted over WORKDIR for the server to watch (or a folder under it).
  assert.deepEqual(severity(uvicorn, 'services:\n  api:\n    build: ./api\n    volumes:\n      - ./api:/app\n'), [4]);
  assert.deepEqual(severity(uvicorn, 'services:\n  api:\n    build: ./api\n    volumes:\n      - type: bind\n        source: ./api/src\n        target: /app/src\n'), [4]);
  // Every service that builds it runs its own command.
  assert.deepEqual(severity(uvicorn, 'services:\n  api:\n    build:\n      context: ./api\n    command: gunicorn main:app\n'), [4]);
  // A config file mounted elsewhere, a named volume, or a service that runs the image's CMD: still information.
  assert.deepEqual(severity(uvicorn, 'services:\n  api:\n    build: ./api\n    volumes:\n      - ./nginx.conf:/etc/nginx/nginx.conf\n      - data:/app\n  worker:\n    build: ./api\n    command: celery worker\nvolumes:\n  data:\n'), [3]);
  // A comment of the final stage says what it is for.
  assert.deepEqual(severity('FROM node:22\nWORKDIR /app\nCOPY . .\n# start the dev server\nCMD ["npm", "run", "dev"]\n'), [4]);
});
