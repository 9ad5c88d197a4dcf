// The engines a user can pick: DOCKER_HOST when set, the Docker CLI's contexts in
// ~/.docker/contexts (with their TLS material), the default socket, and Podman's
// Docker-compatible sockets (rootful and rootless) when they exist. Reading is synchronous
// and cheap (a few small JSON files); it happens when the Engines view opens or the files change.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseEndpoint, targetFromEnvironment, DEFAULT_UNIX_SOCKET, type EngineTarget } from './engineTarget';

export interface EngineChoice {
  /** `env`, `default`, or `context:<name>`. */
  id: string;
  label: string;
  description: string;
  target?: EngineTarget;
  /** Why this choice cannot be used (a malformed endpoint, say). */
  problem?: string;
  /** The CLI environment that selects the same engine for docker/compose commands. */
  cliEnv: Record<string, string>;
}

export function dockerConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_CONFIG || path.join(env.HOME || os.homedir(), '.docker');
}

interface ContextMeta {
  Name?: string;
  Metadata?: { Description?: string };
  Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } };
}

/** Lists every engine the user could mean, in the order the Engines view shows them. */
export function listEngineChoices(env: NodeJS.ProcessEnv = process.env): EngineChoice[] {
  const choices: EngineChoice[] = [];
  if (env.DOCKER_HOST) {
    choices.push(safeChoice('env', 'DOCKER_HOST', env.DOCKER_HOST, () => targetFromEnvironment(env), { DOCKER_HOST: env.DOCKER_HOST }));
  }
  choices.push(safeChoice('default', 'default', `unix://${DEFAULT_UNIX_SOCKET}`, () => parseEndpoint(''), { DOCKER_CONTEXT: 'default', DOCKER_HOST: '' }));

  for (const podman of podmanSockets(env)) {
    if (!isSocket(podman.socket)) continue;
    const endpoint = `unix://${podman.socket}`;
    choices.push(safeChoice(podman.id, podman.label, endpoint, () => parseEndpoint(endpoint), { DOCKER_HOST: endpoint }));
  }

  const configDir = dockerConfigDir(env);
  const metaRoot = path.join(configDir, 'contexts', 'meta');
  let entries: string[] = [];
  try {
    entries = fs.readdirSync(metaRoot);
  } catch {
    entries = [];
  }
  for (const entry of entries.sort()) {
    let meta: ContextMeta;
    try {
      meta = JSON.parse(fs.readFileSync(path.join(metaRoot, entry, 'meta.json'), 'utf8')) as ContextMeta;
    } catch {
      continue;
    }
    const name = meta.Name;
    const host = meta.Endpoints?.docker?.Host;
    if (!name || !host) continue;
    const tlsDir = path.join(configDir, 'contexts', 'tls', contextDigest(name), 'docker');
    const hasTls = fs.existsSync(path.join(tlsDir, 'ca.pem')) || fs.existsSync(path.join(tlsDir, 'cert.pem'));
    choices.push(safeChoice(
      `context:${name}`,
      name,
      meta.Metadata?.Description ? `${meta.Metadata.Description} · ${host}` : host,
      () => parseEndpoint(host, { verify: hasTls && !meta.Endpoints?.docker?.SkipTLSVerify, certPath: hasTls ? tlsDir : undefined }),
      { DOCKER_CONTEXT: name, DOCKER_HOST: '' },
    ));
  }
  return choices;
}

/** Where Podman serves its Docker-compatible API (`systemctl enable --now podman.socket`, or `--user` for rootless). */
export function podmanSockets(env: NodeJS.ProcessEnv = process.env): Array<{ id: string; label: string; socket: string }> {
  const uid = process.getuid?.();
  const runtimeDir = env.XDG_RUNTIME_DIR || (uid !== undefined ? `/run/user/${uid}` : '');
  const sockets = [{ id: 'podman', label: 'Podman', socket: '/run/podman/podman.sock' }];
  if (runtimeDir) sockets.push({ id: 'podman-rootless', label: 'Podman (rootless)', socket: path.join(runtimeDir, 'podman', 'podman.sock') });
  return sockets;
}

function isSocket(file: string): boolean {
  try {
    return fs.statSync(file).isSocket();
  } catch {
    return false;
  }
}

/** The engine the docker CLI would use right now, by its own precedence. */
export function cliDefaultChoiceId(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DOCKER_HOST) return 'env';
  const context = env.DOCKER_CONTEXT || readCurrentContext(env);
  return context && context !== 'default' ? `context:${context}` : 'default';
}

function readCurrentContext(env: NodeJS.ProcessEnv): string | undefined {
  try {
    const config = JSON.parse(fs.readFileSync(path.join(dockerConfigDir(env), 'config.json'), 'utf8')) as { currentContext?: string };
    return config.currentContext;
  } catch {
    return undefined;
  }
}

/** The CLI names a context's folders by the SHA-256 of the context name. */
export function contextDigest(name: string): string {
  return crypto.createHash('sha256').update(name).digest('hex');
}

function safeChoice(id: string, label: string, description: string, target: () => EngineTarget, cliEnv: Record<string, string>): EngineChoice {
  try {
    return { id, label, description, target: target(), cliEnv };
  } catch (error) {
    return { id, label, description, problem: (error as Error).message, cliEnv };
  }
}
