// `npm test`: every tier (type-check, unit, integration in VS Code, e2e), each run even when an
// earlier one failed, one private Docker Engine shared by the tiers that need it, and one closing
// line `N passed, N failed` adding up all tiers. Exits non-zero if anything failed or nothing ran.
import { REPO, runCommand, readTierResult, clearTierResult } from './tiers.mjs';
import { ensureSystemPackages } from './systemPackages.mjs';
import { startPrivateEngine } from '../engine/privateEngine.mjs';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const node = process.execPath;
const results = [];
const started = Date.now();
// Everything the run makes in the temporary folder (the private engine, code-server profiles, the
// tests' scratch folders) goes under one folder of its own, removed at the end whatever happened;
// what a test forgot to remove is named first, so the leak can be fixed where it happens.
const runTmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-run-'));
process.env.TMPDIR = runTmp;
const removeRunTmp = () => fs.rmSync(runTmp, { recursive: true, force: true });

async function tier(name, work) {
  const t0 = Date.now();
  console.log(`\n━━ ${name} ━━`);
  let result;
  try {
    result = await work();
  } catch (error) {
    console.error(`${name}: ${error?.stack ?? error}`);
    result = { passed: 0, failed: 1 };
  }
  results.push({ name, ...result, seconds: Math.round((Date.now() - t0) / 1000) });
}

/** Runs a tier script; its own result file has the counts, a crash counts as one failure. */
async function scriptTier(name, script, env = {}) {
  clearTierResult(name);
  const code = await runCommand(node, [script], { env: { ...process.env, ...env } });
  const result = readTierResult(name) ?? { passed: 0, failed: 0 };
  if (code !== 0 && result.failed === 0) result.failed = 1;
  return result;
}

await tier('type-check', async () => {
  const code = await runCommand(node, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.']);
  return code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
});

await tier('unit', () => scriptTier('unit', 'test/harness/runUnit.mjs'));

const missing = ensureSystemPackages();
const build = await runCommand('npm', ['run', '--silent', 'package']);
let engine;
if (missing.length === 0) {
  try {
    engine = await startPrivateEngine();
  } catch (error) {
    console.error(`could not start the private Docker Engine: ${error?.stack ?? error}`);
  }
}
process.on('exit', removeRunTmp); // after the engine's own exit hook, so it is stopped first
const blocked = build !== 0 ? 'the build or package step failed' : missing.length ? `missing ${missing.join(', ')}` : !engine ? 'no engine' : undefined;

for (const [name, script] of [['integration', 'test/harness/runIntegration.mjs'], ['e2e', 'test/harness/runE2E.mjs']]) {
  await tier(name, async () => {
    if (blocked) throw new Error(`not run: ${blocked}`);
    return scriptTier(name, script, { DWB_ENGINE_HOST: engine.host });
  });
}
await engine?.stop();
for (const name of fs.readdirSync(runTmp)) {
  if (name.startsWith('dwb-')) console.warn(`a test left ${name} in the temporary folder; removing it`);
}
removeRunTmp();

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log('\n━━ summary ━━');
for (const r of results) console.log(`${r.name.padEnd(12)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(4)} failed  (${r.seconds} s)`);
console.log(`total time ${Math.round((Date.now() - started) / 1000)} s in ${REPO}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
