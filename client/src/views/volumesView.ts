// The Volumes view: each volume with its driver, marked when no container uses it; expanded, the
// containers that mount it (running or not).
import * as vscode from 'vscode';
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
  usersOf(volume: string) {
    return [...this.model.containers.values()].filter((c) => (c.Mounts ?? []).some((m) => m.Type === 'volume' && m.Name === volume));
  }

  protected roots(): TreeNode[] {
    const names = [...this.model.volumes.keys()].filter((n) => matchesFilter(this.filter, n)).sort();
    const nodes = names.map((n) => this.node('volume', n));
    for (const node of nodes) for (const c of this.usersOf(node.id)) this.dependOn(c.Id, node);
    return nodes;
  }

  protected children(node: TreeNode): TreeNode[] {
    if (node.kind !== 'volume') return [];
    return this.usersOf(node.id).map((c) => {
      const mount = c.Mounts.find((m) => m.Type === 'volume' && m.Name === node.id);
      return this.node('detail', `user:${c.Id}`, node, {
        text: containerName(c), description: `${mount?.Destination ?? ''} · ${c.State}${mount && !mount.RW ? ` · ${vscode.l10n.t('read-only')}` : ''}`,
        icon: c.State === 'running' ? 'vm-running' : 'vm-outline', context: 'volumeUser', containerId: c.Id,
      });
    });
  }

  protected render(node: TreeNode): vscode.TreeItem {
    if (node.kind !== 'volume') return detailItem(node);
    const volume = this.model.volumes.get(node.id);
    const users = this.usersOf(node.id);
    const item = new vscode.TreeItem(node.id, users.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.description = [volume?.Driver, users.length === 1 ? vscode.l10n.t('1 container') : users.length ? vscode.l10n.t('{0} containers', users.length) : vscode.l10n.t('unused')].filter(Boolean).join(' · ');
    item.iconPath = new vscode.ThemeIcon('database', users.length ? undefined : new vscode.ThemeColor('disabledForeground'));
    item.tooltip = volume ? `${volume.Name}\n${vscode.l10n.t('Driver: {0}', volume.Driver)}\n${vscode.l10n.t('Mountpoint: {0}', volume.Mountpoint)}` : node.id;
    item.contextValue = users.length ? 'volume:used' : 'volume:unused';
    return item;
  }

  protected emptyMessage(): string {
    return vscode.l10n.t('No volumes. Volumes keep data when containers are removed.');
  }

  protected affected(change: ModelChange): TreeNode[] | 'all' {
    return this.affectedBy(change, 'volume', (id) => this.model.volumes.has(id), (containerId) =>
      (this.model.containers.get(containerId)?.Mounts ?? []).filter((m) => m.Type === 'volume' && m.Name).map((m) => m.Name!));
  }
}
