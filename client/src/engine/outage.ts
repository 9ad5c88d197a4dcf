// The engine connection's states, and what the UI says while the engine cannot be reached: a short
// line per kind of failure (the first line of the views' welcome content in package.nls.json, which
// also carries the advice and a Retry button; unit tests keep the two the same), and the rule for
// notifications: one per outage, none per retry. Pure.
import type { EngineError, EngineMessages } from './engineError';

export type ConnectionState =
  /** `retrying`: the error of the outage this attempt tries to end (so views keep showing it). */
  | { status: 'connecting'; retrying?: EngineError }
  | { status: 'connected' }
  | { status: 'unreachable'; error: EngineError; retryInMs?: number };

/** The outage the connection is in, counting a reconnect attempt during one; undefined when none. */
export function outageOf(state: ConnectionState): EngineError | undefined {
  if (state.status === 'unreachable') return state.error;
  if (state.status === 'connecting') return state.retrying;
  return undefined;
}

/** The kinds the welcome content has its own advice for (package.json viewsWelcome). */
export type ProblemKind = 'socketMissing' | 'permissionDenied' | 'refused' | 'tls' | 'timeout' | 'ssh' | 'other';

export function problemKind(error: EngineError): ProblemKind {
  switch (error.kind) {
    case 'socketMissing':
    case 'permissionDenied':
    case 'refused':
    case 'tls':
    case 'timeout':
      return error.kind;
    // ssh failures the user must act on (host key, refused key, no docker there): the reason is in
    // the notification and the status bar, so the welcome points there instead of at the log.
    case 'hostKeyUnknown':
    case 'hostKeyChanged':
    case 'authFailed':
    case 'noRemoteDocker':
      return 'ssh';
    default:
      return 'other';
  }
}

/** One short line naming the failure. */
export function shortProblem(error: EngineError, l10n: EngineMessages): string {
  switch (problemKind(error)) {
    case 'socketMissing': return l10n.t('Docker is not running here: there is no engine socket.');
    case 'permissionDenied': return l10n.t('No permission to use the Docker Engine socket.');
    case 'refused': return l10n.t('The Docker Engine refuses the connection.');
    case 'tls': return l10n.t('The secure (TLS) connection to the Docker Engine failed.');
    case 'timeout': return l10n.t('The Docker Engine does not answer.');
    case 'ssh': return l10n.t('The ssh connection to the engine failed.');
    case 'other': return l10n.t('The Docker Engine cannot be reached.');
  }
}

/**
 * Decides when to notify: at the first failure of an outage (the state becomes unreachable with
 * no outage before it), not at each failed retry. Connecting again, or another engine, ends it.
 */
export class OutageNotices {
  private inOutage = false;

  /** The error to notify about now, or undefined. Call on every state change. */
  observe(state: ConnectionState): EngineError | undefined {
    if (state.status === 'connected') {
      this.inOutage = false;
      return undefined;
    }
    if (state.status !== 'unreachable' || this.inOutage) return undefined;
    this.inOutage = true;
    return state.error;
  }

  /** Another engine was chosen: its first failure is a new outage. */
  reset(): void {
    this.inOutage = false;
  }

  /** True from the first failure until the engine answers again. */
  get active(): boolean {
    return this.inOutage;
  }
}
