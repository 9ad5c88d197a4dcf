// "Open Logs in Editor": a read-only virtual document per container that keeps appending as the
// container logs, searchable with the editor's Find. Escape sequences are stripped, appends are
// batched (a few document updates per second however chatty the container is), and the text is
// capped (the oldest lines are dropped, with a note at the top). One log stream per open
// document; it stops when the document's tab is closed or the document is disposed.
import * as vscode from 'vscode';
import type { DockerEngine } from '../engine/dockerEngine';
import { AnsiStripper, NewlineNormalizer } from './ansi';
import { AppendBatcher, CappedText } from './logBuffer';
import { LogFollower, type StartWatch } from './logFollower';
import { LOGS_SCHEME } from '../registrationIds';

export { LOGS_SCHEME } from '../registrationIds';

export interface LogsDocumentOptions {
  /** Lines from the end to load first (default 10,000; the size cap still applies). */
  tail?: number;
  timestamps?: boolean;
}

export interface LogsDocumentProviderOptions {
  scheme?: string;
  /** Characters kept per document (default 5 MiB worth). */
  maxChars?: number;
  /** Longest wait between an incoming line and the document showing it (default 250 ms). */
  batchMs?: number;
  watchStarts?: StartWatch;
}

const DEFAULT_TAIL = 10_000;

interface Session {
  follower: LogFollower;
  batcher: AppendBatcher;
  text: CappedText;
}

export class LogsDocumentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  readonly scheme: string;
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changeEmitter.event;
  private readonly sessions = new Map<string, Session>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Editors that showed the end of their logs before the last append: keep them scrolled down. */
  private readonly tailing = new Set<vscode.TextEditor>();
  private readonly maxChars: number;
  private readonly batchMs: number;

  constructor(
    private readonly getEngine: () => DockerEngine,
    private readonly options: LogsDocumentProviderOptions = {},
  ) {
    this.scheme = options.scheme ?? LOGS_SCHEME;
    this.maxChars = options.maxChars ?? 5 * 1024 * 1024;
    this.batchMs = options.batchMs ?? 250;
    this.disposables.push(
      this.changeEmitter,
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document.uri.scheme === this.scheme) this.stop(document.uri);
      }),
      // A closed tab is the user's "stop"; the document itself may be disposed only later.
      vscode.window.tabGroups.onDidChangeTabs((event) => {
        for (const tab of event.closed) {
          const input = tab.input;
          if (input instanceof vscode.TabInputText && input.uri.scheme === this.scheme && !this.isShownInTab(input.uri)) this.stop(input.uri);
        }
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document.uri.scheme !== this.scheme || this.tailing.size === 0) return;
        for (const editor of this.tailing) {
          if (editor.document !== event.document) continue;
          const end = new vscode.Position(editor.document.lineCount - 1, 0);
          editor.revealRange(new vscode.Range(end, end), vscode.TextEditorRevealType.Default);
          this.tailing.delete(editor);
        }
      }),
    );
  }

  uriFor(containerId: string, containerName: string, options: LogsDocumentOptions = {}): vscode.Uri {
    const query = new URLSearchParams({ id: containerId, tail: String(options.tail ?? DEFAULT_TAIL) });
    if (options.timestamps) query.set('timestamps', '1');
    return vscode.Uri.from({ scheme: this.scheme, path: `/${containerName.replace(/[/\\]/g, '_')}.log`, query: query.toString() });
  }

  /** Opens (or shows again) the logs document of a container; the stream starts with it. */
  async open(containerId: string, containerName: string, options: LogsDocumentOptions = {}): Promise<vscode.TextEditor> {
    const uri = this.uriFor(containerId, containerName, options);
    const restarted = !this.sessions.has(uri.toString());
    this.ensureSession(uri);
    let document = await vscode.workspace.openTextDocument(uri);
    // A document that stayed loaded after its tab closed kept its old text: make VS Code ask again.
    if (restarted) this.changeEmitter.fire(uri);
    if (document.languageId !== 'log') document = await vscode.languages.setTextDocumentLanguage(document, 'log');
    return vscode.window.showTextDocument(document, { preview: false });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const session = this.ensureSession(uri);
    if (!session) return vscode.l10n.t('This logs document has no container id.');
    const { text } = session;
    if (text.droppedLines === 0) return text.text;
    const note = vscode.l10n.t(
      '[{0} older lines ({1} MB) were dropped; this document keeps the last {2} MB]',
      text.droppedLines,
      (text.droppedChars / 1_000_000).toFixed(1),
      (this.maxChars / 1_000_000).toFixed(1),
    );
    return `${note}\n${text.text}`;
  }

  /** Whether a log stream runs for this document (tests, diagnostics). */
  isStreaming(uri: vscode.Uri): boolean {
    return this.sessions.get(uri.toString())?.follower.isStreaming ?? false;
  }

  hasSession(uri: vscode.Uri): boolean {
    return this.sessions.has(uri.toString());
  }

  stop(uri: vscode.Uri): void {
    const key = uri.toString();
    const session = this.sessions.get(key);
    if (!session) return;
    this.sessions.delete(key);
    session.follower.dispose();
    session.batcher.dispose();
  }

  dispose(): void {
    for (const key of [...this.sessions.keys()]) this.stop(vscode.Uri.parse(key));
    for (const d of this.disposables) d.dispose();
    this.tailing.clear();
  }

  private isShownInTab(uri: vscode.Uri): boolean {
    const key = uri.toString();
    return vscode.window.tabGroups.all.some((group) =>
      group.tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === key),
    );
  }

  private ensureSession(uri: vscode.Uri): Session | undefined {
    const key = uri.toString();
    const existing = this.sessions.get(key);
    if (existing) return existing;
    const query = new URLSearchParams(uri.query);
    const id = query.get('id');
    if (!id) return undefined;
    const tail = Number(query.get('tail') ?? DEFAULT_TAIL);
    const name = uri.path.replace(/^\//, '').replace(/\.log$/, '');
    const text = new CappedText(this.maxChars);
    const stripper = new AnsiStripper();
    const newlines = new NewlineNormalizer();
    const batcher = new AppendBatcher((chunk) => {
      text.append(newlines.push(stripper.push(chunk)));
      this.noteTailingEditors(uri);
      this.changeEmitter.fire(uri);
    }, this.batchMs);
    const status = (line: string) => batcher.push(`\n${line}\n`);
    const follower = new LogFollower(
      this.getEngine(),
      id,
      { follow: true, tail: Number.isFinite(tail) && tail >= 0 ? tail : DEFAULT_TAIL, timestamps: query.get('timestamps') === '1' },
      {
        stdout: (chunk) => batcher.push(chunk),
        stderr: (chunk) => batcher.push(chunk),
        stopped: (exitCode) =>
          status(
            exitCode === undefined
              ? vscode.l10n.t('──── the log stream ended; waiting for {0} to start again ────', name)
              : vscode.l10n.t('──── {0} stopped (exit code {1}); waiting for it to start again ────', name, exitCode),
          ),
        restarted: () => status(vscode.l10n.t('──── {0} started again ────', name)),
        ended: (reason) => status(reason === 'removed' ? vscode.l10n.t('──── {0} was removed ────', name) : vscode.l10n.t('──── end of logs ────')),
        error: (error) => status(vscode.l10n.t('──── error reading the logs: {0} ────', error.message)),
      },
      this.options.watchStarts,
    );
    const session: Session = { follower, batcher, text };
    this.sessions.set(key, session);
    follower.start().catch((error: Error) => {
      if (this.sessions.get(key) === session) status(vscode.l10n.t('Could not read the logs of {0}: {1}', name, error.message));
    });
    return session;
  }

  private noteTailingEditors(uri: vscode.Uri): void {
    const key = uri.toString();
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.toString() !== key) continue;
      const last = editor.visibleRanges[editor.visibleRanges.length - 1];
      if (last && last.end.line >= editor.document.lineCount - 2) this.tailing.add(editor);
    }
  }
}
