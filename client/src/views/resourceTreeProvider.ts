// A tree view of one collection of the engine model. While the engine is unreachable it shows a
// single item that says why, with a Retry action. A model change for one object re-renders only
// that object's node; nodes are kept per id so VS Code can match them across updates.
import * as vscode from 'vscode';
import type { EngineModel, ModelChange, ResourceKind } from '../model/engineModel';

export interface ResourceNode {
  readonly type: 'resource';
  readonly id: string;
}

export interface MessageNode {
  readonly type: 'message';
  readonly label: string;
  readonly detail?: string;
  readonly contextValue?: string;
  readonly icon: string;
}

export type TreeNode = ResourceNode | MessageNode;

export abstract class ResourceTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly nodes = new Map<string, ResourceNode>();
  private readonly subscription: { dispose(): void };

  constructor(
    protected readonly model: EngineModel,
    private readonly kind: ResourceKind,
  ) {
    this.subscription = model.onDidChange((change) => this.onModelChange(change));
  }

  /** The ids of this view's objects, in display order. */
  protected abstract ids(): string[];
  protected abstract render(id: string): vscode.TreeItem | undefined;
  protected abstract emptyMessage(): string;

  getChildren(element?: TreeNode): TreeNode[] {
    if (element) return [];
    this.model.start();
    const state = this.model.state;
    if (state.status === 'unreachable') {
      return [{ type: 'message', label: state.error.message, detail: state.error.detail, contextValue: 'engineError', icon: 'error' }];
    }
    if (state.status === 'connecting') {
      return [{ type: 'message', label: vscode.l10n.t('Connecting to {0}…', this.model.endpoint), icon: 'loading~spin' }];
    }
    const ids = this.ids();
    if (ids.length === 0) return [{ type: 'message', label: this.emptyMessage(), icon: 'info' }];
    return ids.map((id) => this.nodeFor(id));
  }

  getTreeItem(element: TreeNode): vscode.TreeItem {
    if (element.type === 'message') {
      const item = new vscode.TreeItem(element.label, vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon(element.icon);
      item.tooltip = element.detail ? `${element.label}\n\n${element.detail}` : element.label;
      item.contextValue = element.contextValue;
      if (element.contextValue === 'engineError') {
        item.command = { command: 'dockerWorkbench.retryConnection', title: vscode.l10n.t('Retry') };
      }
      return item;
    }
    const item = this.render(element.id) ?? new vscode.TreeItem(element.id);
    item.id = `${this.kind}:${element.id}`;
    return item;
  }

  private nodeFor(id: string): ResourceNode {
    let node = this.nodes.get(id);
    if (!node) {
      node = { type: 'resource', id };
      this.nodes.set(id, node);
    }
    return node;
  }

  private onModelChange(change: ModelChange): void {
    if (change.kind === 'state') {
      this.emitter.fire(undefined);
      return;
    }
    if (change.kind !== this.kind) return;
    const existing = change.id !== undefined ? this.nodes.get(change.id) : undefined;
    if (existing && this.ids().includes(change.id!)) {
      this.emitter.fire(existing); // the object changed in place: re-render its node only
      return;
    }
    if (change.id !== undefined) this.nodes.delete(change.id);
    else this.nodes.clear();
    this.emitter.fire(undefined); // added, removed or re-listed: the list itself changed
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
