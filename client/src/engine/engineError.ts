// Every failure talking to the engine becomes one EngineError with a kind the UI can act on
// and a message that says what to do. Pure classification, unit-tested.
export type EngineErrorKind =
  | 'socketMissing'
  | 'permissionDenied'
  | 'refused'
  | 'tls'
  | 'timeout'
  | 'notFound'
  | 'conflict'
  | 'failed'
  // ssh engines: the host's key is not in known_hosts (and was not accepted), or it changed
  // (or is revoked); the server refused every key; the remote has no docker command.
  | 'hostKeyUnknown'
  | 'hostKeyChanged'
  | 'authFailed'
  | 'noRemoteDocker';

export class EngineError extends Error {
  constructor(
    readonly kind: EngineErrorKind,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }

  /** True when the engine could not be reached at all (as opposed to refusing one request). */
  get unreachable(): boolean {
    return this.kind === 'socketMissing' || this.kind === 'permissionDenied' || this.kind === 'refused' || this.kind === 'tls' || this.kind === 'timeout' || this.needsUser;
  }

  /** True when trying again cannot help until the user acts (accepts a host key, adds a key…). */
  get needsUser(): boolean {
    return this.kind === 'hostKeyUnknown' || this.kind === 'hostKeyChanged' || this.kind === 'authFailed' || this.kind === 'noRemoteDocker';
  }
}

interface ErrorLike {
  code?: unknown;
  errno?: unknown;
  statusCode?: unknown;
  message?: unknown;
  json?: { message?: unknown } | null;
  address?: unknown;
}

/** Turns whatever dockerode, docker-modem or node threw into an EngineError. */
export function toEngineError(error: unknown, endpoint: string): EngineError {
  if (error instanceof EngineError) return error;
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as ErrorLike;
  const code = typeof e.code === 'string' ? e.code : '';
  const raw = typeof e.message === 'string' ? e.message : String(error);
  const engineMessage = typeof e.json?.message === 'string' ? e.json.message : undefined;
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const where = typeof e.address === 'string' ? e.address : endpoint;

  if (code === 'ENOENT') {
    return new EngineError('socketMissing', `No Docker Engine socket at ${where}. Is the engine running?`, raw);
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new EngineError(
      'permissionDenied',
      `Permission denied on ${where}. Add your user to the "docker" group (sudo usermod -aG docker $USER), then log out and in again.`,
      raw,
    );
  }
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EPIPE' || code === 'EHOSTUNREACH' || code === 'ENOTFOUND') {
    return new EngineError('refused', `The Docker Engine at ${where} refused the connection (${code}). Is it running?`, raw);
  }
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT' || /timed? ?out/i.test(raw)) {
    return new EngineError('timeout', `The Docker Engine at ${where} did not answer in time.`, raw);
  }
  if (code.startsWith('ERR_TLS') || code.startsWith('CERT_') || code.includes('SSL') || /certificate|tls|ssl/i.test(raw)) {
    return new EngineError('tls', `TLS handshake with ${where} failed: ${raw}. Check DOCKER_CERT_PATH and DOCKER_TLS_VERIFY.`, raw);
  }
  if (status === 404) return new EngineError('notFound', engineMessage ?? raw, raw);
  if (status === 409) return new EngineError('conflict', engineMessage ?? raw, raw);
  return new EngineError('failed', engineMessage ?? raw, raw);
}
