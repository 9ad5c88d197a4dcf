// Workspace Trust for running containers. A run can bind-mount workspace folders, read env files
// from the workspace and come from the workspace's tasks.json, so in a workspace the user has not
// trusted these commands explain themselves and do nothing. package.json also disables them there
// ("enablement": "isWorkspaceTrusted"); this check covers callers that bypass menus.
import * as vscode from 'vscode';

/** Why running is refused, or undefined when the workspace is trusted. */
export function untrustedReason(isTrusted: boolean): string | undefined {
  if (isTrusted) return undefined;
  return vscode.l10n.t('Running containers is disabled in Restricted Mode: a run can mount workspace folders, read env files and come from this workspace\'s tasks, so it needs a workspace you trust. Trust the workspace to run containers.');
}

/** True when running may go ahead; otherwise tells the user why not (with a way to trust). */
export function ensureTrusted(isTrusted: boolean = vscode.workspace.isTrusted): boolean {
  const reason = untrustedReason(isTrusted);
  if (!reason) return true;
  const manage = vscode.l10n.t('Manage Workspace Trust');
  void vscode.window.showWarningMessage(reason, manage).then((choice) => {
    if (choice === manage) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return false;
}
