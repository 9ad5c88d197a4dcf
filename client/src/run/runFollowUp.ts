// What a run from a command or the form adds to runContainer.ts: a run terminal attached before the
// start for every run that is not detached (and for detached --rm runs, whose output would
// otherwise go with the container), "Show Logs" / "Open in Browser" after detached ones.
import * as vscode from 'vscode';
import type { CommandContext } from '../commands/commandContext';
import { browserAddress, commandLineOf, createContainer, defaultBaseFolder, startCreated, type RunIo, type StartedContainer } from './runContainer';
import { isDetached, type RunSpec } from './runSpec';
import { openRunTerminal } from './runTerminal';

/**
 * Runs the spec for a command or the form: logs the equivalent command, creates and starts the
 * container, then attaches a terminal (interactive) or offers the next steps (detached). The
 * offer is not awaited: the notification may stay open long after the run.
 */
export async function runAndFollowUp(ctx: CommandContext, spec: RunSpec, io: RunIo = {}): Promise<StartedContainer> {
  ctx.log.info(`run: ${commandLineOf(spec)}`);
  const engine = ctx.active.engine;
  const created = await createContainer(engine, spec, { baseFolder: defaultBaseFolder(), ...io });
  const detached = isDetached(spec);
  if (detached && !spec.remove) {
    await startCreated(engine, created, spec);
    const started: StartedContainer = { id: created.id, name: created.name, commandLine: created.commandLine };
    ctx.log.info(`run: started ${started.name} (${started.id.slice(0, 12)})`);
    void offerNextSteps(ctx, spec, started).catch((error: unknown) => ctx.log.warn(`run: follow-up failed: ${String(error)}`));
    return started;
  }
  // Attached before the start: every byte is shown, and with --rm the exit code outlives the container.
  const run = openRunTerminal(engine, created, spec, { preserveFocus: detached, log: (line) => ctx.log.info(line) });
  await run.started;
  ctx.log.info(`run: started ${created.name} (${created.id.slice(0, 12)}) in a terminal`);
  return { id: created.id, name: created.name, commandLine: created.commandLine };
}

async function offerNextSteps(ctx: CommandContext, spec: RunSpec, started: StartedContainer): Promise<void> {
  const engine = ctx.active.engine;
  const address = await browserAddress(engine, started.id);
  const showLogs = vscode.l10n.t('Show Logs');
  const openBrowser = vscode.l10n.t('Open in Browser');
  const attach = vscode.l10n.t('Attach');
  const message = vscode.l10n.t('Started {0} ({1}) from {2}.', started.name, started.id.slice(0, 12), spec.image);
  // A detached interactive container (-d -it) waits for someone to attach.
  const actions = [...(spec.interactive ? [attach] : []), showLogs, ...(address ? [openBrowser] : [])];
  const choice = await ctx.prompts.current.info(message, ...actions);
  if (choice === showLogs) ctx.interaction.openLogsTerminal(started.id, started.name);
  else if (choice === attach) ctx.interaction.attach(started.id, started.name);
  else if (choice === openBrowser && address) await vscode.env.openExternal(vscode.Uri.parse(address));
}
