// Container lifecycle commands: start, stop, restart, pause, unpause, kill, remove, rename,
// open in browser, copy id/name, commit, export. Each works on the clicked node, the
// multi-selection, or (from the palette) containers picked from a list.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import * as vscode from 'vscode';
import type { ContainerSummary } from '../engine/dockerEngine';
import { containerIdOf, selection, type CommandContext, type Handler } from './commandContext';
import { pickContainers } from './pickers';
import { containerName, publishedPorts } from '../views/containerPresentation';
import type { TreeNode } from '../views/treeNode';

type LifecycleAction = 'start' | 'stop' | 'restart' | 'pause' | 'unpause' | 'kill';

const ELIGIBLE: Record<LifecycleAction, string[]> = {
  start: ['created', 'exited', 'dead'],
  stop: ['running', 'restarting', 'paused'],
  restart: ['running', 'exited', 'created', 'paused'],
  pause: ['running'],
  unpause: ['paused'],
  kill: ['running', 'restarting', 'paused'],
};

/** Containers for a command: selected nodes, or picked from the palette. */
export async function targetContainers(ctx: CommandContext, node: TreeNode | undefined, nodes: TreeNode[] | undefined, title: string, states?: string[]): Promise<ContainerSummary[]> {
  const selected = selection(node, nodes, 'container').map((n) => ctx.model.containers.get(n.id)).filter((c): c is ContainerSummary => Boolean(c));
  const single = !selected.length ? containerIdOf(node) : undefined;
  if (single && ctx.model.containers.get(single)) return [ctx.model.containers.get(single)!];
  if (selected.length) return selected;
  return pickContainers(ctx, { states, many: true, title });
}

function lifecycle(action: LifecycleAction, title: () => string): Handler {
  return async (ctx, node, nodes) => {
    const containers = await targetContainers(ctx, node, nodes, title(), ELIGIBLE[action]);
    await vscode.window.withProgress({ location: { viewId: 'dockerWorkbench.containers' } }, () =>
      Promise.all(containers.map((c) => ctx.active.engine.containerAction(c.Id, action))),
    );
  };
}

const remove: Handler = async (ctx, node, nodes) => {
  const containers = await targetContainers(ctx, node, nodes, vscode.l10n.t('Remove containers'));
  if (containers.length === 0) return;
  // Ask the engine, not the view: the state may have changed since the view last heard.
  const states = await Promise.all(containers.map((c) => ctx.active.engine.inspectContainer(c.Id).then((d) => d.State, () => undefined)));
  const running = containers.filter((_c, i) => states[i]?.Running || states[i]?.Restarting || states[i]?.Paused);
  const names = containers.map((c) => (running.includes(c) ? vscode.l10n.t('{0} (running: it will be stopped)', containerName(c)) : containerName(c)));
  const one = containers.length === 1;
  const message = one
    ? vscode.l10n.t('Remove container {0}?', containerName(containers[0]!))
    : vscode.l10n.t('Remove {0} containers?', containers.length);
  const detail = [
    one
      ? vscode.l10n.t('This container and its writable layer (files changed inside it) are deleted: {0}.', names[0]!)
      : vscode.l10n.t('These containers and their writable layers (files changed inside them) are deleted: {0}.', names.join(', ')),
    vscode.l10n.t('Named volumes and bind-mounted folders are kept.'),
  ].join('\n\n');
  const action = running.length ? vscode.l10n.t('Stop and Remove') : vscode.l10n.t('Remove');
  if ((await ctx.prompts.current.confirm(message, detail, action)) !== action) return;
  await Promise.all(containers.map((c) => ctx.active.engine.removeContainer(c.Id, { force: running.includes(c) })));
};

const rename: Handler = async (ctx, node, nodes) => {
  const [container] = await targetContainers(ctx, node, nodes, vscode.l10n.t('Rename container'));
  if (!container) return;
  const name = await ctx.prompts.current.input({
    title: vscode.l10n.t('Rename {0}', containerName(container)),
    value: containerName(container),
    validateInput: (v) => (/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(v) ? undefined : vscode.l10n.t('Use letters, digits, and _ . - (not first).')),
  });
  if (name && name !== containerName(container)) await ctx.active.engine.renameContainer(container.Id, name);
};

const openInBrowser: Handler = async (ctx, node, nodes) => {
  const [container] = await targetContainers(ctx, node, nodes, vscode.l10n.t('Open in browser'), ['running']);
  if (!container) return;
  const ports = (container.Ports ?? []).filter((p) => p.PublicPort && p.Type === 'tcp');
  if (ports.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} publishes no TCP port. Run it with -p HOST:CONTAINER to reach it from the browser.', containerName(container)));
    return;
  }
  let port = ports[0]!;
  if (ports.length > 1) {
    const picked = await ctx.prompts.current.pick(publishedPorts({ Ports: ports }).map((label, i) => ({ label, port: ports[i]! })), { title: vscode.l10n.t('Which port?') });
    if (!picked) return;
    port = picked.port;
  }
  const host = !port.IP || port.IP === '0.0.0.0' || port.IP === '::' ? 'localhost' : port.IP.includes(':') ? `[${port.IP}]` : port.IP;
  await vscode.env.openExternal(vscode.Uri.parse(`http://${host}:${port.PublicPort}/`));
};

function copy(what: 'id' | 'name'): Handler {
  return async (ctx, node, nodes) => {
    const containers = await targetContainers(ctx, node, nodes, vscode.l10n.t('Copy'));
    if (containers.length) await vscode.env.clipboard.writeText(containers.map((c) => (what === 'id' ? c.Id : containerName(c))).join('\n'));
  };
}

const commit: Handler = async (ctx, node, nodes) => {
  const [container] = await targetContainers(ctx, node, nodes, vscode.l10n.t('Commit container to an image'));
  if (!container) return;
  const reference = await ctx.prompts.current.input({
    title: vscode.l10n.t('Commit {0} to an image', containerName(container)),
    prompt: vscode.l10n.t('Repository and tag for the new image. Prefer a Dockerfile for anything you will rebuild: a commit records no steps.'),
    value: `${containerName(container)}:snapshot`,
    validateInput: (v) => (/^[a-z0-9]+(?:[._/-][a-z0-9]+)*(?::[\w][\w.-]{0,127})?$/.test(v) ? undefined : vscode.l10n.t('Use lower-case repository[:tag].')),
  });
  if (!reference) return;
  const colon = reference.lastIndexOf(':');
  const [repo, tag] = colon > reference.lastIndexOf('/') ? [reference.slice(0, colon), reference.slice(colon + 1)] : [reference, 'latest'];
  const result = await ctx.active.engine.commit(container.Id, { repo, tag });
  void vscode.window.showInformationMessage(vscode.l10n.t('Committed {0} as {1}:{2} ({3}).', containerName(container), repo, tag, result.Id.slice(7, 19)));
};

const exportFilesystem: Handler = async (ctx, node, nodes) => {
  const [container] = await targetContainers(ctx, node, nodes, vscode.l10n.t('Export container filesystem'));
  if (!container) return;
  const target = await ctx.prompts.current.saveFile({
    title: vscode.l10n.t('Export the filesystem of {0} as a tar file', containerName(container)),
    defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(process.cwd()), `${containerName(container)}.tar`),
    filters: { [vscode.l10n.t('Tar archives')]: ['tar'] },
  });
  if (!target) return;
  const written = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Exporting {0}…', containerName(container)), cancellable: true }, async (_p, token) => {
    const stream = await ctx.active.engine.exportContainer(container.Id);
    return writeAtomically(target.fsPath, stream, token);
  });
  if (!written) {
    ctx.log.info(`export of ${containerName(container)} cancelled; nothing was written`);
    return;
  }
  void vscode.window.showInformationMessage(vscode.l10n.t('Exported {0} to {1}.', containerName(container), target.fsPath));
};

/**
 * Writes a stream to `file` through a temporary file beside it that is renamed into place only when
 * the stream ended well: a cancel or a failure leaves no partial file (and an existing file as it
 * was). Resolves to false when cancelled; rethrows a failure.
 */
export async function writeAtomically(file: string, stream: NodeJS.ReadableStream & { destroy(error?: Error): void }, token: vscode.CancellationToken): Promise<boolean> {
  const partial = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${Date.now().toString(36)}.part`);
  let cancelled = token.isCancellationRequested;
  const listener = token.onCancellationRequested(() => {
    cancelled = true;
    stream.destroy(new vscode.CancellationError());
  });
  try {
    if (cancelled) stream.destroy(new vscode.CancellationError());
    await pipeline(stream, fs.createWriteStream(partial));
    await fs.promises.rename(partial, file);
    return true;
  } catch (error) {
    await fs.promises.rm(partial, { force: true });
    if (cancelled) return false;
    throw error;
  } finally {
    listener.dispose();
  }
}

export const containerCommands: Record<string, Handler> = {
  'dockerWorkbench.containers.start': lifecycle('start', () => vscode.l10n.t('Start containers')),
  'dockerWorkbench.containers.stop': lifecycle('stop', () => vscode.l10n.t('Stop containers')),
  'dockerWorkbench.containers.restart': lifecycle('restart', () => vscode.l10n.t('Restart containers')),
  'dockerWorkbench.containers.pause': lifecycle('pause', () => vscode.l10n.t('Pause containers')),
  'dockerWorkbench.containers.unpause': lifecycle('unpause', () => vscode.l10n.t('Unpause containers')),
  'dockerWorkbench.containers.kill': lifecycle('kill', () => vscode.l10n.t('Kill containers')),
  'dockerWorkbench.containers.remove': remove,
  'dockerWorkbench.containers.rename': rename,
  'dockerWorkbench.containers.openInBrowser': openInBrowser,
  'dockerWorkbench.containers.copyId': copy('id'),
  'dockerWorkbench.containers.copyName': copy('name'),
  'dockerWorkbench.containers.commit': commit,
  'dockerWorkbench.containers.export': exportFilesystem,
};
