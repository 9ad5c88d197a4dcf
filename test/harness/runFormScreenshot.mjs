// The Run Image form as a user sees it, for people to look at: the packaged .vsix is installed
// into code-server, "Docker: Run Image…" is run from the command palette on an image made from
// the test image (with an exposed port and a volume, so the form has something to pre-fill), a
// couple of fields are typed into, and screenshots are saved to .test-output/e2e/:
//   run-form.png          the form with the live `docker run` line
//   run-form-problem.png  an inline validation message (a network alias without a user network)
//   run-form-dark.png     the form in the Dark Modern theme
// Run after `npm run package`: node test/harness/runFormScreenshot.mjs
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { OUTPUT } from './tiers.mjs';
import { stepCounter, scratchWorkspace, openWorkbench, runFromPalette, VSIX, prepareScreenshots, runAsScript, saveScreenshot } from './userSession.mjs';
import { installVsix, startCodeServer } from './codeServer.mjs';
import { launchBrowser } from './browser.mjs';
import { withEngine } from './withEngine.mjs';
import { TEST_IMAGE } from '../engine/privateEngine.mjs';

const require = createRequire(import.meta.url);
const WEB_IMAGE = 'dwb-test/web:1.0';

export async function runFormScreenshots() {
  prepareScreenshots();
  return withEngine((engineHost) => steps(engineHost));
}

async function steps(engineHost) {
  const { totals, step } = stepCounter();

  const Docker = require('dockerode');
  const docker = new Docker({ socketPath: engineHost.replace(/^unix:\/\//, '') });
  const { workspace, userDataDir, extensionsDir, remove } = scratchWorkspace('runform');
  const made = [];
  let server;
  let browser;
  try {
    console.log('run form: screenshots with the packaged extension');
    // An image that exposes a port and declares a volume, made from the test image offline.
    const base = await docker.createContainer({ Image: TEST_IMAGE, Cmd: ['true'] });
    await base.commit({ repo: 'dwb-test/web', tag: '1.0', changes: ['EXPOSE 8080', 'VOLUME /www', 'CMD ["httpd", "-f", "-p", "8080", "-h", "/www"]'] });
    await base.remove();
    made.push(() => docker.getImage(WEB_IMAGE).remove({ force: true }));
    const network = await docker.createNetwork({ Name: 'shop_default' });
    made.push(() => network.remove());
    await docker.createVolume({ Name: 'shop_data' });
    made.push(() => docker.getVolume('shop_data').remove());

    const installed = await step('the .vsix installs into code-server', async () => {
      installVsix(VSIX, extensionsDir, userDataDir);
    });
    if (!installed) return totals;
    server = await startCodeServer({ workspace, userDataDir, extensionsDir, env: { DOCKER_HOST: engineHost }, logFile: path.join(OUTPUT, 'run-form-code-server.log') });
    browser = await launchBrowser();
    const page = await openWorkbench(browser, server.url, workspace, { width: 1280, height: 960 });

    const form = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const ok = await step(`"Docker: Run Image…" from the command palette opens the form for ${WEB_IMAGE}`, async () => {
      await runFromPalette(page, 'Docker: Run Image…');
      const input = page.locator('.quick-input-widget input');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: WEB_IMAGE }).first().waitFor({ timeout: 30_000 });
      await input.fill(WEB_IMAGE);
      await page.keyboard.press('Enter');
      await form.locator('#commandLine').filter({ hasText: 'docker run' }).waitFor({ timeout: 30_000 });
    });
    if (!ok) return totals;

    await step('the form is pre-filled from the image and the command line follows what is typed', async () => {
      const line = form.locator('#commandLine');
      await line.filter({ hasText: '-p 127.0.0.1:8080:8080' }).waitFor({ timeout: 10_000 });
      await line.filter({ hasText: 'type=volume,source=web-www,target=/www' }).waitFor({ timeout: 10_000 });
      await form.locator('#name').fill('shop-web');
      await form.locator('button[data-add="env"]').click();
      await form.locator('#env input[aria-label="Variable"]').first().fill('GREETING');
      await form.locator('#env input[aria-label="Value"]').first().fill('hello world');
      await line.filter({ hasText: `--name shop-web` }).waitFor({ timeout: 10_000 });
      await line.filter({ hasText: `-e 'GREETING=hello world'` }).waitFor({ timeout: 10_000 });
    });

    await step('a screenshot of the form is saved (.test-output/e2e/run-form.png)', async () => {
      await page.waitForTimeout(400);
      await saveScreenshot(page, 'run-form.png');
    });

    await step('an alias without a user-defined network shows an inline problem and disables Run', async () => {
      await form.locator('#section-network').evaluate((details) => { details.open = true; });
      await form.locator('#aliases').fill('web');
      await form.locator('.problem[data-for="networkAliases"] .error').waitFor({ timeout: 10_000 });
      if (!(await form.locator('#run').isDisabled())) throw new Error('Run is still enabled');
      await form.locator('.problem[data-for="networkAliases"]').evaluate((slot) => slot.scrollIntoView({ block: 'center' }));
      await page.waitForTimeout(300);
      await saveScreenshot(page, 'run-form-problem.png', { minBytes: 0 });
    });

    await step('the same form in a dark theme (.test-output/e2e/run-form-dark.png)', async () => {
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.fill('>Preferences: Color Theme');
      // not "Browse Color Themes in Marketplace", which the filter also matches
      await page.locator('.quick-input-list .monaco-list-row[aria-label^="Preferences: Color Theme"]').first().click({ timeout: 15_000 });
      await page.locator('.quick-input-list .monaco-list-row[aria-label^="Dark Modern"]').first().click({ timeout: 15_000 });
      await page.locator('.monaco-workbench.vs-dark').waitFor({ timeout: 30_000 });
      await form.locator('#aliases').fill('');
      await form.locator('#section-container').scrollIntoViewIfNeeded();
      await page.waitForTimeout(800);
      await saveScreenshot(page, 'run-form-dark.png', { minBytes: 0 });
    });
  } catch (error) {
    totals.failed++;
    console.log(`  ✖ run form setup failed: ${error?.stack ?? error}`);
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    for (const undo of made.reverse()) await undo().catch(() => undefined);
    remove();
  }
  return totals;
}

if (import.meta.url === `file://${process.argv[1]}`) await runAsScript('run form', runFormScreenshots);
