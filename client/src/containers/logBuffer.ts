// The text behind a logs document: appended in batches (so a chatty container causes a few
// document updates per second, not one per line) and capped in size (oldest whole lines dropped).
// Pure; timers are injectable for the unit tests.

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const defaultTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Collects pushed text and hands it to `flush` at most once per `intervalMs`: the first push after
 * a flush starts the timer, later pushes only add to the pending text. No timer runs while idle.
 */
export class AppendBatcher {
  private pending: string[] = [];
  private handle: unknown;
  private disposed = false;

  constructor(
    private readonly onFlush: (text: string) => void,
    private readonly intervalMs = 200,
    private readonly timers: Timers = defaultTimers,
  ) {}

  push(text: string): void {
    if (this.disposed || text === '') return;
    this.pending.push(text);
    if (this.handle === undefined) this.handle = this.timers.setTimeout(() => this.flush(), this.intervalMs);
  }

  /** Hands over what is pending now (also used at end of stream). */
  flush(): void {
    if (this.handle !== undefined) {
      this.timers.clearTimeout(this.handle);
      this.handle = undefined;
    }
    if (this.pending.length === 0 || this.disposed) return;
    const text = this.pending.join('');
    this.pending = [];
    this.onFlush(text);
  }

  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  dispose(): void {
    if (this.handle !== undefined) this.timers.clearTimeout(this.handle);
    this.handle = undefined;
    this.pending = [];
    this.disposed = true;
  }
}

/**
 * Text kept to at most `maxChars` characters by dropping whole lines from the start. When it is
 * over the cap it trims to 90% of it, so a steady stream does not trim on every append.
 */
export class CappedText {
  private body = '';
  private droppedLinesCount = 0;
  private droppedCharsCount = 0;

  constructor(readonly maxChars: number) {
    if (!(maxChars > 0)) throw new RangeError('maxChars must be positive');
  }

  append(text: string): void {
    this.body += text;
    if (this.body.length <= this.maxChars) return;
    const target = Math.floor(this.maxChars * 0.9);
    let cut = this.body.length - target;
    // cut after a newline so the first kept line is whole
    const newline = this.body.indexOf('\n', cut - 1);
    cut = newline === -1 ? this.body.length : newline + 1;
    const dropped = this.body.slice(0, cut);
    this.droppedLinesCount += countNewlines(dropped) + (dropped.endsWith('\n') ? 0 : 1);
    this.droppedCharsCount += dropped.length;
    this.body = this.body.slice(cut);
  }

  get text(): string {
    return this.body;
  }

  get droppedLines(): number {
    return this.droppedLinesCount;
  }

  get droppedChars(): number {
    return this.droppedCharsCount;
  }
}

function countNewlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
