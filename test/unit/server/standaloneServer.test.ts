// The server bundle must run on its own (other editors use it): build it into an empty folder
// with no node_modules, start `node server.js --stdio`, and speak LSP to it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { LspPeer } from '../../harness/lspPeer.mjs';

const REPO = path.resolve(__dirname, '..', '..', '..');

test('node server.js --stdio runs with no node_modules, answers initialize and publishes diagnostics', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-standalone-'));
  try {
    await build({
      entryPoints: [path.join(REPO, 'server', 'src', 'main.ts')],
      outfile: path.join(dir, 'server.js'),
      bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'silent',
    });
    const peer = new LspPeer(process.execPath, ['server.js', '--stdio'], { cwd: dir, env: { PATH: process.env.PATH } });
    const child = peer.child;
    try {
      const initialized = await peer.request('initialize', { processId: null, rootUri: null, capabilities: {} });
      assert.equal(initialized.serverInfo.name, 'docker-workbench-language-server');
      assert.equal(initialized.capabilities.textDocumentSync, 2);
      peer.notify('initialized', {});
      // Another editor may send a generic language id; the file name decides.
      const diagnostics = peer.next((m) => m.method === 'textDocument/publishDiagnostics');
      peer.notify('textDocument/didOpen', { textDocument: { uri: 'file:///tmp/x/Dockerfile', languageId: 'plaintext', version: 1, text: 'FROM busybox\nRUNN echo\n' } });
      const published = await diagnostics;
      assert.equal(published.params.uri, 'file:///tmp/x/Dockerfile');
      assert.ok(published.params.diagnostics.some((d: any) => d.range.start.line === 1 && /RUNN/.test(d.message)));
      await peer.request('shutdown', null);
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
