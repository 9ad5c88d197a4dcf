// Runs a module inside a real VS Code extension host (code-server opened by headless Chromium
// with the `payload` URL) and streams the JSON lines it appends to $DWB_TEST_RESULTS back to the
// caller, until the module reports `end` or the deadline passes.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO, OUTPUT } from './tiers.mjs';
import { startCodeServer } from './codeServer.mjs';
import { launchBrowser, payloadUrl } from './browser.mjs';

/**
 * @param {{ engineHost: string, testsPath: string, label: string, deadlineMs: number,
 *           onEvent: (event: any) => void, env?: Record<string,string>, runs?: number, locale?: string,
 *           restricted?: boolean }} options
 * `runs` opens that many fresh windows one after another (each gets a new extension host);
 * `locale` sets the display language of code-server, `restricted` opens the workspace in
 * Restricted Mode (see startCodeServer).
 * Resolves to 'done' when every run reported `end`, or 'timeout'.
 */
export async function runInCodeServer({ engineHost, testsPath, label, deadlineMs, onEvent, env = {}, runs = 1, locale, restricted = false, extensionPath = REPO }) {
  fs.mkdirSync(OUTPUT, { recursive: true });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), `dwb-${label}-`));
  const workspace = path.join(scratch, 'workspace');
  fs.mkdirSync(workspace);
  const resultsFile = path.join(OUTPUT, `${label}.jsonl`);
  fs.rmSync(resultsFile, { force: true });
  const serverLog = path.join(OUTPUT, `${label}-code-server.log`);
  fs.rmSync(serverLog, { force: true });

  const server = await startCodeServer({
    workspace,
    userDataDir: path.join(scratch, 'user-data'),
    extensionsDir: path.join(scratch, 'extensions'),
    env: { DOCKER_HOST: engineHost, DWB_TEST_RESULTS: resultsFile, ...env },
    logFile: serverLog,
    locale,
    restricted,
  });
  const browser = await launchBrowser();
  const follower = new ResultFollower(resultsFile, onEvent);
  try {
    for (let run = 0; run < runs; run++) {
      const page = await browser.newPage();
      const browserLog = fs.createWriteStream(path.join(OUTPUT, `${label}-browser.log`), { flags: 'a' });
      page.on('console', (message) => browserLog.write(`[${message.type()}] ${message.text()}\n`));
      page.on('pageerror', (error) => browserLog.write(`[pageerror] ${error.message}\n`));
      await page.goto(payloadUrl({ port: server.port, folder: workspace, extensionPath, testsPath }));
      const outcome = await follower.untilEnd(Date.now() + deadlineMs);
      await page.close().catch(() => undefined);
      browserLog.end();
      if (outcome === 'timeout') return 'timeout';
    }
    return 'done';
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    if (process.env.DWB_KEEP_SCRATCH) console.log(`kept ${scratch} (logs under user-data/logs)`);
    else fs.rmSync(scratch, { recursive: true, force: true });
  }
}

class ResultFollower {
  constructor(file, onEvent) {
    this.file = file;
    this.onEvent = onEvent;
    this.offset = 0;
    this.pending = '';
  }

  async untilEnd(deadline) {
    while (Date.now() < deadline) {
      if (fs.existsSync(this.file)) {
        const text = fs.readFileSync(this.file, 'utf8');
        this.pending += text.slice(this.offset);
        this.offset = text.length;
        const lines = this.pending.split('\n');
        this.pending = lines.pop();
        for (const line of lines) {
          const event = JSON.parse(line);
          this.onEvent(event);
          if (event.type === 'end') return 'done';
        }
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return 'timeout';
  }
}
