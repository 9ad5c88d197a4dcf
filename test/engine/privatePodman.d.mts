// Types for privatePodman.mjs, so TypeScript tests can start their own Podman service.
export const PODMAN_TEST_IMAGE: string;
export interface PrivatePodman {
  /** `unix:///tmp/dwb-podman-…/podman.sock` */
  host: string;
  socketPath: string;
  root: string;
  logFile: string;
  stop(): Promise<void>;
}
export function startPrivatePodman(options?: { timeoutMs?: number }): Promise<PrivatePodman>;
