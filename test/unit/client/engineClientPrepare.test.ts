// prepare() loads dockerode's code ahead of the first engine call (extension.ts does it a moment
// after a start-up activation) and connects to nothing. Its own process: require.cache shows what
// this file's engines loaded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { DockerodeEngine } from '../../../client/src/engine/dockerodeEngine';
import { parseEndpoint } from '../../../client/src/engine/engineTarget';

const dockerodeLoaded = () => Object.keys(require.cache).some((file) => /node_modules[\\/]dockerode[\\/]/.test(file));

test('prepare() loads dockerode without connecting; the first call then connects as usual', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-prepare-'));
  const socket = path.join(dir, 'engine.sock');
  let connections = 0;
  const server = net.createServer((c) => {
    connections++;
    c.end('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nOK');
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  try {
    const engine = new DockerodeEngine(parseEndpoint(`unix://${socket}`));
    assert.equal(dockerodeLoaded(), false, 'making an engine loads nothing');
    engine.prepare();
    assert.equal(dockerodeLoaded(), true);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(connections, 0, 'prepare() sends nothing to the engine');
    await engine.ping();
    assert.equal(connections, 1);
    engine.dispose();
  } finally {
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
