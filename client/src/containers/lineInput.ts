// Typing into a container that has stdin but no TTY (docker run -i, attach to such a container):
// nothing on the other side echoes or edits lines, so this does what a terminal's line discipline
// would: echo, Backspace, Enter sends the line with a newline, Ctrl+D sends what is typed and ends
// the input (the process sees end of file), Ctrl+C interrupts. Without stdin, only Ctrl+C does
// something. Pure (no vscode import): unit-tested.

export interface LineInputTarget {
  /** Shows text in the terminal (the local echo). */
  echo(text: string): void;
  /** Sends bytes to the process's stdin. */
  send(text: string): void;
  /** Ctrl+D: ends stdin (a half-close of the connection). */
  endInput(): void;
  /** Ctrl+C: SIGINT to the process, as docker run proxies it. */
  interrupt(): void;
}

/** Longest line kept while typing; more is dropped (a paste of a huge text goes in chunks). */
const MAX_LINE = 64 * 1024;

export class LineInput {
  private line = '';
  private ended = false;

  constructor(private readonly target: LineInputTarget, private readonly stdinOpen: boolean) {}

  get inputEnded(): boolean {
    return this.ended;
  }

  feed(data: string): void {
    for (const ch of data) {
      if (ch === '\x03') {
        this.target.echo('^C\r\n');
        this.line = '';
        this.target.interrupt();
      } else if (!this.stdinOpen || this.ended) {
        continue;
      } else if (ch === '\x04') {
        if (this.line) this.target.send(this.line);
        this.line = '';
        this.ended = true;
        this.target.echo('^D\r\n');
        this.target.endInput();
      } else if (ch === '\r' || ch === '\n') {
        this.target.send(this.line + '\n');
        this.line = '';
        this.target.echo('\r\n');
      } else if (ch === '\x7f' || ch === '\b') {
        if (this.line.length > 0) {
          this.line = this.line.slice(0, -1);
          this.target.echo('\b \b');
        }
      } else if (ch >= ' ' && this.line.length < MAX_LINE) {
        this.line += ch;
        this.target.echo(ch);
      }
    }
  }
}
