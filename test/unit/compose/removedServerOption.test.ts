import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate, ROOT } from './helpers';
import { mysqlFrom84 } from '../../../server/src/core/compose/checks/removedServerOption';

const code = 'compose-removed-server-option';

test('--default-authentication-plugin on MySQL 8.4 or later stops mysqld (round 16)', () => {
  const text = 'services:\n  db:\n    image: mysql\n    command: ["mysqld", "--default_authentication_plugin=mysql_native_password", "--character-set-server=utf8mb4"]\n    environment:\n      MYSQL_ROOT_PASSWORD: x\n';
  const [d, ...rest] = findings(validate(text), code);
  assert.deepEqual(rest, []);
  assert.equal(covered(text, d!), '--default_authentication_plugin=mysql_native_password');
  assert.equal(d!.severity, 1);
  assert.deepEqual(['mysql', 'mysql:8', 'mysql:8-oracle', 'mysql:8.4.3', 'mysql:9.1', 'mysql:lts', 'docker.io/library/mysql:innovation', 'mysql:8.0', 'mysql:8.0.40-debian', 'mysql:5.7', 'mariadb:11', 'mysql/mysql-server:8.0'].map(mysqlFrom84),
    [true, true, true, true, true, true, true, false, false, false, false, false]);
  // MariaDB keeps taking the option: Docker's awesome-compose samples run mariadb:10-focal with it.
  for (const image of ['mysql:8.0', 'mariadb:10.11', 'mysql:5.7']) {
    assert.deepEqual(findings(validate(`services:\n  db:\n    image: ${image}\n    command: --default-authentication-plugin=mysql_native_password\n`), code), [], image);
  }
});

test('compose-removed-server-option: the flags Prometheus 3 removed, on the tags that run it (round 17)', () => {
  const text = 'services:\n  prometheus:\n    image: prom/prometheus:latest\n    command:\n      - \'--config.file=/etc/prometheus/prometheus.yml\'\n      - \'--storage.tsdb.retention=1h\'\n      - \'--storage.tsdb.retention.size=1TB\'\n';
  const found = findings(validate(text), code);
  assert.deepEqual(found.map((d) => covered(text, d)), ['--storage.tsdb.retention=1h']);
  assert.equal(found[0]!.message, 'prom/prometheus:latest runs Prometheus 3, which no longer has --storage.tsdb.retention: it stops at start ("unknown long flag"). Write --storage.tsdb.retention.time, or pin a v2 tag.');
  const flag = (image: string, command: string) => findings(validate(`services:\n  p:\n    image: ${image}\n    command: ${command}\n`), code).map((d) => d.message);
  assert.deepEqual(flag('prom/prometheus', '--alertmanager.timeout=10s --config.file=/p.yml'), ['prom/prometheus runs Prometheus 3, which no longer has --alertmanager.timeout: it stops at start ("unknown long flag"). Remove it, or pin a v2 tag.']);
  assert.equal(flag('quay.io/prometheus/prometheus:v3.1.0', '["--storage.tsdb.allow-overlapping-blocks"]').length, 1);
  for (const [image, command] of [
    ['prom/prometheus:v2.55.1', '--storage.tsdb.retention=15d'],
    ['prom/prometheus:latest', '--storage.tsdb.retention.time=15d --storage.tsdb.retention.size=1GB'],
    ['bitnami/prometheus:latest', '--storage.tsdb.retention=15d'],
    ['mysql:8.0', '--storage.tsdb.retention=15d'],
  ] as const) assert.deepEqual(flag(image, command), [], `${image} ${command}`);
});

test('compose-removed-server-option: a service that builds runs its Dockerfile\'s base (round 31: FROM mysql:latest in Db/Dockerfile)', () => {
  const text = 'services:\n  db:\n    build: ./Db\n    command: mysqld --default-authentication-plugin=mysql_native_password\n';
  const found = (dockerfile: string) => findings(validate(text, { files: { [`${ROOT}/Db/Dockerfile`]: dockerfile } }), 'compose-removed-server-option');
  assert.deepEqual(found('FROM mysql:latest\nCOPY init.sql /docker-entrypoint-initdb.d/\n').map((d) => covered(text, d)), ['--default-authentication-plugin=mysql_native_password']);
  assert.deepEqual(found('FROM mysql:8.0\nCOPY init.sql /docker-entrypoint-initdb.d/\n'), []);
  // No Dockerfile to read: nothing is known of the image.
  assert.deepEqual(findings(validate(text), 'compose-removed-server-option'), []);
});

