// Types for lspPeer.mjs, for TypeScript tests.
import type { ChildProcess } from 'node:child_process';
export class LspPeer {
  constructor(command: string, args: string[], options?: object);
  readonly child: ChildProcess;
  send(message: object): void;
  request(method: string, params: unknown): Promise<any>;
  notify(method: string, params: unknown): void;
  next(match: (message: any) => boolean, timeoutMs?: number): Promise<any>;
  observe(observer: (message: any) => void): void;
  peakMemoryMb(): number;
  stop(): Promise<void>;
}
export function percentile(values: number[], p: number): number;
export function measureServer(options: object): Promise<any>;
