// The ssh transport and the registry credentials are loaded by the first engine call that needs
// them (client/src/engine/lazyEngineParts.ts), not with the engine: a local socket never loads them.
// This file runs in its own process, so what is in require.cache is what these engines loaded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { DockerodeEngine } from '../../../client/src/engine/dockerodeEngine';
import { parseEndpoint } from '../../../client/src/engine/engineTarget';
import { EngineError } from '../../../client/src/engine/engineError';

const LAZY = /client[\\/]src[\\/]engine[\\/](lazyEngineParts|sshTransport|dockerCredentials|knownHosts|sshConfig)\.ts$/;
const loadedLazyParts = () => Object.keys(require.cache).filter((file) => LAZY.test(file)).map((file) => path.basename(file)).sort();

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

test('a local engine loads neither the ssh transport nor the credentials; an ssh engine loads the transport on its first request', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-lazy-parts-'));
  try {
    const local = new DockerodeEngine(parseEndpoint(`unix://${path.join(dir, 'no-engine.sock')}`));
    await assert.rejects(local.ping(), EngineError);
    local.dispose();
    assert.deepEqual(loadedLazyParts(), []);

    const ssh = new DockerodeEngine(parseEndpoint(`ssh://dev@127.0.0.1:${await closedPort()}`), undefined, { env: { HOME: dir } });
    assert.deepEqual(loadedLazyParts(), [], 'making an ssh engine loads nothing yet');
    const error = await ssh.ping().then(() => undefined, (e: unknown) => e);
    ssh.dispose();
    assert.ok(error instanceof EngineError, String(error));
    assert.equal(error.kind, 'refused');
    assert.match(error.message, /Cannot reach an ssh server at dev@127\.0\.0\.1:\d+/);
    assert.deepEqual(loadedLazyParts(), ['dockerCredentials.ts', 'knownHosts.ts', 'lazyEngineParts.ts', 'sshConfig.ts', 'sshTransport.ts']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('an engine disposed before its first request refuses it instead of connecting', async () => {
  const ssh = new DockerodeEngine(parseEndpoint(`ssh://dev@127.0.0.1:${await closedPort()}`), undefined, { env: { HOME: os.tmpdir() } });
  ssh.dispose();
  const error = await ssh.ping().then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof EngineError, String(error));
  assert.match(error.message, /The engine connection was closed\./);
});
