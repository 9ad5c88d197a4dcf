import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate } from './helpers';
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
  for (const image of ['mysql:8.0', 'mariadb:10.11', 'mysql:5.7']) {
    assert.deepEqual(findings(validate(`services:\n  db:\n    image: ${image}\n    command: --default-authentication-plugin=mysql_native_password\n`), code), [], image);
  }
});
