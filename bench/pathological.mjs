// Pathological inputs against the bundled server (`node dist/server.js --stdio`), one fresh server
// per input: time from didOpen to the first diagnostics; how long a hover on another (small)
// document takes while the input is being checked; the slowest of a round of requests on the input
// and on the small document afterwards; and the server's peak resident memory (VmHWM, which covers
// its worker threads). Needs `npm run build` first. ONLY=<substring> picks inputs. CLIENT_ENV=1
// starts it as VS Code's client does (its environment and Node options, serverEnvironment.ts).
import * as path from 'node:path';
import { REPO } from '../test/harness/tiers.mjs';
import { LspPeer } from '../test/harness/lspPeer.mjs';
import { PATHOLOGICAL_INPUTS } from '../test/fuzz/pathologicalInputs.mjs';
import { vsCodeClientOptions } from './lib/clientOptions.mjs';

const ONLY = process.env.ONLY;
const client = process.env.CLIENT_ENV === '1' ? await vsCodeClientOptions() : undefined;
const TIMEOUT = Number(process.env.TIMEOUT_MS || 60_000);
const SMALL = 'FROM alpine:3.20\nARG VERSION=1\nRUN echo ${VERSION}\n';
const now = () => performance.now();

async function timed(promise) {
  const t = now();
  try {
    await promise;
    return now() - t;
  } catch {
    return Infinity;
  }
}

function withTimeout(promise, ms) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);
}

async function measure(input) {
  const text = input.text();
  const server = path.join(REPO, 'dist', 'server.js');
  const peer = client
    ? new LspPeer(process.execPath, [...client.SERVER_EXEC_ARGV, server, '--stdio'], { env: { ...process.env, ...client.SERVER_ENVIRONMENT } })
    : new LspPeer(process.execPath, [server, '--stdio']);
  const errors = [];
  peer.child.on('exit', (code, signal) => { if (code !== 0 && code !== null) errors.push(`exit ${code}`); if (signal && signal !== 'SIGKILL') errors.push(signal); });
  try {
    await peer.request('initialize', { processId: process.pid, rootUri: 'file:///tmp/dwb-pathological', workspaceFolders: [{ uri: 'file:///tmp/dwb-pathological', name: 'p' }], capabilities: {} });
    peer.notify('initialized', {});
    const small = 'file:///tmp/dwb-pathological/small/Dockerfile';
    const uri = `file:///tmp/dwb-pathological/big/${input.file}`;
    const smallReady = peer.next((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === small, TIMEOUT);
    peer.notify('textDocument/didOpen', { textDocument: { uri: small, languageId: 'dockerfile', version: 1, text: SMALL } });
    await smallReady;
    // Arrival times are taken when each message comes, not when it is awaited (after the hovers).
    let firstAt = Infinity;
    const first = peer.next((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri, TIMEOUT).then((m) => { firstAt = now(); return m; }, () => undefined);
    const opened = now();
    peer.notify('textDocument/didOpen', { textDocument: { uri, languageId: input.language, version: 1, text } });
    // A hover on the small document right behind the didOpen (it waits for that message to be read
    // off the stream), and one 300 ms later, while the input is being checked.
    const behind = await timed(withTimeout(peer.request('textDocument/hover', { textDocument: { uri: small }, position: { line: 2, character: 12 } }), TIMEOUT));
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 300 - (now() - opened))));
    const during = await timed(withTimeout(peer.request('textDocument/hover', { textDocument: { uri: small }, position: { line: 2, character: 12 } }), TIMEOUT));
    let firstMs = Infinity;
    let diagnostics = 0;
    const message = await first;
    let notes = '';
    if (message) {
      firstMs = firstAt - opened;
      diagnostics = message.params.diagnostics.length;
      notes = [...new Set(message.params.diagnostics.filter((d) => d.code === 'analysis-limit' || d.code === 'compose-file-skipped').map((d) => noteKind(d.message)))].join(', ');
    }
    const lines = text.split('\n').length;
    const requests = [
      ['textDocument/hover', { textDocument: { uri }, position: { line: Math.floor(lines / 2), character: 2 } }],
      ['textDocument/completion', { textDocument: { uri }, position: { line: lines - 1, character: 0 } }],
      ['textDocument/documentSymbol', { textDocument: { uri } }],
      ['textDocument/foldingRange', { textDocument: { uri } }],
      ['textDocument/semanticTokens/full', { textDocument: { uri } }],
      ['textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: Math.min(lines, 200), character: 0 } } }],
      ['textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } }],
      ['textDocument/hover', { textDocument: { uri: small }, position: { line: 2, character: 12 } }],
      ['textDocument/completion', { textDocument: { uri: small }, position: { line: 2, character: 8 } }],
    ];
    let slowest = 0;
    let slowestName = '';
    for (const [method, params] of requests) {
      const ms = await timed(withTimeout(peer.request(method, params), TIMEOUT));
      if (ms > slowest) [slowest, slowestName] = [ms, method.replace('textDocument/', '')];
    }
    return { name: input.name, bytes: Buffer.byteLength(text, 'utf8'), firstMs, diagnostics, notes, behind, during, slowest, slowestName, peakMb: peer.peakMemoryMb(), errors };
  } finally {
    await peer.stop();
  }
}

/** A short name for a budget note, for the table. */
function noteKind(message) {
  const kinds = [
    [/binary/, 'binary'], [/too large to check past/, 'parse budget'], [/too large, too deeply nested or not text/, 'not analysed'],
    [/too large to expand/, 'expansion'], [/merge keys/, 'merges'], [/nested more than/, 'nesting'], [/scripts in this file/, 'shell budget'],
    [/script is longer|nests brackets/, 'script'], [/remaining checks were skipped/, '1 s of checks'], [/more memory/, 'memory'],
    [/so it was stopped/, 'stopped'], [/more problems are not shown/, '1,000 shown'],
  ];
  return kinds.find(([pattern]) => pattern.test(message))?.[1] ?? 'note';
}

const f = (ms) => (ms === Infinity ? 'timeout' : ms < 10 ? ms.toFixed(1) : ms.toFixed(0));
const size = (b) => (b >= 1024 * 1024 ? `${(b / 1024 / 1024).toFixed(1)} MB` : `${(b / 1024).toFixed(1)} KB`);
console.log('| Input | Size | First diagnostics (ms) | Diagnostics (budget notes) | Hover on another file: right behind the didOpen / while checking (ms) | Slowest request after (ms) | Peak RSS (MB) |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const input of PATHOLOGICAL_INPUTS) {
  if (ONLY && !input.name.includes(ONLY)) continue;
  const r = await measure(input);
  console.log(`| ${r.name} | ${size(r.bytes)} | ${f(r.firstMs)} | ${r.diagnostics}${r.notes ? ` (${r.notes})` : ''} | ${f(r.behind)} / ${f(r.during)} | ${f(r.slowest)} (${r.slowestName}) | ${r.peakMb.toFixed(0)} |${r.errors.length ? ` ${r.errors.join(', ')}` : ''}`);
}
