// Reads the docker CLI's build output as it streams, for both builders: which Dockerfile
// instruction each step is, which steps came from the cache, where a failure happened, and the
// image id. Pure: unit-tested with the real output of both builders.
//
// Classic builder: `Step 5/6 : COPY a /a`, then ` ---> Using cache` for a cached step, and on
// failure `The command '…' returned a non-zero code: 3` (or an error line) after the step.
// BuildKit (plain progress): `#7 [stage-1 1/2] COPY a /a`, `#7 CACHED`, `#8 ERROR: …`.

export interface StepRef {
  /** Classic builder: the 1-based instruction number over the whole file. */
  classicStep?: number;
  /** BuildKit: the stage (its name, or `stage-N`) and the 1-based instruction within it (1 = FROM). */
  stage?: string;
  indexInStage?: number;
  /** The instruction text as the builder printed it. */
  text: string;
}

export interface BuildFailure {
  step: StepRef | undefined;
  message: string;
}

export class BuildOutputReader {
  private partial = '';
  private current: StepRef | undefined;
  private readonly vertices = new Map<string, StepRef>();
  readonly cached: StepRef[] = [];
  readonly executed: StepRef[] = [];
  failure: BuildFailure | undefined;
  imageId: string | undefined;

  /** Feeds a chunk of output (may end mid-line). */
  push(chunk: string): void {
    const lines = (this.partial + chunk).split(/\r?\n/);
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.line(line);
  }

  /** Flushes the last partial line. */
  end(): void {
    if (this.partial) this.line(this.partial);
    this.partial = '';
  }

  private line(line: string): void {
    const classic = /^Step (\d+)\/\d+ : (.*)$/.exec(line);
    if (classic) {
      this.current = { classicStep: Number(classic[1]), text: classic[2]!.trim() };
      this.executed.push(this.current);
      return;
    }
    if (/^ ---> Using cache$/.test(line) && this.current) {
      this.cached.push(this.current);
      return;
    }
    const built = /^Successfully built ([0-9a-f]+)$/.exec(line) ?? /writing image (sha256:[0-9a-f]+)/.exec(line);
    if (built) {
      this.imageId = built[1];
      return;
    }
    const vertex = /^#(\d+) \[([^\]\s]+) (\d+)\/\d+\] (.*)$/.exec(line);
    if (vertex) {
      const step = { stage: vertex[2], indexInStage: Number(vertex[3]), text: vertex[4]!.trim() };
      this.vertices.set(vertex[1]!, step);
      this.executed.push(step);
      return;
    }
    const cachedVertex = /^#(\d+) CACHED$/.exec(line);
    if (cachedVertex) {
      const step = this.vertices.get(cachedVertex[1]!);
      if (step) this.cached.push(step);
      return;
    }
    const vertexError = /^#(\d+) ERROR: (.*)$/.exec(line);
    if (vertexError) {
      this.failure ??= { step: this.vertices.get(vertexError[1]!), message: vertexError[2]!.trim() };
      return;
    }
    const classicFailure = /^The command '.*' returned a non-zero code: \d+$/.exec(line) ?? /^(?:ERROR|error): (.*)$/.exec(line);
    if (classicFailure && !this.failure) this.failure = { step: this.current, message: (classicFailure[1] ?? classicFailure[0]).trim() };
  }
}
