// Where the Docker Engine is: parsed from DOCKER_HOST (or a context's endpoint) into the options
// dockerode understands. Pure, so it is unit-tested without an engine.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type Dockerode from 'dockerode';
import type { SshEndpoint } from './sshTransport';

export interface EngineTarget {
  /** How the user would name it: `unix:///var/run/docker.sock`, `tcp://host:2376`, `ssh://me@host`. */
  readonly endpoint: string;
  readonly options: Dockerode.DockerOptions;
  /** For ssh engines: where to connect; requests then go through an SshTransport (sshTransport.ts). */
  readonly ssh?: SshEndpoint;
}

export const DEFAULT_UNIX_SOCKET = '/var/run/docker.sock';
/** What an ssh engine's requests name as their socket; the ssh transport makes the connections. */
export const SSH_SOCKET_PLACEHOLDER = 'docker-workbench-ssh';

export interface TlsMaterial {
  /** Folder with ca.pem, cert.pem, key.pem (DOCKER_CERT_PATH or a context's TLS folder). */
  certPath?: string;
  verify: boolean;
}

/** An engine on this machine (a Unix socket or a named pipe): reaching it costs nothing and asks nothing of the user. */
export function isLocalEngine(target: EngineTarget): boolean {
  return !target.ssh && typeof target.options.socketPath === 'string';
}

/** Parses a Docker endpoint. Throws an Error with a readable message when it is not one. */
export function parseEndpoint(endpoint: string, tls: TlsMaterial = { verify: false }): EngineTarget {
  const value = endpoint.trim();
  if (value === '') return { endpoint: `unix://${DEFAULT_UNIX_SOCKET}`, options: { socketPath: DEFAULT_UNIX_SOCKET } };
  if (value.startsWith('unix://')) {
    const socketPath = value.slice('unix://'.length) || DEFAULT_UNIX_SOCKET;
    return { endpoint: `unix://${socketPath}`, options: { socketPath } };
  }
  if (value.startsWith('npipe://')) {
    const socketPath = value.slice('npipe://'.length) || '//./pipe/docker_engine';
    return { endpoint: value, options: { socketPath } };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`"${value}" is not a Docker endpoint (expected unix://, tcp://, ssh:// or npipe://)`);
  }
  if (url.protocol === 'tcp:' || url.protocol === 'http:' || url.protocol === 'https:') {
    const useTls = url.protocol === 'https:' || tls.verify || Boolean(tls.certPath && url.port === '2376');
    const options: Dockerode.DockerOptions = {
      host: url.hostname,
      port: url.port || (useTls ? '2376' : '2375'),
      protocol: useTls ? 'https' : 'http',
    };
    if (useTls && tls.certPath) {
      options.ca = readIfPresent(path.join(tls.certPath, 'ca.pem'));
      options.cert = readIfPresent(path.join(tls.certPath, 'cert.pem'));
      options.key = readIfPresent(path.join(tls.certPath, 'key.pem'));
    }
    return { endpoint: value, options };
  }
  if (url.protocol === 'ssh:') {
    if (!url.hostname) throw new Error(`"${value}" names no host`);
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const ssh: SshEndpoint = { host, port: url.port ? Number(url.port) : undefined, user: decodeURIComponent(url.username) || undefined };
    // HTTP over the ssh channels (the transport's agent makes every connection). A socketPath,
    // never dialled, keeps VS Code's proxy support from replacing that agent: it leaves requests
    // with a socketPath alone.
    return { endpoint: value, options: { socketPath: SSH_SOCKET_PLACEHOLDER }, ssh };
  }
  throw new Error(`"${value}" uses ${url.protocol} which Docker does not support (use unix://, tcp://, ssh:// or npipe://)`);
}

/** The engine the docker CLI would use from these environment variables. */
export function targetFromEnvironment(env: NodeJS.ProcessEnv): EngineTarget {
  const host = env.DOCKER_HOST ?? '';
  const verify = env.DOCKER_TLS_VERIFY !== undefined && env.DOCKER_TLS_VERIFY !== '' && env.DOCKER_TLS_VERIFY !== '0';
  const certPath = env.DOCKER_CERT_PATH || (verify && env.HOME ? path.join(env.HOME, '.docker') : undefined);
  return parseEndpoint(host, { verify, certPath });
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}
