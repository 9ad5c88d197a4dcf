// Engines: a Docker context is switched to without a reload; when its engine stops the views say
// why and offer Retry; when it comes back they recover by themselves. A socket the user may not
// open gives the permission message with the fix.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import Dockerode from 'dockerode';
import { activateExtension, childrenOf, waitFor, waitForChildren, writeDockerContext } from './helpers';
import { startPrivateEngine } from '../engine/privateEngine.mjs';
import { toEngineError } from '../../client/src/engine/engineError';

const writeContext = (configDir: string, name: string, host: string, tlsFrom?: string) =>
  writeDockerContext(configDir, name, host, { description: 'test engine', ...(tlsFrom ? { tlsFrom } : {}) });

describe('engines: switching, outages and recovery', function () {
  this.timeout(120_000);
  let second: Awaited<ReturnType<typeof startPrivateEngine>>;
  // Made in before(), not here: a window whose grep skips this suite loads the file but runs no hooks.
  let configDir = '';
  const previousConfig = process.env.DOCKER_CONFIG;

  before(async () => {
    configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-docker-config-'));
    second = await startPrivateEngine({ buildImage: false, tls: true });
    writeContext(configDir, 'dwb-second', second.host);
    writeContext(configDir, 'dwb-tls', second.tls!.host, second.tls!.clientDir);
    // The same endpoint with a CA that did not sign the engine's certificate.
    const wrongCa = fs.mkdtempSync(path.join(configDir, 'wrong-ca-'));
    for (const file of ['cert.pem', 'key.pem']) fs.copyFileSync(path.join(second.tls!.clientDir, file), path.join(wrongCa, file));
    fs.copyFileSync(path.join(second.tls!.clientDir, 'cert.pem'), path.join(wrongCa, 'ca.pem'));
    writeContext(configDir, 'dwb-tls-wrong-ca', second.tls!.host, wrongCa);
    writeContext(configDir, 'dwb-missing', `unix://${path.join(configDir, 'no-such.sock')}`);
    process.env.DOCKER_CONFIG = configDir;
  });

  after(async () => {
    try {
      const api = await activateExtension();
      await vscode.commands.executeCommand('dockerWorkbench.engine.use', { kind: 'engine', id: 'env' });
      await waitFor('back on the test engine', () => api.model.state.status === 'connected');
    } finally {
      if (previousConfig === undefined) delete process.env.DOCKER_CONFIG;
      else process.env.DOCKER_CONFIG = previousConfig;
      await second?.stop();
      if (configDir) fs.rmSync(configDir, { recursive: true, force: true });
    }
  });

  it('lists the Docker contexts and switches to one without reloading', async () => {
    const api = await activateExtension();
    const engines = (await childrenOf(api.views.engines)).map((n) => n.id);
    assert.ok(engines.includes('env') && engines.includes('default') && engines.includes('context:dwb-second'), `engines: ${engines}`);
    await vscode.commands.executeCommand('dockerWorkbench.engine.use', { kind: 'engine', id: 'context:dwb-second' });
    assert.equal(api.active.choice.id, 'context:dwb-second');
    assert.deepEqual(api.active.cliEnv, { DOCKER_CONTEXT: 'dwb-second', DOCKER_HOST: '' });
    await new Dockerode({ socketPath: second.socketPath }).createVolume({ Name: 'only-on-second' });
    await waitForChildren('the second engine\'s volume', api.views.volumes, (nodes) => nodes.some((n) => n.id === 'only-on-second'));
    const active = (await childrenOf(api.views.engines)).find((n) => n.id === 'context:dwb-second');
    assert.equal(api.views.engines.getTreeItem(active).contextValue, 'engine:active');
  });

  it('says why when the engine stops (a short line, no items so the welcome shows Retry, "disconnected" in the status bar, one notification for all retries), and comes back by itself when it restarts', async () => {
    const api = await activateExtension();
    await waitFor('connected to the second engine', () => api.model.state.status === 'connected' && api.active.choice.id === 'context:dwb-second');
    const fullListsBefore = api.model.counters.fullLists;
    const notificationsBefore = api.engineStatus.notifications;
    let failures = 0;
    const listener = api.model.onDidChange((c) => { if (c.kind === 'state' && api.model.state.status === 'unreachable') failures++; });
    try {
      await second.pause();
      await waitFor('the Containers view to show the problem instead of items', async () =>
        (await childrenOf(api.views.containers)).length === 0 && api.views.containers.problemLine);
      assert.match(api.views.containers.problemLine!, /Docker is not running here|refuses the connection|does not answer|cannot be reached/);
      for (const view of [api.views.images, api.views.volumes, api.views.networks]) {
        assert.deepEqual(await childrenOf(view), [], 'no items: the welcome content with Retry shows');
        assert.equal(view.problemLine, api.views.containers.problemLine);
      }
      assert.match(api.active.statusText.text, /dwb-second: disconnected/);
      assert.match(api.active.statusText.tooltip, /cannot be reached: .*(No Docker Engine socket|refused|ended|did not answer)/);
      await waitFor('at least two failed retries', () => failures >= 3, 30_000);
      assert.equal(api.engineStatus.notifications, notificationsBefore + 1, 'one notification for the outage, none per retry');
    } finally {
      listener.dispose();
    }

    await second.resume();
    await waitForChildren('the volumes back after the restart', api.views.volumes, (nodes) => nodes.some((n) => n.id === 'only-on-second'), undefined, 60_000);
    assert.equal(api.model.state.status, 'connected');
    assert.ok(api.model.counters.fullLists > fullListsBefore, 'a reconnect re-lists once');
    assert.equal(api.views.containers.problemLine, undefined, 'no problem any more');
    assert.doesNotMatch(api.active.statusText.text, /disconnected/);

    // A quick restart (the stream ends, the socket comes back) recovers the same way.
    await second.restart();
    await waitFor('reconnected after a restart', () => api.model.state.status === 'connected' && api.model.volumes.has('only-on-second'), 60_000);
  });

  it('connects to a tcp engine with TLS through a context that carries its certificates', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('dockerWorkbench.engine.use', { kind: 'engine', id: 'context:dwb-tls' });
    assert.equal(api.active.engine.target.options.protocol, 'https');
    await waitForChildren('the TLS engine\'s volume', api.views.volumes, (nodes) => nodes.some((n) => n.id === 'only-on-second'), undefined, 30_000);
    assert.equal(api.model.state.status, 'connected');
  });

  it('explains a TLS failure when the CA does not match', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('dockerWorkbench.engine.use', { kind: 'engine', id: 'context:dwb-tls-wrong-ca' });
    await waitFor('the TLS failure', () => api.model.state.status === 'unreachable' && (api.views.containers.getChildren(), api.views.containers.problemLine), 30_000);
    assert.equal(api.views.containers.problemLine, 'The secure (TLS) connection to the Docker Engine failed.');
    assert.match(api.model.state.status === 'unreachable' ? api.model.state.error.message : '', /TLS handshake with .* failed: .*certificate.*DOCKER_CERT_PATH/);
    assert.match(api.active.statusText.tooltip, /TLS handshake/);
  });

  it('shows a missing socket in every view, with a notification for the newly chosen engine', async () => {
    const api = await activateExtension();
    const notificationsBefore = api.engineStatus.notifications;
    await vscode.commands.executeCommand('dockerWorkbench.engine.use', { kind: 'engine', id: 'context:dwb-missing' });
    await waitFor('the missing socket', () => api.model.state.status === 'unreachable' && (api.views.containers.getChildren(), api.views.containers.problemLine));
    assert.equal(api.views.containers.problemLine, 'Docker is not running here: there is no engine socket.');
    assert.match(api.model.state.status === 'unreachable' ? api.model.state.error.message : '', /No Docker Engine socket at .*no-such\.sock/);
    assert.match(String(api.active.choice.label), /dwb-missing/);
    assert.match(api.active.statusText.text, /dwb-missing: disconnected/);
    assert.equal(api.engineStatus.notifications, notificationsBefore + 1, 'another engine, another outage');
  });

  it('explains a socket the user may not open, with the fix', async () => {
    // Root may open any socket, so ask as an unprivileged user for the real error.
    const probe = spawnSync(process.execPath, ['-e',
      `require('net').connect(${JSON.stringify(second.socketPath)}).on('error', (e) => { console.log(JSON.stringify({ code: e.code, message: e.message, address: e.address })); process.exit(0); }).on('connect', () => { console.log('{"code":"CONNECTED"}'); process.exit(0); });`,
    ], { uid: 65534, gid: 65534, encoding: 'utf8' });
    const raw = JSON.parse(probe.stdout.trim()) as { code: string; message: string; address?: string };
    assert.equal(raw.code, 'EACCES', `an unprivileged user got ${probe.stdout}${probe.stderr}`);
    const error = toEngineError(Object.assign(new Error(raw.message), raw), second.host);
    assert.equal(error.kind, 'permissionDenied');
    assert.match(error.message, /Permission denied on .*docker\.sock/);
    assert.match(error.message, /usermod -aG docker/);
  });
});
