// One table of every command, each run through the same wrapper: engine errors become a clear
// message with a way to the log; nothing a command throws reaches VS Code unhandled.
import * as vscode from 'vscode';
import { EngineError } from '../engine/engineError';
import type { CommandContext, Handler } from './commandContext';
import type { TreeNode } from '../views/treeNode';
import { containerCommands } from './containerCommands';
import { imageCommands } from './imageCommands';
import { volumeCommands } from './volumeCommands';
import { networkCommands } from './networkCommands';
import { systemCommands } from './systemCommands';
import { viewCommands } from './viewCommands';
import { interactionCommands } from './interactionCommands';
import { languageCommands } from './languageCommands';
import { runCommands } from '../run/runCommands';

export function allCommands(extra: Record<string, Handler> = {}): Record<string, Handler> {
  return { ...viewCommands, ...containerCommands, ...interactionCommands, ...languageCommands, ...imageCommands, ...volumeCommands, ...networkCommands, ...systemCommands, ...runCommands, ...extra };
}

export function registerCommands(ctx: CommandContext, table: Record<string, Handler>): vscode.Disposable[] {
  return Object.entries(table).map(([id, handler]) =>
    vscode.commands.registerCommand(id, async (node?: TreeNode, nodes?: TreeNode[]) => {
      try {
        return await handler(ctx, node, nodes);
      } catch (error) {
        reportFailure(ctx, id, error);
        // Rethrow so callers that await the command (tests, other extensions) see it fail.
        throw error;
      }
    }),
  );
}

function reportFailure(ctx: CommandContext, id: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  ctx.log.error(`${id}: ${message}${error instanceof EngineError && error.detail ? ` (${error.detail})` : ''}`);
  const showLog = vscode.l10n.t('Show Log');
  void vscode.window.showErrorMessage(message, showLog).then((choice) => {
    if (choice === showLog) ctx.log.show(true);
  });
}
