// `npm start`: opens the freshly built extension in a VS Code. Desktop VS Code when `code` is on
// PATH; otherwise a local code-server on 127.0.0.1 (installed once into the cache), whose URL is
// printed. The extension talks to whatever engine DOCKER_HOST (or the default socket) names.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO } from './tiers.mjs';
import { cacheDir, startCodeServer, codeServerInstalled } from './codeServer.mjs';
import { ensureSystemPackages, CODE_SERVER_PACKAGES } from './systemPackages.mjs';
import { payloadUrl } from './browser.mjs';

const folder = path.resolve(process.argv[2] ?? REPO);
const hasCode = spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;

if (hasCode && !process.env.DWB_FORCE_CODE_SERVER) {
  console.log(`opening ${folder} in VS Code with the extension under development`);
  const child = spawn('code', ['--extensionDevelopmentPath', REPO, folder], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  // code-server installs offline only with these Debian packages: install them as root, or print
  // the one line that does and stop.
  if (!codeServerInstalled() && ensureSystemPackages(CODE_SERVER_PACKAGES).length > 0) process.exit(1);
  const home = path.join(cacheDir(), 'start');
  const port = Number(process.env.PORT || 8123);
  const server = await startCodeServer({
    workspace: folder,
    userDataDir: path.join(home, 'user-data'),
    extensionsDir: path.join(home, 'extensions'),
    port,
    logFile: path.join(os.tmpdir(), 'docker-workbench-code-server.log'),
  });
  const url = payloadUrl({ port: server.port, folder, extensionPath: REPO });
  console.log('\nDocker Workbench is running in code-server (VS Code 1.100). Open this URL in a browser:\n');
  console.log(`  ${url}\n`);
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    // A headless machine has no browser of its own: reach the loopback port through ssh.
    console.log(`No display here. From your own computer run\n  ssh -N -L ${server.port}:127.0.0.1:${server.port} ${os.userInfo().username}@${os.hostname()}\nand open the URL above in your browser there.\n`);
  } else if (spawnSync('xdg-open', ['--version'], { stdio: 'ignore' }).status === 0) {
    spawn('xdg-open', [url], { stdio: 'ignore', detached: true }).unref();
  }
  console.log(`Engine: ${process.env.DOCKER_HOST || 'unix:///var/run/docker.sock'}. Rebuild with "npm run build" and reload the window to pick up changes.`);
  if (process.env.DWB_START_CHECK) {
    // CI's proof of the README's first command: the served workbench page loads, then stop.
    const page = await fetch(url).then((r) => (r.ok ? r.text() : ''), () => '');
    await server.stop();
    if (!/<html/i.test(page)) {
      console.error('npm start: code-server did not serve the workbench page');
      process.exit(1);
    }
    console.log('npm start: the workbench page is served (check only; stopped)');
    process.exit(0);
  }
  console.log('Press Ctrl-C to stop.');
  const stop = () => server.stop().finally(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  if (!fs.existsSync(path.join(REPO, 'dist', 'extension.js'))) console.warn('dist/extension.js is missing: run npm run build');
}
