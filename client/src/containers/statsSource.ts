// The data behind the stats panel: one engine stats stream per container, parsed into samples
// with statsMath. No vscode import, so it can be driven by a fake engine in unit tests and by the
// real one in integration tests. Streams stop on dispose().
import type { Readable } from 'node:stream';
import type { DockerEngine } from '../engine/dockerEngine';
import { computeSample, type RawStats, type StatsSample } from './statsMath';
import type { StartWatch } from './logFollower';

export interface StatsTarget {
  id: string;
  name: string;
}

export interface StatsListener {
  onSample(id: string, sample: StatsSample): void;
  /** The container is not running (its stream ended); a new stream opens when it starts again. */
  onStopped?(id: string): void;
  onError?(id: string, error: Error): void;
}

/** Splits a stream of JSON objects separated by newlines (objects may span chunks). */
export class JsonLineSplitter<T> {
  private buffer = '';

  constructor(private readonly onObject: (value: T) => void) {}

  push(chunk: string): void {
    this.buffer += chunk;
    let newline = this.buffer.indexOf('\n');
    while (newline !== -1) {
      const line = this.buffer.slice(0, newline).trim();
      this.buffer = this.buffer.slice(newline + 1);
      if (line) this.parse(line);
      newline = this.buffer.indexOf('\n');
    }
  }

  end(): void {
    const rest = this.buffer.trim();
    this.buffer = '';
    if (rest) this.parse(rest);
  }

  private parse(line: string): void {
    try {
      this.onObject(JSON.parse(line) as T);
    } catch {
      // a torn or non-JSON line: skip it; the next sample follows within a second
    }
  }
}

type StatsEngine = Pick<DockerEngine, 'stats'>;

export class StatsSource {
  /** The newest sample per container id. */
  readonly latest = new Map<string, StatsSample>();
  private readonly streams = new Map<string, Readable>();
  private readonly watches: Array<{ dispose(): void }> = [];
  private disposed = false;

  constructor(
    private readonly engine: StatsEngine,
    readonly targets: readonly StatsTarget[],
    private readonly listener: StatsListener,
    private readonly watchStarts?: StartWatch,
  ) {}

  /** Opens every stream; a container that cannot be followed is reported through onError. */
  async start(): Promise<void> {
    for (const target of this.targets) {
      if (this.watchStarts) this.watches.push(this.watchStarts(target.id, () => void this.open(target.id)));
    }
    await Promise.all(this.targets.map((t) => this.open(t.id)));
  }

  get openStreams(): number {
    return this.streams.size;
  }

  private async open(id: string): Promise<void> {
    if (this.disposed || this.streams.has(id)) return;
    let stream: Readable;
    try {
      stream = await this.engine.stats(id);
    } catch (error) {
      this.listener.onError?.(id, error as Error);
      return;
    }
    if (this.disposed || this.streams.has(id)) {
      stream.destroy();
      return;
    }
    this.streams.set(id, stream);
    const splitter = new JsonLineSplitter<RawStats>((raw) => {
      if (this.disposed) return;
      // A stopped container's stream sends empty samples (no read time, no memory): skip them.
      if (!raw.read || raw.read.startsWith('0001-01-01')) return;
      const sample = computeSample(raw);
      this.latest.set(id, sample);
      this.listener.onSample(id, sample);
    });
    let ended = false;
    const end = (error?: Error) => {
      if (ended) return;
      ended = true;
      splitter.end();
      if (this.streams.get(id) === stream) this.streams.delete(id);
      if (this.disposed) return;
      if (error) this.listener.onError?.(id, error);
      else this.listener.onStopped?.(id);
    };
    stream.on('data', (chunk: Buffer | string) => splitter.push(chunk.toString()));
    stream.on('error', (error: Error) => end(error));
    stream.on('end', () => end());
    stream.on('close', () => end());
  }

  dispose(): void {
    this.disposed = true;
    for (const watch of this.watches) watch.dispose();
    this.watches.length = 0;
    for (const stream of this.streams.values()) stream.destroy();
    this.streams.clear();
  }
}
