import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, ROOT, validate } from './helpers';

const RULE = 'compose-missing-image';

test('a service with neither image nor build is an error on its name', () => {
  const text = 'services:\n  web:\n    command: ["true"]\n  ok:\n    image: nginx\n  built:\n    build: .\n';
  const [problem, ...rest] = findings(validate(text), RULE);
  assert.deepEqual(rest, []);
  assert.equal(covered(text, problem!), 'web');
  assert.equal(problem!.severity, 1);
});

test('an image can come from a merged anchor, an extended service, a provider', () => {
  const text = [
    'x-base: &base',
    '  image: nginx',
    'services:',
    '  merged:',
    '    <<: *base',
    '  base:',
    '    image: busybox',
    '  child:',
    '    extends: base',
    '  grandchild:',
    '    extends: { service: child }',
    '  model:',
    '    provider:',
    '      type: model',
    '',
  ].join('\n');
  assert.deepEqual(findings(validate(text), RULE), []);
});

test('extending a service that has no image does not give one', () => {
  const text = 'services:\n  base:\n    command: ["x"]\n  child:\n    extends: base\n';
  assert.deepEqual(findings(validate(text), RULE).map((d) => covered(text, d)), ['base', 'child']);
});

test('an image from another file: extends.file, or the base file of an override', () => {
  const files = {
    [`${ROOT}/common.yaml`]: 'services:\n  app:\n    image: nginx\n',
    [`${ROOT}/compose.yaml`]: 'services:\n  web:\n    image: nginx\n',
  };
  assert.deepEqual(findings(validate('services:\n  web:\n    extends:\n      file: common.yaml\n      service: app\n', { files }), RULE), []);
  assert.deepEqual(findings(validate('services:\n  web:\n    environment: [A=1]\n', { files }, `${ROOT}/compose.override.yaml`), RULE), []);
  const [missing] = findings(validate('services:\n  web:\n    extends:\n      file: missing.yaml\n      service: app\n', { files }), RULE);
  assert.equal(missing, undefined, 'an unreadable extends file may have it');
});

test('in a -f file the finding is a warning, and without a base file nothing is said', () => {
  const files = { [`${ROOT}/compose.yaml`]: 'services:\n  web:\n    image: nginx\n' };
  const [warning] = findings(validate('services:\n  extra:\n    command: ["x"]\n', { files }, `${ROOT}/compose.prod.yaml`), RULE);
  assert.equal(warning?.severity, 2);
  assert.deepEqual(findings(validate('services:\n  extra:\n    command: ["x"]\n', {}, `${ROOT}/compose.prod.yaml`), RULE), []);
  assert.deepEqual(findings(validate('services:\n  extra:\n    command: ["x"]\n', {}, `${ROOT}/compose.override.yaml`), RULE), [], 'nor in an override file without its base');
});

test('a misspelt image key is reported once, as an unknown key', () => {
  const diagnostics = validate('services:\n  web:\n    imgae: nginx\n');
  assert.deepEqual(diagnostics.map((d) => d.code), ['compose-unknown-key']);
});

test('a service with an unreadable part is not said to lack an image', () => {
  const text = 'services:\n  web:\n    image: "nginx\n    command: ["x"]\n  api:\n    command: ["y"]\n';
  assert.deepEqual(findings(validate(text), RULE).map((d) => covered(text, d)), ['api']);
});

test('an empty image is no image: an error on the empty value, unless the service builds one', () => {
  const text = 'services:\n  web:\n    image: ""\n  quoted:\n    image: \'\'\n  built:\n    image: ""\n    build: .\n  named:\n    image: nginx\n  fromEnv:\n    image: "${IMAGE}"\n';
  const problems = findings(validate(text, { files: { [`${ROOT}/Dockerfile`]: 'FROM nginx\n' } }), RULE);
  assert.deepEqual(problems.map((p) => covered(text, p)), ['""', "''"]);
  assert.ok(problems.every((p) => p.severity === 1));
  assert.match(problems[0]!.message, /^Service "web" has an empty "image" and no "build"/);
});

test('a file compose reads only for services to extend is a library of fragments: no missing image, no version warning, and only the extended services are validated', () => {
  const base = 'services:\n  immich-ml:\n    image: ml\n    extends:\n      file: hwaccel.ml.yml\n      service: cpu\n';
  const text = 'version: "3.8"\nservices:\n  cpu: {}\n  cuda:\n    deploy:\n      resources: {}\n  rkmpp:\n    volumes:\n';
  const files = { [`${ROOT}/docker-compose.yml`]: base, [`${ROOT}/hwaccel.ml.yml`]: text };
  assert.deepEqual(validate(text, { files }, `${ROOT}/hwaccel.ml.yml`).map((d) => d.code), []);
  // Extending rkmpp makes it validated: its empty volumes is refused once merged.
  const extending = { ...files, [`${ROOT}/docker-compose.yml`]: base.replace('service: cpu', 'service: rkmpp') };
  assert.deepEqual(validate(text, { files: extending }, `${ROOT}/hwaccel.ml.yml`).map((d) => d.code), ['compose-invalid-type']);
});

test('a -f file stacked on another -f file of its folder may take its image from there', () => {
  const files = {
    [`${ROOT}/compose.yml`]: 'services:\n  web:\n    image: nginx\n',
    [`${ROOT}/compose.voip.yml`]: 'services:\n  freeswitch:\n    image: freeswitch\n',
  };
  const text = 'services:\n  freeswitch:\n    environment: [A=1]\n  orphan:\n    environment: [B=1]\n';
  const diagnostics = validate(text, { files: { ...files, [`${ROOT}/compose.voip.external.yml`]: text } }, `${ROOT}/compose.voip.external.yml`);
  assert.deepEqual(findings(diagnostics, 'compose-missing-image').map((d) => covered(text, d)), ['orphan']);
});

test('an image that comes through a merge key written with its tag (!!merge <<: *x) is found, and the key is no unknown key', () => {
  const text = 'x-common: &common\n  restart: unless-stopped\nx-db: &db\n  !!merge <<: *common\n  image: redis:7\nservices:\n  db:\n    !!merge <<: *db\n  web:\n    !!merge <<: *common\n    image: nginx\n';
  assert.deepEqual(validate(text).map((d) => d.code), []);
});

test('a file named by an extends shipped commented out (immich\'s hwaccel.ml.yml) is a library of fragments too', () => {
  const files = { [`${ROOT}/docker-compose.yml`]: 'services:\n  ml:\n    image: ml\n    # extends: # uncomment for hardware acceleration\n    #   file: hwaccel.ml.yml\n    #   service: cpu # or cuda\n' };
  const text = 'services:\n  cpu: {}\n  cuda:\n    deploy:\n      resources: {}\n';
  assert.deepEqual(findings(validate(text, { files }, `${ROOT}/hwaccel.ml.yml`), 'compose-missing-image'), []);
  // Named by nothing, the same file's services lack their images.
  assert.equal(findings(validate(text, { files: { [`${ROOT}/docker-compose.yml`]: 'services:\n  ml:\n    image: ml\n' } }, `${ROOT}/hwaccel.ml.yml`), 'compose-missing-image').length, 2);
});

test('a layer on a base that includes its services takes them from the included files', () => {
  const base = 'include:\n  - deploy/compose/mail.yaml\n';
  const included = 'services:\n  mta:\n    image: mailserver/mta\n';
  const layer = 'services:\n  mta:\n    ports: ["25:25"]\n';
  const files = { [`${ROOT}/docker-compose.yml`]: base, [`${ROOT}/deploy/compose/mail.yaml`]: included };
  assert.deepEqual(findings(validate(layer, { files }, `${ROOT}/docker-compose.production.yml`), RULE), []);
  // Without the included file's service the layer's service still lacks an image.
  const other = { ...files, [`${ROOT}/deploy/compose/mail.yaml`]: 'services:\n  mda:\n    image: mailserver/mda\n' };
  assert.equal(findings(validate(layer, { files: other }, `${ROOT}/docker-compose.production.yml`), RULE).length, 1);
});

test('a base whose service the -f files beside it complete is a hint, not an error (rounds 25-35: 8 of 8 information notes judged noise)', () => {
  const base = 'services:\n  front-app:\n    ports: ["3000:3000"]\n';
  const files = { [`${ROOT}/compose.dev.yaml`]: 'services:\n  front-app:\n    build: ./front\n' };
  const [note, ...rest] = findings(validate(base, { files }), RULE);
  assert.deepEqual(rest, []);
  assert.equal(note!.severity, 4);
  assert.match(note!.message, /Another compose file beside it declares "front-app"/);
  assert.equal(findings(validate(base), RULE)[0]!.severity, 1);
  // An override is loaded with its base by a plain up: there the refusal is everyone's.
  const override = { ...files, [`${ROOT}/compose.yaml`]: 'services:\n  web:\n    image: nginx\n' };
  assert.equal(findings(validate(base, { files: override }, `${ROOT}/compose.override.yaml`), RULE)[0]!.severity, 1);
});

test('a file beside it that declares the service without an image, a build or an extends does not complete it (round 20: a traefik file adding labels only)', () => {
  const base = 'services:\n  app:\n    ports: ["3000:3000"]\n';
  const labels = { [`${ROOT}/docker-compose.traefik.yml`]: 'services:\n  app:\n    labels:\n      - traefik.enable=true\n' };
  const [found, ...rest] = findings(validate(base, { files: labels }, `${ROOT}/docker-compose.yml`), RULE);
  assert.deepEqual(rest, []);
  assert.equal(found!.severity, 1);
  assert.equal(found!.message, 'Service "app" has neither "image" nor "build", so compose has nothing to run. Add the image to run, or a build for one.');
  // An extends there, or a file that cannot be read whole, may complete it.
  for (const text of ['services:\n  app:\n    extends:\n      file: base.yml\n      service: app\n', 'services:\n  app:\n    labels: [a\n  other: {}\n']) {
    assert.equal(findings(validate(base, { files: { [`${ROOT}/docker-compose.traefik.yml`]: text } }, `${ROOT}/docker-compose.yml`), RULE)[0]?.severity, 4, text);
  }
});

test('a file an extends names through variables (docker-compose-${ENV}.yml) is a library of fragments, where an empty extended service adds nothing (round 12: js-box)', () => {
  const base = 'services:\n  client:\n    extends:\n      file: docker-compose-${JS_BOX_ENVIRONMENT}.yml\n      service: client\n    build: .\n  api:\n    extends:\n      file: ./docker-compose-${JS_BOX_ENVIRONMENT}.yml\n      service: api\n    build: ./api\n';
  const text = 'services:\n  client:\n  api:\n';
  const files = { [`${ROOT}/docker-compose.yml`]: base, [`${ROOT}/docker-compose-production.yml`]: text };
  assert.deepEqual(validate(text, { files }, `${ROOT}/docker-compose-production.yml`).map((d) => d.code), []);
  // A pattern that cannot name the file leaves it a file of its own, whose empty services are refused.
  const elsewhere = { ...files, [`${ROOT}/docker-compose.yml`]: base.replace(/docker-compose-\$\{JS_BOX_ENVIRONMENT\}/g, 'envs/${JS_BOX_ENVIRONMENT}') };
  assert.deepEqual(validate(text, { files: elsewhere }, `${ROOT}/docker-compose-production.yml`).map((d) => d.code), ['compose-invalid-type', 'compose-invalid-type']);
});

test('a library of services in a sibling folder, extended through a variable for the repository\'s root: its networks are the extending files\' (round 42)', () => {
  const library = 'services:\n  app:\n    restart: unless-stopped\n    networks:\n      - internal-network\n  certificator:\n    image: acme/certificator:1\n    networks:\n      - external-network\n';
  const app = 'services:\n  app:\n    extends:\n      file: ${DOCKER_COMPOSE_REPOROOT_PATH}/docker-compose/.shared/compose.yml\n      service: app\n    image: actualbudget/actual-server:25.1.0\nnetworks:\n  internal-network:\n  external-network:\n';
  const uri = `${ROOT}/docker-compose/.shared/compose.yml`;
  const files = { [uri]: library, [`${ROOT}/docker-compose/actualbudget/compose.yml`]: app, [`${ROOT}/.git/HEAD`]: '' };
  assert.deepEqual(findings(validate(library, { files }, uri), 'compose-undefined-network'), []);
  // Without the file that extends it, the library's networks are undeclared.
  assert.equal(findings(validate(library, { files: { [uri]: library } }, uri), 'compose-undefined-network').length, 2);
});

test('a script beside the file layers it on a base that gives the images, with paths that climb (round 82)', () => {
  // environment/kerberos/start.sh: docker compose -f ../../environment/plaintext/docker-compose.yml -f ../../environment/kerberos/docker-compose.yml up
  const overlay = 'services:\n  broker:\n    environment:\n      KAFKA_OPTS: -Djava.security.krb5.conf=/etc/krb5.conf\n  connect:\n    volumes:\n      - ./keytabs:/var/lib/secret\n';
  const base = 'services:\n  broker:\n    image: confluentinc/cp-server:7.6.0\n  connect:\n    image: confluentinc/cp-server-connect:7.6.0\n';
  const uri = `${ROOT}/environment/kerberos/docker-compose.yml`;
  const script = (line: string) => ({ [`${ROOT}/environment/plaintext/docker-compose.yml`]: base, [uri]: overlay, [`${ROOT}/environment/kerberos/start.sh`]: `#!/bin/bash\nDIR="$( cd "$( dirname "\${BASH_SOURCE[0]}" )" && pwd )"\n${line}\n` });
  const found = (files: Record<string, string>) => findings(validate(overlay, { files }, uri), RULE).map((d) => covered(overlay, d));
  assert.deepEqual(found(script('docker compose -f ../../environment/plaintext/docker-compose.yml ${EXTRA} -f ../../environment/kerberos/docker-compose.yml up -d')), []);
  // Without the script, or where it runs the file alone, or layers it on a file that gives no image: compose refuses both.
  assert.deepEqual(found({ [uri]: overlay }), ['broker', 'connect']);
  assert.deepEqual(found(script('docker compose -f ../../environment/kerberos/docker-compose.yml up -d')), ['broker', 'connect']);
  assert.deepEqual(found({ ...script('docker compose -f ../other/docker-compose.yml -f ../../environment/kerberos/docker-compose.yml up'), [`${ROOT}/environment/other/docker-compose.yml`]: 'services:\n  broker:\n    ports: ["9092:9092"]\n' }), ['broker', 'connect']);
});
