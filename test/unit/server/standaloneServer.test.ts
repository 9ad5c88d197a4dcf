// The server bundle must run on its own (other editors use it): build it into an empty folder
// with no node_modules, start `node server.js --stdio`, and speak LSP to it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';

const REPO = path.resolve(__dirname, '..', '..', '..');

class StdioPeer {
  private buffer = Buffer.alloc(0);
  private readonly waiting: Array<{ match: (m: any) => boolean; resolve: (m: any) => void }> = [];
  readonly received: any[] = [];

  constructor(private readonly child: ReturnType<typeof spawn>) {
    child.stdout!.on('data', (chunk: Buffer) => this.read(chunk));
  }

  send(message: object): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    this.child.stdin!.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin!.write(body);
  }

  next(match: (m: any) => boolean, timeoutMs = 10_000): Promise<any> {
    const found = this.received.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no matching message from the server')), timeoutMs);
      this.waiting.push({ match, resolve: (m) => { clearTimeout(timer); resolve(m); } });
    });
  }

  private read(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8'));
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.received.push(message);
      for (const w of this.waiting.filter((w) => w.match(message))) {
        this.waiting.splice(this.waiting.indexOf(w), 1);
        w.resolve(message);
      }
    }
  }
}

test('node server.js --stdio runs with no node_modules, answers initialize and publishes diagnostics', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-standalone-'));
  try {
    await build({
      entryPoints: [path.join(REPO, 'server', 'src', 'main.ts')],
      outfile: path.join(dir, 'server.js'),
      bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'silent',
    });
    const child = spawn(process.execPath, ['server.js', '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'], env: { PATH: process.env.PATH } });
    const peer = new StdioPeer(child);
    try {
      peer.send({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
      const initialized = await peer.next((m) => m.id === 1);
      assert.equal(initialized.result.serverInfo.name, 'docker-workbench-language-server');
      assert.equal(initialized.result.capabilities.textDocumentSync, 2);
      peer.send({ method: 'initialized', params: {} });
      // Another editor may send a generic language id; the file name decides.
      peer.send({ method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///tmp/x/Dockerfile', languageId: 'plaintext', version: 1, text: 'FROM busybox\nRUNN echo\n' } } });
      const published = await peer.next((m) => m.method === 'textDocument/publishDiagnostics');
      assert.equal(published.params.uri, 'file:///tmp/x/Dockerfile');
      assert.ok(published.params.diagnostics.some((d: any) => d.range.start.line === 1 && /RUNN/.test(d.message)));
      peer.send({ id: 2, method: 'shutdown' });
      await peer.next((m) => m.id === 2);
      peer.send({ method: 'exit' });
      const code = await new Promise((resolve) => child.on('exit', resolve));
      assert.equal(code, 0);
    } finally {
      child.kill();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
