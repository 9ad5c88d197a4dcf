// A Chinese hover as a learner sees it, for people to look at: the packaged .vsix is installed into
// code-server started with the display language zh-cn, a Dockerfile that copies the whole context
// before installing dependencies is opened, the pointer rests on its COPY, and the hover (what COPY
// does, and why this COPY is flagged, both in Chinese) is saved to .test-output/e2e/hover-zh-cn.png.
// VS Code's own texts stay English (no language pack offline, see registerLanguagePack); the
// extension's are Chinese. Chinese text needs a CJK font (Debian: fonts-noto-cjk).
// Run after `npm run package`: node test/harness/chineseScreenshot.mjs
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { OUTPUT } from './tiers.mjs';
import { stepCounter, scratchWorkspace, openWorkbench, VSIX, prepareScreenshots, runAsScript, saveScreenshot, hoverUntilShown } from './userSession.mjs';
import { installVsix, startCodeServer } from './codeServer.mjs';
import { launchBrowser } from './browser.mjs';
import { withEngine } from './withEngine.mjs';

const DOCKERFILE = [
  'FROM node:22-alpine',
  'WORKDIR /app',
  'COPY . .',
  'RUN npm install',
  'CMD ["node", "server.js"]',
  '',
].join('\n');

/** Whether fontconfig knows a font with Chinese glyphs (without one the text shows as boxes). */
export function hasChineseFont() {
  const result = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.trim().length > 0;
}

/** Resolves to { passed, failed } like the other e2e steps. */
export async function chineseHoverScreenshot() {
  prepareScreenshots();
  return withEngine((engineHost) => steps(engineHost));
}

async function steps(engineHost) {
  const { totals, step } = stepCounter();

  const { workspace, userDataDir, extensionsDir, remove } = scratchWorkspace('zh', { 'Dockerfile': DOCKERFILE, 'package.json': '{ "name": "shop", "private": true }\n', '.dockerignore': '.git\nnode_modules\n' });
  let server;
  let browser;
  try {
    console.log('Chinese hover: a screenshot with the packaged extension and the display language zh-cn');
    const font = await step('a font with Chinese glyphs is installed (Debian: fonts-noto-cjk)', async () => {
      if (!hasChineseFont()) throw new Error('fc-list :lang=zh finds no font; as root: apt-get install -y --no-install-recommends fonts-noto-cjk');
    });
    const installed = await step('the .vsix installs into code-server', async () => {
      installVsix(VSIX, extensionsDir, userDataDir);
    });
    if (!installed || !font) return totals;
    server = await startCodeServer({
      workspace, userDataDir, extensionsDir, locale: 'zh-cn',
      env: { DOCKER_HOST: engineHost },
      settings: { 'editor.hover.delay': 200 },
      logFile: path.join(OUTPUT, 'hover-zh-cn-code-server.log'),
    });
    browser = await launchBrowser();
    const page = await openWorkbench(browser, server.url, workspace, { width: 1280, height: 800 });

    const opened = await step('the Dockerfile opens and the language server flags COPY . . in Chinese', async () => {
      await page.keyboard.press('Control+P');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ timeout: 15_000 });
      await input.fill('Dockerfile');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Dockerfile' }).first().waitFor({ timeout: 15_000 });
      await page.keyboard.press('Enter');
      await page.locator('.view-line', { hasText: 'COPY . .' }).first().waitFor({ timeout: 30_000 });
      // The squiggle under COPY . . (copy-all-before-install, information) shows the server answered.
      await page.locator('.squiggly-info, .squiggly-warning').first().waitFor({ timeout: 60_000 });
    });
    if (!opened) return totals;

    await step('hovering COPY shows what it does and why this one is flagged, in Chinese', async () => {
      // The code lenses above FROM arrive late and push the lines down: wait for them, and
      // measure the line again before each attempt.
      await page.locator('.codelens-decoration').first().waitFor({ timeout: 30_000 }).catch(() => undefined);
      await page.waitForTimeout(500);
      const line = page.locator('.view-line', { hasText: 'COPY . .' }).first();
      const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: 'copy-all-before-install' }).filter({ hasText: '构建上下文' }).first();
      await hoverUntilShown(page, line, hover);
    });

    await step('a screenshot of the Chinese hover is saved (.test-output/e2e/hover-zh-cn.png)', async () => {
      await page.waitForTimeout(400); // let the hover finish painting
      await saveScreenshot(page, 'hover-zh-cn.png');
    });
  } catch (error) {
    totals.failed++;
    console.log(`  ✖ Chinese hover setup failed: ${error?.stack ?? error}`);
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    remove();
  }
  return totals;
}

if (import.meta.url === `file://${process.argv[1]}`) await runAsScript('Chinese hover', chineseHoverScreenshot);
