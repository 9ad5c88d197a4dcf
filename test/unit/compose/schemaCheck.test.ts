import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate, ROOT } from './helpers';

test('an unknown key is reported once with a suggestion', () => {
  const text = 'services:\n  web:\n    imag: nginx\n';
  const diagnostics = validate(text);
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0]!.code, 'compose-unknown-key');
  assert.equal(covered(text, diagnostics[0]!), 'imag');
  assert.match(diagnostics[0]!.message, /Did you mean "image"\?/);
});

test('unknown keys in nested blocks name the place', () => {
  const text = 'services:\n  web:\n    build:\n      contxt: .\n';
  const [problem] = findings(validate(text), 'compose-unknown-key');
  assert.match(problem!.message, /services\.web\.build/);
});

test('a service at the top level gets a hint to indent it', () => {
  const [problem] = findings(validate('services: {}\nweb:\n  image: nginx\n'), 'compose-unknown-key');
  assert.match(problem!.message, /indent it under "services:"/);
});

test('x- extension keys are allowed at every level that allows them', () => {
  const text = 'x-defaults: &d\n  restart: always\nservices:\n  web:\n    x-note: hello\n    <<: *d\n    image: nginx\n';
  assert.deepEqual(validate(text), []);
});

test('a wrong kind of value is one message, even where the schema has alternatives', () => {
  const text = 'services:\n  web:\n    image: nginx\n    depends_on: db\n';
  const diagnostics = validate(text);
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0]!.code, 'compose-invalid-type');
  assert.equal(diagnostics[0]!.message, '"depends_on" must be a list of strings or a mapping, not a string.');
});

test('the matching alternative is checked in depth (depends_on long form)', () => {
  const text = 'services:\n  db:\n    image: postgres\n  web:\n    image: nginx\n    depends_on:\n      db:\n        condition: service_healty\n';
  const [problem] = findings(validate(text), 'compose-invalid-value');
  assert.ok(problem);
  assert.equal(covered(text, problem), 'service_healty');
  assert.match(problem.message, /Did you mean "service_healthy"/);
});

test('a missing required key is reported at the key that holds the block', () => {
  const text = 'services:\n  db:\n    image: postgres\n  web:\n    image: nginx\n    depends_on:\n      db:\n        restart: true\n';
  const [problem] = findings(validate(text), 'compose-missing-key');
  assert.ok(problem);
  assert.equal(covered(text, problem), 'db');
  assert.match(problem.message, /"condition"/);
});

test('pattern and range violations are invalid values', () => {
  const text = 'services:\n  web:\n    image: nginx\n    pull_policy: sometimes\n    oom_score_adj: 5000\n';
  const problems = findings(validate(text), 'compose-invalid-value');
  assert.deepEqual(problems.map((p) => covered(text, p)), ['sometimes', '5000']);
});

test('duplicate list items are flagged on the repeat: an error where compose refuses them, a faded hint where it drops them', () => {
  // compose-go merges these lists by key before it validates (override.EnforceUnicity): the file runs.
  const text = 'services:\n  web:\n    image: nginx\n    cap_add: [NET_ADMIN, SYS_TIME, NET_ADMIN]\n    environment:\n      - A=1\n      - A=1\n';
  const problems = findings(validate(text), 'compose-duplicate-item');
  assert.deepEqual(problems.map((p) => [p.range.start.line, p.range.start.character, p.severity, p.tags]), [[3, 35, 4, [1]], [6, 8, 4, [1]]]);
  assert.match(problems[0]!.message, /compose keeps only one/);
  // Lists it does not merge keep the schema's rule: compose refuses the file.
  const refused = findings(validate('services:\n  web:\n    image: nginx\n    depends_on: [db, db]\n    security_opt: [seccomp:unconfined, seccomp:unconfined]\n  db:\n    image: postgres\n'), 'compose-duplicate-item');
  assert.deepEqual(refused.map((p) => [p.range.start.line, p.severity]), [[3, 1], [4, 1]]);
});

test('interpolated values pass type checks, and !reset values are not checked', () => {
  const text = 'services:\n  web:\n    image: nginx\n    use_api_socket: ${USE_SOCKET}\n    build: !reset null\n';
  assert.deepEqual(validate(text), []);
});

test('deprecated keys are warnings tagged deprecated', () => {
  const text = 'services:\n  web:\n    image: nginx\nvolumes:\n  data:\n    external:\n      name: real\n';
  const [problem] = findings(validate(text), 'compose-deprecated-key');
  assert.ok(problem);
  assert.equal(problem.severity, 2);
  assert.deepEqual(problem.tags, [2]);
});

test('external.name is not deprecated in a stack file of a version whose schema has no "name" for that resource (docker stack deploy validates against it)', () => {
  const code = 'compose-deprecated-key';
  const stack = (version: string) => `version: '${version}'\nservices:\n  api:\n    image: app\n    deploy:\n      update_config:\n        order: start-first\nnetworks:\n  proxy:\n    external:\n      name: traefik_proxy\nvolumes:\n  data:\n    external:\n      name: data\n`;
  // 3.4: networks have no "name" yet, volumes do.
  assert.deepEqual(findings(validate(stack('3.4'), {}, 'file:///p/docker-compose.swarm.yml'), code).map((d) => d.range.start.line), [14]);
  assert.deepEqual(findings(validate(stack('3.3'), {}, 'file:///p/docker-compose.swarm.yml'), code), []);
  assert.equal(findings(validate(stack('3.8'), {}, 'file:///p/docker-compose.swarm.yml'), code).length, 2);
  // Not a stack file: compose reads it by the Compose Specification, whatever version it declares.
  const plain = "version: '3.3'\nservices:\n  api:\n    image: app\nnetworks:\n  proxy:\n    external:\n      name: traefik_proxy\n";
  assert.match(findings(validate(plain), code)[0]!.message, /^external\.name is deprecated: name the network with its own "name" key/);
});

test('a file that is not a mapping is one message', () => {
  const diagnostics = validate('- a\n- b\n');
  assert.deepEqual(diagnostics.map((d) => d.code), ['compose-invalid-type']);
});

test('depends_on "required" written as a string compose casts to a boolean passes; one it cannot cast does not', () => {
  // compose-go casts depends_on.*.required with toBoolean while interpolating, before the schema sees it.
  for (const value of ['"false"', '"True"', 'no', 'yes', 'off', '"ON"']) {
    const text = `services:\n  db:\n    image: x\n  web:\n    image: x\n    depends_on:\n      db:\n        condition: service_started\n        required: ${value}\n`;
    assert.deepEqual(findings(validate(text), 'compose-invalid-type'), [], value);
  }
  const text = 'services:\n  db:\n    image: x\n  web:\n    image: x\n    depends_on:\n      db:\n        condition: service_started\n        required: sometimes\n';
  assert.equal(findings(validate(text), 'compose-invalid-type').length, 1);
});

test('a string compose must convert to a boolean or a number and cannot is reported; one it can convert passes', () => {
  // compose-go casts the strings at these places while interpolating (loader/interpolate.go) and
  // refuses the file when the cast fails.
  const bad: [string, string][] = [
    ['services:\n  web:\n    image: x\n    privileged: "maybe"\n', '"maybe"'],
    ['services:\n  web:\n    image: x\n    deploy:\n      replicas: "two"\n', '"two"'],
    ['services:\n  web:\n    image: x\n    cpus: "half"\n', '"half"'],
    ['services:\n  web:\n    image: x\n    ulimits:\n      nofile: "lots"\n', '"lots"'],
    ['services:\n  web:\n    image: x\n    volumes:\n      - type: volume\n        target: /d\n        read_only: "ro"\n', '"ro"'],
    ['services:\n  web:\n    image: x\n    networks: [n]\nnetworks:\n  n:\n    external: "maybe"\n', '"maybe"'],
  ];
  for (const [text, value] of bad) {
    const problems = findings(validate(text), 'compose-invalid-type');
    assert.deepEqual(problems.map((p) => covered(text, p)), [value], text);
  }
  const good = [
    'services:\n  web:\n    image: x\n    privileged: "Yes"\n    tty: "off"\n    cpus: "0.5"\n    cpu_shares: "+512"\n    scale: "2"\n    healthcheck:\n      retries: "03"\n    ulimits:\n      nofile:\n        soft: "1024"\n        hard: "2048"\n',
    'services:\n  web:\n    image: x\n    privileged: ${PRIV:-false}\n    deploy:\n      replicas: "${N}"\n',
    'services:\n  web:\n    image: x\nvolumes:\n  v:\n    external: "true"\n',
  ];
  for (const text of good) assert.deepEqual(findings(validate(text), 'compose-invalid-type'), [], text);
});

test('an empty section is no change in a file layered on a base, and refused in a file loaded alone', () => {
  const overlay = 'services:\n\nvolumes:\n  data:\n';
  const base = { 'file:///project/docker-compose.yml': 'services:\n  web:\n    image: nginx\n' };
  // laradock's docker-compose.sync.yml: compose-go merges the empty services as the base's.
  assert.deepEqual(findings(validate(overlay, { files: base }, 'file:///project/docker-compose.sync.yml'), 'compose-invalid-type'), []);
  assert.deepEqual(findings(validate(overlay, { files: base }, 'file:///project/docker-compose.override.yml'), 'compose-invalid-type'), []);
  // Alone (a default name, or no base beside it), compose validates the empty value and refuses it.
  assert.equal(findings(validate(overlay, { files: base }, 'file:///project/docker-compose.yml'), 'compose-invalid-type').length, 1);
  assert.equal(findings(validate(overlay, {}, 'file:///project/docker-compose.sync.yml'), 'compose-invalid-type').length, 1);
  // A wrong kind is still wrong in a layer: a list is not "no change".
  assert.equal(findings(validate('services: []\n', { files: base }, 'file:///project/docker-compose.sync.yml'), 'compose-invalid-type').length, 1);
});

test('a key left null in a layer keeps the base\'s value, so only a file loaded alone or a key no base gives is refused (round 18)', () => {
  const base = { 'file:///project/docker-compose.yml': 'services:\n  app:\n    build: .\n    image: app\n' };
  const layer = 'services:\n  app:\n    build: null\n    image: ghcr.io/acme/app:${TAG}\n    healthcheck:\n';
  const types = (text: string, files: Record<string, string>, uri: string) => findings(validate(text, { files }, uri), 'compose-invalid-type').map((d) => d.message);
  // build: null merges as the base's build; healthcheck, which no base gives, stays null and is refused.
  assert.deepEqual(types(layer, base, 'file:///project/docker-compose.prod.yml'), ['"healthcheck" must be a mapping, not empty.']);
  // Alone, both are refused.
  assert.equal(types(layer, {}, 'file:///project/docker-compose.prod.yml').length, 2);
});

test('a long-form depends_on entry without condition takes the one a file before it or the service it extends gives', () => {
  // compose-go validates each file merged onto the canonical files before it (transform/dependson.go, override/merge.go mergeDependsOn).
  const base = 'services:\n  web:\n    image: nginx\n    depends_on: [db]\n  db:\n    image: postgres\n  cache:\n    image: redis\n';
  const files = { [`${ROOT}/compose.yaml`]: base };
  const override = 'services:\n  web:\n    depends_on:\n      db:\n        restart: true\n      cache:\n        required: false\n';
  const missing = findings(validate(override, { files }, `${ROOT}/compose.override.yaml`), 'compose-missing-key');
  assert.deepEqual(missing.map((p) => covered(override, p)), ['cache'], 'db has a condition from compose.yaml; cache has none');
  // The base file is read first: the override's entries do not help it.
  const own = 'services:\n  web:\n    image: nginx\n    depends_on:\n      db:\n        restart: true\n  db:\n    image: postgres\n';
  const overFiles = { [`${ROOT}/compose.override.yaml`]: 'services:\n  web:\n    depends_on: [db]\n' };
  assert.equal(findings(validate(own, { files: overFiles }), 'compose-missing-key').length, 1);
  // extends merges the base service in first.
  const extended = 'services:\n  base:\n    image: x\n    depends_on: [db]\n  web:\n    extends: base\n    depends_on:\n      db:\n        restart: true\n  db:\n    image: postgres\n';
  assert.deepEqual(findings(validate(extended), 'compose-missing-key'), []);
});

test('empty items left to fill in are each wrong on their own, not repeats of one another (round 36: `- # comment` placeholders)', () => {
  const text = 'services:\n  web:\n    image: nginx\n    volumes:\n      - # the app folder\n      - # the .env file\n';
  assert.deepEqual(findings(validate(text), 'compose-duplicate-item'), []);
  assert.ok(validate(text).some((d) => d.code === 'compose-invalid-type'));
});
