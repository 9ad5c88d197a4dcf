// The "Run Image" form: a webview panel (runFormHtml.ts draws it, media/runForm.js keeps its
// draft) that shows the equivalent `docker run` line as the user types, with the problems next to
// the fields they concern. Run, Save Configuration… and Copy are answered here; the page never
// runs anything itself. Questions (the configuration's name, folder pickers) go through
// ctx.prompts so tests can answer them.
import * as vscode from 'vscode';
import type { CommandContext } from '../commands/commandContext';
import { hasErrors, toDockerRunArgs, formatCommandLine, validateRunSpec, type RunProblem, type RunSpec } from './runSpec';
import { draftToSpec, problemAnchor, type ExtensionToForm, type FormToExtension, type RunFormData, type RunFormDraft } from './runFormProtocol';
import { formLabels, newNonce, runFormHtml } from './runFormHtml';
import type { StartedContainer } from './runContainer';

export const RUN_FORM_VIEW_TYPE = 'dockerWorkbench.runForm';

/** What the form needs from the rest of the run workflow. */
export interface RunFormHost {
  ctx: CommandContext;
  extensionUri: vscode.Uri;
  run(spec: RunSpec, progress: (line: string) => void): Promise<StartedContainer>;
  /** Asks for a name and saves; resolves to the name, or undefined when cancelled. */
  save(spec: RunSpec): Promise<string | undefined>;
  /** Pulls the form's image with progress; resolves to its new detail line (short id and size). */
  pull(progress: (line: string) => void): Promise<string>;
}

export interface RunFormPreview {
  spec: RunSpec;
  commandLine: string;
  problems: RunProblem[];
}

/** The spec, command line and problems for a draft: the one place the page's text is judged. */
export function previewDraft(draft: RunFormDraft): RunFormPreview {
  const { spec, problems: formProblems } = draftToSpec(draft, vscode.l10n);
  const problems = [...formProblems, ...validateRunSpec(spec, vscode.l10n)];
  return { spec, commandLine: formatCommandLine(toDockerRunArgs(spec)), problems };
}

export class RunForm implements vscode.Disposable {
  private disposed = false;
  private readonly disposables: vscode.Disposable[] = [];
  private draft: RunFormDraft;
  /** The last preview sent to the page (tests read it). */
  lastPreview: RunFormPreview;
  /** What the last Run started. */
  started: StartedContainer | undefined;
  /** The status lines shown under the buttons, oldest first (the last 50; tests read them). */
  readonly statuses: Array<{ text: string; kind: 'info' | 'error' | 'busy' }> = [];
  private readonly closed = new vscode.EventEmitter<void>();
  readonly onDidClose = this.closed.event;

  private constructor(
    private readonly host: RunFormHost,
    readonly panel: vscode.WebviewPanel,
    data: RunFormData,
  ) {
    this.draft = data.draft;
    this.lastPreview = previewDraft(data.draft);
    const webview = panel.webview;
    const media = vscode.Uri.joinPath(host.extensionUri, 'media');
    webview.options = { enableScripts: true, localResourceRoots: [media] };
    webview.html = runFormHtml({
      nonce: newNonce(),
      cspSource: webview.cspSource,
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'runForm.css')).toString(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'runForm.js')).toString(),
      title: panel.title,
      data,
      labels: formLabels(vscode.l10n, data.exposedPorts),
    });
    this.disposables.push(
      webview.onDidReceiveMessage((message: FormToExtension) => {
        void this.handleMessage(message).catch((error: unknown) => this.status(error instanceof Error ? error.message : String(error), 'error'));
      }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** Opens a form for `data.draft.image`. */
  static open(host: RunFormHost, data: RunFormData): RunForm {
    const title = vscode.l10n.t('Run {0}', data.draft.image);
    const panel = vscode.window.createWebviewPanel(RUN_FORM_VIEW_TYPE, title, vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(host.extensionUri, 'media')],
      retainContextWhenHidden: false,
    });
    return new RunForm(host, panel, data);
  }

  /** The current draft (the page's last report). */
  get currentDraft(): RunFormDraft {
    return this.draft;
  }

  /** Handles one message from the page; public so tests can act as the page. */
  async handleMessage(message: FormToExtension): Promise<void> {
    if (this.disposed || !message || typeof message !== 'object') return;
    switch (message.type) {
      case 'ready':
        return;
      case 'change':
        this.draft = message.draft;
        this.sendPreview();
        return;
      case 'copy': {
        this.draft = message.draft;
        const preview = this.sendPreview();
        await vscode.env.clipboard.writeText(preview.commandLine);
        return this.status(vscode.l10n.t('Copied.'), 'info');
      }
      case 'save': {
        this.draft = message.draft;
        const preview = this.sendPreview();
        if (hasErrors(preview.problems)) return this.status(vscode.l10n.t('Fix the problems above before saving.'), 'error');
        const name = await this.host.save(preview.spec);
        if (name) this.status(vscode.l10n.t('Saved as "{0}". Re-run it with "Docker: Re-run Saved Configuration…".', name), 'info');
        return;
      }
      case 'run': {
        this.draft = message.draft;
        const preview = this.sendPreview();
        if (hasErrors(preview.problems)) return this.status(vscode.l10n.t('Fix the problems above to run.'), 'error');
        this.status(vscode.l10n.t('Starting…'), 'busy');
        try {
          this.started = await this.host.run(preview.spec, (line) => this.status(line, 'busy'));
        } catch (error) {
          return this.status(error instanceof Error ? error.message : String(error), 'error');
        }
        this.dispose();
        return;
      }
      case 'browse':
        return this.browse(message.what, message.index);
      case 'pull': {
        this.status(vscode.l10n.t('Pulling {0}…', this.draft.image), 'busy');
        try {
          const detail = await this.host.pull((line) => this.status(line, 'busy'));
          this.post({ type: 'pulled', imageDetail: detail });
          this.status(vscode.l10n.t('Pulled {0}.', this.draft.image), 'info');
        } catch (error) {
          this.status(error instanceof Error ? error.message : String(error), 'error');
        }
        return;
      }
      case 'cancel':
        this.dispose();
        return;
    }
  }

  private sendPreview(): RunFormPreview {
    const preview = previewDraft(this.draft);
    this.lastPreview = preview;
    this.post({ type: 'preview', commandLine: preview.commandLine, problems: preview.problems.map((p) => ({ ...p, anchor: problemAnchor(p.field) })) });
    return preview;
  }

  private async browse(what: 'bind' | 'envFile', index: number): Promise<void> {
    const prompts = this.host.ctx.prompts.current;
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
    let picked: string | undefined;
    if (what === 'bind') {
      const other = vscode.l10n.t('Other Folder…');
      const items = [...folders.map((f) => ({ label: f.name, description: f.uri.fsPath, path: f.uri.fsPath })), { label: other, description: '', path: '' }];
      const choice = await prompts.pick(items, { title: vscode.l10n.t('Folder to mount into the container'), placeHolder: vscode.l10n.t('A workspace folder, or another folder on this machine') });
      if (!choice) return;
      if (choice.path) picked = choice.path;
      else {
        const uris = await prompts.openFiles({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, defaultUri: folders[0]?.uri, title: vscode.l10n.t('Folder to mount') });
        picked = uris?.[0]?.fsPath;
      }
    } else {
      const uris = await prompts.openFiles({ canSelectFiles: true, canSelectFolders: false, canSelectMany: false, defaultUri: folders[0]?.uri, title: vscode.l10n.t('Env file (KEY=VALUE lines)') });
      picked = uris?.[0]?.fsPath;
    }
    if (picked) this.post({ type: 'picked', what, index, path: picked });
  }

  private status(text: string, kind: 'info' | 'error' | 'busy'): void {
    this.statuses.push({ text, kind });
    if (this.statuses.length > 50) this.statuses.shift();
    this.post({ type: 'status', text, kind });
  }

  private post(message: ExtensionToForm): void {
    if (!this.disposed) void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
    this.closed.fire();
    this.closed.dispose();
  }
}
