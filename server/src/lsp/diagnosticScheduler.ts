// Coalesces bursts of edits: a document is validated once per turn of the event loop after
// its last change, not once per keystroke message and not after a fixed delay.
export class DiagnosticScheduler {
  private readonly pending = new Map<string, NodeJS.Immediate>();

  constructor(private readonly validate: (uri: string) => void) {}

  schedule(uri: string): void {
    this.cancel(uri);
    this.pending.set(
      uri,
      setImmediate(() => {
        this.pending.delete(uri);
        this.validate(uri);
      }),
    );
  }

  cancel(uri: string): void {
    const handle = this.pending.get(uri);
    if (handle) clearImmediate(handle);
    this.pending.delete(uri);
  }
}
