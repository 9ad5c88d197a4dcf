// The language host on the main thread, for small documents. A worker thread costs a small file
// more than its check: ~30-50 ms to boot before the first answer, a structured-clone hop each way
// per edit, and an isolate of its own (~12 MB idle). So while the open documents are small (see
// server.ts) they are checked and answered here, and the workers start only when a document
// needs them. The safety net is kept: every call runs under vm's timeout, which stops synchronous
// JavaScript where it stands. A call stopped that way may have left any module it was in half
// done, so the host retires for good after one (the workers take every document from then on) and
// the caller gives the call to a worker. Memory is not capped here as in a worker: what runs here is
// bounded by the document size the server allows and by the time limit, and a call that leaves the
// heap past MAIN_THREAD_HEAP_MB retires the host the same way.
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { LanguageHost } from './host';
import type { Call, CallOutcome, SyncMessage } from './hostProxy';
import type { DocumentKind } from '../core/documentKind';
import type { LanguageService } from '../core/languageService';
import { flushCodeCache, ValidationCovers } from './codeCacheHook';
import { mark, marking } from '../timeline';

/** A call that loads nothing is stopped after this long (a validation stops its checks at 1 s on its own). */
export const MAIN_THREAD_STOP_MS = 1500;
/** A call that first loads a language service gets longer (a loaded machine, no code cache). */
export const MAIN_THREAD_COLD_STOP_MS = 5000;

/** The main thread's heap after a call, past which the workers (with their caps) take over; ~30-60 MB is usual. */
export const MAIN_THREAD_HEAP_MB = 256;

/** How long a batch of requests waits for more while they keep coming (see settle). */
export const BATCH_WAIT_MS = 5;

/** Where the guarded script finds the work to run (a global: the script runs in this context). */
const WORK_KEY = 'dockerWorkbench.mainThreadWork';
const WORK = Symbol.for(WORK_KEY);
const RUN_WORK = new vm.Script(`globalThis[Symbol.for(${JSON.stringify(WORK_KEY)})]()`, { filename: 'docker-workbench-main-thread' });

export interface MainThreadCall {
  /** A reply, or `lost`: `stuck` when it or one before it in its turn was stopped, `crash` when the host had retired before. */
  outcome: Extract<CallOutcome, { kind: 'reply' } | { kind: 'lost' }>;
  /** How long it ran. */
  ms: number;
  /** Whether it ran before its document's kind was warm (its time says little about the next call's). */
  cold: boolean;
}

export interface MainThreadHostOptions {
  log: (message: string) => void;
  /** For tests: services instead of the shipped ones, shorter limits. */
  services?: Partial<Record<DocumentKind, LanguageService>>;
  stopMs?: number;
  coldStopMs?: number;
  heapMb?: number;
  batchWaitMs?: number;
}

export class MainThreadHost {
  private host: LanguageHost | undefined;
  private nextId = 1;
  /** The complete validations done here: which kinds are warm (their service loaded), and the code cache's covers. */
  private readonly covers = new ValidationCovers();
  /** Calls asked for and not yet run, run together (see callSoon). */
  private queue: { message: Call; resolve: (result: MainThreadCall) => void }[] = [];
  private flushing: NodeJS.Immediate | undefined;
  /** Calls asked for since the queue was last looked at, and when its first call came. */
  private arrived = 0;
  private queuedAt = 0;

  constructor(private readonly options: MainThreadHostOptions) {
    this.host = new LanguageHost(options.services);
  }

  /** False once a call was stopped: nothing runs here any more. */
  get usable(): boolean {
    return this.host !== undefined;
  }

  /** Keeps the host's documents and state as the workers' are (these messages run no service). */
  post(message: SyncMessage): void {
    // Calls asked for before this message are answered on the state they were asked on.
    if (this.queue.length > 0) this.flush();
    if (message.type === 'close') this.covers.forget(message.uri);
    this.host?.handle(message);
  }

  /**
   * The call, run with the others asked for with it under one time limit: each limit starts and
   * joins a thread (0.1-0.3 ms, at times several ms on this machine), and VS Code asks for half a
   * dozen answers at once when it shows a file and after each edit.
   */
  callSoon(message: Call): Promise<MainThreadCall> {
    return new Promise((resolve) => {
      if (this.queue.length === 0) this.queuedAt = performance.now();
      this.queue.push({ message, resolve });
      this.arrived++;
      this.flushing ??= setImmediate(() => this.settle());
    });
  }

  /**
   * Runs the queue once the calls stop coming. The LSP library hands the server one message per
   * turn of the event loop, so requests sent together arrive over as many turns: while a turn
   * brought another call the batch waits one more, up to BATCH_WAIT_MS. A validation is never
   * held back (the diagnostics of an edit go out first); requests asked in its turn come along.
   */
  private settle(): void {
    this.flushing = undefined;
    const more = this.arrived > 0;
    this.arrived = 0;
    const waiting = more && performance.now() - this.queuedAt < (this.options.batchWaitMs ?? BATCH_WAIT_MS) && !this.queue.some((q) => q.message.type === 'validate');
    if (waiting) this.flushing = setImmediate(() => this.settle());
    else this.flush();
  }

  /** The call, run now. */
  call(message: Call): MainThreadCall {
    let result: MainThreadCall | undefined;
    this.queue.push({ message, resolve: (r) => (result = r) });
    this.flush();
    return result!;
  }

  private flush(): void {
    if (this.flushing) clearImmediate(this.flushing);
    this.flushing = undefined;
    this.arrived = 0;
    const batch = this.queue;
    this.queue = [];
    const host = this.host;
    const done: MainThreadCall[] = [];
    if (host) {
      const cold = batch.some((q) => this.isCold(this.kindOf(host, q.message)));
      // Stopped, the calls done so far keep their answers; the one it stopped in and those after are lost.
      this.guarded(() => batch.forEach((q) => done.push(this.run(host, q.message))), cold);
      const heapMb = v8.getHeapStatistics().used_heap_size / 1048576;
      // The answers made stand; what it holds is let go, and the next calls go to the workers.
      if (this.host && heapMb > (this.options.heapMb ?? MAIN_THREAD_HEAP_MB)) this.retire(`its heap reached ${Math.round(heapMb)} MB after a call`);
    }
    const lost: MainThreadCall = { outcome: { kind: 'lost', reason: host ? 'stuck' : 'crash' }, ms: 0, cold: false };
    batch.forEach((q, i) => q.resolve(done[i] ?? lost));
  }

  /** The kind of the document a call is about. */
  private kindOf(host: LanguageHost, message: Call): DocumentKind | undefined {
    const uri = message.type === 'validate' ? message.uri : (message.params as { textDocument?: { uri?: unknown } } | undefined)?.textDocument?.uri;
    return typeof uri === 'string' ? host.kindOf(uri) : undefined;
  }

  /** Whether a call about a document of this kind gets the cold time limit (no complete check of the kind yet). */
  private isCold(kind: DocumentKind | undefined): boolean {
    return kind === undefined || !this.covers.checked(kind);
  }

  /** One call, inside the time limit. */
  private run(host: LanguageHost, message: Call): MainThreadCall {
    const kind = this.kindOf(host, message);
    const cold = this.isCold(kind);
    const marked = marking() && message.type === 'validate';
    if (marked) mark(`main thread: validate ${message.uri} started`);
    const started = performance.now();
    const reply = host.handle({ ...message, id: this.nextId++ } as never)!;
    const ms = performance.now() - started;
    if (marked) mark(`main thread: validate ${message.uri} done`);
    if (kind && message.type === 'validate' && reply.error === undefined) {
      // What this answer compiled is what the next start needs: cache it (once per bundle, and
      // again when the cache lacks this kind's first check or its edits).
      const cover = this.covers.after(kind, message.uri, reply.version);
      if (cover !== undefined) setImmediate(() => flushCodeCache(cover));
    }
    return { outcome: { kind: 'reply', reply }, ms, cold };
  }

  /** Nothing runs here any more: the caller's workers take every document. */
  private retire(why: string): void {
    this.host = undefined;
    this.options.log(`main thread: ${why}; the worker threads take every document from now on`);
  }

  /** Runs `work` under the time limit; retires the host when it is stopped. */
  private guarded(work: () => void, cold: boolean): void {
    const limit = cold ? this.options.coldStopMs ?? MAIN_THREAD_COLD_STOP_MS : this.options.stopMs ?? MAIN_THREAD_STOP_MS;
    const global = globalThis as Record<symbol, unknown>;
    global[WORK] = work;
    try {
      RUN_WORK.runInThisContext({ timeout: limit });
    } catch (error) {
      if ((error as { code?: string }).code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw error;
      this.retire(`a call ran past ${limit} ms and was stopped`);
    } finally {
      delete global[WORK];
    }
  }
}
