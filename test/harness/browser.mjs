// Debian's Chromium driven by playwright-core (never a downloaded browser). The flags keep it
// from reaching for the network, which is closed here.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function chromiumPath() {
  return process.env.DWB_CHROMIUM || CHROMIUM_CANDIDATES.find((p) => fs.existsSync(p));
}

export async function launchBrowser() {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('no Chromium found: apt-get install -y chromium (or set DWB_CHROMIUM)');
  const { chromium } = require('playwright-core');
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** The code-server URL that opens `folder` with this extension under development and, optionally, runs a test module. */
export function payloadUrl({ port, folder, extensionPath, testsPath }) {
  const authority = `127.0.0.1:${port}`;
  const payload = [['extensionDevelopmentPath', `vscode-remote://${authority}${extensionPath}`]];
  if (testsPath) payload.push(['extensionTestsPath', `vscode-remote://${authority}${testsPath}`]);
  return `http://${authority}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}
