// "Logs" in a terminal: a Pseudoterminal fed by the engine's log stream (no docker CLI). Follows
// by default, survives container restarts (it re-attaches after die → start), shows stderr in
// red, and destroys the stream when the terminal closes.
import * as vscode from 'vscode';
import type { DockerEngine } from '../engine/dockerEngine';
import { style, toTerminalNewlines } from './ansi';
import { LogFollower, type StartWatch } from './logFollower';
import { LogStreamTerminal } from './logStreamTerminal';

export interface LogsTerminalOptions {
  /** Keep streaming new lines (default true). */
  follow?: boolean;
  /** Lines from the end to show first (default 1000; 0 shows only new lines). */
  tail?: number;
  /** Prefix lines with the engine's timestamps (default false). */
  timestamps?: boolean;
}

export const DEFAULT_TAIL = 1000;

export class LogsPseudoterminal extends LogStreamTerminal {
  private follower: LogFollower | undefined;

  constructor(
    private readonly getEngine: () => DockerEngine,
    readonly containerId: string,
    readonly containerName: string,
    readonly options: LogsTerminalOptions = {},
    private readonly watchStarts?: StartWatch,
  ) {
    super();
  }

  open(): void {
    const follow = this.options.follow !== false;
    const tail = this.options.tail ?? DEFAULT_TAIL;
    const header = follow
      ? (tail === 1
        ? vscode.l10n.t('Logs of {0}: the last line, then following. Close the terminal or press Ctrl+C to stop.', this.containerName)
        : vscode.l10n.t('Logs of {0}: the last {1} lines, then following. Close the terminal or press Ctrl+C to stop.', this.containerName, tail))
      : (tail === 1
        ? vscode.l10n.t('Logs of {0}: the last line.', this.containerName)
        : vscode.l10n.t('Logs of {0}: the last {1} lines.', this.containerName, tail));
    this.line(style.dim(header));
    this.follower = new LogFollower(
      this.getEngine(),
      this.containerId,
      { follow, tail, timestamps: this.options.timestamps },
      {
        stdout: (text) => this.write(toTerminalNewlines(text)),
        stderr: (text) => this.write(style.red(toTerminalNewlines(text))),
        stopped: (exitCode) =>
          this.line(
            style.dim(
              exitCode === undefined
                ? vscode.l10n.t('── the log stream ended; waiting for {0} to start again ──', this.containerName)
                : vscode.l10n.t('── {0} stopped (exit code {1}); waiting for it to start again ──', this.containerName, exitCode),
            ),
          ),
        restarted: () => this.line(style.dim(vscode.l10n.t('── {0} started again ──', this.containerName))),
        ended: (reason) =>
          this.line(style.dim(reason === 'removed' ? vscode.l10n.t('── {0} was removed ──', this.containerName) : vscode.l10n.t('── end of logs ──'))),
        error: (error) => this.line(style.red(vscode.l10n.t('Error reading the logs: {0}', error.message))),
      },
      this.watchStarts,
    );
    this.follower.start().catch((error: Error) => this.line(style.red(vscode.l10n.t('Could not read the logs of {0}: {1}', this.containerName, error.message))));
  }

  protected stop(): void {
    this.follower?.dispose();
    this.follower = undefined;
  }

  /** For tests: whether a log stream is open right now. */
  get isStreaming(): boolean {
    return this.follower?.isStreaming ?? false;
  }

  private atLineStart = true;

  private write(text: string): void {
    if (this.closed || !text) return;
    this.atLineStart = /\n(\x1b\[[0-9;]*m)*$/.test(text);
    this.emit(text);
  }

  /** A status line of our own, on a line of its own. */
  private line(text: string): void {
    this.write(`${this.atLineStart ? '' : '\r\n'}${text}\r\n`);
  }
}

export function openLogsTerminal(
  getEngine: () => DockerEngine,
  containerId: string,
  containerName: string,
  options: LogsTerminalOptions = {},
  watchStarts?: StartWatch,
): vscode.Terminal {
  const pty = new LogsPseudoterminal(getEngine, containerId, containerName, options, watchStarts);
  const terminal = vscode.window.createTerminal({
    name: vscode.l10n.t('Logs: {0}', containerName),
    pty,
    iconPath: new vscode.ThemeIcon('output'),
    isTransient: true,
  });
  terminal.show();
  return terminal;
}
