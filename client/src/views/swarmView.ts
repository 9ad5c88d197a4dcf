// The Swarm view, when the active engine manages a swarm: Nodes; Services (grouped by stack, each
// service with its tasks); Secrets and Configs (names and dates only). Fed by the SwarmModel,
// itself fed by the engine's event stream. On an engine that is not a manager the view is empty
// and its welcome content says why (and offers to start a single-node swarm).
import * as vscode from 'vscode';
import type { EngineModel, ModelChange } from '../model/engineModel';
import type { SwarmChange, SwarmModel, SwarmRole } from '../model/swarmModel';
import { DockerTreeView } from './dockerTreeView';
import { detailItem } from './containersView';
import { matchesFilter } from './format';
import type { TreeNode } from './treeNode';
import {
  groupByStack, nodeDescription, nodeName, replicaCounts, secretDescription, serviceDescription, serviceImage, serviceMode, serviceName,
  serviceTooltip, sortTasks, stackOf, taskDescription, taskIsFailed, taskLabel, taskState,
} from './swarmPresentation';
import { SWARM_SERVICE_ID } from '../engine/swarmObjects';

const SECTIONS = ['nodes', 'services', 'secrets', 'configs'] as const;
type Section = (typeof SECTIONS)[number];

export class SwarmView extends DockerTreeView {
  private refreshScheduled = false;
  /** Which service each task container belongs to, to find it again after the container is gone. */
  private readonly containerServices = new Map<string, string>();

  constructor(model: EngineModel, readonly swarm: SwarmModel) {
    super(model, 'swarm');
    const subscription = swarm.onDidChange((change) => this.onSwarmChange(change));
    this.disposeLater(subscription);
  }

  protected override viewCreated(view: vscode.TreeView<TreeNode>): void {
    this.disposeLater(view.onDidChangeVisibility((e) => { if (e.visible) this.swarm.start(); }));
  }

  get role(): SwarmRole {
    return this.swarm.state.role;
  }

  protected roots(): TreeNode[] {
    this.swarm.start();
    void vscode.commands.executeCommand('setContext', 'dockerWorkbench.swarm.role', this.role);
    const state = this.swarm.state;
    if (state.role === 'unknown' && state.problem) return [this.node('message', 'swarm-problem', undefined, { text: state.problem, icon: 'error' })];
    if (state.role === 'pending' || state.role === 'locked' || state.role === 'error') {
      const text = state.role === 'locked'
        ? vscode.l10n.t('This swarm manager is locked: unlock it with docker swarm unlock.')
        : state.role === 'pending' ? vscode.l10n.t('This engine is joining a swarm…') : vscode.l10n.t('The swarm reports an error: {0}', state.problem ?? '');
      return [this.node('message', `swarm-${state.role}`, undefined, { text, icon: state.role === 'pending' ? 'loading~spin' : 'warning' })];
    }
    if (state.role !== 'manager') return [];
    return SECTIONS.map((section) => this.node('group', `section:${section}`));
  }

  protected children(node: TreeNode): TreeNode[] {
    if (node.kind === 'group' && node.id.startsWith('section:')) {
      const section = node.id.slice('section:'.length) as Section;
      switch (section) {
        case 'nodes':
          return [...this.swarm.nodes.values()]
            .filter((n) => matchesFilter(this.filter, nodeName(n), n.ID))
            .sort((a, b) => Number(Boolean(b.ManagerStatus)) - Number(Boolean(a.ManagerStatus)) || nodeName(a).localeCompare(nodeName(b)))
            .map((n) => this.node('swarmNode', n.ID, node));
        case 'services': {
          const { stacks, loose } = groupByStack(this.visibleServices());
          return [...[...stacks.keys()].map((stack) => this.node('group', `stack:${stack}`, node)), ...loose.map((s) => this.node('service', s.ID, node))];
        }
        case 'secrets':
        case 'configs': {
          const map = section === 'secrets' ? this.swarm.secrets : this.swarm.configs;
          return [...map.values()]
            .filter((item) => matchesFilter(this.filter, item.Spec?.Name, item.ID))
            .sort((a, b) => (a.Spec?.Name ?? '').localeCompare(b.Spec?.Name ?? ''))
            .map((item) => this.node(section === 'secrets' ? 'secret' : 'config', item.ID, node));
        }
      }
    }
    if (node.kind === 'group' && node.id.startsWith('stack:')) {
      const stack = node.id.slice('stack:'.length);
      return this.visibleServices().filter((s) => stackOf(s) === stack).sort((a, b) => serviceName(a).localeCompare(serviceName(b))).map((s) => this.node('service', s.ID, node));
    }
    if (node.kind === 'service') {
      for (const task of this.swarm.tasksOf(node.id)) {
        const container = task.Status?.ContainerStatus?.ContainerID;
        if (container) this.containerServices.set(container, node.id);
      }
      return sortTasks(this.swarm.tasksOf(node.id)).map((t) => this.node('task', t.ID, node));
    }
    return [];
  }

  private visibleServices() {
    return [...this.swarm.services.values()].filter((s) => matchesFilter(this.filter, serviceName(s), serviceImage(s), stackOf(s), s.ID));
  }

  protected render(node: TreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'group': return node.id.startsWith('stack:') ? this.renderStack(node.id.slice('stack:'.length)) : this.renderSection(node.id.slice('section:'.length) as Section);
      case 'swarmNode': {
        const swarmNode = this.swarm.nodes.get(node.id);
        const item = new vscode.TreeItem(nodeName(swarmNode, node.id));
        if (!swarmNode) return item;
        item.description = nodeDescription(swarmNode, vscode.l10n);
        const ready = swarmNode.Status?.State === 'ready';
        item.iconPath = new vscode.ThemeIcon(swarmNode.ManagerStatus ? 'server-process' : 'server', ready ? new vscode.ThemeColor('testing.iconPassed') : new vscode.ThemeColor('problemsErrorIcon.foreground'));
        item.tooltip = [nodeName(swarmNode), swarmNode.Status?.Addr, swarmNode.Status?.Message, swarmNode.ID].filter(Boolean).join('\n');
        item.contextValue = `swarmNode:${swarmNode.Spec?.Role ?? 'worker'}`;
        return item;
      }
      case 'service': {
        const service = this.swarm.services.get(node.id);
        const item = new vscode.TreeItem(service ? serviceName(service) : node.id, vscode.TreeItemCollapsibleState.Collapsed);
        if (!service) return item;
        const tasks = this.swarm.tasksOf(service.ID);
        const live = this.swarm.liveTasks();
        const { running, desired } = replicaCounts(service, tasks, live);
        item.description = serviceDescription(service, tasks, vscode.l10n, live);
        item.tooltip = serviceTooltip(service, tasks, vscode.l10n, live);
        const updating = service.UpdateStatus?.State === 'updating' || service.UpdateStatus?.State === 'rollback_started';
        item.iconPath = updating
          ? new vscode.ThemeIcon('sync~spin', new vscode.ThemeColor('problemsWarningIcon.foreground'))
          : new vscode.ThemeIcon('symbol-constructor', running >= desired && desired > 0 ? new vscode.ThemeColor('testing.iconPassed') : running < desired ? new vscode.ThemeColor('problemsWarningIcon.foreground') : undefined);
        item.contextValue = `swarmService:${serviceMode(service)}${service.PreviousSpec ? ':rollback' : ''}`;
        return item;
      }
      case 'task': {
        const task = this.swarm.tasks.get(node.id);
        if (!task) return new vscode.TreeItem(node.id);
        const item = new vscode.TreeItem(taskLabel(task, task.ServiceID ? this.swarm.services.get(task.ServiceID) : undefined));
        const live = this.swarm.liveTasks();
        item.description = taskDescription(task, task.NodeID ? this.swarm.nodes.get(task.NodeID) : undefined, live);
        const state = taskState(task, live);
        item.iconPath = new vscode.ThemeIcon(
          taskIsFailed(task) ? 'error' : state === 'running' ? 'vm-running' : 'vm-outline',
          taskIsFailed(task) ? new vscode.ThemeColor('problemsErrorIcon.foreground') : state === 'running' ? new vscode.ThemeColor('testing.iconPassed') : undefined,
        );
        item.tooltip = [taskLabel(task, task.ServiceID ? this.swarm.services.get(task.ServiceID) : undefined), task.Status?.Message, task.Status?.Err, task.Spec?.ContainerSpec?.Image, task.ID].filter(Boolean).join('\n');
        item.contextValue = 'swarmTask';
        return item;
      }
      case 'secret':
      case 'config': {
        const entry = (node.kind === 'secret' ? this.swarm.secrets : this.swarm.configs).get(node.id);
        const item = new vscode.TreeItem(entry?.Spec?.Name ?? node.id);
        if (entry) item.description = secretDescription(entry, vscode.l10n);
        item.iconPath = new vscode.ThemeIcon(node.kind === 'secret' ? 'key' : 'file-code');
        item.tooltip = node.kind === 'secret'
          ? vscode.l10n.t('Secret {0}: its value is never read or shown here.', entry?.Spec?.Name ?? node.id)
          : vscode.l10n.t('Config {0}', entry?.Spec?.Name ?? node.id);
        item.contextValue = node.kind === 'secret' ? 'swarmSecret' : 'swarmConfig';
        return item;
      }
      default:
        return detailItem(node);
    }
  }

  private renderSection(section: Section): vscode.TreeItem {
    const titles: Record<Section, string> = {
      nodes: vscode.l10n.t('Nodes'),
      services: vscode.l10n.t('Services'),
      secrets: vscode.l10n.t('Secrets'),
      configs: vscode.l10n.t('Configs'),
    };
    const count = { nodes: this.swarm.nodes.size, services: this.swarm.services.size, secrets: this.swarm.secrets.size, configs: this.swarm.configs.size }[section];
    const item = new vscode.TreeItem(titles[section], section === 'nodes' || section === 'services' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    item.description = String(count);
    item.iconPath = new vscode.ThemeIcon({ nodes: 'server-environment', services: 'layers', secrets: 'lock', configs: 'settings' }[section]);
    item.contextValue = `swarmSection:${section}`;
    return item;
  }

  private renderStack(stack: string): vscode.TreeItem {
    const services = [...this.swarm.services.values()].filter((s) => stackOf(s) === stack);
    const item = new vscode.TreeItem(stack, vscode.TreeItemCollapsibleState.Expanded);
    const tasks = [...this.swarm.tasks.values()];
    const live = this.swarm.liveTasks();
    const healthy = services.filter((s) => {
      const { running, desired } = replicaCounts(s, tasks, live);
      return running >= desired;
    }).length;
    item.description = vscode.l10n.t('stack · {0} of {1} services at their replica count', healthy, services.length);
    item.iconPath = new vscode.ThemeIcon('layers', healthy === services.length ? new vscode.ThemeColor('testing.iconPassed') : new vscode.ThemeColor('problemsWarningIcon.foreground'));
    item.contextValue = 'swarmStack';
    item.tooltip = vscode.l10n.t('Stack {0}: the services deployed together with docker stack deploy (label com.docker.stack.namespace).', stack);
    return item;
  }

  /**
   * The engine model's objects do not show here (its connection state does, in the base class),
   * except the containers of swarm tasks on this engine: their state shows in their service's.
   */
  protected affected(change: ModelChange): TreeNode[] | 'all' {
    if (change.kind !== 'container' || change.id === undefined) return [];
    const serviceId = this.model.containers.get(change.id)?.Labels?.[SWARM_SERVICE_ID] ?? this.containerServices.get(change.id);
    if (!serviceId) return [];
    const nodes = this.shownNodes('service', serviceId);
    return [...nodes, ...nodes.map((n) => n.parent).filter((p): p is TreeNode => Boolean(p))];
  }

  private onSwarmChange(change: SwarmChange): void {
    // Menus and the welcome content key on the role, also while the view is hidden.
    if (change.kind === 'state') void vscode.commands.executeCommand('setContext', 'dockerWorkbench.swarm.role', this.role);
    if (change.kind === 'state' || change.id === undefined) {
      this.scheduleRefreshAll();
      return;
    }
    if (this.refreshScheduled) return;
    // One object changed: its nodes (a service also shows in its stack's count), else regroup.
    const nodes = this.shownNodes(change.kind === 'node' ? 'swarmNode' : change.kind, change.id);
    if (nodes.length === 0) return this.scheduleRefreshAll();
    const parents = nodes.map((n) => n.parent).filter((p): p is TreeNode => Boolean(p));
    this.refreshNodes([...nodes, ...parents]);
  }

  private scheduleRefreshAll(): void {
    if (this.refreshScheduled) return;
    this.refreshScheduled = true;
    setImmediate(() => {
      this.refreshScheduled = false;
      this.refreshAll();
    });
  }
}
