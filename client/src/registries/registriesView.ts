// The Registries view: registries (from the docker config and added by the user) → repositories
// (the catalog; Docker Hub's from its web API) → tags, each with its size, platforms and digest
// from the manifest; a multi-platform tag expands into its platforms. Nothing is read until a
// node is expanded; tag details load a few at a time (at most the first 1,000 tags of a
// repository are listed) and each tag's row updates when its own arrive. Refresh (or a change of
// the docker config) reads everything again.
import * as vscode from 'vscode';
import type { DockerCredentials, CredentialStore } from '../engine/dockerCredentials';
import { dockerConfigFile } from '../engine/dockerConfigFile';
import { imageReference, type RegistryAddress } from '../engine/registryAddress';
import { formatBytes, escapeMarkdown } from '../views/format';
import { dockerHubRepositories } from './dockerHubRepositories';
import { formatPlatform, type IndexEntry, type ManifestSummary } from './manifest';
import { RegistryClient, engineCertificates, type Listing, type TagDetails } from './registryClient';
import { RegistryError } from './registryError';
import { httpRequest, type HttpClient } from './registryHttp';
import type { RegistryEntry, RegistryList } from './registryList';
import { registryErrorMessage } from './registryMessages';
import { platformsText, shortDigest, sortRepositories, sortTags } from './registryPresentation';

export interface RegistryItemNode { kind: 'registry'; key: string; host: string }
export interface RepositoryNode { kind: 'repository'; key: string; host: string; repository: string; parent: RegistryItemNode }
export interface TagNode { kind: 'tag'; key: string; host: string; repository: string; tag: string; parent: RepositoryNode }
export interface PlatformNode { kind: 'platform'; key: string; host: string; repository: string; tag: string; entry: IndexEntry; parent: TagNode }
export interface MessageNode {
  kind: 'message';
  key: string;
  text: string;
  detail?: string;
  icon: string;
  /** None for a message about the view as a whole. */
  parent?: RegistryItemNode | RepositoryNode;
  /** Clicking it logs in to this registry. */
  login?: RegistryItemNode;
}
export type RegistryNode = RegistryItemNode | RepositoryNode | TagNode | PlatformNode | MessageNode;

export interface LoginState {
  username?: string;
  identityToken: boolean;
  store: CredentialStore;
  /** Why the credentials could not be read (a helper that is not installed, say). */
  problem?: string;
}

type Loaded<T> = { state: 'pending' } | { state: 'done'; value: T } | { state: 'failed'; message: string };

/** Tag details are read this many at a time (each is a manifest and an image config). */
const CONCURRENT_DETAILS = 4;
const TAGS_SHOWN = 1000;

export class RegistriesView implements vscode.TreeDataProvider<RegistryNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<RegistryNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly nodes = new Map<string, RegistryNode>();
  private readonly clients = new Map<string, RegistryClient>();
  private readonly logins = new Map<string, Promise<LoginState>>();
  /** Login states already read (getTreeItem cannot wait). */
  private readonly settledLogins = new Map<string, LoginState>();
  private readonly details = new Map<string, Loaded<TagDetails | ManifestSummary>>();
  private readonly queue: Array<() => Promise<void>> = [];
  private running = 0;
  /** Bumped by every refresh, so answers to an older question are dropped. */
  private generation = 0;
  private readonly http: HttpClient;
  private readonly timeoutMs: number | undefined;

  constructor(readonly list: RegistryList, readonly credentials: DockerCredentials, options: { http?: HttpClient; timeoutMs?: number } = {}) {
    this.http = options.http ?? httpRequest;
    this.timeoutMs = options.timeoutMs;
  }

  register(): vscode.TreeView<RegistryNode> {
    const view = vscode.window.createTreeView('dockerWorkbench.registries', { treeDataProvider: this, showCollapseAll: true });
    // `docker login` in a terminal changes the config: show it without a Refresh.
    const configFile = vscode.Uri.file(dockerConfigFile());
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.joinPath(configFile, '..'), 'config.json'));
    const changed = () => this.refresh();
    this.disposables.push(view, watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed));
    return view;
  }

  /** Reads everything again: the list, the logins, and each expanded node's children. */
  refresh(): void {
    this.generation++;
    this.nodes.clear();
    this.clients.clear();
    this.logins.clear();
    this.settledLogins.clear();
    this.details.clear();
    this.queue.length = 0;
    this.emitter.fire(undefined);
  }

  entry(host: string): RegistryEntry | undefined {
    return this.list.find(host);
  }

  /** The API client of a registry in the view (one per registry, so tokens are reused). */
  client(address: RegistryAddress): RegistryClient {
    let client = this.clients.get(address.host);
    if (!client) {
      client = this.newClient(address);
      this.clients.set(address.host, client);
    }
    return client;
  }

  /** A client that shares nothing (a login being checked). */
  newClient(address: RegistryAddress): RegistryClient {
    return new RegistryClient(address, {
      credential: () => this.credentials.get(address),
      http: this.http,
      timeoutMs: this.timeoutMs,
      ca: engineCertificates(address.host),
    });
  }

  loginState(entry: RegistryEntry): Promise<LoginState> {
    let state = this.logins.get(entry.address.host);
    if (!state) {
      const store = this.credentials.storeFor(entry.address);
      const host = entry.address.host;
      state = this.credentials.get(entry.address).then(
        (c): LoginState => ({ username: c?.username || undefined, identityToken: Boolean(c?.identityToken), store }),
        (error: unknown): LoginState => ({ identityToken: false, store, problem: registryErrorMessage(error, entry.label) }),
      ).then((read) => {
        if (this.logins.get(host) === state) this.settledLogins.set(host, read);
        return read;
      });
      this.logins.set(entry.address.host, state);
    }
    return state;
  }

  /** The details of a tag (or of one platform of a multi-platform tag), once loaded. */
  detailsOf(node: RegistryNode): TagDetails | ManifestSummary | undefined {
    const loaded = this.details.get(node.key);
    return loaded?.state === 'done' ? loaded.value : undefined;
  }

  /** Why a tag's details could not be loaded, if they could not. */
  detailsProblem(node: RegistryNode): string | undefined {
    const loaded = this.details.get(node.key);
    return loaded?.state === 'failed' ? loaded.message : undefined;
  }

  /** The image reference a node stands for (`host/repository:tag`, or `@digest` for a platform). */
  referenceOf(node: RegistryNode): string | undefined {
    const address = node.kind === 'message' ? undefined : this.entry(node.host)?.address;
    if (!address) return undefined;
    if (node.kind === 'repository') return imageReference(address, node.repository, 'latest').replace(/:latest$/, '');
    if (node.kind === 'tag') return imageReference(address, node.repository, node.tag);
    if (node.kind === 'platform') return imageReference(address, node.repository, node.entry.digest);
    return undefined;
  }

  getParent(node: RegistryNode): RegistryNode | undefined {
    return node.kind === 'registry' ? undefined : node.parent;
  }

  async getChildren(node?: RegistryNode): Promise<RegistryNode[]> {
    if (!node) {
      const entries = this.list.entries();
      // Read the logins now, so the rows show who is logged in when they first appear.
      await Promise.all(entries.map((e) => this.loginState(e)));
      const nodes: RegistryNode[] = entries.map((e) => this.node<RegistryItemNode>({ kind: 'registry', key: `registry:${e.address.host}`, host: e.address.host }));
      // A docker config that cannot be read lists nothing; say why rather than look empty.
      const problem = this.credentials.read().problem;
      if (problem) nodes.unshift(this.node<MessageNode>({ kind: 'message', key: 'message:config', text: vscode.l10n.t('The docker config cannot be used: {0}', problem), icon: 'warning' }));
      return nodes;
    }
    switch (node.kind) {
      case 'registry': return this.repositoriesOf(node);
      case 'repository': return this.tagsOf(node);
      case 'tag': return this.platformsOf(node);
      default: return [];
    }
  }

  getTreeItem(node: RegistryNode): vscode.TreeItem {
    switch (node.kind) {
      case 'registry': return this.registryItem(node);
      case 'repository': {
        const item = new vscode.TreeItem(node.repository, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.key;
        item.iconPath = new vscode.ThemeIcon('repo');
        item.contextValue = 'registryRepository';
        item.tooltip = this.referenceOf(node);
        return item;
      }
      case 'tag': return this.tagItem(node);
      case 'platform': return this.platformItem(node);
      case 'message': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.id = node.key;
        item.iconPath = new vscode.ThemeIcon(node.icon);
        item.tooltip = node.detail ? `${node.text}\n\n${node.detail}` : node.text;
        if (node.login) item.command = { command: 'dockerWorkbench.registries.login', title: vscode.l10n.t('Log In'), arguments: [node.login] };
        return item;
      }
    }
  }

  private registryItem(node: RegistryItemNode): vscode.TreeItem {
    const entry = this.entry(node.host);
    const item = new vscode.TreeItem(entry?.label ?? node.host, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = node.key;
    item.iconPath = new vscode.ThemeIcon(entry?.address.isDockerHub ? 'cloud' : 'server');
    const login = this.settledLogins.get(node.host);
    const loggedIn = Boolean(login?.username || login?.identityToken);
    item.description = login?.problem
      ? vscode.l10n.t('credentials unreadable')
      : login?.username ? vscode.l10n.t('logged in as {0}', login.username)
        : login?.identityToken ? vscode.l10n.t('logged in (token)') : vscode.l10n.t('not logged in');
    const where = login?.store.kind === 'helper'
      ? vscode.l10n.t('Credentials: the credential helper "{0}" (docker-credential-{0}).', login.store.helper)
      : vscode.l10n.t('Credentials: {0}', login?.store.file ?? '');
    const source = [entry?.fromConfig ? vscode.l10n.t('in the docker config') : '', entry?.addedByUser ? vscode.l10n.t('added by you') : ''].filter(Boolean).join(', ');
    item.tooltip = [entry?.address.isDockerHub ? 'Docker Hub (docker.io)' : node.host, source, where, login?.problem ?? ''].filter(Boolean).join('\n');
    item.contextValue = `registry:${loggedIn ? 'loggedIn' : 'loggedOut'}${entry?.addedByUser ? ':added' : ''}`;
    return item;
  }

  private tagItem(node: TagNode): vscode.TreeItem {
    this.loadDetails(node);
    const loaded = this.details.get(node.key);
    const details = loaded?.state === 'done' ? (loaded.value as TagDetails) : undefined;
    const multi = details?.manifest.kind === 'index' && details.manifest.manifests.length > 0;
    const item = new vscode.TreeItem(node.tag, multi ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = node.key;
    item.iconPath = new vscode.ThemeIcon('tag');
    item.contextValue = 'registryTag';
    const reference = this.referenceOf(node) ?? node.tag;
    if (!loaded || loaded.state === 'pending') {
      item.description = '…';
      item.tooltip = reference;
      return item;
    }
    if (loaded.state === 'failed') {
      item.description = vscode.l10n.t('details unavailable');
      item.tooltip = `${reference}\n\n${loaded.message}`;
      return item;
    }
    const d = details!;
    const m = d.manifest;
    const platforms = m.kind === 'index' ? platformsText(m.platforms) : d.platform ? formatPlatform(d.platform) : m.platforms.length ? platformsText(m.platforms) : '';
    item.description = [m.size !== undefined ? formatBytes(m.size) : '', m.artifactType ?? platforms, shortDigest(d.digest)].filter(Boolean).join(' · ');
    const lines = [
      `**${escapeMarkdown(reference)}**`,
      '',
      `${vscode.l10n.t('Digest')}: \`${d.digest}\``,
      m.size !== undefined ? `${vscode.l10n.t('Size')}: ${formatBytes(m.size)} (${m.layers === 1 ? vscode.l10n.t('1 layer, compressed, as stored in the registry') : vscode.l10n.t('{0} layers, compressed, as stored in the registry', m.layers ?? 0)})` : '',
      m.kind === 'index' ? `${vscode.l10n.t('Platforms')}: ${escapeMarkdown(m.platforms.map(formatPlatform).join(', ') || '-')}` : d.platform ? `${vscode.l10n.t('Platform')}: ${escapeMarkdown(formatPlatform(d.platform))}` : '',
      m.attestations ? vscode.l10n.t('Attestations (provenance, SBOM): {0}', m.attestations) : '',
      m.artifactType ? `${vscode.l10n.t('Artifact type')}: \`${m.artifactType}\`` : '',
      d.created ? vscode.l10n.t('Created: {0}', escapeMarkdown(d.created)) : '',
      `${vscode.l10n.t('Media type')}: \`${m.mediaType}\``,
    ];
    item.tooltip = new vscode.MarkdownString(lines.filter((l, i) => l !== '' || i === 1).join('  \n'));
    return item;
  }

  private platformItem(node: PlatformNode): vscode.TreeItem {
    const label = node.entry.platform ? formatPlatform(node.entry.platform) : shortDigest(node.entry.digest);
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = node.key;
    item.iconPath = new vscode.ThemeIcon('vm');
    item.contextValue = 'registryPlatform';
    this.loadDetails(node);
    const loaded = this.details.get(node.key);
    const size = loaded?.state === 'done' ? (loaded.value as ManifestSummary).size : undefined;
    item.description = [size !== undefined ? formatBytes(size) : loaded?.state === 'pending' ? '…' : '', shortDigest(node.entry.digest)].filter(Boolean).join(' · ');
    item.tooltip = `${this.referenceOf(node) ?? ''}\n${node.entry.mediaType}`;
    return item;
  }

  private async repositoriesOf(node: RegistryItemNode): Promise<RegistryNode[]> {
    const entry = this.entry(node.host);
    if (!entry) return [];
    let listing: Listing;
    try {
      listing = entry.address.isDockerHub
        ? await dockerHubRepositories(await this.credentials.get(entry.address), this.http, this.timeoutMs ?? 15_000)
        : await this.client(entry.address).repositories();
    } catch (error) {
      return [this.problemNode(node, error, entry.label)];
    }
    const repositories: RegistryNode[] = sortRepositories(listing.items).map((repository) =>
      this.node<RepositoryNode>({ kind: 'repository', key: `${node.key}/repo:${repository}`, host: node.host, repository, parent: node }));
    if (repositories.length === 0) return [this.message(node, 'empty', vscode.l10n.t('No repositories yet. Push an image to {0} to see it here.', entry.label), 'info')];
    if (listing.truncated) repositories.push(this.message(node, 'more', vscode.l10n.t('Only the first {0} repositories are listed.', listing.items.length), 'info'));
    return repositories;
  }

  private async tagsOf(node: RepositoryNode): Promise<RegistryNode[]> {
    const entry = this.entry(node.host);
    if (!entry) return [];
    let listing: Listing;
    try {
      listing = await this.client(entry.address).tags(node.repository, TAGS_SHOWN);
    } catch (error) {
      return [this.problemNode(node, error, entry.label)];
    }
    const tags = sortTags(listing.items).map((tag) => this.node<TagNode>({ kind: 'tag', key: `${node.key}/tag:${tag}`, host: node.host, repository: node.repository, tag, parent: node }));
    if (tags.length === 0) return [this.message(node, 'empty', vscode.l10n.t('No tags: every tag of this repository was deleted.'), 'info')];
    for (const tag of tags) this.loadDetails(tag);
    const nodes: RegistryNode[] = tags;
    if (listing.truncated) nodes.push(this.message(node, 'more', vscode.l10n.t('Only the first {0} tags are listed.', listing.items.length), 'info'));
    return nodes;
  }

  private async platformsOf(node: TagNode): Promise<RegistryNode[]> {
    const entry = this.entry(node.host);
    const details = this.detailsOf(node) as TagDetails | undefined;
    if (!entry || details?.manifest.kind !== 'index') return [];
    return details.manifest.manifests.map((indexEntry) => {
      const platform = this.node<PlatformNode>({ kind: 'platform', key: `${node.key}/platform:${indexEntry.digest}`, host: node.host, repository: node.repository, tag: node.tag, entry: indexEntry, parent: node });
      this.loadDetails(platform);
      return platform;
    });
  }

  /**
   * Starts reading a tag's details (or a platform's manifest) unless they are read or being read.
   * Called when its row is listed and when it is drawn, so a refresh that dropped them reads them again.
   */
  private loadDetails(node: TagNode | PlatformNode): void {
    if (this.details.has(node.key)) return;
    const entry = this.entry(node.host);
    if (!entry) return;
    this.details.set(node.key, { state: 'pending' });
    const client = this.client(entry.address);
    this.enqueue(this.generation, node, node.kind === 'tag'
      ? () => client.tagDetails(node.repository, node.tag)
      : async () => (await client.manifest(node.repository, node.entry.digest)).manifest);
  }

  /** Runs detail reads a few at a time; each finished one re-renders its own row. */
  private enqueue(generation: number, node: RegistryNode, read: () => Promise<TagDetails | ManifestSummary>): void {
    this.queue.push(async () => {
      if (generation !== this.generation) return;
      let loaded: Loaded<TagDetails | ManifestSummary>;
      try {
        loaded = { state: 'done', value: await read() };
      } catch (error) {
        const label = node.kind === 'message' ? '' : this.entry(node.host)?.label ?? node.host;
        loaded = { state: 'failed', message: registryErrorMessage(error, label) };
      }
      if (generation !== this.generation) return;
      this.details.set(node.key, loaded);
      this.emitter.fire(node);
    });
    this.pump();
  }

  private pump(): void {
    while (this.running < CONCURRENT_DETAILS && this.queue.length > 0) {
      const work = this.queue.shift()!;
      this.running++;
      void work().finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private problemNode(parent: RegistryItemNode | RepositoryNode, error: unknown, label: string): RegistryNode {
    if (error instanceof RegistryError && error.kind === 'unsupported' && parent.kind === 'registry') {
      return this.message(parent, 'problem', vscode.l10n.t('This registry does not list its repositories.'), 'info', error.message);
    }
    const needsLogin = error instanceof RegistryError && error.kind === 'unauthorized';
    const detail = error instanceof Error ? error.message : String(error);
    return this.message(parent, 'problem', registryErrorMessage(error, label), needsLogin ? 'account' : 'error', detail, needsLogin ? (parent.kind === 'registry' ? parent : parent.parent) : undefined);
  }

  private message(parent: RegistryItemNode | RepositoryNode, id: string, text: string, icon: string, detail?: string, login?: RegistryItemNode): MessageNode {
    return this.node<MessageNode>({ kind: 'message', key: `${parent.key}/message:${id}`, text, icon, detail, parent, login });
  }

  /** One object per key: VS Code finds a row to update by the object it was given. */
  private node<T extends RegistryNode>(created: T): T {
    const existing = this.nodes.get(created.key);
    const same = existing && existing.kind === created.kind && (existing.kind !== 'message' || (existing.text === (created as MessageNode).text && existing.icon === (created as MessageNode).icon));
    if (same) return existing as T;
    this.nodes.set(created.key, created);
    return created;
  }

  dispose(): void {
    this.emitter.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
