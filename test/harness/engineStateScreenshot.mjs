// Two states a person should see right, with the packaged extension in code-server, saved to
// .test-output/e2e/ (look at them):
//   times-fresh.png / times-a-minute-later.png  a container's "Up …" in the Containers view just
//       after it started, and again a minute later with no event and no Refresh in between (the
//       row is redrawn from the start time; it used to say "Up Less than a second" for good)
//   engine-down.png / engine-down-sidebar.png   the views when the engine cannot be reached, in a
//       sidebar 300 px wide: one short line, the advice, a visible Retry button, and
//       "disconnected" in the status bar
// Run after `npm run package`: node test/harness/engineStateScreenshot.mjs
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { OUTPUT } from './tiers.mjs';
import { stepCounter, scratchWorkspace, openWorkbench, VSIX, prepareScreenshots, runAsScript, saveScreenshot } from './userSession.mjs';
import { installVsix, startCodeServer } from './codeServer.mjs';
import { launchBrowser } from './browser.mjs';
import { withEngine } from './withEngine.mjs';
import { TEST_IMAGE } from '../engine/privateEngine.mjs';

const require = createRequire(import.meta.url);
/** Narrow, as in the issue: the engine-down state must be legible here. */
const NARROW_SIDEBAR = 300;
/** Wide enough to read a container's whole description. */
const WIDE_SIDEBAR = 520;

export async function engineStateScreenshots() {
  prepareScreenshots();
  return withEngine((engineHost) => steps(engineHost));
}

async function save(page, name, options = {}) {
  await page.mouse.move(1200, 700); // no hover tooltip over the screenshot
  await page.waitForTimeout(400); // let the last rows paint
  await saveScreenshot(page, name, { minBytes: 5_000, ...options });
}

/** Opens the Docker Workbench sidebar and drags its edge until it is `width` px wide. */
async function openSidebar(page, width) {
  const tab = page.getByRole('tab', { name: /Docker Workbench/ });
  await tab.waitFor({ timeout: 60_000 });
  await tab.click();
  await page.getByRole('tree', { name: /Containers/ }).first().waitFor({ timeout: 30_000 }).catch(() => undefined);
  const sidebar = page.locator('.part.sidebar');
  const box = await sidebar.boundingBox();
  if (!box) throw new Error('no sidebar');
  const edge = box.x + box.width;
  await page.mouse.move(edge - 1, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + width, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
  const after = await sidebar.boundingBox();
  if (!after || Math.abs(after.width - width) > 4) throw new Error(`the sidebar is ${after?.width} px wide, not ${width}`);
}

async function steps(engineHost) {
  const { totals, step } = stepCounter();
  const Docker = require('dockerode');
  const docker = new Docker({ socketPath: engineHost.replace(/^unix:\/\//, '') });
  const name = `dwb-e2e-clock-${process.pid}`;
  // Not "dwb-engine-…": the private engine's cleanup removes leftovers by that prefix.
  const session = scratchWorkspace('clock');
  const downSession = scratchWorkspace('no-docker');
  let container;
  let server;
  let downServer;
  let browser;
  try {
    console.log('engine state: screenshots with the packaged extension');
    const installed = await step('the .vsix installs into two code-server profiles', async () => {
      installVsix(VSIX, session.extensionsDir, session.userDataDir);
      installVsix(VSIX, downSession.extensionsDir, downSession.userDataDir);
    });
    if (!installed) return totals;
    browser = await launchBrowser();

    // ── times that stay true ─────────────────────────────────────────────────────────────
    server = await startCodeServer({ ...session, env: { DOCKER_HOST: engineHost }, logFile: path.join(OUTPUT, 'engine-state-code-server.log') });
    container = await docker.createContainer({ Image: TEST_IMAGE, name, Cmd: ['sleep', '3600'] });
    await container.start();
    const page = await openWorkbench(browser, server.url, session.workspace, { width: 1100, height: 700 });
    const description = page.locator('.monaco-list-row', { hasText: name }).locator('.label-description').first();

    await step(`the Containers view shows "${name}" just started ("Up … seconds")`, async () => {
      await openSidebar(page, WIDE_SIDEBAR);
      await description.filter({ hasText: /Up (Less than a second|\d+ seconds?)/ }).waitFor({ timeout: 30_000 });
      await save(page, 'times-fresh.png');
    });

    await step('a minute later the same row says "Up About a minute" with no event and no Refresh', async () => {
      // The engine is not asked again: the view redraws the row from the start time once a minute.
      await description.filter({ hasText: /Up About a minute/ }).waitFor({ timeout: 150_000 }).catch(async (error) => {
        throw new Error(`${error.message}\nthe row says: ${await description.textContent().catch(() => '?')}`);
      });
      await save(page, 'times-a-minute-later.png');
    });
    await page.close();
    server.stop();
    server = undefined;

    // ── the engine cannot be reached, in a 300 px sidebar ──────────────────────────────────
    const missing = path.join(downSession.scratch, 'no-engine.sock');
    downServer = await startCodeServer({ ...downSession, env: { DOCKER_HOST: `unix://${missing}` }, logFile: path.join(OUTPUT, 'engine-down-code-server.log') });
    const down = await openWorkbench(browser, downServer.url, downSession.workspace, { width: 1100, height: 700 });

    await step('with no engine, the Containers view shows a short line, the advice and a visible Retry button at 300 px', async () => {
      await openSidebar(down, NARROW_SIDEBAR);
      const sidebar = down.locator('.part.sidebar');
      await sidebar.getByText('Docker is not running here: there is no engine socket.').first().waitFor({ timeout: 30_000 });
      await sidebar.getByText(/Start the Docker Engine/).first().waitFor({ timeout: 30_000 });
      // The Retry button of the Containers view itself, inside its pane as drawn (not scrolled away).
      const pane = sidebar.locator('.pane').filter({ has: down.locator('.pane-header', { hasText: /^Containers/i }) }).first();
      const retry = pane.getByRole('button', { name: 'Retry' }).first();
      await retry.waitFor({ state: 'visible', timeout: 10_000 });
      const box = await retry.boundingBox();
      const area = await pane.boundingBox();
      if (!box || !area || box.x < area.x || box.x + box.width > area.x + area.width || box.y + box.height > area.y + area.height) {
        throw new Error(`the Retry button (${JSON.stringify(box)}) is not within the Containers view (${JSON.stringify(area)})`);
      }
    });

    await step('the status bar says the engine is disconnected', async () => {
      await down.locator('.statusbar-item', { hasText: /disconnected/ }).first().waitFor({ timeout: 30_000 });
    });

    await step('screenshots of the engine-down state are saved', async () => {
      await save(down, 'engine-down.png');
      const bar = await down.locator('.part.sidebar').boundingBox();
      await save(down, 'engine-down-sidebar.png', { clip: { x: 0, y: 0, width: Math.ceil(bar.x + bar.width), height: 700 } });
    });
  } catch (error) {
    totals.failed++;
    console.log(`  ✖ engine state setup failed: ${error?.stack ?? error}`);
  } finally {
    await browser?.close().catch(() => undefined);
    server?.stop();
    downServer?.stop();
    await container?.remove({ force: true }).catch(() => undefined);
    session.remove();
    downSession.remove();
  }
  return totals;
}

if (import.meta.url === `file://${process.argv[1]}`) await runAsScript('engine state', engineStateScreenshots);
