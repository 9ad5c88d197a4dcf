// The Volumes view: each volume with its driver, marked when no container uses it; expanded, the
// containers that mount it (running or not).
import * as vscode from 'vscode';
import type { ContainerSummary } from '../engine/dockerEngine';
import type { EngineModel, ModelChange } from '../model/engineModel';
import { DockerTreeView } from './dockerTreeView';
import { detailItem } from './containersView';
import { containerName } from './containerPresentation';
import { matchesFilter } from './format';
import type { TreeNode } from './treeNode';

export class VolumesView extends DockerTreeView {
  constructor(model: EngineModel) {
    super(model, 'volumes');
  }

  /** Containers (any state) that mount the named volume. */
  usersOf(volume: string): ContainerSummary[] {
    return [...this.model.index.usersOfVolume(volume)].map((id) => this.model.containers.get(id)).filter((c) => c !== undefined);
  }

  protected roots(): TreeNode[] {
    const names = [...this.model.volumes.keys()].filter((n) => matchesFilter(this.filter, n)).sort();
    const nodes = this.paged(names, (n) => this.node('volume', n));
    for (const node of nodes) if (node.kind === 'volume') for (const id of this.model.index.usersOfVolume(node.id)) this.dependOn(id, node);
    return nodes;
  }

  protected children(node: TreeNode): TreeNode[] {
    if (node.kind !== 'volume') return [];
    return this.paged(this.usersOf(node.id), (c) => {
      const mount = c.Mounts.find((m) => m.Type === 'volume' && m.Name === node.id);
      return this.node('detail', `user:${c.Id}`, node, {
        text: containerName(c), description: `${mount?.Destination ?? ''} · ${c.State}${mount && !mount.RW ? ` · ${vscode.l10n.t('read-only')}` : ''}`,
        icon: c.State === 'running' ? 'vm-running' : 'vm-outline', context: 'volumeUser', containerId: c.Id,
      });
    }, node);
  }

  protected render(node: TreeNode): vscode.TreeItem {
    if (node.kind !== 'volume') return detailItem(node);
    const volume = this.model.volumes.get(node.id);
    const users = this.model.index.usersOfVolume(node.id);
    const item = new vscode.TreeItem(node.id, users.size ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.description = [volume?.Driver, users.size === 1 ? vscode.l10n.t('1 container') : users.size ? vscode.l10n.t('{0} containers', users.size) : vscode.l10n.t('unused')].filter(Boolean).join(' · ');
    item.iconPath = new vscode.ThemeIcon('database', users.size ? undefined : new vscode.ThemeColor('disabledForeground'));
    item.tooltip = volume ? `${volume.Name}\n${vscode.l10n.t('Driver: {0}', volume.Driver)}\n${vscode.l10n.t('Mountpoint: {0}', volume.Mountpoint)}` : node.id;
    item.contextValue = users.size ? 'volume:used' : 'volume:unused';
    return item;
  }

  protected affected(change: ModelChange): TreeNode[] | 'all' {
    return this.affectedBy(change, 'volume', (id) => this.model.volumes.has(id), (containerId) =>
      (this.model.containers.get(containerId)?.Mounts ?? []).filter((m) => m.Type === 'volume' && m.Name).map((m) => m.Name!));
  }
}
