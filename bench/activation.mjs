// Activation benchmark in a real VS Code (code-server 1.100): N fresh windows, each a new
// extension host; per window the probe times activate() (VS Code's part, loading the bundle, our
// activate) and the first full list of the engine. Also reports the .vsix and bundle sizes.
// Needs root (private engine) and a build (npm run build).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO } from '../test/harness/tiers.mjs';
import { bundleForExtensionHost } from '../test/harness/buildTests.mjs';
import { runInCodeServer } from '../test/harness/codeServerSuite.mjs';
import { withEngine } from '../test/harness/withEngine.mjs';

const RUNS = Number(process.env.RUNS || 7);
if (!fs.existsSync(path.join(REPO, 'dist', 'extension.js'))) {
  console.error('dist/extension.js is missing: run npm run build first');
  process.exit(1);
}
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

const parts = (name) => samples.map((s) => s[name]).filter((v) => typeof v === 'number');
console.log(`VS Code ${samples[0]?.vscode}, ${samples.length} fresh windows`);
if (samples.some((s) => s.wasActive)) console.log(`${samples.filter((s) => s.wasActive).length} of ${samples.length} windows had activated the extension at start-up (onStartupFinished): their figures are that activation's`);
if (samples.some((s) => s.featuresLoadedAtActivation)) console.log('warning: activation loaded dist/features.js');
console.log(`activation (extension.activate() in the probe, load + activate): ${fmt(stats(parts('activationMs')))}`);
console.log(`the extension's part (loading dist/extension.js + activate()): ${fmt(stats(parts('oursMs')))}`);
console.log(`  VS Code before loading the bundle: ${fmt(stats(parts('beforeLoadMs')))}`);
console.log(`  loading dist/extension.js (VS Code's marks, 1 ms resolution): ${fmt(stats(parts('loadMs')))}`);
console.log(`  VS Code preparing the extension context (its storage, from the window): ${fmt(stats(parts('contextWaitMs')))}`);
console.log(`  activate(): ${fmt(stats(parts('activateMs')))}`);
console.log(`  from activate() returning to the probe: ${fmt(stats(parts('afterActivateMs')))}`);
// activate()'s own steps (client/src/extension.ts), where the probe reports them.
for (const [i, [name]] of (samples.find((s) => s.steps)?.steps ?? []).entries()) {
  const values = samples.map((s) => s.steps?.[i]?.[1]).filter((v) => typeof v === 'number');
  if (values.length) console.log(`    activate() step "${name}": ${fmt(stats(values))}`);
}
console.log(`first full list of the engine (loads dist/vendor/dockerode.js): ${fmt(stats(parts('firstListMs')))}`);
console.log(`features bundle loaded by the first list: ${samples.filter((s) => s.featuresLoadedAfterList).length} of ${samples.length}`);
const dist = path.join(REPO, 'dist');
const bundles = ['extension.js', 'features.js', 'server.js', 'serverMain.js', 'serverWorker.js', ...(fs.existsSync(path.join(dist, 'vendor')) ? fs.readdirSync(path.join(dist, 'vendor')).filter((f) => f.endsWith('.js')).map((f) => `vendor/${f}`) : [])];
console.log(`vsix: ${size(path.join(REPO, 'dist-vsix', 'docker-workbench.vsix'))}; ${bundles.map((b) => `dist/${b} ${size(path.join(dist, b))}`).join('; ')}`);
if (samples.length < RUNS) process.exit(1);
