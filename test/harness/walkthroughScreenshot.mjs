// The Docker walkthrough as a learner sees it, for people to look at: the packaged .vsix is
// installed into code-server, "Docker: Open the Docker Walkthrough" is run from the command
// palette (it calls workbench.action.openWalkthrough with
// docker-workbench.docker-workbench#dockerWorkbench.learn), and screenshots are saved to
// .test-output/e2e/:
//   walkthrough.png          the walkthrough with its first step open (its diagram on the right)
//   walkthrough-step1-done.png  after clicking "Check the Engine": the step ticked off, its report beside
//   walkthrough-volumes.png  the volume step selected, with its diagram
//   walkthrough-build-cache.png  after "Build Twice": the Dockerfile's layer hints (size, cached)
//   walkthrough-dark.png     the network step in the Dark Modern theme
// The e2e tier can call walkthroughScreenshots(); alone: npm run package && node test/harness/walkthroughScreenshot.mjs
import * as path from 'node:path';
import { OUTPUT } from './tiers.mjs';
import { stepCounter, scratchWorkspace, openWorkbench, runFromPalette, VSIX, prepareScreenshots, runAsScript, saveScreenshot } from './userSession.mjs';
import { installVsix, startCodeServer } from './codeServer.mjs';
import { launchBrowser } from './browser.mjs';
import { withEngine } from './withEngine.mjs';

/** Runs the steps against an engine of its own (or the shared one); resolves to { passed, failed }. */
export async function walkthroughScreenshots() {
  prepareScreenshots();
  return withEngine((engineHost) => steps(engineHost));
}

/** Selects a walkthrough step by its title, scrolling the step list when the step is out of view. */
async function selectStep(page, walkthrough, title) {
  const button = walkthrough.locator('.getting-started-step', { hasText: title }).first();
  for (let attempt = 0; attempt < 6; attempt++) {
    if (await button.isEnabled().catch(() => false)) return button.click({ timeout: 5_000 });
    await walkthrough.locator('.getting-started-step').first().hover();
    await page.mouse.wheel(0, 250);
    await page.waitForTimeout(300);
  }
  return button.click({ timeout: 5_000 });
}

/** Scrolls the step list up a little, so the selected step's title shows above its text. */
async function showStepTitle(page, walkthrough, title) {
  const step = walkthrough.locator('.getting-started-step', { hasText: title }).first();
  const box = await step.boundingBox().catch(() => null);
  if (!box) return;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -120);
  await page.waitForTimeout(300);
}

async function steps(engineHost) {
  const { totals, step } = stepCounter();
  const { workspace, userDataDir, extensionsDir, remove } = scratchWorkspace('walkthrough');
  let server;
  let browser;
  const shot = async (page, name, { keepNotifications = false } = {}) => {
    if (!keepNotifications) {
      // Close the toasts (each has a close button in its toolbar).
      for (let i = 0; i < 5; i++) {
        const close = page.locator('.notification-toast .codicon-notifications-clear').first();
        if (!(await close.count())) break;
        await close.click({ timeout: 2_000 }).catch(() => undefined);
        await page.waitForTimeout(200);
      }
    }
    await page.mouse.move(5, 700); // no hover effects or tooltips in the picture
    await page.waitForTimeout(600);
    await saveScreenshot(page, name);
  };
  try {
    console.log('walkthrough: screenshots with the packaged extension');
    const installed = await step('the .vsix installs into code-server', async () => installVsix(VSIX, extensionsDir, userDataDir));
    if (!installed) return totals;
    server = await startCodeServer({
      workspace, userDataDir, extensionsDir,
      env: { DOCKER_HOST: engineHost },
      logFile: path.join(OUTPUT, 'walkthrough-code-server.log'),
    });
    browser = await launchBrowser();
    const page = await openWorkbench(browser, server.url, workspace, { width: 1280, height: 900 });
    // Without the side bar the walkthrough has room for its diagrams beside the steps.
    await runFromPalette(page, 'View: Close Primary Side Bar');

    const walkthrough = page.locator('.gettingStartedContainer');
    const opened = await step('"Docker: Open the Docker Walkthrough" opens the walkthrough with its eight steps', async () => {
      await runFromPalette(page, 'Docker: Open the Docker Walkthrough');
      await walkthrough.getByText('Learn Docker with Docker Workbench').first().waitFor({ timeout: 30_000 });
      const stepButtons = walkthrough.locator('.getting-started-step');
      await stepButtons.nth(7).waitFor({ timeout: 15_000 });
      const count = await stepButtons.count();
      if (count !== 8) throw new Error(`expected 8 steps, found ${count}`);
      // The first step's diagram (an SVG in its own frame) is on the right.
      await walkthrough.locator('.getting-started-media').first().waitFor({ timeout: 15_000 });
    });
    if (!opened) return totals;
    await step('a screenshot of the walkthrough is saved (.test-output/e2e/walkthrough.png)', async () => shot(page, 'walkthrough.png'));

    await step('"Check the Engine" runs step 1, which is then ticked off, with its report beside (walkthrough-step1-done.png)', async () => {
      await page.waitForTimeout(500);
      await walkthrough.getByRole('button', { name: 'Check the Engine' }).first().click();
      // A finished step's check box is a codicon with the class "complete".
      await walkthrough.locator('.getting-started-step', { hasText: 'Check the Docker Engine' }).locator('.codicon.complete').first().waitFor({ timeout: 30_000 });
      // The report opens as a Markdown preview beside the walkthrough.
      await page.locator('.tab', { hasText: 'learn-step-1.md' }).first().waitFor({ timeout: 30_000 });
      await page.waitForTimeout(1500);
      await shot(page, 'walkthrough-step1-done.png', { keepNotifications: true });
    });

    await step('the volume step with its diagram (walkthrough-volumes.png)', async () => {
      await runFromPalette(page, 'View: Close All Editors');
      await runFromPalette(page, 'Docker: Open the Docker Walkthrough');
      await walkthrough.getByText('Learn Docker with Docker Workbench').first().waitFor({ timeout: 30_000 });
      await page.waitForTimeout(1000);
      await selectStep(page, walkthrough, 'Keep data in a volume');
      await walkthrough.getByRole('button', { name: 'Share a Volume' }).first().waitFor({ timeout: 15_000 });
      await showStepTitle(page, walkthrough, 'Keep data in a volume');
      await shot(page, 'walkthrough-volumes.png');
    });

    await step('step 7 builds twice; the Dockerfile then shows each layer\'s size and which came from the cache (walkthrough-build-cache.png)', async () => {
      await runFromPalette(page, 'Docker: Walkthrough Step 7: Build an Image Twice and See the Cache');
      // It asks before writing into the workspace (a modal dialog).
      await page.locator('.monaco-dialog-box').getByRole('button', { name: 'Write the Files' }).click({ timeout: 15_000 });
      await page.locator('.notification-toast', { hasText: 'built learn-cache:latest twice' }).first().waitFor({ timeout: 180_000 });
      // The per-layer inlay hints at the end of the RUN and COPY lines.
      await page.locator('.monaco-editor .view-lines', { hasText: 'cached' }).first().waitFor({ timeout: 30_000 });
      // Room for the hints: the Dockerfile's editor group alone, the build terminal closed.
      await runFromPalette(page, 'View: Hide Panel').catch(() => page.keyboard.press('Escape'));
      await runFromPalette(page, 'View: Toggle Maximize Editor Group').catch(() => page.keyboard.press('Escape'));
      await shot(page, 'walkthrough-build-cache.png', { keepNotifications: true });
    });

    await step('the network step in a dark theme (walkthrough-dark.png)', async () => {
      await runFromPalette(page, 'View: Close All Editors');
      await runFromPalette(page, 'Docker: Open the Docker Walkthrough');
      await walkthrough.getByText('Learn Docker with Docker Workbench').first().waitFor({ timeout: 30_000 });
      await page.waitForTimeout(1000); // the walkthrough takes the focus once it has opened
      await runFromPalette(page, 'Preferences: Color Theme');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ timeout: 15_000 });
      await input.fill('Dark Modern');
      await page.locator('.quick-input-list .monaco-list-row.focused[aria-label^="Dark Modern"]').waitFor({ timeout: 15_000 });
      await page.keyboard.press('Enter');
      await page.locator('.monaco-workbench.vs-dark').waitFor({ timeout: 30_000 });
      await page.waitForTimeout(1000); // the walkthrough redraws its diagram for the new theme
      await selectStep(page, walkthrough, 'Connect containers on a network');
      await walkthrough.getByRole('button', { name: 'Create a Network' }).first().waitFor({ timeout: 15_000 });
      await shot(page, 'walkthrough-dark.png');
    });
  } catch (error) {
    totals.failed++;
    console.log(`  ✖ walkthrough setup failed: ${error?.stack ?? error}`);
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    remove();
  }
  return totals;
}

if (import.meta.url === `file://${process.argv[1]}`) await runAsScript('walkthrough', walkthroughScreenshots);
