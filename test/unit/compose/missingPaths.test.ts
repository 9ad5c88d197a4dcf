import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate, ROOT } from './helpers';

const text = [
  'services:',
  '  web:',
  '    build:',
  '      context: ./app',
  '      dockerfile: Dockerfile.dev',
  '    env_file:',
  '      - .env.local',
  '      - path: ./optional.env',
  '        required: false',
  '  api:',
  '    build: ./api',
  '    env_file: api.env',
  '  remote:',
  '    build: https://github.com/docker/awesome-compose.git#master:flask',
  '',
].join('\n');

test('missing env files, contexts and Dockerfiles are warnings at the path', () => {
  const problems = findings(validate(text, { files: { [`${ROOT}/app/Dockerfile`]: 'FROM x' } }), 'compose-missing-file');
  assert.deepEqual(problems.map((p) => covered(text, p)), ['.env.local', 'Dockerfile.dev', 'api.env', './api']);
  assert.ok(problems.every((p) => p.severity === 2));
});

test('existing paths pass; optional env files and URLs are not checked', () => {
  const files = {
    [`${ROOT}/app/Dockerfile.dev`]: 'FROM x',
    [`${ROOT}/.env.local`]: 'A=1',
    [`${ROOT}/api/Dockerfile`]: 'FROM x',
    [`${ROOT}/api.env`]: 'B=2',
  };
  assert.deepEqual(findings(validate(text, { files }), 'compose-missing-file'), []);
});

test('an env file whose required is a word compose reads as false (no, off, "False") is optional', () => {
  // compose-go decodes env_file's required with its string-to-bool cast (toBoolean), YAML 1.1 words included.
  for (const value of ['no', 'off', 'n', '"False"', '"NO"']) {
    const source = `services:\n  web:\n    image: x\n    env_file:\n      - path: ./optional.env\n        required: ${value}\n`;
    assert.deepEqual(findings(validate(source), 'compose-missing-file'), [], value);
  }
  const required = 'services:\n  web:\n    image: x\n    env_file:\n      - path: ./needed.env\n        required: "yes"\n';
  assert.equal(findings(validate(required), 'compose-missing-file').length, 1);
});

test('an include\'s env_file must exist (except /dev/null), read from the including file\'s folder', () => {
  // compose-go loader/include.go ApplyInclude: os.Stat of each env_file joined to the working directory.
  const doc = 'include:\n  - path: sub/compose.yaml\n    env_file: [./sub.env, ./nope.env, /dev/null]\n  - path: sub/compose.yaml\n    env_file: ./gone.env\n';
  const files = { [`${ROOT}/sub/compose.yaml`]: 'services:\n  b:\n    image: x\n', [`${ROOT}/sub.env`]: 'A=1\n' };
  assert.deepEqual(findings(validate(doc, { files }), 'compose-missing-file').map((d) => covered(doc, d)), ['./nope.env', './gone.env']);
});

test('a bind-mounted file that does not exist: Docker mounts an empty folder in its place (round 23: ./nginx.conf where the file is nginx/nginx.conf)', () => {
  const text = 'services:\n  web:\n    image: nginx:1\n    volumes:\n      - ./nginx.conf:/etc/nginx/nginx.conf:ro\n      - ./nginx/site.conf:/etc/nginx/conf.d/site.conf\n      - ./data:/data\n      - ./conf.d:/etc/nginx/conf.d\n      - ./html/:/usr/share/nginx/html\n      - type: bind\n        source: ./Caddyfile\n        target: /etc/caddy/Caddyfile\n      - logs:/var/log\n      - /etc/localtime:/etc/localtime:ro\n      - ${CONF}:/etc/app.conf\nvolumes:\n  logs:\n';
  const found = findings(validate(text, { files: { 'file:///project/nginx/nginx.conf': '', 'file:///project/nginx/site.conf': '' } }), 'compose-missing-file');
  assert.deepEqual(found.map((d) => [d.range.start.line + 1, d.range.start.character]), [[5, 8], [11, 16]]);
  assert.equal(found[0]!.message, 'The file "./nginx.conf" does not exist: Docker creates an empty folder in its place and mounts that at /etc/nginx/nginx.conf, so the container stops at start ("not a directory") or reads a folder where it expects its file.');
});

test('a bind mount named with an extension no file type has is a hint: it may be a folder the container fills (round 66: ./release.check for test output)', () => {
  const text = 'services:\n  e2e:\n    image: mcr.microsoft.com/playwright:v1.53.0-jammy\n    volumes:\n      - ./release.check:/work/release.check\n      - ./app.config:/app/app.config\n      - ./.env.e2e:/work/.env\n';
  const found = findings(validate(text, { files: {} }), 'compose-missing-file');
  assert.deepEqual(found.map((d) => [d.range.start.line + 1, d.severity]), [[5, 4], [6, 2], [7, 2]]);
  assert.equal(found[0]!.message, 'Nothing is at "./release.check": Docker creates an empty folder there and mounts it at /work/release.check. Right for a folder the container fills; if it is meant to be a file, create it first.');
});

test('a missing path the repository accounts for: a script makes it (nothing), an example ships for it (information), Git ignores it (a hint) (round 24)', () => {
  const text = 'services:\n  db:\n    image: postgres:17\n    env_file: .env\n    secrets: [db_password]\n    volumes:\n      - ./certs/server.crt:/certs/server.crt\n      - ./conf/pg.conf:/etc/pg.conf\nsecrets:\n  db_password:\n    file: ./secrets/db.pass\n';
  const severities = (files: Record<string, string>) => findings(validate(text, { files: { 'file:///project/.git/config': '', ...files } }), 'compose-missing-file').map((d) => [d.range.start.line + 1, d.severity, d.message]);
  // Nothing says anything: warnings.
  assert.deepEqual(severities({}).map(([line, severity]) => [line, severity]), [[4, 2], [7, 2], [8, 2], [11, 2]]);
  // ./start makes the secret, the README's example is to be copied, Git ignores the certificates.
  const found = severities({ 'file:///project/start': 'tr -dc a-z < /dev/urandom | head -c 32 > secrets/db.pass\n', 'file:///project/.env.example': 'POSTGRES_PASSWORD=\n', 'file:///project/.gitignore': 'certs/\n' });
  assert.deepEqual(found.map(([line, severity]) => [line, severity]), [[4, 3], [7, 4], [8, 2]]);
  assert.equal(found[0]![2], 'The env file ".env" does not exist; the project ships .env.example: copy it to .env and fill it in.');
  assert.match(String(found[1]![2]), /^The file "\.\/certs\/server\.crt" does not exist\. Git ignores it, so each clone makes it/);
});

test('the example named for the env file itself comes before another service\'s (round 67: .env.sample, not .env.mem0.example, for .env)', () => {
  const text = 'services:\n  app:\n    image: node:22\n    env_file: .env\n';
  const message = (files: Record<string, string>) => findings(validate(text, { files: { 'file:///project/.git/config': '', ...files } }), 'compose-missing-file')[0]?.message;
  assert.equal(message({ 'file:///project/.env.mem0.example': 'A=1\n', 'file:///project/.env.sample': 'B=1\n' }), 'The env file ".env" does not exist; the project ships .env.sample: copy it to .env and fill it in.');
  assert.equal(message({ 'file:///project/.env.mem0.example': 'A=1\n' }), 'The env file ".env" does not exist; the project ships .env.mem0.example: copy it to .env and fill it in.');
});

test('a missing env file that a .gitignore in its own folder names is a hint (round 56: postgres/.gitignore with .env)', () => {
  const text = 'services:\n  db:\n    image: postgres:17\n    env_file: postgres/.env\n    volumes:\n      - ./postgres/init.sql:/docker-entrypoint-initdb.d/init.sql\n';
  const found = (files: Record<string, string>) => findings(validate(text, { files: { 'file:///project/.git/config': '', 'file:///project/postgres/Dockerfile': '', ...files } }), 'compose-missing-file').map((d) => [d.range.start.line + 1, d.severity]);
  assert.deepEqual(found({ 'file:///project/postgres/.gitignore': '.env\n' }), [[4, 4], [6, 2]]);
  assert.deepEqual(found({ 'file:///project/postgres/.gitignore': '/.env\n', 'file:///project/postgres/.env.example': 'POSTGRES_PASSWORD=\n' }), [[4, 4], [6, 2]]);
  assert.deepEqual(found({}), [[4, 2], [6, 2]]);
});

test('a compose file kept as a test fixture: its missing paths are hints (round 57: shared/tests/fixtures/service-template/infra/compose.base.yml)', () => {
  const uri = 'file:///project/shared/tests/fixtures/template/infra/compose.base.yml';
  const text = 'services:\n  api:\n    build:\n      context: ../services/api\n      dockerfile: Dockerfile\n';
  const files = { 'file:///project/.git/config': '', [uri]: text };
  assert.deepEqual(findings(validate(text, { files }, uri), 'compose-missing-file').map((d) => d.severity), [4]);
  const plain = 'file:///project/infra/compose.base.yml';
  assert.deepEqual(findings(validate(text, { files: { ...files, [plain]: text } }, plain), 'compose-missing-file').map((d) => d.severity), [2]);
});

test('a missing path outside the repository is another checkout the project expects beside it: a hint (round 62: ../../<service> contexts of a local stack)', () => {
  const uri = 'file:///work/stack/local-stack/compose.yaml';
  const text = 'services:\n  orders:\n    build: ../../orders-service\n  web:\n    build: ../web\n';
  const files = { 'file:///work/stack/.git/config': '', [uri]: text };
  const found = findings(validate(text, { files }, uri), 'compose-missing-file');
  assert.deepEqual(found.map((d) => [covered(text, d), d.severity]), [['../../orders-service', 4], ['../web', 2]]);
  assert.equal(found[0]!.message, 'The build context "../../orders-service" does not exist. It is outside this repository: another checkout the project expects beside it, to be cloned there before docker compose up.');
});

test('a Dockerfile Git ignores is a warning: no clone makes one (round 51: Dockerfile* in .gitignore)', () => {
  const text = 'services:\n  api:\n    build:\n      context: .\n      dockerfile: src/Api/Dockerfile\n';
  const [found] = findings(validate(text, { files: { 'file:///project/.git/config': '', 'file:///project/.gitignore': 'Dockerfile*\n', 'file:///project/src/Api/Program.cs': '' } }), 'compose-missing-file');
  assert.equal(found!.severity, 2);
  assert.match(found!.message, /does not exist, and Git ignores it: a fresh clone lacks it, so the build stops/);
});

test('a missing env_file .env with an example is told to be copied once: by compose-env-not-copied where the file reads its variables, else here (round 24)', () => {
  const text = 'services:\n  api:\n    image: node:22\n    env_file: .env\n    environment:\n      DB: ${DB_NAME}\n';
  const found = validate(text, { files: { 'file:///project/.env.example': 'DB_NAME=app\n' } }).map((d) => d.code);
  assert.ok(found.includes('compose-env-not-copied'));
  assert.ok(!found.includes('compose-missing-file'));
  const plain = validate('services:\n  api:\n    image: node:22\n    env_file: .env\n', { files: { 'file:///project/.env.example': 'DB_NAME=app\n' } }).map((d) => d.code);
  assert.deepEqual(plain, ['compose-missing-file']);
});

test('a missing path is judged with the repository: a root .gitignore\'s anchored pattern for the compose file\'s folder, and scripts in a scripts folder (round 24)', () => {
  const uri = 'file:///project/deploy/compose.yaml';
  const text = 'services:\n  app:\n    image: odoo:18\n    volumes:\n      - ./runtime/odoo.conf:/etc/odoo/odoo.conf:ro\n      - ./config/app.ini:/etc/app.ini\n';
  const found = (files: Record<string, string>) => findings(validate(text, { files: { 'file:///project/.git/config': '', [uri]: text, ...files } }, uri), 'compose-missing-file').map((d) => [d.range.start.line + 1, d.severity]);
  assert.deepEqual(found({ 'file:///project/.gitignore': 'deploy/runtime/\n' }), [[5, 4], [6, 2]]);
  assert.deepEqual(found({ 'file:///project/deploy/scripts/render.sh': 'cp ../config/app.ini.example ../config/app.ini\n' }), [[5, 2]]);
});

test('a build context with no Dockerfile in it, and no other named: the build stops (round 25: build: ./user-service with pom.xml and src only)', () => {
  const doc = 'services:\n  users:\n    build: ./user-service\n  orders:\n    build:\n      context: ./order-service\n  lower:\n    build: ./lower\n  inline:\n    build:\n      context: ./inline\n      dockerfile_inline: "FROM alpine"\n';
  const files = {
    [`${ROOT}/user-service/pom.xml`]: '<project/>',
    [`${ROOT}/user-service/src/Main.java`]: '',
    [`${ROOT}/order-service/Dockerfile`]: 'FROM x',
    [`${ROOT}/lower/dockerfile`]: 'FROM x',
    [`${ROOT}/inline/app.py`]: '',
  };
  const found = findings(validate(doc, { files }), 'compose-missing-file');
  assert.deepEqual(found.map((d) => covered(doc, d)), ['./user-service']);
  assert.equal(found[0]!.message, 'The build context "./user-service" has no Dockerfile, and the service names no other: the build stops with "failed to read dockerfile". Add one there, or name it with build.dockerfile.');
  assert.equal(found[0]!.severity, 2);
});

test('a build context whose listing may be cut (5,000 entries or more) is not said to lack a Dockerfile (round 72: 12,235 files at the root)', () => {
  const doc = 'services:\n  bot:\n    build: ./big\n';
  const many = Object.fromEntries(Array.from({ length: 5000 }, (_, k) => [`${ROOT}/big/note${k}.md`, '']));
  assert.deepEqual(findings(validate(doc, { files: many }), 'compose-missing-file'), []);
  assert.equal(findings(validate(doc, { files: { [`${ROOT}/big/note.md`]: '' } }), 'compose-missing-file').length, 1);
});

test('a build context whose Dockerfile is spelt in another case: found on macOS and Windows, not on Linux (round 58: DockerFile)', () => {
  const doc = 'services:\n  ldap:\n    build:\n      context: docker/dev/ldap\n  api:\n    build: ./api\n';
  const files = { [`${ROOT}/docker/dev/ldap/DockerFile`]: 'FROM x', [`${ROOT}/api/Containerfile`]: 'FROM x' };
  const [found, ...rest] = findings(validate(doc, { files }), 'compose-missing-file');
  assert.deepEqual(rest, []);
  assert.equal(covered(doc, found!), 'docker/dev/ldap');
  assert.equal(found!.message, 'The build context "docker/dev/ldap" has DockerFile, not Dockerfile: macOS and Windows find it, but on Linux, where file names differ by case, the build stops with "failed to read dockerfile". Rename it to Dockerfile, or name it with build.dockerfile.');
});

test('a missing path the project\'s notes name, or one of a backup copy, is a hint (round 25)', () => {
  const doc = 'services:\n  proxy:\n    image: app\n    volumes:\n      - ./config.yaml:/app/config.yaml\n    env_file: ./composer.env\n';
  const severities = (files: Record<string, string>, uri?: string) => findings(validate(doc, { files }, uri), 'compose-missing-file').map((d) => [covered(doc, d), d.severity]);
  assert.deepEqual(severities({ [`${ROOT}/composer.env.sample`]: 'A=1\n' }), [['./composer.env', 3], ['./config.yaml', 2]]);
  const notes = { [`${ROOT}/README.md`]: 'Run cp composer.env.sample composer.env first.\n', [`${ROOT}/docs/setup.md`]: 'config.yaml holds your credentials and is not in the repository.\n', [`${ROOT}/composer.env.sample`]: 'A=1\n' };
  const noted = findings(validate(doc, { files: notes }), 'compose-missing-file');
  assert.deepEqual(noted.map((d) => [covered(doc, d), d.severity]), [['./composer.env', 4], ['./config.yaml', 4]]);
  assert.equal(noted[1]!.message, 'The file "./config.yaml" does not exist. The project\'s notes name it: create it as they say before docker compose up, or Docker mounts an empty folder at /app/config.yaml in its place.');
  // Notes in another language say it too (round 30: "В директории для проекта создать файл .env").
  for (const readme of ['В директории для проекта создать файл composer.env и config.yaml\n', '在项目目录中创建 composer.env 和 config.yaml 文件\n', 'Copie el archivo composer.env y config.yaml\n']) {
    assert.deepEqual(findings(validate(doc, { files: { [`${ROOT}/README.md`]: readme } }), 'compose-missing-file').map((d) => d.severity), [4, 4], readme);
  }
  assert.deepEqual(findings(validate(doc, { files: { [`${ROOT}/README.md`]: 'Файлы composer.env и config.yaml\n' } }), 'compose-missing-file').map((d) => d.severity), [2, 2]);
  const backup = findings(validate(doc, {}, `${ROOT}/Backups/monitor-docker-compose-2026-08-10.yml`), 'compose-missing-file');
  assert.deepEqual(backup.map((d) => d.severity), [4, 4]);
  // A default-named file in a backups folder is the stack that makes backups, not a copy (round 63).
  assert.deepEqual(findings(validate(doc, {}, `${ROOT}/infra/backups/docker-compose.yml`), 'compose-missing-file').map((d) => d.severity), [2, 2]);
});

test('a build with no dockerfile in an override, or in a service that extends another, may get it merged in: not told', () => {
  const base = 'services:\n  api:\n    build:\n      context: ./api\n      dockerfile: ../docker/api.Dockerfile\n';
  const override = 'services:\n  api:\n    build: ./api\n  tool:\n    extends:\n      service: api\n    build: ./api\n';
  const files = { [`${ROOT}/compose.yaml`]: base, [`${ROOT}/api/main.go`]: '', [`${ROOT}/docker/api.Dockerfile`]: 'FROM x' };
  assert.deepEqual(findings(validate(override, { files }, `${ROOT}/compose.override.yaml`), 'compose-missing-file'), []);
});

test('a README that only repeats the compose file (pasted in) has not said how to make the file (round 26)', () => {
  const doc = 'services:\n  db:\n    image: mysql:8\n    volumes:\n      - ./docker/db/my.cnf:/etc/mysql/conf.d/my.cnf\n';
  const readme = '# App\n\n```yaml\nservices:\n  db:\n    volumes:\n      - ./docker/db/my.cnf:/etc/mysql/conf.d/my.cnf\n```\n';
  assert.deepEqual(findings(validate(doc, { files: { [`${ROOT}/README.md`]: readme } }), 'compose-missing-file').map((d) => d.severity), [2]);
});

test('an override\'s dockerfile is read in the context the base gives the service (round 27: Dockerfile.pdf in the base\'s ./server)', () => {
  const base = 'services:\n  pdf:\n    build:\n      context: ./server\n';
  const prod = 'services:\n  pdf:\n    build:\n      dockerfile: Dockerfile.pdf\n';
  const files = { [`${ROOT}/docker-compose.yml`]: base, [`${ROOT}/server/Dockerfile.pdf`]: 'FROM x\n' };
  assert.deepEqual(findings(validate(prod, { files }, `${ROOT}/docker-compose.prod.yml`), 'compose-missing-file'), []);
  const missing = { [`${ROOT}/docker-compose.yml`]: base, [`${ROOT}/server/app.js`]: '' };
  assert.deepEqual(findings(validate(prod, { files: missing }, `${ROOT}/docker-compose.prod.yml`), 'compose-missing-file').map((d) => covered(prod, d)), ['Dockerfile.pdf']);
});

test('notes that only list a file (a tree, a table) have not said how to get it (round 27)', () => {
  const doc = 'services:\n  web:\n    build:\n      context: .\n      dockerfile: Dockerfile.production\n';
  const listed = { [`${ROOT}/README.md`]: '## Layout\n\n- Dockerfile.production\n- docker-compose.homelab.yml\n', [`${ROOT}/app.py`]: '' };
  assert.deepEqual(findings(validate(doc, { files: listed }), 'compose-missing-file').map((d) => d.severity), [2]);
  const told = { [`${ROOT}/README.md`]: 'Create your own Dockerfile.production from the example.\n', [`${ROOT}/app.py`]: '' };
  assert.deepEqual(findings(validate(doc, { files: told }), 'compose-missing-file').map((d) => d.severity), [4]);
});

test('a template another tool renders ({{ PORT }} placeholders, or named so) is judged at its rendered place: its ports are not, its missing paths are hints (round 27)', () => {
  const doc = 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "{{ CONTAINER_DB_HOST_PORT }}:5432"\n    volumes:\n      - ../../configs/init.sql:/docker-entrypoint-initdb.d/init.sql\n';
  const found = validate(doc, {}, `${ROOT}/tools/template/docker-compose.template.yml`);
  assert.deepEqual(findings(found, 'compose-invalid-port'), []);
  assert.deepEqual(findings(found, 'compose-missing-file').map((d) => d.severity), [4]);
  const named = 'services:\n  api:\n    build: ./backend\n';
  assert.deepEqual(findings(validate(named, {}, `${ROOT}/gamble-fun-template.docker-compose.yml`), 'compose-missing-file').map((d) => d.severity), [4]);
});

test('dockerfile: Dockerfile where the folder has only a lowercase dockerfile: buildx reads that one (round 29)', () => {
  const compose = 'services:\n  web:\n    build:\n      context: .\n      dockerfile: Dockerfile\n  api:\n    build:\n      context: ./api\n      dockerfile: Dockerfile\n';
  const found = findings(validate(compose, { files: { [`${ROOT}/dockerfile`]: 'FROM x', [`${ROOT}/api/Dockerfile.dev`]: 'FROM x' } }), 'compose-missing-file');
  // Only the folder with neither is told.
  assert.deepEqual(found.map((p) => covered(compose, p)), ['Dockerfile']);
  assert.equal(found[0]!.range.start.line, 8);
});

test('a path in a Git submodule\'s folder is a hint: a clone without --recursive has it empty (round 34)', () => {
  const text = 'services:\n  mud:\n    build:\n      context: services/mud\n      dockerfile: dev.Dockerfile\n    volumes:\n      - ./services/mud/conf/mud.conf:/etc/mud.conf\n  web:\n    build: ./web\n';
  const files = { 'file:///project/.git/config': '', 'file:///project/.gitmodules': '[submodule "services/mud"]\n\tpath = services/mud\n\turl = https://example.invalid/mud.git\n', 'file:///project/services/mud/.keep': '', 'file:///project/web/Dockerfile.x': '' };
  const found = findings(validate(text, { files }), 'compose-missing-file').map((d) => [d.range.start.line + 1, d.severity, d.message]);
  assert.deepEqual(found.map(([line, severity]) => [line, severity]), [[7, 4], [5, 4], [9, 2]]);
  assert.equal(found[1]![2], 'In the build context "services/mud", the Dockerfile "dev.Dockerfile" is in the Git submodule mud, which is empty here: a clone fetches it with git clone --recursive or git submodule update --init.');
});

test('a Dockerfile missing from the build context says which context, and notes that name a Dockerfile do not make it a hint (round 41: context: .. one folder short)', () => {
  const text = 'services:\n  api:\n    build:\n      context: ..\n      dockerfile: Dockerfile\n    env_file: ../../.env\n';
  const uri = `${ROOT}/deployment/docker/docker-compose.yml`;
  const files = { [`${ROOT}/Dockerfile`]: 'FROM python:3.12\n', [`${ROOT}/deployment/k8s/app.yaml`]: '', [`${ROOT}/README.md`]: '## Build\n\nCreate the image from the Dockerfile with docker build.\n', [`${ROOT}/.env`]: 'A=1\n' };
  const [found] = findings(validate(text, { files }, uri), 'compose-missing-file');
  assert.equal(found!.message, 'In the build context "..", the Dockerfile "Dockerfile" does not exist.');
  assert.equal(found!.severity, 2);
});

test('a file given as the build context: compose needs a folder and stops (round 35: build: Dockerfile.web)', () => {
  const text = 'services:\n  web:\n    build: Dockerfile.web\n  api:\n    build:\n      context: ./api\n  app:\n    build: ./app\n';
  const found = findings(validate(text, { files: { 'file:///project/Dockerfile.web': 'FROM ruby:3.3\n', 'file:///project/api': '', 'file:///project/app/Dockerfile': 'FROM x\n' } }), 'compose-missing-file').map((d) => [d.range.start.line + 1, d.severity, d.message]);
  assert.deepEqual(found.map(([line, severity]) => [line, severity]), [[3, 1], [6, 1]]);
  assert.equal(found[0]![2], '"Dockerfile.web" is a file, but build (or build.context) names the folder to build in: compose stops ("not a directory"). Give the folder as build.context and the file as build.dockerfile (context: ., dockerfile: Dockerfile.web).');
});

test('a Dockerfile the build reads that is empty, or comments only: the build stops (round 41: a 0-byte docker/Dockerfile)', () => {
  const text = 'services:\n  api:\n    build:\n      context: .\n      dockerfile: docker/Dockerfile\n  web:\n    build: ./web\n';
  const files = { [`${ROOT}/docker/Dockerfile`]: '', [`${ROOT}/web/Dockerfile`]: '# TODO\n\n' };
  const found = findings(validate(text, { files }), 'compose-missing-file');
  assert.deepEqual(found.map((d) => covered(text, d)), ['docker/Dockerfile', './web']);
  assert.equal(found[0]!.message, 'The Dockerfile this builds (docker/Dockerfile) is empty: the build stops ("the Dockerfile cannot be empty"). Write its instructions, or build from another.');
  assert.deepEqual(findings(validate(text, { files: { [`${ROOT}/docker/Dockerfile`]: 'FROM node:22\n', [`${ROOT}/web/Dockerfile`]: '# syntax=docker/dockerfile:1\nFROM nginx\n' } }), 'compose-missing-file'), []);
});

test('an add-on the notes layer on a file above it: its paths are read from that file\'s folder, as compose does (round 71: deploy/observability/compose.yml)', () => {
  const addon = 'services:\n  prometheus:\n    image: prom/prometheus:v3.1.0\n    volumes:\n      - ./deploy/observability/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro\n  alertmanager:\n    build:\n      context: .\n      dockerfile: deploy/observability/alertmanager/Dockerfile\n';
  const files = {
    [`${ROOT}/docker-compose.prod.yml`]: 'services:\n  web:\n    image: nginx:1.27\n',
    [`${ROOT}/deploy/observability/prometheus/prometheus.yml`]: 'global: {}\n',
    [`${ROOT}/deploy/observability/alertmanager/Dockerfile`]: 'FROM prom/alertmanager\n',
  };
  const run = (notes: Record<string, string>) => findings(validate(addon, { files: { ...files, ...notes } }, `${ROOT}/deploy/observability/compose.yml`), 'compose-missing-file').length;
  assert.equal(run({ [`${ROOT}/deploy/observability/README.md`]: '```\ndocker compose -f docker-compose.prod.yml -f deploy/observability/compose.yml up -d\n```\n' }), 0);
  // Nothing says how it is run: its own folder, where neither path is. The paths name that folder
  // from the root, where they are: hints that say so (round 84).
  const alone = findings(validate(addon, { files }, `${ROOT}/deploy/observability/compose.yml`), 'compose-missing-file');
  assert.deepEqual(alone.map((d) => d.severity), [4, 4]);
  assert.match(alone[0]!.message, /is not in this file's folder, but \.\.\/\.\. has it: the path is written from there/);
});

test('a path that names the file\'s own folder from a folder above, and is there, is a hint; one that is nowhere is not (round 84: apps/n8n/compose.yaml)', () => {
  const app = 'services:\n  postgres:\n    image: postgres:18\n    volumes:\n      - ./apps/n8n/init-data.sh:/docker-entrypoint-initdb.d/init-data.sh\n      - ./apps/n8n/gone.sh:/x/gone.sh\n';
  const files = { [`${ROOT}/docker-compose.yml`]: 'services:\n  caddy:\n    image: caddy:2\n', [`${ROOT}/apps/n8n/init-data.sh`]: '#!/bin/sh\n' };
  const found = findings(validate(app, { files }, `${ROOT}/apps/n8n/compose.yaml`), 'compose-missing-file');
  assert.deepEqual(found.map((d) => [covered(app, d), d.severity]), [['./apps/n8n/init-data.sh', 4], ['./apps/n8n/gone.sh', 2]]);
});
