// Compose language-server benchmark, side by side in one run with Microsoft's
// @microsoft/compose-language-service, over stdio, on generated compose files of 10, 100 and
// 1,000 services: clean, with ten duplicate keys, and with ten duplicate keys plus a YAML syntax
// error (an unclosed bracket), since people type files one key at a time and they are broken much
// of the time. Ours runs every check (schema and meaning); the peer checks YAML syntax only and
// waits about a second before publishing. Needs `npm run build` first.
import * as path from 'node:path';
import { REPO } from '../test/harness/tiers.mjs';
import { LspPeer, measureServer, percentile } from '../test/harness/lspPeer.mjs';
import { printComparison, summarize } from './lib/report.mjs';
import { peerServer } from './lib/peers.mjs';
import { generatedCompose as composeFile } from './lib/generatedInputs.mjs';

const SIZES = (process.env.SIZES || '10,100,1000').split(',').map(Number);
const OUR_EDITS = Number(process.env.EDITS || 100);
const PEER_EDITS = Number(process.env.PEER_EDITS || 20);

const VARIANTS = (process.env.VARIANTS || 'clean,duplicates,syntax').split(',');

const p95 = {};
for (const services of SIZES) {
  for (const variant of VARIANTS) {
    const text = composeFile(services, variant);
    const lines = text.split('\n');
    const target = lines.findIndex((l) => l.startsWith(`  svc${Math.floor(services / 2)}:`)) + 1; // its image line
    const imageLine = lines[target];
    const scenario = {
      languageId: 'dockercompose',
      uri: `file:///tmp/bench-compose-${services}-${variant}/compose.yaml`,
      text,
      // Alternately add and remove one character at the end of an image tag.
      edit: (i) => (i % 2 === 0
        ? { range: { start: { line: target, character: imageLine.length }, end: { line: target, character: imageLine.length } }, text: '1' }
        : { range: { start: { line: target, character: imageLine.length }, end: { line: target, character: imageLine.length + 1 } }, text: '' }),
      completionAt: { line: target + 1, character: 4 },
      hoverAt: { line: target + 1, character: 6 },
      requests: 50,
    };
    const ours = await measureServer({ ...scenario, command: process.execPath, args: [path.join(REPO, 'dist', 'server.js'), '--stdio'], edits: OUR_EDITS });
    const peer = await measureServer({ ...scenario, command: process.execPath, args: [peerServer('compose-language-service'), '--stdio'], edits: PEER_EDITS });
    const summary = summarize(ours);
    const peerSummary = summarize(peer);
    p95[`${services}/${variant}`] = { ours: summary.editP95, peer: peerSummary.editP95 };
    printComparison(`compose file with ${services} services, ${variant} (${lines.length} lines; ours: ${ours.diagnostics} diagnostics at open, peer: ${peer.diagnostics})`, summary, peerSummary, 'compose-language-service');
  }
}

/**
 * Ours on the three variants of one size in one server, edits taking turns (clean, duplicates,
 * syntax, clean…), so a busy machine slows all three alike and the ratio to clean is fair.
 */
async function interleaved(services, edits) {
  const peer = new LspPeer(process.execPath, [path.join(REPO, 'dist', 'server.js'), '--stdio']);
  try {
    await peer.request('initialize', { processId: process.pid, rootUri: null, capabilities: { textDocument: { publishDiagnostics: {} } } });
    peer.notify('initialized', {});
    const docs = VARIANTS.map((variant) => {
      const text = composeFile(services, variant);
      const lines = text.split('\n');
      const target = lines.findIndex((l) => l.startsWith(`  svc${Math.floor(services / 2)}:`)) + 1;
      return { variant, uri: `file:///tmp/bench-turns-${services}-${variant}/compose.yaml`, text, target, length: lines[target].length, version: 1, ms: [] };
    });
    for (const doc of docs) {
      const published = peer.next((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === doc.uri, 120_000);
      peer.notify('textDocument/didOpen', { textDocument: { uri: doc.uri, languageId: 'dockercompose', version: 1, text: doc.text } });
      await published;
    }
    for (let i = 0; i < edits; i++) {
      for (const doc of docs) {
        const at = { line: doc.target, character: doc.length };
        const change = i % 2 === 0 ? { range: { start: at, end: at }, text: '1' } : { range: { start: at, end: { line: doc.target, character: doc.length + 1 } }, text: '' };
        const published = peer.next((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === doc.uri, 60_000);
        const t = performance.now();
        peer.notify('textDocument/didChange', { textDocument: { uri: doc.uri, version: ++doc.version }, contentChanges: [change] });
        await published;
        doc.ms.push(performance.now() - t);
      }
    }
    return docs;
  } finally {
    await peer.stop();
  }
}

console.log('\nours, the variants taking turns in one server (edit → diagnostics, ms)');
for (const services of SIZES) {
  const docs = await interleaved(services, OUR_EDITS);
  const clean = docs.find((d) => d.variant === 'clean');
  for (const doc of docs) {
    const p50 = percentile(doc.ms, 0.5);
    const p = percentile(doc.ms, 0.95);
    const ratio = clean && doc !== clean ? `  ${(p / percentile(clean.ms, 0.95)).toFixed(2)}x clean (p95)` : '';
    console.log(`${String(services).padStart(5)} services, ${doc.variant.padEnd(10)} p50 ${p50.toFixed(1).padStart(7)}  p95 ${p.toFixed(1).padStart(7)}${ratio}`);
  }
}

console.log('\nedit → diagnostics p95 with errors present: ours against ours clean, and against the peer on the same file (separate runs)');
for (const services of SIZES) {
  const clean = p95[`${services}/clean`];
  for (const variant of VARIANTS.filter((v) => v !== 'clean')) {
    const run = p95[`${services}/${variant}`];
    if (!run) continue;
    const againstClean = clean ? `${(run.ours / clean.ours).toFixed(2)}x ours clean` : '';
    console.log(`${String(services).padStart(5)} services, ${variant.padEnd(10)} ${run.ours.toFixed(1).padStart(8)} ms  ${againstClean.padStart(18)}  ${(run.ours / run.peer).toFixed(3)}x the peer (${run.peer.toFixed(0)} ms)`);
  }
}
