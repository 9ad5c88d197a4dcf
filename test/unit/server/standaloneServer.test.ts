// The server bundle must run on its own (other editors use it): build it into an empty folder
// with no node_modules, start `node server.js --stdio`, and speak LSP to it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildServer } from '../../../esbuild.server.mjs';
import { LspPeer } from '../../harness/lspPeer.mjs';

const REPO = path.resolve(__dirname, '..', '..', '..');

test('node server.js --stdio runs with no node_modules, answers initialize and publishes diagnostics', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-standalone-'));
  try {
    // As `npm run build` lays it out: the start-up (server.js), the server it loads and the workers'
    // own smaller bundle (the shell parser is part of the last two).
    // No HOME: the code cache goes to $XDG_CACHE_HOME, inside the folder removed below.
    await buildServer(dir);
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.js')).sort(), ['server.js', 'serverMain.js', 'serverWorker.js']);
    for (const bundle of ['server.js', 'serverMain.js', 'serverWorker.js']) {
      const text = fs.readFileSync(path.join(dir, bundle), 'utf8');
      assert.ok(!text.includes('mvdan.cc/sh'), `mvdan-sh (now only a test oracle) is not in ${bundle}`);
      // codeCache.ts's loadBundle gives a bundle Node's own require: a file beside it would miss the cache.
      assert.doesNotMatch(text, /require\(["']\.{1,2}\//, `${bundle} requires no file beside it`);
    }
    const worker = fs.readFileSync(path.join(dir, 'serverWorker.js'), 'utf8');
    assert.ok(!worker.includes('createConnection'), 'the worker bundle does not hold the connection');
    const peer = new LspPeer(process.execPath, ['server.js', '--stdio'], { cwd: dir, env: { PATH: process.env.PATH, XDG_CACHE_HOME: path.join(dir, 'cache') } });
    const child = peer.child;
    try {
      const initialized = await peer.request('initialize', { processId: null, rootUri: null, capabilities: {} });
      assert.equal(initialized.serverInfo.name, 'docker-workbench-language-server');
      assert.equal(initialized.serverInfo.version, JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version, 'the version comes from the manifest');
      assert.equal(initialized.capabilities.textDocumentSync, 2);
      peer.notify('initialized', {});
      // Another editor may send a generic language id; the file name decides.
      const isPublish = (m: any) => m.method === 'textDocument/publishDiagnostics';
      const publishes: any[] = [];
      peer.observe((m: any) => { if (isPublish(m)) publishes.push(m); });
      // One publish per version: the first answer is the full one, shell checks included.
      const full = peer.next((m: any) => isPublish(m));
      peer.notify('textDocument/didOpen', { textDocument: { uri: 'file:///tmp/x/Dockerfile', languageId: 'plaintext', version: 1, text: 'FROM busybox\nRUNN echo\nRUN make && cd /tmp\n' } });
      const complete = await full;
      assert.equal(complete, publishes[0]);
      assert.equal(complete.params.uri, 'file:///tmp/x/Dockerfile');
      assert.equal(complete.params.version, 1);
      assert.deepEqual(Object.keys(complete.params).sort(), ['diagnostics', 'uri', 'version'], 'a plain publishDiagnostics, nothing of our own in it');
      assert.ok(complete.params.diagnostics.some((d: any) => d.range.start.line === 1 && /RUNN/.test(d.message)));
      // A finding that needs the shell parser.
      assert.ok(complete.params.diagnostics.some((d: any) => d.range.start.line === 2 && d.code === 'cd-without-effect'), JSON.stringify(complete.params.diagnostics));
      await peer.request('shutdown', null);
      assert.equal(publishes.length, 1, 'no second publish for the same version');
      peer.notify('exit', null);
      const code = await new Promise((resolve) => child.on('exit', resolve));
      assert.equal(code, 0);
    } finally {
      child.kill();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('editing a base compose file republishes the diagnostics of an open -f overlay in a subfolder', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-overlay-'));
  try {
    await buildServer(dir);
    const peer = new LspPeer(process.execPath, ['server.js', '--stdio'], { cwd: dir, env: { PATH: process.env.PATH, XDG_CACHE_HOME: path.join(dir, 'cache') } });
    try {
      await peer.request('initialize', { processId: null, rootUri: null, capabilities: {} });
      peer.notify('initialized', {});
      // Only open documents: nothing is read from disk.
      const project = `file://${dir}/project`;
      const base = `${project}/docker-compose.yml`;
      const overlay = `${project}/extensions/beat/beat-compose.yml`;
      const published = (uri: string, match: (diagnostics: any[]) => boolean) =>
        peer.next((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && match(m.params.diagnostics));
      const names = (diagnostics: any[]) => diagnostics.map((d) => /"(\w+)"/.exec(d.message)?.[1]).sort();
      const alone = published(overlay, () => true);
      peer.notify('textDocument/didOpen', { textDocument: { uri: overlay, languageId: 'dockercompose', version: 1, text: 'services:\n  beat:\n    image: beat\n    networks: [elk, extra]\n    depends_on: [search]\n' } });
      assert.deepEqual(names((await alone).params.diagnostics), ['elk', 'extra', 'search'], 'no base yet: three undefined names');
      const withBase = published(overlay, (d) => d.length === 2);
      peer.notify('textDocument/didOpen', { textDocument: { uri: base, languageId: 'dockercompose', version: 1, text: 'services:\n  search:\n    image: s\nnetworks:\n  other: {}\n' } });
      assert.deepEqual(names((await withBase).params.diagnostics), ['elk', 'extra']);
      const edited = published(overlay, (d) => d.length === 1);
      peer.notify('textDocument/didChange', { textDocument: { uri: base, version: 2 }, contentChanges: [{ text: 'services:\n  search:\n    image: s\nnetworks:\n  elk: {}\n' }] });
      assert.deepEqual(names((await edited).params.diagnostics), ['extra'], 'the base now declares elk');
    } finally {
      await peer.stop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** Speaks LSP over a socket the server connected to: sends a request and waits for its answer, or waits for a notification. */
function socketPeer(socket: import('node:net').Socket) {
  let buffer = Buffer.alloc(0);
  const waiting: { match: (m: any) => boolean; resolve: (m: any) => void }[] = [];
  socket.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, end).toString())?.[1]);
      if (buffer.length < end + 4 + length) return;
      const message = JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString('utf8'));
      buffer = buffer.subarray(end + 4 + length);
      const index = waiting.findIndex((w) => w.match(message));
      if (index >= 0) waiting.splice(index, 1)[0]!.resolve(message);
    }
  });
  const send = (message: object) => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    socket.write(`Content-Length: ${body.length}\r\n\r\n`);
    socket.write(body);
  };
  const next = (match: (m: any) => boolean) => new Promise<any>((resolve) => waiting.push({ match, resolve }));
  return { send, next };
}

// The transports other editors may choose: the server connects to the port or the pipe it is given.
for (const transport of ['socket', 'pipe'] as const) {
  test(`node server.js --${transport}=… connects, answers initialize and publishes diagnostics`, async () => {
    const net = await import('node:net');
    const { spawn } = await import('node:child_process');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-transport-'));
    const listener = net.createServer();
    try {
      await buildServer(dir);
      const address = transport === 'pipe' ? path.join(dir, 'lsp.sock') : 0;
      await new Promise<void>((resolve) => listener.listen(address, () => resolve()));
      const arg = transport === 'pipe' ? `--pipe=${address}` : `--socket=${(listener.address() as import('node:net').AddressInfo).port}`;
      const connected = new Promise<import('node:net').Socket>((resolve) => listener.once('connection', resolve));
      const child = spawn(process.execPath, [path.join(dir, 'server.js'), arg, '--no-code-cache'], { stdio: 'ignore' });
      try {
        const peer = socketPeer(await connected);
        const answer = peer.next((m) => m.id === 1);
        peer.send({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
        assert.equal((await answer).result.serverInfo.name, 'docker-workbench-language-server');
        peer.send({ method: 'initialized', params: {} });
        const uri = `file:///tmp/dwb-${transport}/Dockerfile`;
        const published = peer.next((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri);
        peer.send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'dockerfile', version: 1, text: 'FROM alpine\nRUNN x\n' } } });
        assert.ok((await published).params.diagnostics.some((d: { code: string }) => d.code === 'unknown-instruction'));
        const down = peer.next((m) => m.id === 2);
        peer.send({ id: 2, method: 'shutdown', params: null });
        await down;
        const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
        peer.send({ method: 'exit', params: null });
        assert.equal(await exited, 0);
      } finally {
        child.kill();
      }
    } finally {
      listener.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}
