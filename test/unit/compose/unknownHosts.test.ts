import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from '../../../server/src/core/types';
import { ROOT, covered, findings, validate } from './helpers';

const code = 'compose-unknown-host';

test('a URL host no service has, beside a service with its product\'s other name: a warning with the fix (round 23: mongodb where the service is mongo)', () => {
  const text = 'services:\n  api:\n    image: node:22\n    environment:\n      MONGO_URL: mongodb://mongodb:27017/app\n      - \n  mongo:\n    image: mongo:7\n'.replace('      - \n', '');
  const found = findings(validate(text), code);
  assert.deepEqual(found.map((d) => covered(text, d)), ['mongodb']);
  assert.equal(found[0]!.severity, DiagnosticSeverity.Warning);
  assert.equal(found[0]!.message, 'No service, container name, hostname or network alias of this project is "mongodb", so inside the network the name resolves to nothing and the connection fails ("getaddrinfo ENOTFOUND mongodb"). Did you mean the service "mongo"?');
  assert.deepEqual(found[0]!.data, { replacement: 'mongo' });
});

test('list items, credentials in the URL, jdbc and *_HOST variables; a typo gets the fix, a name close to nothing is information', () => {
  const text = [
    'services:',
    '  web:',
    '    image: app',
    '    environment:',
    '      - "DATABASE_URL=postgresql://user:secret@postgress:5432/app"',
    '      - SPRING_DATASOURCE_URL=jdbc:postgresql://database:5432/app',
    '      - REDIS_HOST=cache',
    '  postgres:',
    '    image: postgres:17',
    '  redis:',
    '    image: redis:7',
    '',
  ].join('\n');
  const found = findings(validate(text), code);
  assert.deepEqual(found.map((d) => [covered(text, d), d.severity]), [['postgress', DiagnosticSeverity.Warning], ['database', DiagnosticSeverity.Information], ['cache', DiagnosticSeverity.Information]]);
  assert.deepEqual(found[0]!.data, { replacement: 'postgres' });
});

test('names the project gives in other ways are known: container_name, hostname, aliases, links, extra_hosts, and the files compose reads with it', () => {
  const text = [
    'services:',
    '  app:',
    '    image: app',
    '    links: ["db:mysqlhost"]',
    '    extra_hosts: ["printer:10.0.0.5"]',
    '    environment:',
    '      A_URL: http://named:80',
    '      B_URL: http://box:80',
    '      C_URL: http://aliased:80',
    '      D_HOST: mysqlhost',
    '      E_URL: http://printer/',
    '      F_URL: http://extra:80',
    '      G_URL: http://sibling:80',
    '  db:',
    '    image: mysql:8',
    '    container_name: named',
    '    hostname: box',
    '    networks:',
    '      default:',
    '        aliases: [aliased]',
    '',
  ].join('\n');
  const files = {
    [`${ROOT}/compose.override.yaml`]: 'services:\n  extra:\n    image: x\n',
    [`${ROOT}/docker-compose.deps.yml`]: 'services:\n  sibling:\n    image: y\n',
  };
  assert.deepEqual(findings(validate(text, { files }), code), []);
});

test('left alone: dotted and local hosts, variables, other schemes, hosts a service listens as, external networks, network_mode, an include not read', () => {
  const quiet = [
    'services:\n  app:\n    image: a\n    environment:\n      API: https://api.example.com/v1\n      LOCAL: http://localhost:3000\n      HOST_URL: http://host.docker.internal:8080\n      VAR: http://${API_HOST}:80\n      BUCKET: s3://uploads/x\n      KAFKA_LISTENERS: PLAINTEXT://broker:9092\n      VIRTUAL_HOST: myapp\n      SERVER_HOST: web\n      IP: http://10.0.0.2:80\n',
    'services:\n  app:\n    image: a\n    environment:\n      DB_URL: postgres://pg:5432/x\n    networks: [shared]\nnetworks:\n  shared:\n    external: true\n',
    'services:\n  app:\n    image: a\n    network_mode: "service:vpn"\n    environment:\n      DB_URL: postgres://pg:5432/x\n  vpn:\n    image: v\n',
    'include:\n  - ../other/compose.yaml\nservices:\n  app:\n    image: a\n    environment:\n      DB_URL: postgres://pg:5432/x\n',
    // A switch named *_HOST (round 47: Auth.js's AUTH_TRUST_HOST).
    'services:\n  app:\n    image: a\n    environment:\n      AUTH_TRUST_HOST: "true"\n      USE_HOST: 1\n      BIND_HOST: no\n',
  ];
  for (const text of quiet) assert.deepEqual(findings(validate(text), code).map((d) => covered(text, d)), [], text);
});

test('host names are matched without case, as DNS does', () => {
  const text = 'services:\n  web:\n    image: app\n    environment:\n      API_URL: http://Backend:8080\n  backend:\n    image: api\n';
  assert.deepEqual(findings(validate(text), code), []);
});

test('compose-unknown-host: a variable that names the container itself in a cluster is no host to reach (round 31: weaviate\'s CLUSTER_HOSTNAME)', () => {
  const text = 'services:\n  weaviate:\n    image: semitechnologies/weaviate:1.25.0\n    environment:\n      CLUSTER_HOSTNAME: node1\n      NODE_HOSTNAME: node1\n      KAFKA_ADVERTISED_HOST: broker1\n      DB_HOSTNAME: postgress\n  postgres:\n    image: postgres:16\n';
  assert.deepEqual(findings(validate(text), 'compose-unknown-host').map((d) => covered(text, d)), ['postgress']);
});

test('a service of the project on no network the service naming it is on resolves to nothing (round 37: wiki on "wiki", its database on the default network)', () => {
  const text = 'services:\n  wiki:\n    image: requarks/wiki:2\n    environment:\n      DB_HOST: postgres\n      REDIS_URL: redis://cache:6379\n    networks: [wiki]\n  postgres:\n    image: postgres:16\n  cache:\n    image: redis:7\n    networks: [wiki, default]\nnetworks:\n  wiki: {}\n';
  const found = findings(validate(text), 'compose-unknown-host');
  assert.deepEqual(found.map((d) => [d.range.start.line + 1, d.severity]), [[5, 2]]);
  assert.equal(found[0]!.message, 'The service "postgres" is on the networks default and this service on wiki: they share none, so from here "postgres" resolves to nothing and the connection fails ("getaddrinfo ENOTFOUND postgres"). Put both on one network.');
  // Another file of the project may join them to a network: nothing is said.
  assert.deepEqual(findings(validate(text, { files: { [`${ROOT}/compose.override.yaml`]: 'services:\n  postgres:\n    networks: [wiki]\n' } }), 'compose-unknown-host'), []);
});
