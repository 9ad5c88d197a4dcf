// Integration tier: the mocha suite in test/integration runs inside a real VS Code (code-server,
// VS Code 1.100, opened by headless Chromium with the `payload` URL) against the private Docker
// Engine. Results come back as JSON lines through a file; a hang is killed by a deadline.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO, OUTPUT, writeTierResult, clearTierResult } from './tiers.mjs';
import { buildIntegrationTests } from './buildTests.mjs';
import { startCodeServer } from './codeServer.mjs';
import { launchBrowser, payloadUrl } from './browser.mjs';
import { withEngine } from './withEngine.mjs';

const DEADLINE_MS = Number(process.env.DWB_INTEGRATION_TIMEOUT_MS || 10 * 60_000);

export async function runIntegrationTier() {
  clearTierResult('integration');
  fs.mkdirSync(OUTPUT, { recursive: true });
  if (!fs.existsSync(path.join(REPO, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run npm run build first');
  const testsPath = await buildIntegrationTests();
  return withEngine((engineHost) => runInCodeServer({ engineHost, testsPath }));
}

async function runInCodeServer({ engineHost, testsPath }) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-integration-'));
  const workspace = path.join(scratch, 'workspace');
  fs.mkdirSync(workspace);
  const resultsFile = path.join(OUTPUT, 'integration.jsonl');
  fs.rmSync(resultsFile, { force: true });
  const serverLog = path.join(OUTPUT, 'integration-code-server.log');
  fs.rmSync(serverLog, { force: true });

  const server = await startCodeServer({
    workspace,
    userDataDir: path.join(scratch, 'user-data'),
    extensionsDir: path.join(scratch, 'extensions'),
    env: { DOCKER_HOST: engineHost, DWB_TEST_RESULTS: resultsFile, DWB_TEST_GREP: process.env.DWB_TEST_GREP ?? '' },
    logFile: serverLog,
  });
  const browser = await launchBrowser();
  const totals = { passed: 0, failed: 0 };
  try {
    const page = await browser.newPage();
    const browserLog = fs.createWriteStream(path.join(OUTPUT, 'integration-browser.log'));
    page.on('console', (message) => browserLog.write(`[${message.type()}] ${message.text()}\n`));
    page.on('pageerror', (error) => browserLog.write(`[pageerror] ${error.message}\n`));
    await page.goto(payloadUrl({ port: server.port, folder: workspace, extensionPath: REPO, testsPath }));

    const outcome = await followResults(resultsFile, totals);
    if (outcome === 'timeout') {
      console.error(`integration: no result within ${DEADLINE_MS / 1000} s; the suite hung or VS Code never ran it. ` +
        `See ${path.relative(REPO, serverLog)} and .test-output/integration-browser.log.`);
      totals.failed += 1;
    }
  } finally {
    await browser.close().catch(() => undefined);
    server.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  writeTierResult('integration', totals);
  console.log(`integration: ${totals.passed} passed, ${totals.failed} failed`);
  return totals;
}

/** Prints results as they arrive; resolves 'done' at the suite's end event or 'timeout'. */
async function followResults(file, totals) {
  const deadline = Date.now() + DEADLINE_MS;
  let offset = 0;
  let pending = '';
  while (Date.now() < deadline) {
    if (fs.existsSync(file)) {
      const text = fs.readFileSync(file, 'utf8');
      pending += text.slice(offset);
      offset = text.length;
      const lines = pending.split('\n');
      pending = lines.pop();
      for (const line of lines) {
        const event = JSON.parse(line);
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
        } else if (event.type === 'end') {
          return 'done';
        }
      }
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return 'timeout';
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
