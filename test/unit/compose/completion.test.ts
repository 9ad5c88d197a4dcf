import { test } from 'node:test';
import assert from 'node:assert/strict';
import { composeLanguageService as service } from '../../../server/src/core/compose/composeLanguageService';
import { doc, serviceContext, withCursor, ROOT, type ContextOptions } from './helpers';

function complete(marked: string, options: ContextOptions = {}) {
  const { text, position } = withCursor(marked);
  return service.complete!(doc(text), position, serviceContext(options)).items;
}
const labels = (marked: string, options?: ContextOptions) => complete(marked, options).map((i) => i.label);

test('service keys come from the schema, without those already present', () => {
  const items = complete('services:\n  web:\n    image: nginx\n    |\n');
  const names = items.map((i) => i.label);
  for (const key of ['build', 'ports', 'depends_on', 'healthcheck', 'restart', 'environment']) assert.ok(names.includes(key), key);
  assert.ok(!names.includes('image'));
  const ports = items.find((i) => i.label === 'ports')!;
  assert.equal(ports.textEdit?.newText, 'ports:\n\t- $0');
  assert.match(ports.documentation!.value, /HOST:CONTAINER/);
  assert.ok(names.includes('healthcheck'), 'snippet-worthy key present');
  assert.ok(names.some((n) => n.startsWith('depends_on (wait')), 'block snippets are offered');
});

test('keys of nested blocks and top-level keys', () => {
  assert.ok(labels('services:\n  web:\n    build:\n      |\n').includes('dockerfile'));
  assert.ok(labels('services:\n  web:\n    deploy:\n      resources:\n        limits:\n          |\n').includes('memory'));
  const top = labels('|');
  assert.ok(top.includes('services') && top.includes('volumes') && !top.includes('version'));
});

test('enum and known values', () => {
  assert.deepEqual(labels('services:\n  web:\n    restart: |\n'), ['"no"', 'always', 'on-failure', 'unless-stopped']);
  assert.deepEqual(labels('services:\n  db:\n    image: x\n  web:\n    depends_on:\n      db:\n        condition: |\n'), ['service_started', 'service_healthy', 'service_completed_successfully']);
  assert.ok(labels('services:\n  web:\n    pull_policy: |\n').includes('missing'));
  assert.deepEqual(labels('services:\n  web:\n    init: |\n'), ['true', 'false']);
});

test('a value typed right after the colon gets a space', () => {
  const [item] = complete('services:\n  web:\n    restart:|\n');
  assert.equal(item!.textEdit!.newText, ' "no"');
});

test('service names for depends_on, links, extends and network_mode, never the service itself', () => {
  const base = 'services:\n  db:\n    image: postgres\n  cache:\n    image: redis\n  web:\n    image: nginx\n';
  assert.deepEqual(labels(`${base}    depends_on:\n      - |\n`).sort(), ['cache', 'db']);
  assert.deepEqual(labels(`${base}    links: [|]\n`).sort(), ['cache', 'db']);
  assert.ok(labels(`${base}    network_mode: |\n`).includes('service:db'));
  const mapForm = complete(`${base}    depends_on:\n      |\n`).find((i) => i.label === 'db');
  assert.match(mapForm!.textEdit!.newText, /condition: \$\{1\|service_started/);
});

test('declared volumes, networks, secrets and configs where they are used', () => {
  const base = 'volumes:\n  data:\nnetworks:\n  back:\nsecrets:\n  pw:\n    file: pw.txt\nservices:\n  web:\n    image: nginx\n';
  assert.ok(labels(`${base}    volumes:\n      - |\n`).includes('data:'));
  assert.deepEqual(labels(`${base}    networks:\n      - |\n`), ['back']);
  const secrets = labels(`${base}    secrets:\n      - |\n`);
  assert.equal(secrets[0], 'pw');
  assert.ok(secrets.includes('source'), 'the long form\'s keys are offered on a new item too');
});

test('undeclared volumes are offered under the top-level volumes', () => {
  const items = labels('services:\n  web:\n    image: nginx\n    volumes: [cache:/c]\nvolumes:\n  |\n');
  assert.ok(items.includes('cache'));
});

test('build.target offers the stages of the Dockerfile', () => {
  const files = { [`${ROOT}/app/Dockerfile.dev`]: 'FROM node AS deps\nFROM deps AS \\\n  dev\n' };
  assert.deepEqual(labels('services:\n  web:\n    build:\n      context: ./app\n      dockerfile: Dockerfile.dev\n      target: |\n', { files }), ['deps', 'dev']);
});

test('image offers local images from the engine', () => {
  const items = labels('services:\n  web:\n    image: |\n', { images: ['nginx:1.27', 'postgres:16', '<none>:<none>'] });
  assert.deepEqual(items, ['nginx:1.27', 'postgres:16']);
  const nginx = complete('services:\n  web:\n    image: |\n', { images: ['nginx:1.27'] }).find((i) => i.label === 'nginx:1.27');
  assert.equal(nginx?.detail, 'local image (1 B)', 'the size through the one byte formatter');
});

test('file paths for env_file, build context and Dockerfile', () => {
  const files = { [`${ROOT}/app/Dockerfile`]: 'FROM x', [`${ROOT}/.env.dev`]: 'A=1', [`${ROOT}/app/src/main.go`]: '' };
  assert.deepEqual(labels('services:\n  web:\n    env_file: |\n', { files }).sort(), ['.env.dev', 'app/']);
  assert.deepEqual(labels('services:\n  web:\n    build:\n      context: |\n', { files }), ['app/']);
  const nested = complete('services:\n  web:\n    build:\n      context: ./app/|\n', { files });
  assert.deepEqual(nested.map((i) => i.label), ['src/']);
  assert.equal(nested[0]!.textEdit!.range.start.character, 21);
  assert.deepEqual(labels('services:\n  web:\n    build:\n      context: app\n      dockerfile: |\n', { files }).sort(), ['Dockerfile', 'src/']);
});

test('nothing inside comments and block scalars', () => {
  assert.deepEqual(labels('services:\n  web:\n    command: |\n      ru§\n'), []);
  assert.deepEqual(labels('# servi|\n'), []);
});
