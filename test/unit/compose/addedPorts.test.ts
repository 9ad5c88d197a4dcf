import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate, ROOT } from './helpers';

const code = 'compose-port-added';
const base = 'services:\n  app:\n    image: app\n    ports:\n      - "9000:9000"\n      - "53:53/udp"\n';

test('a layer that publishes a container port the base publishes on another host port: compose keeps both (round 8)', () => {
  const text = 'services:\n  app:\n    ports:\n      - "9001:9000"\n      - "5353:53/udp"\n      - "8080:8080"\n      - "53:53"\n';
  const files = { [`${ROOT}/docker-compose.yml`]: base };
  for (const uri of [`${ROOT}/docker-compose.staging.yml`, `${ROOT}/docker-compose.override.yml`]) {
    const found = findings(validate(text, { files }, uri), code);
    assert.deepEqual(found.map((d) => covered(text, d)), ['"9001:9000"', '"5353:53/udp"'], uri);
    assert.equal(found[0]!.message, 'Compose adds this mapping to the "9000:9000" of docker-compose.yml: the files\' ports are merged, so container port 9000 is published on both. To publish only this one, write ports: !override [...] here.');
    assert.equal(found[0]!.severity, 3);
  }
});

test('not where the layer replaces the list, nor in the base itself, nor in a -f file that defines the service whole (an alternative to the base)', () => {
  const files = { [`${ROOT}/docker-compose.yml`]: base };
  assert.deepEqual(findings(validate('services:\n  app:\n    image: app:gpu\n    ports: ["9001:9000"]\n', { files }, `${ROOT}/docker-compose.gpu.yml`), code), []);
  assert.equal(findings(validate('services:\n  app:\n    image: app:dev\n    ports: ["9001:9000"]\n', { files }, `${ROOT}/docker-compose.override.yml`), code).length, 1);
  assert.deepEqual(findings(validate('services:\n  app:\n    ports: !override\n      - "9001:9000"\n', { files }, `${ROOT}/docker-compose.staging.yml`), code), []);
  assert.deepEqual(findings(validate(base, { files: { [`${ROOT}/docker-compose.override.yml`]: 'services:\n  app:\n    ports: ["9001:9000"]\n' } }, `${ROOT}/docker-compose.yml`), code), []);
});
