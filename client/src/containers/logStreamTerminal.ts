// What a logs terminal is, whatever it shows (a container's logs, a service's): a read-only
// Pseudoterminal over a stream that Ctrl+C or closing the terminal stops, once. Subclasses open
// the stream and say how to stop it; writes after the stop are dropped.
import * as vscode from 'vscode';

export abstract class LogStreamTerminal implements vscode.Pseudoterminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<number | void>();
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;
  private stopped = false;

  abstract open(): void;

  /** Ends the stream; called once, by the first close(). */
  protected abstract stop(): void;

  /** Whether the terminal was closed (a stream that opens after that must be ended at once). */
  protected get closed(): boolean {
    return this.stopped;
  }

  handleInput(data: string): void {
    if (data === '\x03') {
      this.close();
      this.closeEmitter.fire();
    }
  }

  close(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.stop();
  }

  /** Shows `text` unless the terminal is closed; true when it was shown. */
  protected emit(text: string): boolean {
    if (this.stopped || !text) return false;
    this.writeEmitter.fire(text);
    return true;
  }
}
