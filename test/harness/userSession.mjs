// What every "as a user sees it" script shares: named steps counted like tests, a scratch
// workspace with its own VS Code user data and extensions folders, a workbench page opened
// and settled in Chromium, the packaged extension and the screenshot folder, and the ending of a
// screenshot script run on its own.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO, OUTPUT } from './tiers.mjs';

/** The packaged extension the screenshot scripts install (DWB_VSIX names another). */
export const VSIX = process.env.DWB_VSIX || path.join(REPO, 'dist-vsix', 'docker-workbench.vsix');
/** Where the screenshots go. */
export const SHOTS = path.join(OUTPUT, 'e2e');

/** Fails early when the extension is not packaged; makes the screenshot folder. */
export function prepareScreenshots() {
  if (!fs.existsSync(VSIX)) throw new Error(`${path.relative(REPO, VSIX)} is missing: run npm run package first`);
  fs.mkdirSync(SHOTS, { recursive: true });
}

/**
 * Saves a screenshot of `page` as SHOTS/`name` and says where; fails when the file is under
 * `minBytes` (a blank page compresses to almost nothing; 0 skips the check). Other options go
 * to Playwright's page.screenshot.
 */
export async function saveScreenshot(page, name, { minBytes = 10_000, ...options } = {}) {
  const file = path.join(SHOTS, name);
  await page.screenshot({ path: file, ...options });
  if (minBytes > 0 && fs.statSync(file).size < minBytes) throw new Error(`${file} looks empty`);
  console.log(`      saved ${path.relative(REPO, file)}`);
  return file;
}

/**
 * A screenshot script started on its own (not from runE2E): runs it, prints its totals under
 * `label`, and exits 1 when a step failed, nothing passed, or the script itself threw.
 */
export async function runAsScript(label, run) {
  let totals = { passed: 0, failed: 1 };
  try {
    totals = await run();
  } catch (error) {
    console.error(`${label}: ${error.stack ?? error}`);
  }
  console.log(`${label}: ${totals.passed} passed, ${totals.failed} failed`);
  process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
}

/** `step(title, work)` runs one check, prints ✔/✖, counts it in `totals`, and says whether it passed. */
export function stepCounter() {
  const totals = { passed: 0, failed: 0 };
  const step = async (title, work) => {
    try {
      await work();
      totals.passed++;
      console.log(`  ✔ ${title}`);
      return true;
    } catch (error) {
      totals.failed++;
      console.log(`  ✖ ${title}\n      ${String(error?.stack ?? error).split('\n').join('\n      ')}`);
      return false;
    }
  };
  return { totals, step };
}

/** A temporary workspace (with `files` written into it) plus user-data and extensions folders. */
export function scratchWorkspace(prefix, files = {}) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), `dwb-${prefix}-`));
  const workspace = path.join(scratch, 'workspace');
  fs.mkdirSync(workspace);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(workspace, name)), { recursive: true });
    fs.writeFileSync(path.join(workspace, name), text);
  }
  return {
    scratch,
    workspace,
    userDataDir: path.join(scratch, 'user-data'),
    extensionsDir: path.join(scratch, 'extensions'),
    remove: () => fs.rmSync(scratch, { recursive: true, force: true }),
  };
}

/** Opens the workspace in a new page and waits until the workbench has finished restoring. */
export async function openWorkbench(browser, serverUrl, workspace, viewport = { width: 1280, height: 900 }) {
  const page = await browser.newPage({ viewport });
  await page.goto(`${serverUrl}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.waitForTimeout(1500); // let the workbench finish restoring before typing
  return page;
}

/** Runs a command from the command palette by its title. */
export async function runFromPalette(page, command) {
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: command }).first();
  // On a busy machine the palette can open before the extension's commands are known, and it does
  // not filter again by itself: type the text again until the command is listed.
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 15_000 });
  for (let attempt = 1; ; attempt++) {
    await input.fill('>');
    await input.fill(`>${command}`);
    try {
      await row.waitFor({ timeout: 10_000 });
      break;
    } catch (error) {
      if (attempt === 4) throw error;
    }
  }
  await page.waitForTimeout(300); // the list settles after filtering
  // Move the selection to the row with this title (clicking can miss while the list re-renders).
  const focused = page.locator('.quick-input-list .monaco-list-row.focused', { hasText: command });
  for (let i = 0; i < 8 && !(await focused.count()); i++) await page.keyboard.press('ArrowDown');
  if (!(await focused.count())) throw new Error(`"${command}" is not in the command palette`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
}

/**
 * Rests the pointer on `target` (a locator) until `hover` (a locator of the hover it should open)
 * shows, at most `attempts` times: the pointer first leaves, so each attempt starts a new hover
 * (one already under the pointer, e.g. after a click there, opens none). `at` is where on the
 * target's box to rest, measured again each attempt (late content may move it).
 */
export async function hoverUntilShown(page, target, hover, { at = (box) => ({ x: box.x + 12, y: box.y + box.height / 2 }), attempts = 6, away = { x: 900, y: 650 } } = {}) {
  for (let attempt = 0; attempt < attempts; attempt++) {
    await page.mouse.move(away.x, away.y);
    await page.waitForTimeout(300);
    const box = await target.boundingBox();
    if (!box) throw new Error('what to hover is not on screen');
    const { x, y } = at(box);
    await page.mouse.move(x, y);
    await page.mouse.move(x + 2, y);
    if (await hover.waitFor({ timeout: 4_000 }).then(() => true, () => false)) return;
  }
  await hover.waitFor({ timeout: 2_000 });
}

