// The Dockerfiles of the workspace, for commands that need one when no Dockerfile is in the
// editor (build, explain). A per-Dockerfile ignore file (Dockerfile.dev.dockerignore) matches the
// Dockerfile.* pattern too, but it is an ignore file, not a Dockerfile.
import * as vscode from 'vscode';
import type { CommandContext } from '../commands/commandContext';

const DOCKERFILES = '**/{Dockerfile,Dockerfile.*,*.dockerfile,Containerfile,Containerfile.*}';

/** Whether a file name found by DOCKERFILES is a Dockerfile, not an ignore file named after one. */
function isDockerfileName(name: string): boolean {
  return !/\.(docker|container)ignore$/i.test(name);
}

/**
 * The one Dockerfile of the workspace, or the one the user picks from several (undefined when
 * there is none, after telling the user `none`, or when the pick is dismissed).
 */
export async function pickDockerfile(ctx: CommandContext, title: string, none: string): Promise<vscode.Uri | undefined> {
  const found = (await vscode.workspace.findFiles(DOCKERFILES, '**/node_modules/**', 200)).filter((uri) => isDockerfileName(uri.path.slice(uri.path.lastIndexOf('/') + 1)));
  if (found.length === 1) return found[0];
  if (found.length === 0) {
    void vscode.window.showInformationMessage(none);
    return undefined;
  }
  const picked = await ctx.prompts.current.pick(
    found.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })).sort((a, b) => a.label.localeCompare(b.label)),
    { title },
  );
  return picked?.uri;
}
