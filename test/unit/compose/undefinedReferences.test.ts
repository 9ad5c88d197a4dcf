import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate, ROOT } from './helpers';

const base = (body: string) => `services:\n  db:\n    image: redis\n  web:\n    image: nginx\n${body}`;

test('undefined services in every referring form are errors at the name', () => {
  const text = base([
    '    depends_on: [db, cache]',
    '    links: ["dbx:database"]',
    '    volumes_from: [store:ro, "container:other"]',
    '    network_mode: service:proxy',
    '    extends: basis',
    '',
  ].join('\n'));
  const problems = findings(validate(text), 'compose-undefined-service');
  assert.deepEqual(problems.map((p) => covered(text, p)), ['cache', 'dbx', 'store', 'proxy', 'basis']);
  assert.ok(problems.every((p) => p.severity === 1));
  assert.match(problems[1]!.message, /Did you mean "db"\?/);
});

test('depends_on in the map form is checked by key', () => {
  const text = base('    depends_on:\n      cache:\n        condition: service_started\n');
  assert.deepEqual(findings(validate(text), 'compose-undefined-service').map((p) => covered(text, p)), ['cache']);
});

test('defined references pass', () => {
  const text = base([
    '    depends_on: { db: { condition: service_healthy } }',
    '    volumes: [data:/data, ./src:/src, /abs:/abs, /anon, "${HOST_DIR}:/h"]',
    '    networks: [front, default]',
    '    secrets: [pw, { source: pw, target: p }]',
    '    configs: [conf]',
    'volumes: { data: {} }',
    'networks: { front: {} }',
    'secrets: { pw: { file: ./pw.txt } }',
    'configs: { conf: { content: x } }',
    '',
  ].join('\n'));
  const codes = validate(text).map((d) => d.code).filter((c) => c.startsWith('compose-undefined'));
  assert.deepEqual(codes, []);
});

test('named volumes, networks, secrets and configs must be declared', () => {
  const text = base([
    '    volumes:',
    '      - data:/data',
    '      - type: volume',
    '        source: cache',
    '        target: /cache',
    '      - type: bind',
    '        source: ./x',
    '        target: /x',
    '    networks: { back: {} }',
    '    secrets: [pw]',
    '    configs: [{ source: conf }]',
    '',
  ].join('\n'));
  const diagnostics = validate(text);
  assert.deepEqual(findings(diagnostics, 'compose-undefined-volume').map((p) => covered(text, p)), ['data', 'cache']);
  assert.deepEqual(findings(diagnostics, 'compose-undefined-network').map((p) => covered(text, p)), ['back']);
  assert.deepEqual(findings(diagnostics, 'compose-undefined-secret').map((p) => covered(text, p)), ['pw']);
  assert.deepEqual(findings(diagnostics, 'compose-undefined-config').map((p) => covered(text, p)), ['conf']);
  assert.deepEqual(findings(diagnostics, 'compose-undefined-volume')[0]!.data, { declare: { section: 'volumes', name: 'data' } });
});

test('names declared in the override file or an included file count', () => {
  const text = base('    depends_on: [cache, queue]\ninclude:\n  - other/compose.yaml\n');
  const files = {
    [`${ROOT}/compose.override.yaml`]: 'services:\n  cache:\n    image: redis\n',
    [`${ROOT}/other/compose.yaml`]: 'services:\n  queue:\n    image: rabbitmq\n',
  };
  assert.deepEqual(findings(validate(text, { files }), 'compose-undefined-service'), []);
});

test('in a file combined through -f, unknown names are warnings; the default file beside it is consulted', () => {
  const text = 'services:\n  tests:\n    image: t\n    depends_on: [frontend, web]\n';
  const files = { [`${ROOT}/compose.yaml`]: 'services:\n  web:\n    image: nginx\n' };
  const problems = findings(validate(text, { files }, `${ROOT}/compose.tests.yaml`), 'compose-undefined-service');
  assert.deepEqual(problems.map((p) => [covered(text, p), p.severity]), [['frontend', 2]]);
});

test('an overlay in a subfolder, combined through -f with a compose file of the folder above, takes that file\'s names (round 7)', () => {
  const files = {
    [`${ROOT}/docker-compose.local.yml`]: 'services:\n  api:\n    image: a\nnetworks:\n  rabbit_net:\n',
    [`${ROOT}/overrides/docker-compose.override.producer.yml`]: '',
  };
  const text = 'services:\n  api:\n    environment: {PRODUCER: "true"}\n    networks: [rabbit_net, other_net]\n';
  const diagnostics = validate(text, { files }, `${ROOT}/overrides/docker-compose.override.producer.yml`);
  assert.deepEqual(diagnostics.map((d) => [d.code, covered(text, d), d.severity]), [['compose-undefined-network', 'other_net', 2]]);
});

test('in a file combined through -f, a name another compose file of its folder declares is not reported', () => {
  // A project split into common, dev and db files, combined by a script; and a file others extend from.
  const files = {
    [`${ROOT}/docker-compose.common.yml`]: 'networks:\n  backend:\nvolumes:\n  static:\n',
    [`${ROOT}/docker-compose.postgres.yml`]: 'services:\n  db:\n    image: postgres\n',
    [`${ROOT}/docker-compose.dev.yml`]: 'services:\n  app:\n    extends: {file: docker-compose.base.yml, service: app}\nvolumes:\n  home:\n',
    [`${ROOT}/notes.yml`]: 'services:\n  cache:\n    image: redis\n',
  };
  const text = 'services:\n  app:\n    image: a\n    depends_on: [db, cache]\n    networks: [backend]\n    volumes: [static:/s, home:/h, other:/o]\n';
  const diagnostics = validate(text, { files }, `${ROOT}/docker-compose.base.yml`);
  assert.deepEqual(diagnostics.map((d) => [d.code, covered(text, d), d.severity]), [
    ['compose-undefined-service', 'cache', 2],
    ['compose-undefined-volume', 'other', 2],
  ], 'only what no compose file of the folder declares (notes.yml is not one)');
  // The default file is loaded on its own: what only a -f file declares is still missing there.
  const own = validate(text, { files }, `${ROOT}/docker-compose.yml`);
  assert.deepEqual(findings(own, 'compose-undefined-service').map((d) => [covered(text, d), d.severity]), [['db', 1], ['cache', 1]]);
});

test('extends with a file checks the service in that file', () => {
  const text = 'services:\n  web:\n    extends:\n      file: common.yaml\n      service: bse\n';
  const files = { [`${ROOT}/common.yaml`]: 'services:\n  base:\n    image: nginx\n' };
  const [problem] = findings(validate(text, { files }), 'compose-undefined-service');
  assert.equal(covered(text, problem!), 'bse');
  assert.match(problem!.message, /common\.yaml.*"base"/);
});

test('references inside a merged anchor are checked once, where they are written', () => {
  const text = 'x-deps: &deps\n  depends_on: [nowhere]\nservices:\n  a:\n    image: x\n    <<: *deps\n  b:\n    image: x\n    <<: *deps\n';
  const problems = findings(validate(text), 'compose-undefined-service');
  assert.equal(problems.length, 1);
  assert.equal(covered(text, problems[0]!), 'nowhere');
});

test('an overlay in a subfolder uses the base project\'s names and paths without warnings', () => {
  const files = {
    [`${ROOT}/docker-compose.yml`]: 'services:\n  elasticsearch:\n    image: e\nnetworks:\n  elk:\n',
    [`${ROOT}/extensions/filebeat/Dockerfile`]: 'FROM scratch\n',
  };
  const text = 'services:\n  filebeat:\n    build:\n      context: extensions/filebeat/\n    networks: [elk, other]\n    depends_on: [elasticsearch]\n';
  const diagnostics = validate(text, { files }, `${ROOT}/extensions/filebeat/filebeat-compose.yml`);
  assert.deepEqual(diagnostics.map((d) => `${d.code} ${d.severity}`), ['compose-undefined-network 2'], 'only "other", which nothing declares, as a -f file\'s warning');
});

test('a name only a user-created file could declare is a warning that says so', () => {
  const files = { [`${ROOT}/compose.override.yaml.example`]: 'secrets:\n  token:\n    file: ./token.txt\n' };
  const text = 'services:\n  web:\n    image: nginx\n    secrets: [token, other]\n';
  const [token, other] = findings(validate(text, { files }), 'compose-undefined-secret');
  assert.equal(token!.severity, 2);
  assert.match(token!.message, /Only compose.override.yaml.example declares it.*create compose.override.yaml from it/);
  assert.equal(other!.severity, 2);
  assert.match(other!.message, /may be declared in compose.override.yaml, which does not exist here: create it from compose.override.yaml.example/);
  assert.equal(findings(validate(text), 'compose-undefined-secret')[0]!.severity, 1, 'without the example it is an error');
});

test('an empty name refers to nothing: an error on the value as written, in every referring form', () => {
  const text = base([
    '    depends_on: [db, ""]',
    '    links: [":alias"]',
    '    network_mode: "service:"',
    "    extends: ''",
    '    secrets: [""]',
    '    configs: [{ source: "" }]',
    '  api:',
    '    image: nginx',
    '    networks: [""]',
    '    models: [""]',
    '',
  ].join('\n'));
  const diagnostics = validate(text).filter((d) => d.code.startsWith('compose-undefined'));
  assert.deepEqual(diagnostics.map((d) => `${d.code.slice('compose-undefined-'.length)} ${covered(text, d)}`), [
    'service ""', 'service ":alias"', 'service "service:"', "service ''", 'secret ""', 'config ""', 'network ""', 'model ""',
  ]);
  assert.ok(diagnostics.every((d) => d.severity === 1 && /name is empty/.test(d.message)));
});

test('an empty volume source is an anonymous volume, and an empty key is left to the name check', () => {
  const text = base([
    '    volumes:',
    '      - type: volume',
    '        source: ""',
    '        target: /cache',
    '    depends_on:',
    '      "":',
    '        condition: service_started',
    '',
  ].join('\n'));
  const diagnostics = validate(text);
  assert.deepEqual(diagnostics.filter((d) => d.code.startsWith('compose-undefined')), []);
  assert.deepEqual(diagnostics.map((d) => `${d.code} ${covered(text, d)}`), ['compose-unknown-key ""']);
});

test('an empty name kept from the previous version moves with the edit above it', () => {
  const text = base('    depends_on: [db, ""]\n');
  const first = findings(validate(text), 'compose-undefined-service');
  assert.deepEqual(first.map((d) => covered(text, d)), ['""']);
  // The same URI, a line added above: the service's references are reused, moved down a line.
  const edited = `# added\n${text}`;
  const second = findings(validate(edited), 'compose-undefined-service');
  assert.deepEqual(second.map((d) => covered(edited, d)), ['""']);
  assert.equal(second[0]!.range.start.line, first[0]!.range.start.line + 1);
});

test('a name written with a variable is known only once compose interpolates it: not reported', () => {
  const text = 'services:\n  db:\n    image: postgres\n    networks:\n      - ${NETWORK_TYPE:-ipv4}\n    depends_on: ["${DEP}"]\nnetworks:\n  ipv4:\n  dual:\n';
  assert.deepEqual(validate(text).filter((d) => String(d.code).startsWith('compose-undefined')), []);
});

test('a file another file includes is checked as part of the including project: names its fellow included files declare count, and none is certain', () => {
  const files = {
    [`${ROOT}/compose.yaml`]: 'include:\n  - ./services/apps.yml\n  - path: ./services/infra.yml\n',
    [`${ROOT}/services/infra.yml`]: 'services:\n  proxy:\n    image: traefik\nnetworks:\n  proxy:\n',
  };
  const text = 'services:\n  app:\n    image: a\n    networks: [proxy]\n    depends_on: [proxy, nowhere]\n';
  const diagnostics = validate(text, { files: { ...files, [`${ROOT}/services/apps.yml`]: text } }, `${ROOT}/services/apps.yml`);
  assert.deepEqual(diagnostics.map((d) => [d.code, covered(text, d), d.severity]), [['compose-undefined-service', 'nowhere', 2]]);
  // Default-named files included by another are pulled in by it too: not certain on their own.
  const own = validate(text, { files: { [`${ROOT}/compose.yaml`]: 'include:\n  - sub/compose.yaml\n', [`${ROOT}/sub/compose.yaml`]: text } }, `${ROOT}/sub/compose.yaml`);
  assert.ok(own.filter((d) => String(d.code).startsWith('compose-undefined')).every((d) => d.severity === 2));
});

test('a fragment an app one folder down includes beside a file of networks: those networks count (round 32: apps/rybbit/docker-compose.yml including ../clickhouse.yml and ../networks.yml)', () => {
  const fragment = 'services:\n  clickhouse:\n    image: clickhouse/clickhouse-server:25.4\n    networks:\n      internal:\n      databases:\n';
  const files = {
    [`${ROOT}/apps/networks.yml`]: 'networks:\n  internal:\n  databases:\n    external: true\n',
    [`${ROOT}/apps/rybbit/docker-compose.yml`]: 'include:\n  - ../networks.yml\n  - ../clickhouse.yml\nservices:\n  client:\n    image: ghcr.io/rybbit-io/rybbit-client\n',
    [`${ROOT}/apps/clickhouse.yml`]: fragment,
  };
  assert.deepEqual(validate(fragment, { files }, `${ROOT}/apps/clickhouse.yml`).filter((d) => d.code === 'compose-undefined-network'), []);
  // No app includes it: the networks.yml beside it, a file of the declarations its fellow fragments share, declares them.
  const alone = { [`${ROOT}/apps/networks.yml`]: files[`${ROOT}/apps/networks.yml`]!, [`${ROOT}/apps/clickhouse.yml`]: fragment };
  assert.deepEqual(validate(fragment, { files: alone }, `${ROOT}/apps/clickhouse.yml`).filter((d) => d.code === 'compose-undefined-network'), []);
  // Nothing declares them anywhere: warnings.
  assert.deepEqual(validate(fragment, { files: { [`${ROOT}/apps/clickhouse.yml`]: fragment } }, `${ROOT}/apps/clickhouse.yml`).filter((d) => d.code === 'compose-undefined-network').map((d) => d.severity), [2, 2]);
});

test('a file other files extend services from: names their projects declare count', () => {
  const files = { [`${ROOT}/docker-compose.yml`]: 'services:\n  web:\n    extends:\n      file: docker-compose.common.yml\n      service: base\nvolumes:\n  vhost:\n' };
  const text = 'services:\n  base:\n    image: nginx\n    volumes: [vhost:/etc/nginx/vhost.d, other:/o]\n';
  const diagnostics = validate(text, { files: { ...files, [`${ROOT}/docker-compose.common.yml`]: text } }, `${ROOT}/docker-compose.common.yml`);
  assert.deepEqual(diagnostics.map((d) => [d.code, covered(text, d)]), [['compose-undefined-volume', 'other']]);
});

test('an add-on in a subfolder that uses what the base file above declares gets a note naming the base, not an error: -f combines them', () => {
  const files = { [`${ROOT}/docker-compose.yml`]: 'services:\n  certs:\n    image: c\nvolumes:\n  crl-volume:\n' };
  const text = 'services:\n  certs:\n    image: c\n    volumes: [crl-volume:/crl, lost:/l]\n';
  const diagnostics = validate(text, { files: { ...files, [`${ROOT}/addons/certs/docker-compose.yml`]: text } }, `${ROOT}/addons/certs/docker-compose.yml`);
  assert.deepEqual(diagnostics.map((d) => [covered(text, d), d.severity]), [['crl-volume', 3], ['lost', 1]]);
  assert.match(diagnostics[0]!.message, /\.\.\/\.\.\/docker-compose\.yml declares it/);
});

test('with no base above, a compose file in a folder beside the ones above counts as the base (compose/base.yml next to services/x/)', () => {
  const files = { [`${ROOT}/compose/base.yml`]: 'networks:\n  proxy:\n    name: traefik-proxy\n', [`${ROOT}/docs/notes.yml`]: 'networks:\n  lost:\n' };
  const text = 'services:\n  grafana:\n    image: grafana/grafana\n    networks: [proxy, lost]\n';
  const uri = `${ROOT}/services/observability/compose.yml`;
  const diagnostics = validate(text, { files: { ...files, [uri]: text } }, uri);
  // docs/notes.yml is neither named with "compose" nor in a folder named so: not a base.
  assert.deepEqual(diagnostics.map((d) => [covered(text, d), d.severity]), [['proxy', 3], ['lost', 1]]);
  assert.match(diagnostics[0]!.message, /\.\.\/\.\.\/compose\/base\.yml declares it/);
});

test('the folders beside are looked into only inside the project: not past a repository root, not among many projects', () => {
  const text = 'services:\n  app:\n    image: a\n    volumes: [data:/data]\n';
  const uri = `${ROOT}/projA/deploy/compose.yaml`;
  const other = { [`${ROOT}/compose/base.yml`]: 'volumes:\n  data:\n' };
  // projA's root holds .git: the compose folder beside it belongs to no part of projA.
  const withGit = { ...other, [`${ROOT}/projA/.git/HEAD`]: 'ref: refs/heads/main\n', [uri]: text };
  assert.deepEqual(validate(text, { files: withGit }, uri).map((d) => d.severity), [1]);
  // A folder of seventeen projects: their folders are not parts of this one.
  const many = Object.fromEntries(Array.from({ length: 17 }, (_, k) => [`${ROOT}/p${k}/README.md`, 'x']));
  assert.deepEqual(validate(text, { files: { ...other, ...many, [uri]: text } }, uri).map((d) => d.severity), [1]);
  // No repository marker: projA/deploy and compose/ are taken as parts of one project (a note).
  assert.deepEqual(validate(text, { files: { ...other, [uri]: text } }, uri).map((d) => d.severity), [3]);
});

test('extends without a file names a service of its own file or of the files it includes, not of the files merged with it', () => {
  // compose-go resolves extends per file before merging the project's files (loader/loader.go loadYamlFile, loader/extends.go).
  const files = {
    [`${ROOT}/compose.yaml`]: 'include:\n  - lib/compose.yaml\nservices:\n  web:\n    image: nginx\n',
    [`${ROOT}/lib/compose.yaml`]: 'include:\n  - inner.yaml\nservices:\n  shared:\n    image: alpine\n',
    [`${ROOT}/lib/inner.yaml`]: 'services:\n  deep:\n    image: alpine\n',
  };
  const text = 'services:\n  api:\n    extends: web\n  worker:\n    extends:\n      service: web\n';
  const problems = findings(validate(text, { files }, `${ROOT}/compose.override.yaml`), 'compose-undefined-service');
  assert.deepEqual(problems.map((p) => [covered(text, p), p.severity]), [['web', 1], ['web', 1]]);
  assert.match(problems[0]!.message, /defined in compose\.yaml, not in this file.*"file: compose\.yaml"/);
  // In the base file itself, and through its includes (nested ones too), the names are found.
  const base = `${files[`${ROOT}/compose.yaml`]}  api:\n    extends: web\n  worker:\n    extends: shared\n  job:\n    extends: deep\n`;
  assert.deepEqual(findings(validate(base, { files }), 'compose-undefined-service'), []);
});

test('extends without a file in a -f file is an error even when the name is nowhere', () => {
  const text = 'services:\n  api:\n    extends: basis\n  basic:\n    image: x\n';
  const [problem] = findings(validate(text, {}, `${ROOT}/docker-compose.prod.yml`), 'compose-undefined-service');
  assert.equal(problem!.severity, 1);
  assert.match(problem!.message, /Did you mean "basic"\?/);
  // An include that cannot be read may define it: then it stays a warning.
  const unread = `include:\n  - missing.yaml\n${text}`;
  const [maybe] = findings(validate(unread, {}, `${ROOT}/docker-compose.prod.yml`), 'compose-undefined-service');
  assert.equal(maybe!.severity, 2);
});

test('in a folder named for compose, every YAML file may be combined with the others through -f (round 11: docker_compose/app.yaml with storages.yaml)', () => {
  const files = {
    [`${ROOT}/docker_compose/storages.yaml`]: 'services:\n  postgres:\n    image: postgres:16\n',
    [`${ROOT}/docker_compose/app.yaml`]: '',
  };
  const text = 'services:\n  web:\n    build: ..\n    depends_on: [postgres]\n';
  assert.deepEqual(findings(validate(text, { files }, `${ROOT}/docker_compose/app.yaml`), 'compose-undefined-service'), []);
  // Elsewhere a YAML file not named for compose is not one.
  const loose = { [`${ROOT}/deploy/storages.yaml`]: 'services:\n  postgres:\n    image: postgres:16\n', [`${ROOT}/deploy/app.yaml`]: '' };
  assert.equal(findings(validate(text, { files: loose }, `${ROOT}/deploy/app.yaml`), 'compose-undefined-service').length, 1);
});

test('a name declared by a file deployed in the same stack (docker stack deploy -c a.yaml -c b.yaml) is no undefined reference (round 12: a cheat sheet)', () => {
  const etcd = 'services:\n  etcd:\n    image: bitnami/etcd:3\n    networks:\n      - core_network\n';
  const files = {
    'file:///w/stack/logging.yaml': 'services:\n  loki:\n    image: grafana/loki:3\n    networks: [core_network]\nnetworks:\n  core_network:\n    driver: overlay\n',
    'file:///w/cheat_sheet.md': 'docker stack deploy -c stack/logging.yaml -c stack/rabbitmq.yaml -c stack/etcd.yaml  core\n',
  };
  assert.deepEqual(findings(validate(etcd, { files }, 'file:///w/stack/etcd.yaml'), 'compose-undefined-network'), []);
  // Deployed alone, or with files that do not declare it, the network is missing.
  const alone = { ...files, 'file:///w/cheat_sheet.md': 'docker stack deploy -c stack/etcd.yaml core\n' };
  assert.equal(findings(validate(etcd, { files: alone }, 'file:///w/stack/etcd.yaml'), 'compose-undefined-network').length, 1);
  const others = { ...files, 'file:///w/cheat_sheet.md': 'docker stack deploy -c stack/rabbitmq.yaml -c stack/etcd.yaml core\n' };
  assert.equal(findings(validate(etcd, { files: others }, 'file:///w/stack/etcd.yaml'), 'compose-undefined-network').length, 1);
});

test('a name declared by a file a Makefile combines with this one (docker compose -f app.yaml -f storages.yaml, through its variables) is no undefined reference (round 11)', () => {
  const app = 'services:\n  main-app:\n    build: ..\n    depends_on:\n      - postgres\n';
  const makefile = 'DC = docker compose\nSTORAGES_FILE = infra/storages.yaml\nAPP_FILE = infra/app.yaml\n\napp:\n\t${DC} -f ${APP_FILE} -f ${STORAGES_FILE} up --build -d\n';
  const files = {
    'file:///w/infra/storages.yaml': 'services:\n  postgres:\n    image: postgres:16\n',
    'file:///w/Makefile': makefile,
  };
  assert.deepEqual(findings(validate(app, { files }, 'file:///w/infra/app.yaml'), 'compose-undefined-service'), []);
  const apart = { ...files, 'file:///w/Makefile': makefile.replace(' -f ${STORAGES_FILE}', '') };
  assert.equal(findings(validate(app, { files: apart }, 'file:///w/infra/app.yaml'), 'compose-undefined-service').length, 1);
});

test('an override file without its base beside it is not loaded alone: a name it does not declare is information, not an error (round 14: an Astro project, whose CLI generates the base)', () => {
  const text = 'services:\n  scheduler:\n    networks:\n      - airflow\n';
  const [d] = findings(validate(text, {}, `${ROOT}/docker-compose.override.yml`), 'compose-undefined-network');
  assert.equal(d?.severity, 3);
  assert.equal(d?.message, 'Network "airflow" is not declared under the top-level "networks" key. This override file\'s base is not in its folder: compose finds the name if that file declares it.');
  const withBase = { files: { [`${ROOT}/docker-compose.yml`]: 'services:\n  scheduler:\n    image: x\n' } };
  assert.equal(findings(validate(text, withBase, `${ROOT}/docker-compose.override.yml`), 'compose-undefined-network')[0]?.severity, 1);
});

test('a file included by a root that includes a file it cannot read says nothing of names it does not declare (round 16)', () => {
  const files = { [`${ROOT}/compose.yaml`]: 'include:\n  - ./services/apps.yml\n  - ./services/authentik.yml\n' };
  const text = 'services:\n  app:\n    image: a\n    volumes:\n      - authentik-data:/data\n    depends_on: [nowhere]\n';
  const diagnostics = validate(text, { files: { ...files, [`${ROOT}/services/apps.yml`]: text } }, `${ROOT}/services/apps.yml`);
  assert.deepEqual(diagnostics.filter((d) => String(d.code).startsWith('compose-undefined')), []);
  // With every included file at hand, a name none declares is told.
  const whole = { ...files, [`${ROOT}/services/authentik.yml`]: 'services:\n  auth:\n    image: b\n', [`${ROOT}/services/apps.yml`]: text };
  assert.deepEqual(validate(text, { files: whole }, `${ROOT}/services/apps.yml`).filter((d) => String(d.code).startsWith('compose-undefined')).map((d) => covered(text, d)), ['authentik-data', 'nowhere']);
});

test('a placeholder where a volume\'s source goes names no volume (round 24: <<path to your smbfile>>)', () => {
  assert.deepEqual(findings(validate('services:\n  samba:\n    image: dperson/samba\n    volumes:\n      - <<path to your smbfile>>:/etc/samba/smb.conf\n'), 'compose-undefined-volume'), []);
  assert.equal(findings(validate('services:\n  db:\n    image: postgres:17\n    volumes:\n      - pgdata:/var/lib/postgresql/data\n'), 'compose-undefined-volume').length, 1);
});
