// System commands: prune with a choice of what (volumes off by default; exactly what the
// confirmation names goes, by id), disk usage like `docker system df`, and the engine's facts.
import * as vscode from 'vscode';
import { modelListed } from './pickers';
import type { Handler } from './commandContext';
import { diskUsageRows, formatDiskUsage, formatEngineFacts } from './systemReports';
import { containerName } from '../views/containerPresentation';
import { formatBytes, shortId } from '../views/format';
import { describeLeft, removeEach, unusedDanglingImages, type ExactRemoval, type LeftBehind } from './exactPrune';
import { BUILT_IN_NETWORKS } from '../views/networksView';

/** A build cache record as /system/df lists it. */
interface BuildCacheRecord {
  ID: string;
  Size: number;
  InUse: boolean;
  Shared: boolean;
  Description?: string;
}

export interface PruneOutcome {
  removed: { containers: string[]; networks: string[]; images: string[]; buildCache: string[]; volumes: string[] };
  left: LeftBehind[];
  reclaimed: number;
}

const prune: Handler = async (ctx): Promise<PruneOutcome | undefined> => {
  const engine = ctx.active.engine;
  await modelListed(ctx);
  const containers = [...ctx.model.containers.values()].filter((c) => c.State === 'exited' || c.State === 'created' || c.State === 'dead');
  const volumes = [...ctx.model.volumes.keys()].filter((n) => ctx.views.volumes.usersOf(n).length === 0).sort();
  const networks = [...ctx.model.networks.values()].filter((n) => !BUILT_IN_NETWORKS.has(n.Name) && ctx.views.networks.membersOf(n).length === 0);
  const images = unusedDanglingImages(ctx.model);
  const cache = ((await engine.diskUsage().catch(() => undefined))?.BuildCache as BuildCacheRecord[] | undefined ?? []).filter((r) => !r.InUse && !r.Shared);
  const cacheSize = cache.reduce((n, r) => n + r.Size, 0);
  const choices = await ctx.prompts.current.pickMany(
    [
      { label: vscode.l10n.t('Stopped containers'), description: String(containers.length), key: 'containers', picked: true },
      { label: vscode.l10n.t('Unused networks'), description: String(networks.length), key: 'networks', picked: true },
      { label: vscode.l10n.t('Dangling images'), description: String(images.length), key: 'images', picked: true },
      { label: vscode.l10n.t('Build cache'), description: vscode.l10n.t('{0} records, {1}', cache.length, formatBytes(cacheSize)), key: 'buildCache', picked: true },
      { label: vscode.l10n.t('Unused volumes (deletes their data)'), description: String(volumes.length), key: 'volumes', picked: false },
    ],
    { title: vscode.l10n.t('Prune: what should go?') },
  );
  if (!choices || choices.length === 0) return undefined;
  const keys = new Set(choices.map((c) => c.key));
  const lines: string[] = [];
  if (keys.has('containers')) lines.push(vscode.l10n.t('Stopped containers: {0}', containers.map(containerName).join(', ') || '-'));
  if (keys.has('networks')) lines.push(vscode.l10n.t('Unused networks: {0}', networks.map((n) => n.Name).join(', ') || '-'));
  if (keys.has('images')) lines.push(vscode.l10n.t('Dangling images: {0}', images.map((i) => shortId(i.Id)).join(', ') || '-'));
  if (keys.has('buildCache')) lines.push(vscode.l10n.t('Build cache not in use: {0} records, {1}', cache.length, formatBytes(cacheSize)));
  if (keys.has('volumes')) lines.push(vscode.l10n.t('Unused volumes and ALL their data: {0}', volumes.join(', ') || '-'));
  lines.push('', vscode.l10n.t('Only these go: anything that stops or falls out of use after this list was drawn stays.'));
  const action = vscode.l10n.t('Prune');
  if ((await ctx.prompts.current.confirm(vscode.l10n.t('Prune these?'), lines.join('\n'), action)) !== action) return undefined;

  // Each listed object by id, never the engine's own prune (see exactPrune.ts).
  const outcome: PruneOutcome = { removed: { containers: [], networks: [], images: [], buildCache: [], volumes: [] }, left: [], reclaimed: 0 };
  const take = <T>(result: ExactRemoval<T>, into: string[], id: (item: T) => string) => {
    into.push(...result.removed.map(id));
    outcome.left.push(...result.left);
    return result.removed;
  };
  if (keys.has('containers')) {
    // Without force: a container that started again since the list is refused by the engine and stays.
    take(await removeEach(containers, containerName, (c) => engine.removeContainer(c.Id)), outcome.removed.containers, (c) => c.Id);
  }
  if (keys.has('networks')) take(await removeEach(networks, (n) => n.Name, (n) => engine.removeNetwork(n.Id)), outcome.removed.networks, (n) => n.Id);
  if (keys.has('images')) {
    const removed = take(await removeEach(images, (i) => shortId(i.Id), (i) => engine.removeImage(i.Id)), outcome.removed.images, (i) => i.Id);
    outcome.reclaimed += removed.reduce((n, i) => n + i.Size, 0);
  }
  if (keys.has('buildCache')) {
    const removed = take(await removeEach(cache, (r) => shortId(r.ID), async (r) => {
      const result = await engine.pruneBuildCache({ all: true, ids: [r.ID] });
      if (!(result.CachesDeleted ?? []).length && !result.SpaceReclaimed) throw new Error(vscode.l10n.t('the engine kept it'));
    }), outcome.removed.buildCache, (r) => r.ID);
    outcome.reclaimed += removed.reduce((n, r) => n + r.Size, 0);
  }
  if (keys.has('volumes')) take(await removeEach(volumes, (v) => v, (v) => engine.removeVolume(v)), outcome.removed.volumes, (v) => v);
  const r = outcome.removed;
  const summary = vscode.l10n.t('Pruned {0} containers, {1} networks, {2} images, {3} build cache records and {4} volumes; reclaimed about {5}.',
    r.containers.length, r.networks.length, r.images.length, r.buildCache.length, r.volumes.length, formatBytes(outcome.reclaimed));
  void vscode.window.showInformationMessage(outcome.left.length ? `${summary} ${vscode.l10n.t('Left: {0}.', describeLeft(outcome.left))}` : summary);
  return outcome;
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
