// "Attach": the container's main process (its stdin/stdout/stderr) in a Pseudoterminal. Before
// attaching it says how to leave without stopping the process: Ctrl+P Ctrl+Q when the container
// has a TTY with stdin open (the engine's detach keys), otherwise closing the terminal. With a TTY
// the container's terminal follows the VS Code terminal's size. When the container ends, its exit
// code stays in the terminal until a key is pressed.
import * as vscode from 'vscode';
import type { DockerEngine } from '../engine/dockerEngine';
import { style, toTerminalNewlines } from './ansi';
import { LineInput } from './lineInput';
import { onceStreamEnds, showAttachOutput } from './attachOutput';
import { ContainerProcessTerminal } from './keyToCloseTerminal';

export interface AttachMode {
  tty: boolean;
  openStdin: boolean;
}

/** The advice shown before attaching. */
export function detachAdvice(mode: AttachMode): string {
  if (mode.tty && mode.openStdin) {
    return vscode.l10n.t('Detach with Ctrl+P then Ctrl+Q: the process keeps running. Ctrl+C and other keys go to the process (Ctrl+C may stop it).');
  }
  if (mode.openStdin) {
    return vscode.l10n.t('Close this terminal to detach: the process keeps running. What you type is sent to its stdin when you press Enter; Ctrl+C sends SIGINT to the process and may stop it.');
  }
  return vscode.l10n.t('Close this terminal to detach: the process keeps running. Its stdin is not open, so typing does nothing; Ctrl+C would send SIGINT to the process and may stop it.');
}

type Duplex = NodeJS.ReadWriteStream & { destroy?: () => void; end(): void };

export class AttachPseudoterminal extends ContainerProcessTerminal {
  private stream: Duplex | undefined;
  private mode: AttachMode | undefined;
  /** Typing when the container has no TTY (no remote echo or line editing). */
  private lineInput: LineInput | undefined;

  protected async start(): Promise<void> {
    const engine = this.getEngine();
    try {
      const details = await engine.inspectContainer(this.containerId);
      if (!details.State?.Running) {
        return this.fail(vscode.l10n.t('{0} is not running, so there is nothing to attach to.', this.containerName));
      }
      const mode: AttachMode = { tty: Boolean(details.Config?.Tty), openStdin: Boolean(details.Config?.OpenStdin) };
      this.mode = mode;
      this.write(style.yellow(toTerminalNewlines(vscode.l10n.t('Attached to the main process of {0}.', this.containerName) + '\n' + detachAdvice(mode))) + '\r\n');
      const stream = (await engine.attach(this.containerId)) as Duplex;
      if (this.closed) {
        stream.destroy?.();
        return;
      }
      this.stream = stream;
      showAttachOutput(engine, stream, mode.tty, (text) => this.write(text));
      if (mode.tty && this.dimensions) await this.resize(this.dimensions);
      onceStreamEnds(stream, () => void this.streamEnded());
    } catch (error) {
      this.fail(vscode.l10n.t('Could not attach to {0}: {1}', this.containerName, (error as Error).message));
    }
  }

  private async streamEnded(): Promise<void> {
    this.stream = undefined;
    if (this.closed) return;
    let exitCode: number | undefined;
    let running = false;
    try {
      const details = await this.getEngine().inspectContainer(this.containerId);
      running = Boolean(details.State?.Running);
      exitCode = details.State?.ExitCode;
    } catch {
      // removed meanwhile
    }
    if (this.closed) return;
    if (running) {
      this.write('\r\n' + style.dim(vscode.l10n.t('Detached; {0} keeps running.', this.containerName)) + '\r\n');
      this.closeNow(0);
      return;
    }
    // The container ended: say how and wait for a key (closing with its code would add VS Code's
    // "terminal process terminated with exit code" notification, e.g. 137 after a stop).
    this.endWith(vscode.l10n.t('{0} exited with code {1}.', this.containerName, exitCode ?? '?'), exitCode === 0);
  }

  protected input(data: string): void {
    const stream = this.stream;
    const mode = this.mode;
    if (!stream || !mode) return;
    if (mode.tty && mode.openStdin) {
      // the container's TTY echoes, edits lines, turns Ctrl+C into SIGINT and spots Ctrl+P Ctrl+Q
      stream.write(data);
      return;
    }
    // Otherwise Ctrl+C is a signal (as `docker attach` proxies it); with stdin open (no TTY),
    // typing is echoed here and sent a line at a time (LineInput).
    this.lineInput ??= new LineInput({
      echo: (text) => this.write(text),
      send: (text) => void this.stream?.write(text),
      endInput: () => this.stream?.end(),
      interrupt: () => void this.getEngine().signalContainer(this.containerId, 'SIGINT').catch(() => undefined),
    }, mode.openStdin);
    this.lineInput.feed(data);
  }

  setDimensions(dimensions: vscode.TerminalDimensions): void {
    this.dimensions = dimensions;
    void this.resize(dimensions);
  }

  private async resize(dimensions: vscode.TerminalDimensions): Promise<void> {
    if (!this.stream || !this.mode?.tty) return;
    await this.getEngine().resizeContainerTty(this.containerId, dimensions.columns, dimensions.rows).catch(() => undefined);
  }

  /** Closing the terminal detaches: the attach connection goes, the process stays. */
  close(): void {
    this.closed = true;
    this.stream?.destroy?.();
    this.stream = undefined;
  }
}

export function attachToContainer(getEngine: () => DockerEngine, containerId: string, containerName: string): vscode.Terminal {
  const pty = new AttachPseudoterminal(getEngine, containerId, containerName);
  const terminal = vscode.window.createTerminal({ name: vscode.l10n.t('Attach: {0}', containerName), pty, iconPath: new vscode.ThemeIcon('plug') });
  terminal.show();
  return terminal;
}
