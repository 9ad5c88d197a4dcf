// The Swarm view as a user sees it, for people to look at: the test engine becomes a single-node
// swarm (advertised on 127.0.0.1, listening on a free loopback port), a stack "shop" of two
// services (web with two replicas and a published port, worker) with a secret and a config is
// created, the packaged .vsix is opened in code-server, and .test-output/e2e/swarm-view.png is
// saved with the services, a service's tasks, the node and the secret visible. Afterwards the
// stack goes and the engine leaves the swarm, as it was.
// Run after `npm run package`: node test/harness/swarmScreenshot.mjs
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { OUTPUT } from './tiers.mjs';
import { stepCounter, scratchWorkspace, openWorkbench, VSIX, prepareScreenshots, saveScreenshot } from './userSession.mjs';
import { installVsix, startCodeServer } from './codeServer.mjs';
import { launchBrowser } from './browser.mjs';
import { withEngine } from './withEngine.mjs';
import { TEST_IMAGE } from '../engine/privateEngine.mjs';
import { freePort } from './freePort.mjs';

const require = createRequire(import.meta.url);
const STACK = 'shop';

export async function swarmScreenshots() {
  prepareScreenshots();
  return withEngine((engineHost) => steps(engineHost));
}

/** A swarm on the engine; resolves to the function that undoes it. */
async function makeSwarm(docker, engineHost) {
  const undo = [];
  // Swarm makes a host bridge named docker_gwbridge; made first under this engine's own name, it is used as is.
  if (!(await docker.listNetworks({ filters: { name: ['docker_gwbridge'] } })).some((n) => n.Name === 'docker_gwbridge')) {
    const root = path.dirname(engineHost.replace(/^unix:\/\//, ''));
    const bridge = fs.existsSync(path.join(root, 'bridge')) ? fs.readFileSync(path.join(root, 'bridge'), 'utf8').trim() : 'dwbe2e';
    await docker.createNetwork({
      Name: 'docker_gwbridge',
      Driver: 'bridge',
      Options: { 'com.docker.network.bridge.name': `${bridge}gw`.slice(0, 15), 'com.docker.network.bridge.enable_icc': 'false', 'com.docker.network.bridge.enable_ip_masquerade': 'false' },
    });
    undo.push(() => docker.getNetwork('docker_gwbridge').remove());
  }
  const address = `127.0.0.1:${await freePort()}`;
  await docker.swarmInit({ ListenAddr: address, AdvertiseAddr: address });
  undo.push(() => docker.swarmLeave({ force: true }));
  const labels = { 'com.docker.stack.namespace': STACK };
  const network = await docker.createNetwork({ Name: `${STACK}_default`, Driver: 'overlay', Labels: labels });
  const secret = await docker.createSecret({ Name: `${STACK}_db_password`, Labels: labels, Data: Buffer.from('not shown anywhere').toString('base64') });
  const config = await docker.createConfig({ Name: `${STACK}_nginx_conf`, Labels: labels, Data: Buffer.from('listen 8080;').toString('base64') });
  const service = (name, replicas, command, extra = {}) => docker.createService({
    Name: `${STACK}_${name}`,
    Labels: labels,
    TaskTemplate: {
      ContainerSpec: { Image: TEST_IMAGE, Command: command, StopGracePeriod: 1_000_000_000, ...extra.container },
      Networks: [{ Target: network.id, Aliases: [name] }],
    },
    Mode: { Replicated: { Replicas: replicas } },
    ...extra.service,
  });
  await service('web', 2, ['httpd', '-f', '-p', '8080'], { service: { EndpointSpec: { Ports: [{ Protocol: 'tcp', TargetPort: 8080, PublishedPort: 18080, PublishMode: 'ingress' }] } } });
  undo.push(async () => {
    for (const s of await docker.listServices({ filters: { label: [`com.docker.stack.namespace=${STACK}`] } })) await docker.getService(s.ID).remove();
    await network.remove().catch(() => undefined);
    await docker.getSecret(secret.id).remove().catch(() => undefined);
    await docker.getConfig(config.id).remove().catch(() => undefined);
  });
  await service('worker', 1, ['sleep', '3600'], {
    container: {
      Secrets: [{ SecretID: secret.id, SecretName: `${STACK}_db_password`, File: { Name: 'db_password', UID: '0', GID: '0', Mode: 0o400 } }],
      Configs: [{ ConfigID: config.id, ConfigName: `${STACK}_nginx_conf`, File: { Name: '/nginx.conf', UID: '0', GID: '0', Mode: 0o444 } }],
    },
  });
  return async () => {
    for (const step of undo.reverse()) await step().catch(() => undefined);
  };
}

async function steps(engineHost) {
  const { totals, step } = stepCounter();
  const Docker = require('dockerode');
  const docker = new Docker({ socketPath: engineHost.replace(/^unix:\/\//, '') });
  const { workspace, userDataDir, extensionsDir, remove } = scratchWorkspace('swarm');
  let undoSwarm;
  let server;
  let browser;
  try {
    console.log('swarm: a screenshot of the Swarm view with the packaged extension');
    const made = await step('the test engine becomes a single-node swarm with a two-service stack', async () => {
      undoSwarm = await makeSwarm(docker, engineHost);
      const deadline = Date.now() + 120_000;
      for (;;) {
        const tasks = await docker.listTasks({ filters: { 'desired-state': ['running'] } });
        if (tasks.filter((t) => t.Status?.State === 'running').length >= 3) break;
        if (Date.now() > deadline) throw new Error(`tasks: ${tasks.map((t) => t.Status?.State).join(', ')}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    });
    if (!made) return totals;
    installVsix(VSIX, extensionsDir, userDataDir);
    server = await startCodeServer({ workspace, userDataDir, extensionsDir, env: { DOCKER_HOST: engineHost }, logFile: path.join(OUTPUT, 'swarm-code-server.log') });
    browser = await launchBrowser();
    const page = await openWorkbench(browser, server.url, workspace, { width: 1280, height: 960 });

    const opened = await step('the Swarm view opens in the Docker Workbench sidebar', async () => {
      const tab = page.getByRole('tab', { name: /Docker Workbench/ });
      await tab.waitFor({ timeout: 60_000 });
      await tab.click();
      await page.getByRole('tree', { name: /Containers/ }).first().waitFor({ timeout: 30_000 });
      // Room for the Swarm view: open it first (VS Code keeps one view open), then fold the others.
      const headers = page.locator('.pane-header');
      const toggle = async (wantedOpen) => {
        for (let i = 0; i < (await headers.count()); i++) {
          const header = headers.nth(i);
          const title = (await header.innerText()).trim().split('\n')[0].toLowerCase();
          const open = (await header.getAttribute('aria-expanded')) === 'true';
          const isSwarm = title === 'swarm';
          if (isSwarm !== wantedOpen || !['containers', 'compose', 'images', 'volumes', 'networks', 'engines', 'swarm'].includes(title)) continue;
          if (open !== wantedOpen) {
            await header.click();
            await page.waitForTimeout(300);
          }
        }
      };
      await toggle(true);
      await toggle(false);
      // A wider sidebar, so descriptions are not cut: drag the sash at its right edge.
      const box = await page.locator('.part.sidebar').boundingBox();
      if (box) {
        await page.mouse.move(box.x + box.width + 1, box.y + 300);
        await page.mouse.down();
        await page.mouse.move(box.x + 700, box.y + 300, { steps: 8 });
        await page.mouse.up();
      }
      await page.getByRole('tree', { name: /Swarm/ }).first().waitFor({ timeout: 30_000 });
    });
    if (!opened) return totals;

    await step('the view lists the node, the stack with its services at their replica counts, and a service\'s tasks', async () => {
      const tree = page.getByRole('tree', { name: /Swarm/ }).first();
      // Rows carry the label and the description; match on their text.
      const row = (text) => tree.locator('.monaco-list-row', { hasText: text }).first();
      await row(/manager · active · ready · leader/).waitFor({ timeout: 60_000 });
      await row(/shop_web\s*replicated 2\/2/).waitFor({ timeout: 60_000 });
      await row(/shop_worker\s*replicated 1\/1/).waitFor({ timeout: 60_000 });
      await row(/shop_web\s*replicated/).click();
      await row(/shop_web\.2/).waitFor({ timeout: 30_000 });
      await row(/^\s*Secrets/).click();
      await row(/shop_db_password/).waitFor({ timeout: 30_000 });
      // No hover tooltip over the screenshot.
      await page.mouse.move(900, 600);
      await page.waitForTimeout(1500);
    });

    await step('a screenshot of the Swarm view is saved', async () => {
      await page.waitForTimeout(500); // let the last rows paint
      await saveScreenshot(page, 'swarm-view.png');
    });
  } catch (error) {
    totals.failed++;
    console.log(`  ✖ swarm screenshot failed: ${error?.stack ?? error}`);
  } finally {
    await browser?.close().catch(() => undefined);
    server?.stop();
    await undoSwarm?.();
    remove();
  }
  return totals;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const totals = await swarmScreenshots();
  console.log(`swarm screenshots: ${totals.passed} passed, ${totals.failed} failed`);
  process.exit(totals.failed > 0 ? 1 : 0);
}
