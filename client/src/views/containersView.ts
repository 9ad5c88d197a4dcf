// The Containers view: every container, running ones first, newest first.
import * as vscode from 'vscode';
import type { ContainerSummary } from '../engine/dockerEngine';
import { ResourceTreeProvider } from './resourceTreeProvider';
import { containerLabel, containerDescription, containerIcon } from './containerPresentation';

export class ContainersView extends ResourceTreeProvider {
  protected ids(): string[] {
    return [...this.model.containers.values()].sort(byStateThenCreated).map((c) => c.Id);
  }

  protected render(id: string): vscode.TreeItem | undefined {
    const container = this.model.containers.get(id);
    if (!container) return undefined;
    const item = new vscode.TreeItem(containerLabel(container), vscode.TreeItemCollapsibleState.None);
    item.description = containerDescription(container);
    const icon = containerIcon(container);
    item.iconPath = new vscode.ThemeIcon(icon.name, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
    item.contextValue = `container.${container.State}`;
    item.tooltip = `${containerLabel(container)}\n${container.Image}\n${container.Status}\n${container.Id.slice(0, 12)}`;
    return item;
  }

  protected emptyMessage(): string {
    return vscode.l10n.t('No containers. Run an image to create one.');
  }
}

function byStateThenCreated(a: ContainerSummary, b: ContainerSummary): number {
  const running = Number(b.State === 'running') - Number(a.State === 'running');
  return running !== 0 ? running : b.Created - a.Created;
}
