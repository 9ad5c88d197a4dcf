// From opening the Docker Workbench sidebar to its first container rows drawn, in a real VS Code
// (code-server 1.100 in headless Chromium) against a private engine with 1,000 containers (created,
// not started) and 300 images. Each run is a fresh code-server (fresh user data, so nothing is
// restored). The extension activates when the window has started (onStartupFinished), so it is
// usually active before the click; runs where it was not are reported in a table of their own. The
// page records when the click happened and when the first container row was on screen (polled
// every animation frame); a probe in the extension host reports when each step between happened
// there (bench/probes/sidebarProbe.ts). Needs root (private engine) and a build (npm run build).
// RUNS=… CONTAINERS=… IMAGES=… CLICK_AFTER_MS=… to vary; COMPARE=… below.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Dockerode from 'dockerode';
import { REPO, OUTPUT } from '../test/harness/tiers.mjs';
import { bundleForExtensionHost } from '../test/harness/buildTests.mjs';
import { startCodeServer } from '../test/harness/codeServer.mjs';
import { launchBrowser, payloadUrl } from '../test/harness/browser.mjs';
import { startPrivateEngine } from '../test/engine/privateEngine.mjs';
import { populate } from './lib/populate.mjs';
import { activatedOnDemandCopy } from './lib/onDemandCopy.mjs';
import { floorExtension } from './lib/floorExtension.mjs';

const RUNS = Number(process.env.RUNS || 5);
// COMPARE=1: every other run uses a copy of the extension whose manifest lacks onStartupFinished
// (activated by the click, as before 2026-12-04), so both ways are measured in one session.
// COMPARE=floor: every other run uses VS Code's floor instead (bench/lib/floorExtension.mjs: the
// same sidebar and views, rows ready at once, no engine), to show what VS Code alone takes.
// COMPARE=<folder>: every other run uses the extension in that folder (e.g. another build).
const COMPARE = process.env.COMPARE;
const CONTAINERS = Number(process.env.CONTAINERS || 1000);
const IMAGES = Number(process.env.IMAGES || 300);
// How long after the Docker Workbench tab appears the click comes (ms). The extension warms up a
// local engine 1.5 s after it activates; the runs where that was done by the click get a table of their own.
const CLICK_AFTER_MS = Number(process.env.CLICK_AFTER_MS || 2000);
if (!fs.existsSync(path.join(REPO, 'dist', 'extension.js'))) {
  console.error('dist/extension.js is missing: run npm run build first');
  process.exit(1);
}
const outdir = path.join(REPO, 'out', 'bench');
await bundleForExtensionHost([path.join(REPO, 'bench', 'probes', 'sidebarProbe.ts')], outdir);
fs.mkdirSync(OUTPUT, { recursive: true });

/** JSON lines the probe appends, read as they come. */
function follow(file) {
  let offset = 0;
  let pending = '';
  const events = [];
  return {
    async until(type, deadlineMs = 120_000) {
      const deadline = Date.now() + deadlineMs;
      for (;;) {
        if (fs.existsSync(file)) {
          const text = fs.readFileSync(file, 'utf8');
          pending += text.slice(offset);
          offset = text.length;
          const lines = pending.split('\n');
          pending = lines.pop();
          for (const line of lines) events.push(JSON.parse(line));
        }
        const found = events.find((e) => e.type === type);
        if (found) {
          events.splice(events.indexOf(found), 1);
          return found;
        }
        const error = events.find((e) => e.type === 'error');
        if (error) throw new Error(error.error);
        if (Date.now() > deadline) throw new Error(`the probe did not report "${type}"`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}

const onDemand = COMPARE === '1' ? activatedOnDemandCopy() : COMPARE === 'floor' ? floorExtension() : undefined;
const other = onDemand?.folder ?? (COMPARE ? path.resolve(COMPARE) : undefined);

async function oneRun(engineHost, run, extensionPath = REPO) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-bench-sidebar-'));
  const workspace = path.join(scratch, 'workspace');
  fs.mkdirSync(workspace);
  const results = path.join(scratch, 'results.jsonl');
  const signal = path.join(scratch, 'rows-seen');
  const server = await startCodeServer({
    workspace,
    userDataDir: path.join(scratch, 'user-data'),
    extensionsDir: path.join(scratch, 'extensions'),
    env: { DOCKER_HOST: engineHost, DWB_TEST_RESULTS: results, DWB_SIDEBAR_SIGNAL: signal },
    logFile: path.join(OUTPUT, 'bench-sidebar-code-server.log'),
  });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const probe = follow(results);
    await page.goto(payloadUrl({ port: server.port, folder: workspace, extensionPath, testsPath: path.join(outdir, 'sidebarProbe.js') }));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await probe.until('ready');
    const tab = page.getByRole('tab', { name: /Docker Workbench/ });
    await tab.waitFor({ timeout: 30_000 });
    // The workbench finishes restoring before the click (and VS Code activates the extension once
    // the window has started: onStartupFinished; 1.5 s later a local engine is warmed up).
    await page.waitForTimeout(CLICK_AFTER_MS);
    await page.evaluate(() => {
      document.addEventListener('mousedown', () => { window.__dwbClickAt ??= performance.timeOrigin + performance.now(); }, { capture: true, once: true });
    });
    await tab.click();
    const seen = await page.waitForFunction(() => {
      const tree = [...document.querySelectorAll('[role="tree"]')].find((t) => /Containers/.test(t.getAttribute('aria-label') ?? ''));
      const row = tree?.querySelector('[role="treeitem"]');
      return row && /bench-|benchproject/.test(row.textContent ?? '') ? performance.timeOrigin + performance.now() : false;
    }, null, { polling: 'raf', timeout: 60_000 });
    const rowsSeenAt = await seen.jsonValue();
    const clickAt = await page.evaluate(() => window.__dwbClickAt);
    fs.writeFileSync(signal, String(run));
    const measure = await probe.until('measure');
    await probe.until('end');
    return { clickAt, rowsSeenAt, ...measure };
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

const engine = await startPrivateEngine();
const samples = [];
try {
  const docker = new Dockerode({ socketPath: engine.socketPath });
  const made = await populate(docker, { containers: CONTAINERS, images: IMAGES });
  console.log(`engine: ${CONTAINERS} containers (${Math.round(made.containersMs / 1000)} s), ${IMAGES} images (${Math.round(made.imagesMs / 1000)} s)`);
  for (let run = 1; run <= RUNS; run++) {
    try {
      const extensionPath = other && run % 2 === 0 ? other : REPO;
      samples.push({ ...(await oneRun(engine.host, run, extensionPath)), build: extensionPath === REPO ? 'this build' : `COMPARE=${COMPARE}` });
    } catch (error) {
      console.error(`run ${run}: ${error?.stack ?? error}`);
    }
  }
} finally {
  await engine.stop();
  onDemand?.remove();
}

// Since 2026-12-04 VS Code activates the extension once the window has started (onStartupFinished),
// so by the click it is usually active: the click's path starts at the view being asked for rows.
const activeBefore = (s) => s.activation.endedAt < s.clickAt;
// Since 2026-12-04 afternoon a local engine is warmed up 1.5 s after activation (EngineModel.warmUp):
// when its first page is in before the click, the view answers with it at once.
const warmBefore = (s) => activeBefore(s) && s.connection.warmedAt !== undefined && s.connection.previewedAt < s.clickAt;

// Each part, from one step to the next (all times are epoch milliseconds on this machine's clock).
// From the connection's start to the rows on screen, the same whichever way the extension activated.
const connectionParts = [
  ['engine connect (loads dockerode, subscribes to /events)', (s) => s.connection.subscribedAt - s.connection.startedAt],
  // With a first page (model.previewing) the rows come from it; else from the full lists.
  // Asked beside the subscription (not after it): timed from the connection's start.
  ['first page of containers (newest 100, running 100), from the connection\'s start', (s) => s.connection.previewedAt - s.connection.startedAt],
  ['first full list (containers, images, volumes, networks)', (s) => s.connection.listedAt - s.connection.subscribedAt],
  // Since 2026-12-03 17:55 the view's first ask waits for the page and answers at once (before: VS Code was asked to refresh, then asked again).
  ['the model has the rows → the view answers with them', (s) => s.containersView.rowsAt - (s.connection.previewedAt ?? s.connection.listedAt)],
  ['→ VS Code asks for the first TreeItem', (s) => s.containersView.firstItemAt - s.containersView.rowsAt],
  ['TreeItems for those rows', (s) => s.containersView.itemsDoneAt - s.containersView.firstItemAt],
  ['→ drawn in the page', (s) => s.rowsSeenAt - s.containersView.itemsDoneAt],
  ['total: click → first container rows on screen', (s) => s.rowsSeenAt - s.clickAt],
];
const activeParts = [
  ['(at start-up, before the click) loading dist/extension.js', (s) => s.vscode.didLoadExtensionCode - s.vscode.willLoadExtensionCode],
  ['(at start-up, before the click) activate()', (s) => s.activation.endedAt - s.activation.startedAt],
  ['click → the Containers view is asked for rows', (s) => s.containersView.requestedAt - s.clickAt],
  ['click → the connection starts (the view shown)', (s) => s.connection.startedAt - s.clickAt],
  ...connectionParts,
];
const warmParts = [
  ['(before the click) warm-up → its first page in', (s) => s.connection.previewedAt - s.connection.warmedAt],
  ['click → the Containers view is asked for rows', (s) => s.containersView.requestedAt - s.clickAt],
  ['→ the view answers with rows (from the warm model)', (s) => s.containersView.rowsAt - s.containersView.requestedAt],
  ...connectionParts.slice(-4),
  ['click → the full lists are in (after the first rows)', (s) => s.connection.listedAt - s.clickAt],
];
const coldParts = [
  ['click → VS Code starts loading the extension', (s) => s.vscode.willLoadExtensionCode - s.clickAt],
  ['loading dist/extension.js', (s) => s.vscode.didLoadExtensionCode - s.vscode.willLoadExtensionCode],
  ['VS Code prepares the extension context', (s) => s.activation.startedAt - s.vscode.didLoadExtensionCode],
  ['activate()', (s) => s.activation.endedAt - s.activation.startedAt],
  ['→ the Containers view is asked for rows', (s) => s.containersView.requestedAt - s.activation.endedAt],
  // The model connects when a view is shown (or first asked for rows, whichever VS Code does first).
  ['activate() → the connection starts', (s) => s.connection.startedAt - s.activation.endedAt],
  ...connectionParts,
];
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
console.log(`\n${samples.length} of ${RUNS} runs; first rows: ${samples.map((s) => s.containersView.rows).join(', ')} rows; features bundle loaded by then: ${samples.filter((s) => s.featuresLoaded).length} of ${samples.length}`);
function table(title, group, parts) {
  if (group.length === 0) return;
  console.log(`\n${title}: ${group.length} run(s)`);
  console.log(`${'part'.padEnd(60)}${'median'.padStart(9)}${'min'.padStart(9)}${'max'.padStart(9)}   (ms)`);
  for (const [label, of] of parts) {
    const values = group.map(of).filter((v) => Number.isFinite(v));
    if (values.length === 0) continue;
    console.log(`${label.padEnd(60)}${median(values).toFixed(1).padStart(9)}${Math.min(...values).toFixed(1).padStart(9)}${Math.max(...values).toFixed(1).padStart(9)}`);
  }
}
// The floor answers as soon as it is asked (its rowsAt is its requestedAt).
const floorParts = [['click → the Containers view is asked for rows', (s) => s.containersView.requestedAt - s.clickAt], ...connectionParts.slice(-4)];
table('VS Code\'s floor (the same sidebar, rows ready at once, no engine)', samples.filter((s) => s.floor), floorParts);
for (const build of new Set(samples.filter((s) => !s.floor).map((s) => s.build))) {
  const ofBuild = samples.filter((s) => s.build === build);
  table(`${build}, active and warmed up before the click`, ofBuild.filter(warmBefore), warmParts);
  table(`${build}, active before the click (activated when the window started), not warmed up`, ofBuild.filter((s) => activeBefore(s) && !warmBefore(s)), activeParts);
  table(`${build}, activated by the click`, ofBuild.filter((s) => !activeBefore(s)), coldParts);
}
if (samples.length < RUNS) process.exit(1);
