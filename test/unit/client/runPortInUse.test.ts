import { test } from 'node:test';
import assert from 'node:assert/strict';
import { portInUse } from '../../../client/src/run/portInUse';

test('finds the taken host port in each engine wording, with the address unless it is every interface', () => {
  assert.deepEqual(portInUse('driver failed programming external connectivity on endpoint web (abc): Bind for 127.0.0.1:8080 failed: port is already allocated'), { port: '8080', ip: '127.0.0.1' });
  assert.deepEqual(portInUse('driver failed programming external connectivity on endpoint web (abc): Bind for 0.0.0.0:80 failed: port is already allocated'), { port: '80', ip: undefined });
  assert.deepEqual(portInUse('failed to set up container networking: driver failed programming external connectivity on endpoint web (abc): failed to bind host port for 0.0.0.0:8080:172.17.0.2:80/tcp: address already in use'), { port: '8080', ip: undefined });
  assert.deepEqual(portInUse('failed to bind host port for [::1]:9000:[fd00::2]:80/tcp: address already in use'), { port: '9000', ip: '::1' });
  assert.deepEqual(portInUse('Error starting userland proxy: listen tcp4 127.0.0.1:5432: bind: address already in use'), { port: '5432', ip: '127.0.0.1' });
});

test('other failures are not mistaken for a taken port', () => {
  assert.equal(portInUse('No such image: busybox:nope'), undefined);
  assert.equal(portInUse('Conflict. The container name "/web" is already in use by container "abc"'), undefined);
});
