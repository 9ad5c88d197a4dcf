// Podman's differences, against a scripted engine (the integration tier runs the real service):
// its sockets in the engine list, pods, volume events that name the volume only in their
// attributes, and no network events (the model re-reads networks after its own commands).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DockerEngine, PodSummary } from '../../../client/src/engine/dockerEngine';
import type { EngineEvent } from '../../../client/src/engine/engineEvents';
import { listEngineChoices, podmanSockets } from '../../../client/src/engine/dockerContexts';
import { EngineModel } from '../../../client/src/model/engineModel';

test('a rootless Podman socket shows up as an engine, with the CLI environment that reaches it', async () => {
  const runtime = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-xdg-'));
  const socket = path.join(runtime, 'podman', 'podman.sock');
  fs.mkdirSync(path.dirname(socket));
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  try {
    const env = { HOME: runtime, DOCKER_CONFIG: path.join(runtime, 'no-config'), XDG_RUNTIME_DIR: runtime };
    assert.deepEqual(podmanSockets(env).map((s) => s.id), ['podman', 'podman-rootless']);
    const choice = listEngineChoices(env).find((c) => c.id === 'podman-rootless');
    assert.ok(choice, 'listed while the socket exists');
    assert.equal(choice.target?.endpoint, `unix://${socket}`);
    assert.deepEqual(choice.cliEnv, { DOCKER_HOST: `unix://${socket}` });
  } finally {
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(runtime, { recursive: true, force: true });
  }
  assert.ok(!listEngineChoices({ XDG_RUNTIME_DIR: runtime }).some((c) => c.id === 'podman-rootless'), 'gone with the socket');
});

function podmanEngine() {
  const calls: string[] = [];
  const pods: PodSummary[] = [{ Id: 'p1', Name: 'web', Containers: [{ Id: 'c1' }] }];
  let onEvent: (e: EngineEvent) => void = () => undefined;
  const engine = {
    target: { endpoint: 'unix:///podman.sock', options: {} },
    flavor: async () => 'podman',
    subscribe: async (ev: typeof onEvent) => {
      onEvent = ev;
      return { dispose: () => undefined };
    },
    listContainers: async () => [],
    listImages: async () => [],
    listVolumes: async (name?: string) => { calls.push(name ? `volume:${name}` : 'volumes'); return name ? [{ Name: name, Driver: 'local' }] : []; },
    listNetworks: async () => { calls.push('networks'); return []; },
    listPods: async () => { calls.push('pods'); return [...pods]; },
  } as unknown as DockerEngine;
  return { engine, calls, pods, emit: (e: EngineEvent) => onEvent(e) };
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

test('on Podman the model lists pods, follows pod and volume events, and re-reads networks after a command', async () => {
  const fake = podmanEngine();
  const model = new EngineModel(fake.engine, { setTimeout: () => 0, clearTimeout: () => undefined });
  await model.connect();
  assert.equal(model.flavor, 'podman');
  assert.deepEqual([...model.pods.keys()], ['p1']);
  assert.deepEqual(model.notLive, ['network']);

  fake.calls.length = 0;
  // Podman's volume events: an empty actor id, the name in the attributes.
  fake.emit({ Type: 'volume', Action: 'create', Actor: { ID: '', Attributes: { name: 'data' } } });
  fake.pods.push({ Id: 'p2', Name: 'db', Containers: [] });
  fake.emit({ Type: 'pod', Action: 'create', Actor: { ID: 'p2', Attributes: { name: 'db' } } });
  await settle();
  assert.ok(fake.calls.includes('volume:data'), fake.calls.join(','));
  assert.ok(model.volumes.has('data'));
  assert.deepEqual([...model.pods.keys()].sort(), ['p1', 'p2']);

  fake.calls.length = 0;
  model.followUp('network');
  model.followUp('volume');
  await settle();
  assert.deepEqual(fake.calls, ['networks'], 'networks re-read (no events); volumes left to their events');
  model.dispose();
});
