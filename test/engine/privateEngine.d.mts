// Types for privateEngine.mjs, so TypeScript tests can start their own engine.
export const TEST_IMAGE: string;
export interface PrivateEngine {
  host: string;
  socketPath: string;
  root: string;
  bridge: string;
  logFile: string;
  readonly pid: number | undefined;
  stop(): Promise<void>;
  /** Stops dockerd and starts it again on the same socket and data. */
  restart(options?: { downMs?: number }): Promise<void>;
  /** Stops dockerd only; `resume` starts it again. */
  pause(): Promise<void>;
  resume(): Promise<void>;
}
export function startPrivateEngine(options?: { timeoutMs?: number; buildImage?: boolean }): Promise<PrivateEngine>;
export function which(command: string): string | undefined;
export function missingRequirements(): Array<[string, string]>;
