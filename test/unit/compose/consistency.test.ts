// What compose-go refuses once the schema has passed (loader/validate.go checkConsistency,
// validation/*.go): keys that exclude each other, values that must agree, sources of secrets and configs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, validate, ROOT } from './helpers';

/** The consistency findings (invalid value or missing key) as [covered text, code]. */
function found(text: string, files: Record<string, string> = {}, uri?: string): [string, string][] {
  return validate(text, { files }, uri)
    .filter((d) => d.code === 'compose-invalid-value' || d.code === 'compose-missing-key')
    .map((d) => [covered(text, d), String(d.code)]);
}

const service = (body: string) => `services:\n  app:\n    image: x\n${body}`;

test('network_mode and networks on one service are refused; either alone passes', () => {
  const text = service('    network_mode: host\n    networks: [default]\n');
  assert.deepEqual(found(text), [['network_mode: host', 'compose-invalid-value']]);
  assert.deepEqual(found(service('    network_mode: host\n')), []);
  assert.deepEqual(found(service('    network_mode: ${MODE}\n    networks: [default]\n')), [], 'a variable may leave it empty');
  assert.deepEqual(found(service('    network_mode: host\n    networks: []\n')), []);
});

test('dockerfile with dockerfile_inline is refused', () => {
  const text = 'services:\n  app:\n    build:\n      context: .\n      dockerfile: Dockerfile\n      dockerfile_inline: FROM alpine\n';
  assert.deepEqual(found(text), [['dockerfile_inline: FROM alpine', 'compose-invalid-value']]);
});

test('build.platforms must list the service platform', () => {
  const text = 'services:\n  app:\n    platform: linux/arm64\n    build:\n      context: .\n      platforms: [linux/amd64]\n';
  assert.deepEqual(found(text), [['platform: linux/arm64', 'compose-invalid-value']]);
  assert.deepEqual(found(text.replace('[linux/amd64]', '[linux/amd64, linux/arm64]')), []);
});

test('a healthcheck test list starts with CMD, CMD-SHELL or NONE, in capitals', () => {
  const text = service('    healthcheck:\n      test: ["curl", "-f", "http://localhost"]\n');
  const [[at]] = found(text) as [[string, string]];
  assert.equal(at, '"curl"');
  const lower = service('    healthcheck:\n      test: ["cmd", "true"]\n');
  assert.match(validate(lower).find((d) => d.code === 'compose-invalid-value')!.message, /write "CMD"/);
  for (const ok of ['["CMD", "true"]', '["CMD-SHELL", "true"]', '["NONE"]', 'curl -f http://localhost', '["${HC}", "true"]']) {
    assert.deepEqual(found(service(`    healthcheck:\n      test: ${ok}\n`)), [], ok);
  }
});

test('scale and deploy.replicas must agree and not be negative', () => {
  assert.deepEqual(found(service('    scale: 2\n    deploy:\n      replicas: 3\n')), [['scale: 2', 'compose-invalid-value']]);
  assert.deepEqual(found(service('    scale: 2\n    deploy:\n      replicas: "2"\n')), []);
  assert.deepEqual(found(service('    deploy:\n      replicas: -1\n')), [['replicas: -1', 'compose-invalid-value']]);
});

test('cpus, mem_limit, mem_reservation and pids_limit agree with deploy.resources as compose reads them', () => {
  const same = service([
    '    cpus: 0.5', '    mem_limit: 512m', '    mem_reservation: 1g', '    pids_limit: 100',
    '    deploy:', '      resources:', '        limits:', '          cpus: "0.50"', '          memory: 536870912', '          pids: 100',
    '        reservations:', '          memory: 1024M', '',
  ].join('\n'));
  assert.deepEqual(found(same), []);
  const differ = same.replace('cpus: "0.50"', 'cpus: "1"').replace('memory: 1024M', 'memory: 2g');
  assert.deepEqual(found(differ), [['cpus: 0.5', 'compose-invalid-value'], ['mem_reservation: 1g', 'compose-invalid-value']]);
  // A limits section without the value: compose compares with 0 (validate.go:148).
  const missing = service('    cpus: 0.5\n    deploy:\n      resources:\n        limits:\n          memory: 1g\n');
  assert.deepEqual(found(missing), [['cpus: 0.5', 'compose-invalid-value']]);
  // ...unless a service it extends may set it.
  assert.deepEqual(found(`${missing}    extends: base\n  base:\n    image: x\n`), []);
  assert.deepEqual(found(service('    cpus: 0.5\n    deploy:\n      replicas: 1\n')), [], 'no limits section: nothing to compare');
});

test('a device request takes count or device_ids', () => {
  const text = service('    deploy:\n      resources:\n        reservations:\n          devices:\n            - capabilities: [gpu]\n              count: 1\n              device_ids: ["0"]\n');
  assert.deepEqual(found(text), [['device_ids: ["0"]', 'compose-invalid-value']]);
});

test('a watch rule that syncs needs a target; rebuild and restart do not', () => {
  const text = service('    develop:\n      watch:\n        - path: ./src\n          action: sync\n        - path: ./pkg\n          action: rebuild\n');
  assert.deepEqual(found(text).map(([, code]) => code), ['compose-missing-key']);
});

test('a tmpfs path and a volume target may not be the same; repeats compose drops are not reported', () => {
  const text = service('    tmpfs: [/data, /run]\n    volumes:\n      - ./d:/data/\n      - type: bind\n        source: ./r\n        target: /srv\n');
  assert.deepEqual(found(text), [['./d:/data/', 'compose-invalid-value']]);
  assert.deepEqual(found(service('    tmpfs: [/run, /run]\n')), []);
  assert.deepEqual(found(service('    tmpfs: ["/run:size=1m", /run]\n')), [['/run', 'compose-invalid-value']]);
});

test('secrets and configs need one source; an external volume takes only a name', () => {
  const text = [
    'services:', '  app:', '    image: x',
    'secrets:', '  both:', '    file: ./a', '    environment: A', '  none: {}', '  named:', '    name: n', '  ext:', '    external: true', '  env:', '    environment: A',
    'configs:', '  two:', '    file: ./a', '    content: x', '  nothing:', '    name: n', '  driven:', '    driver: d', '  out:', '    external: false', '  inline:', '    content: x',
    'volumes:', '  v:', '    external: true', '    driver: local', '  w:', '    external: true', '    name: real', '    x-note: 1', '  local:', '    driver: local', '',
  ].join('\n');
  assert.deepEqual(found(text, { [`${ROOT}/a`]: 'x' }), [
    ['environment: A', 'compose-invalid-value'],
    ['none', 'compose-missing-key'],
    ['named', 'compose-missing-key'],
    ['content: x', 'compose-invalid-value'],
    ['nothing', 'compose-missing-key'],
    ['driver: local', 'compose-invalid-value'],
  ]);
});

test('a secret or service another file of the project also defines is left to the merged project', () => {
  const files = { [`${ROOT}/compose.override.yaml`]: 'services:\n  app:\n    networks: !reset []\nsecrets:\n  token:\n    file: ./token\n' };
  const text = 'services:\n  app:\n    image: x\n    network_mode: host\n    networks: [default]\nsecrets:\n  token: {}\n';
  assert.deepEqual(found(text, files), []);
  assert.equal(found(text).length, 2);
});

test('a secret with only a driver passes in a file used as a stack', () => {
  const text = 'services:\n  app:\n    image: x\nsecrets:\n  vault:\n    driver: vault\n';
  assert.deepEqual(found(text), [['vault', 'compose-missing-key']]);
  assert.deepEqual(found(text, {}, `${ROOT}/docker-stack.yml`), []);
});

test('in a file compose reads only for extends, only the extended services are checked', () => {
  const files = { [`${ROOT}/compose.yaml`]: 'services:\n  web:\n    extends:\n      file: common.yaml\n      service: base\n' };
  const text = 'services:\n  base:\n    image: x\n    scale: 2\n    deploy:\n      replicas: 3\n  unused:\n    image: x\n    network_mode: host\n    networks: [default]\nsecrets:\n  token: {}\n';
  assert.deepEqual(found(text, files, `${ROOT}/common.yaml`), [['scale: 2', 'compose-invalid-value']]);
});

test('a volume in the long syntax needs a target', () => {
  const text = service('    volumes:\n      - type: bind\n        source: ./x\n      - type: volume\n        source: data\n        target: /data\nvolumes:\n  data:\n');
  assert.deepEqual(found(text, { [`${ROOT}/x`]: '' }).map(([at, code]) => [at.split('\n')[0], code]), [['type: bind', 'compose-missing-key']]);
});

test('a pre_start hook with per_replica is refused by up', () => {
  const text = service('    pre_start:\n      - command: ["migrate"]\n        per_replica: true\n      - command: ["seed"]\n        per_replica: false\n');
  assert.deepEqual(found(text), [['per_replica: true', 'compose-invalid-value']]);
});

test('network_mode and networks in one file are refused in any merge, also where another file of the project names the service (round 19)', () => {
  const base = { [`${ROOT}/docker-compose.yml`]: 'services:\n  torrent:\n    image: linuxserver/deluge\n    network_mode: service:vpn\n    networks: [local]\n  vpn:\n    image: qmcgaw/gluetun\nnetworks:\n  local:\n' };
  const variant = 'services:\n  torrent:\n    image: linuxserver/deluge\n    network_mode: service:vpn\n    networks:\n      - local\n  vpn:\n    image: qmcgaw/gluetun\nnetworks:\n  local:\n';
  assert.deepEqual(found(variant, { ...base, [`${ROOT}/.env`]: 'A=1\n' }, `${ROOT}/docker-compose-ssl.yml`), [['network_mode: service:vpn', 'compose-invalid-value']]);
  // An override that resets one of the two settles it (the test above); a problem a later file may replace (a healthcheck test) is left to the merged project.
});
