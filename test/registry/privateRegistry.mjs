// A private, real image registry for tests: Debian's `docker-registry` (distribution 2.8) on a
// free port of 127.0.0.1 with its own storage, with htpasswd users (bcrypt, made by Apache's
// `htpasswd`) or bearer tokens from a token service this module also runs on loopback (JWTs
// signed with a key whose certificate the registry trusts, as the token authentication spec
// describes). Everything lives under one folder in the temp dir, removed when stopped, on exit,
// or by the next run if this process was killed.
import { spawn, spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { which } from '../engine/privateEngine.mjs';
import { freePort } from '../harness/freePort.mjs';

const ROOT_PREFIX = 'dwb-registry-';
const log = (...args) => console.log('[registry]', ...args);

/** Commands the registry needs, with the Debian package that provides each. */
export const REGISTRY_REQUIREMENTS = [
  ['docker-registry', 'docker-registry'],
  ['htpasswd', 'apache2-utils'],
  ['openssl', 'openssl'],
];

export function missingRegistryRequirements() {
  return REGISTRY_REQUIREMENTS.filter(([cmd]) => !which(cmd));
}

/**
 * Starts a registry and resolves to { host, url, root, logFile, stop() }.
 * auth: 'htpasswd' (with `users`, { name: password }), 'token' (with `token`, from
 * startTokenService) or 'none'. `deletes: false` makes it refuse deletes, as registries do by default.
 */
export async function startPrivateRegistry({ auth = 'htpasswd', users = {}, token, deletes = true, timeoutMs = 30_000 } = {}) {
  const missing = missingRegistryRequirements();
  if (missing.length) throw new Error(`missing ${missing.map(([c]) => c).join(', ')}: apt-get install -y ${missing.map(([, p]) => p).join(' ')}`);
  cleanStale();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), ROOT_PREFIX));
  fs.writeFileSync(path.join(root, 'owner.pid'), String(process.pid));
  const port = await freePort();
  const host = `127.0.0.1:${port}`;

  let authSection = '';
  if (auth === 'htpasswd') {
    const lines = Object.entries(users).map(([name, password]) => {
      const made = spawnSync(which('htpasswd'), ['-Bbn', name, password], { encoding: 'utf8' });
      if (made.status !== 0) throw new Error(`htpasswd failed: ${made.stderr}`);
      return made.stdout.trim();
    });
    fs.writeFileSync(path.join(root, 'htpasswd'), lines.join('\n') + '\n');
    authSection = `auth:\n  htpasswd:\n    realm: dwb-test-registry\n    path: ${path.join(root, 'htpasswd')}\n`;
  } else if (auth === 'token') {
    if (!token) throw new Error('a token registry needs the token service (startTokenService)');
    authSection = `auth:\n  token:\n    realm: ${token.realm}\n    service: ${token.service}\n    issuer: ${token.issuer}\n    rootcertbundle: ${token.certFile}\n`;
  }
  const config = [
    'version: 0.1',
    'log:',
    '  level: info',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${path.join(root, 'data')}`,
    '  delete:',
    `    enabled: ${deletes}`,
    'http:',
    `  addr: ${host}`,
    `  secret: ${crypto.randomBytes(16).toString('hex')}`,
    authSection,
  ].join('\n');
  const configFile = path.join(root, 'config.yml');
  fs.writeFileSync(configFile, config);

  const logFile = path.join(root, 'registry.log');
  const logFd = fs.openSync(logFile, 'a');
  const child = spawn(which('docker-registry'), ['serve', configFile], { stdio: ['ignore', logFd, logFd] });
  fs.closeSync(logFd);
  fs.writeFileSync(path.join(root, 'registry.pid'), String(child.pid));

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', onExit);
    await stopProcess(child);
    fs.rmSync(root, { recursive: true, force: true });
  };
  const onExit = () => {
    if (stopped) return;
    stopped = true;
    try { child.kill('SIGKILL'); } catch { /* gone */ }
    fs.rmSync(root, { recursive: true, force: true });
  };
  process.on('exit', onExit);

  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(`exited with ${code}`)));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const early = await Promise.race([exited, sleep(100).then(() => undefined)]);
    if (early) {
      const text = tail(logFile);
      await stop();
      throw new Error(`docker-registry ${early} before answering; its log:\n${text}`);
    }
    if (await answers(`http://${host}/v2/`)) break;
    if (Date.now() > deadline) {
      const text = tail(logFile);
      await stop();
      throw new Error(`docker-registry did not answer on ${host} within ${timeoutMs} ms; its log:\n${text}`);
    }
  }
  log(`docker-registry ${child.pid} answers on ${host} (${auth}${deletes ? ', deletes allowed' : ', deletes refused'})`);
  return { host, url: `http://${host}`, root, logFile, stop };
}

/**
 * A token service on 127.0.0.1 as the Docker Registry token authentication specification
 * describes: GET /token?service=…&scope=…[&offline_token=true] with Basic credentials (anonymous
 * gets a token without access), and POST /token (OAuth2: grant_type=refresh_token or password).
 * Tokens are JWTs signed RS256 with the certificate in their x5c header. `requests` records
 * what was asked (never a secret) so a test can see which client asked for what.
 */
export async function startTokenService({ users = {}, service = 'dwb-test-registry', issuer = 'dwb-test-token-service' } = {}) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `${ROOT_PREFIX}token-`));
  fs.writeFileSync(path.join(root, 'owner.pid'), String(process.pid));
  const keyFile = path.join(root, 'key.pem');
  const certFile = path.join(root, 'cert.pem');
  const made = spawnSync(which('openssl'), ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=dwb-test-token-service', '-keyout', keyFile, '-out', certFile], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr}`);
  const key = fs.readFileSync(keyFile, 'utf8');
  const der = fs.readFileSync(certFile, 'utf8').replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  const refreshTokens = new Map();
  const requests = [];

  const sign = (subject, access) => {
    const now = Math.floor(Date.now() / 1000);
    const header = { typ: 'JWT', alg: 'RS256', x5c: [der] };
    const claims = { iss: issuer, sub: subject, aud: service, exp: now + 300, nbf: now - 10, iat: now, jti: crypto.randomUUID(), access };
    const body = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    return `${body}.${b64url(crypto.sign('sha256', Buffer.from(body), key))}`;
  };
  const grant = (user, scopes) => (user ? scopes.map(parseScope).filter(Boolean) : []);

  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      const url = new URL(req.url, 'http://token');
      const answer = (status, value) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      if (url.pathname !== '/token') return answer(404, { details: 'not found' });
      if (req.method === 'POST') {
        const form = new URLSearchParams(body);
        const scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
        const grantType = form.get('grant_type');
        let user;
        if (grantType === 'refresh_token') user = refreshTokens.get(form.get('refresh_token'));
        else if (grantType === 'password' && users[form.get('username')] === form.get('password')) user = form.get('username');
        requests.push({ method: 'POST', grantType, scopes, user: user ?? null, clientId: form.get('client_id'), userAgent: req.headers['user-agent'] ?? '' });
        if (!user) return answer(401, { error: 'invalid_grant', details: 'the refresh token or password is not valid' });
        return answer(200, { access_token: sign(user, grant(user, scopes)), expires_in: 300, scope: scopes.join(' ') });
      }
      const scopes = url.searchParams.getAll('scope');
      let user = null;
      const authorization = req.headers.authorization ?? '';
      if (authorization.startsWith('Basic ')) {
        const decoded = Buffer.from(authorization.slice(6), 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        const name = decoded.slice(0, colon);
        if (colon < 0 || users[name] !== decoded.slice(colon + 1)) {
          requests.push({ method: 'GET', scopes, user: null, refused: true, userAgent: req.headers['user-agent'] ?? '' });
          return answer(401, { details: 'incorrect username or password' });
        }
        user = name;
      }
      requests.push({ method: 'GET', scopes, user, account: url.searchParams.get('account'), offline: url.searchParams.get('offline_token') === 'true', userAgent: req.headers['user-agent'] ?? '' });
      const issued = { token: sign(user ?? '', grant(user, scopes)), expires_in: 300 };
      if (user && url.searchParams.get('offline_token') === 'true') {
        const refresh = crypto.randomBytes(24).toString('hex');
        refreshTokens.set(refresh, user);
        issued.refresh_token = refresh;
      }
      answer(200, issued);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const realm = `http://127.0.0.1:${server.address().port}/token`;
  let stopped = false;
  const onExit = () => fs.rmSync(root, { recursive: true, force: true });
  process.on('exit', onExit);
  log(`token service answers on ${realm}`);
  return {
    realm, service, issuer, certFile, root, requests,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      process.off('exit', onExit);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** `repository:dwb/app:pull,push` → the access claim that grants it. */
function parseScope(scope) {
  const parts = scope.split(':');
  if (parts.length < 3) return undefined;
  return { type: parts[0], name: parts.slice(1, -1).join(':'), actions: parts[parts.length - 1].split(',').filter(Boolean) };
}

function b64url(data) {
  return Buffer.from(data).toString('base64').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

function answers(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 1000 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

async function stopProcess(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  if ((await Promise.race([exited, sleep(10_000).then(() => 'timeout')])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}

/** Registries whose owning process died without stopping them. */
function cleanStale() {
  for (const entry of fs.readdirSync(os.tmpdir())) {
    if (!entry.startsWith(ROOT_PREFIX)) continue;
    const root = path.join(os.tmpdir(), entry);
    const owner = Number(readFile(path.join(root, 'owner.pid')));
    if (owner && alive(owner)) continue;
    const pid = Number(readFile(path.join(root, 'registry.pid')));
    if (pid && alive(pid) && (readFile(`/proc/${pid}/cmdline`) ?? '').includes(root)) try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
    log(`removing a stale private registry at ${root}`);
    fs.rmSync(root, { recursive: true, force: true });
  }
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

function tail(file, lines = 20) {
  return (readFile(file) ?? '').split('\n').slice(-lines).join('\n');
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
