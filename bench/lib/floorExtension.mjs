// VS Code's own floor for the sidebar bench: an extension with Docker Workbench's id, sidebar and
// views (the same manifest entries, so VS Code lays out the same five open views), whose Containers
// view answers at once with rows it already holds and whose other views are empty (or answer
// late, FLOOR_PENDING). Nothing talks to an engine. Clicking its tab and waiting for its rows measures what VS Code itself needs to
// show this sidebar and draw rows that are ready, on this machine, in the same run as ours.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO } from '../../test/harness/tiers.mjs';

const BODY = `const vscode = require('vscode');
const rows = Array.from({ length: __ROWS__ }, (_, i) => 'bench-floor-' + i);
const rich = __RICH__;
if (__SPINNER__) rows.push('listing');
exports.activate = function activate(context) {
  const firstDraw = {};
  const api = { floor: true, views: { containers: { firstDraw } } };
  for (const view of __VIEWS__) {
    const containers = view === 'dockerWorkbench.containers';
    context.subscriptions.push(vscode.window.createTreeView(view, { treeDataProvider: {
      getChildren(element) {
        // FLOOR_PENDING=ms: the other views answer after that long (ours wait for the full lists).
        if (!element && !containers && __PENDING__ > 0) return new Promise((resolve) => setTimeout(() => resolve([]), __PENDING__));
        if (element || !containers) return [];
        firstDraw.requestedAt ??= Date.now();
        firstDraw.rowsAt ??= firstDraw.requestedAt;
        return rows;
      },
      getTreeItem(row) {
        firstDraw.firstItemAt ??= Date.now();
        if (row === rows[rows.length - 1]) firstDraw.itemsDoneAt ??= Date.now();
        if (row === 'listing') return Object.assign(new vscode.TreeItem('Listing the rest…'), { iconPath: new vscode.ThemeIcon('loading~spin') });
        if (!rich) return new vscode.TreeItem(row);
        // Shaped like ours: collapsible, a coloured icon, a description and a Markdown tooltip.
        const item = new vscode.TreeItem(row, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = 'busybox:latest · Created 5 minutes ago';
        item.iconPath = new vscode.ThemeIcon('circle-outline', new vscode.ThemeColor('disabledForeground'));
        item.contextValue = 'container:created';
        item.tooltip = new vscode.MarkdownString('**' + row + '**, busybox:latest, created');
        return item;
      },
    } }));
  }
  return api;
};
`;

/**
 * Makes the floor extension; returns its folder and how to remove it. FLOOR_ROWS (20), FLOOR_RICH=1
 * (rows shaped like ours), FLOOR_SPINNER=1 (a "Listing the rest…" row with a spinning icon, as
 * ours has while connecting) and FLOOR_PENDING=<ms> (the other views answer that late) tell which
 * part of what we hand over costs VS Code's drawing.
 */
export function floorExtension() {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-bench-floor-'));
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
  const views = manifest.contributes.views.dockerWorkbench.map((v) => v.id);
  const floor = {
    name: manifest.name,
    publisher: manifest.publisher,
    version: manifest.version,
    engines: manifest.engines,
    main: './extension.js',
    activationEvents: ['onStartupFinished'],
    contributes: { viewsContainers: manifest.contributes.viewsContainers, views: manifest.contributes.views },
  };
  fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify(floor, null, 2));
  fs.copyFileSync(path.join(REPO, 'package.nls.json'), path.join(folder, 'package.nls.json'));
  fs.mkdirSync(path.join(folder, 'media'));
  fs.copyFileSync(path.join(REPO, manifest.contributes.viewsContainers.activitybar[0].icon), path.join(folder, manifest.contributes.viewsContainers.activitybar[0].icon));
  fs.writeFileSync(path.join(folder, 'extension.js'), BODY.replace('__VIEWS__', JSON.stringify(views)).replace('__ROWS__', String(Number(process.env.FLOOR_ROWS || 20)))
    .replace('__RICH__', String(process.env.FLOOR_RICH === '1')).replace('__SPINNER__', String(process.env.FLOOR_SPINNER === '1'))
    .replaceAll('__PENDING__', String(Number(process.env.FLOOR_PENDING || 0))));
  return { folder, remove: () => fs.rmSync(folder, { recursive: true, force: true }) };
}
