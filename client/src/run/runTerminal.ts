// The terminal of a run that is not detached: it shows the equivalent docker run line and how to
// leave, then the container's output from its first byte (AttachedRun attaches before the start),
// takes typing for -i / -it, and at the end says how it ended (exit code, removed by --rm, or
// detached) and stays open until a key is pressed, as VS Code's tasks do. It never closes with an
// exit code of its own, so VS Code shows no "terminal process terminated" notification.
import * as vscode from 'vscode';
import type { DockerEngine } from '../engine/dockerEngine';
import { style, toTerminalNewlines } from '../containers/ansi';
import { KeyToCloseTerminal } from '../containers/keyToCloseTerminal';
import { AttachedRun, type AttachedRunEnd } from './attachedRun';
import { startCreated, type CreatedContainer } from './runContainer';
import { hasTty, isDetached, type RunSpec } from './runSpec';

/** How to leave a run, for its first lines. */
export function runAdvice(spec: RunSpec): string {
  if (spec.interactive && hasTty(spec)) {
    const keys = spec.detachKeys?.trim();
    return keys
      ? vscode.l10n.t('Detach with {0} (--detach-keys): the container keeps running. Ctrl+C and other keys go to the process.', keys)
      : vscode.l10n.t('Detach with Ctrl+P then Ctrl+Q: the container keeps running. Ctrl+C and other keys go to the process.');
  }
  if (spec.interactive) return vscode.l10n.t('Type a line and press Enter to send it to the process (no terminal: -i without -t); Ctrl+D ends its input, Ctrl+C interrupts it. Closing this terminal detaches.');
  if (isDetached(spec)) return vscode.l10n.t('The output of a detached run that removes its container (--rm), kept here because it goes with the container.');
  return vscode.l10n.t('Ctrl+C interrupts the process; closing this terminal detaches (the container keeps running).');
}

/** The closing line of a run. */
export function runEndLine(name: string, end: AttachedRunEnd, removed: boolean): string {
  if (end.outcome === 'detached') return vscode.l10n.t('── Detached: {0} keeps running ──', name);
  const code = end.exitCode ?? '?';
  return removed
    ? vscode.l10n.t('── {0} exited with code {1} and was removed (--rm) ──', name, code)
    : vscode.l10n.t('── {0} exited with code {1} ──', name, code);
}

export class RunPseudoterminal extends KeyToCloseTerminal {
  private run: AttachedRun | undefined;
  private opened = false;
  private resolveStarted!: () => void;
  private rejectStarted!: (error: unknown) => void;
  /** Settles once the container started (or failed to: the failure, already explained). */
  readonly started = new Promise<void>((resolve, reject) => {
    this.resolveStarted = resolve;
    this.rejectStarted = reject;
  });
  /** How the run ended (tests wait on it). */
  readonly ended: Promise<AttachedRunEnd | undefined>;
  private resolveEnded!: (end: AttachedRunEnd | undefined) => void;
  /** The last 64 KB written (tests read it), and the size VS Code gave the terminal. */
  transcript = '';
  dimensions: vscode.TerminalDimensions | undefined;

  constructor(
    private readonly engine: DockerEngine,
    readonly created: CreatedContainer,
    private readonly spec: RunSpec,
  ) {
    super();
    this.ended = new Promise((resolve) => (this.resolveEnded = resolve));
    this.started.catch(() => undefined);
  }

  open(dimensions: vscode.TerminalDimensions | undefined): void {
    if (this.opened) return;
    this.opened = true;
    void this.begin(dimensions);
  }

  /** Starts without a terminal on screen (VS Code never opened it); the output so far is not shown. */
  openUnseen(): void {
    this.open(undefined);
  }

  private async begin(dimensions: vscode.TerminalDimensions | undefined): Promise<void> {
    this.dimensions = dimensions;
    this.write(style.dim(toTerminalNewlines(`> ${this.created.commandLine}\n${runAdvice(this.spec)}`)) + '\r\n');
    try {
      this.run = await AttachedRun.begin(this.engine, this.created.id, this.spec, { write: (text) => this.write(text) }, {
        start: () => startCreated(this.engine, this.created, this.spec),
        columns: dimensions?.columns,
        rows: dimensions?.rows,
      });
    } catch (error) {
      this.fail(error instanceof Error ? error.message : String(error));
      this.rejectStarted(error);
      this.resolveEnded(undefined);
      return;
    }
    this.resolveStarted();
    const end = await this.run.ended;
    this.run = undefined;
    this.resolveEnded(end);
    if (this.closed) return;
    this.endWith(runEndLine(this.created.name, end, end.outcome === 'exited' && Boolean(this.spec.remove)), !(end.outcome === 'exited' && end.exitCode !== 0));
  }

  protected input(data: string): void {
    this.run?.input(data);
  }

  setDimensions(dimensions: vscode.TerminalDimensions): void {
    this.dimensions = dimensions;
    void this.run?.resize(dimensions.columns, dimensions.rows);
  }

  /** Closing the terminal while the container runs detaches from it: it keeps running. */
  close(): void {
    this.closed = true;
    this.run?.detach();
  }

  protected override write(text: string): void {
    if (text && !this.closed) this.transcript = (this.transcript + text).slice(-65_536);
    super.write(text);
  }
}

export interface RunTerminal {
  terminal: vscode.Terminal;
  pty: RunPseudoterminal;
  /** Settles once the container started, or rejects with why it could not. */
  started: Promise<void>;
}

/** VS Code opens a terminal it shows at once; past this, the run starts anyway. */
const OPEN_DEADLINE_MS = 10_000;

export function openRunTerminal(engine: DockerEngine, created: CreatedContainer, spec: RunSpec, options: { preserveFocus: boolean; log(line: string): void }): RunTerminal {
  const pty = new RunPseudoterminal(engine, created, spec);
  const terminal = vscode.window.createTerminal({ name: vscode.l10n.t('Run: {0}', created.name), pty, iconPath: new vscode.ThemeIcon('play') });
  terminal.show(options.preserveFocus);
  const deadline = setTimeout(() => {
    options.log(`run: the terminal of ${created.name} did not open; starting it anyway`);
    pty.openUnseen();
  }, OPEN_DEADLINE_MS);
  const clear = () => clearTimeout(deadline);
  pty.started.then(clear, clear);
  return { terminal, pty, started: pty.started };
}
