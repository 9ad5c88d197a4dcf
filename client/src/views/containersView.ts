// The Containers view: compose projects and Podman pods as groups (service names inside), other
// containers at the top level; running first. Expanding a container shows its ports, mounts and
// networks. The description follows dockerWorkbench.containers.description (a docker ps --format
// style template); its times are computed when a row is drawn, and the rows are drawn again once a
// minute while the view is visible and shows a time (MinuteTicker: no timer when hidden or idle,
// and the engine is not asked again).
import * as vscode from 'vscode';
import type { ContainerSummary } from '../engine/dockerEngine';
import type { EngineModel, ModelChange } from '../model/engineModel';
import { DockerTreeView } from './dockerTreeView';
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
  /** Which group each shown container sits in, to tell an in-place change from a move. */
  private readonly groupOf = new Map<string, string | undefined>();

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

  /** True when a shown container has a time in its row (the ticker runs only then). */
  private showsTimes(): boolean {
    if (this.model.state.status !== 'connected') return false;
    for (const c of this.model.containers.values()) if (hasRelativeTime(c)) return true;
    return false;
  }

  /** Draws the rows with a time again; nothing is read from the engine. */
  redrawTimes(): void {
    const nodes: TreeNode[] = [];
    for (const c of this.model.containers.values()) {
      if (!hasRelativeTime(c)) continue;
      const project = composeProject(c);
      const parent = project ? this.shown('group', project) : undefined;
      const node = this.shown('container', c.Id, parent);
      if (node) nodes.push(node);
    }
    this.refreshNodes(nodes);
  }

  get isWorkspaceOnly(): boolean {
    return this.workspaceOnly;
  }

  setWorkspaceOnly(on: boolean): void {
    this.workspaceOnly = on;
    void vscode.commands.executeCommand('setContext', 'dockerWorkbench.containers.workspaceOnly', on);
    this.refreshAll();
  }

  /** A Podman pod's group key (`pod:NAME`) for a container in one. */
  private podGroupOf(container: ContainerSummary): string | undefined {
    for (const pod of this.model.pods.values()) {
      if (pod.Containers?.some((c) => c.Id === container.Id)) return `${POD_PREFIX}${pod.Name}`;
    }
    return undefined;
  }

  /** The group a container sits in: its pod, its compose project, or none. */
  private groupKeyOf(container: ContainerSummary): string | undefined {
    return (this.model.pods.size ? this.podGroupOf(container) : undefined) ?? composeProject(container);
  }

  /** The containers this view shows, after the filter and the workspace toggle. */
  visibleContainers(): ContainerSummary[] {
    const folders = this.workspaceOnly ? this.workspaceFolders() : [];
    return [...this.model.containers.values()]
      .filter((c) => matchesFilter(this.filter, containerName(c), c.Image, c.Id, composeProject(c), c.Labels?.['com.docker.compose.service']))
      .filter((c) => !this.workspaceOnly || belongsToWorkspace(c, folders))
      .sort(byStateThenCreated);
  }

  protected roots(): TreeNode[] {
    const containers = this.visibleContainers();
    const projects = new Map<string, ContainerSummary[]>();
    const loose: ContainerSummary[] = [];
    for (const c of containers) {
      const project = this.groupKeyOf(c);
      if (project) projects.set(project, [...(projects.get(project) ?? []), c]);
      else loose.push(c);
    }
    this.groupOf.clear();
    const groups = [...projects.keys()].sort().map((project) => this.node('group', project));
    for (const [project, members] of projects) for (const c of members) this.groupOf.set(c.Id, project);
    for (const c of loose) this.groupOf.set(c.Id, undefined);
    return [...groups, ...loose.map((c) => this.node('container', c.Id))];
  }

  protected children(node: TreeNode): TreeNode[] {
    if (node.kind === 'group') {
      return this.visibleContainers().filter((c) => this.groupKeyOf(c) === node.id).map((c) => this.node('container', c.Id, node));
    }
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
      const members = this.visibleContainers().filter((c) => this.groupKeyOf(c) === node.id);
      const running = members.filter((c) => c.State === 'running').length;
      const name = node.id.slice(POD_PREFIX.length);
      const pod = [...this.model.pods.values()].find((p) => p.Name === name);
      const item = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.Expanded);
      item.description = vscode.l10n.t('pod · {0} of {1} running', running, members.length);
      item.iconPath = new vscode.ThemeIcon('package', running ? new vscode.ThemeColor('testing.iconPassed') : undefined);
      item.contextValue = running ? 'pod:running' : 'pod:stopped';
      item.tooltip = vscode.l10n.t('Podman pod {0} ({1}): its containers share a network namespace.', name, pod?.Status ?? '?');
      return item;
    }
    if (node.kind === 'group') {
      const members = this.visibleContainers().filter((c) => composeProject(c) === node.id);
      const running = members.filter((c) => c.State === 'running').length;
      const item = new vscode.TreeItem(node.id, vscode.TreeItemCollapsibleState.Expanded);
      item.description = vscode.l10n.t('{0} of {1} running', running, members.length);
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
    item.tooltip = new vscode.MarkdownString(containerTooltip({ ...container, Status: containerStatus(container, times, now, vscode.l10n) }, now, vscode.l10n));
    return item;
  }

  protected emptyMessage(): string {
    return this.workspaceOnly
      ? vscode.l10n.t('No containers belong to this workspace.')
      : vscode.l10n.t('No containers. Run an image to create one.');
  }

  protected affected(change: ModelChange): TreeNode[] | 'all' {
    if (change.kind === 'pod') return 'all';
    if (change.kind !== 'container' || change.id === undefined) return change.kind === 'container' ? 'all' : [];
    const container = this.model.containers.get(change.id);
    const previousGroup = this.groupOf.get(change.id);
    const shownBefore = this.groupOf.has(change.id);
    if (!container || !shownBefore) return 'all'; // added or removed: membership changed
    const group = this.groupKeyOf(container);
    if (group !== previousGroup) return 'all';
    const parent = group ? this.shown('group', group) : undefined;
    const node = this.shown('container', change.id, parent);
    if (!node) return 'all';
    // The group's "n of m running" may change too.
    return parent ? [node, parent] : [node];
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

/** Group ids of Podman pods (compose projects are grouped by their name). */
const POD_PREFIX = 'pod:';

export function detailItem(node: TreeNode): vscode.TreeItem {
  const data = node.data ?? {};
  const item = new vscode.TreeItem(String(data.text ?? node.id), vscode.TreeItemCollapsibleState.None);
  if (data.description !== undefined) item.description = String(data.description);
  if (data.icon) item.iconPath = new vscode.ThemeIcon(String(data.icon));
  if (data.tooltip) item.tooltip = String(data.tooltip);
  item.contextValue = `detail:${String(data.context ?? 'info')}`;
  return item;
}

function byStateThenCreated(a: ContainerSummary, b: ContainerSummary): number {
  const running = Number(b.State === 'running') - Number(a.State === 'running');
  return running !== 0 ? running : b.Created - a.Created;
}
