// Explorer benchmark in a real VS Code (code-server 1.100) against a private engine holding
// 1,000 containers (created, not started) and 300 images. See BENCHMARKS.md for what each
// number means. Needs root. `CONTAINERS=… IMAGES=… DWB_IDLE_MS=…` scale it down for a quick look.
import * as path from 'node:path';
import Dockerode from 'dockerode';
import { REPO } from '../test/harness/tiers.mjs';
import { bundleForExtensionHost } from '../test/harness/buildTests.mjs';
import { runInCodeServer } from '../test/harness/codeServerSuite.mjs';
import { startPrivateEngine, TEST_IMAGE } from '../test/engine/privateEngine.mjs';

const CONTAINERS = Number(process.env.CONTAINERS || 1000);
const IMAGES = Number(process.env.IMAGES || 300);
const outdir = path.join(REPO, 'out', 'bench');
await bundleForExtensionHost([path.join(REPO, 'bench', 'probes', 'explorerProbe.ts')], outdir);

async function inBatches(count, size, work) {
  for (let i = 0; i < count; i += size) await Promise.all(Array.from({ length: Math.min(size, count - i) }, (_, j) => work(i + j)));
}

const engine = await startPrivateEngine();
const results = {};
try {
  const docker = new Dockerode({ socketPath: engine.socketPath });
  const t0 = Date.now();
  // Distinct images: each commit of a container is a new image id.
  await inBatches(IMAGES, 4, async (i) => {
    const c = await docker.createContainer({ Image: TEST_IMAGE, Cmd: ['true'], Labels: { n: String(i) } });
    await c.commit({ repo: `bench/img${Math.floor(i / 10)}`, tag: `t${i}` });
    await c.remove();
  });
  await inBatches(CONTAINERS, 8, (i) => docker.createContainer({ Image: TEST_IMAGE, name: `bench-${i}`, Cmd: ['sleep', '3600'], StopTimeout: 0 }));
  console.log(`populated ${CONTAINERS} containers and ${IMAGES} images in ${Math.round((Date.now() - t0) / 1000)} s`);
  await runInCodeServer({
    engineHost: engine.host,
    testsPath: path.join(outdir, 'explorerProbe.js'),
    label: 'bench-explorer',
    deadlineMs: 15 * 60_000,
    env: { DWB_IDLE_MS: process.env.DWB_IDLE_MS ?? '60000' },
    onEvent: (event) => {
      if (event.type === 'measure') results[event.name] = event;
      if (event.type === 'error') console.error(event.error);
    },
  });
} finally {
  await engine.stop();
}

const q = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))];
const f = (n) => n.toFixed(1);
const { first, event, relist, idle, baseline } = results;
if (!first || !event || !relist || !idle || !baseline) {
  console.error('the probe did not report every measure', Object.keys(results));
  process.exit(1);
}
console.log(`engine objects: ${first.containers} containers, ${first.images} images`);
console.log(`first full list (engine → model): ${f(first.listMs)} ms; first render of ${first.rendered} container rows: ${f(first.renderMs)} ms`);
console.log(`event (engine timestamp) → node updated: p50 ${f(q(event.latencies, 0.5))} ms, p95 ${f(q(event.latencies, 0.95))} ms, max ${f(Math.max(...event.latencies))} ms over ${event.latencies.length} events; full lists during them: ${event.fullListsDuring}; single reads: ${event.objectReads}`);
console.log(`  of which after the event reached the extension host: p50 ${f(q(event.afterDelivery, 0.5))} ms, p95 ${f(q(event.afterDelivery, 0.95))} ms`);
console.log(`full re-list + re-render per event (the alternative's work, without its 500 ms debounce): p50 ${f(q(relist.relist, 0.5))} ms, p95 ${f(q(relist.relist, 0.95))} ms`);
console.log(`ratio (re-list p50 / our event p50): ${f(q(relist.relist, 0.5) / q(event.latencies, 0.5))}x; with the alternative's 500 ms debounce: ${f((500 + q(relist.relist, 0.5)) / q(event.latencies, 0.5))}x`);
console.log(`idle ${idle.idleMs / 1000} s: extension host CPU ${f(idle.cpuUserMs + idle.cpuSystemMs)} ms with Docker Workbench active and ${first.containers} containers listed, ${f(baseline.cpuMs)} ms in the same host before it activated${baseline.activeBefore ? ' (warning: it was already active)' : ''}; model work while idle: ${idle.modelWorkDuringIdle} reads/lists`);
