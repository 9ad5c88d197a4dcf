// The Containers view: compose projects and Podman pods as groups (service names inside), other
// containers at the top level; running first (an order kept current one container at a time, containerOrder.ts),
// a page of rows per level. Expanding a container shows its ports, mounts and networks. The
// description follows dockerWorkbench.containers.description (a docker ps --format style
// template); its times are computed when a row is drawn, and the rows are drawn again once a
// minute while the view is visible and shows a time (MinuteTicker: no timer when hidden or idle,
// and the engine is not asked again).
import * as vscode from 'vscode';
import type { ContainerSummary } from '../engine/dockerEngine';
import type { EngineModel, ModelChange } from '../model/engineModel';
import { DockerTreeView } from './dockerTreeView';
import { ContainerOrder, LOOSE } from './containerOrder';
import { PAGE_SIZE } from './paging';
import type { TreeNode } from './treeNode';
import {
  belongsToWorkspace, composeProject, containerContextValue, containerIcon, containerLabel,
  containerName, containerTooltip, publishedPorts,
} from './containerPresentation';
import { matchesFilter, shortId } from './format';
import { containerStatus, hasRelativeTime, MinuteTicker } from './containerStatus';
import { DEFAULT_DESCRIPTION_TEMPLATE, parseTemplate, renderDescription, TemplateError, type ParsedTemplate } from './containerTemplate';

export const DESCRIPTION_SETTING = 'dockerWorkbench.containers.description';

export class ContainersView extends DockerTreeView {
  private workspaceOnly = false;
  /** Groups and their containers in order, updated per event. */
  private readonly order = new ContainerOrder((c) => this.groupKeyOf(c) ?? LOOSE);
  /** Containers whose row shows a time that goes stale (the minute ticker runs while there are any). */
  private readonly timed = new Set<string>();

  private template: ParsedTemplate = parseTemplate(DEFAULT_DESCRIPTION_TEMPLATE);
  /** The last template text that was refused, so its warning shows once. */
  private refusedTemplate: string | undefined;
  readonly ticker: MinuteTicker;
  /** The clock rows are drawn with (tests move it forward instead of waiting). */
  now: () => number = () => Date.now();

  constructor(model: EngineModel, private readonly workspaceFolders: () => readonly string[]) {
    super(model, 'containers');
    this.ticker = new MinuteTicker(() => this.redrawTimes(), { setTimeout, clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) });
    this.readTemplate();
    this.disposeLater(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration(DESCRIPTION_SETTING)) return;
        this.readTemplate();
        this.refreshAll();
      }),
      { dispose: () => this.ticker.dispose() },
      { dispose: model.onDidChange(() => this.ticker.setActive(this.showsTimes())).dispose },
    );
  }

  override register(): vscode.TreeView<TreeNode> {
    const view = super.register();
    this.ticker.setVisible(view.visible);
    this.disposeLater(view.onDidChangeVisibility((e) => this.ticker.setVisible(e.visible)));
    return view;
  }

  // A view shown while the extension was activating for it may never report that it became
  // visible; VS Code asking for its rows says so.
  protected override onRootsRequested(): void {
    this.ticker.setVisible(true);
  }

  /** Reads the description template; a template with a mistake is reported once and the default used. */
  private readTemplate(): void {
    const text = vscode.workspace.getConfiguration().get<string>(DESCRIPTION_SETTING) ?? DEFAULT_DESCRIPTION_TEMPLATE;
    try {
      this.template = parseTemplate(text.trim() ? text : DEFAULT_DESCRIPTION_TEMPLATE);
      this.refusedTemplate = undefined;
    } catch (error) {
      this.template = parseTemplate(DEFAULT_DESCRIPTION_TEMPLATE);
      if (this.refusedTemplate === text) return;
      this.refusedTemplate = text;
      void vscode.window.showWarningMessage(templateProblem(error));
    }
  }

  /** True when a container has a time in its row (the ticker runs only then). */
  private showsTimes(): boolean {
    return this.model.state.status === 'connected' && this.timed.size > 0;
  }

  /** Draws the rows with a time again; nothing is read from the engine. */
  redrawTimes(): void {
    const nodes: TreeNode[] = [];
    for (const id of this.timed) {
      const group = this.order.groupIdOf(id);
      const parent = group ? this.shown('group', group) : undefined;
      const node = this.shown('container', id, parent);
      if (node) nodes.push(node);
    }
    this.refreshNodes(nodes);
  }

  get isWorkspaceOnly(): boolean {
    return this.workspaceOnly;
  }

  setWorkspaceOnly(on: boolean): void {
    this.workspaceOnly = on;
    this.pages.reset();
    void vscode.commands.executeCommand('setContext', 'dockerWorkbench.containers.workspaceOnly', on);
    this.refreshAll();
  }

  /** The group a container sits in: its pod (`pod:NAME`), its compose project, or none. */
  private groupKeyOf(container: Pick<ContainerSummary, 'Id' | 'Labels'>): string | undefined {
    const pod = this.model.podIndex.podOf(container.Id);
    return pod ? `${POD_PREFIX}${pod.Name}` : composeProject(container);
  }

  /** The containers this view shows, after the filter and the workspace toggle, in its order. */
  visibleContainers(): ContainerSummary[] {
    const result: ContainerSummary[] = [];
    for (const group of [...this.order.projects(), LOOSE]) for (const id of this.visibleIds(group)) result.push(this.model.containers.get(id)!);
    return result;
  }

  /** Whether the filter or the workspace toggle leaves containers out. */
  private get narrowed(): boolean {
    return this.filter !== '' || this.workspaceOnly;
  }

  private isVisible(c: ContainerSummary | undefined, folders: readonly string[]): c is ContainerSummary {
    if (!c) return false;
    if (!matchesFilter(this.filter, containerName(c), c.Image, c.Id, composeProject(c), c.Labels?.['com.docker.compose.service'])) return false;
    return !this.workspaceOnly || belongsToWorkspace(c, folders);
  }

  /** The ids of a group the view shows, in order (the group's own list when nothing is left out). */
  private visibleIds(group: string): readonly string[] {
    const ids = this.order.ids(group);
    if (!this.narrowed) return ids;
    const folders = this.workspaceOnly ? this.workspaceFolders() : [];
    return ids.filter((id) => this.isVisible(this.model.containers.get(id), folders));
  }

  protected override get drawsFirstPage(): boolean {
    return true;
  }

  protected override previewRoots(): TreeNode[] | undefined {
    // Without "Show more": its count would be of the first page only.
    return this.model.previewing ? this.roots().filter((n) => n.kind !== 'more') : undefined;
  }

  protected roots(): TreeNode[] {
    const groups = this.order.projects().filter((project) => !this.narrowed || this.visibleIds(project).length > 0);
    const loose = this.visibleIds(LOOSE);
    // Groups first, then the loose containers: only the page's rows are made (not a copy of 10,000 ids per ask).
    return this.pagedAt(groups.length + loose.length, (i) => (i < groups.length ? this.node('group', groups[i]!) : this.node('container', loose[i - groups.length]!)));
  }

  protected children(node: TreeNode): TreeNode[] {
    if (node.kind === 'group') return this.paged(this.visibleIds(node.id), (id) => this.node('container', id, node), node);
    if (node.kind !== 'container') return [];
    const container = this.model.containers.get(node.id);
    if (!container) return [];
    const details: TreeNode[] = [];
    for (const port of publishedPorts(container)) details.push(this.node('detail', `port:${port}`, node, { text: port, icon: 'plug', context: 'port' }));
    for (const mount of container.Mounts ?? []) {
      const source = mount.Type === 'volume' ? mount.Name ?? mount.Source : mount.Source;
      details.push(this.node('detail', `mount:${mount.Destination}`, node, {
        text: `${source} → ${mount.Destination}`, description: mount.RW ? mount.Type : `${mount.Type} · ${vscode.l10n.t('read-only')}`,
        icon: mount.Type === 'volume' ? 'database' : mount.Type === 'bind' ? 'folder' : 'file-symlink-directory', context: `mount:${mount.Type}`,
      }));
    }
    for (const [name, network] of Object.entries(container.NetworkSettings?.Networks ?? {})) {
      details.push(this.node('detail', `network:${name}`, node, { text: name, description: network.IPAddress || undefined, icon: 'type-hierarchy', context: 'network' }));
    }
    return details;
  }

  protected render(node: TreeNode): vscode.TreeItem {
    if (node.kind === 'group' && node.id.startsWith(POD_PREFIX)) {
      const members = this.visibleIds(node.id);
      const running = members.filter((id) => this.model.containers.get(id)?.State === 'running').length;
      const name = node.id.slice(POD_PREFIX.length);
      const pod = this.model.podIndex.named(name);
      const item = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.Expanded);
      item.description = vscode.l10n.t('pod · {0} of {1} running', running, members.length);
      item.iconPath = new vscode.ThemeIcon('package', running ? new vscode.ThemeColor('testing.iconPassed') : undefined);
      item.contextValue = running ? 'pod:running' : 'pod:stopped';
      item.tooltip = vscode.l10n.t('Podman pod {0} ({1}): its containers share a network namespace.', name, pod?.Status ?? '?');
      return item;
    }
    if (node.kind === 'group') {
      const members = this.narrowed ? this.visibleIds(node.id).map((id) => this.model.containers.get(id)!) : undefined;
      const running = members ? members.filter((c) => c.State === 'running').length : this.order.runningIn(node.id);
      const total = members ? members.length : this.order.size(node.id);
      // Expanded groups are asked for their rows at once: only when everything fits on a page. A
      // first page (model.previewing) of fewer than PAGE_SIZE is all there is; a full one may not be
      // (and VS Code keeps a group drawn expanded so).
      const expand = this.model.previewing ? this.order.count < PAGE_SIZE : this.order.count <= PAGE_SIZE;
      const item = new vscode.TreeItem(node.id, expand ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
      item.description = vscode.l10n.t('{0} of {1} running', running, total);
      item.iconPath = new vscode.ThemeIcon('layers', running ? new vscode.ThemeColor('testing.iconPassed') : undefined);
      item.contextValue = running ? 'composeProject:running' : 'composeProject:stopped';
      item.tooltip = vscode.l10n.t('Compose project {0}', node.id);
      return item;
    }
    if (node.kind === 'detail') return detailItem(node);
    const container = this.model.containers.get(node.id);
    if (!container) return new vscode.TreeItem(shortId(node.id));
    const item = new vscode.TreeItem(containerLabel(container), vscode.TreeItemCollapsibleState.Collapsed);
    const now = this.now();
    const times = hasRelativeTime(container) ? this.model.containerTimes(container.Id) : undefined;
    item.description = renderDescription(this.template, container, times, now, vscode.l10n);
    const icon = containerIcon(container);
    item.iconPath = new vscode.ThemeIcon(icon.name, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
    item.contextValue = containerContextValue(container);
    // The tooltip (the inspect-like summary) is made on hover: resolveTreeItem, tooltipOf.
    return item;
  }

  protected tooltipOf(node: TreeNode): vscode.MarkdownString | undefined {
    const container = node.kind === 'container' ? this.model.containers.get(node.id) : undefined;
    if (!container) return undefined;
    const now = this.now();
    const times = hasRelativeTime(container) ? this.model.containerTimes(container.Id) : undefined;
    return new vscode.MarkdownString(containerTooltip({ ...container, Status: containerStatus(container, times, now, vscode.l10n) }, now, vscode.l10n));
  }

  protected affected(change: ModelChange): TreeNode[] | 'all' {
    if (change.kind === 'pod') {
      // A pod came or went, or its members changed: the groups are worked out again.
      this.order.reset(this.model.containers.values());
      return 'all';
    }
    if (change.kind !== 'container') return [];
    if (change.id === undefined) {
      this.order.reset(this.model.containers.values());
      this.timed.clear();
      for (const c of this.model.containers.values()) if (hasRelativeTime(c)) this.timed.add(c.Id);
      return 'all';
    }
    const container = this.model.containers.get(change.id);
    if (container && hasRelativeTime(container)) this.timed.add(change.id);
    else this.timed.delete(change.id);
    const moved = container ? this.order.update(container) : this.order.remove(change.id);
    switch (moved.kind) {
      case 'none':
        return [];
      case 'added':
      case 'removed':
        return this.levelsOf([moved.group]);
      case 'moved':
        return this.levelsOf([moved.from, moved.to]);
      case 'updated': {
        // The filter may now match it or not (a rename): its level again.
        if (this.narrowed) return this.levelsOf([moved.group]);
        const parent = moved.group === LOOSE ? undefined : this.shown('group', moved.group);
        const node = this.shown('container', change.id, parent);
        const nodes = node ? [node] : [];
        // The group's "n of m running".
        if (parent && moved.runningChanged) nodes.push(parent);
        return nodes;
      }
    }
  }

  /** What to draw again when these groups gained or lost a container: the groups, or everything when the top level changed. */
  private levelsOf(groups: string[]): TreeNode[] | 'all' {
    const nodes: TreeNode[] = [];
    for (const group of groups) {
      const node = group === LOOSE ? undefined : this.shown('group', group);
      // The top level holds the loose containers and the groups (one may have appeared or gone).
      if (!node || this.order.size(group) === 0) return 'all';
      nodes.push(node);
    }
    return nodes;
  }
}

function templateProblem(error: unknown): string {
  const problem = error instanceof TemplateError ? error : undefined;
  switch (problem?.problem) {
    case 'unknown': return vscode.l10n.t('The setting {0} uses {1}, which is not a placeholder this view knows; the default description is shown. Hover a placeholder in settings.json to see what it shows.', DESCRIPTION_SETTING, problem.placeholder);
    case 'syntax': return vscode.l10n.t('The setting {0} uses {1}: only fields such as {{.Image}} and {{.Label "key"}} are supported, not Go template functions; the default description is shown.', DESCRIPTION_SETTING, problem.placeholder);
    case 'unclosed': return vscode.l10n.t('The setting {0} has a placeholder without its closing braces ({1}…); the default description is shown.', DESCRIPTION_SETTING, problem.placeholder);
    default: return vscode.l10n.t('The setting {0} is too long; the default description is shown.', DESCRIPTION_SETTING);
  }
}

export function detailItem(node: TreeNode): vscode.TreeItem {
  const data = node.data ?? {};
  const item = new vscode.TreeItem(String(data.text ?? node.id), vscode.TreeItemCollapsibleState.None);
  if (data.description !== undefined) item.description = String(data.description);
  if (data.icon) item.iconPath = new vscode.ThemeIcon(String(data.icon));
  if (data.tooltip) item.tooltip = String(data.tooltip);
  item.contextValue = `detail:${String(data.context ?? 'info')}`;
  return item;
}

/** Group ids of Podman pods (compose projects are grouped by their name). */
const POD_PREFIX = 'pod:';
