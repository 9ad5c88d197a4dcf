import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseEndpoint, targetFromEnvironment } from '../../../client/src/engine/engineTarget';
import { toEngineError } from '../../../client/src/engine/engineError';
import { EventLineSplitter, type EngineEvent } from '../../../client/src/engine/engineEvents';
import { cliDefaultChoiceId, contextDigest, listEngineChoices } from '../../../client/src/engine/dockerContexts';
import { patchContainer } from '../../../client/src/model/containerEventPatch';
import type { ContainerSummary } from '../../../client/src/engine/dockerEngine';

test('endpoints: unix, tcp (TLS when verified), ssh, and a clear error for anything else', () => {
  assert.deepEqual(parseEndpoint('unix:///run/user/1000/podman/podman.sock').options, { socketPath: '/run/user/1000/podman/podman.sock' });
  assert.deepEqual(parseEndpoint('').options, { socketPath: '/var/run/docker.sock' });
  assert.deepEqual(parseEndpoint('tcp://10.0.0.5:2375').options, { host: '10.0.0.5', port: '2375', protocol: 'http' });
  assert.equal(parseEndpoint('tcp://10.0.0.5:2376', { verify: true }).options.protocol, 'https');
  // ssh engines: HTTP through the ssh transport (sshTransport.ts), which gets where to connect.
  const ssh = parseEndpoint('ssh://me@build-box:2222');
  assert.deepEqual(ssh.ssh, { host: 'build-box', port: 2222, user: 'me' });
  assert.deepEqual(ssh.options, { socketPath: 'docker-workbench-ssh' });
  assert.deepEqual(parseEndpoint('ssh://[::1]').ssh, { host: '::1', port: undefined, user: undefined });
  assert.throws(() => parseEndpoint('ftp://x'), /does not support/);
  assert.throws(() => parseEndpoint('not a url'), /not a Docker endpoint/);
  assert.equal(targetFromEnvironment({ DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1' }).options.protocol, 'https');
});

test('engine errors are classified with a message that says what to do', () => {
  const e = (code: string) => toEngineError(Object.assign(new Error(`connect ${code}`), { code }), 'unix:///var/run/docker.sock');
  assert.equal(e('ENOENT').kind, 'socketMissing');
  assert.match(e('EACCES').message, /usermod -aG docker/);
  assert.equal(e('ECONNREFUSED').kind, 'refused');
  assert.equal(e('ERR_TLS_CERT_ALTNAME_INVALID').kind, 'tls');
  assert.equal(toEngineError(Object.assign(new Error('x'), { statusCode: 409, json: { message: 'volume is in use' } }), 'e').message, 'volume is in use');
  assert.equal(toEngineError(Object.assign(new Error('x'), { statusCode: 404 }), 'e').kind, 'notFound');
  assert.ok(e('ENOENT').unreachable && !toEngineError(Object.assign(new Error('x'), { statusCode: 404 }), 'e').unreachable);
});

test('event lines split across chunks are reassembled, malformed ones skipped', () => {
  const events: EngineEvent[] = [];
  const splitter = new EventLineSplitter((e) => events.push(e));
  splitter.push('{"Type":"container","Action":"start","Actor":{"ID":"a"}}\n{"Type":"conta');
  splitter.push('iner","Action":"die","Actor":{"ID":"a"}}\nnot json\n');
  splitter.push('{"Type":"volume","Action":"create","Actor":{"ID":"v"}}');
  assert.deepEqual(events.map((e) => `${e.Type}:${e.Action}`), ['container:start', 'container:die', 'volume:create']);
});

test('Docker contexts are read from DOCKER_CONFIG, with the CLI\'s precedence for the default', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-contexts-'));
  try {
    const meta = path.join(dir, 'contexts', 'meta', contextDigest('remote'));
    fs.mkdirSync(meta, { recursive: true });
    fs.writeFileSync(path.join(meta, 'meta.json'), JSON.stringify({ Name: 'remote', Endpoints: { docker: { Host: 'ssh://me@box' } } }));
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ currentContext: 'remote' }));
    const env = { DOCKER_CONFIG: dir, HOME: dir };
    const choices = listEngineChoices(env);
    assert.deepEqual(choices.map((c) => c.id), ['default', 'context:remote']);
    assert.deepEqual(choices[1]!.cliEnv, { DOCKER_CONTEXT: 'remote', DOCKER_HOST: '' });
    assert.equal(cliDefaultChoiceId(env), 'context:remote');
    assert.equal(cliDefaultChoiceId({ ...env, DOCKER_HOST: 'unix:///x.sock' }), 'env');
    assert.equal(cliDefaultChoiceId({ ...env, DOCKER_CONTEXT: 'default' }), 'default');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('container events patch state, exit code, name and health; destroy removes', () => {
  const c = { Id: 'a', Names: ['/a'], State: 'running', Status: 'Up 5 minutes' } as ContainerSummary;
  const ev = (Action: string, Attributes: Record<string, string> = {}) => ({ Type: 'container', Action, Actor: { ID: 'a', Attributes } });
  assert.equal(patchContainer(c, ev('die', { exitCode: '137' }))!.Status, 'Exited (137) Less than a second ago');
  assert.equal(patchContainer(c, ev('pause'))!.State, 'paused');
  assert.deepEqual(patchContainer(c, ev('rename', { name: 'b' }))!.Names, ['/b']);
  assert.equal(patchContainer(c, ev('health_status: unhealthy'))!.Status, 'Up 5 minutes (unhealthy)');
  assert.equal(patchContainer(c, ev('destroy')), null);
  assert.equal(patchContainer(c, ev('exec_start')), undefined);
});
