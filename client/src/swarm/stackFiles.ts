// The compose files deployed as stacks from this workspace, with their stack names: the next
// deploy offers the same name, the language server is told which files are used for stacks (it
// then notes the keys Swarm ignores and those only Swarm honours), and such a file opened as plain
// YAML (a stack file need not be named like a compose file) is shown as a compose file.
import * as vscode from 'vscode';

const STATE_KEY = 'dockerWorkbench.stackFiles';
const MAX_REMEMBERED = 200;

export class StackFiles {
  private readonly changes = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changes.event;

  constructor(private readonly state: vscode.Memento) {}

  private all(): Record<string, string> {
    return this.state.get<Record<string, string>>(STATE_KEY) ?? {};
  }

  nameFor(file: string): string | undefined {
    return this.all()[file];
  }

  /** The file URIs, as the language server names documents. */
  uris(): string[] {
    return Object.keys(this.all()).map((file) => vscode.Uri.file(file).toString());
  }

  async remember(file: string, stack: string): Promise<void> {
    const entries = Object.entries({ ...this.all(), [file]: stack }).slice(-MAX_REMEMBERED);
    await this.state.update(STATE_KEY, Object.fromEntries(entries));
    this.changes.fire();
  }

  /** Opens remembered stack files as compose files (they are: the CLI deployed them as such). */
  watchLanguages(): vscode.Disposable {
    const adopt = (document: vscode.TextDocument) => {
      if (document.languageId === 'yaml' && document.uri.scheme === 'file' && this.nameFor(document.uri.fsPath) !== undefined) {
        void vscode.languages.setTextDocumentLanguage(document, 'dockercompose');
      }
    };
    vscode.workspace.textDocuments.forEach(adopt);
    return vscode.workspace.onDidOpenTextDocument(adopt);
  }

  dispose(): void {
    this.changes.dispose();
  }
}
