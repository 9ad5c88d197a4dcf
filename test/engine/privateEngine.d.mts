// Types for privateEngine.mjs, so TypeScript tests can start their own engine.
export const TEST_IMAGE: string;
export interface PrivateEngine {
  host: string;
  socketPath: string;
  root: string;
  bridge: string;
  logFile: string;
  /** With `tls: true`: dockerd also listens on this tcp endpoint with --tlsverify; `clientDir` holds ca.pem, cert.pem, key.pem. */
  tls?: { host: string; clientDir: string };
  readonly pid: number | undefined;
  stop(): Promise<void>;
  /** Stops dockerd and starts it again on the same socket and data. */
  restart(options?: { downMs?: number }): Promise<void>;
  /** Stops dockerd only; `resume` starts it again. */
  pause(): Promise<void>;
  resume(): Promise<void>;
}
export function startPrivateEngine(options?: { timeoutMs?: number; buildImage?: boolean; tls?: boolean }): Promise<PrivateEngine>;
export function which(command: string): string | undefined;
export function missingRequirements(): Array<[string, string]>;
