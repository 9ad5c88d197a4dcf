// The Engines view: DOCKER_HOST, the default socket and the Docker CLI's contexts; the active one
// is checked. Reading the contexts is a few small files, done when the view is shown or refreshed.
import * as vscode from 'vscode';
import type { ActiveEngine } from '../engine/activeEngine';
import type { EngineModel } from '../model/engineModel';

export interface EngineNode {
  readonly kind: 'engine';
  readonly id: string;
}

export class EnginesView implements vscode.TreeDataProvider<EngineNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<EngineNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly active: ActiveEngine, private readonly model: EngineModel) {
    this.disposables.push(active.onDidChange(() => this.refresh()));
    this.disposables.push({ dispose: model.onDidChange((c) => { if (c.kind === 'state') this.refresh(); }).dispose });
  }

  register(): vscode.TreeView<EngineNode> {
    const view = vscode.window.createTreeView('dockerWorkbench.engines', { treeDataProvider: this });
    this.disposables.push(view, view.onDidChangeVisibility((e) => { if (e.visible) this.refresh(); }));
    return view;
  }

  refresh(): void {
    this.emitter.fire(undefined);
  }

  getChildren(element?: EngineNode): EngineNode[] {
    if (element) return [];
    return this.active.choices().map((c) => ({ kind: 'engine', id: c.id }));
  }

  getTreeItem(element: EngineNode): vscode.TreeItem {
    const choice = this.active.choices().find((c) => c.id === element.id);
    const item = new vscode.TreeItem(choice?.label ?? element.id);
    const isActive = this.active.choice.id === element.id;
    item.id = `engine:${element.id}`;
    item.description = choice?.problem ? vscode.l10n.t('unusable: {0}', choice.problem) : choice?.description;
    const state = this.model.state.status;
    item.iconPath = new vscode.ThemeIcon(
      isActive ? (state === 'connected' ? 'pass-filled' : state === 'unreachable' ? 'error' : 'loading~spin') : 'circle-large-outline',
      isActive && state === 'connected' ? new vscode.ThemeColor('testing.iconPassed') : undefined,
    );
    item.tooltip = isActive && this.model.state.status === 'unreachable' ? this.model.state.error.message : choice?.description;
    item.contextValue = isActive ? 'engine:active' : choice?.target ? 'engine' : 'engine:unusable';
    if (!isActive && choice?.target) item.command = { command: 'dockerWorkbench.engine.use', title: vscode.l10n.t('Use this engine'), arguments: [element] };
    return item;
  }

  dispose(): void {
    this.emitter.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
