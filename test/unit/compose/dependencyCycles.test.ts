import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate, ROOT } from './helpers';

test('a cycle is reported on each depends_on entry in it', () => {
  const text = 'services:\n  a:\n    image: x\n    depends_on: [b]\n  b:\n    image: x\n    depends_on: [c]\n  c:\n    image: x\n    depends_on: [a]\n  d:\n    image: x\n    depends_on: [a]\n';
  const problems = findings(validate(text), 'compose-dependency-cycle');
  assert.deepEqual(problems.map((p) => covered(text, p)), ['b', 'c', 'a']);
  assert.match(problems[0]!.message, /"a", "b", "c"|"c", "b", "a"|cycle/);
});

test('a service depending on itself', () => {
  const text = 'services:\n  a:\n    image: x\n    depends_on:\n      a:\n        condition: service_started\n';
  const [problem] = findings(validate(text), 'compose-dependency-cycle');
  assert.match(problem!.message, /depends on itself/);
});

test('a chain without a loop passes', () => {
  const text = 'services:\n  a:\n    image: x\n    depends_on: [b]\n  b:\n    image: x\n    depends_on: [c]\n  c:\n    image: x\n';
  assert.deepEqual(findings(validate(text), 'compose-dependency-cycle'), []);
});

test('a long cycle names ten of its services and counts the rest, in every entry (one message, not one list per entry)', () => {
  const n = 1500;
  const text = `services:\n${Array.from({ length: n }, (_, i) => `  s${i}:\n    image: x\n    depends_on: [s${(i + 1) % n}]`).join('\n')}\n`;
  const problems = findings(validate(text), 'compose-dependency-cycle');
  assert.equal(problems.length, n);
  const message = problems[0]!.message;
  assert.match(message, /^Services ("s\d+", ){9}"s\d+" and 1490 more depend on each other in a cycle/);
  assert.ok(problems.every((p) => p.message === message));
});

test('links, volumes_from and a "service:" network, ipc or pid mode are dependencies too, so they close a cycle', () => {
  // compose-go Normalize turns each of them into a depends_on entry before it looks for cycles.
  const cases: [string, string[]][] = [
    ['services:\n  a:\n    image: x\n    links: ["b:db"]\n  b:\n    image: x\n    depends_on: [a]\n', ['b', 'a']],
    ['services:\n  a:\n    image: x\n    volumes_from: ["b:ro"]\n  b:\n    image: x\n    network_mode: "service:a"\n', ['b', 'a']],
    ['services:\n  a:\n    image: x\n    ipc: "service:b"\n  b:\n    image: x\n    pid: "service:a"\n', ['b', 'a']],
    ['services:\n  a:\n    image: x\n    network_mode: "service:a"\n', ['a']],
  ];
  for (const [text, expected] of cases) {
    assert.deepEqual(findings(validate(text), 'compose-dependency-cycle').map((p) => covered(text, p)), expected, text);
  }
  const container = 'services:\n  a:\n    image: x\n    volumes_from: ["container:b"]\n  b:\n    image: x\n    links: [a]\n';
  assert.deepEqual(findings(validate(container), 'compose-dependency-cycle'), []);
});

test('a loop made with the edges of a -f companion\'s base is not told: the companion may run alone; one with the default override is (round 29)', () => {
  const base = 'services:\n  monitor:\n    image: x\n  alertmanager:\n    image: y\n    depends_on: [monitor]\n';
  const companion = 'services:\n  alertmanager:\n    image: y\n  monitor:\n    image: x\n    depends_on: [alertmanager]\n';
  // docker-compose.test.yml is run with -f on its own by the project's script: alertmanager has no depends_on there.
  assert.deepEqual(findings(validate(companion, { files: { [`${ROOT}/docker-compose.yml`]: base } }, `${ROOT}/docker-compose.test.yml`), 'compose-dependency-cycle'), []);
  // The override is merged with its base whenever compose runs: the loop is certain.
  const override = 'services:\n  monitor:\n    depends_on: [alertmanager]\n';
  const found = findings(validate(override, { files: { [`${ROOT}/docker-compose.yml`]: base } }, `${ROOT}/docker-compose.override.yml`), 'compose-dependency-cycle');
  assert.deepEqual(found.map((p) => covered(override, p)), ['alertmanager']);
  // A loop within the companion itself still is.
  const own = 'services:\n  a:\n    image: x\n    depends_on: [b]\n  b:\n    image: x\n    depends_on: [a]\n';
  assert.equal(findings(validate(own, { files: { [`${ROOT}/docker-compose.yml`]: base } }, `${ROOT}/docker-compose.test.yml`), 'compose-dependency-cycle').length, 2);
});
