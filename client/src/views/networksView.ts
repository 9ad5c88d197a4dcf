// The Networks view: driver, scope and subnet; expanded, the connected containers with their IP
// addresses and aliases. The built-in networks (bridge, host, none) come last and can be hidden.
import * as vscode from 'vscode';
import type { ContainerSummary, DockerEngine, NetworkSummary } from '../engine/dockerEngine';
import type { EngineModel, ModelChange } from '../model/engineModel';
import { DockerTreeView } from './dockerTreeView';
import { detailItem } from './containersView';
import { containerName } from './containerPresentation';
import { matchesFilter } from './format';
import type { TreeNode } from './treeNode';

export const BUILT_IN_NETWORKS = new Set(['bridge', 'host', 'none']);

export class NetworksView extends DockerTreeView {
  private showBuiltIn = true;

  constructor(model: EngineModel, private readonly engine: () => DockerEngine) {
    super(model, 'networks');
  }

  setShowBuiltIn(on: boolean): void {
    this.showBuiltIn = on;
    void vscode.commands.executeCommand('setContext', 'dockerWorkbench.networks.hideBuiltIn', !on);
    this.refreshAll();
  }

  get builtInShown(): boolean {
    return this.showBuiltIn;
  }

  /** Containers attached to the network, with their endpoint on it. */
  membersOf(network: NetworkSummary): Array<{ container: ContainerSummary; ip?: string }> {
    const members: Array<{ container: ContainerSummary; ip?: string }> = [];
    for (const container of this.model.containers.values()) {
      for (const endpoint of Object.values(container.NetworkSettings?.Networks ?? {})) {
        if (endpoint.NetworkID === network.Id) members.push({ container, ip: endpoint.IPAddress || undefined });
      }
    }
    return members;
  }

  protected roots(): TreeNode[] {
    const networks = [...this.model.networks.values()]
      .filter((n) => this.showBuiltIn || !BUILT_IN_NETWORKS.has(n.Name))
      .filter((n) => matchesFilter(this.filter, n.Name, n.Id, n.Driver))
      .sort((a, b) => Number(BUILT_IN_NETWORKS.has(a.Name)) - Number(BUILT_IN_NETWORKS.has(b.Name)) || a.Name.localeCompare(b.Name));
    const nodes = networks.map((n) => this.node('network', n.Id));
    for (const [i, n] of networks.entries()) for (const m of this.membersOf(n)) this.dependOn(m.container.Id, nodes[i]!);
    return nodes;
  }

  protected async children(node: TreeNode): Promise<TreeNode[]> {
    const network = this.model.networks.get(node.id);
    if (node.kind !== 'network' || !network) return [];
    // Aliases are only in a container's inspect data; read them when the user expands.
    return Promise.all(this.membersOf(network).map(async ({ container, ip }) => {
      let aliases: string[] = [];
      try {
        const details = await this.engine().inspectContainer(container.Id);
        const endpoint = Object.values(details.NetworkSettings?.Networks ?? {}).find((e) => e.NetworkID === network.Id);
        aliases = ((endpoint?.Aliases as string[] | null) ?? []).filter((a) => !container.Id.startsWith(a));
      } catch {
        // the container may be gone already; show what the list knows
      }
      return this.node('detail', `member:${container.Id}`, node, {
        text: containerName(container),
        description: [ip, aliases.length ? vscode.l10n.t('aliases: {0}', aliases.join(', ')) : ''].filter(Boolean).join(' · '),
        icon: container.State === 'running' ? 'vm-running' : 'vm-outline',
        context: 'networkMember', containerId: container.Id,
      });
    }));
  }

  protected render(node: TreeNode): vscode.TreeItem {
    if (node.kind !== 'network') return detailItem(node);
    const network = this.model.networks.get(node.id);
    if (!network) return new vscode.TreeItem(node.id);
    const members = this.membersOf(network);
    const subnet = network.IPAM?.Config?.map((c) => c.Subnet).filter(Boolean).join(', ');
    const builtIn = BUILT_IN_NETWORKS.has(network.Name);
    const item = new vscode.TreeItem(network.Name, members.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.description = [network.Driver, network.Scope, subnet, members.length === 1 ? vscode.l10n.t('1 container') : members.length ? vscode.l10n.t('{0} containers', members.length) : ''].filter(Boolean).join(' · ');
    item.iconPath = new vscode.ThemeIcon('type-hierarchy');
    item.tooltip = [network.Name, network.Id, network.Internal ? vscode.l10n.t('internal (no outside access)') : '', network.Attachable ? vscode.l10n.t('attachable') : ''].filter(Boolean).join('\n');
    item.contextValue = builtIn ? 'network:builtin' : members.length ? 'network:used' : 'network:unused';
    return item;
  }

  protected emptyMessage(): string {
    return vscode.l10n.t('No networks.');
  }

  protected liveNote(): string | undefined {
    return this.model.notLive.includes('network')
      ? vscode.l10n.t('Podman sends no events for networks: this list follows what you do here; press Refresh to see changes made elsewhere.')
      : undefined;
  }

  protected affected(change: ModelChange): TreeNode[] | 'all' {
    return this.affectedBy(change, 'network', (id) => this.model.networks.has(id), (containerId) =>
      Object.values(this.model.containers.get(containerId)?.NetworkSettings?.Networks ?? {}).map((e) => e.NetworkID));
  }
}
