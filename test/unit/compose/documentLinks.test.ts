import { test } from 'node:test';
import assert from 'node:assert/strict';
import { composeLanguageService as service } from '../../../server/src/core/compose/composeLanguageService';
import { registryPage } from '../../../server/src/core/compose/features/documentLinks';
import { covered, doc, serviceContext, ROOT } from './helpers';

test('images link to their registry page', () => {
  assert.equal(registryPage('nginx'), 'https://hub.docker.com/_/nginx');
  assert.equal(registryPage('library/redis'), 'https://hub.docker.com/_/redis');
  assert.equal(registryPage('grafana/grafana'), 'https://hub.docker.com/r/grafana/grafana');
  assert.equal(registryPage('ghcr.io/open-telemetry/demo'), 'https://ghcr.io/open-telemetry/demo');
  assert.equal(registryPage('mcr.microsoft.com/dotnet/sdk'), 'https://mcr.microsoft.com/artifact/mar/dotnet/sdk');
  assert.equal(registryPage('quay.io/prometheus/node-exporter'), 'https://quay.io/repository/prometheus/node-exporter');
  assert.equal(registryPage('registry.example.com:5000/app'), undefined);
});

test('links cover the repository of images and existing files', () => {
  const text = 'services:\n  web:\n    image: "nginx:1.27@sha256:abc"\n    env_file: [.env.web, missing.env]\n    build:\n      context: app\n      dockerfile: Dockerfile.dev\n    volumes:\n      - ./nginx.conf:/etc/nginx/nginx.conf:ro\n      - ./html:/usr/share/nginx/html\n  db:\n    image: ${DB_IMAGE}\n';
  const files = { [`${ROOT}/.env.web`]: 'A=1', [`${ROOT}/app/Dockerfile.dev`]: 'FROM x', [`${ROOT}/nginx.conf`]: '', [`${ROOT}/html/index.html`]: '' };
  const links = service.documentLinks!(doc(text), serviceContext({ files }));
  assert.deepEqual(links.map((l) => [covered(text, l), l.target]), [
    ['nginx', 'https://hub.docker.com/_/nginx'],
    ['.env.web', `${ROOT}/.env.web`],
    ['./nginx.conf', `${ROOT}/nginx.conf`],
    ['Dockerfile.dev', `${ROOT}/app/Dockerfile.dev`],
  ]);
});
