// The Vulnerabilities view: each scanned image (with the scanner and when), its findings grouped
// by severity, each with the package, the installed version and the version that fixes it.
import * as vscode from 'vscode';
import { SEVERITIES, type Finding, type Severity } from './scanReports';
import { SCANNER_NAMES } from './scanners';
import type { ScanResult } from './vulnerabilityScan';
import type { ViewHost } from '../lazyProviders';

export type VulnerabilityNode =
  | { kind: 'scan'; imageId: string }
  | { kind: 'severity'; imageId: string; severity: Severity }
  | { kind: 'finding'; imageId: string; finding: Finding }
  | { kind: 'clean'; imageId: string };

export function severityLabel(severity: Severity): string {
  switch (severity) {
    case 'critical': return vscode.l10n.t('Critical');
    case 'high': return vscode.l10n.t('High');
    case 'medium': return vscode.l10n.t('Medium');
    case 'low': return vscode.l10n.t('Low');
    case 'negligible': return vscode.l10n.t('Negligible');
    default: return vscode.l10n.t('Unknown severity');
  }
}

const ICONS: Record<Severity, vscode.ThemeIcon> = {
  critical: new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')),
  high: new vscode.ThemeIcon('warning', new vscode.ThemeColor('editorWarning.foreground')),
  medium: new vscode.ThemeIcon('warning'),
  low: new vscode.ThemeIcon('info'),
  negligible: new vscode.ThemeIcon('circle-outline'),
  unknown: new vscode.ThemeIcon('question'),
};

export class VulnerabilitiesView implements vscode.TreeDataProvider<VulnerabilityNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<VulnerabilityNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly results = new Map<string, ScanResult>();

  /** Plugs into the tree view the composition root created at activation. */
  register(host: ViewHost<VulnerabilityNode>): vscode.TreeView<VulnerabilityNode> {
    host.attach(this);
    return host.view;
  }

  get scans(): ScanResult[] {
    return [...this.results.values()];
  }

  show(result: ScanResult): void {
    this.results.delete(result.imageId);
    this.results.set(result.imageId, result);
    this.emitter.fire(undefined);
  }

  clear(): void {
    this.results.clear();
    this.emitter.fire(undefined);
  }

  dispose(): void {
    this.emitter.dispose();
  }

  getChildren(node?: VulnerabilityNode): VulnerabilityNode[] {
    if (!node) return [...this.results.values()].reverse().map((r) => ({ kind: 'scan', imageId: r.imageId }));
    const result = this.results.get(node.imageId);
    if (!result) return [];
    if (node.kind === 'scan') {
      if (result.findings.length === 0) return [{ kind: 'clean', imageId: node.imageId }];
      return SEVERITIES.filter((s) => result.findings.some((f) => f.severity === s)).map((severity) => ({ kind: 'severity', imageId: node.imageId, severity }));
    }
    if (node.kind === 'severity') return result.findings.filter((f) => f.severity === node.severity).map((finding) => ({ kind: 'finding', imageId: node.imageId, finding }));
    return [];
  }

  /** A finding's tooltip, when VS Code first shows it (the row came without one). */
  resolveTreeItem(item: vscode.TreeItem, node: VulnerabilityNode): vscode.TreeItem {
    if (node.kind === 'finding' && item.tooltip === undefined) item.tooltip = findingTooltip(node.finding);
    return item;
  }

  getTreeItem(node: VulnerabilityNode): vscode.TreeItem {
    const result = this.results.get(node.imageId)!;
    switch (node.kind) {
      case 'scan': {
        const item = new vscode.TreeItem(result.reference, vscode.TreeItemCollapsibleState.Expanded);
        const fixable = result.findings.filter((f) => f.fixedVersion).length;
        item.description = vscode.l10n.t('{0} · {1} known vulnerabilities, {2} with a fix', SCANNER_NAMES[result.scanner], result.findings.length, fixable);
        item.tooltip = vscode.l10n.t('Scanned with {0} at {1}', SCANNER_NAMES[result.scanner], new Date(result.finished).toLocaleString());
        item.iconPath = new vscode.ThemeIcon('shield');
        item.contextValue = 'vulnerabilityScan';
        return item;
      }
      case 'severity': {
        const count = result.findings.filter((f) => f.severity === node.severity).length;
        const item = new vscode.TreeItem(severityLabel(node.severity), node.severity === 'critical' || node.severity === 'high' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
        item.description = String(count);
        item.iconPath = ICONS[node.severity];
        return item;
      }
      case 'finding': {
        const f = node.finding;
        const item = new vscode.TreeItem(f.id, vscode.TreeItemCollapsibleState.None);
        item.description = f.fixedVersion
          ? vscode.l10n.t('{0} {1} → fixed in {2}', f.packageName, f.installedVersion, f.fixedVersion)
          : vscode.l10n.t('{0} {1} · no fix yet', f.packageName, f.installedVersion);
        // Its tooltip is made on hover (resolveTreeItem): a severity can hold hundreds of findings.
        item.iconPath = ICONS[f.severity];
        item.contextValue = f.url ? 'vulnerability:advisory' : 'vulnerability';
        if (f.url) item.command = { command: 'dockerWorkbench.vulnerabilities.openAdvisory', title: vscode.l10n.t('Open Advisory'), arguments: [node] };
        return item;
      }
      case 'clean': {
        const item = new vscode.TreeItem(vscode.l10n.t('No known vulnerabilities'), vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('pass');
        item.tooltip = vscode.l10n.t('As far as the scanner\'s database knows. A database that is not updated does not know newer vulnerabilities.');
        return item;
      }
    }
  }
}

function findingTooltip(f: Finding): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${f.id}** · ${severityLabel(f.severity)}\n\n`);
  if (f.title) md.appendText(`${f.title}\n\n`);
  md.appendMarkdown(`- ${vscode.l10n.t('Package: {0} {1}', f.packageName, f.installedVersion)}\n`);
  md.appendMarkdown(`- ${f.fixedVersion ? vscode.l10n.t('Fixed in: {0}', f.fixedVersion) : vscode.l10n.t('No fixed version yet')}\n`);
  if (f.path) md.appendMarkdown(`- \`/${f.path}\`\n`);
  return md;
}
