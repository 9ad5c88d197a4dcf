// The main thread's side of a language host. A WorkerHost runs the host in a worker thread with
// a memory limit, so a stuck feature or a runaway input costs that thread, never the connection:
// a call not answered in time is answered by the caller's fallback, a worker that stays busy too
// long is stopped, one that runs out of memory ends on its own; the next message starts a fresh
// worker, which is first told the documents and state again. An InlineHost runs the host in the
// calling thread (tests, and wherever worker threads are not wanted).
import type { Worker } from 'node:worker_threads';
import { LanguageHost, type HostMessage, type HostReply } from './host';
import { HOST_ROLE, startHostWorker, type HostWorkerData } from './workerStart';
import { DeltaDecoder } from './diagnosticsDelta';

export type SyncMessage = Exclude<HostMessage, { id: number }>;
type CallMessage = Extract<HostMessage, { id: number }>;
export type Call = CallMessage extends infer M ? (M extends { id: number } ? Omit<M, 'id'> : never) : never;

export type CallOutcome =
  | { kind: 'reply'; reply: HostReply }
  /** Not answered within `answerMs` (the worker goes on; its reply is dropped). */
  | { kind: 'late' }
  /** The worker ended before answering: stopped after `killMs` without an answer, out of memory, or crashed. */
  | { kind: 'lost'; reason: 'stuck' | 'memory' | 'crash' };

export interface CallLimits {
  answerMs: number;
  killMs: number;
  /** Added to answerMs when this call is what starts the worker (it loads the server first). */
  coldStartMs?: number;
}

export interface Host {
  /** Starts the worker now rather than on the first call (it takes a few hundred milliseconds). */
  start(): void;
  post(message: SyncMessage): void;
  call(message: Call, limits: CallLimits): Promise<CallOutcome>;
  dispose(): Promise<void>;
}

export class InlineHost implements Host {
  private readonly host = new LanguageHost();
  private nextId = 1;

  start(): void {
    // Nothing to start.
  }

  post(message: SyncMessage): void {
    this.host.handle(message);
  }

  call(message: Call): Promise<CallOutcome> {
    return Promise.resolve({ kind: 'reply', reply: this.host.handle({ ...message, id: this.nextId++ })! });
  }

  dispose(): Promise<void> {
    return Promise.resolve();
  }
}

export interface WorkerHostOptions {
  /** The script that runs runHostWorker when started with HOST_ROLE (dist/server.js). */
  entry: string;
  /** Given to each worker (the code cache folder). */
  workerData?: Omit<HostWorkerData, 'role'>;
  /** A worker already started with the same entry and data, taken instead of starting one (once). */
  takeStarted?: () => Worker | undefined;
  /** Messages that bring a fresh worker up to date (state, open documents, published diagnostics). */
  replay: () => SyncMessage[];
  /** Heap limit of the worker, in MB. */
  memoryMb: number;
  log: (message: string) => void;
  /** Told when a worker starts (the log's information level). */
  started?: (message: string) => void;
  name: string;
}

interface Pending {
  resolve(outcome: CallOutcome): void;
  /** When it was posted (performance.now()). */
  posted: number;
  killMs: number;
  answered: boolean;
  timer: NodeJS.Timeout;
}

export class WorkerHost implements Host {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private lostReason: 'stuck' | 'memory' | 'crash' = 'crash';
  private watchdog: NodeJS.Timeout | undefined;
  private disposed = false;
  private startedAt = 0;
  /** The last diagnostics of each file from this worker, which its next answer builds on. */
  private readonly delta = new DeltaDecoder();
  /** Workers started so far (for the log and tests). */
  starts = 0;

  constructor(private readonly options: WorkerHostOptions) {}

  private ensure(): Worker {
    if (this.worker) return this.worker;
    this.starts++;
    this.startedAt = performance.now();
    this.options.started?.(`${this.options.name} worker started (${this.starts === 1 ? 'first' : `start ${this.starts}`})`);
    const worker = this.options.takeStarted?.() ?? startHostWorker(this.options.entry, this.options.memoryMb, { ...this.options.workerData, role: HOST_ROLE });
    const forward = (chunk: Buffer) => this.options.log(`${this.options.name} worker: ${chunk.toString('utf8').trimEnd()}`);
    worker.stdout.on('data', forward);
    worker.stderr.on('data', forward);
    this.worker = worker;
    this.lostReason = 'crash';
    this.delta.clear();
    worker.on('message', (reply: HostReply) => this.settle(reply));
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') this.lostReason = 'memory';
      this.options.log(`${this.options.name} worker failed: ${error.message}`);
    });
    worker.on('exit', () => this.lost(worker));
    for (const message of this.options.replay()) worker.postMessage(message);
    return worker;
  }

  private settle(reply: HostReply): void {
    // Every reply, also one nobody waits for any more: the next one builds on it.
    this.delta.decode(reply);
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    clearTimeout(pending.timer);
    if (!pending.answered) pending.resolve({ kind: 'reply', reply });
    this.arm();
  }

  /** The worker ended: every call still waiting on it is lost. */
  private lost(worker: Worker): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    const reason = this.lostReason;
    for (const pending of this.pending.values()) {
      clearTimeout(pending.timer);
      if (!pending.answered) pending.resolve({ kind: 'lost', reason });
    }
    this.pending.clear();
    this.arm();
    // A replacement starts now, so the next answer does not wait for it; not for a worker that
    // ended right after starting (that would only start the same failure again and again).
    if (!this.disposed && performance.now() - this.startedAt > 1000) setImmediate(() => this.start());
  }

  /** Stops the worker when the oldest call has waited longer than its kill limit. */
  private arm(): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = undefined;
    let deadline = Infinity;
    for (const p of this.pending.values()) deadline = Math.min(deadline, p.posted + p.killMs);
    if (deadline === Infinity || !this.worker) return;
    const worker = this.worker;
    this.watchdog = setTimeout(() => {
      this.watchdog = undefined;
      if (this.worker !== worker) return;
      this.lostReason = 'stuck';
      this.options.log(`${this.options.name} worker stopped: no answer for ${Math.round(performance.now() - Math.min(...[...this.pending.values()].map((p) => p.posted)))} ms`);
      void worker.terminate();
    }, Math.max(0, deadline - performance.now()));
  }

  start(): void {
    if (!this.disposed && !this.worker) this.ensure();
  }

  post(message: SyncMessage): void {
    if (this.disposed) return;
    if (message.type === 'close') this.delta.forget(message.uri);
    // A worker that is not running picks this up from the replay when it starts.
    if (this.worker) this.worker.postMessage(message);
  }

  call(message: Call, limits: CallLimits): Promise<CallOutcome> {
    if (this.disposed) return Promise.resolve({ kind: 'lost', reason: 'crash' });
    const cold = !this.worker;
    const worker = this.ensure();
    const answerMs = limits.answerMs + (cold ? limits.coldStartMs ?? 0 : 0);
    const id = this.nextId++;
    return new Promise((resolve) => {
      const pending: Pending = {
        resolve,
        posted: performance.now(),
        killMs: limits.killMs,
        answered: false,
        timer: setTimeout(() => {
          pending.answered = true;
          resolve({ kind: 'late' });
        }, answerMs),
      };
      this.pending.set(id, pending);
      worker.postMessage({ ...message, id });
      this.arm();
    });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.watchdog) clearTimeout(this.watchdog);
    const worker = this.worker;
    this.worker = undefined;
    for (const pending of this.pending.values()) {
      clearTimeout(pending.timer);
      if (!pending.answered) pending.resolve({ kind: 'lost', reason: 'crash' });
    }
    this.pending.clear();
    if (worker) await worker.terminate();
  }
}
