// A compose file's first answer when the code cache was written by a Dockerfile session (and the
// other way round): one start checks a 105-line Dockerfile and writes the cache, then RUNS fresh
// starts each open a 10-service compose file with that cache folder, and the same the other way.
// BEFORE=<folder with another build's server.js> adds that build, with caches of its own, taking
// turns. Needs `npm run build` first. Times are from didOpen to the file's diagnostics.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO } from '../test/harness/tiers.mjs';
import { LspPeer, percentile } from '../test/harness/lspPeer.mjs';
import { generatedCompose, generatedDockerfile } from './lib/generatedInputs.mjs';

const RUNS = Number(process.env.RUNS || 5);
const BUILDS = [{ label: 'this build', dist: path.join(REPO, 'dist') }];
if (process.env.BEFORE) BUILDS.push({ label: 'BEFORE', dist: path.resolve(process.env.BEFORE) });
const KINDS = {
  dockerfile: { uri: 'file:///tmp/bench-cache-kinds/Dockerfile', languageId: 'dockerfile', text: generatedDockerfile(100) },
  compose: { uri: 'file:///tmp/bench-cache-kinds/compose.yaml', languageId: 'dockercompose', text: generatedCompose(10) },
};

/** A fresh server with `cache`: the ms from opening a file of `kind` to its diagnostics. */
async function firstAnswer(dist, cache, kind) {
  const { uri, languageId, text } = KINDS[kind];
  const peer = new LspPeer(process.execPath, [path.join(dist, 'server.js'), '--stdio', `--code-cache=${cache}`]);
  try {
    await peer.request('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    peer.notify('initialized', {});
    const published = peer.next((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri, 60_000);
    const started = performance.now();
    peer.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    await published;
    const ms = performance.now() - started;
    // A request answered after the cache's write (it follows the answer in the same thread).
    await peer.request('textDocument/documentSymbol', { textDocument: { uri } });
    return ms;
  } finally {
    await peer.stop();
  }
}

const folders = [];
process.on('exit', () => folders.forEach((f) => fs.rmSync(f, { recursive: true, force: true })));
const median = (values) => percentile(values, 0.5);
console.log('| Build | Cache written by | Then opened | First start after | Next starts, median (min-max) |\n| --- | --- | --- | ---: | ---: |');
for (const [writer, reader] of [['dockerfile', 'compose'], ['compose', 'dockerfile'], [null, 'compose']]) {
  const rows = BUILDS.map((build) => {
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-bench-cache-kinds-'));
    folders.push(cache);
    return { build, cache, times: [] };
  });
  // The writer's start (not timed); without one, the first start of the reader writes the cache.
  for (const row of rows) if (writer) await firstAnswer(row.build.dist, row.cache, writer);
  for (let run = 0; run <= RUNS; run++) {
    for (const row of rows) row.times.push(await firstAnswer(row.build.dist, row.cache, reader));
  }
  for (const { build, times } of rows) {
    const [first, ...rest] = times;
    console.log(`| ${build.label} | ${writer ? `a ${writer} start` : `its own first start`} | ${reader} | ${first.toFixed(0)} ms | ${median(rest).toFixed(0)} ms (${Math.min(...rest).toFixed(0)}-${Math.max(...rest).toFixed(0)}) |`);
  }
}
