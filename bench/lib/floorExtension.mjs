// VS Code's own floor for the sidebar bench: an extension with Docker Workbench's id, sidebar and
// views (the same manifest entries, so VS Code lays out the same five open views), whose Containers
// view answers at once with rows it already holds and whose other views are empty. Nothing talks
// to an engine. Clicking its tab and waiting for its rows measures what VS Code itself needs to
// show this sidebar and draw rows that are ready, on this machine, in the same run as ours.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO } from '../../test/harness/tiers.mjs';

const BODY = `const vscode = require('vscode');
const rows = Array.from({ length: 20 }, (_, i) => 'bench-floor-' + i);
exports.activate = function activate(context) {
  const firstDraw = {};
  const api = { floor: true, views: { containers: { firstDraw } } };
  for (const view of __VIEWS__) {
    const containers = view === 'dockerWorkbench.containers';
    context.subscriptions.push(vscode.window.createTreeView(view, { treeDataProvider: {
      getChildren(element) {
        if (element || !containers) return [];
        firstDraw.requestedAt ??= Date.now();
        return rows;
      },
      getTreeItem(row) {
        firstDraw.firstItemAt ??= Date.now();
        if (row === rows[rows.length - 1]) firstDraw.itemsDoneAt ??= Date.now();
        return new vscode.TreeItem(row);
      },
    } }));
  }
  return api;
};
`;

/** Makes the floor extension; returns its folder and how to remove it. */
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
  fs.writeFileSync(path.join(folder, 'extension.js'), BODY.replace('__VIEWS__', JSON.stringify(views)));
  return { folder, remove: () => fs.rmSync(folder, { recursive: true, force: true }) };
}
