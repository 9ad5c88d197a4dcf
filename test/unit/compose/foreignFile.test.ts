import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findings, validate, ROOT } from './helpers';

const prometheus = 'global:\n  scrape_interval: 15s\nscrape_configs:\n  - job_name: node\n    static_configs:\n      - targets: ["node:9100"]\n';
const otel = 'receivers:\n  otlp:\n    protocols:\n      grpc: {}\nexporters:\n  debug: {}\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [debug]\n';

test('another tool\'s configuration opened as compose: one hint (nothing to act on), not an unknown key per key (round 9: 26 errors on mounted config files; round 20: 20 notes labelled noise as information)', () => {
  for (const [text, uri] of [[prometheus, `${ROOT}/prometheus.yml`], [otel, `${ROOT}/metrics/otel.config.yml`]] as const) {
    const all = validate(text, {}, uri);
    assert.deepEqual(all.map((d) => [d.code, d.severity, d.range.start.line]), [['compose-foreign-file', 4, 0]], uri);
  }
  assert.equal(validate(prometheus, {}, `${ROOT}/prometheus.yml`)[0]!.message, 'None of this file\'s top-level keys (global, ...) is one compose reads, and its name does not say compose: it looks like another tool\'s configuration, so it is not checked as a compose file.');
});

test('a file named for compose, and a file with one compose key or x- key are checked as compose', () => {
  // Named for compose: the unknown keys are the author's slips.
  assert.ok(findings(validate(prometheus, {}, `${ROOT}/docker-compose.yml`), 'compose-unknown-key').length > 0);
  assert.ok(findings(validate(otel, {}, `${ROOT}/monitoring.compose.yml`), 'compose-unknown-key').length > 0);
  // A stack.yml is another tool's where nothing in it is compose's (round 24: laconic-so's), but not where a misspelt section holds services.
  const laconic = 'version: "1.0"\nname: cryovial\ndescription: agent gateway\nrepos:\n  - github.com/cerc-io/exophial\ncontainers:\n  - laconic/cryovial\npods:\n  - cryovial\n';
  assert.deepEqual(validate(laconic, {}, `${ROOT}/stack.yml`).map((d) => [d.code, d.severity]), [['compose-foreign-file', 4]]);
  assert.ok(findings(validate(otel, {}, `${ROOT}/monitoring.stack.yml`), 'compose-foreign-file').length === 1);
  assert.ok(findings(validate('version: "3.8"\nservice:\n  web:\n    image: nginx\ndeploy: {}\n', {}, `${ROOT}/docker-stack.yml`), 'compose-unknown-key').length > 0);
  // CloudFormation's tags are its own: no YAML warning beside the note.
  assert.deepEqual(validate('AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub "${AWS::StackName}-b"\n', {}, `${ROOT}/stack.yml`).map((d) => d.code), ['compose-foreign-file']);
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
  assert.deepEqual(validate(tasks, {}, `${ROOT}/roles/docker/tasks/main.yml`).map((d) => [d.code, d.severity]), [['compose-foreign-file', 4]]);
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

test('another tool\'s file whatever its name says: a GitHub Actions workflow, a Kubernetes manifest (round 20: .github/workflows/multimedia-stack-deployment.yml drew unknown-key errors)', () => {
  const workflow = 'name: Deploy stack\non:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n';
  const all = validate(workflow, {}, `${ROOT}/deploy/multimedia-stack-deployment.yml`);
  assert.deepEqual(all.map((d) => [d.code, d.severity, d.range.start.line]), [['compose-foreign-file', 4, 1]]);
  assert.match(all[0]!.message, /^None of this file's top-level keys \(on, \.\.\.\) is one compose reads, and together they are another tool's/);
  assert.deepEqual(validate('apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n', {}, `${ROOT}/k8s/web-stack.yml`).map((d) => d.code), ['compose-foreign-file']);
  // With a key compose reads, it is a compose file with a slip.
  assert.ok(findings(validate('services:\n  web:\n    image: nginx\njobs: {}\non: {}\n', {}, `${ROOT}/docker-stack.yml`), 'compose-unknown-key').length > 0);
});

test('a file of the old format, services at the top, is a compose file whatever its name (round 20: the extends file common.yml)', () => {
  const v1 = 'web:\n  build: .\n  environment:\n    - HOST=database\n';
  const all = validate(v1, {}, `${ROOT}/common.yml`);
  assert.deepEqual(findings(all, 'compose-foreign-file'), []);
  assert.match(findings(all, 'compose-unknown-key')[0]!.message, /indent it under "services:"/);
});

test('a CI file by its place or name is never checked as compose, even with services: at the margin (round 21: a workflow whose heredoc writes a compose file)', () => {
  const workflow = 'name: CD\non:\n  push: {}\njobs:\n  deploy:\n    steps:\n      - run: |\n          cat > compose.yml <<EOF\nservices:\n  app:\n    image: ${{ github.repository }}\nEOF\n';
  for (const uri of [`${ROOT}/.github/workflows/cd.yml`, `${ROOT}/.gitlab-ci.yml`, `${ROOT}/.circleci/config.yml`]) {
    // The YAML error is the file's own (the heredoc's lines at the margin end the block), and stays.
    const all = validate(workflow, {}, uri).filter((d) => d.code !== 'compose-yaml-syntax');
    assert.deepEqual(all.map((d) => d.code), ['compose-foreign-file'], uri);
    assert.equal(all[0]!.severity, 4);
  }
  assert.ok(validate(workflow, {}, `${ROOT}/docker-compose.yml`).some((d) => d.code !== 'compose-foreign-file'));
});
