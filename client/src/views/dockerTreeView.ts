// The shared machinery of the explorer views: node identity, the engine's connection state (while
// it cannot be reached: no items, so the welcome content for dockerWorkbench.engine.down shows a
// short line for the kind of failure, the advice and a Retry button, which wrap and stay legible in
// a narrow sidebar; a tree item or the view's message would be cut off, and a message hides the
// welcome content), a text filter, and targeted updates (a change to one object re-renders its
// node only; the whole view re-renders only when membership changes).
import * as vscode from 'vscode';
import { outageOf, type EngineModel, type ModelChange } from '../model/engineModel';
import { shortProblem } from '../engine/outage';
import type { TreeNode, NodeKind } from './treeNode';

export abstract class DockerTreeView implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly nodes = new Map<string, TreeNode>();
  private readonly disposables: vscode.Disposable[] = [];
  private treeView: vscode.TreeView<TreeNode> | undefined;
  private filterText = '';
  /** Nodes whose look depends on a container (a volume's users, a network's members…). */
  private readonly dependents = new Map<string, Set<TreeNode>>();

  constructor(
    protected readonly model: EngineModel,
    /** e.g. `containers`: the view id is `dockerWorkbench.containers`. */
    readonly name: string,
  ) {
    this.disposables.push({ dispose: model.onDidChange((change) => this.onModelChange(change)).dispose });
  }

  /** Disposed with the view. */
  protected disposeLater(...disposables: Array<{ dispose(): unknown }>): void {
    this.disposables.push(...(disposables as vscode.Disposable[]));
  }

  /** Creates the VS Code tree view for this provider (multi-select, collapse-all). */
  register(): vscode.TreeView<TreeNode> {
    this.treeView = vscode.window.createTreeView(`dockerWorkbench.${this.name}`, {
      treeDataProvider: this,
      canSelectMany: true,
      showCollapseAll: true,
    });
    this.disposables.push(this.treeView);
    return this.treeView;
  }

  get filter(): string {
    return this.filterText;
  }

  setFilter(text: string): void {
    this.filterText = text.trim();
    void vscode.commands.executeCommand('setContext', `dockerWorkbench.${this.name}.filtered`, this.filterText !== '');
    this.updateDescription();
    this.refreshAll();
  }

  /** Top-level nodes once connected. */
  protected abstract roots(): TreeNode[];
  /** Children of a node (may read the engine, e.g. an image's history). */
  protected abstract children(node: TreeNode): TreeNode[] | Promise<TreeNode[]>;
  protected abstract render(node: TreeNode): vscode.TreeItem;
  protected abstract emptyMessage(): string;
  /** Which nodes a model change touches: some nodes, 'all', or none. */
  protected abstract affected(change: ModelChange): TreeNode[] | 'all';

  /** VS Code asked for the top level: the view is on screen (whatever onDidChangeVisibility said). */
  protected onRootsRequested(): void {}

  getChildren(element?: TreeNode): TreeNode[] | Promise<TreeNode[]> {
    if (element) return this.children(element);
    this.onRootsRequested();
    this.model.start();
    const state = this.model.state;
    // No items: the welcome content for dockerWorkbench.engine.down explains and offers Retry.
    if (outageOf(state)) return [];
    if (state.status === 'connecting') {
      return [this.node('message', 'connecting', undefined, { text: vscode.l10n.t('Connecting to {0}…', this.model.endpoint), icon: 'loading~spin' })];
    }
    const roots = this.roots();
    if (roots.length > 0) return roots;
    // Empty and unfiltered: no item, so the view's welcome content (package.json viewsWelcome) explains it.
    if (!this.filterText) return [];
    return [this.node('message', 'empty', undefined, { text: vscode.l10n.t('Nothing matches the filter "{0}".', this.filterText), icon: 'info' })];
  }

  /** The short line the welcome content starts with while the engine cannot be reached (tests). */
  get problemLine(): string | undefined {
    const outage = outageOf(this.model.state);
    return outage ? shortProblem(outage, vscode.l10n) : undefined;
  }

  getParent(element: TreeNode): TreeNode | undefined {
    return element.parent;
  }

  getTreeItem(element: TreeNode): vscode.TreeItem {
    if (element.kind === 'message') {
      const data = element.data ?? {};
      const item = new vscode.TreeItem(String(data.text ?? ''), vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon(String(data.icon ?? 'info'));
      item.tooltip = data.detail ? `${data.text}\n\n${data.detail}` : String(data.text ?? '');
      return item;
    }
    const item = this.render(element);
    item.id = element.key;
    return item;
  }

  /** The cached node for `key`, created on first use so VS Code sees one object per key. */
  protected node(kind: NodeKind, id: string, parent?: TreeNode, data?: TreeNode['data']): TreeNode {
    const key = `${parent ? `${parent.key}/` : ''}${kind}:${id}`;
    const existing = this.nodes.get(key);
    if (existing && sameData(existing.data, data)) return existing;
    const created: TreeNode = { key, kind, id, parent, data };
    this.nodes.set(key, created);
    return created;
  }

  /** The node already shown for this kind and id at the top level or under `parent`, if any. */
  protected shown(kind: NodeKind, id: string, parent?: TreeNode): TreeNode | undefined {
    return this.nodes.get(`${parent ? `${parent.key}/` : ''}${kind}:${id}`);
  }

  /** Every node shown for this kind and id, under any parent. */
  protected shownNodes(kind: NodeKind, id: string): TreeNode[] {
    return [...this.nodes.values()].filter((n) => n.kind === kind && n.id === id);
  }


  /** Records that `node` shows something about `containerId`, so a change to it refreshes the node. */
  protected dependOn(containerId: string, node: TreeNode): void {
    let set = this.dependents.get(containerId);
    if (!set) this.dependents.set(containerId, (set = new Set()));
    set.add(node);
  }

  protected dependentsOf(containerId: string): TreeNode[] {
    return [...(this.dependents.get(containerId) ?? [])];
  }

  /**
   * The usual answer for a view of volumes or networks: a change to one of its own objects
   * re-renders that node (or everything when it was added or removed); a container change
   * re-renders the nodes that showed the container and those of the objects it uses now.
   */
  protected affectedBy(change: ModelChange, kind: 'volume' | 'network', exists: (id: string) => boolean, usedBy: (containerId: string) => string[]): TreeNode[] | 'all' {
    if (change.kind === kind) {
      const node = change.id === undefined ? undefined : this.shown(kind, change.id);
      return node && exists(change.id!) ? [node] : 'all';
    }
    if (change.kind !== 'container') return [];
    if (change.id === undefined) return 'all';
    const nodes = new Set(this.dependentsOf(change.id));
    for (const id of usedBy(change.id)) {
      const node = this.shown(kind, id);
      if (!node) continue;
      nodes.add(node);
      this.dependOn(change.id, node);
    }
    return [...nodes];
  }

  refreshAll(): void {
    this.nodes.clear();
    this.dependents.clear();
    this.updateMessage();
    this.emitter.fire(undefined);
  }

  /** The note shown above the view now (see liveNote). */
  get note(): string | undefined {
    return this.model.state.status === 'connected' ? this.liveNote() : undefined;
  }

  /** A note above the view, e.g. where the engine sends no events and the list cannot follow changes made elsewhere. */
  protected liveNote(): string | undefined {
    return undefined;
  }

  private updateMessage(): void {
    if (this.treeView) this.treeView.message = this.note;
  }

  /** Draws these nodes again, in one change event. */
  protected refreshNodes(nodes: TreeNode[]): void {
    if (nodes.length === 1) this.emitter.fire(nodes[0]);
    else if (nodes.length > 1) this.emitter.fire(nodes);
  }

  private onModelChange(change: ModelChange): void {
    if (change.kind === 'state') {
      this.refreshAll();
      return;
    }
    const affected = this.affected(change);
    if (affected === 'all') this.refreshAll();
    else this.refreshNodes(affected);
  }

  private updateDescription(): void {
    if (this.treeView) this.treeView.description = this.filterText ? vscode.l10n.t('Filter: {0}', this.filterText) : undefined;
  }

  dispose(): void {
    this.emitter.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function sameData(a: TreeNode['data'], b: TreeNode['data']): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
