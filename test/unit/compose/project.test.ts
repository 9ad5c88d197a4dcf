import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildComposeFile } from '../../../server/src/core/compose/model/composeFile';
import { projectOf } from '../../../server/src/core/compose/model/project';
import { doc, serviceContext, ROOT, validate } from './helpers';

const files = {
  [`${ROOT}/compose.yaml`]: 'services:\n  a:\n    image: x\n',
  [`${ROOT}/compose.override.yaml`]: 'services:\n  b:\n    image: x\n',
  [`${ROOT}/compose.prod.yaml`]: 'services:\n  c:\n    image: x\n',
  [`${ROOT}/lib/extra.yaml`]: 'services:\n  d:\n    image: x\n',
};

test('a default file is standalone and reads its override file', () => {
  const file = buildComposeFile(`${ROOT}/compose.yaml`, 1, files[`${ROOT}/compose.yaml`]);
  const project = projectOf(file, serviceContext({ files }));
  assert.equal(project.standalone, true);
  assert.deepEqual(project.partners.map((p) => p.uri), [`${ROOT}/compose.override.yaml`]);
});

test('an override file reads its base; a -f companion reads the default files', () => {
  const override = projectOf(buildComposeFile(`${ROOT}/compose.override.yaml`, 1, ''), serviceContext({ files }));
  assert.deepEqual([override.standalone, override.partners.map((p) => p.uri)], [true, [`${ROOT}/compose.yaml`]]);
  const prod = projectOf(buildComposeFile(`${ROOT}/compose.prod.yaml`, 1, ''), serviceContext({ files }));
  assert.equal(prod.standalone, false);
  assert.deepEqual(prod.partners.map((p) => p.uri), [`${ROOT}/compose.yaml`, `${ROOT}/compose.override.yaml`]);
});

test('included files are read, and unreadable ones mark the project incomplete', () => {
  const text = 'include:\n  - lib/extra.yaml\n  - path: [missing.yaml]\nservices: {}\n';
  const project = projectOf(buildComposeFile(`${ROOT}/compose.yaml`, 1, text), serviceContext({ files }));
  assert.deepEqual(project.includes.map((p) => p.uri), [`${ROOT}/lib/extra.yaml`]);
  assert.equal(project.incomplete, true);
});

test('an open document wins over the file on disk', () => {
  const open = [doc('services:\n  edited:\n    image: x\n', `${ROOT}/compose.override.yaml`)];
  const project = projectOf(buildComposeFile(`${ROOT}/compose.yaml`, 1, ''), serviceContext({ files, open }));
  assert.match(project.partners[0]!.text, /edited/);
});

const elk = {
  [`${ROOT}/docker-compose.yml`]: 'services:\n  elasticsearch:\n    image: e\n    networks: [elk]\nnetworks:\n  elk:\n',
  [`${ROOT}/extensions/filebeat/filebeat-compose.yml`]: 'services:\n  filebeat:\n    build:\n      context: extensions/filebeat/\n    networks: [elk]\n    depends_on: [elasticsearch]\n',
  [`${ROOT}/extensions/filebeat/Dockerfile`]: 'FROM scratch\n',
};

test('a -f overlay in a subfolder is combined with the base it leans on, and its paths are the base folder\'s', () => {
  const uri = `${ROOT}/extensions/filebeat/filebeat-compose.yml`;
  const project = projectOf(buildComposeFile(uri, 1, elk[uri]), serviceContext({ files: elk }));
  assert.deepEqual(project.partners.map((p) => p.uri), [`${ROOT}/docker-compose.yml`]);
  assert.equal(project.directory, ROOT);
  assert.equal(project.standalone, false);
});

test('a file in a subfolder that does not lean on the base above is a project of its own', () => {
  const uri = `${ROOT}/demo/relay-compose.yaml`;
  const text = 'services:\n  relay:\n    image: r\n    networks: [own]\nnetworks:\n  own: {}\n';
  const project = projectOf(buildComposeFile(uri, 1, text), serviceContext({ files: { ...elk, [uri]: text } }));
  assert.deepEqual(project.partners, []);
  assert.equal(project.directory, `${ROOT}/demo`);
});

test('paths that only exist from the base folder make a file an overlay', () => {
  const uri = `${ROOT}/deploy/extra.yaml`;
  const text = 'services:\n  tool:\n    build: ./tools/x\n';
  const files = { ...elk, [uri]: text, [`${ROOT}/tools/x/Dockerfile`]: 'FROM scratch\n' };
  assert.equal(projectOf(buildComposeFile(uri, 1, text), serviceContext({ files })).directory, ROOT);
});

test('an override file the user creates from a shipped example is remembered as absent', () => {
  const files = { [`${ROOT}/compose.override.yaml.example`]: 'secrets:\n  token:\n    file: ./token.txt\n' };
  const project = projectOf(buildComposeFile(`${ROOT}/compose.yaml`, 1, 'services: {}\n'), serviceContext({ files }));
  assert.deepEqual(project.absent.map((a) => [a.uri, a.example.uri]), [[`${ROOT}/compose.override.yaml`, `${ROOT}/compose.override.yaml.example`]]);
});

test('a file the base includes is read with it, but keeps its own folder for its paths', () => {
  const files = {
    [`${ROOT}/compose.yaml`]: 'include:\n  - lib/extra.yaml\nservices:\n  web:\n    image: x\n',
    [`${ROOT}/lib/extra.yaml`]: 'services:\n  extra:\n    image: y\n    depends_on: [web]\n',
  };
  const uri = `${ROOT}/lib/extra.yaml`;
  const project = projectOf(buildComposeFile(uri, 1, files[uri]), serviceContext({ files }));
  assert.deepEqual(project.partners.map((p) => p.uri), [`${ROOT}/compose.yaml`]);
  assert.equal(project.directory, `${ROOT}/lib`);
});

test('a file in a subfolder whose build paths are written for its own folder is run on its own, even naming the base\'s services (round 24)', () => {
  const uri = `${ROOT}/deployment/docker-compose.prod.yml`;
  const text = 'services:\n  odoo:\n    build:\n      context: ..\n      dockerfile: deployment/Dockerfile\n';
  const files = { [`${ROOT}/compose.yaml`]: 'services:\n  odoo:\n    image: odoo:18\n', [uri]: text, [`${ROOT}/deployment/Dockerfile`]: 'FROM odoo:18\n' };
  const project = projectOf(buildComposeFile(uri, 1, text), serviceContext({ files }));
  assert.equal(project.directory, `${ROOT}/deployment`);
  assert.deepEqual(project.partners, []);
});

test('a file in a subfolder that mounts files from beside itself is run on its own, even sharing a service name with the base (round 34)', () => {
  const uri = `${ROOT}/docker/monitoring/monitoring.docker-compose.yaml`;
  const text = 'services:\n  loki:\n    image: grafana/loki\n    volumes:\n      - ./loki/loki-config.yaml:/etc/loki/config.yaml\n  minio:\n    image: minio/minio\n';
  const files = { [`${ROOT}/docker-compose.yaml`]: 'services:\n  minio:\n    image: minio/minio\n', [uri]: text, [`${ROOT}/docker/monitoring/loki/loki-config.yaml`]: 'auth_enabled: false\n' };
  const project = projectOf(buildComposeFile(uri, 1, text), serviceContext({ files }));
  assert.equal(project.directory, `${ROOT}/docker/monitoring`);
  assert.deepEqual(project.partners, []);
  // Mounting a file that exists from both folders says nothing: it is still an overlay of the base.
  const both = { ...files, [`${ROOT}/loki/loki-config.yaml`]: 'auth_enabled: false\n' };
  assert.equal(projectOf(buildComposeFile(uri, 1, text), serviceContext({ files: both })).directory, ROOT);
});

test('a file whose comment says which files it is combined with is read with those (round 58: an overlay of the production file)', () => {
  const uri = `${ROOT}/deploy/hetzner/bind-host.yml`;
  const text = '# To use:\n#   docker compose -f docker-compose.prod.yml \\\n#                  -f deploy/hetzner/bind-host.yml \\\n#                  up -d\nservices:\n  api:\n    ports:\n      - "127.0.0.1:8080:8080"\n';
  const files = {
    [`${ROOT}/docker-compose.yml`]: 'services:\n  api:\n    build: .\n    ports: ["5080:8080"]\n',
    [`${ROOT}/docker-compose.prod.yml`]: 'services:\n  api:\n    image: app:1\n',
    [uri]: text,
  };
  const project = projectOf(buildComposeFile(uri, 1, text), serviceContext({ files }));
  assert.deepEqual(project.partners.map((p) => p.uri), [`${ROOT}/docker-compose.prod.yml`]);
  assert.equal(project.directory, ROOT);
  // No port of the default file is merged into it.
  assert.deepEqual(validate(text, { files }, uri).filter((d) => d.code === 'compose-port-added'), []);
  // A comment that names files this one is not combined with, or a path that does not lead here: the default search.
  for (const comment of ['# docker compose -f docker-compose.prod.yml up -d\n', '# docker compose -f docker-compose.prod.yml -f other/bind-host.yml up\n']) {
    const other = comment + text.slice(text.indexOf('services:'));
    assert.deepEqual(projectOf(buildComposeFile(uri, 1, other), serviceContext({ files: { ...files, [uri]: other } })).partners.map((p) => p.uri), [`${ROOT}/docker-compose.yml`], comment);
  }
});
