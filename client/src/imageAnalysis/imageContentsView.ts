// The Image Contents view: the last image analysed, as a summary (size, efficiency, wasted
// bytes), its layers in history order (each with the instruction, the files it added, changed and
// removed, and the packages it installed), the final filesystem with sizes and what upper layers
// deleted or overwrote, the largest wasted paths, and the packages by ecosystem. Learners get an
// "Explain" hover on every layer. Folders list their largest entries first, capped.
import * as vscode from 'vscode';
import type { FsNode, LayerChange, WastedPath } from './layerFilesystem';
import type { ImageAnalysis } from './imageAnalysis';
import type { ImagePackage } from './imagePackages';
import type { PackageSource } from './packages';
import { changeTree, largestFirst, type ChangeDir } from './changeTree';
import { layerHoverExplanation } from './layerExplanation';
import { escapeMarkdown, formatBytes } from '../views/format';
import { layerInstruction } from '../views/imagePresentation';

/** Entries a folder lists before "… N more". */
export const MAX_CHILDREN = 500;

export type ContentsNode =
  | { kind: 'summary' }
  | { kind: 'explain' }
  | { kind: 'warnings' }
  | { kind: 'warning'; text: string }
  | { kind: 'layers' }
  | { kind: 'step'; step: number }
  | { kind: 'layerFiles'; layer: number }
  | { kind: 'changeDir'; layer: number; dir: ChangeDir }
  | { kind: 'change'; layer: number; change: LayerChange }
  | { kind: 'layerPackages'; layer: number; which: 'added' | 'removed' }
  | { kind: 'package'; pkg: ImagePackage; removed?: boolean }
  | { kind: 'filesystem' }
  | { kind: 'fs'; node: FsNode }
  | { kind: 'wasted' }
  | { kind: 'wastedPath'; item: WastedPath }
  | { kind: 'packages' }
  | { kind: 'ecosystem'; source: PackageSource }
  | { kind: 'more'; count: number; bytes: number; parent: string };

const SOURCE_LABELS: Record<PackageSource, string> = { dpkg: 'Debian (dpkg)', apk: 'Alpine (apk)', rpm: 'RPM', npm: 'npm', pypi: 'Python', golang: 'Go', maven: 'Java (Maven)' };

export function percent(ratio: number): string {
  return `${(Math.floor(ratio * 1000) / 10).toFixed(1)}%`;
}

export class ImageContentsView implements vscode.TreeDataProvider<ContentsNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ContentsNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private current: ImageAnalysis | undefined;
  private readonly changeTrees = new Map<number, ChangeDir>();
  private treeView: vscode.TreeView<ContentsNode> | undefined;
  /** Which layers (history indexes) can be followed to a Dockerfile line. */
  private linkedSteps = new Set<number>();

  get analysis(): ImageAnalysis | undefined {
    return this.current;
  }

  register(): vscode.TreeView<ContentsNode> {
    this.treeView = vscode.window.createTreeView('dockerWorkbench.imageContents', { treeDataProvider: this, showCollapseAll: true });
    return this.treeView;
  }

  show(analysis: ImageAnalysis, linkedSteps: Set<number>): void {
    this.current = analysis;
    this.linkedSteps = linkedSteps;
    this.changeTrees.clear();
    if (this.treeView) this.treeView.description = analysis.reference;
    void vscode.commands.executeCommand('setContext', 'dockerWorkbench.imageContents.analyzed', true);
    this.emitter.fire(undefined);
  }

  clear(): void {
    this.current = undefined;
    this.changeTrees.clear();
    if (this.treeView) this.treeView.description = undefined;
    void vscode.commands.executeCommand('setContext', 'dockerWorkbench.imageContents.analyzed', false);
    this.emitter.fire(undefined);
  }

  dispose(): void {
    this.emitter.dispose();
  }

  getParent(): undefined {
    return undefined;
  }

  getChildren(node?: ContentsNode): ContentsNode[] {
    const a = this.current;
    if (!a) return [];
    if (!node) {
      return [
        { kind: 'summary' },
        { kind: 'explain' },
        ...(a.warnings.length || a.skippedEntries ? [{ kind: 'warnings' } as const] : []),
        { kind: 'layers' },
        { kind: 'filesystem' },
        ...(a.wastedPaths.length ? [{ kind: 'wasted' } as const] : []),
        { kind: 'packages' },
      ];
    }
    switch (node.kind) {
      case 'warnings':
        return [...a.warnings, ...(a.skippedEntries ? [vscode.l10n.t('{0} more files were not listed: the image has more than the analysis keeps.', a.skippedEntries)] : [])].map((text) => ({ kind: 'warning', text }));
      case 'layers':
        return a.history.length ? a.history.map((_, step) => ({ kind: 'step', step })) : a.layers.map((l) => ({ kind: 'step', step: -1 - l.index }));
      case 'step': {
        const layer = this.layerOfStep(node.step);
        if (layer === undefined) return [];
        const l = a.layers[layer]!;
        return [
          { kind: 'layerFiles', layer },
          ...(l.packages.added.length ? [{ kind: 'layerPackages', layer, which: 'added' } as const] : []),
          ...(l.packages.removed.length ? [{ kind: 'layerPackages', layer, which: 'removed' } as const] : []),
        ];
      }
      case 'layerFiles':
        return this.dirChildren(node.layer, this.changeTreeOf(node.layer));
      case 'changeDir':
        return this.dirChildren(node.layer, node.dir);
      case 'layerPackages': {
        const list = a.layers[node.layer]!.packages[node.which];
        return list.map((pkg) => ({ kind: 'package', pkg, removed: node.which === 'removed' }));
      }
      case 'filesystem':
        return this.fsChildren(a.root);
      case 'fs':
        return this.fsChildren(node.node);
      case 'wasted':
        return a.wastedPaths.map((item) => ({ kind: 'wastedPath', item }));
      case 'packages': {
        const sources = [...new Set(a.packages.map((p) => p.source))];
        return sources.map((source) => ({ kind: 'ecosystem', source }));
      }
      case 'ecosystem':
        return a.packages.filter((p) => p.source === node.source).map((pkg) => ({ kind: 'package', pkg }));
      default:
        return [];
    }
  }

  /** The layer index a history step made (steps without a layer: undefined). Negative steps stand for layers without history. */
  layerOfStep(step: number): number | undefined {
    if (step < 0) return -1 - step;
    return this.current?.history[step]?.layer;
  }

  private changeTreeOf(layer: number): ChangeDir {
    let tree = this.changeTrees.get(layer);
    if (!tree) {
      tree = changeTree(this.current!.layers[layer]!.changes);
      this.changeTrees.set(layer, tree);
    }
    return tree;
  }

  private dirChildren(layer: number, dir: ChangeDir): ContentsNode[] {
    type Item = { size: number; name: string; node: ContentsNode };
    const items: Item[] = [
      ...[...dir.dirs.values()].map((d) => ({ size: d.size, name: d.name, node: { kind: 'changeDir', layer, dir: d } as ContentsNode })),
      ...dir.files.map((change) => ({ size: change.size, name: change.path, node: { kind: 'change', layer, change } as ContentsNode })),
    ];
    return this.capped(items, dir.path);
  }

  private fsChildren(node: FsNode): ContentsNode[] {
    const items = [...(node.children?.values() ?? [])]
      .filter((n) => n.current || n.wasted > 0 || n.past?.length)
      .map((n) => ({ size: n.size + n.wasted, name: n.name, node: { kind: 'fs', node: n } as ContentsNode }));
    return this.capped(items, node.path);
  }

  private capped(items: Array<{ size: number; name: string; node: ContentsNode }>, parent: string): ContentsNode[] {
    const { shown, rest } = largestFirst(items, (i) => i.size, (i) => i.name, MAX_CHILDREN);
    const nodes = shown.map((i) => i.node);
    if (rest) nodes.push({ kind: 'more', count: rest.count, bytes: rest.bytes, parent });
    return nodes;
  }

  getTreeItem(node: ContentsNode): vscode.TreeItem {
    const a = this.current!;
    const collapsed = vscode.TreeItemCollapsibleState.Collapsed;
    const none = vscode.TreeItemCollapsibleState.None;
    switch (node.kind) {
      case 'summary': {
        const item = new vscode.TreeItem(a.reference, none);
        item.description = vscode.l10n.t('{0} · efficiency {1} · {2} wasted', formatBytes(a.totalBytes), percent(a.efficiency), formatBytes(a.wastedBytes));
        item.iconPath = new vscode.ThemeIcon('package');
        const md = new vscode.MarkdownString();
        md.appendMarkdown(`**${escapeMarkdown(a.reference)}**\n\n`);
        md.appendMarkdown([
          vscode.l10n.t('Stored in the layers: {0}', formatBytes(a.totalBytes)),
          vscode.l10n.t('Seen in the final filesystem: {0}', formatBytes(a.visibleBytes)),
          vscode.l10n.t('Wasted (deleted or overwritten by a later layer): {0}', formatBytes(a.wastedBytes)),
          vscode.l10n.t('Efficiency: {0}', percent(a.efficiency)),
          vscode.l10n.t('{0} layers, {1} packages', a.layers.length, a.packages.length),
          ...(a.os?.prettyName ? [a.os.prettyName] : []),
        ].map((l) => `- ${l}`).join('\n'));
        item.tooltip = md;
        item.contextValue = 'imageContentsSummary';
        return item;
      }
      case 'explain': {
        const item = new vscode.TreeItem(vscode.l10n.t('What is a layer?'), none);
        item.iconPath = new vscode.ThemeIcon('question');
        item.tooltip = new vscode.MarkdownString(layerHoverExplanation());
        item.command = { command: 'dockerWorkbench.imageContents.explain', title: vscode.l10n.t('Explain Layers') };
        return item;
      }
      case 'warnings': {
        const item = new vscode.TreeItem(vscode.l10n.t('Not everything could be read'), collapsed);
        item.iconPath = new vscode.ThemeIcon('warning');
        return item;
      }
      case 'warning': {
        const item = new vscode.TreeItem(node.text, none);
        item.tooltip = node.text;
        return item;
      }
      case 'layers': {
        const item = new vscode.TreeItem(vscode.l10n.t('Layers'), vscode.TreeItemCollapsibleState.Expanded);
        item.description = vscode.l10n.t('{0} layers, {1} steps', a.layers.length, a.history.length);
        item.iconPath = new vscode.ThemeIcon('layers');
        item.tooltip = new vscode.MarkdownString(layerHoverExplanation());
        return item;
      }
      case 'step':
        return this.stepItem(node.step);
      case 'layerFiles': {
        const l = a.layers[node.layer]!;
        const item = new vscode.TreeItem(vscode.l10n.t('Files'), l.changes.length ? collapsed : none);
        item.description = vscode.l10n.t('{0} added, {1} changed, {2} removed', l.added, l.modified, l.removed);
        item.iconPath = new vscode.ThemeIcon('files');
        return item;
      }
      case 'changeDir': {
        const item = new vscode.TreeItem(node.dir.name, collapsed);
        item.description = [formatBytes(node.dir.size), node.dir.status ? statusLabel(node.dir.status) : ''].filter(Boolean).join(' · ');
        item.iconPath = new vscode.ThemeIcon(node.dir.status === 'removed' ? 'trash' : 'folder');
        item.tooltip = `/${node.dir.path}`;
        return item;
      }
      case 'change': {
        const c = node.change;
        const item = new vscode.TreeItem(c.path.slice(c.path.lastIndexOf('/') + 1), none);
        item.description = `${statusLabel(c.status)} · ${formatBytes(c.size)}`;
        item.iconPath = new vscode.ThemeIcon(c.status === 'removed' ? 'trash' : c.status === 'modified' ? 'diff-modified' : c.kind === 'symlink' || c.kind === 'hardlink' ? 'file-symlink-file' : 'diff-added');
        item.tooltip = c.status === 'removed'
          ? vscode.l10n.t('/{0}: removed by this layer; the {1} stay in the layer that stored them.', c.path, formatBytes(c.size))
          : `/${c.path}`;
        return item;
      }
      case 'layerPackages': {
        const count = a.layers[node.layer]!.packages[node.which].length;
        const item = new vscode.TreeItem(node.which === 'added' ? vscode.l10n.t('Packages installed') : vscode.l10n.t('Packages removed'), collapsed);
        item.description = String(count);
        item.iconPath = new vscode.ThemeIcon(node.which === 'added' ? 'package' : 'trash');
        return item;
      }
      case 'package': {
        const p = node.pkg;
        const item = new vscode.TreeItem(p.group ? `${p.group}:${p.name}` : p.name, none);
        item.description = node.removed ? p.version : vscode.l10n.t('{0} · layer {1}', p.version, p.layer + 1);
        item.iconPath = new vscode.ThemeIcon(node.removed ? 'trash' : 'library');
        item.tooltip = [`${p.name} ${p.version}`, p.arch, p.license, `/${p.path}`].filter(Boolean).join('\n');
        return item;
      }
      case 'filesystem': {
        const item = new vscode.TreeItem(vscode.l10n.t('Final filesystem'), collapsed);
        item.description = vscode.l10n.t('{0} files, {1}', a.root.files, formatBytes(a.root.size));
        item.iconPath = new vscode.ThemeIcon('root-folder');
        return item;
      }
      case 'fs':
        return fsItem(node.node);
      case 'wasted': {
        const item = new vscode.TreeItem(vscode.l10n.t('Wasted space'), collapsed);
        item.description = formatBytes(a.wastedBytes);
        item.iconPath = new vscode.ThemeIcon('warning');
        item.tooltip = new vscode.MarkdownString(vscode.l10n.t('Files a later layer deleted or overwrote: the image still carries their bytes. Largest first.'));
        return item;
      }
      case 'wastedPath': {
        const w = node.item;
        const item = new vscode.TreeItem(`/${w.path}`, none);
        item.description = vscode.l10n.t('{0} · stored in layer {1}, hidden by layer {2}', formatBytes(w.bytes), w.storedIn.map((i) => i + 1).join(', '), w.hiddenBy.map((i) => i + 1).join(', '));
        item.iconPath = new vscode.ThemeIcon('trash');
        return item;
      }
      case 'packages': {
        const item = new vscode.TreeItem(vscode.l10n.t('Packages'), collapsed);
        item.description = String(a.packages.length);
        item.iconPath = new vscode.ThemeIcon('library');
        item.contextValue = 'imageContentsPackages';
        return item;
      }
      case 'ecosystem': {
        const item = new vscode.TreeItem(SOURCE_LABELS[node.source], collapsed);
        item.description = String(a.packages.filter((p) => p.source === node.source).length);
        item.iconPath = new vscode.ThemeIcon('library');
        return item;
      }
      case 'more': {
        const item = new vscode.TreeItem(vscode.l10n.t('… {0} more ({1})', node.count, formatBytes(node.bytes)), none);
        item.iconPath = new vscode.ThemeIcon('ellipsis');
        return item;
      }
    }
  }

  private stepItem(step: number): vscode.TreeItem {
    const a = this.current!;
    const layerIndex = this.layerOfStep(step);
    const history = step >= 0 ? a.history[step] : undefined;
    const layer = layerIndex === undefined ? undefined : a.layers[layerIndex];
    const createdBy = history?.createdBy ?? layer?.createdBy ?? '';
    const label = layerInstruction(createdBy) || vscode.l10n.t('(no instruction recorded)');
    const item = new vscode.TreeItem(label, layer ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    const md = new vscode.MarkdownString();
    md.appendCodeblock(createdBy, 'shell');
    if (layer) {
      // Layers are numbered bottom first, as everywhere else in this view ("stored in layer 3").
      item.description = [
        vscode.l10n.t('layer {0}', layer.index + 1),
        formatBytes(layer.size),
        layer.wastedBytes ? vscode.l10n.t('{0} wasted', formatBytes(layer.wastedBytes)) : '',
        layer.hiddenBytes ? vscode.l10n.t('hides {0}', formatBytes(layer.hiddenBytes)) : '',
        layer.error ? vscode.l10n.t('unreadable') : '',
      ].filter(Boolean).join(' · ');
      item.iconPath = new vscode.ThemeIcon(layer.error ? 'warning' : layer.wastedBytes ? 'layers-active' : 'layers');
      md.appendMarkdown([
        vscode.l10n.t('Stores {0} in {1} added and {2} changed files; removes {3}.', formatBytes(layer.size), layer.added, layer.modified, layer.removed),
        ...(layer.wastedBytes ? [vscode.l10n.t('**{0} wasted**: later layers deleted or overwrote files of this layer, but it still carries them.', formatBytes(layer.wastedBytes))] : []),
        ...(layer.hiddenBytes ? [vscode.l10n.t('**Hides {0}** stored by earlier layers: deleting or overwriting them here does not make the image smaller.', formatBytes(layer.hiddenBytes))] : []),
        ...(layer.diffId ? [`\`${layer.diffId}\``] : []),
        ...(layer.error ? [vscode.l10n.t('Could not be read to its end: {0}', layer.error)] : []),
      ].join('\n\n'));
    } else {
      item.description = vscode.l10n.t('no files (settings only)');
      item.iconPath = new vscode.ThemeIcon('symbol-property');
      md.appendMarkdown(vscode.l10n.t('This instruction changed only the image\'s settings, so it made no layer.'));
    }
    md.appendMarkdown(`\n\n---\n\n**${vscode.l10n.t('Explain')}:** ${layerHoverExplanation()}`);
    item.tooltip = md;
    item.contextValue = `imageLayer${step >= 0 && this.linkedSteps.has(step) ? ':source' : ''}`;
    return item;
  }
}

function statusLabel(status: LayerChange['status']): string {
  return status === 'added' ? vscode.l10n.t('added') : status === 'modified' ? vscode.l10n.t('changed') : vscode.l10n.t('removed');
}

function fsItem(n: FsNode): vscode.TreeItem {
  const isDir = n.current?.kind === 'dir' || (!n.current && Boolean(n.children?.size));
  const item = new vscode.TreeItem(n.name, isDir && n.children?.size ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  const last = n.past?.[n.past.length - 1];
  const parts: string[] = [];
  if (n.current) parts.push(formatBytes(isDir ? n.size : n.current.size));
  else if (last) parts.push(vscode.l10n.t('deleted by layer {0}', last.hiddenBy + 1));
  else parts.push(vscode.l10n.t('deleted'));
  if (n.current && last && !isDir) parts.push(vscode.l10n.t('overwritten by layer {0}', last.hiddenBy + 1));
  if (n.wasted) parts.push(vscode.l10n.t('{0} wasted', formatBytes(n.wasted)));
  item.description = parts.join(' · ');
  item.iconPath = new vscode.ThemeIcon(!n.current ? 'trash' : isDir ? 'folder' : n.current.kind === 'symlink' ? 'file-symlink-file' : n.wasted ? 'warning' : 'file');
  const lines = [`/${n.path}`];
  if (n.current?.link) lines.push(`→ ${n.current.link}`);
  if (n.current && n.current.layer >= 0) lines.push(vscode.l10n.t('from layer {0}', n.current.layer + 1));
  for (const p of n.past ?? []) {
    lines.push(p.how === 'deleted'
      ? vscode.l10n.t('{0} stored by layer {1}, deleted by layer {2}', formatBytes(p.size), p.layer + 1, p.hiddenBy + 1)
      : vscode.l10n.t('{0} stored by layer {1}, overwritten by layer {2}', formatBytes(p.size), p.layer + 1, p.hiddenBy + 1));
  }
  item.tooltip = lines.join('\n');
  return item;
}
