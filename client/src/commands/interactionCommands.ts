// Commands that open something on a container (logs, a shell, attach, top, stats, its files) or
// show any object's inspect data. The work itself lives in ../containers.
import * as vscode from 'vscode';
import { selection, type CommandContext, type Handler } from './commandContext';
import { targetContainers } from './containerCommands';
import { imageTargetOf } from './imageCommands';
import { pickImage, pickNetwork, pickVolume } from './pickers';
import { askAboutExisting, describeSkipped } from '../containers/fileTransfer';
import { containerName } from '../views/containerPresentation';
import type { TreeNode } from '../views/treeNode';

function onContainer(title: () => string, states: string[] | undefined, act: (ctx: CommandContext, id: string, name: string) => unknown): Handler {
  return async (ctx, node, nodes) => {
    const containers = await targetContainers(ctx, node, nodes, title(), states);
    for (const c of containers) await act(ctx, c.Id, containerName(c));
  };
}

const logsWithOptions: Handler = async (ctx, node, nodes) => {
  const [container] = await targetContainers(ctx, node, nodes, vscode.l10n.t('Logs'));
  if (!container) return;
  const options = await ctx.prompts.current.pickMany(
    [
      { label: vscode.l10n.t('Follow'), description: vscode.l10n.t('keep showing new lines'), key: 'follow', picked: true },
      { label: vscode.l10n.t('Timestamps'), description: vscode.l10n.t('prefix each line with its time'), key: 'timestamps', picked: false },
    ],
    { title: vscode.l10n.t('Logs of {0}', containerName(container)) },
  );
  if (!options) return;
  const tail = await ctx.prompts.current.input({
    title: vscode.l10n.t('How many of the last lines?'),
    value: '1000',
    validateInput: (v) => (/^(all|\d+)$/.test(v) ? undefined : vscode.l10n.t('A number, or "all".')),
  });
  if (tail === undefined) return;
  ctx.interaction.openLogsTerminal(container.Id, containerName(container), {
    follow: options.some((o) => o.key === 'follow'),
    timestamps: options.some((o) => o.key === 'timestamps'),
    tail: tail === 'all' ? undefined : Number(tail),
  });
};

const shellWithCommand: Handler = async (ctx, node, nodes) => {
  const [container] = await targetContainers(ctx, node, nodes, vscode.l10n.t('Run a command'), ['running']);
  if (!container) return;
  const command = await ctx.prompts.current.input({
    title: vscode.l10n.t('Command to run in {0}', containerName(container)),
    prompt: vscode.l10n.t('Split like a shell would (quotes work), but no shell runs: use sh -c "…" for pipes.'),
    value: 'sh',
  });
  if (command) ctx.interaction.openShell(container.Id, containerName(container), command);
};

const stats: Handler = async (ctx, node, nodes) => {
  const containers = await targetContainers(ctx, node, nodes, vscode.l10n.t('Live stats'), ['running']);
  if (containers.length) ctx.interaction.showStats(containers.map((c) => ({ id: c.Id, name: containerName(c) })));
};

const download: Handler = async (ctx, node, nodes) => {
  const [container] = await targetContainers(ctx, node, nodes, vscode.l10n.t('Download from container'));
  if (!container) return;
  const from = await ctx.prompts.current.input({ title: vscode.l10n.t('Path inside {0} to download', containerName(container)), value: '/' });
  if (!from) return;
  const [folder] = (await ctx.prompts.current.openFiles({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, title: vscode.l10n.t('Download into which folder?'), defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri })) ?? [];
  if (!folder) return;
  const result = await ctx.interaction.downloadFromContainer(container.Id, from, folder, askAboutExisting(ctx.prompts.current));
  if (result.cancelled) return result;
  const skipped = describeSkipped(result.skipped);
  const done = result.files === 1 ? vscode.l10n.t('Downloaded 1 file from {0}', containerName(container)) : vscode.l10n.t('Downloaded {0} files from {1}', result.files, containerName(container));
  void vscode.window.showInformationMessage(skipped ? vscode.l10n.t('{0} ({1}).', done, skipped) : vscode.l10n.t('{0}.', done));
  return result;
};

const upload: Handler = async (ctx, node, nodes) => {
  const [container] = await targetContainers(ctx, node, nodes, vscode.l10n.t('Upload to container'));
  if (!container) return;
  const sources = await ctx.prompts.current.openFiles({ canSelectMany: true, canSelectFolders: true, title: vscode.l10n.t('Upload which files or folders?'), defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri });
  if (!sources?.length) return;
  const to = await ctx.prompts.current.input({ title: vscode.l10n.t('Folder inside {0} to upload into', containerName(container)), value: '/tmp' });
  if (!to) return;
  const result = await ctx.interaction.uploadToContainer(container.Id, sources, to);
  const notes = [
    ...(result.links ? [vscode.l10n.t('{0} symlinks copied as links, not the files they point at', result.links)] : []),
    ...(result.skipped.length ? [describeSkipped(result.skipped)] : []),
  ].join(', ');
  const done = result.files === 1 ? vscode.l10n.t('Uploaded 1 file to {0}:{1}', containerName(container), to) : vscode.l10n.t('Uploaded {0} files to {1}:{2}', result.files, containerName(container), to);
  void vscode.window.showInformationMessage(notes ? vscode.l10n.t('{0} ({1}).', done, notes) : vscode.l10n.t('{0}.', done));
  return result;
};

const inspectContainer = onContainer(() => vscode.l10n.t('Inspect container'), undefined, (ctx, id, name) => ctx.interaction.inspect('container', id, name));

const inspectImage: Handler = async (ctx, node, nodes) => {
  const selected = selection(node, nodes, 'image').map((n) => imageTargetOf(ctx, n)).filter((t) => t !== undefined);
  const targets = selected.length ? selected : [await pickImage(ctx, vscode.l10n.t('Inspect image'))].filter((t) => t !== undefined);
  for (const t of targets) await ctx.interaction.inspect('image', t.image.Id, t.reference);
};

function inspectByNode(kind: 'volume' | 'network'): Handler {
  return async (ctx, node?: TreeNode, nodes?: TreeNode[]) => {
    let ids = selection(node, nodes, kind).map((n) => n.id);
    if (ids.length === 0) {
      const picked = kind === 'volume' ? (await pickVolume(ctx, vscode.l10n.t('Inspect volume')))?.Name : (await pickNetwork(ctx, vscode.l10n.t('Inspect network')))?.Id;
      ids = picked ? [picked] : [];
    }
    for (const id of ids) {
      const label = kind === 'network' ? ctx.model.networks.get(id)?.Name ?? id : id;
      await ctx.interaction.inspect(kind, id, label);
    }
  };
}

export const interactionCommands: Record<string, Handler> = {
  'dockerWorkbench.containers.logs': onContainer(() => vscode.l10n.t('Logs'), undefined, (ctx, id, name) => ctx.interaction.openLogsTerminal(id, name)),
  'dockerWorkbench.containers.logsWithOptions': logsWithOptions,
  'dockerWorkbench.containers.logsInEditor': onContainer(() => vscode.l10n.t('Logs in editor'), undefined, (ctx, id, name) => ctx.interaction.openLogsDocument(id, name)),
  'dockerWorkbench.containers.shell': onContainer(() => vscode.l10n.t('Open a shell'), ['running'], (ctx, id, name) => ctx.interaction.openShell(id, name)),
  'dockerWorkbench.containers.shellWithCommand': shellWithCommand,
  'dockerWorkbench.containers.attach': onContainer(() => vscode.l10n.t('Attach'), ['running'], (ctx, id, name) => ctx.interaction.attach(id, name)),
  'dockerWorkbench.containers.top': onContainer(() => vscode.l10n.t('Processes'), ['running', 'paused'], (ctx, id, name) => ctx.interaction.top(id, name)),
  'dockerWorkbench.containers.stats': stats,
  'dockerWorkbench.containers.browseFiles': onContainer(() => vscode.l10n.t('Browse files'), ['running'], (ctx, id, name) => ctx.interaction.browseFiles(id, name)),
  'dockerWorkbench.containers.downloadFiles': download,
  'dockerWorkbench.containers.uploadFiles': upload,
  'dockerWorkbench.containers.inspect': inspectContainer,
  'dockerWorkbench.images.inspect': inspectImage,
  'dockerWorkbench.volumes.inspect': inspectByNode('volume'),
  'dockerWorkbench.networks.inspect': inspectByNode('network'),
};
