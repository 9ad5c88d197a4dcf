// The Registries view as a user sees it, for people to look at: a private registry on 127.0.0.1
// (htpasswd) with two repositories pushed by the engine, one tag made multi-platform, a docker
// config logged in to it (as `docker login` leaves it); the packaged .vsix in code-server; the
// Registries view opened and expanded down to the platforms of a tag. Saved to .test-output/e2e/:
//   registries.png  registry → repositories → tags (size · platform · digest) → platforms
// The e2e tier calls registriesScreenshots(); alone: npm run package && node test/harness/registriesScreenshot.mjs
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { OUTPUT } from './tiers.mjs';
import { stepCounter, scratchWorkspace, openWorkbench, VSIX, SHOTS, prepareScreenshots, runAsScript, saveScreenshot } from './userSession.mjs';
import { installVsix, startCodeServer } from './codeServer.mjs';
import { launchBrowser } from './browser.mjs';
import { withEngine } from './withEngine.mjs';
import { TEST_IMAGE } from '../engine/privateEngine.mjs';
import { startPrivateRegistry } from '../registry/privateRegistry.mjs';
import { pushMultiPlatform } from '../registry/multiPlatform.mjs';

const require = createRequire(import.meta.url);
const USER = 'dev';
const PASSWORD = 'e2e-registry-pass';

export async function registriesScreenshots() {
  prepareScreenshots();
  return withEngine((engineHost) => steps(engineHost));
}

async function steps(engineHost) {
  const { totals, step } = stepCounter();
  const Docker = require('dockerode');
  const docker = new Docker({ socketPath: engineHost.replace(/^unix:\/\//, '') });
  const { scratch, workspace, userDataDir, extensionsDir, remove } = scratchWorkspace('registries');
  const made = [];
  let registry;
  let server;
  let browser;
  try {
    console.log('registries: the Registries view with the packaged extension');
    registry = await startPrivateRegistry({ users: { [USER]: PASSWORD } });
    const authconfig = { username: USER, password: PASSWORD, serveraddress: registry.host };
    // Two repositories as a small team would have them: a web app with a few versions, a database.
    const push = async (repository, tag, variant) => {
      const repo = `${registry.host}/${repository}`;
      if (variant) {
        const base = await docker.createContainer({ Image: TEST_IMAGE, Cmd: ['true'] });
        await base.commit({ repo, tag, changes: [`LABEL org.opencontainers.image.version=${variant}`] });
        await base.remove();
      } else {
        await docker.getImage(TEST_IMAGE).tag({ repo, tag });
      }
      made.push(() => docker.getImage(`${repo}:${tag}`).remove({ force: true }));
      const stream = await docker.getImage(`${repo}:${tag}`).push({ tag, authconfig });
      const output = await new Promise((resolve, reject) => docker.modem.followProgress(stream, (e, r) => (e ? reject(e) : resolve(r))));
      const failed = output.find((o) => o.error);
      if (failed) throw new Error(`pushing ${repo}:${tag}: ${failed.error}`);
    };
    await push('shop/web', '1.0', '1.0');
    await push('shop/web', '1.1', '1.1');
    await push('shop/db', '15');
    await pushMultiPlatform({ registryUrl: registry.url, user: USER, password: PASSWORD, repository: 'shop/web', from: '1.1', tag: 'latest' });
    // What `docker login 127.0.0.1:PORT` leaves in the docker config.
    const dockerConfig = path.join(scratch, 'docker-config');
    fs.mkdirSync(dockerConfig, { recursive: true });
    fs.writeFileSync(path.join(dockerConfig, 'config.json'), JSON.stringify({ auths: { [registry.host]: { auth: Buffer.from(`${USER}:${PASSWORD}`).toString('base64') } } }, null, '\t'), { mode: 0o600 });

    const installed = await step('the .vsix installs into code-server', async () => installVsix(VSIX, extensionsDir, userDataDir));
    if (!installed) return totals;
    server = await startCodeServer({
      workspace, userDataDir, extensionsDir,
      env: { DOCKER_HOST: engineHost, DOCKER_CONFIG: dockerConfig },
      logFile: path.join(OUTPUT, 'registries-code-server.log'),
    });
    browser = await launchBrowser();
    const page = await openWorkbench(browser, server.url, workspace, { width: 1280, height: 860 });

    const opened = await step('the Registries view opens in the Docker Workbench sidebar with the registry from the docker config', async () => {
      const tab = page.getByRole('tab', { name: /Docker Workbench/ });
      await tab.waitFor({ timeout: 60_000 });
      await tab.click();
      await page.locator('.pane-header', { hasText: 'Registries' }).first().waitFor({ timeout: 30_000 });
      // Give the Registries view the room, as a user would: fold the other views, widen the sidebar.
      // (Registries first: VS Code keeps at least one view of the sidebar open.)
      const header = (name) => page.locator('.pane-header').filter({ hasText: new RegExp(`^${name}`, 'i') }).first();
      // Clicked on the title, away from the view's own buttons.
      if ((await header('Registries').getAttribute('aria-expanded')) !== 'true') await header('Registries').click({ position: { x: 30, y: 10 } });
      for (const name of ['Containers', 'Compose', 'Images', 'Volumes', 'Networks', 'Engines']) {
        if ((await header(name).getAttribute('aria-expanded')) === 'true') await header(name).click({ position: { x: 30, y: 10 } });
        await page.locator('.pane-header[aria-expanded="false"]').filter({ hasText: new RegExp(`^${name}`, 'i') }).first().waitFor({ timeout: 10_000 })
          .catch(async (error) => {
            await page.screenshot({ path: path.join(SHOTS, 'registries-failed.png') });
            throw error;
          });
      }
      const sidebar = await page.locator('.part.sidebar').boundingBox();
      await page.mouse.move(sidebar.x + sidebar.width, 400);
      await page.mouse.down();
      await page.mouse.move(640, 400, { steps: 8 });
      await page.mouse.up();
      await page.getByRole('treeitem', { name: new RegExp(registry.host.replace(/\./g, '\\.')) }).first().waitFor({ timeout: 30_000 });
    });
    if (!opened) return totals;

    await step('expanding shows the repositories, the tags with size, platform and digest, and the platforms of a multi-platform tag', async () => {
      const tree = page.getByRole('tree', { name: /Registries/ }).first();
      await tree.getByRole('treeitem', { name: new RegExp(registry.host.replace(/\./g, '\\.')) }).first().click();
      await tree.getByRole('treeitem', { name: /shop\/web/ }).first().click();
      await tree.getByRole('treeitem', { name: /^1\.0/ }).first().waitFor({ timeout: 30_000 });
      // Wait until every tag row has its details (no "…" left).
      await page.waitForFunction(() => {
        const rows = [...document.querySelectorAll('.monaco-list-row .label-description')];
        return rows.length > 0 && rows.every((r) => !r.textContent.includes('…'));
      }, undefined, { timeout: 30_000 });
      await tree.getByRole('treeitem', { name: /^latest/ }).first().click();
      await tree.getByRole('treeitem', { name: /linux\/arm64\/v8/ }).first().waitFor({ timeout: 30_000 });
      await tree.getByRole('treeitem', { name: /shop\/db/ }).first().click();
      await tree.getByRole('treeitem', { name: /^15/ }).first().waitFor({ timeout: 30_000 });
      await page.mouse.move(900, 600); // no hover tooltip over the screenshot
    });

    await step('a screenshot of the Registries view is saved (.test-output/e2e/registries.png)', async () => {
      await page.waitForFunction(() => [...document.querySelectorAll('.monaco-list-row .label-description')].every((r) => !r.textContent.includes('…')), undefined, { timeout: 30_000 });
      await page.waitForTimeout(400); // let the last rows paint
      await saveScreenshot(page, 'registries.png');
    });
  } catch (error) {
    totals.failed++;
    console.log(`  ✖ registries setup failed: ${error?.stack ?? error}`);
  } finally {
    await browser?.close().catch(() => undefined);
    server?.stop();
    for (const undo of made.reverse()) await undo().catch(() => undefined);
    await registry?.stop();
    remove();
  }
  return totals;
}

if (import.meta.url === `file://${process.argv[1]}`) await runAsScript('registries', registriesScreenshots);
