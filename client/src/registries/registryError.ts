// Every failure talking to a registry becomes one RegistryError with a kind the UI turns into a
// localized message (registryMessages.ts). The English message is for the log; neither ever
// carries a credential or a token.
export type RegistryErrorKind =
  /** Nothing answered (refused, unknown host, reset). */
  | 'unreachable'
  | 'timeout'
  | 'tls'
  /** No credentials, or the registry refused them. */
  | 'unauthorized'
  /** Logged in, but not allowed to do this. */
  | 'denied'
  | 'notFound'
  /** The registry does not offer this (listing repositories, deleting). */
  | 'unsupported'
  | 'tooLarge'
  /** An answer that is not what the API says (bad JSON, a missing header). */
  | 'badResponse'
  | 'failed';

export class RegistryError extends Error {
  constructor(
    readonly kind: RegistryErrorKind,
    /** `host[:port]` of the registry (or of its token service). */
    readonly host: string,
    message: string,
    readonly status?: number,
    /** The registry's own error codes (`UNSUPPORTED`, `DENIED`…) and message, when it sent them. */
    readonly codes: readonly string[] = [],
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

/** The `errors` array of a registry's error body (distribution spec), bounded and without surprises. */
export function registryErrorBody(body: Buffer | undefined): { codes: string[]; message?: string } {
  if (!body || body.length === 0 || body.length > 64 * 1024) return { codes: [] };
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { errors?: Array<{ code?: unknown; message?: unknown }>; error?: unknown; details?: unknown };
    if (Array.isArray(parsed.errors)) {
      const errors = parsed.errors.slice(0, 10);
      const codes = errors.map((e) => (typeof e.code === 'string' ? e.code : '')).filter(Boolean);
      const message = errors.map((e) => (typeof e.message === 'string' ? e.message : '')).filter(Boolean).join('; ');
      return { codes, message: message ? message.slice(0, 500) : undefined };
    }
    // Token services answer {"error": "...", "details": "..."} (OAuth2 style), or only details.
    const said = [parsed.error, parsed.details].filter((v): v is string => typeof v === 'string' && v !== '');
    if (said.length) return { codes: [], message: said.join(': ').slice(0, 500) };
  } catch {
    // not JSON: nothing more to say
  }
  return { codes: [] };
}
