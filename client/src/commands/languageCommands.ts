// Commands the language server's code actions call on the client: things a text edit cannot do,
// such as creating a file that does not exist yet.
import * as vscode from 'vscode';
import type { Handler } from './commandContext';

/** What `dockerWorkbench.createDockerignore` receives from the Dockerfile quick fix. */
export interface CreateDockerignoreRequest {
  folderUri: string;
  entries?: string[];
}

const DEFAULT_ENTRIES = ['.git', 'node_modules', '**/*.log', '.env', 'Dockerfile*', '.dockerignore'];

const createDockerignore: Handler = async (_ctx, argument) => {
  const request = argument as unknown as CreateDockerignoreRequest | undefined;
  if (!request?.folderUri) return;
  const uri = vscode.Uri.joinPath(vscode.Uri.parse(request.folderUri), '.dockerignore');
  let exists = true;
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    exists = false;
  }
  if (!exists) {
    const lines = [
      vscode.l10n.t('# Files the build context leaves out: they are not sent to the engine and COPY . cannot see them.'),
      ...(request.entries?.length ? request.entries : DEFAULT_ENTRIES),
      '',
    ];
    await vscode.workspace.fs.writeFile(uri, Buffer.from(lines.join('\n'), 'utf8'));
  }
  await vscode.window.showTextDocument(uri);
};

/**
 * The Dockerfile quick fix for heredoc-crlf: the document to LF line endings, as choosing LF in the
 * status bar does (an edit cannot: VS Code turns the line breaks it inserts into the document's).
 * It changes the open document only; saving is the user's.
 */
const useLfLineEndings: Handler = async (_ctx, argument) => {
  if (typeof argument !== 'string') return;
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(argument));
  const editor = await vscode.window.showTextDocument(document);
  await editor.edit((edit) => edit.setEndOfLine(vscode.EndOfLine.LF));
};

export const languageCommands: Record<string, Handler> = {
  'dockerWorkbench.createDockerignore': createDockerignore,
  'dockerWorkbench.useLfLineEndings': useLfLineEndings,
};
