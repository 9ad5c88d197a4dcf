// Read-only text documents for reports (disk usage, engine info, inspect output): a virtual
// scheme, so closing them never asks to save and they cannot be edited by mistake.
import * as vscode from 'vscode';

export const REPORT_SCHEME = 'docker-workbench-report';

export class ReportDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, this);
  private readonly closing = vscode.workspace.onDidCloseTextDocument((d) => {
    if (d.uri.scheme === REPORT_SCHEME) this.contents.delete(d.uri.toString());
  });

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** Opens (or updates) the report named `name` (e.g. `disk-usage.md`) with `text`. */
  async show(name: string, text: string, language?: string): Promise<vscode.TextDocument> {
    const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${name}` });
    this.contents.set(uri.toString(), text);
    this.emitter.fire(uri);
    let document = await vscode.workspace.openTextDocument(uri);
    if (language && document.languageId !== language) document = await vscode.languages.setTextDocumentLanguage(document, language);
    await vscode.window.showTextDocument(document, { preview: true });
    return document;
  }

  dispose(): void {
    this.registration.dispose();
    this.closing.dispose();
    this.emitter.dispose();
  }
}
