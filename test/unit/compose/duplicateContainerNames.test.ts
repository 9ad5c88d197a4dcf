import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate } from './helpers';

test('a container name used by two services is flagged on both', () => {
  const text = 'services:\n  a:\n    image: x\n    container_name: app\n  b:\n    image: x\n    container_name: app\n';
  const problems = findings(validate(text), 'compose-duplicate-container-name');
  assert.equal(problems.length, 2);
  assert.deepEqual(problems.map((p) => covered(text, p)), ['app', 'app']);
  assert.match(problems[0]!.message, /"b"/);
});

test('distinct container names pass', () => {
  const text = 'services:\n  a:\n    image: x\n    container_name: app-a\n  b:\n    image: x\n    container_name: app-b\n';
  assert.deepEqual(findings(validate(text), 'compose-duplicate-container-name'), []);
});

test('services that profiles keep apart may share a container name; a service without profiles clashes with each', () => {
  const apart = 'services:\n  cpu:\n    image: x\n    profiles: [cpu]\n    container_name: ollama\n  gpu:\n    image: x\n    profiles: [gpu-nvidia, gpu]\n    container_name: ollama\n';
  assert.deepEqual(findings(validate(apart), 'compose-duplicate-container-name'), []);
  const shared = apart.replace('profiles: [cpu]', 'profiles: [cpu, gpu]');
  assert.equal(findings(validate(shared), 'compose-duplicate-container-name').length, 2);
  const always = `${apart}  plain:\n    image: x\n    container_name: ollama\n`;
  const problems = findings(validate(always), 'compose-duplicate-container-name');
  assert.equal(problems.length, 3);
  assert.match(problems[0]!.message, /"plain"/);
  assert.doesNotMatch(problems[0]!.message, /"gpu"/);
  assert.match(problems[2]!.message, /"cpu", "gpu"/);
});

test('a container name several services take from one anchor is reported once, where it is written', () => {
  const text = 'x-svc: &svc\n  image: x\n  container_name: app\nservices:\n  a:\n    <<: *svc\n  b:\n    <<: *svc\n  c:\n    <<: *svc\n    profiles: [other]\n';
  const problems = findings(validate(text), 'compose-duplicate-container-name');
  assert.equal(problems.length, 1);
  assert.equal(covered(text, problems[0]!), 'app');
  assert.match(problems[0]!.message, /"a", "b", "c"/);
  // The anchor's services kept apart by profiles: nothing to report.
  const apart = text.replace('  a:\n    <<: *svc\n', '  a:\n    <<: *svc\n    profiles: [one]\n').replace('  b:\n    <<: *svc\n', '  b:\n    <<: *svc\n    profiles: [two]\n');
  assert.deepEqual(findings(validate(apart), 'compose-duplicate-container-name'), []);
});

test('services that are never started together (profiles with none in common) may share a container name', () => {
  // docker compose checks the names of the services it starts (CheckContainerNameUnicity over the enabled ones).
  const text = 'services:\n  dev:\n    image: x\n    container_name: app\n    profiles: [dev]\n  prod:\n    image: x\n    container_name: app\n    profiles: [prod]\n';
  assert.deepEqual(findings(validate(text), 'compose-duplicate-container-name'), []);
  const shared = 'services:\n  dev:\n    image: x\n    container_name: app\n    profiles: [dev, all]\n  prod:\n    image: x\n    container_name: app\n    profiles: [prod, all]\n  always:\n    image: x\n    container_name: other\n';
  assert.equal(findings(validate(shared), 'compose-duplicate-container-name').length, 2);
  const unprofiled = 'services:\n  dev:\n    image: x\n    container_name: app\n    profiles: [dev]\n  web:\n    image: x\n    container_name: app\n';
  assert.equal(findings(validate(unprofiled), 'compose-duplicate-container-name').length, 2);
});

test('container_name with more than one replica is flagged: compose refuses to give several containers one name', () => {
  const text = 'services:\n  a:\n    image: x\n    container_name: app\n    deploy:\n      replicas: 3\n  b:\n    image: x\n    container_name: b\n    scale: 2\n  c:\n    image: x\n    container_name: c\n    scale: 1\n    deploy:\n      replicas: 1\n  d:\n    image: x\n    container_name: d\n    scale: ${N}\n';
  const problems = findings(validate(text), 'compose-duplicate-container-name');
  assert.deepEqual(problems.map((p) => covered(text, p)), ['app', 'b']);
  assert.match(problems[0]!.message, /deploy\.replicas/);
  assert.match(problems[1]!.message, /scale/);
});

test('a clash only some profiles bring about is a warning (a plain up works); two services always started clash as an error', () => {
  const severities = (text: string) => findings(validate(text), 'compose-duplicate-container-name').map((d) => d.severity);
  assert.deepEqual(severities('services:\n  a:\n    image: x\n    container_name: app\n  b:\n    image: x\n    container_name: app\n    profiles: [legacy]\n'), [2, 2]);
  assert.deepEqual(severities('services:\n  a:\n    image: x\n    container_name: app\n  b:\n    image: x\n    container_name: app\n'), [1, 1]);
});

test('an overlay that runs more than one container of a service its base names with container_name (round 22)', () => {
  const base = { 'file:///project/docker-compose.yml': 'services:\n  api-gateway:\n    build: ./gw\n    container_name: retich-api-gateway\n  web:\n    image: nginx\n' };
  const prod = 'services:\n  api-gateway:\n    image: ghcr.io/acme/gw:1\n    deploy:\n      replicas: 2\n  web:\n    deploy:\n      replicas: 3\n';
  const found = findings(validate(prod, { files: base }, 'file:///project/docker-compose.prod.yml'), 'compose-duplicate-container-name');
  assert.equal(found.length, 1);
  assert.equal(covered(prod, found[0]!), '2');
  assert.equal(found[0]!.message, '"deploy.replicas" is 2 here, but docker-compose.yml names "api-gateway" container "retich-api-gateway": combined, compose refuses container_name with more than one container. Remove container_name there, or reset it here (container_name: !reset null).');
  // Reset or set in the overlay itself, one replica, or a stack file: not this finding.
  for (const text of [
    prod.replace('      replicas: 2\n', '      replicas: 1\n'),
    prod.replace('    deploy:\n      replicas: 2\n', '    container_name: !reset null\n    deploy:\n      replicas: 2\n'),
  ]) assert.deepEqual(findings(validate(text, { files: base }, 'file:///project/docker-compose.prod.yml'), 'compose-duplicate-container-name'), [], text);
  assert.deepEqual(findings(validate(prod, { files: base }, 'file:///project/docker-stack.yml'), 'compose-duplicate-container-name'), []);
  // A file whose every service has an image or a build may be run on its own (round 11: -f docker-compose.prod.yml alone).
  const whole = 'services:\n  api-gateway:\n    build: ./gw\n    deploy:\n      replicas: 2\n  web:\n    image: nginx\n';
  assert.deepEqual(findings(validate(whole, { files: base }, 'file:///project/docker-compose.prod.yml'), 'compose-duplicate-container-name'), []);
});
