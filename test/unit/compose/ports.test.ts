import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate } from './helpers';
import { variants } from '../../../server/src/core/compose/checks/ports';

const service = (ports: string) => `services:\n  web:\n    image: nginx\n    ports:\n${ports}`;

test('every short form that compose accepts passes', () => {
  const text = service([
    '      - 80',
    '      - "8080:80"',
    '      - "127.0.0.1:8081:80"',
    '      - "127.0.0.1::80"',
    '      - "[::1]:8082:80"',
    '      - "::1:8083:80"',
    '      - "9000-9002:9000-9002"',
    '      - "7000-7010:80"',
    '      - "53:53/udp"',
    '      - "${PORT}:80"',
    '      - target: 443',
    '        published: "8443"',
    '        protocol: tcp',
    '',
  ].join('\n'));
  assert.deepEqual(validate(text), []);
});

test('invalid mappings are errors with the reason', () => {
  const text = service([
    '      - "70000:80"',
    '      - "80:80/tcpx"',
    '      - "9000-9002:80-81"',
    '      - "abc:80"',
    '      - "1.2.3:80:80"',
    '      - target: 80',
    '        protocol: icmp',
    '',
  ].join('\n'));
  const problems = findings(validate(text), 'compose-invalid-port');
  assert.equal(problems.length, 6);
  assert.equal(covered(text, problems[0]!), '"70000:80"');
  assert.match(problems[0]!.message, /65535/);
  assert.match(problems[1]!.message, /tcp, udp or sctp/);
  assert.match(problems[2]!.message, /different lengths/);
  assert.match(problems[4]!.message, /not an IP address/);
  assert.equal(covered(text, problems[5]!), 'icmp');
});

test('the same host port published twice is flagged on both', () => {
  const text = 'services:\n  a:\n    image: x\n    ports: ["8080:80"]\n  b:\n    image: x\n    ports:\n      - target: 81\n        published: 8080\n';
  const problems = findings(validate(text), 'compose-duplicate-host-port');
  assert.equal(problems.length, 2);
  assert.match(problems[0]!.message, /service "b"/);
  assert.match(problems[1]!.message, /service "a"/);
});

test('different protocols, different host addresses and different profiles do not collide', () => {
  const text = [
    'services:',
    '  a:',
    '    image: x',
    '    ports: ["53:53/udp", "127.0.0.1:8080:80"]',
    '    profiles: [dev]',
    '  b:',
    '    image: x',
    '    ports: ["53:53", "127.0.0.2:8080:80"]',
    '  c:',
    '    image: x',
    '    ports: ["9000:9000"]',
    '    profiles: [prod]',
    '  d:',
    '    image: x',
    '    ports: ["9000:9000"]',
    '    profiles: [dev]',
    '',
  ].join('\n');
  assert.deepEqual(findings(validate(text), 'compose-duplicate-host-port'), []);
});

test('unquoted mappings that YAML 1.1 reads as base 60 get a quoting hint', () => {
  const text = service('      - 22:22\n      - 8080:80\n');
  const problems = findings(validate(text), 'compose-port-quoting');
  assert.deepEqual(problems.map((p) => [covered(text, p), p.severity]), [['22:22', 3]]);
});

test('each wrong mapping is one diagnostic on its own item, and the others on the list still count', () => {
  const items = ['"80:80:80:80"', '"8080:80:tcp"', '"127.0.0.1:80"', '"[::1]:80"', '"localhost:8080:80"', '"8080:"'];
  const text = service(`${items.map((i) => `      - ${i}`).join('\n')}\n      - "8080:80"\n      - "8080:81"\n`);
  const diagnostics = validate(text);
  const invalid = findings(diagnostics, 'compose-invalid-port');
  assert.deepEqual(invalid.map((d) => covered(text, d)), items);
  assert.equal(findings(diagnostics, 'compose-duplicate-host-port').length, 2, 'the valid items are still compared');
  assert.equal(diagnostics.length, items.length + 2);
});

test('the long form: host_ip, a target that is not one port and an empty target are checked where they are written', () => {
  const text = service([
    '      - target: 80',
    '        mode: bridge',
    '      - target: 81',
    '        host_ip: localhost',
    '        published: "8081"',
    '      - target: 90-91',
    '        published: 9000-9002',
    '      - target: 0',
    '      - target: 100-101',
    '        published: 8100-8101',
    '        host_ip: "::1"',
    '        mode: host',
    '      - target: 82',
    '        published: 7000-7010',
    '      - target: 83',
    '        published: ""',
    '',
  ].join('\n'));
  const invalid = findings(validate(text), 'compose-invalid-port');
  // compose-go does not check mode; it reads target as a whole number (a range fails its cast to
  // int), and an empty published port is left to the engine to choose.
  assert.deepEqual(invalid.map((d) => covered(text, d)), ['localhost', '90-91', '0', '100-101']);
  assert.match(invalid[0]!.message, /IP address/);
  assert.match(invalid[1]!.message, /one container port/);
});

test('expose lists container ports only', () => {
  const text = 'services:\n  web:\n    image: nginx\n    expose: ["80", 8080, "9000-9001", "53/udp", "8080:80", "70000", "80/icmp", "${P}"]\n';
  const invalid = findings(validate(text), 'compose-invalid-port');
  assert.deepEqual(invalid.map((d) => covered(text, d)), ['"8080:80"', '"70000"', '"80/icmp"']);
  assert.match(invalid[0]!.message, /under "ports"/);
});

test('long-form ports the engine chooses (published 0, or a range for one target) are not compared', () => {
  const text = [
    'services:',
    '  a:',
    '    image: x',
    '    ports:',
    '      - target: 80',
    '        published: 0',
    '      - target: 81',
    '        published: 7000-7010',
    '  b:',
    '    image: x',
    '    ports:',
    '      - target: 80',
    '        published: "0"',
    '      - target: 82',
    '        published: 7005',
    '',
  ].join('\n');
  assert.deepEqual(findings(validate(text), 'compose-duplicate-host-port'), []);
});

test('a long-form port whose host_ip is a variable is not compared, like a short one with a variable', () => {
  const text = [
    'services:',
    '  a:',
    '    image: x',
    '    ports:',
    '      - target: 80',
    '        published: 8080',
    '        host_ip: ${A_IP}',
    '      - "${B_IP}:8081:80"',
    '  b:',
    '    image: x',
    '    ports:',
    '      - target: 80',
    '        published: 8080',
    '        host_ip: ${B_IP}',
    '      - target: 80',
    '        published: 8081',
    '        host_ip: ${A_IP}',
    '',
  ].join('\n');
  assert.deepEqual(findings(validate(text), 'compose-duplicate-host-port'), []);
});

test('a host port clash only some profiles bring about is a warning (a plain up works)', () => {
  const text = 'services:\n  old:\n    image: x\n    profiles: [legacy]\n    ports: ["8001:8000"]\n  new:\n    image: x\n    ports: ["8001:8000"]\n';
  assert.deepEqual(findings(validate(text), 'compose-duplicate-host-port').map((d) => d.severity), [2, 2]);
});

test('in a stack file, host-mode ports are not compared (placement decides the nodes); ingress ones and any in a plain compose file are', () => {
  const service = (name: string, mode: string) => `  ${name}:\n    image: pihole/pihole\n    ports:\n      - target: 53\n        published: 53\n        protocol: udp\n        mode: ${mode}\n    deploy:\n      placement:\n        constraints: [node.labels.${name} == yes]\n`;
  const hostMode = `services:\n${service('dns1', 'host')}${service('dns2', 'host')}`;
  assert.deepEqual(findings(validate(hostMode, {}, 'file:///project/docker-stack.yml'), 'compose-duplicate-host-port'), []);
  // docker compose up ignores mode: both bind on the one host.
  assert.equal(findings(validate(hostMode, {}, 'file:///project/compose.yaml'), 'compose-duplicate-host-port').length, 2);
  const ingress = `services:\n${service('dns1', 'ingress')}${service('dns2', 'ingress')}`;
  assert.equal(findings(validate(ingress, {}, 'file:///project/docker-stack.yml'), 'compose-duplicate-host-port').length, 2);
});

test('mappings of one service that compose reads as the same are kept once, not a collision', () => {
  // compose-go drops repeats by host_ip:published:target/protocol once short forms are made long (override/uncity.go portIndexer).
  const same = 'services:\n  a:\n    image: x\n    ports:\n      - "80:80"\n      - 80:80/TCP\n      - target: 80\n        published: "80"\n      - "0.0.0.0:443:443"\n      - target: 443\n        published: "443"\n        host_ip: 0.0.0.0\n';
  assert.deepEqual(findings(validate(same), 'compose-duplicate-host-port'), []);
  // Another container port, or published as a number (which compose prints differently), still collides.
  const other = 'services:\n  a:\n    image: x\n    ports:\n      - "80:80"\n      - "80:81"\n      - "443:443"\n      - target: 443\n        published: 443\n';
  assert.deepEqual(findings(validate(other), 'compose-duplicate-host-port').map((d) => covered(other, d).split('\n')[0]), ['"80:80"', '"80:81"', '"443:443"', 'target: 443']);
});

test('a service on the host network publishes nothing: the engine discards its ports', () => {
  const text = 'services:\n  a:\n    image: x\n    network_mode: host\n    ports: ["8080:80"]\n  b:\n    image: x\n    ports: ["8080:81"]\n';
  assert.deepEqual(findings(validate(text), 'compose-duplicate-host-port'), []);
});

test('one mapping that two services take from the same anchor is one finding there, naming both (round 8)', () => {
  const text = 'x-base: &base\n  image: app\n  ports:\n    - "8080:8080"\nservices:\n  dev:\n    <<: *base\n  quanta:\n    <<: *base\n    profiles: [quanta]\n  hls:\n    <<: *base\n    profiles: [hls]\n';
  const found = findings(validate(text), 'compose-duplicate-host-port');
  assert.deepEqual(found.map((d) => [covered(text, d), d.message, d.severity]), [['"8080:8080"', 'Host port 8080/tcp is published by services "dev", "quanta" and "hls", which take this mapping from here.', 2]]);
});

test('host ports written with variables are compared with the values the .env and the defaults give: a warning (round 23: ${NGINX_HTTP_PORT:-80}:80 beside traefik\'s 80:80)', () => {
  const text = 'services:\n  nginx:\n    image: nginx\n    ports:\n      - "${NGINX_HTTP_PORT:-80}:80"\n  proxy:\n    image: jc21/nginx-proxy-manager\n    ports:\n      - "${NPM_HTTP_PORT:-80}:80"\n  traefik:\n    image: traefik:3\n    ports:\n      - "80:80"\n      - "${DASHBOARD:-8080}:8080"\n';
  const found = findings(validate(text), 'compose-duplicate-host-port');
  assert.deepEqual(found.map((d) => [d.range.start.line + 1, d.severity]), [[5, 2], [9, 2], [13, 2]]);
  assert.match(found[0]!.message, /^Host port 80\/tcp is also published by service "proxy"\. \(With the values the project's \.env and the variables' defaults give; the shell may set others\.\)$/);
  // The .env gives them other values: no clash.
  const files = { 'file:///project/.env': 'NGINX_HTTP_PORT=8081\nNPM_HTTP_PORT=8082\n' };
  assert.deepEqual(findings(validate(text, { files }), 'compose-duplicate-host-port'), []);
  // An example .env the user is to copy and fill in: the values are not known.
  assert.deepEqual(findings(validate(text, { files: { 'file:///project/.env.example': 'NGINX_HTTP_PORT=\n' } }), 'compose-duplicate-host-port'), []);
  // A variable with no default and no value is not read (compose would leave the port empty).
  assert.deepEqual(findings(validate('services:\n  a:\n    image: nginx\n    ports: ["${A_PORT}:80"]\n  b:\n    image: nginx\n    ports: ["80:80"]\n'), 'compose-duplicate-host-port'), []);
});

test('a host port clash between variants of one service (web and web_debug) is a warning: projects start one of them by name (round 35)', () => {
  const text = 'services:\n  rails_app_1:\n    image: app\n    ports: ["3000:3000"]\n  rails_app_1_debug:\n    image: app\n    ports: ["3000:3000"]\n  api:\n    image: api\n    ports: ["8080:80"]\n  worker:\n    image: w\n    ports: ["8080:81"]\n';
  assert.deepEqual(findings(validate(text), 'compose-duplicate-host-port').map((d) => [d.range.start.line, d.severity]), [[3, 2], [6, 2], [9, 1], [12, 1]]);
  assert.equal(variants('api', 'api-v2'), true);
  assert.equal(variants('web', 'webhook'), false);
  assert.equal(variants('db', 'db-backup'), false);
});
