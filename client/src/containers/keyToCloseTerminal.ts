// What the container terminals (attach, shell, run) share: a Pseudoterminal that, once its
// process has ended or could not start, stays open with the reason until a key is pressed, as
// VS Code's tasks do. It never closes with a non-zero code of its own, which would add VS Code's
// "terminal process terminated with exit code" notification.
import * as vscode from 'vscode';
import type { DockerEngine } from '../engine/dockerEngine';
import { style, toTerminalNewlines } from './ansi';

export abstract class KeyToCloseTerminal implements vscode.Pseudoterminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<number | void>();
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;
  /** Closed (by the user, or once over): nothing is written any more. */
  protected closed = false;
  /** The process is over and its last lines are on screen: any key closes the terminal. */
  private closeOnKey = false;

  abstract open(initialDimensions: vscode.TerminalDimensions | undefined): void;
  abstract close(): void;
  /** Typing while the process runs. */
  protected abstract input(data: string): void;

  handleInput(data: string): void {
    if (this.closeOnKey) this.closeNow();
    else this.input(data);
  }

  /** True while the terminal waits for a key to close (tests). */
  get waitingForKey(): boolean {
    return this.closeOnKey && !this.closed;
  }

  /** Closes the terminal at once (`0` for a process that ended well). */
  protected closeNow(code?: 0): void {
    this.closed = true;
    this.closeEmitter.fire(code);
  }

  /** The closing line (dimmed when all went well, red otherwise); then a key closes the terminal. */
  protected endWith(line: string, ok: boolean): void {
    this.write(`\r\n${ok ? style.dim(line) : style.red(line)}\r\n${style.dim(vscode.l10n.t('Press any key to close the terminal.'))}\r\n`);
    this.closeOnKey = true;
  }

  /** Why it cannot go on, in red; then a key closes the terminal. */
  protected fail(message: string): void {
    if (this.closed) return;
    this.endWith(toTerminalNewlines(message), false);
  }

  protected write(text: string): void {
    if (text && !this.closed) this.writeEmitter.fire(text);
  }
}

/**
 * A terminal for a process in a running container (attach, shell): it starts once VS Code opens it,
 * at the terminal's size, and `ready` settles once the process runs or could not start.
 */
export abstract class ContainerProcessTerminal extends KeyToCloseTerminal {
  /** The terminal's size: at open, then at every resize. */
  protected dimensions: vscode.TerminalDimensions | undefined;
  /** Settles once the process runs, or failed to start (tests wait on it). */
  ready: Promise<void> = Promise.resolve();

  constructor(
    protected readonly getEngine: () => DockerEngine,
    readonly containerId: string,
    readonly containerName: string,
  ) {
    super();
  }

  open(initialDimensions: vscode.TerminalDimensions | undefined): void {
    this.dimensions = initialDimensions;
    this.ready = this.start();
  }

  /** Starts the process (its failures are shown in the terminal, not thrown). */
  protected abstract start(): Promise<void>;
}
