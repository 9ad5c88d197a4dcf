import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, ROOT, validate } from './helpers';

const code = 'compose-base-image-build-order';

const BASE = 'FROM mcr.microsoft.com/dotnet/sdk:10.0\nRUN dotnet tool install -g dotnet-ef\n';
const SERVICE = 'FROM myapp-microservices-base:10.0 AS build\nCOPY . /src\nRUN dotnet publish -o /out\nFROM mcr.microsoft.com/dotnet/aspnet:10.0\nCOPY --from=build /out /app\n';
const files = { [`${ROOT}/docker/base.Dockerfile`]: BASE, [`${ROOT}/src/Orders/Dockerfile`]: SERVICE };

test('a service built FROM the image another service builds, with nothing that orders the builds (round 39: "this service will build first")', () => {
  const text = [
    'services:',
    '  microservices-base:',
    '    build:',
    '      context: .',
    '      dockerfile: docker/base.Dockerfile',
    '    image: myapp-microservices-base:10.0',
    '  orders:',
    '    build:',
    '      context: ./src',
    '      dockerfile: Orders/Dockerfile',
    '    depends_on:',
    '      redis:',
    '        condition: service_healthy',
    '  redis:',
    '    image: redis:7',
    '    healthcheck:',
    '      test: ["CMD", "redis-cli", "ping"]',
    '',
  ].join('\n');
  const [found, ...rest] = findings(validate(text, { files }), code);
  assert.deepEqual(rest, []);
  assert.equal(covered(text, found!), 'build');
  assert.equal(found!.range.start.line, 7);
  assert.match(found!.message, /^The Dockerfile of "orders" builds FROM myapp-microservices-base:10\.0, the image service "microservices-base" builds\./);
  // The fix adds additional_contexts under build, indented as its keys are.
  const insert = (found!.data as { insertLine: { offset: number; text: string } }).insertLine;
  const fixed = text.slice(0, insert.offset) + insert.text + text.slice(insert.offset);
  assert.match(fixed, /\n {4}build:\n {6}additional_contexts:\n {8}"myapp-microservices-base:10\.0": "service:microservices-base"\n {6}context: \.\/src\n/);
  assert.deepEqual(findings(validate(fixed, { files }), code), []);
});

test('compose\'s own name for an image built without image: (<project>-<service>), from name: or the folder', () => {
  const dockerfiles = { [`${ROOT}/base/Dockerfile`]: 'FROM alpine:3.20\n', [`${ROOT}/api/Dockerfile`]: 'FROM shop-base\nCOPY . /app\n' };
  const services = 'services:\n  base:\n    build: ./base\n  api:\n    build: ./api\n';
  assert.equal(findings(validate(`name: shop\n${services}`, { files: dockerfiles }), code).length, 1);
  // The project folder is /project here: its default name is project, not shop.
  assert.deepEqual(findings(validate(services, { files: dockerfiles }), code), []);
  const byFolder = { ...dockerfiles, [`${ROOT}/api/Dockerfile`]: 'FROM project-base\n' };
  const [found] = findings(validate(services, { files: byFolder }), code);
  assert.equal(found!.data, undefined, 'no fix for the short form of build');
  // An additional_contexts entry already there gets the new line under it.
  const withContexts = 'name: shop\nservices:\n  base:\n    build: ./base\n  api:\n    build:\n      context: ./api\n      additional_contexts:\n        assets: ./assets\n';
  const [other] = findings(validate(withContexts, { files: dockerfiles }), code);
  const insert = (other!.data as { insertLine: { offset: number; text: string } }).insertLine;
  assert.equal(withContexts.slice(0, insert.offset) + insert.text + withContexts.slice(insert.offset), withContexts.replace('additional_contexts:\n', 'additional_contexts:\n        "shop-base": "service:base"\n'));
});

test('not where the build is declared, the service depends on the base, or the name may be pulled', () => {
  const base = '  base:\n    image: app-base\n    build: ./base\n';
  const dockerfiles = (from: string) => ({ [`${ROOT}/base/Dockerfile`]: 'FROM alpine:3.20\n', [`${ROOT}/api/Dockerfile`]: `FROM ${from}\nCOPY . /app\n` });
  const cases: [string, string][] = [
    ['    build:\n      context: ./api\n      additional_contexts:\n        app-base: service:base\n', 'app-base'],
    ['    build:\n      context: ./api\n      additional_contexts:\n        base_image: "service:base"\n', 'app-base'],
    ['    build:\n      context: ./api\n      additional_contexts:\n        - app-base=service:base\n', 'app-base'],
    ['    build: ./api\n    depends_on: [base]\n', 'app-base'],
    ['    build: ./api\n    depends_on:\n      base:\n        condition: service_started\n', 'app-base'],
    // A stage of its own Dockerfile by the same name.
    ['    build: ./api\n', 'alpine:3.20 AS app-base\nFROM app-base'],
    ['    build: ./api\n', 'alpine:3.20'],
    ['    build: ./api\n', 'app-base-other'],
  ];
  for (const [api, from] of cases) {
    assert.deepEqual(findings(validate(`services:\n${base}  api:\n${api}`, { files: dockerfiles(from) }), code), [], `${api} FROM ${from}`);
  }
  // A name with a namespace or a registry may be pulled from there (a published base).
  const published = 'services:\n  base:\n    image: ghcr.io/acme/app-base:1\n    build: ./base\n  api:\n    build: ./api\n';
  assert.deepEqual(findings(validate(published, { files: dockerfiles('ghcr.io/acme/app-base:1') }), code), []);
  // The same stage name as written but a tag other than the one built: another image.
  assert.deepEqual(findings(validate(`services:\n${base}  api:\n    build: ./api\n`, { files: dockerfiles('app-base:2') }), code), []);
  // Built inline, the FROM is read there too.
  const inline = `services:\n${base}  api:\n    build:\n      dockerfile_inline: |\n        FROM app-base:latest\n        RUN true\n`;
  assert.equal(findings(validate(inline, { files: dockerfiles('x') }), code).length, 1);
});
