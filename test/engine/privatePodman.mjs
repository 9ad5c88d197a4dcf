// A private Podman for tests: Debian's podman serving its Docker-compatible API
// (`podman system service`) on its own unix socket, with its own storage, run root, tmp and
// network config folders and its own containers.conf under /tmp/dwb-podman-*, so it never reads or
// changes the machine's containers. Its test image is built from scratch with busybox (imported
// as a root file system; no registry is needed). Containers the tests make use no network
// (`NetworkMode: none`) so nothing is set up on the host's network. Stopped and removed by
// stop(), on exit, or when the run is interrupted.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as http from 'node:http';
import { which } from './privateEngine.mjs';

const ROOT_PREFIX = 'dwb-podman-';
export const PODMAN_TEST_IMAGE = 'dwb-test/busybox:latest';
const log = (...args) => console.log('[podman]', ...args);

/** Global paths Podman may create on first use even with private storage; removed again when this run made them. */
const GLOBAL_LEFTOVERS = ['/var/lib/containers/cache', '/var/lib/containers', '/etc/cni/net.d/cni.lock'];

function request(socketPath, method, urlPath, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, method, path: urlPath, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (body) req.end(body);
    else req.end();
  });
}

/** A tar of a root file system: /bin/busybox and a link per applet the tests use. */
function busyboxRootfs(dir) {
  const rootfs = path.join(dir, 'rootfs');
  fs.mkdirSync(path.join(rootfs, 'bin'), { recursive: true });
  fs.mkdirSync(path.join(rootfs, 'tmp'), { recursive: true });
  fs.copyFileSync(which('busybox'), path.join(rootfs, 'bin', 'busybox'));
  fs.chmodSync(path.join(rootfs, 'bin', 'busybox'), 0o755);
  for (const applet of ['sh', 'sleep', 'echo', 'cat', 'ls', 'httpd', 'wget', 'env', 'true']) fs.symlinkSync('busybox', path.join(rootfs, 'bin', applet));
  const tar = path.join(dir, 'rootfs.tar');
  const result = spawnSync('tar', ['-C', rootfs, '-cf', tar, '.']);
  if (result.status !== 0) throw new Error(`tar failed: ${result.stderr}`);
  return tar;
}

/** Limits the containers start with: the test process's own (a sandbox may forbid raising them). */
function ulimits() {
  const limit = (name) => {
    const line = fs.readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith(name));
    const soft = line?.slice(26).trim().split(/\s+/)[0];
    return soft && /^\d+$/.test(soft) ? Math.min(Number(soft), 1024) : 1024;
  };
  return [`nofile=${limit('Max open files')}:${limit('Max open files')}`, `nproc=${limit('Max processes')}:${limit('Max processes')}`];
}

/**
 * Starts the service and resolves to { host, socketPath, root, stop() }. `stop()` is idempotent;
 * it also runs on process exit and on SIGINT/SIGTERM/SIGHUP.
 */
export async function startPrivatePodman({ timeoutMs = 60_000 } = {}) {
  const podman = which('podman');
  if (!podman) throw new Error('podman is missing: apt-get install -y podman');
  const existedBefore = new Set(GLOBAL_LEFTOVERS.filter((p) => fs.existsSync(p)));
  const root = fs.mkdtempSync(path.join(os.tmpdir(), ROOT_PREFIX));
  const dirs = Object.fromEntries(['storage', 'run', 'tmp', 'net', 'volumes'].map((d) => [d, path.join(root, d)]));
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
  const socketPath = path.join(root, 'podman.sock');
  const conf = path.join(root, 'containers.conf');
  fs.writeFileSync(conf, [
    '[containers]',
    `default_ulimits = [${ulimits().map((u) => JSON.stringify(u)).join(', ')}]`,
    '[engine]',
    // The events API needs a backend other than journald (absent here); a file under our run root.
    'events_logger = "file"',
    `events_logfile_path = "${path.join(root, 'events.log')}"`,
    'cgroup_manager = "cgroupfs"',
    `volume_path = "${dirs.volumes}"`,
    '[network]',
    `network_config_dir = "${dirs.net}"`,
    '',
  ].join('\n'));
  const env = { ...process.env, CONTAINERS_CONF: conf, TMPDIR: dirs.tmp, XDG_RUNTIME_DIR: dirs.run };
  const global = ['--root', dirs.storage, '--runroot', dirs.run, '--tmpdir', dirs.tmp, '--network-config-dir', dirs.net, '--events-backend', 'file', '--cgroup-manager', 'cgroupfs'];
  const logFile = path.join(root, 'podman.log');
  const logFd = fs.openSync(logFile, 'a');
  const service = spawn(podman, [...global, 'system', 'service', '--time', '0', `unix://${socketPath}`], { stdio: ['ignore', logFd, logFd], env });
  fs.closeSync(logFd);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    removeHooks();
    // Containers first (their conmon processes outlive the service), then the service.
    spawnSync(podman, [...global, 'rm', '--all', '--force', '--time', '0'], { env, stdio: 'ignore', timeout: 60_000 });
    spawnSync(podman, [...global, 'pod', 'rm', '--all', '--force'], { env, stdio: 'ignore', timeout: 60_000 });
    if (service.exitCode === null && service.signalCode === null) {
      const exited = new Promise((resolve) => service.once('exit', resolve));
      service.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (service.exitCode === null && service.signalCode === null) service.kill('SIGKILL');
    }
    cleanup(root, existedBefore);
    log('stopped and removed');
  };
  const onExit = () => {
    if (stopped) return;
    stopped = true;
    try { service.kill('SIGKILL'); } catch { /* gone */ }
    cleanup(root, existedBefore);
  };
  const onSignal = (signal) => {
    stop().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  const removeHooks = () => {
    process.off('exit', onExit);
    for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.off(s, onSignal);
  };
  process.on('exit', onExit);
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, onSignal);

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (service.exitCode !== null) {
      await stop();
      throw new Error(`podman system service exited (${service.exitCode}): ${fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : ''}`);
    }
    const ping = await request(socketPath, 'GET', '/_ping').catch(() => undefined);
    if (ping?.status === 200) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`podman did not answer on ${socketPath} within ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const [repo, tag] = PODMAN_TEST_IMAGE.split(':');
  const imported = await request(socketPath, 'POST', `/images/create?fromSrc=-&repo=${encodeURIComponent(repo)}&tag=${tag}&changes=${encodeURIComponent('CMD ["/bin/sh"]')}`, fs.readFileSync(busyboxRootfs(root)), { 'Content-Type': 'application/x-tar' });
  if (imported.status !== 200) {
    await stop();
    throw new Error(`importing ${PODMAN_TEST_IMAGE} into podman failed: ${imported.status} ${imported.text}`);
  }
  log(`podman ${service.pid} answers on unix://${socketPath} (image ${PODMAN_TEST_IMAGE})`);
  return { host: `unix://${socketPath}`, socketPath, root, logFile, stop };
}

function cleanup(root, existedBefore) {
  // Overlay mounts of containers and images live under the private storage.
  let mounts = [];
  try {
    mounts = fs.readFileSync('/proc/mounts', 'utf8').split('\n').map((l) => l.split(' ')[1]).filter((m) => m && m.startsWith(root));
  } catch {
    // no /proc/mounts
  }
  for (const mount of mounts.sort((a, b) => b.length - a.length)) spawnSync('umount', ['-l', mount], { stdio: 'ignore' });
  // conmon and container processes started for this root.
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let cmdline = '';
    try {
      cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (cmdline.includes(root)) try { process.kill(Number(entry), 'SIGKILL'); } catch { /* gone */ }
  }
  fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  for (const leftover of GLOBAL_LEFTOVERS) {
    if (existedBefore.has(leftover) || !fs.existsSync(leftover)) continue;
    // Only what this run made; /var/lib/containers only when nothing else is in it.
    if (leftover === '/var/lib/containers') {
      if (fs.readdirSync(leftover).length === 0) fs.rmdirSync(leftover);
    } else {
      fs.rmSync(leftover, { recursive: true, force: true });
    }
  }
}
