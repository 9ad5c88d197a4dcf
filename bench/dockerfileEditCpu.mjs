// CPU per edit of the Dockerfile validation, in this process: the language host the validation
// worker runs (the same messages: open, change, validate), the bench's generated Dockerfiles, and
// single-character edits in the middle of the file as bench/serverFootprint.mjs makes them (type
// one character at the end of a RUN line in the second half, delete it, again). Prints, per size,
// the CPU time of the process per edit (median and p95, change + validate) and the wall time.
// Without the worker thread, the LSP connection and the JSON around them, so it shows what the
// worker spends and nothing else. `node --cpu-prof` on it gives a profile of just that. Then
// ALLOC_EDITS (100) more edits under V8's sampling heap profiler (every 1 kB, objects collected
// since included) give the memory allocated per edit, which the worker's garbage collector pays
// for: unlike times, it hardly varies between runs. SERVICES=10,100,1000 measures the bench's
// generated compose files instead, with the footprint bench's edit (a character typed at the end
// of the first line of the middle service, deleted, again).
//   node --import tsx bench/dockerfileEditCpu.mjs            SIZES=100,1000,10000 EDITS=200 WARMUP=50 ALLOC_EDITS=100
// SHAPE=one-stage (runs, args) measures the other shapes of generated Dockerfile.
import { Session } from 'node:inspector/promises';
import { LanguageHost } from '../server/src/lsp/host.ts';
import { generatedCompose, shapedDockerfile } from './lib/generatedInputs.mjs';

const SIZES = (process.env.SIZES ?? '100,1000,10000').split(',').map(Number);
const EDITS = Number(process.env.EDITS ?? 200);
const WARMUP = Number(process.env.WARMUP ?? 50);
const ALLOC_EDITS = Number(process.env.ALLOC_EDITS ?? 100);

/** Bytes allocated while `work` runs (sampled), all of them, kept or collected. */
async function allocatedBytes(work) {
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.enable');
  await session.post('HeapProfiler.startSampling', { samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  work();
  const { profile } = await session.post('HeapProfiler.stopSampling');
  session.disconnect();
  let total = 0;
  const walk = (node) => {
    total += node.selfSize;
    for (const child of node.children) walk(child);
  };
  walk(profile.head);
  return total;
}

const percentile = (list, p) => {
  const sorted = [...list].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
};
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const SERVICES = process.env.SERVICES?.split(',').map(Number);
/** The Dockerfile's shape (bench/lib/generatedInputs.mjs): stages, one-stage, runs or args. */
const SHAPE = process.env.SHAPE ?? 'stages';
/** The inputs: generated Dockerfiles, or compose files with SERVICES. */
const inputs = SERVICES
  ? SERVICES.map((services) => {
    const text = generatedCompose(services);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.startsWith(`  svc${Math.floor(services / 2)}:`)) + 1;
    return { text, lines, line, languageId: 'dockercompose', uri: `file:///tmp/bench-edit-cpu-${services}/compose.yaml`, label: `compose, ${services} services (${lines.length} lines)` };
  })
  : SIZES.map((size) => {
    const text = shapedDockerfile(SHAPE, size);
    const lines = text.split('\n');
    // A RUN line in the second half (every shape has them).
    const line = lines.findIndex((l, i) => i > lines.length / 2 && (SHAPE === 'stages' ? l.startsWith('RUN npm run build') : l.startsWith('RUN ')));
    return { text, lines, line, languageId: 'dockerfile', uri: `file:///tmp/bench-edit-cpu-${size}/Dockerfile`, label: `${SHAPE === 'stages' ? '' : `${SHAPE}, `}${lines.length} lines` };
  });

console.log(`| ${SERVICES ? 'compose file' : 'Dockerfile'} | edits | CPU per edit, median | CPU p95 | wall p95 | allocated per edit | diagnostics |`);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const { text, lines, line, languageId, uri, label } of inputs) {
  const at = { line, character: lines[line].length };
  const host = new LanguageHost();
  host.handle({ type: 'state', settings: { rules: {} }, access: { trusted: false, folders: [] } });
  host.handle({ type: 'open', uri, languageId, version: 1, text });
  let id = 0;
  let count = host.handle({ type: 'validate', id: ++id, uri }).result.length;
  const cpu = [];
  const wall = [];
  let version = 1;
  const edit = (i) => {
    const change = i % 2 === 0 ? { range: { start: at, end: at }, text: '1' } : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' };
    host.handle({ type: 'change', uri, version: ++version, changes: [change] });
    return host.handle({ type: 'validate', id: ++id, uri });
  };
  for (let i = 0; i < WARMUP + EDITS; i++) {
    const c0 = cpuMs();
    const w0 = performance.now();
    const reply = edit(i);
    if (i >= WARMUP) {
      cpu.push(cpuMs() - c0);
      wall.push(performance.now() - w0);
    }
    count = reply.result.length;
  }
  const bytes = await allocatedBytes(() => {
    for (let i = 0; i < ALLOC_EDITS; i++) edit(i);
  });
  const f = (n) => n.toFixed(2);
  console.log(`| ${label} | ${EDITS} | ${f(percentile(cpu, 0.5))} ms | ${f(percentile(cpu, 0.95))} ms | ${f(percentile(wall, 0.95))} ms | ${Math.round(bytes / ALLOC_EDITS / 1024).toLocaleString('en')} kB | ${count} |`);
  host.handle({ type: 'close', uri });
}
