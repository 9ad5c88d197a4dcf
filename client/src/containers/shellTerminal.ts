// "Attach Shell": an interactive exec (with a TTY) through the engine API in a Pseudoterminal.
// Without a custom command it runs bash when the container has it and sh otherwise; whether bash
// exists is decided by the exit code of a probe exec (126/127: it could not be run), not by
// reading error text. The TTY gets the terminal's size at start and on every resize. A shell that
// exits with 0 closes its terminal; otherwise (an error code, the container stopped under it), and
// always for a one-shot command such as `cat /data.txt`, the terminal stays open with the exit
// code until a key is pressed, as VS Code's tasks do. It never closes with a non-zero code, which
// would add VS Code's "terminal process terminated with exit code" notification.
import { StringDecoder } from 'node:string_decoder';
import * as vscode from 'vscode';
import type { DockerEngine, ExecSession } from '../engine/dockerEngine';
import { style } from './ansi';
import { CommandLineError, splitCommandLine } from './commandLine';
import { isCannotRunExitCode, runCapture, settledExitCode } from './execCapture';
import { ContainerProcessTerminal } from './keyToCloseTerminal';

type ShellEngine = Pick<DockerEngine, 'exec' | 'demux'>;

/** What to run: a custom command (already split, or typed text to split), or bash-then-sh. */
export type ShellCommand = string | readonly string[] | undefined;

export interface ResolvedShell {
  cmd: string[];
  /** True when bash was wanted but missing, so sh is used. */
  fellBackToSh: boolean;
}

/**
 * The command to exec. A custom command is used as given (text is split with the quote rules of
 * splitCommandLine; throws CommandLineError). Otherwise probes `bash` with a harmless exec and
 * picks sh when bash could not be run.
 */
export async function resolveShellCommand(engine: ShellEngine, containerId: string, command: ShellCommand): Promise<ResolvedShell> {
  if (typeof command === 'string') {
    const cmd = splitCommandLine(command);
    if (cmd.length === 0) throw new CommandLineError('empty', 0);
    return { cmd, fellBackToSh: false };
  }
  if (command && command.length > 0) return { cmd: [...command], fellBackToSh: false };
  const probe = await runCapture(engine, containerId, ['bash', '-c', 'exit 0']);
  if (probe.exitCode === 0) return { cmd: ['bash'], fellBackToSh: false };
  if (probe.exitCode === null || isCannotRunExitCode(probe.exitCode)) return { cmd: ['sh'], fellBackToSh: true };
  // bash ran but failed (a broken profile?): it exists, so use it
  return { cmd: ['bash'], fellBackToSh: false };
}

export class ShellPseudoterminal extends ContainerProcessTerminal {
  private session: ExecSession | undefined;
  /** The command that runs, once known (tests). */
  command: string[] | undefined;
  /** The exit code shown when the command ended (tests). */
  exitCode: number | undefined;

  constructor(
    getEngine: () => DockerEngine,
    containerId: string,
    containerName: string,
    private readonly requested: ShellCommand = undefined,
  ) {
    super(getEngine, containerId, containerName);
  }

  protected async start(): Promise<void> {
    const engine = this.getEngine();
    let resolved: ResolvedShell;
    try {
      resolved = await resolveShellCommand(engine, this.containerId, this.requested);
    } catch (error) {
      const message = error instanceof CommandLineError
        ? commandLineProblemText(error)
        : vscode.l10n.t('Could not start a shell in {0}: {1}', this.containerName, (error as Error).message);
      return this.fail(message);
    }
    if (this.closed) return;
    this.command = resolved.cmd;
    if (resolved.fellBackToSh) this.write(style.dim(vscode.l10n.t('bash is not available in {0}; using sh.', this.containerName)) + '\r\n');
    let session: ExecSession;
    try {
      session = await engine.exec(this.containerId, {
        cmd: resolved.cmd,
        tty: true,
        env: ['TERM=xterm-256color'],
        columns: this.dimensions?.columns,
        rows: this.dimensions?.rows,
      });
    } catch (error) {
      return this.fail(vscode.l10n.t('Could not start {0} in {1}: {2}', resolved.cmd.join(' '), this.containerName, (error as Error).message));
    }
    if (this.closed) {
      destroy(session.stream);
      return;
    }
    this.session = session;
    const decoder = new StringDecoder('utf8');
    const stream = session.stream;
    stream.on('data', (chunk: Buffer) => this.write(decoder.write(chunk)));
    let over = false;
    const ended = async () => {
      if (over) return;
      over = true;
      this.write(decoder.end());
      this.session = undefined;
      if (this.closed) return;
      const code = await settledExitCode(session.exitCode);
      if (this.closed) return;
      if (isCannotRunExitCode(code)) {
        return this.fail(vscode.l10n.t('{0} could not be run in {1} (exit code {2}).', resolved.cmd[0] ?? '', this.containerName, code ?? ''));
      }
      const oneShot = this.requested !== undefined;
      if (!oneShot && code === 0) return this.closeNow(0);
      const running = await this.getEngine().inspectContainer(this.containerId).then((d) => Boolean(d.State?.Running), () => false);
      if (this.closed) return;
      const what = resolved.cmd.join(' ');
      const line = !running
        ? vscode.l10n.t('── {0} stopped, so {1} ended (exit code {2}) ──', this.containerName, what, code ?? '?')
        : vscode.l10n.t('── {0} exited with code {1} ──', what, code ?? '?');
      this.endWith(line, code === 0);
      this.exitCode = code ?? undefined;
    };
    stream.on('end', () => void ended());
    stream.on('close', () => void ended());
    stream.on('error', () => void ended());
  }

  protected input(data: string): void {
    this.session?.stream.write(data);
  }

  setDimensions(dimensions: vscode.TerminalDimensions): void {
    this.dimensions = dimensions;
    void this.session?.resize(dimensions.columns, dimensions.rows);
  }

  close(): void {
    if (this.closed && !this.session) return;
    this.closed = true;
    if (this.session) destroy(this.session.stream);
    this.session = undefined;
  }
}

export function commandLineProblemText(error: CommandLineError): string {
  const at = error.offset + 1;
  switch (error.problem) {
    case 'unterminatedSingleQuote': return vscode.l10n.t('The command has a single quote at character {0} that is never closed.', at);
    case 'unterminatedDoubleQuote': return vscode.l10n.t('The command has a double quote at character {0} that is never closed.', at);
    case 'trailingBackslash': return vscode.l10n.t('The command ends with a backslash.');
    case 'empty': return vscode.l10n.t('The command is empty.');
  }
}

function destroy(stream: NodeJS.ReadWriteStream): void {
  (stream as NodeJS.ReadWriteStream & { destroy?: () => void }).destroy?.();
}

/** Opens a terminal with a shell in the container; `command` overrides the bash-then-sh choice. */
export function openShell(getEngine: () => DockerEngine, containerId: string, containerName: string, command?: ShellCommand): vscode.Terminal {
  const pty = new ShellPseudoterminal(getEngine, containerId, containerName, command);
  const terminal = vscode.window.createTerminal({ name: vscode.l10n.t('Shell: {0}', containerName), pty, iconPath: new vscode.ThemeIcon('terminal') });
  terminal.show();
  return terminal;
}
