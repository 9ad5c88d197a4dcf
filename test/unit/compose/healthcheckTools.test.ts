import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate, ROOT } from './helpers';

const code = 'compose-healthcheck-no-tool';

test('a healthcheck that runs curl in an image without it (rounds 8 and 10: ollama, FastAPI on python:slim)', () => {
  const text = 'services:\n  ollama:\n    image: ollama/ollama:latest\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost:11434"]\n';
  const [d] = findings(validate(text), code);
  assert.equal(covered(text, d!), '["CMD", "curl", "-f", "http://localhost:11434"]');
  assert.equal(d!.message, 'The healthcheck of "ollama" runs curl, which ollama/ollama:latest does not have: the check fails every time and the service never turns healthy. Run a command the image has (ollama list), or install curl in its Dockerfile.');
  // Built from python:3.11-slim, whose Dockerfile installs nothing of the kind; CMD-SHELL and the string form.
  const built = 'services:\n  api:\n    build: .\n    healthcheck:\n      test: ["CMD-SHELL", "curl -f http://localhost:8000/health || exit 1"]\n  worker:\n    image: node:22-slim\n    healthcheck:\n      test: wget -qO- http://localhost:3000/\n';
  const files = { [`${ROOT}/Dockerfile`]: 'ARG PYTHON_VERSION=3.11\nFROM python:${PYTHON_VERSION}-slim AS base\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nFROM base\nCMD ["uvicorn", "main:app"]\n' };
  assert.deepEqual(findings(validate(built, { files }), code).map((f) => f.message.slice(0, 40)), ['The healthcheck of "api" runs curl, whic', 'The healthcheck of "worker" runs wget, w']);
});

test('not where the image has the tool, the Dockerfile installs it, or the image is not known', () => {
  for (const [text, files] of [
    // Alpine's BusyBox wget; the full python image has curl; an image we know nothing of.
    ['services:\n  a:\n    image: redis:7-alpine\n    healthcheck:\n      test: ["CMD", "wget", "-q", "--spider", "localhost:6379"]\n  b:\n    image: python:3.12\n    healthcheck:\n      test: ["CMD", "curl", "-f", "localhost"]\n  c:\n    image: acme/api:1\n    healthcheck:\n      test: curl -f localhost\n', {}],
    // The Dockerfile installs curl.
    ['services:\n  api:\n    build: .\n    healthcheck:\n      test: ["CMD", "curl", "-f", "localhost:8000"]\n', { [`${ROOT}/Dockerfile`]: 'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n' }],
    // A command the image has.
    ['services:\n  db:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U postgres"]\n', {}],
  ] as [string, Record<string, string>][]) assert.deepEqual(findings(validate(text, { files }), code), [], text);
});

test('the Dockerfile\'s own HEALTHCHECK or a comment running the tool installs nothing (round 35: the same wget check in both)', () => {
  const text = 'services:\n  api:\n    build: ./backend\n    healthcheck:\n      test: ["CMD", "wget", "-qO-", "http://localhost:4000/api/health"]\n';
  const dockerfile = 'FROM node:18-bookworm-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\n# wget is used by the health check\nHEALTHCHECK --interval=30s \\\n  CMD wget -qO- http://localhost:4000/api/health || exit 1\nCMD ["node", "server.js"]\n';
  assert.equal(findings(validate(text, { files: { [`${ROOT}/backend/Dockerfile`]: dockerfile } }), code).length, 1);
  const installs = dockerfile.replace('RUN npm ci', 'RUN apt-get update && apt-get install -y wget && npm ci');
  assert.equal(findings(validate(text, { files: { [`${ROOT}/backend/Dockerfile`]: installs } }), code).length, 0);
});

test('a healthcheck that runs the old mongo shell on mongo 6 and later, which carry only mongosh', () => {
  const text = 'services:\n  db:\n    image: mongo:7.0\n    healthcheck:\n      test: echo \'db.runCommand("ping").ok\' | mongo localhost:27017/test --quiet\n  old:\n    image: mongo\n    healthcheck:\n      test: ["CMD", "mongo", "--eval", "db.adminCommand(\'ping\')"]\n';
  const list = findings(validate(text), code);
  assert.deepEqual(list.map((d) => covered(text, d).slice(0, 12)), ['echo \'db.run', '["CMD", "mon']);
  assert.match(list[0]!.message, /^The healthcheck of "db" runs mongo, the old shell that MongoDB 6\.0 removed: mongo:7\.0 has only mongosh/);
  // mongo 5 and earlier still have it; mongosh is right; a Dockerfile that installs the shell package; a tag we cannot read.
  for (const [ok, files] of [
    ['services:\n  db:\n    image: mongo:5.0\n    healthcheck:\n      test: echo \'db.runCommand("ping").ok\' | mongo localhost:27017/test --quiet\n', {}],
    ['services:\n  db:\n    image: mongo:8\n    healthcheck:\n      test: ["CMD", "mongosh", "--quiet", "--eval", "db.adminCommand(\'ping\')"]\n', {}],
    ['services:\n  db:\n    image: mongo:${MONGO_TAG}\n    healthcheck:\n      test: mongo --eval "1"\n', {}],
    ['services:\n  db:\n    build: .\n    healthcheck:\n      test: mongo --eval "1"\n', { [`${ROOT}/Dockerfile`]: 'FROM mongo:7\nRUN apt-get update && apt-get install -y mongodb-org-shell\n' }],
  ] as [string, Record<string, string>][]) assert.deepEqual(findings(validate(ok, { files }), code), [], ok);
});

test('qdrant and .NET\'s runtime images have no curl either (round 39: both never turned healthy)', () => {
  const text = 'services:\n  qdrant:\n    image: qdrant/qdrant:v1.12.0\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost:6333/healthz"]\n  api:\n    build: ./api\n    healthcheck:\n      test: ["CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"]\n';
  const files = { [`${ROOT}/api/Dockerfile`]: 'FROM mcr.microsoft.com/dotnet/sdk:10.0-preview AS build\nRUN dotnet publish -c Release -o /out\nFROM mcr.microsoft.com/dotnet/aspnet:10.0-preview\nCOPY --from=build /out /app\nENTRYPOINT ["dotnet", "/app/Api.dll"]\n' };
  const [qdrant, api] = findings(validate(text, { files }), code);
  assert.match(qdrant!.message, /qdrant\/qdrant:v1\.12\.0 does not have: .* Run a command the image has \(bash -c ':> \/dev\/tcp\/127\.0\.0\.1\/6333'\)/);
  assert.equal(api!.message, 'The healthcheck of "api" runs curl, which mcr.microsoft.com/dotnet/aspnet:10.0-preview does not have: the check fails every time and the service never turns healthy. Install curl in its Dockerfile, or check with a program the image has.');
  // The SDK image has curl; an Alpine runtime has BusyBox's wget.
  const ok = 'services:\n  a:\n    image: mcr.microsoft.com/dotnet/sdk:8.0\n    healthcheck:\n      test: curl -f localhost\n  b:\n    image: mcr.microsoft.com/dotnet/aspnet:8.0-alpine\n    healthcheck:\n      test: wget -qO- localhost:8080\n';
  assert.deepEqual(findings(validate(ok), code), []);
});
