// The Images, Volumes and Networks views as plain lists (grouping, children and actions come with
// the full explorer).
import * as vscode from 'vscode';
import { ResourceTreeProvider } from './resourceTreeProvider';

export class ImagesView extends ResourceTreeProvider {
  protected ids(): string[] {
    return [...this.model.images.values()].sort((a, b) => b.Created - a.Created).map((i) => i.Id);
  }

  protected render(id: string): vscode.TreeItem | undefined {
    const image = this.model.images.get(id);
    if (!image) return undefined;
    const tags = (image.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
    const item = new vscode.TreeItem(tags[0] ?? `<none> ${id.replace(/^sha256:/, '').slice(0, 12)}`);
    item.description = formatBytes(image.Size);
    item.iconPath = new vscode.ThemeIcon('file-binary');
    item.tooltip = [...tags, id].join('\n');
    item.contextValue = 'image';
    return item;
  }

  protected emptyMessage(): string {
    return vscode.l10n.t('No images. Build or pull one.');
  }
}

export class VolumesView extends ResourceTreeProvider {
  protected ids(): string[] {
    return [...this.model.volumes.keys()].sort();
  }

  protected render(id: string): vscode.TreeItem | undefined {
    const volume = this.model.volumes.get(id);
    if (!volume) return undefined;
    const item = new vscode.TreeItem(volume.Name);
    item.description = volume.Driver;
    item.iconPath = new vscode.ThemeIcon('database');
    item.tooltip = volume.Mountpoint;
    item.contextValue = 'volume';
    return item;
  }

  protected emptyMessage(): string {
    return vscode.l10n.t('No volumes.');
  }
}

export class NetworksView extends ResourceTreeProvider {
  protected ids(): string[] {
    return [...this.model.networks.values()].sort((a, b) => a.Name.localeCompare(b.Name)).map((n) => n.Id);
  }

  protected render(id: string): vscode.TreeItem | undefined {
    const network = this.model.networks.get(id);
    if (!network) return undefined;
    const item = new vscode.TreeItem(network.Name);
    item.description = `${network.Driver} · ${network.Scope}`;
    item.iconPath = new vscode.ThemeIcon('type-hierarchy');
    item.tooltip = network.Id;
    item.contextValue = 'network';
    return item;
  }

  protected emptyMessage(): string {
    return vscode.l10n.t('No networks.');
  }
}

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value < 10 && unit > 0 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}
