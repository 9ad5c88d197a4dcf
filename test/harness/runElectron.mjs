// The same integration suite through @vscode/test-electron, for machines with a desktop VS Code
// (set DWB_VSCODE_EXECUTABLE) or internet (it downloads VS Code). Uses the private engine too.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { REPO, OUTPUT, writeTierResult } from './tiers.mjs';
import { buildIntegrationTests } from './buildTests.mjs';
import { withEngine } from './withEngine.mjs';

const testsPath = await buildIntegrationTests();
fs.mkdirSync(OUTPUT, { recursive: true });
const resultsFile = path.join(OUTPUT, 'electron.jsonl');
fs.rmSync(resultsFile, { force: true });
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-electron-'));

let code = 1;
try {
  code = await withEngine((engineHost) =>
    runTests({
      version: process.env.DWB_VSCODE_VERSION || '1.100.3',
      vscodeExecutablePath: process.env.DWB_VSCODE_EXECUTABLE || undefined,
      extensionDevelopmentPath: REPO,
      extensionTestsPath: testsPath,
      extensionTestsEnv: { DOCKER_HOST: engineHost, DWB_TEST_RESULTS: resultsFile },
      launchArgs: [workspace, '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    }),
  );
} catch (error) {
  console.error(`electron: ${error?.stack ?? error}`);
} finally {
  fs.rmSync(workspace, { recursive: true, force: true });
}
const events = fs.existsSync(resultsFile) ? fs.readFileSync(resultsFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
const totals = { passed: events.filter((e) => e.type === 'pass').length, failed: events.filter((e) => e.type === 'fail' || e.type === 'pending').length };
for (const e of events.filter((e) => e.type === 'fail')) console.log(`  ✖ ${e.title}\n${e.error}`);
writeTierResult('electron', totals);
console.log(`electron: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(code !== 0 || totals.failed > 0 || totals.passed === 0 ? 1 : 0);
