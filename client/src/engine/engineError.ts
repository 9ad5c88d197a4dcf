// Every failure talking to the engine becomes one EngineError with a kind the UI can act on
// and a message that says what to do, in the user's language: messages go through an injected
// translator (vscode.l10n in the extension, English in unit tests). Pure classification,
// unit-tested. What the engine itself answered (a 404's or 409's message) is passed on as it is.
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

/** The shape of vscode.l10n, so the messages can be translated without importing vscode here. */
export interface EngineMessages {
  t(message: string, ...args: Array<string | number | boolean>): string;
}

export const englishEngineMessages: EngineMessages = {
  t: (message, ...args) => message.replace(/\{(\d+)\}/g, (whole, index: string) => (Number(index) < args.length ? String(args[Number(index)]) : whole)),
};

interface ErrorLike {
  code?: unknown;
  errno?: unknown;
  statusCode?: unknown;
  message?: unknown;
  json?: { message?: unknown } | null;
  address?: unknown;
}

/** Turns whatever dockerode, docker-modem or node threw into an EngineError. */
export function toEngineError(error: unknown, endpoint: string, l10n: EngineMessages = englishEngineMessages): EngineError {
  if (error instanceof EngineError) return error;
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as ErrorLike;
  const code = typeof e.code === 'string' ? e.code : '';
  const raw = typeof e.message === 'string' ? e.message : String(error);
  const engineMessage = typeof e.json?.message === 'string' ? e.json.message : undefined;
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const where = typeof e.address === 'string' ? e.address : endpoint;

  if (code === 'ENOENT') {
    return new EngineError('socketMissing', l10n.t('No Docker Engine socket at {0}. Is the engine running?', where), raw);
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new EngineError(
      'permissionDenied',
      l10n.t('Permission denied on {0}. Add your user to the "docker" group (sudo usermod -aG docker $USER), then log out and in again.', where),
      raw,
    );
  }
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EPIPE' || code === 'EHOSTUNREACH' || code === 'ENOTFOUND') {
    return new EngineError('refused', l10n.t('The Docker Engine at {0} refused the connection ({1}). Is it running?', where, code), raw);
  }
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT' || /timed? ?out/i.test(raw)) {
    return new EngineError('timeout', l10n.t('The Docker Engine at {0} did not answer in time.', where), raw);
  }
  if (code.startsWith('ERR_TLS') || code.startsWith('CERT_') || code.includes('SSL') || /certificate|tls|ssl/i.test(raw)) {
    return new EngineError('tls', l10n.t('TLS handshake with {0} failed: {1}. Check DOCKER_CERT_PATH and DOCKER_TLS_VERIFY.', where, raw), raw);
  }
  if (status === 404) return new EngineError('notFound', engineMessage ?? raw, raw);
  if (status === 409) return new EngineError('conflict', engineMessage ?? raw, raw);
  return new EngineError('failed', engineMessage ?? raw, raw);
}
