import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate, ROOT } from './helpers';
import { slip } from '../../../server/src/core/compose/checks/misspeltVariables';

const code = 'compose-misspelt-variable';
const env = (text: string) => ({ files: { 'file:///project/.env': text } });

test('a name the .env does not set, one slip from a name it sets, is a warning at the name with the near name as fix', () => {
  const text = 'services:\n  db:\n    image: postgres\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASWORD}\n      POSTGRES_USER: ${POSTGRES_USER}\n';
  const [problem, ...rest] = findings(validate(text, env('POSTGRES_PASSWORD=secret\nPOSTGRES_USER=app\n')), code);
  assert.ok(problem);
  assert.deepEqual(rest, []);
  assert.equal(covered(text, problem), 'POSTGRES_PASWORD');
  assert.equal(problem.severity, 2);
  assert.match(problem.message, /Did you mean "POSTGRES_PASSWORD"/);
  assert.deepEqual((problem.data as { replacement?: string }).replacement, 'POSTGRES_PASSWORD');
});

test('with .env: case, $NAME and defaults count; a changed letter or one at a word\'s end does not', () => {
  const cases: [string, string, number][] = [
    ['image: "app:${Tag_Version}"', 'TAG_VERSION=1\n', 1],
    ['command: echo $APP_HOMEE', 'APP_HOME=/srv\n', 1],
    ['image: "app:${IMAGE_TAAG:-latest}"', 'IMAGE_TAG=1\n', 1],
    ['image: "${DATABASE_URI}"', 'DATABASE_URL=x\n', 0],
    // A letter at the end of a word makes another name.
    ['image: "app:${HTTP_PORT}"', 'HTTPS_PORT=1\n', 0],
    // API_PORT and APP_PORT are both common, real names.
    ['image: "app:${API_PORT}"', 'APP_PORT=1\n', 0],
    // Numbered names differ on purpose.
    ['image: "app:${NODE2_PORT}"', 'NODE1_PORT=1\n', 0],
    // Names the shell sets.
    ['image: "app:${HOME}"', 'HOMES=1\n', 0],
    // $$ is a literal dollar, and a set name is fine.
    ['command: echo $$APP_HOMEE', 'APP_HOME=/srv\n', 0],
    ['image: "${APP_HOME}"', 'APP_HOME=/srv\n', 0],
  ];
  for (const [line, dotenv, count] of cases) {
    const text = `services:\n  web:\n    ${line}\n`;
    assert.equal(findings(validate(text, env(dotenv)), code).length, count, line);
  }
});

test('without .env: a name used once beside a near one used several times (not a changed letter)', () => {
  const text = 'services:\n  a:\n    image: x\n    environment:\n      - KEY=${DEEPCHECKS_SECRET}\n  b:\n    image: x\n    environment:\n      - KEY=${DEEPCHECKS_SECRET}\n  c:\n    image: x\n    environment:\n      - KEY=${DEECHECKS_SECRET}\n';
  const [problem, ...rest] = findings(validate(text), code);
  assert.ok(problem);
  assert.deepEqual(rest, []);
  assert.equal(covered(text, problem), 'DEECHECKS_SECRET');
  assert.match(problem.message, /used 2 times/);
  // Each used once: no telling which is meant.
  assert.deepEqual(findings(validate('services:\n  a:\n    image: "${DEEPCHECKS_SECRET}"\n  c:\n    image: "${DEECHECKS_SECRET}"\n'), code), []);
  // A changed letter is two real names.
  assert.deepEqual(findings(validate('services:\n  a:\n    image: "${APP_PORT}${APP_PORT}"\n  c:\n    image: "${API_PORT}"\n'), code), []);
});

test('uses in the other files of the project count', () => {
  const text = 'services:\n  c:\n    image: "${REGISTRY_HOTS}/c"\n';
  const files = { 'file:///project/compose.override.yaml': 'services:\n  a:\n    image: "${REGISTRY_HOST}/a"\n  b:\n    image: "${REGISTRY_HOST}/b"\n' };
  assert.equal(findings(validate(text, { files }), code).length, 1);
});

test('slip: one letter added or dropped inside a word, or two swapped; not at a word\'s ends, not a changed letter', () => {
  assert.equal(slip('POSTGRES_PASWORD', 'POSTGRES_PASSWORD'), true);
  assert.equal(slip('POSTGRES_PASSWROD', 'POSTGRES_PASSWORD'), true);
  assert.equal(slip('DEECHECKS_SECRET', 'DEEPCHECKS_SECRET'), true);
  assert.equal(slip('db-host', 'DB_HOST'), true);
  // Real pairs of names.
  assert.equal(slip('HTTP_PORT', 'HTTPS_PORT'), false);
  assert.equal(slip('ALLOWED_HOST', 'ALLOWED_HOSTS'), false);
  assert.equal(slip('DATABASE_URI', 'DATABASE_URL'), false);
  assert.equal(slip('API_URL', 'APP_URL'), false);
  assert.equal(slip('SERVICE_A_PORT', 'SERVICE_B_PORT'), false);
  assert.equal(slip('XPORT_A', 'PORT_A'), false);
  assert.equal(slip('NODE1_PORT', 'NODE2_PORT'), false);
  assert.equal(slip('ABC', 'ABCD'), false);
  // A doubled letter is a slip wherever it was added.
  assert.equal(slip('HTTP_PORTT', 'HTTP_PORT'), true);
  assert.equal(slip('IMAGE_TAAG', 'IMAGE_TAG'), true);
});

test('a name the .env sets the way compose reads it (KEY: value, after a value quoted over lines) is set', () => {
  // compose-go dotenv/parser.go reads "KEY: value" like "KEY=value"; a quoted value may span lines.
  const text = 'services:\n  app:\n    image: "app:${IMAGE_TAG}"\n    environment:\n      CERT: ${TLS_CERTIFCATE}\n';
  const dotenv = 'IMAGE_TAG: 1.0\nIMAGE_TAAG=a,b\nTLS_CERTIFICATE="-----BEGIN-----\nTLS_CERTIFCATE=x\n-----END-----"\n';
  const problems = findings(validate(text, env(dotenv)), code);
  assert.deepEqual(problems.map((p) => covered(text, p)), ['TLS_CERTIFCATE'], 'TLS_CERTIFCATE=x is inside a quoted value: .env does not set it');
});

test('the .env of an overlay in a subfolder is its base\'s, in the project folder compose reads it from', () => {
  // compose reads .env in the project directory: the folder of the first -f file, the base's.
  const files = {
    [`${ROOT}/docker-compose.yml`]: 'services:\n  elasticsearch:\n    image: e\n',
    [`${ROOT}/.env`]: 'ELASTIC_VERSION=8\n',
    [`${ROOT}/extensions/filebeat/.env`]: 'ELASTIC_VERSON=x\n',
  };
  const text = 'services:\n  filebeat:\n    image: "beat:${ELASTIC_VERSION}"\n    depends_on: [elasticsearch]\n';
  assert.deepEqual(findings(validate(text, { files }, `${ROOT}/extensions/filebeat/filebeat-compose.yml`), code), []);
});

test('a name whose differing word, and the near name\'s, each name something else in the project too is no slip (round 34: READARR_URL and RADARR_URL beside READARR_API_KEY and RADARR_API_KEY)', () => {
  const text = 'services:\n  readarr:\n    image: r\n    environment:\n      KEY: $READARR_API_KEY\n  unpackerr:\n    image: u\n    environment:\n      A: $RADARR_URL\n      B: $RADARR_URL\n      H: $RADARR_API_KEY\n      C: $READARR_URL\n      D: $READARR_API_KEY\n      E: $SONAR_URL\n      F: $SONARR_URL\n      G: $SONARR_URL\n';
  const found = findings(validate(text), 'compose-misspelt-variable').map((d) => covered(text, d));
  assert.deepEqual(found, ['SONAR_URL']);
});

test('a slip of a word other names use stays a slip (round 26: CLOUDFLARE_EMAIL where the .env sets CLOUDLFARE_EMAIL beside CLOUDFLARE_API_KEY)', () => {
  const text = 'services:\n  traefik:\n    image: traefik\n    environment:\n      - CF_API_EMAIL=${CLOUDFLARE_EMAIL}\n      - CF_API_KEY=${CLOUDFLARE_API_KEY}\n';
  const found = findings(validate(text, { files: { [`${ROOT}/.env`]: 'CLOUDLFARE_EMAIL=a@b.c\nCLOUDFLARE_API_KEY=k\n' } }), 'compose-misspelt-variable').map((d) => covered(text, d));
  assert.deepEqual(found, ['CLOUDFLARE_EMAIL']);
});
