// "Stats": live CPU, memory, network and block I/O of one or several containers in a webview
// panel with a strict Content Security Policy (statsHtml.ts). The numbers come from StatsSource
// (one engine stats stream per container, statsMath formulas); the streams stop when the panel
// closes.
import * as vscode from 'vscode';
import type { DockerEngine } from '../engine/dockerEngine';
import type { StartWatch } from './logFollower';
import { formatBinaryBytes, formatDecimalBytes, formatPercent, type StatsSample } from './statsMath';
import { newNonce, statsPageHtml, type StatsPageMessage } from './statsHtml';
import { StatsSource, type StatsTarget } from './statsSource';

export const STATS_VIEW_TYPE = 'dockerWorkbench.stats';

export function sampleMessage(id: string, sample: StatsSample): StatsPageMessage {
  return {
    type: 'sample',
    id,
    cpu: sample.cpuPercent,
    cells: {
      cpu: formatPercent(sample.cpuPercent),
      memory: `${formatBinaryBytes(sample.memoryUsage)} / ${formatBinaryBytes(sample.memoryLimit)}`,
      memoryPercent: formatPercent(sample.memoryPercent),
      network: `${formatDecimalBytes(sample.networkRx)} / ${formatDecimalBytes(sample.networkTx)}`,
      block: `${formatDecimalBytes(sample.blockRead)} / ${formatDecimalBytes(sample.blockWrite)}`,
      pids: String(sample.pids),
    },
  };
}

export class StatsPanel implements vscode.Disposable {
  readonly source: StatsSource;
  private disposed = false;
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(
    readonly panel: vscode.WebviewPanel,
    engine: DockerEngine,
    readonly targets: readonly StatsTarget[],
    watchStarts?: StartWatch,
  ) {
    const post = (message: StatsPageMessage) => {
      if (!this.disposed) void panel.webview.postMessage(message);
    };
    this.source = new StatsSource(engine, targets, {
      onSample: (id, sample) => post(sampleMessage(id, sample)),
      onStopped: (id) => post({ type: 'status', id, text: vscode.l10n.t('not running') }),
      onError: (id, error) => post({ type: 'status', id, text: error.message }),
    }, watchStarts);
    const webview = panel.webview;
    webview.options = { enableScripts: true, localResourceRoots: [] };
    webview.html = statsPageHtml({
      nonce: newNonce(),
      cspSource: webview.cspSource,
      title: panel.title,
      rows: targets.map((t) => ({ id: t.id, name: t.name })),
      labels: {
        container: vscode.l10n.t('Container'),
        cpu: vscode.l10n.t('CPU %'),
        memory: vscode.l10n.t('Memory usage / limit'),
        memoryPercent: vscode.l10n.t('Memory %'),
        network: vscode.l10n.t('Net I/O (rx / tx)'),
        block: vscode.l10n.t('Block I/O (read / write)'),
        pids: vscode.l10n.t('PIDs'),
        waiting: vscode.l10n.t('waiting for the first sample…'),
      },
    });
    this.disposables.push(
      // The page (re)loads when first shown and after being hidden: send it the newest numbers.
      webview.onDidReceiveMessage((message: { type?: string }) => {
        if (message?.type !== 'ready') return;
        for (const [id, sample] of this.source.latest) post(sampleMessage(id, sample));
      }),
      panel.onDidDispose(() => this.dispose()),
    );
    void this.source.start();
  }

  static show(getEngine: () => DockerEngine, targets: readonly StatsTarget[], watchStarts?: StartWatch): StatsPanel {
    const title = targets.length === 1 ? vscode.l10n.t('Stats: {0}', targets[0]!.name) : vscode.l10n.t('Stats: {0} containers', targets.length);
    const panel = vscode.window.createWebviewPanel(STATS_VIEW_TYPE, title, vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [],
      retainContextWhenHidden: false,
    });
    return new StatsPanel(panel, getEngine(), targets, watchStarts);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.source.dispose();
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
  }
}
