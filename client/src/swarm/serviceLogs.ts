// A service's logs in a terminal, as `docker service logs -f` prints them: every task's lines,
// each prefixed with the task and its node, stderr in red. Reads the engine's stream directly
// (no CLI) and stops when the terminal closes. Lines are split across chunks with a bounded buffer.
import { PassThrough, type Readable } from 'node:stream';
import * as vscode from 'vscode';
import type { DockerEngine } from '../engine/dockerEngine';
import { stripAnsi, style, toTerminalNewlines } from '../containers/ansi';
import { LogStreamTerminal } from '../containers/logStreamTerminal';
import { formatServiceLogLine } from '../views/swarmPresentation';

const MAX_PARTIAL_LINE = 64 * 1024;
/** What the terminal showed, kept (bounded) so tests and "copy" can read it. */
const MAX_TRANSCRIPT = 256 * 1024;

export interface LogNames {
  task(id: string): string | undefined;
  node(id: string): string | undefined;
}

/** Cuts a stream into lines, each formatted when complete; a line longer than the limit is cut. */
export class LineFormatter {
  private partial = '';

  constructor(private readonly format: (line: string) => string) {}

  push(text: string): string {
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop() ?? '';
    if (this.partial.length > MAX_PARTIAL_LINE) {
      lines.push(this.partial);
      this.partial = '';
    }
    return lines.map((l) => `${this.format(l.replace(/\r$/, ''))}\n`).join('');
  }

  flush(): string {
    const rest = this.partial;
    this.partial = '';
    return rest ? `${this.format(rest)}\n` : '';
  }
}

export class ServiceLogsPseudoterminal extends LogStreamTerminal {
  private stream: Readable | undefined;
  private text = '';

  constructor(
    private readonly engine: DockerEngine,
    readonly serviceId: string,
    readonly serviceName: string,
    private readonly tty: boolean,
    private readonly names: LogNames,
  ) {
    super();
  }

  /** Everything written so far (the last 256 kB), without colours. */
  get transcript(): string {
    return this.text;
  }

  open(): void {
    this.write(style.dim(vscode.l10n.t('Logs of service {0}, every task: the last 200 lines, then following. Close the terminal or press Ctrl+C to stop.', this.serviceName)) + '\r\n');
    void this.follow();
  }

  private async follow(): Promise<void> {
    try {
      const stream = await this.engine.serviceLogs(this.serviceId, { follow: true, tail: 200 });
      if (this.closed) {
        stream.destroy();
        return;
      }
      this.stream = stream;
      const format = (line: string) => formatServiceLogLine(line, this.names);
      const out = new LineFormatter(format);
      const err = new LineFormatter(format);
      if (this.tty) {
        stream.on('data', (chunk: Buffer) => this.write(toTerminalNewlines(out.push(chunk.toString('utf8')))));
      } else {
        const stdout = new PassThrough();
        const stderr = new PassThrough();
        stdout.on('data', (chunk: Buffer) => this.write(toTerminalNewlines(out.push(chunk.toString('utf8')))));
        stderr.on('data', (chunk: Buffer) => this.write(style.red(toTerminalNewlines(err.push(chunk.toString('utf8'))))));
        this.engine.demux(stream, stdout, stderr);
      }
      stream.on('end', () => {
        this.write(toTerminalNewlines(out.flush() + err.flush()));
        this.write(style.dim(vscode.l10n.t('── end of logs ──')) + '\r\n');
      });
      stream.on('error', (error: Error) => this.write(style.red(vscode.l10n.t('Error reading the logs: {0}', error.message)) + '\r\n'));
    } catch (error) {
      this.write(style.red(vscode.l10n.t('Could not read the logs of {0}: {1}', this.serviceName, error instanceof Error ? error.message : String(error))) + '\r\n');
    }
  }

  protected stop(): void {
    this.stream?.destroy();
    this.stream = undefined;
  }

  private write(text: string): void {
    if (this.closed || !text) return;
    this.text = (this.text + stripAnsi(text)).slice(-MAX_TRANSCRIPT);
    this.emit(text);
  }
}

export function openServiceLogs(engine: DockerEngine, serviceId: string, serviceName: string, tty: boolean, names: LogNames): ServiceLogsPseudoterminal {
  const pty = new ServiceLogsPseudoterminal(engine, serviceId, serviceName, tty, names);
  const terminal = vscode.window.createTerminal({ name: vscode.l10n.t('Logs: {0}', serviceName), pty, iconPath: new vscode.ThemeIcon('output'), isTransient: true });
  terminal.show();
  return pty;
}
