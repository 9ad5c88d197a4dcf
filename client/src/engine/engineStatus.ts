// The engine's connection state everywhere outside the trees: context keys for the views'
// welcome content (dockerWorkbench.engine.down and .problem pick the advice and show a Retry
// button), the status-bar item ("disconnected" with the reason in its tooltip), the log, and one
// notification per outage (OutageNotices), none per retry.
import * as vscode from 'vscode';
import type { ActiveEngine } from './activeEngine';
import { OutageNotices, outageOf, problemKind, type ConnectionState } from './outage';

/** What the status follows: the engine model's connection (the engine module does not import the model). */
export interface ConnectionSource {
  readonly state: ConnectionState;
  readonly endpoint: string;
  /** Whether anything has asked for the engine yet. */
  readonly hasStarted: boolean;
  onDidChange(listener: (change: { kind: string }) => void): { dispose(): void };
}

export class EngineStatus implements vscode.Disposable {
  private readonly notices = new OutageNotices();
  private readonly disposables: vscode.Disposable[] = [];
  private lastProblem = '';
  private lastKeys = '';
  /** Notifications shown so far (the API reports it to tests). */
  notifications = 0;

  constructor(
    private readonly model: ConnectionSource,
    private readonly active: ActiveEngine,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      { dispose: model.onDidChange((change) => { if (change.kind === 'state') this.update(); }).dispose },
      active.onDidChange(() => this.notices.reset()),
    );
    this.update();
  }

  private update(): void {
    const state = this.model.state;
    const outage = outageOf(state);
    this.active.showConnection(state, this.model.hasStarted);

    const keys = `${Boolean(outage)}|${outage ? problemKind(outage) : ''}`;
    if (keys !== this.lastKeys) {
      this.lastKeys = keys;
      void vscode.commands.executeCommand('setContext', 'dockerWorkbench.engine.down', Boolean(outage));
      void vscode.commands.executeCommand('setContext', 'dockerWorkbench.engine.problem', outage ? problemKind(outage) : '');
    }

    const problem = state.status === 'unreachable' ? state.error.message : '';
    if (problem && problem !== this.lastProblem) this.log.warn(problem);
    if (state.status === 'connected' && this.lastProblem) this.log.info(`connected to ${this.model.endpoint}`);
    if (state.status !== 'connecting') this.lastProblem = problem;

    const error = this.notices.observe(state);
    if (error) this.notify(error.message);
  }

  private notify(message: string): void {
    this.notifications++;
    const retry = vscode.l10n.t('Retry');
    const switchEngine = vscode.l10n.t('Switch Engine…');
    const showLog = vscode.l10n.t('Show Log');
    void vscode.window.showWarningMessage(message, retry, switchEngine, showLog).then((choice) => {
      if (choice === retry) void vscode.commands.executeCommand('dockerWorkbench.engine.retry');
      else if (choice === switchEngine) void vscode.commands.executeCommand('dockerWorkbench.engine.pick');
      else if (choice === showLog) this.log.show(true);
    });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
