// The Compose view: projects (from the workspace's compose files and from running containers'
// labels) → services → containers, with their state. Services come from the CLI's own reading of
// the files (`config --services`), so profiles, overrides and .env behave exactly as for `up`.
// In Restricted Mode nothing runs: the view shows the projects its containers' labels name, their
// services from the same labels, and an item saying that trusting the folder lists the files'.
// A project's services as the CLI last listed them are kept (workspaceState) while its files are
// unchanged, so a new session draws them at once; in a first session, plain files are read for
// them. The CLI still runs and corrects them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ContainerSummary } from '../engine/dockerEngine';
import type { ActiveEngine } from '../engine/activeEngine';
import type { EngineModel, ModelChange } from '../model/engineModel';
import { run } from '../build/dockerCli';
import { COMPOSE_PROJECT, COMPOSE_SERVICE, containerIcon, containerName } from '../views/containerPresentation';
import { onDidChangeRememberedComposeCli, rememberedComposeCli, type ComposeCli } from './composeCli';
import { findComposeProjects, readSmallFile, COMPOSE_GLOB } from './composeFiles';
import { composeArgs, servicesInFiles, type ComposeProject } from './composeProject';
import type { ViewHost } from '../lazyProviders';

export type ComposeNode =
  | { kind: 'project'; key: string; project: ComposeProject }
  | { kind: 'service'; key: string; project: ComposeProject; service: string }
  | { kind: 'container'; key: string; project: ComposeProject; service: string; id: string }
  | { kind: 'message'; key: string; text: string };

export class ComposeView implements vscode.TreeDataProvider<ComposeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ComposeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [];
  /** `config --services` per project key, until its files change. */
  private readonly services = new Map<string, Promise<string[]>>();
  private projects: Promise<ComposeProject[]> | undefined;
  /** Whether the top level was answered once (the welcome content waits for it, see getChildren). */
  private answered = false;
  /** Ids of the containers in a compose project (by label), kept current per event. */
  private readonly composeIds = new Set<string>();
  private byProject: Map<string, ContainerSummary[]> | undefined;

  constructor(private readonly model: EngineModel, private readonly active: ActiveEngine, private readonly state?: vscode.Memento) {
    const watcher = vscode.workspace.createFileSystemWatcher(COMPOSE_GLOB);
    const changed = () => this.refresh();
    this.disposables.push(
      watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed),
      vscode.workspace.onDidGrantWorkspaceTrust(changed),
      onDidChangeRememberedComposeCli(changed),
      { dispose: model.onDidChange((c) => this.onModelChange(c)).dispose },
    );
    this.noteComposeContainers();
  }

  /**
   * Containers change one event at a time: only those of a compose project (now or before) show
   * here, so the others (most, on a big engine) do not make VS Code ask for this whole tree again.
   */
  private onModelChange(change: ModelChange): void {
    if (change.kind === 'state' || (change.kind === 'container' && change.id === undefined)) {
      this.noteComposeContainers();
    } else if (change.kind === 'container' && change.id !== undefined) {
      const inProject = !!this.model.containers.get(change.id)?.Labels?.[COMPOSE_PROJECT];
      const wasInProject = this.composeIds.has(change.id);
      if (!inProject && !wasInProject) return;
      if (inProject) this.composeIds.add(change.id);
      else this.composeIds.delete(change.id);
      this.byProject = undefined;
    } else {
      return;
    }
    this.emitter.fire(undefined);
  }

  private noteComposeContainers(): void {
    this.byProject = undefined;
    this.composeIds.clear();
    for (const c of this.model.containers.values()) if (c.Labels?.[COMPOSE_PROJECT]) this.composeIds.add(c.Id);
  }

  /** The containers of each project, made once after a change (rows read it instead of every container each). */
  private containersByProject(): Map<string, ContainerSummary[]> {
    if (!this.byProject) {
      this.byProject = new Map();
      for (const id of this.composeIds) {
        const c = this.model.containers.get(id);
        const name = c?.Labels?.[COMPOSE_PROJECT];
        if (!c || !name) continue;
        let list = this.byProject.get(name);
        if (!list) this.byProject.set(name, (list = []));
        list.push(c);
      }
    }
    return this.byProject;
  }

  /** Plugs into the tree view the composition root created at activation. */
  register(host: ViewHost<ComposeNode>): vscode.TreeView<ComposeNode> {
    host.attach(this);
    return host.view;
  }

  refresh(): void {
    this.projects = undefined;
    this.services.clear();
    this.emitter.fire(undefined);
  }

  /** Every project: the workspace's files, plus projects only running containers know of. */
  async allProjects(): Promise<ComposeProject[]> {
    this.projects ??= (async () => {
      // Restricted Mode: neither the CLI (to detect it) nor the files' projects; labels only.
      let fromFiles: ComposeProject[] = [];
      if (vscode.workspace.isTrusted) {
        const env = { ...process.env, ...this.active.cliEnv };
        // The files are searched for while the CLI (whose flavor decides the names) is found out.
        fromFiles = await findComposeProjects(rememberedComposeCli(env).then((cli) => cli?.flavor ?? 'v2'), env);
      }
      const known = new Set(fromFiles.map((p) => p.name));
      const fromLabels = new Map<string, ComposeProject>();
      for (const members of this.containersByProject().values()) {
        const c = members[0]!;
        const name = c.Labels[COMPOSE_PROJECT];
        if (!name || known.has(name) || fromLabels.has(name)) continue;
        const folder = c.Labels['com.docker.compose.project.working_dir'] ?? '';
        const files = (c.Labels['com.docker.compose.project.config_files'] ?? '').split(',').filter(Boolean).map((f) => (f.startsWith('/') ? f : `${folder}/${f}`));
        // Known only by its label: act on exactly that project, whatever its files would name it.
        fromLabels.set(name, { name, folder, files, chosenName: name, fromLabels: true });
      }
      return [...fromFiles, ...fromLabels.values()];
    })();
    return this.projects;
  }

  containersOf(project: ComposeProject, service?: string): ContainerSummary[] {
    const members = this.containersByProject().get(project.name) ?? [];
    return service ? members.filter((c) => c.Labels[COMPOSE_SERVICE] === service) : [...members];
  }

  /**
   * The project's services as the CLI reads its files; the running ones when it cannot, in
   * Restricted Mode, and for projects known only from labels (their file paths came from
   * container labels, which an image can set: they are not handed to the CLI just to draw a tree).
   * When the CLI listed them in an earlier session and the files have not changed since, that list
   * answers at once; the CLI runs anyway, and a different list redraws the view.
   */
  servicesOf(project: ComposeProject): Promise<string[]> {
    const key = projectKey(project);
    let services = this.services.get(key);
    if (!services) {
      const fromContainers = () => new Set(this.containersOf(project).map((c) => c.Labels[COMPOSE_SERVICE]!).filter(Boolean));
      const withRunning = (listed: string[]) => [...new Set([...listed, ...fromContainers()])].sort();
      if (project.files.length === 0 || project.fromLabels || !vscode.workspace.isTrusted) {
        services = Promise.resolve([...fromContainers()].sort());
      } else {
        const stamp = filesStamp(project);
        // What the last session listed; else, in a first session, what the files plainly say.
        const remembered = this.rememberedServices(key, stamp) ?? servicesInFiles(project, readSmallFile);
        const listing = this.listServices(project).then((listed) => {
          if (listed) this.rememberServices(key, stamp, listed);
          return listed;
        });
        if (remembered) {
          services = Promise.resolve(withRunning(remembered));
          void listing.then((listed) => {
            if (!listed || sameList(listed, remembered) || this.services.get(key) !== services) return;
            this.services.set(key, Promise.resolve(withRunning(listed)));
            this.emitter.fire(undefined);
          });
        } else {
          services = listing.then((listed) => withRunning(listed ?? []));
        }
      }
      this.services.set(key, services);
    }
    return services;
  }

  /** `config --services`, or undefined when there is no CLI or it failed. */
  private async listServices(project: ComposeProject): Promise<string[] | undefined> {
    const env = { ...process.env, ...this.active.cliEnv };
    const cli: ComposeCli | undefined = await rememberedComposeCli(env);
    if (!cli) return undefined;
    try {
      const result = await run(cli.command, [...cli.prefix, ...composeArgs(project, 'config', {}, cli.flavor), '--services'], env);
      return result.code === 0 ? result.stdout.split('\n').map((s) => s.trim()).filter(Boolean) : undefined;
    } catch {
      // a name the CLI would read as an option: list what runs
      return undefined;
    }
  }

  private rememberedServices(key: string, stamp: string): string[] | undefined {
    const entry = this.state?.get<Record<string, RememberedServices>>(SERVICES_KEY)?.[key];
    return entry && entry.stamp === stamp && Array.isArray(entry.services) ? entry.services : undefined;
  }

  private rememberServices(key: string, stamp: string, services: string[]): void {
    if (!this.state) return;
    const all = { ...this.state.get<Record<string, RememberedServices>>(SERVICES_KEY) };
    delete all[key];
    all[key] = { stamp, services };
    // The newest entries are kept: a workspace has a few projects, not hundreds.
    const keys = Object.keys(all);
    for (const old of keys.slice(0, Math.max(0, keys.length - MAX_REMEMBERED_PROJECTS))) delete all[old];
    void this.state.update(SERVICES_KEY, all);
  }

  async getChildren(node?: ComposeNode): Promise<ComposeNode[]> {
    if (!node) {
      let projects: ComposeProject[];
      try {
        projects = await this.allProjects();
      } finally {
        // Trusted with no project: no item, so the view's welcome content (package.json viewsWelcome)
        // explains compose. It says there is none, so it waits for the first answer: while the view
        // is still loading (the engine's first lists, this bundle) it would be wrong.
        if (!this.answered) {
          this.answered = true;
          await vscode.commands.executeCommand('setContext', 'dockerWorkbench.compose.answered', true);
        }
      }
      const nodes: ComposeNode[] = projects.map((project) => ({ kind: 'project', key: projectKey(project), project }));
      if (!vscode.workspace.isTrusted) nodes.push({ kind: 'message', key: 'restricted', text: vscode.l10n.t('Restricted Mode: trust this folder to list the services of its compose files (reading them runs the compose CLI).') });
      return nodes;
    }
    if (node.kind === 'project') {
      return (await this.servicesOf(node.project)).map((service) => ({ kind: 'service', key: `${node.key}/${service}`, project: node.project, service }));
    }
    if (node.kind === 'service') {
      return this.containersOf(node.project, node.service).map((c) => ({ kind: 'container', key: `${node.key}/${c.Id}`, project: node.project, service: node.service, id: c.Id }));
    }
    return [];
  }

  getTreeItem(node: ComposeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'message': {
        const item = new vscode.TreeItem(node.text);
        item.id = node.key;
        item.iconPath = new vscode.ThemeIcon('shield');
        item.tooltip = node.text;
        if (node.key === 'restricted') item.command = { title: vscode.l10n.t('Manage Workspace Trust'), command: 'workbench.trust.manage' };
        return item;
      }
      case 'project': {
        const containers = this.containersOf(node.project);
        const running = containers.filter((c) => c.State === 'running').length;
        const item = new vscode.TreeItem(node.project.name, vscode.TreeItemCollapsibleState.Expanded);
        item.id = node.key;
        item.description = [
          node.project.files.length ? node.project.files.map((f) => vscode.workspace.asRelativePath(f)).join(' + ') : vscode.l10n.t('(running, no file in this workspace)'),
          containers.length ? vscode.l10n.t('{0} of {1} running', running, containers.length) : vscode.l10n.t('not running'),
        ].join(' · ');
        item.iconPath = new vscode.ThemeIcon('layers', running ? new vscode.ThemeColor('testing.iconPassed') : undefined);
        item.contextValue = `composeProject:${running ? 'running' : 'stopped'}${node.project.files.length ? ':file' : ''}`;
        item.tooltip = [node.project.folder, ...node.project.files].join('\n');
        return item;
      }
      case 'service': {
        const containers = this.containersOf(node.project, node.service);
        const running = containers.filter((c) => c.State === 'running').length;
        const item = new vscode.TreeItem(node.service, containers.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
        item.id = node.key;
        item.description = containers.length ? containers.map((c) => c.Status).join(', ') : vscode.l10n.t('not created');
        item.iconPath = new vscode.ThemeIcon(running ? 'vm-running' : 'vm-outline', running ? new vscode.ThemeColor('testing.iconPassed') : undefined);
        item.contextValue = `composeService:${running ? 'running' : containers.length ? 'stopped' : 'absent'}${node.project.files.length ? ':file' : ''}`;
        return item;
      }
      case 'container': {
        const container = this.model.containers.get(node.id);
        const item = new vscode.TreeItem(container ? containerName(container) : node.id);
        item.id = node.key;
        if (container) {
          item.description = `${container.Image} · ${container.Status}`;
          const icon = containerIcon(container);
          item.iconPath = new vscode.ThemeIcon(icon.name, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
        }
        item.contextValue = `composeContainer:${container?.State ?? 'gone'}`;
        return item;
      }
    }
  }

  dispose(): void {
    this.emitter.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

const SERVICES_KEY = 'compose.services';
const MAX_REMEMBERED_PROJECTS = 50;

interface RememberedServices {
  /** The files (and .env) as they were: path, size and modification time. */
  stamp: string;
  services: string[];
}

/** What the files a project's services come from look like now; a change to any makes a new stamp. */
function filesStamp(project: ComposeProject): string {
  return JSON.stringify([...project.files, path.join(project.folder, '.env')].map((file) => {
    try {
      const stat = fs.statSync(file);
      return [file, stat.size, stat.mtimeMs];
    } catch {
      return [file];
    }
  }));
}

/** The same services, in any order (the view sorts them). */
function sameList(a: readonly string[], b: readonly string[]): boolean {
  const sorted = [...b].sort();
  return a.length === b.length && [...a].sort().every((x, i) => x === sorted[i]);
}

export function projectKey(project: ComposeProject): string {
  return `${project.name}|${project.files.join(',') || project.folder}`;
}
