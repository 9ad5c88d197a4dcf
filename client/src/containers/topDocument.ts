// "Top": a container's processes as an aligned text table in a read-only document, with a
// "Refresh" code lens (and refresh()) to list them again.
import * as vscode from 'vscode';
import type { DockerEngine } from '../engine/dockerEngine';
import { REFRESH_COMMAND } from './inspectDocument';
import { formatTable } from './textTable';

export const TOP_SCHEME = 'docker-workbench-top';

export class TopDocumentProvider implements vscode.TextDocumentContentProvider, vscode.CodeLensProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly getEngine: () => DockerEngine,
    readonly scheme = TOP_SCHEME,
  ) {}

  uriFor(containerId: string, containerName: string): vscode.Uri {
    const safe = containerName.replace(/^\//, '').replace(/[/\\]/g, '_');
    return vscode.Uri.from({ scheme: this.scheme, path: `/${safe} (top).txt`, query: new URLSearchParams({ id: containerId }).toString() });
  }

  /** Opens the Top document, or refreshes it when it is already open. */
  async open(containerId: string, containerName: string): Promise<vscode.TextEditor> {
    const uri = this.uriFor(containerId, containerName);
    const alreadyOpen = vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
    const document = await vscode.workspace.openTextDocument(uri);
    if (alreadyOpen) this.refresh(uri);
    return vscode.window.showTextDocument(document, { preview: false });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const id = new URLSearchParams(uri.query).get('id') ?? '';
    const name = uri.path.replace(/^\//, '').replace(/ \(top\)\.txt$/, '');
    const when = new Date().toLocaleTimeString();
    try {
      const top = await this.getEngine().top(id);
      const count = top.Processes?.length ?? 0;
      const heading = count === 1 ? vscode.l10n.t('Processes in {0} at {1} (1 process)', name, when) : vscode.l10n.t('Processes in {0} at {1} ({2} processes)', name, when, count);
      return `${heading}\n\n${formatTable(top.Titles ?? [], top.Processes ?? [])}`;
    } catch (error) {
      return vscode.l10n.t('Could not list the processes of {0} at {1}: {2}', name, when, (error as Error).message) + '\n';
    }
  }

  refresh(uri: vscode.Uri): void {
    this.changeEmitter.fire(uri);
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (document.uri.scheme !== this.scheme) return [];
    return [new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title: vscode.l10n.t('$(refresh) Refresh'), command: REFRESH_COMMAND, arguments: [document.uri] })];
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}
