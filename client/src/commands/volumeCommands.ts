// Volume commands: create, remove (refused while any container uses it, naming them), prune
// (listing exactly the volumes that go, then removing those and only those).
import * as vscode from 'vscode';
import { selection, type Handler } from './commandContext';
import { modelListed, pickVolume } from './pickers';
import { containerName } from '../views/containerPresentation';

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

const create: Handler = async (ctx) => {
  const name = await ctx.prompts.current.input({
    title: vscode.l10n.t('Create a volume'),
    prompt: vscode.l10n.t('A named volume keeps data outside any container: mount it with -v NAME:/path and it survives the container.'),
    validateInput: (v) => (NAME.test(v) ? (ctx.model.volumes.has(v) ? vscode.l10n.t('A volume with this name exists.') : undefined) : vscode.l10n.t('Use letters, digits, and _ . - (not first).')),
  });
  if (name) await ctx.active.engine.createVolume({ name });
};

const remove: Handler = async (ctx, node, nodes) => {
  let names = selection(node, nodes, 'volume').map((n) => n.id);
  if (names.length === 0) {
    const picked = await pickVolume(ctx, vscode.l10n.t('Remove volume'));
    names = picked ? [picked.Name] : [];
  }
  if (names.length === 0) return;
  const inUse = names
    .map((name) => ({ name, users: ctx.views.volumes.usersOf(name) }))
    .filter((v) => v.users.length > 0);
  if (inUse.length) {
    void vscode.window.showWarningMessage(
      inUse.map((v) => (v.users.length === 1
        ? vscode.l10n.t('Volume {0} is used by {1}; remove that container first.', v.name, containerName(v.users[0]!))
        : vscode.l10n.t('Volume {0} is used by {1}; remove those containers first.', v.name, v.users.map(containerName).join(', ')))).join(' '),
    );
    return;
  }
  const message = names.length === 1 ? vscode.l10n.t('Delete volume {0} and all its data?', names[0]!) : vscode.l10n.t('Delete {0} volumes and all their data?', names.length);
  const detail = names.length === 1 ? vscode.l10n.t('The data in this volume is deleted for good: {0}.', names[0]!) : vscode.l10n.t('The data in these volumes is deleted for good: {0}.', names.join(', '));
  const action = vscode.l10n.t('Delete');
  if ((await ctx.prompts.current.confirm(message, detail, action)) !== action) return;
  for (const name of names) await ctx.active.engine.removeVolume(name);
};

const prune: Handler = async (ctx) => {
  await modelListed(ctx);
  const unused = [...ctx.model.volumes.keys()].filter((name) => ctx.views.volumes.usersOf(name).length === 0).sort();
  if (unused.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Every volume is used by a container; nothing to prune.'));
    return;
  }
  const one = unused.length === 1;
  const detail = (one ? vscode.l10n.t('No container uses this volume. Its data is deleted for good:') : vscode.l10n.t('No container uses these volumes. Their data is deleted for good:')) + '\n' + unused.join('\n');
  const action = one ? vscode.l10n.t('Delete 1 Volume') : vscode.l10n.t('Delete {0} Volumes', unused.length);
  const message = one ? vscode.l10n.t('Delete 1 unused volume?') : vscode.l10n.t('Delete {0} unused volumes?', unused.length);
  if ((await ctx.prompts.current.confirm(message, detail, action)) !== action) return;
  // Remove exactly the listed volumes (an engine-side prune could take a different set).
  const failed: string[] = [];
  for (const name of unused) await ctx.active.engine.removeVolume(name).catch((e: Error) => failed.push(`${name}: ${e.message}`));
  if (failed.length) void vscode.window.showWarningMessage(vscode.l10n.t('Some volumes were kept: {0}', failed.join('; ')));
};

export const volumeCommands: Record<string, Handler> = {
  'dockerWorkbench.volumes.create': create,
  'dockerWorkbench.volumes.remove': remove,
  'dockerWorkbench.volumes.prune': prune,
};
