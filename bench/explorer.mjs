// Explorer benchmark in a real VS Code (code-server 1.100) against a private engine holding
// 10,000 containers (created, not started; a tenth of them in compose projects of 20) and 3,000
// images (bench/lib/populate.mjs). See BENCHMARKS.md for what each number means. Needs root.
// `CONTAINERS=1000 IMAGES=300` gives the 1,000 table; `DWB_IDLE_MS=…` shortens the idle parts;
// `DWB_CPU_PROFILE=/tmp/x.cpuprofile` writes a CPU profile of the extension host during the events.
import * as path from 'node:path';
import Dockerode from 'dockerode';
import { REPO } from '../test/harness/tiers.mjs';
import { bundleForExtensionHost } from '../test/harness/buildTests.mjs';
import { runInCodeServer } from '../test/harness/codeServerSuite.mjs';
import { startPrivateEngine } from '../test/engine/privateEngine.mjs';
import { populate } from './lib/populate.mjs';
import { activatedOnDemandCopy } from './lib/onDemandCopy.mjs';

const CONTAINERS = Number(process.env.CONTAINERS || 10_000);
const IMAGES = Number(process.env.IMAGES || 3000);
const outdir = path.join(REPO, 'out', 'bench');
await bundleForExtensionHost([path.join(REPO, 'bench', 'probes', 'explorerProbe.ts')], outdir);

const engine = await startPrivateEngine();
// The baseline is the host before the extension activates: a copy that does not activate at start-up.
const onDemand = activatedOnDemandCopy();
const results = {};
try {
  const docker = new Dockerode({ socketPath: engine.socketPath });
  const made = await populate(docker, { containers: CONTAINERS, images: IMAGES, inProjects: Math.floor(CONTAINERS / 10) });
  console.log(`populated ${CONTAINERS} containers in ${Math.round(made.containersMs / 1000)} s and ${IMAGES} images in ${Math.round(made.imagesMs / 1000)} s`);
  await runInCodeServer({
    engineHost: engine.host,
    testsPath: path.join(outdir, 'explorerProbe.js'),
    label: 'bench-explorer',
    extensionPath: onDemand.folder,
    deadlineMs: 15 * 60_000,
    env: { DWB_IDLE_MS: process.env.DWB_IDLE_MS ?? '60000', ...(process.env.DWB_CPU_PROFILE ? { DWB_CPU_PROFILE: process.env.DWB_CPU_PROFILE } : {}) },
    onEvent: (event) => {
      if (event.type === 'measure') results[event.name] = event;
      if (event.type === 'error') console.error(event.error);
    },
  });
  // Printed before the engine goes: removing 10,000 containers' folders can take many minutes.
  report();
} finally {
  await engine.stop();
  onDemand.remove();
}

function report() {
  const q = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))];
  const f = (n) => n.toFixed(1);
  const { first, event, relist, idle, baseline } = results;
  if (!first || !event || !relist || !idle || !baseline) {
    console.error('the probe did not report every measure', Object.keys(results));
    process.exitCode = 1;
    return;
  }
  console.log(`engine objects: ${first.containers} containers, ${first.images} images`);
  console.log(`first full list (engine → model): ${f(first.listMs)} ms; first render of the Containers view (${first.rendered} top-level rows): ${f(first.renderMs)} ms; of the Images view (${first.imageRows} rows): ${f(first.imagesRenderMs)} ms`);
  console.log(`heap after a full GC: ${f(first.heapBeforeMb)} MB before the first list, ${f(first.heapAfterMb)} MB after it and the first renders (held by the model and views: ${f(first.heapAfterMb - first.heapBeforeMb)} MB)`);
  console.log(`event (engine timestamp) → node updated: p50 ${f(q(event.latencies, 0.5))} ms, p95 ${f(q(event.latencies, 0.95))} ms, max ${f(Math.max(...event.latencies))} ms over ${event.latencies.length} events; full lists during them: ${event.fullListsDuring}; single reads: ${event.objectReads}`);
  const byAction = (values, parity) => values.filter((_, i) => i % 2 === parity);
  for (const [name, parity] of [['start', 0], ['stop (die)', 1]]) console.log(`  ${name} events: p50 ${f(q(byAction(event.latencies, parity), 0.5))} ms, p95 ${f(q(byAction(event.latencies, parity), 0.95))} ms; after reaching the host p50 ${f(q(byAction(event.afterDelivery, parity), 0.5))} ms, p95 ${f(q(byAction(event.afterDelivery, parity), 0.95))} ms`);
  if (event.toModel?.length) {
    const got = event.toModel.filter((v) => v !== null && Number.isFinite(v));
    for (const [name, parity] of [['start', 0], ['stop (die)', 1]]) {
      const part = event.toModel.filter((v, i) => i % 2 === parity && v !== null && Number.isFinite(v));
      if (part.length) console.log(`  ${name}: engine timestamp → the extension's stream handed it to the model p50 ${f(q(part, 0.5))} ms, p95 ${f(q(part, 0.95))} ms`);
    }
    const ours = event.latencies.map((l, i) => l - event.toModel[i]).filter((v) => Number.isFinite(v));
  if (ours.length) console.log(`  the extension's part: the model got the event → its node updated p50 ${f(q(ours, 0.5))} ms, p95 ${f(q(ours, 0.95))} ms, max ${f(Math.max(...ours))} ms`);
  if (got.length < event.toModel.length) console.log(`  (${event.toModel.length - got.length} events not seen on the extension's stream before the node changed)`);
  }
  console.log(`  of which after the event reached the extension host: p50 ${f(q(event.afterDelivery, 0.5))} ms, p95 ${f(q(event.afterDelivery, 0.95))} ms`);
  console.log(`full re-list + a row per container per event (the alternative's work, without its 500 ms debounce): p50 ${f(q(relist.relist, 0.5))} ms, p95 ${f(q(relist.relist, 0.95))} ms`);
  console.log(`ratio (re-list p50 / our event p50): ${f(q(relist.relist, 0.5) / q(event.latencies, 0.5))}x; with the alternative's 500 ms debounce: ${f((500 + q(relist.relist, 0.5)) / q(event.latencies, 0.5))}x`);
  console.log(`idle ${idle.idleMs / 1000} s: extension host CPU ${f(idle.cpuUserMs + idle.cpuSystemMs)} ms with Docker Workbench active and ${first.containers} containers listed, ${f(baseline.cpuMs)} ms in the same host before it activated${baseline.activeBefore ? ' (warning: it was already active)' : ''}; model work while idle: ${idle.modelWorkDuringIdle} reads/lists`);
}
