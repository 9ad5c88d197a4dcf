// Follows one container's logs and keeps following across restarts: when the log stream ends
// because the container stopped, it waits for the container to start again and re-attaches from
// the new run's start time (so no line is shown twice). TTY containers give raw bytes; others
// give multiplexed frames that engine.demux splits into stdout and stderr. No vscode import.
import { Writable, type Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { DockerEngine } from '../engine/dockerEngine';
import { EventLineSplitter } from '../engine/engineEvents';

/**
 * Calls `onStarted` each time the container starts (the engine's `start` event) until disposed.
 * The explorer can supply one fed by its own event subscription; engineStartWatch is the fallback.
 */
export type StartWatch = (containerId: string, onStarted: () => void) => { dispose(): void };

export interface LogFollowOptions {
  /** Keep streaming new lines (default true). */
  follow?: boolean;
  /** Lines from the end to show first; undefined means all. */
  tail?: number;
  /** Prefix every line with the engine's RFC 3339 timestamp. */
  timestamps?: boolean;
}

export interface LogSink {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Following, and the container stopped: waiting for it to start again. */
  stopped?(exitCode: number | undefined): void;
  /** The container started again and the logs of the new run follow. */
  restarted?(): void;
  /** Nothing more will come: not following and the stream ended, or the container is gone. */
  ended?(reason: 'complete' | 'removed'): void;
  error?(error: Error): void;
}

type FollowEngine = Pick<DockerEngine, 'logs' | 'demux' | 'inspectContainer'>;

export class LogFollower {
  private stream: Readable | undefined;
  private watch: { dispose(): void } | undefined;
  private generation = 0;
  private startedAt = '';
  private waiting = false;
  /** Start events seen so far; lets a check that raced with a start notice it. */
  private starts = 0;
  /** Re-attaches to the same run in a row without any output in between. */
  private resumes = 0;
  private disposed = false;

  constructor(
    private readonly engine: FollowEngine,
    readonly containerId: string,
    private readonly options: LogFollowOptions,
    private readonly sink: LogSink,
    private readonly watchStarts?: StartWatch,
  ) {}

  private get following(): boolean {
    return this.options.follow !== false;
  }

  /** Opens the first stream. Rejects when the container cannot be read (e.g. it does not exist). */
  async start(): Promise<void> {
    if (this.following && this.watchStarts) {
      this.watch = this.watchStarts(this.containerId, () => {
        this.starts++;
        if (this.waiting) void this.wake();
      });
    }
    await this.attach(true);
  }

  get isStreaming(): boolean {
    return this.stream !== undefined;
  }

  get isWaitingForStart(): boolean {
    return this.waiting;
  }

  /**
   * Opens a log stream. The first one honours `tail`; a re-attach after a restart takes everything
   * since the previous run finished (not since StartedAt: the engine records that only after the
   * process is already running, so its first lines carry earlier timestamps); `resumeFrom`
   * (seconds) continues the same run.
   */
  private async attach(first: boolean, resumeFrom?: number): Promise<void> {
    if (this.disposed) return;
    const generation = ++this.generation;
    const details = await this.engine.inspectContainer(this.containerId);
    const startedAt = details.State?.StartedAt ?? '';
    const since = first ? undefined : resumeFrom ?? sinceSeconds(details.State?.FinishedAt ?? '') ?? sinceSeconds(startedAt);
    this.startedAt = startedAt;
    const stream = await this.engine.logs(this.containerId, {
      follow: this.following,
      tail: first ? this.options.tail : undefined,
      timestamps: Boolean(this.options.timestamps),
      since,
    });
    if (this.disposed || generation !== this.generation) {
      stream.destroy();
      return;
    }
    this.stream = stream;
    const outDecoder = new StringDecoder('utf8');
    const errDecoder = new StringDecoder('utf8');
    if (details.Config?.Tty) {
      stream.on('data', (chunk: Buffer) => this.emit('stdout', outDecoder.write(chunk)));
    } else {
      const sinkFor = (kind: 'stdout' | 'stderr', decoder: StringDecoder) =>
        new Writable({
          write: (chunk: Buffer, _encoding, done) => {
            this.emit(kind, decoder.write(chunk));
            done();
          },
        });
      this.engine.demux(stream, sinkFor('stdout', outDecoder), sinkFor('stderr', errDecoder));
    }
    let over = false;
    const finish = (error?: Error) => {
      if (over) return;
      over = true;
      this.emit('stdout', outDecoder.end());
      this.emit('stderr', errDecoder.end());
      if (this.stream === stream) this.stream = undefined;
      void this.streamEnded(generation, error);
    };
    stream.on('end', () => finish());
    stream.on('close', () => finish());
    stream.on('error', (error: Error) => finish(error));
  }

  private emit(kind: 'stdout' | 'stderr', text: string): void {
    if (!text || this.disposed) return;
    this.resumes = 0;
    this.sink[kind](text);
  }

  private async streamEnded(generation: number, error?: Error): Promise<void> {
    if (this.disposed || generation !== this.generation) return;
    if (!this.following) {
      if (error) this.sink.error?.(error);
      this.sink.ended?.('complete');
      return;
    }
    const startsBefore = this.starts;
    const endedAt = Date.now() / 1000;
    let details;
    try {
      details = await this.engine.inspectContainer(this.containerId);
    } catch (inspectError) {
      if ((inspectError as { kind?: string }).kind === 'notFound') this.sink.ended?.('removed');
      else this.sink.error?.(inspectError as Error);
      return;
    }
    if (this.disposed || generation !== this.generation) return;
    const state = details.State;
    if (state?.StartedAt && state.StartedAt !== this.startedAt) {
      // it already started again (a quick restart): follow the new run at once
      this.sink.restarted?.();
      await this.attachSafely();
      return;
    }
    if (state?.Running) {
      // The stream ended under a running container (a dropped connection): same run, so resume
      // from when it ended rather than repeat lines; give up after a few attempts without output.
      if (this.resumes++ < 3) {
        await new Promise((resolve) => setTimeout(resolve, 500 * this.resumes));
        if (this.disposed || generation !== this.generation) return;
        try {
          await this.attach(false, endedAt);
        } catch (attachError) {
          this.sink.error?.(attachError as Error);
        }
        return;
      }
      this.sink.error?.(error ?? new Error('the log stream keeps ending while the container runs'));
      this.sink.ended?.('complete');
      return;
    }
    this.sink.stopped?.(state?.ExitCode);
    this.waiting = true;
    if (this.starts !== startsBefore) void this.wake();
  }

  private async wake(): Promise<void> {
    if (this.disposed || !this.waiting) return;
    this.waiting = false;
    let details;
    try {
      details = await this.engine.inspectContainer(this.containerId);
    } catch (error) {
      if ((error as { kind?: string }).kind === 'notFound') this.sink.ended?.('removed');
      else this.sink.error?.(error as Error);
      return;
    }
    if (this.disposed) return;
    if (!details.State?.StartedAt || details.State.StartedAt === this.startedAt) {
      this.waiting = true;
      return;
    }
    this.sink.restarted?.();
    await this.attachSafely();
  }

  private async attachSafely(): Promise<void> {
    try {
      await this.attach(false);
    } catch (error) {
      if ((error as { kind?: string }).kind === 'notFound') this.sink.ended?.('removed');
      else {
        this.sink.error?.(error as Error);
        this.waiting = true;
      }
    }
  }

  dispose(): void {
    this.disposed = true;
    this.generation++;
    this.watch?.dispose();
    this.watch = undefined;
    this.stream?.destroy();
    this.stream = undefined;
  }
}

/** The engine's `since` in seconds (fractional, truncated to the millisecond) from an RFC 3339 time. */
export function sinceSeconds(rfc3339: string): number | undefined {
  const ms = Date.parse(rfc3339);
  if (!Number.isFinite(ms) || ms <= 0) return undefined;
  return ms / 1000;
}

type WatchEngine = Pick<DockerEngine, 'eventStream'>;

/**
 * A StartWatch of its own: an /events subscription filtered to this container's `start` events.
 * If that stream fails it reopens with backoff (1 s doubling to 30 s) until disposed; while it is
 * healthy no timer runs. Prefer a watch fed by the explorer's single event subscription.
 */
export function engineStartWatch(getEngine: () => WatchEngine): StartWatch {
  return (containerId, onStarted) => {
    let disposed = false;
    let stream: (NodeJS.ReadableStream & { destroy?: () => void }) | undefined;
    let retry: NodeJS.Timeout | undefined;
    let delay = 1000;
    const open = async () => {
      if (disposed) return;
      try {
        const opened = await getEngine().eventStream({ type: ['container'], container: [containerId], event: ['start'] });
        if (disposed) {
          opened.destroy?.();
          return;
        }
        stream = opened;
        delay = 1000;
        const splitter = new EventLineSplitter((event) => {
          if (event.Action === 'start' && event.Actor.ID === containerId) onStarted();
        });
        let over = false;
        const end = () => {
          if (over) return;
          over = true;
          stream = undefined;
          schedule();
        };
        opened.on('data', (chunk: Buffer | string) => splitter.push(chunk.toString()));
        opened.on('error', end);
        opened.on('end', end);
        opened.on('close', end);
      } catch {
        schedule();
      }
    };
    const schedule = () => {
      if (disposed) return;
      retry = setTimeout(() => void open(), delay);
      delay = Math.min(delay * 2, 30_000);
    };
    void open();
    return {
      dispose: () => {
        disposed = true;
        if (retry) clearTimeout(retry);
        stream?.destroy?.();
        stream = undefined;
      },
    };
  };
}

/**
 * A StartWatch built on a model that already follows the engine's events: `subscribe` reports
 * the id of each container that changed, `stateOf` gives its state now ('running', 'exited'…).
 * A change into 'running' from anything else is a start. For the explorer's EngineModel:
 *   stateTransitionStartWatch(
 *     (listener) => model.onDidChange((c) => { if (c.kind === 'container' && c.id) listener(c.id); }),
 *     (id) => model.containers.get(id)?.State)
 */
export function stateTransitionStartWatch(
  subscribe: (listener: (containerId: string) => void) => { dispose(): void },
  stateOf: (containerId: string) => string | undefined,
): StartWatch {
  return (containerId, onStarted) => {
    let last = stateOf(containerId);
    return subscribe((id) => {
      if (id !== containerId) return;
      const now = stateOf(id);
      if (now === 'running' && last !== 'running') onStarted();
      last = now;
    });
  };
}
