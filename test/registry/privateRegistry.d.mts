// Types for privateRegistry.mjs, so TypeScript tests can start their own registry.
export interface PrivateRegistry {
  /** `127.0.0.1:<port>`, as image references name it. */
  host: string;
  url: string;
  root: string;
  logFile: string;
  stop(): Promise<void>;
}

export interface TokenRequest {
  method: 'GET' | 'POST';
  scopes: string[];
  /** The user the request authenticated as (null: anonymous or refused). */
  user: string | null;
  grantType?: string | null;
  account?: string | null;
  offline?: boolean;
  refused?: boolean;
  clientId?: string | null;
  userAgent: string;
}

export interface TokenService {
  realm: string;
  service: string;
  issuer: string;
  certFile: string;
  root: string;
  requests: TokenRequest[];
  stop(): Promise<void>;
}

export const REGISTRY_REQUIREMENTS: Array<[string, string]>;
export function missingRegistryRequirements(): Array<[string, string]>;
export function startPrivateRegistry(options?: {
  auth?: 'htpasswd' | 'token' | 'none';
  users?: Record<string, string>;
  token?: TokenService;
  deletes?: boolean;
  timeoutMs?: number;
}): Promise<PrivateRegistry>;
export function startTokenService(options?: { users?: Record<string, string>; service?: string; issuer?: string }): Promise<TokenService>;
