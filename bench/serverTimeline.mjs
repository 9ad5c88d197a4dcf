// Where a first answer's time goes: starts ours as VS Code's client starts it (its environment,
// Node options and start-up arguments for the open file) with DOCKER_WORKBENCH_TIMELINE=1, sends
// initialize and the didOpen of a generated file at once, as VS Code does for a file open at its
// start, and prints the median time of each of the server's marks (server/src/timeline.ts) after
// the spawn and after the didOpen was sent, over RUNS starts (default 5), each with the code cache
// a start before it wrote. Needs `npm run build` first. SIZES=100,1000,10000 and SERVICES=10,100,1000
// choose the inputs (ONLY=dockerfile or compose one kind). Times are epoch milliseconds on one
// machine, so client and server marks compare; no timing goes into a test.
// PROF_ARGS adds Node options to the server's command line, such as
// `--cpu-prof --cpu-prof-dir=/tmp/profiles --cpu-prof-interval=100` for a profile of each thread.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspPeer, percentile } from '../test/harness/lspPeer.mjs';
import { REPO } from '../test/harness/tiers.mjs';
import { generatedCompose, generatedDockerfile } from './lib/generatedInputs.mjs';
import { vsCodeClientOptions } from './lib/clientOptions.mjs';

const RUNS = Number(process.env.RUNS || 5);
const ONLY = process.env.ONLY;
const { SERVER_ENVIRONMENT, SERVER_EXEC_ARGV, startupArgs } = await vsCodeClientOptions();

function inputs() {
  const list = [];
  if (ONLY !== 'compose') {
    for (const size of (process.env.SIZES ?? '100,1000,10000').split(',').map(Number)) {
      const text = generatedDockerfile(size);
      list.push({ label: `Dockerfile, ${text.split('\n').length} lines`, languageId: 'dockerfile', uri: `file:///tmp/bench-timeline-${size}/Dockerfile`, text });
    }
  }
  if (ONLY !== 'dockerfile') {
    for (const services of (process.env.SERVICES ?? '10,100,1000').split(',').map(Number)) {
      const text = generatedCompose(services);
      list.push({ label: `compose, ${services} services`, languageId: 'dockercompose', uri: `file:///tmp/bench-timeline-${services}/compose.yaml`, text });
    }
  }
  return list;
}

/** One start: the marks as [event, ms after spawn], the client's own marks included. */
async function once(input, cacheFolder) {
  const spawned = performance.timeOrigin + performance.now();
  const args = [...SERVER_EXEC_ARGV, ...(process.env.PROF_ARGS ? process.env.PROF_ARGS.split(' ') : []), path.join(REPO, 'dist', 'server.js'), '--stdio', `--code-cache=${cacheFolder}`, ...startupArgs(input.text.length)];
  const peer = new LspPeer(process.execPath, args, { env: { ...process.env, ...SERVER_ENVIRONMENT, DOCKER_WORKBENCH_TIMELINE: '1' } });
  const marks = [];
  let partial = '';
  peer.child.stderr.on('data', (chunk) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop();
    for (const line of lines) {
      const match = /^timeline ([\d.]+) (\d+) (.*)$/.exec(line);
      // Thread 0 is the main thread; a worker's id differs from start to start, its role does not.
      if (match) marks.push([match[3].replaceAll(input.uri, 'the file'), Number(match[1]) - spawned]);
    }
  });
  const client = (event) => marks.push([`client: ${event}`, performance.timeOrigin + performance.now() - spawned]);
  try {
    await peer.request('initialize', { processId: process.pid, rootUri: null, capabilities: { textDocument: { publishDiagnostics: {} } } });
    client('initialize answered');
    peer.notify('initialized', {});
    const published = peer.next((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === input.uri, 120_000);
    client('didOpen sent');
    peer.notify('textDocument/didOpen', { textDocument: { uri: input.uri, languageId: input.languageId, version: 1, text: input.text } });
    await published;
    client('diagnostics received');
    // Lets the server's last lines arrive.
    await new Promise((resolve) => setTimeout(resolve, 50));
    return marks;
  } finally {
    await peer.stop();
  }
}

for (const input of inputs()) {
  const cacheFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-bench-timeline-'));
  try {
    await once(input, cacheFolder); // writes the code cache, as a user's earlier start did
    const runs = [];
    for (let run = 0; run < RUNS; run++) runs.push(await once(input, cacheFolder));
    // Each event's median over the runs that have it, in the order of its median.
    const byEvent = new Map();
    for (const marks of runs) {
      const opened = marks.find(([event]) => event === 'client: didOpen sent')?.[1] ?? 0;
      for (const [event, ms] of marks) {
        const entry = byEvent.get(event) ?? { spawn: [], open: [] };
        entry.spawn.push(ms);
        entry.open.push(ms - opened);
        byEvent.set(event, entry);
      }
    }
    console.log(`\n${input.label} (${RUNS} starts; ms, medians)\n\n| Event | after spawn | after didOpen sent |\n| --- | ---: | ---: |`);
    const rows = [...byEvent].map(([event, { spawn, open }]) => [event, percentile(spawn, 0.5), percentile(open, 0.5)]).sort((a, b) => a[1] - b[1]);
    for (const [event, spawn, open] of rows) console.log(`| ${event.replace(/ \(\d+\)$/, '')} | ${spawn.toFixed(1)} | ${open.toFixed(1)} |`);
  } finally {
    fs.rmSync(cacheFolder, { recursive: true, force: true });
  }
}
