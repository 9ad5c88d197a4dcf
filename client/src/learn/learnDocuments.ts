// Read-only Markdown documents for the walkthrough's step reports and "Explain this Dockerfile",
// on their own virtual scheme (never saved, never edited by mistake). They open as a rendered
// Markdown preview beside the current editor (the walkthrough, the Dockerfile), or as text when
// the Markdown preview is not available; updating one refreshes what is shown.
import * as vscode from 'vscode';

export const LEARN_SCHEME = 'docker-workbench-learn';

export class LearnDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(LEARN_SCHEME, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  uriOf(name: string): vscode.Uri {
    return vscode.Uri.from({ scheme: LEARN_SCHEME, path: `/${name}` });
  }

  /** Replaces the text of a document (shown or not); an open preview follows. */
  update(uri: vscode.Uri, markdown: string): void {
    this.contents.set(uri.toString(), markdown);
    this.emitter.fire(uri);
  }

  /** Sets the text and shows it beside the active editor; resolves to the (Markdown) text document. */
  async show(name: string, markdown: string): Promise<vscode.TextDocument> {
    const uri = this.uriOf(name);
    this.update(uri, markdown);
    let document = await vscode.workspace.openTextDocument(uri);
    if (document.languageId !== 'markdown') document = await vscode.languages.setTextDocumentLanguage(document, 'markdown');
    try {
      await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
    } catch {
      await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
    }
    return document;
  }

  dispose(): void {
    this.registration.dispose();
    this.emitter.dispose();
  }
}
