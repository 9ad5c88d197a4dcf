// The translations travel inside the server bundle: built into an empty folder with no
// node_modules and no l10n files beside it, `node server.js --stdio` answers in Chinese when the
// client says zh-CN at initialize (the LSP `locale`, as other editors send it), and in English
// when initializationOptions.locale says en (VS Code's client sends that and it wins).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildServer } from '../../../esbuild.server.mjs';
import { LspPeer } from '../../harness/lspPeer.mjs';

const CJK = /[\u4e00-\u9fff]/;

async function firstDiagnosticMessage(dir: string, initialize: Record<string, unknown>): Promise<string> {
  const peer = new LspPeer(process.execPath, ['server.js', '--stdio'], { cwd: dir, env: { PATH: process.env.PATH, XDG_CACHE_HOME: path.join(dir, 'cache') } });
  try {
    await peer.request('initialize', { processId: null, rootUri: null, capabilities: {}, ...initialize });
    peer.notify('initialized', {});
    const diagnostics = peer.next((m) => m.method === 'textDocument/publishDiagnostics');
    peer.notify('textDocument/didOpen', { textDocument: { uri: 'file:///tmp/zh/Dockerfile', languageId: 'dockerfile', version: 1, text: 'FROM busybox:1.36\nRUNN echo\n' } });
    const published = await diagnostics;
    const unknown = published.params.diagnostics.find((d: any) => d.range.start.line === 1);
    assert.ok(unknown, JSON.stringify(published.params.diagnostics));
    await peer.request('shutdown', null);
    peer.notify('exit', null);
    return unknown.message as string;
  } finally {
    peer.child.kill();
  }
}

test('the standalone server carries its Chinese bundle and follows the locale from initialize', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-standalone-zh-'));
  try {
    await buildServer(dir);
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.js')).sort(), ['server.js', 'serverMain.js', 'serverWorker.js']);
    const zh = await firstDiagnosticMessage(dir, { locale: 'zh-CN' });
    assert.match(zh, CJK);
    assert.match(zh, /RUNN/);
    const en = await firstDiagnosticMessage(dir, { locale: 'zh-CN', initializationOptions: { locale: 'en' } });
    assert.doesNotMatch(en, CJK);
    assert.match(en, /Unknown instruction: RUNN/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
