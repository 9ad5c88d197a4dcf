// "Explain this Dockerfile": asks the language server (the explain request) about the Dockerfile
// in the editor, the one clicked in the explorer, or one picked from the workspace, sending along
// what was last built from it (each layer's size and cache state), and shows the answer as a
// read-only Markdown preview beside the Dockerfile.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CommandContext } from '../commands/commandContext';
import { pickDockerfile } from '../build/pickDockerfile';
import { ExplainDockerfileRequest, type ExplainDockerfileParams, type ExplainDockerfileResult } from '../../../server/src/protocol/messages';
import type { LearnDeps } from './learnSession';

async function dockerfileOf(ctx: CommandContext, argument: unknown): Promise<vscode.Uri | undefined> {
  if (argument instanceof vscode.Uri) return argument;
  const active = vscode.window.activeTextEditor?.document;
  if (active?.languageId === 'dockerfile') return active.uri;
  return pickDockerfile(ctx, vscode.l10n.t('Explain which Dockerfile?'), vscode.l10n.t('Open a Dockerfile first: this command explains the Dockerfile in the editor.'));
}

/** Shows the explanation; resolves to the Markdown document (undefined when nothing was explained). */
export async function explainDockerfile(ctx: CommandContext, deps: LearnDeps, argument: unknown): Promise<vscode.TextDocument | undefined> {
  const uri = await dockerfileOf(ctx, argument);
  if (!uri) return undefined;
  const document = await vscode.workspace.openTextDocument(uri);
  const client = await deps.languageClient();
  const params: ExplainDockerfileParams = { uri: uri.toString(), text: document.getText(), built: deps.builtImages.forDockerfile(uri.toString()) };
  const result = await client.sendRequest<ExplainDockerfileResult | null>(ExplainDockerfileRequest, params);
  if (!result) throw new Error(vscode.l10n.t('The language server could not explain {0}; its output channel says why.', vscode.workspace.asRelativePath(uri)));
  const folder = path.basename(path.dirname(uri.fsPath));
  return deps.documents.show(`explain-${folder}-${path.basename(uri.fsPath)}.md`, result.markdown);
}
