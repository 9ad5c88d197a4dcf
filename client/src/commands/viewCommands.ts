// Commands about the views themselves: refresh, retry, filters, toggles, and engine switching.
import * as vscode from 'vscode';
import type { CommandContext, Handler } from './commandContext';
import type { DockerTreeView } from '../views/dockerTreeView';

type FilteredView = 'containers' | 'images' | 'volumes' | 'networks' | 'swarm';

const FILTER_TITLES: Record<FilteredView, () => string> = {
  containers: () => vscode.l10n.t('Filter containers'),
  images: () => vscode.l10n.t('Filter images'),
  volumes: () => vscode.l10n.t('Filter volumes'),
  networks: () => vscode.l10n.t('Filter networks'),
  swarm: () => vscode.l10n.t('Filter nodes, services, secrets and configs'),
};

function filterCommands(name: FilteredView): Record<string, Handler> {
  const view = (ctx: CommandContext): DockerTreeView => ctx.views[name];
  return {
    [`dockerWorkbench.${name}.filter`]: async (ctx) => {
      const text = await ctx.prompts.current.input({
        title: FILTER_TITLES[name](),
        prompt: vscode.l10n.t('Shows only items whose name, image or id contains this text.'),
        value: view(ctx).filter,
      });
      if (text !== undefined) view(ctx).setFilter(text);
    },
    [`dockerWorkbench.${name}.clearFilter`]: (ctx) => view(ctx).setFilter(''),
  };
}

const pickEngine: Handler = async (ctx) => {
  const items = ctx.active.choices().map((c) => ({
    label: `${c.id === ctx.active.choice.id ? '$(check) ' : ''}${c.label}`,
    description: c.problem ?? c.description,
    choice: c,
  }));
  const picked = await ctx.prompts.current.pick(items, { title: vscode.l10n.t('Which Docker engine?') });
  if (picked && picked.choice.id !== ctx.active.choice.id) await ctx.active.switchTo(picked.choice.id);
};

export const viewCommands: Record<string, Handler> = {
  'dockerWorkbench.refresh': (ctx) => ctx.model.refresh(),
  // The progress bar in the views is Retry's feedback (the welcome text stays the same while it tries).
  'dockerWorkbench.engine.retry': (ctx) => vscode.window.withProgress({ location: { viewId: 'dockerWorkbench.containers' } }, () => ctx.model.connect()),
  'dockerWorkbench.engine.pick': pickEngine,
  'dockerWorkbench.engine.use': (ctx, node) => (node ? ctx.active.switchTo(node.id) : pickEngine(ctx)),
  'dockerWorkbench.engine.refresh': (ctx) => ctx.views.engines.refresh(),
  'dockerWorkbench.containers.workspaceOnly': (ctx) => ctx.views.containers.setWorkspaceOnly(true),
  'dockerWorkbench.containers.allContainers': (ctx) => ctx.views.containers.setWorkspaceOnly(false),
  'dockerWorkbench.images.showDangling': (ctx) => ctx.views.images.setShowDangling(true),
  'dockerWorkbench.images.hideDangling': (ctx) => ctx.views.images.setShowDangling(false),
  'dockerWorkbench.networks.showBuiltIn': (ctx) => ctx.views.networks.setShowBuiltIn(true),
  'dockerWorkbench.networks.hideBuiltIn': (ctx) => ctx.views.networks.setShowBuiltIn(false),
  ...filterCommands('containers'),
  ...filterCommands('images'),
  ...filterCommands('volumes'),
  ...filterCommands('networks'),
  ...filterCommands('swarm'),
};
