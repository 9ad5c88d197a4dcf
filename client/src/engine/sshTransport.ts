// ssh engines over the real ssh protocol. One ssh connection (another only when the server's
// per-connection session limit is reached) carries each HTTP connection to the engine as its own
// channel running `docker system dial-stdio` on the remote host, as the docker CLI does. The
// host's key is checked against known_hosts like OpenSSH (knownHosts.ts): a known key connects,
// an unknown host is shown with its fingerprint and connects only when the user accepts it (then
// it is remembered in ~/.ssh/known_hosts), a changed or revoked key is refused. Keys come from the
// ssh agent and ~/.ssh (or the IdentityFile of ~/.ssh/config). Every failure becomes an
// EngineError that says what happened and what to do, within the handshake timeout.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { Duplex } from 'node:stream';
import type { AgentAuthMethod, Client, ClientChannel, PublicKeyAuthMethod } from 'ssh2';

/** ssh2 (dist/vendor/ssh2.js) is loaded with the first ssh engine, not at activation. */
let ssh2Module: typeof import('ssh2') | undefined;
const ssh2 = () => (ssh2Module ??= require('ssh2') as typeof import('ssh2'));
import { EngineError } from './engineError';
import {
  appendKnownHost, checkHostKey, fingerprint, hostToken, keyTypeLabel, keyTypeOf, knownKeyTypes, readKnownHosts,
  type HostKeyVerdict, type KnownHostLine,
} from './knownHosts';
import { expandPath, sshSettingsFor } from './sshConfig';
import { english, type Translator } from '../translator';

export interface SshEndpoint {
  host: string;
  port?: number;
  user?: string;
}

export interface UnknownHostQuestion {
  /** The host as known_hosts writes it: `name` or `[name]:port`. */
  host: string;
  /** `ED25519`, `ECDSA`, `RSA`. */
  keyType: string;
  fingerprint: string;
  /** Key types known_hosts already has for this host (a key of another type). */
  otherTypes: string[];
  /** Where the key is added when the user accepts it. */
  knownHostsFile: string;
}

export interface SshHooks {
  l10n?: Translator;
  /** Asked when known_hosts has no key for the host; true trusts and remembers the key. */
  confirmUnknownHost?(question: UnknownHostQuestion): Promise<boolean>;
  /** HOME, USER, SSH_AUTH_SOCK (the process environment by default). */
  env?: NodeJS.ProcessEnv;
}

/** Everything a connection needs, resolved from the endpoint, ~/.ssh/config and the environment. */
export interface ResolvedSsh {
  alias: string;
  hostName: string;
  port: number;
  user: string;
  /** How known_hosts names the host. */
  token: string;
  /** `user@host:port`, for messages. */
  display: string;
  knownHostsFiles: string[];
  writeKnownHostsTo: string;
  identityFiles: string[];
  agent?: string;
  readyTimeoutMs: number;
  proxy?: string;
}

const REMOTE_COMMAND = 'docker system dial-stdio';
const DEFAULT_READY_TIMEOUT_MS = 10_000;
/** The ssh server's limit of sessions per connection (OpenSSH's MaxSessions is 10 by default) is met by opening another connection, up to this many. */
const MAX_CONNECTIONS = 8;
const MAX_KEY_FILE_BYTES = 64 * 1024;
const MAX_STDERR_CHARS = 4096;
/** ssh2's host key algorithms, in its default order. */
const HOST_KEY_ALGORITHMS = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];

function homeOf(env: NodeJS.ProcessEnv): string {
  return env.HOME || os.homedir();
}

function localUserOf(env: NodeJS.ProcessEnv): string {
  if (env.USER || env.LOGNAME) return (env.USER || env.LOGNAME)!;
  try {
    return os.userInfo().username;
  } catch {
    return 'root';
  }
}

function readSmallFile(file: string, limit: number): Buffer | undefined {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile() || stat.size > limit) return undefined;
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Where and as whom to connect, as ssh would decide from the endpoint, ~/.ssh/config and the environment. */
export function resolveSsh(endpoint: SshEndpoint, env: NodeJS.ProcessEnv = process.env): ResolvedSsh {
  const home = homeOf(env);
  const localUser = localUserOf(env);
  const configText = readSmallFile(path.join(home, '.ssh', 'config'), 1024 * 1024)?.toString('utf8') ?? '';
  const settings = sshSettingsFor(configText, endpoint.host);
  const hostName = (settings.hostName ?? endpoint.host).replace(/%h/g, endpoint.host);
  const port = endpoint.port ?? settings.port ?? 22;
  const user = endpoint.user ?? settings.user ?? localUser;
  const expand = (value: string) => expandPath(value, { home, localUser, alias: endpoint.host, hostName, remoteUser: user });
  const userKnownHosts = (settings.userKnownHostsFiles ?? ['~/.ssh/known_hosts', '~/.ssh/known_hosts2']).map(expand);
  const globalKnownHosts = (settings.globalKnownHostsFiles ?? ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2']).map(expand);
  const defaultIdentities = ['id_rsa', 'id_ecdsa', 'id_ed25519', 'id_dsa'].map((name) => path.join(home, '.ssh', name));
  const token = hostToken(settings.hostKeyAlias ?? hostName, settings.hostKeyAlias ? 22 : port);
  return {
    alias: endpoint.host,
    hostName,
    port,
    user,
    token,
    display: `${user}@${hostName}${port === 22 ? '' : `:${port}`}`,
    knownHostsFiles: [...userKnownHosts, ...globalKnownHosts],
    writeKnownHostsTo: userKnownHosts[0] ?? path.join(home, '.ssh', 'known_hosts'),
    identityFiles: settings.identityFiles.length ? settings.identityFiles.map(expand) : defaultIdentities,
    agent: settings.identitiesOnly ? undefined : env.SSH_AUTH_SOCK || undefined,
    readyTimeoutMs: settings.connectTimeoutSeconds ? Math.min(settings.connectTimeoutSeconds * 1000, 60_000) : DEFAULT_READY_TIMEOUT_MS,
    proxy: settings.proxy,
  };
}

/** Host key algorithms with the types known_hosts has for this host first (ssh does the same). */
export function preferredHostKeyAlgorithms(knownTypes: readonly string[]): string[] {
  const preferred: string[] = [];
  for (const type of knownTypes) {
    const algorithms = type === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [type];
    for (const algorithm of algorithms) if (HOST_KEY_ALGORITHMS.includes(algorithm) && !preferred.includes(algorithm)) preferred.push(algorithm);
  }
  return [...preferred, ...HOST_KEY_ALGORITHMS.filter((a) => !preferred.includes(a))];
}

interface AuthPlan {
  methods: Array<AgentAuthMethod | PublicKeyAuthMethod>;
  /** What was offered, for the message when the server refuses all of it. */
  tried: string[];
}

/** The agent, then each readable unencrypted key file; encrypted ones are named so the user can load them into the agent. */
export function authPlan(resolved: ResolvedSsh, l10n: Translator = english): AuthPlan {
  const methods: AuthPlan['methods'] = [];
  const tried: string[] = [];
  if (resolved.agent) {
    methods.push({ type: 'agent', username: resolved.user, agent: resolved.agent });
    tried.push(l10n.t('the ssh agent'));
  }
  for (const file of resolved.identityFiles) {
    const key = readSmallFile(file, MAX_KEY_FILE_BYTES);
    if (!key) continue;
    const parsed = ssh2().utils.parseKey(key);
    if (parsed instanceof Error) {
      if (/encrypt|passphrase/i.test(parsed.message)) tried.push(l10n.t('{0} (protected by a passphrase: add it to the agent with ssh-add)', file));
      continue;
    }
    methods.push({ type: 'publickey', username: resolved.user, key });
    tried.push(file);
  }
  return { methods, tried };
}

/** The remote side of a channel that ended before the engine answered: what it said and how it exited. */
export interface RemoteFailure {
  exitCode?: number | null;
  stderr: string;
}

/** Turns a dial-stdio that ended without an answer into the error the user needs. */
export function remoteFailureError(failure: RemoteFailure, display: string, l10n: Translator = english): EngineError {
  const said = failure.stderr.trim().split('\n').slice(-3).join(' ').trim();
  if (failure.exitCode === 127 || /command not found|docker: not found|No such file or directory.*docker\b/i.test(said)) {
    return new EngineError('noRemoteDocker', l10n.t('Connected to {0} over ssh, but there is no docker command there for this user ({1}). Install the Docker CLI on that host, or put it on the PATH of non-interactive ssh sessions.', display, said || `exit ${failure.exitCode}`), said);
  }
  if (/unknown command|is not a docker command|unknown flag/i.test(said)) {
    return new EngineError('noRemoteDocker', l10n.t('The docker command on {0} is too old for ssh connections (it lacks "docker system dial-stdio", added in Docker 18.09): {1}', display, said), said);
  }
  return new EngineError('refused', l10n.t('Connected to {0} over ssh, but docker there could not reach its engine: {1}. Is the Docker Engine running on that host?', display, said || `exit ${failure.exitCode}`), said);
}

/**
 * A dial-stdio channel as the socket of one HTTP connection. When the remote command ends before
 * sending anything, the socket fails with the remote's reason instead of a bare "socket hang up".
 */
export class ChannelSocket extends Duplex {
  private received = false;
  private stderr = '';
  private exitCode: number | null | undefined;
  private channelClosed = false;
  private idleMs = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  timeout = 0;

  constructor(private readonly channel: ClientChannel, private readonly failure: (failure: RemoteFailure) => Error) {
    super({ allowHalfOpen: false });
    channel.on('data', (chunk: Buffer) => {
      this.received = true;
      this.touch();
      if (!this.push(chunk)) channel.pause();
    });
    channel.stderr.on('data', (chunk: Buffer) => {
      if (this.stderr.length < MAX_STDERR_CHARS) this.stderr += chunk.toString('utf8').slice(0, MAX_STDERR_CHARS - this.stderr.length);
    });
    channel.on('exit', (code: number | null) => {
      this.exitCode = code;
    });
    channel.on('error', (error: Error) => this.destroy(error));
    channel.on('close', () => {
      this.channelClosed = true;
      if (this.destroyed) return;
      if (!this.received && ((this.exitCode !== undefined && this.exitCode !== 0) || this.stderr.trim())) {
        this.destroy(this.failure({ exitCode: this.exitCode, stderr: this.stderr }));
      } else {
        this.push(null);
      }
    });
  }

  override _read(): void {
    this.channel.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.channelClosed) return callback(new Error('the ssh channel is closed'));
    this.touch();
    if (this.channel.write(chunk)) callback();
    else this.channel.once('drain', () => callback());
  }

  override _final(callback: (error?: Error | null) => void): void {
    if (!this.channelClosed) this.channel.end();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    clearTimeout(this.idleTimer);
    if (!this.channelClosed) this.channel.close();
    callback(error);
  }

  // What http.ClientRequest and http.Agent expect of a socket.
  /** As net.Socket: 0 turns the idle timer off and removes `callback` (http does that on keep-alive reuse). */
  setTimeout(ms: number, callback?: () => void): this {
    this.timeout = ms;
    this.idleMs = ms;
    if (callback) {
      if (ms === 0) this.removeListener('timeout', callback);
      else this.once('timeout', callback);
    }
    this.touch();
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }

  private touch(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (this.idleMs > 0 && !this.destroyed) {
      this.idleTimer = setTimeout(() => this.emit('timeout'), this.idleMs);
      this.idleTimer.unref?.();
    }
  }
}

interface PooledConnection {
  client: Client;
  channels: number;
  /** The server refused another session on it; reset when one of its channels closes. */
  full: boolean;
}

/** An unknown host key, caught during the handshake and asked about after it. */
class UnknownHostKey extends EngineError {
  constructor(message: string, readonly key: Buffer, readonly otherTypes: string[]) {
    super('hostKeyUnknown', message);
  }
}

/** One ssh engine: its connections and the HTTP agent dockerode sends requests through. */
export class SshTransport {
  private readonly pool: PooledConnection[] = [];
  private opening: Promise<PooledConnection> | undefined;
  private disposed = false;
  /** `user@host:port` once resolved (messages name it). */
  private display: string;
  private readonly l10n: Translator;
  private readonly env: NodeJS.ProcessEnv;
  readonly agent: http.Agent;

  constructor(readonly endpoint: SshEndpoint, private readonly hooks: SshHooks = {}) {
    this.l10n = hooks.l10n ?? english;
    this.env = hooks.env ?? process.env;
    this.display = endpoint.host;
    const agent = new http.Agent({ keepAlive: true, maxFreeSockets: 4, timeout: 30_000 });
    agent.createConnection = (_options, callback) => {
      this.openSocket().then(
        (socket) => callback?.(null, socket),
        (error: Error) => callback?.(error, undefined as unknown as Duplex),
      );
      return undefined;
    };
    this.agent = agent;
  }

  /** A new dial-stdio channel wrapped as a socket. */
  async openSocket(): Promise<ChannelSocket> {
    const channel = await this.openChannel();
    const display = this.display;
    return new ChannelSocket(channel, (failure) => remoteFailureError(failure, display, this.l10n));
  }

  dispose(): void {
    this.disposed = true;
    this.agent.destroy();
    for (const connection of this.pool.splice(0)) connection.client.end();
  }

  private async openChannel(): Promise<ClientChannel> {
    // A switched-away engine may still be asked (a log terminal left open): it does not reconnect.
    if (this.disposed) throw new EngineError('refused', this.l10n.t('The engine connection was closed.'));
    for (let attempt = 0; attempt <= MAX_CONNECTIONS; attempt++) {
      const connection = await this.connection();
      try {
        return await this.exec(connection);
      } catch (error) {
        // The server refused another session on this connection: use (or open) another one.
        if (error instanceof Error && /Channel open failure/i.test(error.message)) {
          connection.full = true;
          continue;
        }
        throw this.connectionLost(error);
      }
    }
    throw new EngineError('failed', this.l10n.t('The ssh server at {0} refused another session on {1} connections.', this.display, MAX_CONNECTIONS));
  }

  private connection(): Promise<PooledConnection> {
    const free = this.pool.find((c) => !c.full);
    if (free) return Promise.resolve(free);
    if (this.pool.length >= MAX_CONNECTIONS) {
      return Promise.reject(new EngineError('failed', this.l10n.t('Too many streams are open to {0} at once; close some logs or terminals.', this.display)));
    }
    this.opening ??= this.open().then(
      (connection) => {
        this.opening = undefined;
        if (this.disposed) {
          connection.client.end();
          throw new EngineError('failed', this.l10n.t('The engine connection was closed.'));
        }
        this.pool.push(connection);
        return connection;
      },
      (error: unknown) => {
        this.opening = undefined;
        throw error;
      },
    );
    return this.opening;
  }

  private exec(connection: PooledConnection): Promise<ClientChannel> {
    return new Promise((resolve, reject) => {
      try {
        connection.client.exec(REMOTE_COMMAND, (error, channel) => {
          if (error) return reject(error);
          connection.channels++;
          channel.once('close', () => {
            connection.channels--;
            connection.full = false;
          });
          resolve(channel);
        });
      } catch (error) {
        reject(error);
      }
    });
  }

  private connectionLost(error: unknown): EngineError {
    if (error instanceof EngineError) return error;
    return new EngineError('refused', this.l10n.t('The ssh connection to {0} was lost: {1}', this.display, error instanceof Error ? error.message : String(error)));
  }

  /** Opens and authenticates one connection; asks about an unknown host key once, outside the handshake's timeout. */
  private async open(): Promise<PooledConnection> {
    const resolved = resolveSsh(this.endpoint, this.env);
    this.display = resolved.display;
    if (resolved.proxy) {
      throw new EngineError('failed', this.l10n.t('~/.ssh/config reaches {0} through "{1}", which Docker Workbench does not follow (it connects directly). Use a Docker context whose host is reachable directly.', resolved.alias, resolved.proxy));
    }
    let client: Client;
    try {
      client = await this.handshake(resolved, readKnownHosts(resolved.knownHostsFiles));
    } catch (error) {
      if (!(error instanceof UnknownHostKey)) throw error;
      const question: UnknownHostQuestion = {
        host: resolved.token,
        keyType: keyTypeLabel(keyTypeOf(error.key) ?? ''),
        fingerprint: fingerprint(error.key),
        otherTypes: error.otherTypes.map(keyTypeLabel),
        knownHostsFile: resolved.writeKnownHostsTo,
      };
      const accepted = this.hooks.confirmUnknownHost ? await this.hooks.confirmUnknownHost(question).catch(() => false) : false;
      if (!accepted) {
        throw new EngineError('hostKeyUnknown', this.l10n.t(
          'The authenticity of {0} could not be established: its {1} key {2} is not in {3}, and it was not accepted. Check the fingerprint with the host\'s administrator, then Retry to accept it.',
          resolved.token, question.keyType, question.fingerprint, resolved.writeKnownHostsTo,
        ));
      }
      appendKnownHost(resolved.writeKnownHostsTo, resolved.token, error.key);
      client = await this.handshake(resolved, readKnownHosts(resolved.knownHostsFiles));
    }
    const connection: PooledConnection = { client, channels: 0, full: false };
    const forget = () => {
      const index = this.pool.indexOf(connection);
      if (index >= 0) this.pool.splice(index, 1);
    };
    client.on('close', forget);
    client.on('end', forget);
    return connection;
  }

  private handshake(resolved: ResolvedSsh, known: KnownHostLine[]): Promise<Client> {
    const plan = authPlan(resolved, this.l10n);
    return new Promise<Client>((resolve, reject) => {
      const client = new (ssh2().Client)();
      let hostProblem: EngineError | undefined;
      let settled = false;
      const fail = (error: EngineError) => {
        if (settled) return;
        settled = true;
        client.end();
        reject(error);
      };
      client.on('ready', () => {
        if (settled) return void client.end();
        settled = true;
        resolve(client);
      });
      // Stays attached after 'ready' so a later error never goes unhandled.
      client.on('error', (error: Error & { level?: string; code?: string }) => fail(hostProblem ?? this.connectError(error, resolved, plan)));
      client.on('close', () => fail(hostProblem ?? new EngineError('refused', this.l10n.t('The ssh server at {0} closed the connection during the handshake.', resolved.display))));
      try {
        client.connect({
          host: resolved.hostName,
          port: resolved.port,
          username: resolved.user,
          readyTimeout: resolved.readyTimeoutMs,
          // Notices a dead link (the event stream would otherwise wait forever).
          keepaliveInterval: 15_000,
          keepaliveCountMax: 2,
          algorithms: { serverHostKey: preferredHostKeyAlgorithms(knownKeyTypes(known, resolved.token)) as never },
          hostVerifier: (key: Buffer) => {
            const verdict = checkHostKey(known, resolved.token, key);
            if (verdict.kind === 'known') return true;
            hostProblem = this.hostKeyError(verdict, key, resolved);
            return false;
          },
          authHandler: plan.methods,
        });
      } catch (error) {
        fail(this.connectError(error as Error, resolved, plan));
      }
    });
  }

  private hostKeyError(verdict: Exclude<HostKeyVerdict, { kind: 'known' }>, key: Buffer, resolved: ResolvedSsh): EngineError {
    const type = keyTypeLabel(keyTypeOf(key) ?? '');
    const print = fingerprint(key);
    switch (verdict.kind) {
      case 'unknown':
        return new UnknownHostKey(this.l10n.t('The host key of {0} ({1} {2}) is not in known_hosts.', resolved.token, type, print), key, verdict.otherTypes);
      case 'changed':
        return new EngineError('hostKeyChanged', this.l10n.t(
          'WARNING: the host key of {0} has CHANGED. It now presents {1} {2}, but {3} (line {4}) holds a different {1} key for it. Someone could be intercepting the connection (a man-in-the-middle attack), or the host was reinstalled. Docker Workbench will not connect. If you know why the key changed, remove the old one with: ssh-keygen -R "{0}"',
          resolved.token, type, print, verdict.entry.file, verdict.entry.line,
        ));
      case 'revoked':
        return new EngineError('hostKeyChanged', this.l10n.t(
          'The host key of {0} ({1} {2}) is marked @revoked in {3} (line {4}). Docker Workbench will not connect.',
          resolved.token, type, print, verdict.entry.file, verdict.entry.line,
        ));
    }
  }

  private connectError(error: Error & { level?: string; code?: string }, resolved: ResolvedSsh, plan: AuthPlan): EngineError {
    const code = typeof error.code === 'string' ? error.code : '';
    if (error.level === 'client-authentication') {
      const tried = plan.tried.length ? plan.tried.join(', ') : this.l10n.t('nothing: SSH_AUTH_SOCK is not set and ~/.ssh has no usable key');
      return new EngineError('authFailed', this.l10n.t(
        'The ssh server at {0} refused every key for user {1} (offered: {2}). Add your public key to ~/.ssh/authorized_keys of {1} on that host, or load the right key into your ssh agent with ssh-add.',
        resolved.display, resolved.user, tried,
      ), error.message);
    }
    if (error.level === 'client-timeout' || code === 'ETIMEDOUT') {
      return new EngineError('timeout', this.l10n.t('The ssh server at {0} did not complete the handshake within {1} seconds.', resolved.display, Math.round(resolved.readyTimeoutMs / 1000)), error.message);
    }
    if (code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ECONNRESET') {
      return new EngineError('refused', this.l10n.t('Cannot reach an ssh server at {0} ({1}).', resolved.display, code), error.message);
    }
    return new EngineError('refused', this.l10n.t('The ssh connection to {0} failed: {1}', resolved.display, error.message), error.message);
  }
}
