// End-to-end tier, as a user sees it: the packaged .vsix is installed into code-server, the
// Docker Workbench sidebar is opened in headless Chromium, the test container's name must be
// visible in the Containers view, and a screenshot is saved (look at it).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { REPO, OUTPUT, writeTierResult, clearTierResult } from './tiers.mjs';
import { stepCounter, scratchWorkspace, openWorkbench, saveScreenshot, hoverUntilShown } from './userSession.mjs';
import { installVsix, startCodeServer } from './codeServer.mjs';
import { launchBrowser } from './browser.mjs';
import { withEngine } from './withEngine.mjs';
import { TEST_IMAGE } from '../engine/privateEngine.mjs';
import { runFormScreenshots } from './runFormScreenshot.mjs';
import { chineseHoverScreenshot } from './chineseScreenshot.mjs';
import { grammarScreenshots } from './grammarScreenshot.mjs';
import { walkthroughScreenshots } from './walkthroughScreenshot.mjs';
import { registriesScreenshots } from './registriesScreenshot.mjs';
import { engineStateScreenshots } from './engineStateScreenshot.mjs';
import { swarmScreenshots } from './swarmScreenshot.mjs';

const require = createRequire(import.meta.url);
const VSIX = path.join(REPO, 'dist-vsix', 'docker-workbench.vsix');
const SHOTS = path.join(OUTPUT, 'e2e');

export async function runE2ETier() {
  clearTierResult('e2e');
  if (!fs.existsSync(VSIX)) throw new Error(`${path.relative(REPO, VSIX)} is missing: run npm run package first`);
  fs.mkdirSync(SHOTS, { recursive: true });
  return withEngine((engineHost) => runSteps(engineHost));
}

async function runSteps(engineHost) {
  const { totals, step } = stepCounter();

  const Docker = require('dockerode');
  const docker = new Docker({ socketPath: engineHost.replace(/^unix:\/\//, '') });
  const containerName = `dwb-e2e-web-${process.pid}`;
  // The compose app of the scene, as a file in the workspace (the Compose view shows it).
  const { workspace, userDataDir, extensionsDir, remove } = scratchWorkspace('e2e', {
    'shop/compose.yaml': [
      'services:', '  web:', '    image: dwb-test/busybox', '    command: ["httpd", "-f", "-p", "80"]', '    ports: ["127.0.0.1::80"]', '    volumes: ["data:/data"]',
      '  db:', '    image: dwb-test/busybox', '    command: ["sleep", "3600"]', 'volumes:', '  data: {}', '',
    ].join('\n'),
  });
  let container;
  const made = [];
  let server;
  let browser;
  try {
    console.log('e2e: as a user sees it, with the packaged extension');
    container = await docker.createContainer({ Image: TEST_IMAGE, name: containerName, Cmd: ['sleep', '3600'] });
    await container.start();
    await createScene(docker, made);

    const installed = await step(`the .vsix (${Math.round(fs.statSync(VSIX).size / 1024)} KiB) installs into code-server`, async () => {
      installVsix(VSIX, extensionsDir, userDataDir);
      const dirs = fs.readdirSync(extensionsDir).filter((d) => d.startsWith('docker-workbench.docker-workbench-'));
      if (dirs.length !== 1) throw new Error(`expected the extension in ${extensionsDir}, found ${fs.readdirSync(extensionsDir)}`);
    });
    if (!installed) return totals;

    server = await startCodeServer({
      workspace, userDataDir, extensionsDir,
      env: { DOCKER_HOST: engineHost },
      logFile: path.join(OUTPUT, 'e2e-code-server.log'),
    });
    browser = await launchBrowser();
    const page = await openWorkbench(browser, server.url, workspace, { width: 1280, height: 1000 });

    await step('the Docker Workbench sidebar opens from the activity bar', async () => {
      const tab = page.getByRole('tab', { name: /Docker Workbench/ });
      await tab.waitFor({ timeout: 60_000 });
      await tab.click();
      await page.getByRole('tree', { name: /Containers/ }).first().waitFor({ timeout: 30_000 });
      await page.mouse.move(900, 600); // no hover tooltip over the screenshots
    });

    await step(`the Containers view shows the running test container "${containerName}"`, async () => {
      await page.getByRole('treeitem', { name: new RegExp(containerName) }).first().waitFor({ timeout: 30_000 });
    });

    await step('the compose project groups its services, and volumes and networks are listed', async () => {
      await page.getByRole('treeitem', { name: /^shop/ }).first().waitFor({ timeout: 30_000 });
      await page.getByRole('treeitem', { name: /shop_data/ }).first().waitFor({ timeout: 30_000 });
      await page.getByRole('treeitem', { name: /shop_default/ }).first().waitFor({ timeout: 30_000 });
    });

    await step('a screenshot of the sidebar is saved', async () => {
      await page.waitForTimeout(500); // let the last rows paint
      await saveScreenshot(page, 'sidebar.png');
    });

    await step('the Compose view shows the project from the workspace file with its services and containers', async () => {
      const compose = page.getByRole('tree', { name: /Compose/ }).first();
      await compose.getByRole('treeitem', { name: /^shop/ }).first().waitFor({ timeout: 30_000 });
      await compose.getByRole('treeitem', { name: /^web/ }).first().waitFor({ timeout: 30_000 });
      await saveScreenshot(page, 'compose-view.png', { minBytes: 0 });
    });

    await step('a screenshot with a container expanded (ports, mounts, networks) is saved', async () => {
      await page.getByRole('treeitem', { name: /^web/ }).first().click();
      await page.getByRole('treeitem', { name: /shop_data → \/data/ }).first().waitFor({ timeout: 30_000 });
      await saveScreenshot(page, 'container-expanded.png', { minBytes: 0 });
    });

    await step('hovering a container row shows its summary (made on hover, through resolveTreeItem)', async () => {
      const row = page.getByRole('treeitem', { name: /^web/ }).first();
      const hover = page.locator('.workbench-hover, .monaco-hover:not(.hidden)').filter({ hasText: /Image: dwb-test\/busybox/ }).first();
      await hoverUntilShown(page, row, hover, { at: (box) => ({ x: box.x + 40, y: box.y + box.height / 2 }), away: { x: 900, y: 600 } }).catch(async (error) => {
        throw new Error(`no container summary on hover; hovers shown: ${JSON.stringify(await page.locator('.workbench-hover, .monaco-hover').allInnerTexts())} (${error.message})`);
      });
      const text = await hover.innerText();
      if (!/Mount \(volume\): shop_data → \/data/.test(text)) throw new Error(`the hover lacks the mount: ${text}`);
      await saveScreenshot(page, 'container-tooltip.png', { minBytes: 0 });
      await page.mouse.move(900, 600);
    });
  } catch (error) {
    totals.failed++;
    console.log(`  ✖ e2e setup failed: ${error?.stack ?? error}`);
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    await container?.remove({ force: true }).catch(() => undefined);
    for (const undo of made.reverse()) await undo().catch(() => undefined);
    remove();
  }
  return totals;
}

/** What a user typically has: a compose app (web + db) with a volume and its network, plus a stopped container. */
async function createScene(docker, made) {
  const network = await docker.createNetwork({ Name: 'shop_default', Labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.network': 'default' } });
  made.push(() => network.remove());
  await docker.createVolume({ Name: 'shop_data', Labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.volume': 'data' } });
  made.push(() => docker.getVolume('shop_data').remove());
  const service = async (name, extra) => {
    const c = await docker.createContainer({
      Image: TEST_IMAGE, name: `shop-${name}-1`,
      Labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': name },
      HostConfig: { NetworkMode: 'shop_default', ...extra.HostConfig },
      NetworkingConfig: { EndpointsConfig: { shop_default: { Aliases: [name] } } },
      ...extra.top,
    });
    made.push(() => c.remove({ force: true }));
    await c.start();
  };
  await service('web', {
    top: { Cmd: ['httpd', '-f', '-p', '80'], ExposedPorts: { '80/tcp': {} } },
    HostConfig: { PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] }, Binds: ['shop_data:/data'] },
  });
  await service('db', { top: { Cmd: ['sleep', '3600'] }, HostConfig: {} });
  const stopped = await docker.createContainer({ Image: TEST_IMAGE, name: 'one-off-job', Cmd: ['sh', '-c', 'exit 3'] });
  made.push(() => stopped.remove({ force: true }));
  await stopped.start();
  await stopped.wait();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let totals = { passed: 0, failed: 1 };
  try {
    totals = await runE2ETier();
    // The run form as a user sees it (its own code-server window, same engine).
    console.log('e2e: the run form');
    const form = await runFormScreenshots();
    totals = { passed: totals.passed + form.passed, failed: totals.failed + form.failed };
    // More of what a person sees, each in its own code-server window: a hover in Simplified
    // Chinese, the grammar's colours, the walkthrough, the Registries view, a container's time a
    // minute later and the views when the engine cannot be reached, the Swarm view.
    for (const [title, run] of [['Simplified Chinese', chineseHoverScreenshot], ['the grammar', grammarScreenshots], ['the walkthrough', walkthroughScreenshots], ['the Registries view', registriesScreenshots], ['times that stay true and the engine-down state', engineStateScreenshots], ['the Swarm view', swarmScreenshots]]) {
      console.log(`e2e: ${title}`);
      try {
        const part = await run();
        totals = { passed: totals.passed + part.passed, failed: totals.failed + part.failed };
      } catch (error) {
        console.error(`e2e (${title}): ${error?.stack ?? error}`);
        totals = { ...totals, failed: totals.failed + 1 };
      }
    }
  } catch (error) {
    console.error(`e2e: ${error.stack ?? error}`);
  }
  writeTierResult('e2e', totals);
  console.log(`e2e: ${totals.passed} passed, ${totals.failed} failed`);
  process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
}
