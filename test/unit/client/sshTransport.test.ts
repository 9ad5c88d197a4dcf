// The ssh transport against an ssh server in this process (ssh2's Server, speaking the real
// protocol) whose `docker system dial-stdio` is piped to a small HTTP server standing in for the
// engine. The integration tier does the same against Debian's sshd and a real Docker Engine.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Server, utils, type ServerChannel } from 'ssh2';
import { DockerodeEngine } from '../../../client/src/engine/dockerodeEngine';
import { parseEndpoint } from '../../../client/src/engine/engineTarget';
import { EngineError } from '../../../client/src/engine/engineError';
import { fingerprint } from '../../../client/src/engine/knownHosts';
import type { UnknownHostQuestion } from '../../../client/src/engine/sshTransport';

type Remote = 'engine' | 'nodocker' | 'down';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-ssh-unit-'));
const home = path.join(dir, 'home');
const engineSocket = path.join(dir, 'engine.sock');
const hostKey = utils.generateKeyPairSync('ed25519');
const clientKey = utils.generateKeyPairSync('ed25519');
const strangerKey = utils.generateKeyPairSync('ed25519');
const hostBlob = Buffer.from(hostKey.public.split(' ')[1]!, 'base64');
const clientBlob = Buffer.from(clientKey.public.split(' ')[1]!, 'base64');
/** What each exec did, per server: the commands and the peak of sessions open at once. */
const stats = { execs: [] as string[], connections: 0 };
let maxSessionsPerConnection = 10;
let remote: Remote = 'engine';
let sshServer: Server;
let sshPort = 0;
let fakeEngine: http.Server;

function serveExec(channel: ServerChannel): void {
  const fail = (code: number, stderr: string) => {
    channel.stderr.write(stderr);
    channel.exit(code);
    channel.end();
  };
  if (remote === 'nodocker') return fail(127, 'bash: line 1: docker: command not found\n');
  if (remote === 'down') return fail(1, 'failed to open the raw stream connection: dial unix /var/run/docker.sock: connect: no such file or directory\n');
  const upstream = net.connect(engineSocket);
  channel.pipe(upstream).pipe(channel);
  upstream.on('error', () => channel.close());
  channel.on('close', () => upstream.destroy());
}

before(async () => {
  fs.mkdirSync(path.join(home, '.ssh'), { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(home, '.ssh', 'id_ed25519'), clientKey.private, { mode: 0o600 });
  fakeEngine = http.createServer((req, res) => {
    res.setHeader('Content-Type', 'application/json');
    if (req.url?.endsWith('/_ping')) res.end('OK');
    else if (req.url?.includes('/containers/json')) res.end(JSON.stringify([{ Id: 'c1', Names: ['/over-ssh'], State: 'running' }]));
    else {
      res.statusCode = 404;
      res.end(JSON.stringify({ message: 'not here' }));
    }
  });
  await new Promise<void>((resolve) => fakeEngine.listen(engineSocket, resolve));
  sshServer = new Server({ hostKeys: [hostKey.private] }, (client) => {
    stats.connections++;
    let sessions = 0;
    client.on('authentication', (ctx) => {
      if (ctx.method === 'publickey' && ctx.key.data.equals(clientBlob) && ctx.username === 'dev') return ctx.accept();
      ctx.reject(['publickey']);
    });
    client.on('ready', () => {
      client.on('session', (accept, reject) => {
        if (sessions >= maxSessionsPerConnection) return reject();
        sessions++;
        const session = accept();
        session.on('close', () => sessions--);
        session.on('exec', (acceptExec, _rejectExec, info) => {
          stats.execs.push(info.command);
          serveExec(acceptExec());
        });
      });
    });
    client.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => sshServer.listen(0, '127.0.0.1', () => resolve()));
  sshPort = (sshServer.address() as net.AddressInfo).port;
});

after(async () => {
  await new Promise((resolve) => sshServer.close(resolve));
  await new Promise((resolve) => fakeEngine.close(resolve));
  fs.rmSync(dir, { recursive: true, force: true });
});

const env = () => ({ HOME: home, USER: 'dev' });
const knownHostsFile = () => path.join(home, '.ssh', 'known_hosts');
const trust = (blob: Buffer) => fs.writeFileSync(knownHostsFile(), `[127.0.0.1]:${sshPort} ssh-ed25519 ${blob.toString('base64')}\n`);

function engine(hooks: { confirm?: (q: UnknownHostQuestion) => Promise<boolean>; port?: number; user?: string } = {}): DockerodeEngine {
  return new DockerodeEngine(parseEndpoint(`ssh://${hooks.user ?? 'dev'}@127.0.0.1:${hooks.port ?? sshPort}`), undefined, { env: env(), confirmUnknownHost: hooks.confirm });
}

/** Pings through a new engine (disposed afterwards) and returns the EngineError it fails with. */
async function failure(options: Parameters<typeof engine>[0] = {}): Promise<EngineError> {
  const e = engine(options);
  try {
    await e.ping();
  } catch (error) {
    assert.ok(error instanceof EngineError, `an EngineError, got ${String(error)}`);
    return error;
  } finally {
    e.dispose();
  }
  assert.fail('expected a failure');
}

test('a known host connects; requests share one connection and reuse their channel', async () => {
  remote = 'engine';
  trust(hostBlob);
  const before = { execs: stats.execs.length, connections: stats.connections };
  const e = engine();
  try {
    for (let i = 0; i < 5; i++) await e.ping();
    const [container] = await e.listContainers();
    assert.equal(container?.Names[0], '/over-ssh');
    assert.equal(stats.connections - before.connections, 1, 'one ssh connection');
    assert.deepEqual(stats.execs.slice(before.execs), ['docker system dial-stdio'], 'one dial-stdio for six sequential requests (keep-alive)');
  } finally {
    e.dispose();
  }
});

test('more parallel requests than the server allows sessions open another connection', async () => {
  remote = 'engine';
  trust(hostBlob);
  maxSessionsPerConnection = 2;
  const before = stats.connections;
  const e = engine();
  try {
    const answers = await Promise.all(Array.from({ length: 5 }, () => e.ping()));
    assert.equal(answers.length, 5);
    assert.ok(stats.connections - before >= 2, `${stats.connections - before} connections`);
  } finally {
    maxSessionsPerConnection = 10;
    e.dispose();
  }
});

test('an unknown host is asked about with its fingerprint; declined it is refused, accepted it is remembered', async () => {
  remote = 'engine';
  fs.rmSync(knownHostsFile(), { force: true });
  const questions: UnknownHostQuestion[] = [];
  const declined = await failure({ confirm: async (q) => (questions.push(q), false) });
  assert.equal(declined.kind, 'hostKeyUnknown');
  assert.ok(declined.needsUser);
  assert.match(declined.message, new RegExp(`ED25519 key ${fingerprint(hostBlob).replace(/[+/]/g, '\\$&')}`));
  assert.deepEqual(questions.map((q) => [q.host, q.keyType, q.fingerprint]), [[`[127.0.0.1]:${sshPort}`, 'ED25519', fingerprint(hostBlob)]]);
  assert.ok(!fs.existsSync(knownHostsFile()), 'nothing written when declined');

  const e = engine({ confirm: async () => true });
  try {
    await e.ping();
  } finally {
    e.dispose();
  }
  assert.equal(fs.readFileSync(knownHostsFile(), 'utf8'), `[127.0.0.1]:${sshPort} ssh-ed25519 ${hostBlob.toString('base64')}\n`);
  // Known now: no question the next time.
  const again = engine({ confirm: async () => assert.fail('asked again about a known host') });
  try {
    await again.ping();
  } finally {
    again.dispose();
  }
});

test('without a way to ask, an unknown host is refused with the fingerprint', async () => {
  fs.rmSync(knownHostsFile(), { force: true });
  const error = await failure();
  assert.equal(error.kind, 'hostKeyUnknown');
  assert.match(error.message, /SHA256:/);
});

test('a changed host key is refused with the warning, the file and line, and no question', async () => {
  fs.writeFileSync(knownHostsFile(), `# first line\n[127.0.0.1]:${sshPort} ssh-ed25519 ${Buffer.from(strangerKey.public.split(' ')[1]!, 'base64').toString('base64')}\n`);
  const error = await failure({ confirm: async () => assert.fail('a changed key must not be asked about') });
  assert.equal(error.kind, 'hostKeyChanged');
  assert.match(error.message, /CHANGED/);
  assert.match(error.message, /man-in-the-middle/);
  assert.ok(error.message.includes(`${knownHostsFile()} (line 2)`), error.message);
  assert.ok(error.message.includes(`ssh-keygen -R "[127.0.0.1]:${sshPort}"`), error.message);
});

test('a refused key names what was offered', async () => {
  trust(hostBlob);
  const error = await failure({ user: 'intruder' });
  assert.equal(error.kind, 'authFailed');
  assert.ok(error.message.includes(path.join(home, '.ssh', 'id_ed25519')), error.message);
  assert.match(error.message, /authorized_keys/);
});

test('no docker on the remote host, and a remote engine that is down, each say so', async () => {
  trust(hostBlob);
  remote = 'nodocker';
  const missing = await failure();
  assert.equal(missing.kind, 'noRemoteDocker');
  assert.match(missing.message, /no docker command there/);
  assert.match(missing.message, /command not found/);
  remote = 'down';
  const down = await failure();
  assert.equal(down.kind, 'refused');
  assert.ok(!down.needsUser, 'a remote engine that is down is retried by itself');
  assert.match(down.message, /could not reach its engine: failed to open the raw stream connection/);
  remote = 'engine';
});

test('nothing listening is a clear error, not a wait', async () => {
  const closed = await new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
  const error = await failure({ port: closed });
  assert.equal(error.kind, 'refused');
  assert.match(error.message, /Cannot reach an ssh server at dev@127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
});

test('many requests on one kept-alive channel leave no listeners behind', async () => {
  remote = 'engine';
  trust(hostBlob);
  const warnings: Error[] = [];
  const onWarning = (w: Error) => warnings.push(w);
  process.on('warning', onWarning);
  const e = engine();
  try {
    for (let i = 0; i < 30; i++) await e.ping();
  } finally {
    e.dispose();
    process.off('warning', onWarning);
  }
  assert.deepEqual(warnings.filter((w) => w.name === 'MaxListenersExceededWarning').map((w) => w.message), []);
});
