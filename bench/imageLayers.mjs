// Layer analysis benchmark in a real VS Code (code-server 1.100) against a private engine: one
// image of about 500 MB in ~42,000 files over six layers (small files in folders, a node_modules
// with 1,000 packages, medium and large files, a layer deleting half the small files and one
// overwriting half the large ones), built from scratch on the busybox test image. See
// BENCHMARKS.md for what each number means. Needs root and `npm run build` first.
// SCALE=0.1 makes a ~50 MB image for a quick look; DWB_BENCH_RUNS sets the runs (3).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Dockerode from 'dockerode';
import { REPO } from '../test/harness/tiers.mjs';
import { bundleForExtensionHost } from '../test/harness/buildTests.mjs';
import { runInCodeServer } from '../test/harness/codeServerSuite.mjs';
import { startPrivateEngine } from '../test/engine/privateEngine.mjs';

const SCALE = Number(process.env.SCALE || 1);
const n = (count) => Math.max(1, Math.round(count * SCALE));
const IMAGE = 'bench/layers:large';
if (!fs.existsSync(path.join(REPO, 'dist', 'extension.js'))) {
  console.error('dist/extension.js is missing: run npm run build first');
  process.exit(1);
}
const outdir = path.join(REPO, 'out', 'bench');
await bundleForExtensionHost([path.join(REPO, 'bench', 'probes', 'imageLayersProbe.ts')], outdir);

const DOCKERFILE = `FROM busybox
ARG SMALL=${n(20000)}
ARG PACKAGES=${n(1000)}
ARG MEDIUM=${n(2000)}
ARG LARGE=${n(100)}
RUN i=0; while [ $i -lt $SMALL ]; do d=/app/small/d$((i/200)); [ -d $d ] || mkdir -p $d; head -c 5000 /dev/zero > $d/f$i; i=$((i+1)); done
RUN i=0; while [ $i -lt $PACKAGES ]; do d=/app/node_modules/pkg$i; mkdir -p $d/lib; printf '{"name":"pkg%s","version":"1.0.%s","license":"MIT"}' $i $i > $d/package.json; j=0; while [ $j -lt 19 ]; do head -c 5000 /dev/zero > $d/lib/m$j.js; j=$((j+1)); done; i=$((i+1)); done
RUN mkdir -p /data/medium && i=0; while [ $i -lt $MEDIUM ]; do head -c 50000 /dev/zero > /data/medium/f$i; i=$((i+1)); done
RUN mkdir -p /data/large && i=0; while [ $i -lt $LARGE ]; do head -c 1000000 /dev/zero > /data/large/f$i; i=$((i+1)); done
RUN i=0; while [ $i -lt $((SMALL / 400)) ]; do rm -rf /app/small/d$i; i=$((i+1)); done
RUN i=0; while [ $i -lt $((LARGE / 2)) ]; do head -c 2000000 /dev/zero > /data/large/f$i; i=$((i+1)); done
`;

const engine = await startPrivateEngine();
const results = {};
const context = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-bench-layers-'));
try {
  const docker = new Dockerode({ socketPath: engine.socketPath });
  fs.writeFileSync(path.join(context, 'Dockerfile'), DOCKERFILE);
  const t0 = Date.now();
  const stream = await docker.buildImage({ context, src: ['Dockerfile'] }, { t: IMAGE, rm: true });
  const output = await new Promise((resolve, reject) => docker.modem.followProgress(stream, (err, res) => (err ? reject(err) : resolve(res))));
  const failure = output.find((o) => o.error);
  if (failure) throw new Error(`building ${IMAGE} failed: ${failure.error}`);
  const image = await docker.getImage(IMAGE).inspect();
  console.log(`built ${IMAGE}: ${(image.Size / 1e6).toFixed(0)} MB in ${image.RootFS.Layers.length} layers, ${Math.round((Date.now() - t0) / 1000)} s`);
  await runInCodeServer({
    engineHost: engine.host,
    testsPath: path.join(outdir, 'imageLayersProbe.js'),
    label: 'bench-image-layers',
    deadlineMs: 30 * 60_000,
    env: { DWB_BENCH_IMAGE: IMAGE, DWB_BENCH_RUNS: process.env.DWB_BENCH_RUNS ?? '3' },
    onEvent: (event) => {
      if (event.type === 'measure') results[event.name] = event;
      if (event.type === 'error') console.error(event.error);
    },
  });
} finally {
  fs.rmSync(context, { recursive: true, force: true });
  await engine.stop();
}

const { export: raw, analysis, held } = results;
if (!raw || !analysis || !held) {
  console.error('the probe did not report every measure', Object.keys(results));
  process.exit(1);
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mb = (bytes) => (bytes / 1024 / 1024).toFixed(0);
const s = (ms) => (ms / 1000).toFixed(1);
const times = analysis.runs.map((r) => r.ms);
const peakRss = Math.max(...analysis.runs.map((r) => r.peakRss));
const peakHeap = Math.max(...analysis.runs.map((r) => r.peakHeap));
console.log(`image: ${mb(raw.bytes)} MiB export, ${analysis.layers} layers, ${analysis.files} files in the final filesystem, ${mb(analysis.totalBytes)} MiB stored, ${mb(analysis.wastedBytes)} MiB wasted, efficiency ${(analysis.efficiency * 100).toFixed(1)}%`);
console.log(`export read and discarded: median ${s(median(raw.ms))} s (${raw.ms.map(s).join(', ')}) = ${(raw.bytes / 1e6 / (median(raw.ms) / 1000)).toFixed(0)} MB/s`);
console.log(`layer analysis: median ${s(median(times))} s (${times.map(s).join(', ')}) = ${(raw.bytes / 1e6 / (median(times) / 1000)).toFixed(0)} MB/s; ${(median(times) / median(raw.ms)).toFixed(2)}x the export alone`);
console.log(`extension host resident memory: ${mb(analysis.rssBefore)} MiB before, peak ${mb(peakRss)} MiB during the analysis (+${mb(peakRss - analysis.rssBefore)} MiB); peak JS heap ${mb(peakHeap)} MiB; VmHWM ${mb(analysis.hwmBefore)} → ${mb(analysis.hwmAfter)} MiB`);
// Against the heap before the first run: a run replaces the analysis shown before it.
const base = analysis.runs[0].heapBefore;
const retained = median(analysis.runs.map((r) => r.heapBefore + r.retainedHeap - base));
console.log(`kept while the analysis is shown (after a full garbage collection): +${mb(retained)} MiB of JS heap (${Math.round(retained / analysis.files)} bytes per file of the final filesystem)`);
console.log(`holding the export in memory instead: +${mb(held.rssAfter - held.rssBefore)} MiB resident for ${mb(held.bytes)} MiB`);
