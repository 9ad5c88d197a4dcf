// A private, real Docker Engine for tests: Debian's dockerd on its own unix socket, data root,
// exec root and bridge, with the firewall left alone, so it never touches another engine on the
// machine. It builds a tiny busybox image from scratch (no registry is reachable) and removes
// everything it made when stopped, on exit, or when the run is interrupted.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import * as net from 'node:net';
import Dockerode from 'dockerode';
const ROOT_PREFIX = 'dwb-engine-';
export const TEST_IMAGE = 'dwb-test/busybox:latest';

const log = (...args) => console.log('[engine]', ...args);

/** Commands the engine needs, with the Debian package that provides each. */
export const ENGINE_REQUIREMENTS = [
  ['dockerd', 'docker.io'],
  ['openssl', 'openssl'],
  ['ip', 'iproute2'],
  ['busybox', 'busybox-static'],
];

export function missingRequirements() {
  return ENGINE_REQUIREMENTS.filter(([cmd]) => !which(cmd));
}

export function which(cmd) {
  for (const dir of (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/sbin'])) {
    const candidate = path.join(dir, cmd);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // keep looking
    }
  }
  return undefined;
}

/**
 * Starts the engine and resolves to { host, socketPath, root, stop() }.
 * `stop()` is idempotent; it also runs on process exit and on SIGINT/SIGTERM/SIGHUP.
 */
export async function startPrivateEngine({ timeoutMs = 60_000, buildImage = true, tls = false } = {}) {
  if (process.getuid?.() !== 0) throw new Error('the private Docker Engine needs root (dockerd creates namespaces and mounts)');
  const missing = missingRequirements();
  if (missing.length) {
    throw new Error(`missing ${missing.map(([c]) => c).join(', ')}: apt-get install -y ${missing.map(([, p]) => p).join(' ')}`);
  }
  cleanStaleEngines();

  // Short paths: a unix socket path must stay under 108 bytes.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), ROOT_PREFIX));
  fs.writeFileSync(path.join(root, 'owner.pid'), String(process.pid));
  const socketPath = path.join(root, 'docker.sock');
  const suffix = path.basename(root).slice(ROOT_PREFIX.length).replace(/[^a-zA-Z0-9]/g, '').slice(0, 8);
  const bridge = `dwb${suffix}`.slice(0, 15);
  const octet = 200 + Math.floor(Math.random() * 50);
  fs.writeFileSync(path.join(root, 'bridge'), bridge);
  fs.writeFileSync(path.join(root, 'vxlans-before'), hostVxlans().join('\n'));

  run('ip', ['link', 'add', 'name', bridge, 'type', 'bridge']);
  run('ip', ['addr', 'add', `10.${octet}.250.1/24`, 'dev', bridge]);
  run('ip', ['link', 'set', bridge, 'up']);

  const logFile = path.join(root, 'dockerd.log');
  const tlsListener = tls ? await makeTlsMaterial(root) : undefined;
  const args = [
    ...(tlsListener ? ['--host', tlsListener.host, '--tlsverify', '--tlscacert', tlsListener.server.ca, '--tlscert', tlsListener.server.cert, '--tlskey', tlsListener.server.key] : []),
    '--data-root', path.join(root, 'data'),
    '--exec-root', path.join(root, 'exec'),
    '--host', `unix://${socketPath}`,
    '--pidfile', path.join(root, 'dockerd.pid'),
    '--bridge', bridge,
    '--default-address-pool', `base=10.${octet}.0.0/17,size=24`,
    '--iptables=false', '--ip6tables=false', '--ip-masq=false',
    '--log-level', 'warn',
  ];
  const launch = () => {
    const logFd = fs.openSync(logFile, 'a');
    const child = spawn(which('dockerd'), args, { stdio: ['ignore', logFd, logFd], detached: false });
    fs.closeSync(logFd);
    return child;
  };
  let dockerd = launch();

  const engine = {
    host: `unix://${socketPath}`, socketPath, root, bridge, logFile, get pid() { return dockerd.pid; }, stop: undefined, restart: undefined,
    /** With `tls`: the tcp endpoint and a folder with the client's ca.pem, cert.pem and key.pem (as the docker CLI expects). */
    tls: tlsListener ? { host: tlsListener.host, clientDir: tlsListener.clientDir } : undefined,
  };
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    removeHooks();
    await stopEngine(root, dockerd);
  };
  engine.stop = stop;

  // Clean up on every way out of this process.
  const onSignal = (signal) => {
    log(`${signal}: stopping the private engine`);
    stop().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  const onExit = () => { if (!stopped) { stopped = true; stopEngineSync(root, dockerd.pid); } };
  const removeHooks = () => {
    for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.off(s, onSignal);
    process.off('exit', onExit);
  };
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, onSignal);
  process.on('exit', onExit);

  const docker = new Dockerode({ socketPath });
  const waitUntilAnswering = async () => {
    const exited = new Promise((resolve) => dockerd.once('exit', (code) => resolve(code)));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const early = await Promise.race([exited, sleep(100).then(() => 'waiting')]);
      if (early !== 'waiting') {
        await stop();
        throw new Error(`dockerd exited (${early}) before answering; its log:\n${tail(logFile)}`);
      }
      try {
        await docker.ping();
        return;
      } catch {
        if (Date.now() > deadline) {
          await stop();
          throw new Error(`dockerd did not answer on ${socketPath} within ${timeoutMs} ms; its log:\n${tail(logFile)}`);
        }
      }
    }
  };
  /** Stops dockerd and starts it again on the same socket and data (an engine restart). */
  engine.restart = async ({ downMs = 0 } = {}) => {
    await stopDockerd(dockerd);
    await sleep(downMs);
    dockerd = launch();
    await waitUntilAnswering();
  };
  /** Stops dockerd only (the socket disappears); `start` brings it back. */
  engine.pause = async () => stopDockerd(dockerd);
  engine.resume = async () => {
    dockerd = launch();
    await waitUntilAnswering();
  };
  await waitUntilAnswering();
  log(`dockerd ${dockerd.pid} answers on ${engine.host}`);
  if (buildImage) await buildTestImage(docker, root);
  return engine;
}

/**
 * A CA, a server certificate for 127.0.0.1 and a client certificate, made with openssl, and a
 * free loopback port for dockerd's TLS listener.
 */
async function makeTlsMaterial(root) {
  const dir = path.join(root, 'tls');
  const clientDir = path.join(dir, 'client');
  fs.mkdirSync(clientDir, { recursive: true });
  const ssl = (...args) => run('openssl', args);
  const at = (name) => path.join(dir, name);
  ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=dwb-test-ca', '-keyout', at('ca-key.pem'), '-out', at('ca.pem'));
  fs.writeFileSync(at('server.ext'), 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  fs.writeFileSync(at('client.ext'), 'extendedKeyUsage=clientAuth\n');
  for (const [name, ext] of [['server', 'server.ext'], ['client', 'client.ext']]) {
    ssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=dwb-test-${name}`, '-keyout', at(`${name}-key.pem`), '-out', at(`${name}.csr`));
    ssl('x509', '-req', '-in', at(`${name}.csr`), '-CA', at('ca.pem'), '-CAkey', at('ca-key.pem'), '-CAcreateserial', '-days', '2', '-extfile', at(ext), '-out', at(`${name}-cert.pem`));
  }
  fs.copyFileSync(at('ca.pem'), path.join(clientDir, 'ca.pem'));
  fs.copyFileSync(at('client-cert.pem'), path.join(clientDir, 'cert.pem'));
  fs.copyFileSync(at('client-key.pem'), path.join(clientDir, 'key.pem'));
  const port = await new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port: p } = server.address();
      server.close(() => resolve(p));
    });
  });
  return { host: `tcp://127.0.0.1:${port}`, clientDir, server: { ca: at('ca.pem'), cert: at('server-cert.pem'), key: at('server-key.pem') } };
}

/** FROM scratch + busybox: sh, sleep, httpd, wget and friends, in about a second. */
async function buildTestImage(docker, root) {
  const context = path.join(root, 'image-context');
  fs.mkdirSync(context, { recursive: true });
  fs.copyFileSync(which('busybox'), path.join(context, 'busybox'));
  fs.chmodSync(path.join(context, 'busybox'), 0o755);
  fs.writeFileSync(
    path.join(context, 'Dockerfile'),
    'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\nCMD ["/bin/sh"]\n',
  );
  const stream = await docker.buildImage({ context, src: ['Dockerfile', 'busybox'] }, { t: TEST_IMAGE, rm: true });
  const output = await new Promise((resolve, reject) =>
    docker.modem.followProgress(stream, (err, res) => (err ? reject(err) : resolve(res))),
  );
  const failure = output.find((o) => o.error);
  if (failure) throw new Error(`building ${TEST_IMAGE} failed: ${failure.error}`);
  await docker.getImage(TEST_IMAGE).tag({ repo: 'busybox', tag: 'latest' });
  log(`built ${TEST_IMAGE} (also tagged busybox:latest)`);
}

async function stopDockerd(dockerd) {
  if (dockerd.exitCode !== null || dockerd.signalCode !== null) return;
  const exited = new Promise((resolve) => dockerd.once('exit', resolve));
  dockerd.kill('SIGTERM');
  const result = await Promise.race([exited, sleep(20_000).then(() => 'timeout')]);
  if (result === 'timeout') {
    log('dockerd did not stop in 20 s: killing it');
    dockerd.kill('SIGKILL');
    await exited;
  }
}

async function stopEngine(root, dockerd) {
  const bridges = await userBridges(root);
  await stopDockerd(dockerd);
  finishCleanup(root, bridges);
  log('private engine stopped and removed');
}

/** Last-resort cleanup from the 'exit' hook, where nothing asynchronous can run. */
function stopEngineSync(root, pid) {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // already gone
  }
  for (let i = 0; i < 80 && alive(pid); i++) spawnSync('sleep', ['0.25']);
  if (alive(pid)) try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
  finishCleanup(root, []);
}

function finishCleanup(root, bridges) {
  killProcessesUnder(root);
  unmountUnder(root);
  for (const name of [...bridges, readBridge(root)]) {
    if (name) spawnSync('ip', ['link', 'del', name], { stdio: 'ignore' });
  }
  // A swarm's overlay network can leave its vxlan device (vx-<vni>-<id>) in the host's namespace
  // when the engine stops; the next engine's overlay with the same VNI then fails with "error
  // creating vxlan interface: file exists". Remove the ones that appeared while this engine ran.
  let before = [];
  try {
    before = fs.readFileSync(path.join(root, 'vxlans-before'), 'utf8').split('\n');
  } catch {
    // never recorded
  }
  for (const name of hostVxlans()) {
    if (name.startsWith('vx-') && !before.includes(name)) spawnSync('ip', ['link', 'del', name], { stdio: 'ignore' });
  }
  fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
}

/** Names of the vxlan devices in the host's network namespace. */
function hostVxlans() {
  const listed = spawnSync('ip', ['-o', 'link', 'show', 'type', 'vxlan'], { encoding: 'utf8' });
  if (listed.status !== 0) return [];
  return listed.stdout.split('\n').map((line) => /^\d+:\s+([^:@\s]+)/.exec(line)?.[1]).filter(Boolean);
}

/** Bridges of the user networks this engine created (br-<id>), read before it stops. */
async function userBridges(root) {
  try {
    const networks = await new Dockerode({ socketPath: path.join(root, 'docker.sock'), timeout: 5000 }).listNetworks();
    return networks
      .filter((n) => n.Driver === 'bridge' && n.Name !== 'bridge')
      .map((n) => n.Options?.['com.docker.network.bridge.name'] ?? `br-${n.Id.slice(0, 12)}`);
  } catch {
    return [];
  }
}

/** containerd and its shims live under our exec root; nothing else's does. */
function killProcessesUnder(root) {
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
}

function unmountUnder(root) {
  let mounts = [];
  try {
    mounts = fs.readFileSync('/proc/mounts', 'utf8').split('\n').map((l) => l.split(' ')[1]).filter((m) => m && m.startsWith(root));
  } catch {
    return;
  }
  // Deepest first.
  for (const mount of mounts.sort((a, b) => b.length - a.length)) spawnSync('umount', ['-l', mount], { stdio: 'ignore' });
}

/** Engines whose owning test process died without cleaning up (killed with SIGKILL, say). */
function cleanStaleEngines() {
  for (const entry of fs.readdirSync(os.tmpdir())) {
    if (!entry.startsWith(ROOT_PREFIX)) continue;
    const root = path.join(os.tmpdir(), entry);
    const owner = Number(readFile(path.join(root, 'owner.pid')));
    if (owner && alive(owner)) continue;
    log(`removing a stale private engine at ${root}`);
    const pid = Number(readFile(path.join(root, 'dockerd.pid')));
    if (pid && alive(pid)) stopEngineSync(root, pid);
    else finishCleanup(root, []);
  }
}

function readBridge(root) {
  return readFile(path.join(root, 'bridge'))?.trim();
}

function readFile(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function run(cmd, args) {
  const result = spawnSync(cmd, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${result.stderr || result.error}`);
}

function tail(file, lines = 20) {
  return (readFile(file) ?? '').split('\n').slice(-lines).join('\n');
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
