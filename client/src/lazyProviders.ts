// Stand-ins registered at activation for what lives in the features bundle (dist/features.js):
// VS Code needs a provider for every view, scheme and task type as soon as the extension is
// active, but the code behind most of them is needed much later, if ever. Each stand-in asks for
// the real provider (which loads the bundle) the first time VS Code calls it, and forwards its
// change events from then on.
import * as vscode from 'vscode';

/** A tree view whose data provider is created the first time VS Code asks for rows. */
export class LazyTreeDataProvider<T> implements vscode.TreeDataProvider<T>, ViewHost<T>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<T | T[] | undefined | null | void>();
  readonly onDidChangeTreeData = this.emitter.event;
  private target: vscode.TreeDataProvider<T> | undefined;
  private forwarding: vscode.Disposable | undefined;
  readonly view: vscode.TreeView<T>;

  /**
   * `ready`, when given, is awaited before the first load: a view shown beside the explorer's can
   * wait until the engine's first lists are in, so loading its code does not delay their rows.
   */
  constructor(
    id: string,
    options: Omit<vscode.TreeViewOptions<T>, 'treeDataProvider'>,
    private readonly load: () => void,
    private readonly ready?: () => Promise<void>,
  ) {
    this.view = vscode.window.createTreeView(id, { ...options, treeDataProvider: this });
  }

  /** Called by the features bundle when it creates the real provider. */
  attach(target: vscode.TreeDataProvider<T>): void {
    this.target = target;
    this.forwarding = target.onDidChangeTreeData?.((e) => this.emitter.fire(e));
    this.emitter.fire(undefined);
  }

  private real(): vscode.TreeDataProvider<T> {
    if (!this.target) this.load();
    if (!this.target) throw new Error(`no provider for the view ${this.view.title ?? ''}`);
    return this.target;
  }

  getTreeItem(element: T): vscode.TreeItem | Thenable<vscode.TreeItem> {
    return this.real().getTreeItem(element);
  }

  getChildren(element?: T): vscode.ProviderResult<T[]> {
    if (!this.target && this.ready) return this.ready().then(() => this.real().getChildren(element));
    return this.real().getChildren(element);
  }

  getParent(element: T): vscode.ProviderResult<T> {
    return this.real().getParent?.(element);
  }

  resolveTreeItem(item: vscode.TreeItem, element: T, token: vscode.CancellationToken): vscode.ProviderResult<vscode.TreeItem> {
    const real = this.real();
    return real.resolveTreeItem ? real.resolveTreeItem(item, element, token) : item;
  }

  dispose(): void {
    this.forwarding?.dispose();
    this.emitter.dispose();
    this.view.dispose();
  }
}

/** Forwards an event of a provider that does not exist yet, from the moment it does. */
class LaterEvent<E> implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<E>();
  readonly event = this.emitter.event;
  private forwarding: vscode.Disposable | undefined;

  follow(source: vscode.Event<E> | undefined): void {
    if (!this.forwarding && source) this.forwarding = source((e) => this.emitter.fire(e));
  }

  dispose(): void {
    this.forwarding?.dispose();
    this.emitter.dispose();
  }
}

/** A read-only document scheme (logs, inspect, top): content and code lenses from the real provider. */
export function lazyDocumentScheme(
  scheme: string,
  get: () => vscode.TextDocumentContentProvider & Partial<vscode.CodeLensProvider>,
  options: { codeLenses?: boolean } = {},
): vscode.Disposable {
  const changes = new LaterEvent<vscode.Uri>();
  const lensChanges = new LaterEvent<void>();
  const real = () => {
    const provider = get();
    changes.follow(provider.onDidChange);
    lensChanges.follow(provider.onDidChangeCodeLenses);
    return provider;
  };
  const registrations = [
    changes,
    lensChanges,
    vscode.workspace.registerTextDocumentContentProvider(scheme, {
      onDidChange: changes.event,
      provideTextDocumentContent: (uri, token) => real().provideTextDocumentContent(uri, token),
    }),
  ];
  if (options.codeLenses) {
    registrations.push(vscode.languages.registerCodeLensProvider({ scheme }, {
      onDidChangeCodeLenses: lensChanges.event,
      provideCodeLenses: (document, token) => real().provideCodeLenses?.(document, token),
      resolveCodeLens: (lens, token) => {
        const provider = real();
        return provider.resolveCodeLens ? provider.resolveCodeLens(lens, token) : lens;
      },
    }));
  }
  return vscode.Disposable.from(...registrations);
}

/** A file system scheme (files inside containers), served by the real provider. */
export function lazyFileSystem(scheme: string, get: () => vscode.FileSystemProvider, options: { isCaseSensitive?: boolean }): vscode.Disposable {
  const changes = new LaterEvent<vscode.FileChangeEvent[]>();
  const real = () => {
    const provider = get();
    changes.follow(provider.onDidChangeFile);
    return provider;
  };
  const provider: vscode.FileSystemProvider = {
    onDidChangeFile: changes.event,
    watch: (uri, watchOptions) => real().watch(uri, watchOptions),
    stat: (uri) => real().stat(uri),
    readDirectory: (uri) => real().readDirectory(uri),
    createDirectory: (uri) => real().createDirectory(uri),
    readFile: (uri) => real().readFile(uri),
    writeFile: (uri, content, writeOptions) => real().writeFile(uri, content, writeOptions),
    delete: (uri, deleteOptions) => real().delete(uri, deleteOptions),
    rename: (oldUri, newUri, renameOptions) => real().rename(oldUri, newUri, renameOptions),
  };
  return vscode.Disposable.from(changes, vscode.workspace.registerFileSystemProvider(scheme, provider, options));
}

/** A task type (docker-build, docker-compose, docker-run), provided and resolved by the real provider. */
export function lazyTaskProvider(type: string, get: () => vscode.TaskProvider): vscode.Disposable {
  return vscode.tasks.registerTaskProvider(type, {
    provideTasks: (token) => get().provideTasks(token),
    resolveTask: (task, token) => get().resolveTask(task, token),
  });
}

/** Where a view's real provider plugs in: the tree view the composition root created for it. */
export interface ViewHost<T> {
  readonly view: vscode.TreeView<T>;
  attach(provider: vscode.TreeDataProvider<T>): void;
}
