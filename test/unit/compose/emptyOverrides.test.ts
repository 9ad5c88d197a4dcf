import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, ROOT, validate } from './helpers';

const code = 'compose-empty-override';
const BASE = 'services:\n  web:\n    image: nginx\n    ports: ["81:8080"]\n    labels:\n      tier: web\n    command: ["nginx"]\n';
const files = { [`${ROOT}/compose.yaml`]: BASE };

test('an empty list or mapping in an override file, where the base has values, is a warning with !reset as the fix', () => {
  const text = 'services:\n  web:\n    ports: []\n    labels: {}\n';
  const found = findings(validate(text, { files }, `${ROOT}/compose.override.yaml`), code);
  assert.deepEqual(found.map((d) => covered(text, d)), ['[]', '{}']);
  assert.equal(found[0]!.severity, 2);
  assert.deepEqual(found.map((d) => (d.data as { replacement?: string }).replacement), ['!reset []', '!reset {}']);
  assert.match(found[0]!.message, /service "web" keeps the ports the base gives it/);
  // A -f layer stacked on the base is read after it too; a null value clears nothing either (no fix).
  const layer = 'services:\n  web:\n    ports:\n';
  const [nothing] = findings(validate(layer, { files }, `${ROOT}/compose.prod.yaml`), code);
  assert.equal(covered(layer, nothing!), 'ports');
  assert.equal(nothing!.data, undefined);
});

test('no warning where the empty value does what it says', () => {
  // !reset and !override, keys compose replaces, keys the base does not set, and the base file itself.
  for (const text of ['services:\n  web:\n    ports: !reset []\n', 'services:\n  web:\n    ports: !override []\n', 'services:\n  web:\n    command: []\n', 'services:\n  web:\n    volumes: []\n']) {
    assert.deepEqual(findings(validate(text, { files }, `${ROOT}/compose.override.yaml`), code), [], text);
  }
  const base = 'services:\n  web:\n    image: nginx\n    ports: []\n';
  assert.deepEqual(findings(validate(base, { files: { [`${ROOT}/compose.override.yaml`]: 'services:\n  web:\n    ports: ["80:80"]\n' } }), code), []);
});

test('no warning in a variant that restates every service of its base, run on its own instead of layered (round 12: docker-compose.ghcr.yml)', () => {
  const base = 'services:\n  app:\n    build: .\n    ports: ["5000:5000"]\n    restart: unless-stopped\n  proxy:\n    image: nginx:alpine\n    ports: ["443:443"]\n    volumes: [./nginx:/etc/nginx]\n    restart: unless-stopped\n';
  const variant = 'services:\n  app:\n    image: ghcr.io/me/app:1\n    ports: ["5000:5000"]\n    restart: unless-stopped\n  proxy:\n    image: nginx:alpine\n    profiles: [proxy]\n    ports:\n    volumes: [./nginx:/etc/nginx]\n    restart: unless-stopped\n';
  const both = { [`${ROOT}/docker-compose.yml`]: base };
  assert.deepEqual(findings(validate(variant, { files: both }, `${ROOT}/docker-compose.ghcr.yml`), code), []);
  // A layer that restates a few keys still gets it.
  const layer = 'services:\n  proxy:\n    ports:\n';
  assert.equal(findings(validate(layer, { files: both }, `${ROOT}/docker-compose.ghcr.yml`), code).length, 1);
});

test('no warning in a file the scripts or notes run alone, never with the base (round 40: a deploy workflow and its docs)', () => {
  const layer = 'services:\n  web:\n    image: nginx:1.27\n    ports: []\n';
  const run = (line: string) => findings(validate(layer, { files: { ...files, [`${ROOT}/docs/DEPLOY.md`]: `\`\`\`\n${line}\n\`\`\`\n` } }, `${ROOT}/compose.prod.yaml`), code).length;
  assert.equal(run('docker compose -f compose.prod.yaml --env-file .env up -d'), 0);
  // Run alone somewhere and layered elsewhere: either may be meant, so nothing is said.
  assert.equal(run('docker compose -f compose.prod.yaml up -d\ndocker compose -f compose.yaml -f compose.prod.yaml up -d'), 0);
  // Run only with the base, or nowhere: a layer.
  assert.equal(run('docker compose -f compose.yaml -f compose.prod.yaml up -d'), 1);
  assert.equal(run('docker compose up -d'), 1);
  // One command continued over lines with \\ (round 47's README), read as one line: layered.
  assert.equal(run('docker compose \\\n  -f compose.yaml \\\n  -f compose.prod.yaml \\\n  up -d'), 1);
});

test('no warning for an empty list where the base has a mapping the key cannot be a list of: compose stops there instead (round 50: build: [])', () => {
  const base = { [`${ROOT}/docker-compose.yml`]: 'services:\n  api:\n    build:\n      context: ../api\n    environment:\n      A: "1"\n    ports: ["80:80"]\n    restart: always\n    volumes: [./data:/data]\n' };
  const text = 'services:\n  api:\n    build: []\n    environment: []\n';
  // environment takes a list or a mapping alike: still told.
  assert.deepEqual(findings(validate(text, { files: base }, `${ROOT}/docker-compose.prod.yml`), code).map((d) => covered(text, d)), ['[]']);
  assert.match(findings(validate(text, { files: base }, `${ROOT}/docker-compose.prod.yml`), code)[0]!.message, /"environment"/);
});
