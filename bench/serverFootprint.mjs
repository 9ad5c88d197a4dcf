// Start-up and footprint of the language servers, side by side with the peers in one run: for
// each input a fresh server process per run (ours and the peer taking turns), measuring
// spawn → initialize answered, didOpen → its diagnostics (the first publish for the opened
// version; ours publishes once per version, complete), 50 single-character edits each → its
// diagnostics, and the process's peak resident memory (VmHWM: main thread and any workers) after
// them. Medians over RUNS runs. The compose peer's one-second diagnostics debounce is set to 0
// (its `diagnosticDelay` initialization option) so it is measured on its work, not its wait.
// Needs `npm run build` first. SIZES=100,1000 narrows the Dockerfile sizes, SERVICES=10 the
// compose ones; SHAPES=one-stage,runs,args,anchors,one-service measures files built otherwise than
// the multi-stage Dockerfile (`stages`) and the compose file of like services (`services`), the
// defaults (bench/lib/generatedInputs.mjs: shapedDockerfile, shapedCompose); BEFORE=<folder with
// another build's server.js> adds that build as a column measured in the same runs; CLIENT_ENV=1 adds ours (and the BEFORE build) started with the
// environment and Node options VS Code's client gives it (ours also with the arguments the client
// adds when the input is open as it starts the server: --start-validation-worker past 64 KB). INLINE=1 adds ours with --inline (the language hosts on the main thread, no worker).
// FLOOR=1 adds a server that checks nothing (bench/lib/floorServer.mjs): the floor on this machine;
// and the same server publishing, for every version, the list ours publishes for the input (taken
// from one start of ours before the input's runs): what sending that many diagnostics alone costs.
// Ours (each column too) keeps its V8 code cache in a temporary folder of its own (removed at the
// end), written by one start before the runs, so its runs are those of every start after the
// first; CODE_CACHE=off measures it without (the cache folder is not used at all).
// SHOWN=1 measures what showing a file costs instead: didOpen and, at once, what VS Code asks of a
// document it shows, each answer timed from didOpen (no edits; a request not answered within
// SHOWN_LIMIT_MS, 30 s, counts as that limit).
// REQUESTS=1 also asks, after the open and after each edit's diagnostics, what VS Code asks of a
// document it shows (outline, folds, semantic tokens, code lenses, links, inlay hints), so the
// peak includes whatever answers requests (the peer is asked the same). Not at 10,016 lines: the
// Dockerfile peer takes minutes for semantic tokens there (227 s, 2026-12-04), so use SIZES=100,1000.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO } from '../test/harness/tiers.mjs';
import { LspPeer, percentile } from '../test/harness/lspPeer.mjs';
import { peerServer } from './lib/peers.mjs';
import { shapedCompose, shapedDockerfile } from './lib/generatedInputs.mjs';
import { vsCodeClientOptions } from './lib/clientOptions.mjs';

const RUNS = Number(process.env.RUNS || 3);
const EDITS = Number(process.env.EDITS || 50);
const ONLY = process.env.ONLY; // 'dockerfile' or 'compose'
// A folder holding another build's server.js (a copy of dist/ made before a change): measured in
// the same runs, taking turns with ours and the peer, as a "before" column.
const BEFORE = process.env.BEFORE;
const REQUESTS = process.env.REQUESTS === '1';

/** What VS Code asks of a document it shows, after it opens and after each change: [label, method, params]. */
function shownRequests(uri, lineCount) {
  const textDocument = { uri };
  const range = { start: { line: 0, character: 0 }, end: { line: lineCount, character: 0 } };
  return [
    ['outline', 'textDocument/documentSymbol', { textDocument }],
    ['folds', 'textDocument/foldingRange', { textDocument }],
    ['semantic tokens', 'textDocument/semanticTokens/full', { textDocument }],
    ['code lenses', 'textDocument/codeLens', { textDocument }],
    ['links', 'textDocument/documentLink', { textDocument }],
    ['inlay hints', 'textDocument/inlayHint', { textDocument, range }],
  ];
}

/** The requests of a shown document, all at once (errors ignored: a peer may not serve all). */
function askLikeVsCode(peer, uri, lineCount) {
  return Promise.all(shownRequests(uri, lineCount).map(([, method, params]) => peer.request(method, params).catch(() => null)));
}

/**
 * SHOWN=1: the requests sent right after didOpen, as VS Code sends them when it shows the file, each
 * timed from didOpen to its answer; one the server does not serve (an error) is left out, one not
 * answered within SHOWN_LIMIT_MS counts as that limit (the server is stopped after).
 */
const SHOWN = process.env.SHOWN === '1';
const SHOWN_LIMIT_MS = Number(process.env.SHOWN_LIMIT_MS || 30_000);
function timeShownRequests(peer, uri, lineCount, since) {
  return Promise.all(shownRequests(uri, lineCount).map(([label, method, params]) => Promise.race([
    peer.request(method, params).then(() => [label, performance.now() - since], () => [label, undefined]),
    new Promise((resolve) => setTimeout(() => resolve([label, SHOWN_LIMIT_MS]), SHOWN_LIMIT_MS).unref()),
  ]))).then((pairs) => Object.fromEntries(pairs.filter(([, ms]) => ms !== undefined)));
}

const median = (values) => percentile(values, 0.5);

// A code cache folder per column: V8 refuses a cache written under other options (the columns
// started with other V8 options would otherwise rewrite each other's cache at every start).
// These and the floor's lists are temporary folders, removed at the end.
const FOLDERS = [];
process.on('exit', () => FOLDERS.forEach((folder) => fs.rmSync(folder, { recursive: true, force: true })));
function codeCacheArgs() {
  if (process.env.CODE_CACHE === 'off') return ['--no-code-cache'];
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-bench-code-cache-'));
  FOLDERS.push(folder);
  return [`--code-cache=${folder}`];
}

async function once({ args, env, initializationOptions, languageId, uri, text, target, published: keep }) {
  const started = performance.now();
  const peer = new LspPeer(process.execPath, args, env ? { env: { ...process.env, ...env } } : {});
  try {
    await peer.request('initialize', { processId: process.pid, rootUri: null, capabilities: { textDocument: { publishDiagnostics: {}, completion: {}, hover: {} } }, initializationOptions });
    const initMs = performance.now() - started;
    peer.notify('initialized', {});
    // An edit's publish is the one for its version (or any, if unversioned).
    const isMine = (m, version) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri
      && (version === undefined || m.params.version === undefined || m.params.version === version);
    let t = performance.now();
    const first = peer.next(isMine, 120_000);
    peer.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    const lineCount = text.split('\n').length;
    if (SHOWN) {
      const opened = t;
      const [answers, openMs] = await Promise.all([timeShownRequests(peer, uri, lineCount, opened), first.then(() => performance.now() - opened)]);
      return { initMs, openMs, answers, allMs: Math.max(openMs, ...Object.values(answers)), peakMb: peer.peakMemoryMb() };
    }
    const opened = await first;
    const openMs = performance.now() - t;
    keep?.(opened.params.diagnostics);
    if (REQUESTS) await askLikeVsCode(peer, uri, lineCount);
    const editMs = [];
    for (let i = 0, version = 1; i < EDITS; i++) {
      const at = { line: target.line, character: target.character };
      const change = i % 2 === 0 ? { range: { start: at, end: at }, text: '1' } : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' };
      const edited = ++version;
      const published = peer.next((m) => isMine(m, edited), 60_000);
      t = performance.now();
      peer.notify('textDocument/didChange', { textDocument: { uri, version: edited }, contentChanges: [change] });
      await published;
      editMs.push(performance.now() - t);
      if (REQUESTS) await askLikeVsCode(peer, uri, lineCount);
    }
    return { initMs, openMs, editP95: percentile(editMs, 0.95), peakMb: peer.peakMemoryMb() };
  } finally {
    await peer.stop();
  }
}

function inputs() {
  const list = [];
  // SHAPES names Dockerfile and compose shapes together; each kind takes the ones it has.
  const shapes = (known, fallback) => (process.env.SHAPES ? process.env.SHAPES.split(',').filter((s) => known.includes(s)) : [fallback]);
  if (ONLY !== 'compose') {
    for (const shape of shapes(['stages', 'one-stage', 'runs', 'args'], 'stages')) {
      for (const size of (process.env.SIZES ? process.env.SIZES.split(',').map(Number) : [100, 1000, 10000])) {
        const text = shapedDockerfile(shape, size);
        const lines = text.split('\n');
        // The multi-stage file is edited in a RUN of a middle stage; the others on their middle line.
        const line = shape === 'stages' ? lines.findIndex((l, i) => i > lines.length / 2 && l.startsWith('RUN npm run build')) : Math.floor(lines.length / 2);
        const label = shape === 'stages' ? `Dockerfile, ${lines.length} lines` : `Dockerfile (${shape}), ${lines.length} lines`;
        list.push({ label, languageId: 'dockerfile', uri: `file:///tmp/bench-footprint-${shape}-${size}/Dockerfile`, text, target: { line, character: lines[line].length }, peer: 'dockerfile-language-server' });
      }
    }
  }
  if (ONLY !== 'dockerfile') {
    for (const shape of shapes(['services', 'anchors', 'one-service'], 'services')) {
      for (const services of (process.env.SERVICES ? process.env.SERVICES.split(',').map(Number) : [10, 100, 1000])) {
        const text = shapedCompose(shape, services);
        const lines = text.split('\n');
        // A middle service's image line; in the other shapes the middle line, inside its closing quote if it has one.
        const line = shape === 'services' ? lines.findIndex((l) => l.startsWith(`  svc${Math.floor(services / 2)}:`)) + 1 : Math.floor(lines.length / 2);
        const character = lines[line].length - (shape !== 'services' && lines[line].endsWith('"') ? 1 : 0);
        const label = shape === 'services' ? `compose, ${services} services (${lines.length} lines)` : `compose (${shape}), ${services} services (${lines.length} lines)`;
        list.push({ label, languageId: 'dockercompose', uri: `file:///tmp/bench-footprint-${shape}-${services}/compose.yaml`, text, target: { line, character }, peer: 'compose-language-service', peerOptions: { diagnosticDelay: 0 } });
      }
    }
  }
  return list;
}

const f = (n) => (n < 10 ? n.toFixed(1) : Math.round(n).toLocaleString('en'));
/** This build's server, with a code cache folder of its own. */
const ourServer = () => [path.join(REPO, 'dist', 'server.js'), '--stdio', ...codeCacheArgs()];
const ourArgs = ourServer();
// Extra columns measured in the same runs: another build (BEFORE=<folder>), and ours started with
// the environment VS Code's client adds (CLIENT_ENV=1; server/src/protocol/serverEnvironment.ts).
const columns = [];
const beforeServer = () => [path.join(path.resolve(BEFORE), 'server.js'), '--stdio', ...codeCacheArgs()];
if (BEFORE) columns.push({ label: 'Before', args: beforeServer() });
const { SERVER_ENVIRONMENT, SERVER_EXEC_ARGV, startupArgs } = await vsCodeClientOptions();
/** Ours as VS Code's client starts it, with `extra` Node options; the client also adds what the documents open at its start ask for (the input is one such). */
const startedByVsCode = (label, extra = []) => ({ label, args: [...SERVER_EXEC_ARGV, ...extra, ...ourServer()], env: SERVER_ENVIRONMENT, argsFor: (input) => startupArgs(input.text.length) });
if (process.env.CLIENT_ENV === '1') {
  columns.push(startedByVsCode('Started by VS Code'));
  if (BEFORE) columns.push({ label: 'Before, started by VS Code', args: [...SERVER_EXEC_ARGV, ...beforeServer()], env: SERVER_ENVIRONMENT });
}
// OPTIONS='--a --b;--c': one more column per `;`-separated set: ours as VS Code starts it, with these
// V8 options added (to try an option in the same runs before it goes into serverEnvironment.ts).
for (const set of (process.env.OPTIONS ?? '').split(';').map((o) => o.trim()).filter(Boolean)) {
  columns.push(startedByVsCode(`Started by VS Code, ${set}`, set.split(/\s+/)));
}
if (process.env.INLINE === '1') columns.push({ label: 'One thread (--inline)', args: [...ourServer(), '--inline'] });
// FLOOR=1: a server that checks nothing and answers each version at once (bench/lib/floorServer.mjs),
// started with the same V8 options as ours by VS Code: what Node, the LSP library and the transport
// cost here, the floor under any server's row.
if (process.env.FLOOR === '1') {
  const floor = [...SERVER_EXEC_ARGV, path.join(REPO, 'bench', 'lib', 'floorServer.mjs'), '--stdio'];
  columns.push({ label: 'Floor (checks nothing)', args: floor });
  columns.push({ label: 'Floor publishing ours\' list', args: floor, argsFor: (input) => (input.oursList ? ['--publish', input.oursList] : []) });
}
console.log(`| Input | Measure | ${columns.map((c) => `${c.label} | `).join('')}Docker Workbench | Peer | Ours ÷ peer |\n| --- | --- | ${columns.map(() => '---: | ').join('')}---: | ---: | ---: |`);
// One start of ours (and of each column) to write its code cache (not timed), as any start after a user's first finds it.
if (process.env.CODE_CACHE !== 'off') {
  const [input] = inputs();
  for (const { args, env, argsFor } of [{ args: ourArgs }, ...columns]) await once({ ...input, args: [...args, ...(argsFor?.(input) ?? [])], env });
}
for (const input of inputs()) {
  if (process.env.FLOOR === '1') {
    // The list ours publishes for this input, for the floor that publishes it (one start, not timed).
    input.oursList = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-bench-list-')), 'diagnostics.json');
    FOLDERS.push(path.dirname(input.oursList));
    await once({ ...input, args: ourArgs, published: (list) => fs.writeFileSync(input.oursList, JSON.stringify(list)) });
  }
  const ours = [];
  const theirs = [];
  const others = columns.map(() => []);
  for (let run = 0; run < RUNS; run++) {
    const mine = async () => ours.push(await once({ ...input, args: ourArgs }));
    const peer = async () => theirs.push(await once({ ...input, args: [peerServer(input.peer), '--stdio'], initializationOptions: input.peerOptions }));
    const extra = columns.map((column, i) => async () => others[i].push(await once({ ...input, args: [...column.args, ...(column.argsFor?.(input) ?? [])], env: column.env })));
    // Taking turns, the first alternating, so none always starts on a cold disk cache.
    const turn = [mine, peer, ...extra];
    for (let k = 0; k < turn.length; k++) await turn[(run + k) % turn.length]();
  }
  const measures = SHOWN
    ? [['openMs', 'open → diagnostics, the requests sent with it', 'ms'], ...shownRequests('', 0).map(([label]) => [`answers.${label}`, `open → ${label}`, 'ms']), ['allMs', 'open → every answer', 'ms'], ['peakMb', 'peak RSS', 'MB']]
    : [['initMs', 'initialize', 'ms'], ['openMs', 'open → diagnostics', 'ms'], ['editP95', `edit → diagnostics p95 (${EDITS} edits)`, 'ms'], ['peakMb', 'peak RSS', 'MB']];
  // A server that does not serve a request has no value for it (—); one that hit the limit shows ≥ it.
  const medianOf = (list, key) => {
    const values = list.map((r) => key.split('.').reduce((v, k) => v?.[k], r)).filter((v) => v !== undefined);
    return values.length > 0 ? median(values) : undefined;
  };
  const capped = (m, unit) => SHOWN && unit === 'ms' && m >= SHOWN_LIMIT_MS;
  const cell = (m, unit) => (m === undefined ? '—' : `${capped(m, unit) ? '≥ ' : ''}${f(m)} ${unit}`);
  for (const [key, label, unit] of measures) {
    const a = medianOf(ours, key);
    const b = medianOf(theirs, key);
    const ratio = a !== undefined && b !== undefined ? `${capped(b, unit) ? '≤ ' : ''}${(a / b).toFixed(2)}×` : '';
    const was = others.map((list) => `${cell(medianOf(list, key), unit)} | `).join('');
    console.log(`| ${input.label} | ${label} | ${was}${cell(a, unit)} | ${cell(b, unit)} (${input.peer}) | ${ratio} |`);
  }
}
