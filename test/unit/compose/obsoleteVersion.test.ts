import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate } from './helpers';

test('the top-level version is obsolete and tagged unnecessary', () => {
  const text = 'version: "3.8"\nservices:\n  web:\n    image: nginx\n';
  const diagnostics = validate(text);
  assert.equal(diagnostics.length, 1);
  const [problem] = findings(diagnostics, 'compose-obsolete-version');
  assert.equal(problem!.severity, 2);
  assert.equal(covered(text, problem!), 'version: "3.8"');
  assert.deepEqual(problem!.tags, [1]);
});

test('a numeric version is not also a type error', () => {
  assert.deepEqual(validate('version: 3.8\nservices: {}\n').map((d) => d.code), ['compose-obsolete-version']);
});

test('no version, no finding; the rule can be turned off', () => {
  assert.deepEqual(validate('services:\n  web:\n    image: nginx\n'), []);
  assert.deepEqual(validate('version: "3"\nservices: {}\n', { rules: { 'compose-obsolete-version': 'off' } }), []);
});

const replicasOf = (version: string) => `version: "${version}"\nservices:\n  web:\n    image: nginx\n    deploy:\n      replicas: 2\n`;

test('not in a file that may be a stack file: Swarm-only deploy keys or overlay networks whatever the name, or a stack name with any deploy section', () => {
  const code = 'compose-obsolete-version';
  const placed = 'version: "3.8"\nservices:\n  web:\n    image: nginx\n    deploy:\n      placement:\n        constraints: [node.role == manager]\n';
  assert.deepEqual(findings(validate(placed, {}, 'file:///project/mailer/docker-compose.yml'), code), []);
  const overlay = 'version: "3.8"\nservices:\n  web:\n    image: nginx\nnetworks:\n  public:\n    driver: overlay\n';
  assert.deepEqual(findings(validate(overlay), code), []);
  const labelled = 'version: "3.8"\nservices:\n  web:\n    image: nginx\n    deploy:\n      labels: [traefik.enable=true]\n';
  assert.deepEqual(findings(validate(labelled, {}, 'file:///project/docker-stack-traefik.yml'), code), []);
  // Traefik's Swarm provider in a label, and an attachable network (round 8).
  const traefik = 'version: "3.9"\nservices:\n  web:\n    image: nginx\n    deploy:\n      labels:\n        - traefik.swarm.network=public\n        - traefik.http.routers.web.middlewares=authentik@swarm\n';
  assert.deepEqual(findings(validate(traefik), code), []);
  const attachable = 'version: "3.7"\nservices:\n  ui:\n    networks: [default]\nnetworks:\n  default:\n    attachable: true\n';
  assert.deepEqual(findings(validate(attachable), code), []);
  // Named for Swarm, with a deploy section compose also reads (round 7: docker-compose.swarm.yml).
  assert.deepEqual(findings(validate(replicasOf('3.9'), {}, 'file:///project/docker-compose.swarm.yml'), code), []);
  // Traefik's labels under deploy.labels: Traefik reads them only from a Swarm service (round 9: chutch3's apps).
  assert.deepEqual(findings(validate(labelled, {}, 'file:///project/docker-compose.yml'), code), []);
  const mapped = 'version: "3.8"\nservices:\n  web:\n    image: nginx\n    deploy:\n      labels:\n        traefik.http.routers.web.rule: Host(`a.example`)\n';
  assert.deepEqual(findings(validate(mapped, {}, 'file:///project/docker-compose.yml'), code), []);
  // Other deploy labels in a compose file not named for a stack, Traefik's labels on the container, or deploy keys compose applies, keep the warning.
  const other = labelled.replace('traefik.enable=true', 'com.example.team=web');
  assert.equal(findings(validate(other, {}, 'file:///project/docker-compose.yml'), code).length, 1);
  const container = 'version: "3.8"\nservices:\n  web:\n    image: nginx\n    labels: [traefik.enable=true]\n';
  assert.equal(findings(validate(container, {}, 'file:///project/docker-compose.yml'), code).length, 1);
  const replicas = 'version: "3.8"\nservices:\n  web:\n    image: nginx\n    deploy:\n      replicas: 2\n';
  assert.equal(findings(validate(replicas), code).length, 1);
});

test('not in an override of a file that may be a stack file: the two go to docker stack deploy together', () => {
  const base = 'version: "3.8"\nservices:\n  web:\n    image: nginx\n    deploy:\n      placement:\n        constraints: [node.role == manager]\n';
  const override = 'version: "3.8"\nservices:\n  web:\n    environment: [A=1]\n';
  assert.deepEqual(findings(validate(override, { files: { 'file:///project/compose.yaml': base } }, 'file:///project/compose.override.yaml'), 'compose-obsolete-version'), []);
  assert.equal(findings(validate(override, { files: { 'file:///project/compose.yaml': 'services:\n  web:\n    image: nginx\n' } }, 'file:///project/compose.override.yaml'), 'compose-obsolete-version').length, 1);
});

test('not in a file deployed as a stack by a script or README near it, in a folder named for Swarm, or named docker-stack-*.yml (round 10)', () => {
  const code = 'compose-obsolete-version';
  const text = 'version: "3.8"\nservices:\n  web:\n    image: nginx\n    restart: always\n';
  // deploy.sh beside it, or in a subfolder (Jenkins/deploy.sh), or a README above it.
  for (const [script, body] of [
    ['file:///w/project/deploy.sh', '#!/bin/sh\ndocker stack deploy --compose-file docker-compose.yaml project\n'],
    ['file:///w/project/Jenkins/deploy.sh', 'ssh manager "docker stack deploy -c docker-compose.yaml animals"\n'],
    ['file:///w/README.md', 'Deploy with `docker stack deploy -c project/docker-compose.yaml app`.\n'],
  ]) {
    const files = { [script!]: body! };
    assert.deepEqual(findings(validate(text, { files }, 'file:///w/project/docker-compose.yaml'), code), [], script);
  }
  // The script deploys another file, or runs compose: the warning stays.
  assert.equal(findings(validate(text, { files: { 'file:///w/project/deploy.sh': 'docker stack deploy -c other.yml app\ndocker compose -f docker-compose.yaml up -d\n' } }, 'file:///w/project/docker-compose.yaml'), code).length, 1);
  // A comment in the file itself, a folder named for Swarm, a docker-stack-*.yml name.
  assert.deepEqual(findings(validate(`# docker stack deploy --compose-file docker-swarm.yaml demo\n${text}`, {}, 'file:///project/docker-swarm.yaml'), code), []);
  assert.deepEqual(findings(validate(text, {}, 'file:///project/swarm/mongo.yml'), code), []);
  assert.deepEqual(findings(validate(text, {}, 'file:///w/docker-stack-python-app/docker-compose.yml'), code), []);
  assert.deepEqual(findings(validate(text, {}, 'file:///project/docker-stack-db.yml'), code), []);
  assert.equal(findings(validate(text, {}, 'file:///project/swarming-bees/docker-compose.yml'), code).length, 1);
  assert.equal(findings(validate(text, {}, 'file:///w/docker-stacks/media/docker-compose.yml'), code).length, 1);
});
