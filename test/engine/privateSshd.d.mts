// Types for privateSshd.mjs, so TypeScript tests can start their own sshd.
export interface TestKey {
  privateKey: string;
  publicKey: string;
  /** `ssh-ed25519 AAAA… comment` */
  publicLine: string;
}
export interface PrivateSshd {
  /** The port of each session environment passed to startPrivateSshd. */
  ports: Record<string, number>;
  user: string;
  root: string;
  hostKey: TestKey;
  /** The key sshd accepts. */
  clientKey: TestKey;
  /** A key sshd does not know. */
  otherKey: TestKey;
  logFile: string;
  stop(): Promise<void>;
}
export function startPrivateSshd(options: { sessions: Record<string, Record<string, string>>; timeoutMs?: number }): Promise<PrivateSshd>;
export function sshdPath(): string | undefined;
export function keyBlob(publicLine: string): Buffer;
