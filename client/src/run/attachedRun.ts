// A run that shows its container's output like docker run: attach (a hijacked connection) before
// the start, so the first byte is not lost (a short `echo hi`, a REPL's banner and prompt), and wait
// for the exit before the start too, so a container that is gone at once (--rm) still reports its
// exit code. With a TTY the output is passed as it comes and the terminal's size follows; without
// one stdout and stderr are told apart (stderr in red) and typing goes through LineInput. The
// engine's detach keys end the attach while the container keeps running.
import type { DockerEngine } from '../engine/dockerEngine';
import { LineInput } from '../containers/lineInput';
import { onceStreamEnds, showAttachOutput } from '../containers/attachOutput';
import { hasTty, type RunSpec } from './runSpec';

type Duplex = NodeJS.ReadWriteStream & { destroy?: () => void; end(): void };

export interface RunOutput {
  /** Text for the terminal (already with CR LF and colours). */
  write(text: string): void;
}

export interface AttachedRunEnd {
  /** exited: the container's process ended; detached: the attach ended and it keeps running. */
  outcome: 'exited' | 'detached';
  exitCode?: number;
}

export interface AttachedRunOptions {
  /** Starts the container (the caller removes it again and explains when that fails). */
  start(): Promise<void>;
  columns?: number;
  rows?: number;
}

export class AttachedRun {
  /** Settles once the container ended or the attach was let go. */
  readonly ended: Promise<AttachedRunEnd>;
  private stream: Duplex | undefined;
  private readonly tty: boolean;
  private readonly stdin: boolean;
  private readonly lineInput: LineInput | undefined;
  private readonly abort = new AbortController();
  private letGo = false;
  private finish!: (end: AttachedRunEnd) => void;

  private constructor(private readonly engine: DockerEngine, readonly id: string, spec: RunSpec, private readonly out: RunOutput) {
    this.tty = hasTty(spec);
    this.stdin = Boolean(spec.interactive);
    this.ended = new Promise((resolve) => (this.finish = resolve));
    if (!this.tty) {
      this.lineInput = new LineInput({
        echo: (text) => this.out.write(text),
        send: (text) => void this.stream?.write(text),
        endInput: () => this.stream?.end(),
        interrupt: () => void this.engine.signalContainer(this.id, 'SIGINT').catch(() => undefined),
      }, this.stdin);
    }
  }

  /**
   * Attaches to the created container, waits for its exit, then starts it (options.start) and sizes
   * its TTY. Rejects when attaching or starting fails (nothing keeps running then).
   */
  static async begin(engine: DockerEngine, id: string, spec: RunSpec, out: RunOutput, options: AttachedRunOptions): Promise<AttachedRun> {
    const run = new AttachedRun(engine, id, spec, out);
    const exit = engine.waitForExit(id, spec.remove ? 'removed' : 'next-exit', run.abort.signal);
    exit.catch(() => undefined);
    try {
      run.stream = await engine.attach(id, { stdin: run.stdin, detachKeys: spec.detachKeys?.trim() || undefined });
      run.wireOutput();
      await options.start();
    } catch (error) {
      run.abort.abort();
      run.stream?.destroy?.();
      throw error;
    }
    if (run.tty && options.columns && options.rows) await run.resize(options.columns, options.rows);
    run.followEnd(exit);
    return run;
  }

  private wireOutput(): void {
    showAttachOutput(this.engine, this.stream!, this.tty, (text) => this.write(text));
  }

  private followEnd(exit: Promise<number>): void {
    onceStreamEnds(this.stream!, () => void this.settle(exit));
  }

  /** The attach ended: the process exited, or the detach keys (or closing the terminal) let go. */
  private async settle(exit: Promise<number>): Promise<void> {
    this.stream = undefined;
    if (this.letGo) {
      this.abort.abort();
      return this.finish({ outcome: 'detached' });
    }
    const running = await this.engine.inspectContainer(this.id).then((d) => Boolean(d.State?.Running), () => false);
    if (running) {
      this.abort.abort();
      return this.finish({ outcome: 'detached' });
    }
    const exitCode = await exit.then((code) => code, async () => this.engine.inspectContainer(this.id).then((d) => d.State?.ExitCode, () => undefined));
    this.finish({ outcome: 'exited', exitCode });
  }

  /** Typing in the terminal: raw to a TTY (it echoes, edits lines and sees the detach keys), else line by line. */
  input(data: string): void {
    if (!this.stream) return;
    if (this.tty) {
      if (this.stdin) this.stream.write(data);
      else if (data.includes('\x03')) void this.engine.signalContainer(this.id, 'SIGINT').catch(() => undefined);
      return;
    }
    this.lineInput!.feed(data);
  }

  async resize(columns: number, rows: number): Promise<void> {
    if (!this.tty || !this.stream) return;
    await this.engine.resizeContainerTty(this.id, columns, rows).catch(() => undefined);
  }

  /** Lets go of the container (closing the terminal): it keeps running. */
  detach(): void {
    this.letGo = true;
    this.abort.abort();
    this.stream?.destroy?.();
  }

  private write(text: string): void {
    if (text) this.out.write(text);
  }
}
