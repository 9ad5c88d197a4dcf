// code-server (VS Code 1.100 served to a browser) for tests and `npm start` on machines without
// a desktop VS Code. It is installed once into a cache folder outside the repository and reused.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from './freePort.mjs';

export const CODE_SERVER_VERSION = '4.100.3'; // VS Code 1.100.3, the newest release that runs on Node 20
const RIPGREP_VERSION = '1.15.11';
const RIPGREP_ASSET = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

const log = (...args) => console.log('[code-server]', ...args);

export function cacheDir() {
  return process.env.DWB_CACHE_DIR || path.join(os.homedir(), '.cache', 'docker-workbench');
}

function installDir() {
  return path.join(cacheDir(), `code-server-${CODE_SERVER_VERSION}`);
}

export function codeServerBin() {
  return path.join(installDir(), 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

export function codeServerInstalled() {
  return fs.existsSync(path.join(installDir(), '.installed')) && fs.existsSync(codeServerBin());
}

/** Installs code-server into the cache when it is not there yet; returns the entry script. */
export function ensureCodeServer() {
  const dir = installDir();
  const marker = path.join(dir, '.installed');
  if (codeServerInstalled()) return codeServerBin();

  if (!fs.existsSync('/usr/include/gssapi/gssapi.h') && !fs.existsSync('/usr/include/gssapi.h')) {
    throw new Error('code-server needs the Kerberos headers to build: apt-get install -y libkrb5-dev');
  }
  const rg = ['/usr/bin/rg', '/usr/local/bin/rg'].find((p) => fs.existsSync(p));
  if (!rg) throw new Error('code-server needs ripgrep offline: apt-get install -y ripgrep');

  // @vscode/ripgrep's install step downloads a binary; it first looks in this cache, so put
  // Debian's rg there and nothing is downloaded.
  const rgCache = path.join(process.env.TMPDIR || os.tmpdir(), `vscode-ripgrep-cache-${RIPGREP_VERSION}`);
  const asset = path.join(rgCache, RIPGREP_ASSET);
  if (!fs.existsSync(asset)) {
    fs.mkdirSync(rgCache, { recursive: true });
    const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-rg-'));
    fs.copyFileSync(rg, path.join(staging, 'rg'));
    fs.chmodSync(path.join(staging, 'rg'), 0o755);
    const tar = spawnSync('tar', ['-czf', asset, '-C', staging, 'rg'], { stdio: 'inherit' });
    fs.rmSync(staging, { recursive: true, force: true });
    if (tar.status !== 0) throw new Error('could not stage ripgrep for code-server');
  }

  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'dwb-code-server-cache', private: true }));
  log(`installing code-server ${CODE_SERVER_VERSION} into ${dir} (about a minute, once)`);
  const started = Date.now();
  const npm = spawnSync(
    'npm',
    ['install', '--unsafe-perm', '--no-audit', '--no-fund', '--no-save', '--loglevel=error', `code-server@${CODE_SERVER_VERSION}`],
    { cwd: dir, stdio: 'inherit', env: { ...process.env, npm_config_yes: 'true' } },
  );
  if (npm.status !== 0 || !fs.existsSync(codeServerBin())) {
    throw new Error(`installing code-server failed (npm exit ${npm.status}); see the output above`);
  }
  fs.writeFileSync(marker, new Date().toISOString());
  log(`installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return codeServerBin();
}

/**
 * Starts code-server on 127.0.0.1 with its own user-data and extensions folders.
 * `locale` (e.g. 'zh-cn') sets VS Code's display language, which is what `vscode.env.language`
 * reports to extensions. `restricted` turns Workspace Trust on without asking, so the workspace
 * (never trusted before) opens in Restricted Mode. Resolves to { port, url, process, stop() } once
 * it answers HTTP.
 */
export async function startCodeServer({ workspace, userDataDir, extensionsDir, env = {}, settings, port, logFile, locale, restricted = false }) {
  const entry = ensureCodeServer();
  port ??= await freePort();
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'security.workspace.trust.enabled': restricted,
      ...(restricted ? { 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'never' } : {}),
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'workbench.tips.enabled': false,
      'workbench.welcomePage.walkthroughs.openOnInstall': false,
      ...settings,
    }, null, 2),
  );
  if (locale) registerLanguagePack(userDataDir, locale.toLowerCase());
  const out = logFile ? fs.openSync(logFile, 'a') : 'ignore';
  const child = spawn(
    process.execPath,
    [entry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
      ...(restricted ? [] : ['--disable-workspace-trust']), '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
      ...(locale ? ['--locale', locale.toLowerCase()] : []), workspace],
    { stdio: ['ignore', out, out], env: { ...process.env, ...env }, detached: true },
  );
  if (typeof out === 'number') fs.closeSync(out);
  const signalGroup = (signal) => {
    try {
      process.kill(-child.pid, signal); // the whole group: code-server and its extension hosts
    } catch {
      // already gone
    }
  };
  const exited = new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', resolve)));
  /**
   * Resolves once code-server has exited and its group is gone, so the caller can remove its
   * folders without a late writer bringing them back (SIGKILL after 5 s).
   */
  const stop = async () => {
    signalGroup('SIGTERM');
    const late = setTimeout(() => signalGroup('SIGKILL'), 5_000);
    await exited;
    clearTimeout(late);
    signalGroup('SIGKILL'); // extension hosts that outlived their parent
    process.removeListener('exit', killOnExit);
  };
  // If the run ends first; removed once stopped, so a run of many code-servers keeps no listeners.
  const killOnExit = () => signalGroup('SIGKILL');
  process.once('exit', killOnExit);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode} before serving`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error('code-server did not answer within 60 s');
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { port, url, process: child, stop };
}

/**
 * VS Code switches its display language only when a language pack for it is installed; without
 * one `--locale` falls back to English. Offline there is no pack to install, so this registers an
 * empty one in the user-data folder (as installing a pack would): VS Code's own texts stay
 * English, but `vscode.env.language` is the locale and extensions use their bundles for it.
 */
function registerLanguagePack(userDataDir, locale) {
  const registry = path.join(userDataDir, 'languagepacks.json');
  const packs = fs.existsSync(registry) ? JSON.parse(fs.readFileSync(registry, 'utf8')) : {};
  if (packs[locale]) return;
  const translations = path.join(userDataDir, 'dwb-language-packs', locale, 'main.i18n.json');
  fs.mkdirSync(path.dirname(translations), { recursive: true });
  fs.writeFileSync(translations, JSON.stringify({ contents: {} }));
  packs[locale] = {
    hash: `dwb-empty-${locale}`, label: locale, translations: { vscode: translations },
    extensions: [{ extensionIdentifier: { id: `dwb-test.language-pack-${locale}` }, version: '0.0.0' }],
  };
  fs.writeFileSync(registry, JSON.stringify(packs, null, 2));
}

/** Installs a .vsix into the given extensions folder, offline. */
export function installVsix(vsix, extensionsDir, userDataDir) {
  const entry = ensureCodeServer();
  const result = spawnSync(
    process.execPath,
    [entry, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix, '--force'],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`installing ${vsix} failed:\n${result.stdout}\n${result.stderr}`);
}

if (import.meta.url === `file://${process.argv[1]}` && process.argv[2] === 'install') {
  console.log(ensureCodeServer());
}
