import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate } from './helpers';

const code = 'compose-port-not-listened';
const service = (image: string, rest: string) => `services:\n  db:\n    image: ${image}\n${rest}`;

test('compose-port-not-listened: a container port the official database image does not listen on (rounds 71 and 80)', () => {
  const text = service('mysql:8.0', '    command: mysqld --default-authentication-plugin=mysql_native_password\n    ports:\n      - "3307:3307"\n      - "33060:33060"\n');
  assert.deepEqual(findings(validate(text), code).map((d) => [covered(text, d), d.severity]), [['"3307:3307"', 2]]);
  assert.equal(findings(validate(service('mariadb:11', '    ports:\n      - "20161:20161"\n    volumes:\n      - ./data:/data\n')), code).length, 1);
  assert.equal(findings(validate(service('postgres:16', '    ports:\n      - 5433\n')), code).length, 1);
});

test('compose-port-not-listened: not where the service may move its port, nor on other images', () => {
  for (const rest of [
    '    command: ["mongod", "--port", "27018"]\n    ports:\n      - "27018:27018"\n',
    '    environment:\n      PGPORT: 6666\n    ports:\n      - "7777:6666"\n',
    '    volumes:\n      - ./my.cnf:/etc/mysql/conf.d/port.cnf\n    ports:\n      - "3307:3307"\n',
    '    command: redis-server /usr/local/etc/redis/redis.conf\n    ports:\n      - "6380:6380"\n',
    '    ports:\n      - "3306:3306"\n      - "13306:3306"\n',
  ]) {
    const image = /mongod/.test(rest) ? 'mongo:7' : /PGPORT/.test(rest) ? 'postgres:16' : /redis/.test(rest) ? 'redis:7' : 'mysql:8.0';
    assert.deepEqual(findings(validate(service(image, rest)), code), [], rest);
  }
  assert.deepEqual(findings(validate(service('bitnami/mysql:8.0', '    ports:\n      - "3307:3307"\n')), code), []);
});
