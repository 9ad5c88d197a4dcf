// Activation benchmark in a real VS Code (code-server 1.100): N fresh windows, each a new
// extension host; per window the probe times activate() (bundle load + activate) and the first
// full list of the engine. Also reports the .vsix and bundle sizes. Needs root (private engine).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO } from '../test/harness/tiers.mjs';
import { bundleForExtensionHost } from '../test/harness/buildTests.mjs';
import { runInCodeServer } from '../test/harness/codeServerSuite.mjs';
import { withEngine } from '../test/harness/withEngine.mjs';

const RUNS = Number(process.env.RUNS || 7);
const outdir = path.join(REPO, 'out', 'bench');
await bundleForExtensionHost([path.join(REPO, 'bench', 'probes', 'activationProbe.ts')], outdir);

const samples = [];
await withEngine((engineHost) =>
  runInCodeServer({
    engineHost,
    testsPath: path.join(outdir, 'activationProbe.js'),
    label: 'bench-activation',
    deadlineMs: 120_000,
    runs: RUNS,
    onEvent: (event) => { if (event.type === 'measure') samples.push(event); },
  }),
);

const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p95: at(0.95), min: sorted[0], max: sorted.at(-1) };
};
const fmt = (s) => `median ${s.median.toFixed(1)} ms, min ${s.min.toFixed(1)}, max ${s.max.toFixed(1)}`;
const size = (file) => (fs.existsSync(file) ? `${(fs.statSync(file).size / 1024).toFixed(0)} KiB` : 'not built');

console.log(`VS Code ${samples[0]?.vscode}, ${samples.length} fresh windows`);
if (samples.some((s) => s.wasActive)) console.log('warning: the extension was already active in some windows');
console.log(`activation (load + activate): ${fmt(stats(samples.map((s) => s.activationMs)))}`);
console.log(`first full list of the engine: ${fmt(stats(samples.map((s) => s.firstListMs)))}`);
console.log(`vsix: ${size(path.join(REPO, 'dist-vsix', 'docker-workbench.vsix'))}; dist/extension.js ${size(path.join(REPO, 'dist', 'extension.js'))}; dist/server.js ${size(path.join(REPO, 'dist', 'server.js'))}`);
if (samples.length < RUNS) process.exit(1);
