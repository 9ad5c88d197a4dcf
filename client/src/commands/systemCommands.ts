// System commands: prune with a choice of what (volumes off by default, and named before they
// go), disk usage like `docker system df`, and the engine's version and facts.
import * as vscode from 'vscode';
import type { Handler } from './commandContext';
import { diskUsageRows, formatDiskUsage, formatEngineFacts } from './systemReports';
import { containerName } from '../views/containerPresentation';
import { formatBytes } from '../views/format';
import { BUILT_IN_NETWORKS } from '../views/networksView';

const prune: Handler = async (ctx) => {
  const containers = [...ctx.model.containers.values()].filter((c) => c.State === 'exited' || c.State === 'created' || c.State === 'dead');
  const volumes = [...ctx.model.volumes.keys()].filter((n) => ctx.views.volumes.usersOf(n).length === 0);
  const networks = [...ctx.model.networks.values()].filter((n) => !BUILT_IN_NETWORKS.has(n.Name) && ctx.views.networks.membersOf(n).length === 0);
  const choices = await ctx.prompts.current.pickMany(
    [
      { label: vscode.l10n.t('Stopped containers'), description: String(containers.length), key: 'containers', picked: true },
      { label: vscode.l10n.t('Unused networks'), description: String(networks.length), key: 'networks', picked: true },
      { label: vscode.l10n.t('Dangling images'), description: vscode.l10n.t('images with no name'), key: 'images', picked: true },
      { label: vscode.l10n.t('Build cache'), key: 'buildCache', picked: true },
      { label: vscode.l10n.t('Unused volumes (deletes their data)'), description: String(volumes.length), key: 'volumes', picked: false },
    ],
    { title: vscode.l10n.t('Prune: what should go?') },
  );
  if (!choices || choices.length === 0) return;
  const keys = new Set(choices.map((c) => c.key));
  const lines: string[] = [];
  if (keys.has('containers')) lines.push(vscode.l10n.t('Stopped containers: {0}', containers.map(containerName).join(', ') || '-'));
  if (keys.has('networks')) lines.push(vscode.l10n.t('Unused networks: {0}', networks.map((n) => n.Name).join(', ') || '-'));
  if (keys.has('images')) lines.push(vscode.l10n.t('Dangling images'));
  if (keys.has('buildCache')) lines.push(vscode.l10n.t('Build cache not used by a running build'));
  if (keys.has('volumes')) lines.push(vscode.l10n.t('Unused volumes and ALL their data: {0}', volumes.join(', ') || '-'));
  const action = vscode.l10n.t('Prune');
  if ((await ctx.prompts.current.confirm(vscode.l10n.t('Prune these?'), lines.join('\n'), action)) !== action) return;

  const engine = ctx.active.engine;
  let reclaimed = 0;
  if (keys.has('containers')) reclaimed += (await engine.pruneContainers()).SpaceReclaimed ?? 0;
  if (keys.has('networks')) await engine.pruneNetworks();
  if (keys.has('images')) reclaimed += (await engine.pruneImages(true)).SpaceReclaimed ?? 0;
  if (keys.has('buildCache')) reclaimed += await engine.call(async (d) => ((await d.pruneBuilder()) as { SpaceReclaimed?: number }).SpaceReclaimed ?? 0).catch(() => 0);
  // Volumes: exactly the ones listed above, never a wider engine-side selection.
  if (keys.has('volumes')) for (const name of volumes) await engine.removeVolume(name).catch(() => undefined);
  void vscode.window.showInformationMessage(vscode.l10n.t('Pruned; reclaimed {0}.', formatBytes(reclaimed)));
};

const diskUsage: Handler = async (ctx) => {
  const rows = diskUsageRows(await ctx.active.engine.diskUsage());
  const text = [
    vscode.l10n.t('Disk usage of {0}', ctx.active.engine.target.endpoint),
    '',
    formatDiskUsage(rows),
    '',
    vscode.l10n.t('RECLAIMABLE is what a prune could free: unused images, stopped containers, unused volumes and idle build cache.'),
  ].join('\n');
  await ctx.reports.show('disk-usage.txt', text);
};

const engineInfo: Handler = async (ctx) => {
  const [version, info] = await Promise.all([ctx.active.engine.version(), ctx.active.engine.info()]);
  const text = [
    vscode.l10n.t('Engine {0} at {1}', ctx.active.choice.label, ctx.active.engine.target.endpoint),
    '',
    formatEngineFacts(version as unknown as Record<string, unknown>, info),
  ].join('\n');
  await ctx.reports.show('engine-info.txt', text);
};

export const systemCommands: Record<string, Handler> = {
  'dockerWorkbench.system.prune': prune,
  'dockerWorkbench.system.diskUsage': diskUsage,
  'dockerWorkbench.system.info': engineInfo,
};
