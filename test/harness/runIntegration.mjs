// Integration tier: the mocha suite in test/integration runs inside a real VS Code (code-server,
// VS Code 1.100, opened by headless Chromium with the `payload` URL) against the private Docker
// Engine. Results come back as JSON lines through a file; a hang is killed by a deadline.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO, OUTPUT, writeTierResult, clearTierResult } from './tiers.mjs';
import { buildIntegrationTests } from './buildTests.mjs';
import { runInCodeServer } from './codeServerSuite.mjs';
import { withEngine } from './withEngine.mjs';

const DEADLINE_MS = Number(process.env.DWB_INTEGRATION_TIMEOUT_MS || 10 * 60_000);

export async function runIntegrationTier() {
  clearTierResult('integration');
  fs.mkdirSync(OUTPUT, { recursive: true });
  if (!fs.existsSync(path.join(REPO, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run npm run build first');
  const testsPath = await buildIntegrationTests();
  return withEngine((engineHost) => runSuite({ engineHost, testsPath }));
}

async function runSuite({ engineHost, testsPath }) {
  const totals = { passed: 0, failed: 0 };
  const outcome = await runInCodeServer({
    engineHost,
    testsPath,
    label: 'integration',
    deadlineMs: DEADLINE_MS,
    env: { DWB_TEST_GREP: process.env.DWB_TEST_GREP ?? '' },
    onEvent: (event) => {
      if (event.type === 'start') {
        console.log(`integration: running inside ${event.appName} ${event.vscodeVersion} (extension host on Node ${event.node})`);
      } else if (event.type === 'pass') {
        totals.passed++;
        console.log(`  ✔ ${event.title} (${event.durationMs} ms)`);
      } else if (event.type === 'fail') {
        totals.failed++;
        console.log(`  ✖ ${event.title}\n${indent(event.error)}`);
      } else if (event.type === 'pending') {
        totals.failed++;
        console.log(`  ✖ ${event.title} (skipped tests count as failures)`);
      }
    },
  });
  if (outcome === 'timeout') {
    console.error(`integration: no result within ${DEADLINE_MS / 1000} s; the suite hung or VS Code never ran it. ` +
      'See .test-output/integration-code-server.log and .test-output/integration-browser.log.');
    totals.failed += 1;
  }
  writeTierResult('integration', totals);
  console.log(`integration: ${totals.passed} passed, ${totals.failed} failed`);
  return totals;
}

const indent = (text) => String(text).split('\n').map((l) => `      ${l}`).join('\n');

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const totals = await runIntegrationTier();
    process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
  } catch (error) {
    console.error(`integration: ${error.stack ?? error}`);
    writeTierResult('integration', { passed: 0, failed: 1 });
    process.exit(1);
  }
}
