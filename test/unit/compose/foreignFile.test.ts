import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findings, validate, ROOT } from './helpers';

const prometheus = 'global:\n  scrape_interval: 15s\nscrape_configs:\n  - job_name: node\n    static_configs:\n      - targets: ["node:9100"]\n';
const otel = 'receivers:\n  otlp:\n    protocols:\n      grpc: {}\nexporters:\n  debug: {}\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [debug]\n';

test('another tool\'s configuration opened as compose: one note, not an unknown key per key (round 9: 26 errors on mounted config files)', () => {
  for (const [text, uri] of [[prometheus, `${ROOT}/prometheus.yml`], [otel, `${ROOT}/metrics/otel.config.yml`]] as const) {
    const all = validate(text, {}, uri);
    assert.deepEqual(all.map((d) => [d.code, d.severity, d.range.start.line]), [['compose-foreign-file', 3, 0]], uri);
  }
  assert.equal(validate(prometheus, {}, `${ROOT}/prometheus.yml`)[0]!.message, 'None of this file\'s top-level keys (global, ...) is one compose reads, and its name does not say compose: it looks like another tool\'s configuration, so it is not checked as a compose file.');
});

test('a file named for compose, and a file with one compose key or x- key are checked as compose', () => {
  // Named for compose: the unknown keys are the author's slips.
  assert.ok(findings(validate(prometheus, {}, `${ROOT}/docker-compose.yml`), 'compose-unknown-key').length > 0);
  assert.ok(findings(validate(otel, {}, `${ROOT}/monitoring.stack.yml`), 'compose-unknown-key').length > 0);
  const typo = 'service:\n  web:\n    image: nginx\n';
  assert.equal(findings(validate(typo, {}, `${ROOT}/compose.yaml`), 'compose-unknown-key')[0]?.message, 'Unknown key "service" in the top level. Did you mean "services"?');
  // Elsewhere a single key near a compose key is another tool's too (blackbox-exporter's "modules"), and version and name are in many tools' files.
  assert.equal(findings(validate('modules:\n  http_2xx:\n    prober: http\n', {}, `${ROOT}/blackbox.yml`), 'compose-foreign-file').length, 1);
  assert.equal(findings(validate('version: 1.2.1\ncache: true\nendpoints: {}\n', {}, `${ROOT}/librechat.yaml`), 'compose-foreign-file').length, 1);
  for (const text of ['services:\n  web:\n    image: nginx\nfoo: 1\n', 'x-common: &c\n  restart: always\nbar: 1\n', 'volumes:\n  data: {}\nglobal: 1\n']) {
    assert.deepEqual(findings(validate(text, {}, `${ROOT}/base.yml`), 'compose-foreign-file'), [], text);
  }
});

test('a top-level list not named for compose is another tool\'s file (round 10: Ansible task files)', () => {
  const tasks = '---\n- name: install docker\n  apt:\n    name: docker.io\n';
  assert.deepEqual(validate(tasks, {}, `${ROOT}/roles/docker/tasks/main.yml`).map((d) => [d.code, d.severity]), [['compose-foreign-file', 3]]);
  // Named for compose, the list is the author's slip: compose refuses it.
  assert.equal(findings(validate(tasks, {}, `${ROOT}/docker-compose.yml`), 'compose-foreign-file').length, 0);
});

test('a file named for compose whose keys are all indented is a fragment another file or script pastes in: one hint, no unknown keys (round 15)', () => {
  const fragment = '  search-pg:\n    ports:\n      - "5432:5432"\n\n  search:\n    environment:\n      DEBUG: "on"\n';
  const all = validate(fragment, {}, `${ROOT}/templates/docker-compose.override-dev.yml`);
  assert.deepEqual(all.map((d) => [d.code, d.severity, d.range.start.line]), [['compose-foreign-file', 4, 0]]);
  assert.match(all[0]!.message, /fragment/);
  // A compose file with its keys at the margin, or an indented one with a key compose reads, is checked.
  for (const text of ['search:\n  image: x\n', '  services:\n    web:\n      image: x\n', '  version: "3"\n  web:\n    image: x\n']) {
    assert.deepEqual(findings(validate(text, {}, `${ROOT}/docker-compose.yml`), 'compose-foreign-file'), [], text);
  }
});
