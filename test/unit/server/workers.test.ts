// The safety nets of the server, on the bundle over stdio. Small files are checked on the main
// thread under a time limit: one stuck there is stopped, and the worker threads take every file
// from then on. In a worker, a validation that never ends or runs out of memory costs its worker,
// not the server. A request on another file is answered meanwhile, the stuck file gets one note
// saying why it has no findings, and the next version is checked by a fresh worker. The stuck and the
// memory-hungry features are test hooks the server only honours with DWB_HOST_TEST_HOOKS=1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildServer } from '../../../esbuild.server.mjs';
import { LspPeer } from '../../harness/lspPeer.mjs';

const SMALL = 'file:///tmp/dwb-workers/small/Dockerfile';
const STUCK = 'file:///tmp/dwb-workers/stuck/Dockerfile';

test('a stuck validation, a stuck request and a validation out of memory cost their worker, and the server goes on', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-workers-'));
  await buildServer(dir);
  const peer = new LspPeer(process.execPath, [path.join(dir, 'server.js'), '--stdio', '--no-code-cache'], { env: { ...process.env, DWB_HOST_TEST_HOOKS: '1' } });
  try {
    const logs: string[] = [];
    peer.observe((m) => { if (m.method === 'window/logMessage') logs.push(m.params.message); });
    await peer.request('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    peer.notify('initialized', {});
    const diagnostics = (uri: string, version: number) => peer.next((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.version === version, 60_000);
    // A cold or just replaced worker may miss the 800 ms answer time once: ask until it answers (with a deadline).
    const hoverSmall = async () => {
      for (let tries = 0; tries < 50; tries++) {
        const answer = await peer.request('textDocument/hover', { textDocument: { uri: SMALL }, position: { line: 1, character: 1 } });
        if (answer) return answer;
      }
      throw new Error('no hover answer in 50 tries');
    };

    let ready = diagnostics(SMALL, 1);
    peer.notify('textDocument/didOpen', { textDocument: { uri: SMALL, languageId: 'dockerfile', version: 1, text: 'FROM alpine:3.20\nRUN echo hi\n' } });
    await ready;

    // A validation that never ends: the other file's hover is answered while it runs.
    let stuckChecked = false;
    const stuck = diagnostics(STUCK, 1).then((m) => { stuckChecked = true; return m; });
    peer.notify('textDocument/didOpen', { textDocument: { uri: STUCK, languageId: 'dockerfile', version: 1, text: '# dwb-test: spin\nFROM alpine\n' } });
    const hover = await hoverSmall();
    assert.match(hover.contents.value, /RUN/);
    assert.equal(stuckChecked, false, 'the hover waited for the stuck validation');
    let note = (await stuck).params.diagnostics;
    assert.equal(note.length, 1);
    assert.equal(note[0].code, 'analysis-limit');
    assert.match(note[0].message, /took longer than 8 seconds, so it was stopped/);
    // It was stopped on the main thread first, then handed to a worker.
    assert.ok(logs.some((l) => /^main thread: a call ran past \d+ ms and was stopped/.test(l)), logs.join('\n'));
    assert.ok(logs.some((l) => /^validation worker stopped: no answer/.test(l)), logs.join('\n'));

    // The next version is checked by a fresh worker.
    ready = diagnostics(STUCK, 2);
    peer.notify('textDocument/didChange', { textDocument: { uri: STUCK, version: 2 }, contentChanges: [{ text: 'FROM alpine\nRUNN x\n' }] });
    assert.ok((await ready).params.diagnostics.some((d: { code: string }) => d.code === 'unknown-instruction'));

    // A request that never ends gets its empty answer; once its worker is replaced, requests are answered again.
    peer.notify('textDocument/didChange', { textDocument: { uri: STUCK, version: 3 }, contentChanges: [{ text: '# dwb-test: spin\nFROM alpine\n' }] });
    assert.equal(await peer.request('textDocument/hover', { textDocument: { uri: STUCK }, position: { line: 1, character: 1 } }), null);
    await peer.next((m) => m.method === 'window/logMessage' && /requests worker stopped/.test(m.params.message), 60_000);
    assert.match((await hoverSmall()).contents.value, /RUN/);

    // A slow answer: the outline, which VS Code keeps until the document changes, is waited for;
    // a hover is given up at 800 ms.
    const SLOW = 'file:///tmp/dwb-workers/slow/Dockerfile';
    peer.notify('textDocument/didOpen', { textDocument: { uri: SLOW, languageId: 'dockerfile', version: 1, text: '# dwb-test: slow\nFROM alpine\nRUN echo hi\n' } });
    const symbols = await peer.request('textDocument/documentSymbol', { textDocument: { uri: SLOW } });
    assert.ok(Array.isArray(symbols) && symbols.length > 0, JSON.stringify(symbols));
    assert.equal(await peer.request('textDocument/hover', { textDocument: { uri: SLOW }, position: { line: 2, character: 1 } }), null);
    peer.notify('textDocument/didClose', { textDocument: { uri: SLOW } });

    // A validation that runs out of memory: its worker ends, the file says why.
    const memory = diagnostics(STUCK, 4);
    peer.notify('textDocument/didChange', { textDocument: { uri: STUCK, version: 4 }, contentChanges: [{ text: '# dwb-test: allocate\nFROM alpine\n' }] });
    note = (await memory).params.diagnostics;
    assert.equal(note.length, 1);
    assert.match(note[0].message, /needed more memory than the language server allows/);
    ready = diagnostics(SMALL, 2);
    peer.notify('textDocument/didChange', { textDocument: { uri: SMALL, version: 2 }, contentChanges: [{ text: 'FROM alpine:3.20\nRUNN x\n' }] });
    assert.ok((await ready).params.diagnostics.some((d: { code: string }) => d.code === 'unknown-instruction'));
    assert.ok(!logs.some((l) => /uncaught|unhandled/i.test(l)), logs.join('\n'));
  } finally {
    await peer.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
