// One table of every command, each run through the same wrapper: a failure becomes one clear
// message with a way to the log, and is not rethrown (VS Code would add its own "Error running
// command… likely caused by the extension" on top). Cancelling is not a failure. Callers that
// need to know whether a command failed (tests, the API) read CommandFailures.
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

export interface CommandFailure {
  command: string;
  message: string;
  error: unknown;
}

/** The failures the wrapper reported (the last few), for the API and the tests. */
export class CommandFailures {
  private static readonly KEEP = 20;
  private readonly list: CommandFailure[] = [];
  private readonly emitter = new vscode.EventEmitter<CommandFailure>();
  readonly onDidFail = this.emitter.event;

  record(failure: CommandFailure): void {
    this.list.push(failure);
    if (this.list.length > CommandFailures.KEEP) this.list.shift();
    this.emitter.fire(failure);
  }

  get all(): readonly CommandFailure[] {
    return this.list;
  }

  get last(): CommandFailure | undefined {
    return this.list[this.list.length - 1];
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

/** A cancelled operation (a Cancel button, a closed dialog): nothing to report. */
export function isCancellation(error: unknown): boolean {
  if (error instanceof vscode.CancellationError) return true;
  const name = (error as { name?: unknown } | undefined)?.name;
  return name === 'Canceled' || name === 'AbortError';
}

export function registerCommands(ctx: CommandContext, table: Record<string, Handler>, failures?: CommandFailures): vscode.Disposable[] {
  return Object.entries(table).map(([id, handler]) =>
    vscode.commands.registerCommand(id, async (node?: TreeNode, nodes?: TreeNode[]) => {
      try {
        return await handler(ctx, node, nodes);
      } catch (error) {
        if (isCancellation(error)) {
          ctx.log.info(`${id}: cancelled`);
          return undefined;
        }
        const message = reportFailure(ctx, id, error);
        failures?.record({ command: id, message, error });
        return undefined;
      }
    }),
  );
}

function reportFailure(ctx: CommandContext, id: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  ctx.log.error(`${id}: ${message}${error instanceof EngineError && error.detail ? ` (${error.detail})` : ''}`);
  const showLog = vscode.l10n.t('Show Log');
  void vscode.window.showErrorMessage(message, showLog).then((choice) => {
    if (choice === showLog) ctx.log.show(true);
  });
  return message;
}
