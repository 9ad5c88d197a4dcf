// The shared machinery of the explorer views: node identity, the engine's connection state (while
// it cannot be reached: no items, so the welcome content for dockerWorkbench.engine.down shows a
// short line for the kind of failure, the advice and a Retry button, which wrap and stay legible in
// a narrow sidebar; a tree item or the view's message would be cut off, and a message hides the
// welcome content), a text filter, paging (a level shows a page of rows and a "Show more" row, see
// paging.ts), and targeted updates (a change to one object re-renders its node only; a level is
// asked for again only when its membership changes).
import * as vscode from 'vscode';
import { outageOf, type EngineModel, type ModelChange } from '../model/engineModel';
import { shortProblem } from '../engine/outage';
import type { TreeNode, NodeKind } from './treeNode';
import { PageLimits, pageOf, type Page } from './paging';
import type { ViewHost } from '../lazyProviders';

export abstract class DockerTreeView implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly nodes = new Map<string, TreeNode>();
  private readonly disposables: vscode.Disposable[] = [];
  private treeView: vscode.TreeView<TreeNode> | undefined;
  private filterText = '';
  /** Nodes whose look depends on a container (a volume's users, a network's members…). */
  private readonly dependents = new Map<string, Set<TreeNode>>();
  /** How many rows each level shows. */
  protected readonly pages = new PageLimits();
  /**
   * When VS Code first asked for the top level, first got rows of objects (not "Connecting…"),
   * and had made the last of those rows, as epoch milliseconds (the benchmarks read it).
   */
  readonly firstDraw: { requestedAt?: number; rowsAt?: number; rows?: number; firstItemAt?: number; itemsDoneAt?: number } = {};
  private firstRowsLast: TreeNode | undefined;
  /** The note last put above the view. */
  private shownNote: string | undefined;
  /** VS Code's first ask for the top level, while it waits for the engine's first answer (see getChildren). */
  private firstAnswer: Promise<TreeNode[]> | undefined;
  private waitedForFirstAnswer = false;
  /** How long that first ask may wait before it is answered with "Connecting…" (tests lengthen it). */
  firstAnswerWaitMs = FIRST_ANSWER_WAIT_MS;

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
    const view = vscode.window.createTreeView(`dockerWorkbench.${this.name}`, {
      treeDataProvider: this,
      canSelectMany: true,
      showCollapseAll: true,
    });
    this.disposables.push(view);
    this.use(view);
    return view;
  }

  /**
   * Serves a tree view made at activation by a stand-in (lazyProviders.ts) when this view's code is
   * loaded later; the stand-in owns the view.
   */
  registerOn(host: ViewHost<TreeNode>): void {
    this.use(host.view);
    host.attach(this);
  }

  private use(view: vscode.TreeView<TreeNode>): void {
    this.treeView = view;
    this.disposables.push(
      vscode.commands.registerCommand(this.showMoreCommand, (node?: TreeNode) => this.showMore(node)),
      // Shown means the engine is wanted: connect now rather than when VS Code asks for the rows.
      view.onDidChangeVisibility((e) => { if (e.visible) this.model.start(); }),
    );
    this.viewCreated(view);
  }

  /** The view this provider serves now exists (a subclass may follow its visibility). */
  protected viewCreated(_view: vscode.TreeView<TreeNode>): void {}

  /** The command a "Show more" row runs (one per view; not in the palette). */
  get showMoreCommand(): string {
    return `dockerWorkbench.${this.name}.showMore`;
  }

  get filter(): string {
    return this.filterText;
  }

  setFilter(text: string): void {
    this.filterText = text.trim();
    this.pages.reset();
    void vscode.commands.executeCommand('setContext', `dockerWorkbench.${this.name}.filtered`, this.filterText !== '');
    this.updateDescription();
    this.refreshAll();
  }

  /** Top-level nodes once connected. */
  protected abstract roots(): TreeNode[];
  /** Children of a node (may read the engine, e.g. an image's history). */
  protected abstract children(node: TreeNode): TreeNode[] | Promise<TreeNode[]>;
  protected abstract render(node: TreeNode): vscode.TreeItem;
  /** Which nodes a model change touches: some nodes, 'all', or none. */
  protected abstract affected(change: ModelChange): TreeNode[] | 'all';

  /** VS Code asked for the top level: the view is on screen (whatever onDidChangeVisibility said). */
  protected onRootsRequested(): void {}

  /** Whether previewRoots gives rows (the Containers view): its first answer comes with the first page. */
  protected get drawsFirstPage(): boolean {
    return false;
  }

  /** Top-level nodes while connecting, from what the model has so far (model.previewing); none by default. */
  protected previewRoots(): TreeNode[] | undefined {
    return undefined;
  }

  private noteFirstRows(roots: TreeNode[]): void {
    if (roots.length === 0 || this.firstDraw.rowsAt !== undefined) return;
    this.firstDraw.rowsAt = epochNow();
    this.firstDraw.rows = roots.length;
    this.firstRowsLast = roots[roots.length - 1];
  }

  getChildren(element?: TreeNode): TreeNode[] | Promise<TreeNode[]> {
    if (element) return this.children(element);
    this.firstDraw.requestedAt ??= epochNow();
    this.onRootsRequested();
    this.model.start();
    const state = this.model.state;
    // No items: the welcome content for dockerWorkbench.engine.down explains and offers Retry.
    if (outageOf(state)) return [];
    if (state.status === 'connecting') {
      // The first rows the model has while the full lists are on their way, if this view shows them.
      const preview = this.previewRoots();
      if (preview?.length) {
        this.noteFirstRows(preview);
        return [...preview, this.node('message', 'listing', undefined, { text: vscode.l10n.t('Listing the rest…'), icon: 'loading~spin' })];
      }
      // The first ask, with nothing known yet, is answered once the engine answers (the first page
      // or the connection's outcome) instead of with "Connecting…": answering now would make the
      // rows wait for a refresh, which VS Code runs a few hundred milliseconds after it is fired.
      // Bounded: a slow engine gets "Connecting…" after firstAnswerWaitMs.
      if (!this.waitedForFirstAnswer) {
        this.waitedForFirstAnswer = true;
        this.firstAnswer = this.firstAnswerOrTimeout(this.firstAnswerWaitMs).then(() => {
          this.firstAnswer = undefined;
          return this.getChildren();
        });
      }
      // Asked again meanwhile (a refresh fired before the wait began): the same answer.
      if (this.firstAnswer) return this.firstAnswer;
      return [this.node('message', 'connecting', undefined, { text: vscode.l10n.t('Connecting to {0}…', this.model.endpoint), icon: 'loading~spin' })];
    }
    const roots = this.roots();
    this.noteFirstRows(roots);
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
    if (this.firstRowsLast && this.firstDraw.firstItemAt === undefined) this.firstDraw.firstItemAt = epochNow();
    const item = this.itemOf(element);
    if (element === this.firstRowsLast) {
      this.firstRowsLast = undefined;
      this.firstDraw.itemsDoneAt = epochNow();
    }
    return item;
  }

  /**
   * VS Code asks for a row's tooltip when the row is first hovered (only when the item came without
   * one): a view whose tooltips take work leaves them out of render and gives them here, so the
   * first rows drawn do not wait for a hundred tooltips nobody reads yet.
   */
  resolveTreeItem(item: vscode.TreeItem, element: TreeNode): vscode.TreeItem {
    item.tooltip ??= this.tooltipOf(element);
    return item;
  }

  /** The tooltip of a row that render left without one (none by default). */
  protected tooltipOf(_node: TreeNode): string | vscode.MarkdownString | undefined {
    return undefined;
  }

  private itemOf(element: TreeNode): vscode.TreeItem {
    if (element.kind === 'more') return this.moreItem(element);
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

  /**
   * The nodes of one page of a level (`parent` undefined: the top level), followed by a "Show more"
   * row when the level has more. Only the page's items are turned into nodes.
   */
  protected paged<T>(items: readonly T[], toNode: (item: T) => TreeNode, parent?: TreeNode): TreeNode[] {
    return this.pagedAt(items.length, (i) => toNode(items[i]!), parent);
  }

  /** The same for a level of `total` rows whose i-th node `nodeAt` makes (no array of them all). */
  protected pagedAt(total: number, nodeAt: (index: number) => TreeNode, parent?: TreeNode): TreeNode[] {
    const page = this.pageOf(total, parent);
    const nodes: TreeNode[] = [];
    for (let i = 0; i < page.shown; i++) nodes.push(nodeAt(i));
    const more = this.moreRow(page, parent);
    if (more) nodes.push(more);
    return nodes;
  }

  /** The page of the level under `parent` (undefined: the top level) when it has `total` rows. */
  protected pageOf(total: number, parent?: TreeNode): Page {
    return pageOf(total, this.pages.limitOf(parent?.key ?? ''));
  }

  /** The "Show more" row that ends this page, if it leaves rows out. */
  protected moreRow(page: Page, parent?: TreeNode): TreeNode | undefined {
    return page.more > 0 ? this.node('more', 'rows', parent, { more: page.more, shown: page.shown, total: page.shown + page.hidden }) : undefined;
  }

  /** Shows the next rows of the level a "Show more" row ends. */
  showMore(node: TreeNode | undefined): void {
    if (node?.kind !== 'more') return;
    this.pages.showMore(node.parent?.key ?? '', Number(node.data?.more ?? 0));
    this.emitter.fire(node.parent);
  }

  private moreItem(node: TreeNode): vscode.TreeItem {
    const { more, shown, total } = node.data ?? {};
    const item = new vscode.TreeItem(vscode.l10n.t('Show {0} more…', Number(more)), vscode.TreeItemCollapsibleState.None);
    item.description = vscode.l10n.t('{0} of {1} shown', Number(shown), Number(total));
    item.tooltip = vscode.l10n.t('{0} of {1} are shown: drawing them all at once would be slow. The filter finds any of them.', Number(shown), Number(total));
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.command = { command: this.showMoreCommand, title: String(item.label), arguments: [node] };
    item.contextValue = 'more';
    item.id = node.key;
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
    if (!this.holdsNoRows) this.emitter.fire(undefined);
  }

  /**
   * Before VS Code first asks for the top level, and while that first ask waits (see getChildren),
   * it holds no rows of this view, and its answer is made after any change meanwhile: firing one
   * would only make VS Code ask again. Worse, VS Code cancels the pending ask and asks once more
   * after a round trip (67-227 ms before the first rows, bench/sidebar.mjs): the connection starts
   * when the view is shown, before the first ask, and its state change fired a refresh.
   */
  private get holdsNoRows(): boolean {
    return this.firstDraw.requestedAt === undefined || this.firstAnswer !== undefined;
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
    if (!this.treeView) return;
    // Each assignment is a message to the window; most refreshes leave the note as it was.
    const note = this.note;
    if (note !== this.shownNote) this.treeView.message = this.shownNote = note;
  }

  /** Draws these nodes again, in one change event. */
  protected refreshNodes(nodes: TreeNode[]): void {
    if (this.holdsNoRows) return;
    if (nodes.length === 1) this.emitter.fire(nodes[0]);
    else if (nodes.length > 1) this.emitter.fire(nodes);
  }

  /** Resolves once the model has a first page (if this view draws it) or the connection an outcome, or after `ms`. */
  private firstAnswerOrTimeout(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        listener.dispose();
        resolve();
      };
      const timer = setTimeout(done, ms);
      // A view with rows from the first page answers with them; the others wait for their full list
      // (answering "Connecting…" at the first page only made VS Code draw them twice, at the very
      // moment it draws the first container rows).
      const listener = this.model.onDidChange(() => {
        if ((this.drawsFirstPage && this.model.previewing) || this.model.state.status !== 'connecting') done();
      });
    });
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

/** How long VS Code's first ask for a view's rows may wait for the engine's first answer. */
const FIRST_ANSWER_WAIT_MS = 1_500;

function epochNow(): number {
  return performance.timeOrigin + performance.now();
}
