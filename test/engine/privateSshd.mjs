// A private OpenSSH server for tests: Debian's sshd on 127.0.0.1 with its own host key, its own
// authorized key and its own config under /tmp/dwb-sshd-*, so it never reads or changes the
// machine's ssh setup. Each `port` it listens on can give ssh sessions their own environment
// (`Match LocalPort` + `SetEnv`): one whose docker reaches the private engine, one with an engine
// that is down, one with no docker on the PATH. Stopped (and its folder removed) by stop(), on
// exit, or when the run is interrupted.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { which } from './privateEngine.mjs';
import { freePort } from '../harness/freePort.mjs';

const ROOT_PREFIX = 'dwb-sshd-';
const PRIVSEP_DIR = '/run/sshd';

const log = (...args) => console.log('[sshd]', ...args);

export function sshdPath() {
  return which('sshd');
}

/** A free TCP port on loopback. */
function keygen(file, type = 'ed25519') {
  const result = spawnSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-C', `dwb-test-${path.basename(file)}`, '-f', file], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`ssh-keygen failed: ${result.stderr || result.error}`);
  return { privateKey: file, publicKey: `${file}.pub`, publicLine: fs.readFileSync(`${file}.pub`, 'utf8').trim() };
}

/** The key blob of a public key line (`type base64 comment`). */
export function keyBlob(publicLine) {
  return Buffer.from(publicLine.split(/\s+/)[1], 'base64');
}

/**
 * Starts sshd. `sessions` maps a name to the environment that port's sessions get, e.g.
 * `{ engine: { DOCKER_HOST: 'unix:///…/docker.sock' }, nodocker: { PATH: '/nowhere' } }`.
 * Resolves to { ports: {name: port}, user, clientKey, otherKey, hostKey, root, stop() }.
 */
export async function startPrivateSshd({ sessions, timeoutMs = 20_000 }) {
  const sshd = sshdPath();
  if (!sshd) throw new Error('sshd is missing: apt-get install -y openssh-server');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), ROOT_PREFIX));
  const user = os.userInfo().username;
  const hostKey = keygen(path.join(root, 'host_ed25519'));
  const clientKey = keygen(path.join(root, 'client_ed25519'));
  // A key the server does not know, for the "key refused" case.
  const otherKey = keygen(path.join(root, 'other_ed25519'));
  fs.writeFileSync(path.join(root, 'authorized_keys'), `${clientKey.publicLine}\n`, { mode: 0o600 });

  const ports = {};
  for (const name of Object.keys(sessions)) ports[name] = await freePort();
  const quote = (value) => `"${String(value).replace(/(["\\])/g, '\\$1')}"`;
  const config = [
    ...Object.values(ports).map((port) => `Port ${port}`),
    'ListenAddress 127.0.0.1',
    `HostKey ${path.join(root, 'host_ed25519')}`,
    `PidFile ${path.join(root, 'sshd.pid')}`,
    `AuthorizedKeysFile ${path.join(root, 'authorized_keys')}`,
    // The files live under /tmp, which StrictModes would reject (world-writable parent).
    'StrictModes no',
    'UsePAM no',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PubkeyAuthentication yes',
    'PermitRootLogin prohibit-password',
    `AllowUsers ${user}`,
    'AllowTcpForwarding no',
    'AllowAgentForwarding no',
    'X11Forwarding no',
    'PermitTTY no',
    'PrintMotd no',
    'LogLevel VERBOSE',
    ...Object.entries(sessions).flatMap(([name, env]) => [
      `Match LocalPort ${ports[name]}`,
      `  SetEnv ${Object.entries(env).map(([k, v]) => `${k}=${quote(v)}`).join(' ')}`,
    ]),
  ].join('\n');
  const configFile = path.join(root, 'sshd_config');
  fs.writeFileSync(configFile, `${config}\n`);

  // sshd refuses to start without its privilege separation folder (the init script makes it).
  let madePrivsep = false;
  if (!fs.existsSync(PRIVSEP_DIR)) {
    fs.mkdirSync(PRIVSEP_DIR, { mode: 0o755 });
    madePrivsep = true;
  }
  const check = spawnSync(sshd, ['-t', '-f', configFile], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`sshd rejected its config: ${check.stderr}`);

  const logFile = path.join(root, 'sshd.log');
  const logFd = fs.openSync(logFile, 'a');
  const child = spawn(sshd, ['-D', '-e', '-f', configFile], { stdio: ['ignore', logFd, logFd] });
  fs.closeSync(logFd);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', onExit);
    // Session processes of connections still open outlive the listener: end them too.
    const sessions = descendantsOf(child.pid);
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    killAll(sessions);
    if (madePrivsep) fs.rmSync(PRIVSEP_DIR, { recursive: true, force: true });
    fs.rmSync(root, { recursive: true, force: true });
    log('stopped and removed');
  };
  const onExit = () => {
    if (stopped) return;
    const sessions = descendantsOf(child.pid);
    try { child.kill('SIGKILL'); } catch { /* gone */ }
    killAll(sessions);
    fs.rmSync(root, { recursive: true, force: true });
  };
  process.on('exit', onExit);

  // Ready when every port accepts a connection and says "SSH-".
  const deadline = Date.now() + timeoutMs;
  for (const port of Object.values(ports)) {
    for (;;) {
      if (child.exitCode !== null) {
        await stop();
        throw new Error(`sshd exited (${child.exitCode}): ${fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : ''}`);
      }
      if (await greets(port)) break;
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`sshd did not answer on 127.0.0.1:${port} within ${timeoutMs} ms`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  log(`sshd ${child.pid} on 127.0.0.1 ports ${JSON.stringify(ports)}`);
  return { ports, user, root, hostKey, clientKey, otherKey, logFile, stop };
}

function greets(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.on('data', (d) => {
      text += d.toString('latin1');
      if (text.includes('\n')) done(text.startsWith('SSH-'));
    });
    socket.on('error', () => done(false));
  });
}

/** Every process below `pid` (sshd's per-connection processes and the commands they run). */
function descendantsOf(pid) {
  const children = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat = '';
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // pid (comm) state ppid …; comm may contain spaces and parentheses.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(Number(entry));
  }
  const found = [];
  const queue = [pid];
  while (queue.length && found.length < 10_000) {
    for (const child of children.get(queue.shift()) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

function killAll(pids) {
  for (const pid of pids) try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
}
