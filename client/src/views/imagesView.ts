// The Images view: repositories → tags; dangling images in their own group (toggle). A tag shows
// size and age; expanded, the containers using the image and its history (the layers and the
// instruction that made each).
import * as vscode from 'vscode';
import type { DockerEngine, ImageLayer } from '../engine/dockerEngine';
import type { EngineModel, ModelChange } from '../model/engineModel';
import { DockerTreeView } from './dockerTreeView';
import { detailItem } from './containersView';
import { containerName } from './containerPresentation';
import { groupImages, layerInstruction } from './imagePresentation';
import { formatAge, formatBytes, matchesFilter, shortId } from './format';
import type { TreeNode } from './treeNode';

const DANGLING_GROUP = '<dangling>';

export class ImagesView extends DockerTreeView {
  private showDangling = false;
  private readonly history = new Map<string, ImageLayer[]>();
  /** The tags each image had when last shown: a change of tags regroups the view. */
  private readonly shownTags = new Map<string, string>();
  /** The tag nodes shown for each image id (an image with two tags has two nodes). */
  private readonly tagNodes = new Map<string, Set<TreeNode>>();

  constructor(model: EngineModel, private readonly engine: () => DockerEngine) {
    super(model, 'images');
  }

  get danglingShown(): boolean {
    return this.showDangling;
  }

  setShowDangling(on: boolean): void {
    this.showDangling = on;
    void vscode.commands.executeCommand('setContext', 'dockerWorkbench.images.showDangling', on);
    this.refreshAll();
  }

  private groups() {
    const images = [...this.model.images.values()].filter((i) => matchesFilter(this.filter, i.Id, ...(i.RepoTags ?? []), ...(i.RepoDigests ?? [])));
    return groupImages(images);
  }

  protected roots(): TreeNode[] {
    const { repositories, dangling } = this.groups();
    this.shownTags.clear();
    this.tagNodes.clear();
    for (const image of this.model.images.values()) this.shownTags.set(image.Id, tagKey(image.RepoTags));
    const roots = [...repositories.keys()].sort().map((repo) => this.node('group', repo));
    if (this.showDangling && dangling.length > 0) roots.push(this.node('group', DANGLING_GROUP));
    return roots;
  }

  protected async children(node: TreeNode): Promise<TreeNode[]> {
    if (node.kind === 'group') {
      const { repositories, dangling } = this.groups();
      const nodes = node.id === DANGLING_GROUP
        ? dangling.map((i) => this.node('image', i.Id, node, { tag: '', imageId: i.Id }))
        : (repositories.get(node.id) ?? []).map((t) => this.node('image', `${t.image.Id}#${t.tag}`, node, { tag: t.tag, imageId: t.image.Id }));
      for (const n of nodes) {
        const id = imageIdOf(n);
        if (!this.tagNodes.has(id)) this.tagNodes.set(id, new Set());
        this.tagNodes.get(id)!.add(n);
      }
      return nodes;
    }
    if (node.kind === 'image') {
      const imageId = imageIdOf(node);
      const users = [...this.model.containers.values()].filter((c) => c.ImageID === imageId);
      for (const c of users) this.dependOn(c.Id, node);
      return [
        ...users.map((c) => this.node('detail', `user:${c.Id}`, node, { text: containerName(c), description: c.State, icon: 'vm', context: 'imageUser', containerId: c.Id })),
        this.node('history', imageId, node),
      ];
    }
    if (node.kind === 'history') {
      const layers = this.history.get(node.id) ?? (await this.engine().imageHistory(node.id));
      this.history.set(node.id, layers);
      // The engine lists newest first; a Dockerfile reads oldest first.
      return [...layers].reverse().map((layer, index) => this.node('layer', String(index), node, {
        text: layerInstruction(layer.CreatedBy), size: layer.Size, created: layer.Created, createdBy: layer.CreatedBy,
      }));
    }
    return [];
  }

  protected render(node: TreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'group': {
        const item = new vscode.TreeItem(node.id === DANGLING_GROUP ? vscode.l10n.t('Dangling images') : node.id, vscode.TreeItemCollapsibleState.Collapsed);
        item.iconPath = new vscode.ThemeIcon(node.id === DANGLING_GROUP ? 'trash' : 'package');
        item.contextValue = node.id === DANGLING_GROUP ? 'imageGroup:dangling' : 'imageGroup';
        return item;
      }
      case 'image': {
        const image = this.model.images.get(imageIdOf(node));
        const tag = String(node.data?.tag ?? '');
        const item = new vscode.TreeItem(tag || shortId(imageIdOf(node)), vscode.TreeItemCollapsibleState.Collapsed);
        if (!image) return item;
        const users = [...this.model.containers.values()].filter((c) => c.ImageID === image.Id).length;
        item.description = [formatBytes(image.Size), formatAge(image.Created, Date.now(), vscode.l10n), users === 1 ? vscode.l10n.t('1 container') : users ? vscode.l10n.t('{0} containers', users) : ''].filter(Boolean).join(' · ');
        item.iconPath = new vscode.ThemeIcon('file-binary');
        item.tooltip = [...(image.RepoTags ?? []), ...(image.RepoDigests ?? []), image.Id].join('\n');
        item.contextValue = tag ? `image:tagged${users ? ':used' : ''}` : `image:dangling${users ? ':used' : ''}`;
        return item;
      }
      case 'history': {
        const item = new vscode.TreeItem(vscode.l10n.t('History'), vscode.TreeItemCollapsibleState.Collapsed);
        item.iconPath = new vscode.ThemeIcon('history');
        item.tooltip = vscode.l10n.t('The layers of this image, oldest first, and the instruction that made each');
        return item;
      }
      case 'layer': {
        const data = node.data ?? {};
        const item = new vscode.TreeItem(String(data.text ?? ''), vscode.TreeItemCollapsibleState.None);
        item.description = formatBytes(Number(data.size));
        item.tooltip = `${String(data.createdBy ?? '')}\n${formatAge(Number(data.created), Date.now(), vscode.l10n)}`;
        item.iconPath = new vscode.ThemeIcon(Number(data.size) > 0 ? 'layers' : 'symbol-property');
        item.contextValue = 'layer';
        return item;
      }
      default:
        return detailItem(node);
    }
  }

  protected emptyMessage(): string {
    return vscode.l10n.t('No images. Build or pull one.');
  }

  protected affected(change: ModelChange): TreeNode[] | 'all' {
    if (change.kind === 'image') {
      if (change.id === undefined) return 'all';
      const image = this.model.images.get(change.id);
      if (!image || this.shownTags.get(change.id) !== tagKey(image.RepoTags)) return 'all';
      this.history.delete(change.id);
      return [];
    }
    if (change.kind === 'container' && change.id !== undefined) {
      // The image's user count and "used by" children: the nodes that showed this container,
      // and the nodes of the image it uses now (it may be new).
      const container = this.model.containers.get(change.id);
      const nodes = new Set(this.dependentsOf(change.id));
      for (const n of (container && this.tagNodes.get(container.ImageID)) ?? []) nodes.add(n);
      return [...nodes];
    }
    return change.kind === 'container' ? 'all' : [];
  }
}

function imageIdOf(node: TreeNode): string {
  return String(node.data?.imageId ?? node.id);
}

function tagKey(tags: string[] | undefined): string {
  return (tags ?? []).join(',');
}
