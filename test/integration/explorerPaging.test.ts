// A level with more containers than a page: the first page, a "Show more" row, the rest on
// request; a big compose project starts collapsed with its own pages; events still reach the
// rows shown; the filter still finds any container. Against the real engine.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, childrenOf, testDocker, TEST_IMAGE, uniqueName, waitFor, waitForChildren } from './helpers';
import { PAGE_SIZE } from '../../client/src/views/paging';
import type { TreeNode } from '../../client/src/views/treeNode';

describe('explorer paging (many containers)', function () {
  this.timeout(180_000);
  const docker = testDocker();
  const prefix = uniqueName('dwb-page');
  const project = prefix.replace(/-/g, '');
  const LOOSE = PAGE_SIZE + 5;
  const IN_PROJECT = PAGE_SIZE + 7;
  const made: string[] = [];

  before(async () => {
    // Created, not started: quick to make, and nothing runs.
    const create = (i: number) => docker.createContainer({
      Image: TEST_IMAGE, name: `${prefix}-${i}`, Cmd: ['sleep', '600'],
      Labels: i < IN_PROJECT ? { 'com.docker.compose.project': project, 'com.docker.compose.service': `svc${i}` } : {},
    });
    for (let i = 0; i < LOOSE + IN_PROJECT; i += 8) {
      const batch = await Promise.all(Array.from({ length: Math.min(8, LOOSE + IN_PROJECT - i) }, (_, j) => create(i + j)));
      made.push(...batch.map((c) => c.id));
    }
  });

  after(async () => {
    for (let i = 0; i < made.length; i += 8) await Promise.all(made.slice(i, i + 8).map((id) => docker.getContainer(id).remove({ force: true }).catch(() => undefined)));
  });

  async function connectedWithAll() {
    const api = await activateExtension();
    await childrenOf(api.views.containers);
    await waitFor('the engine model to connect', () => api.model.state.status === 'connected');
    await waitFor('every container in the model', () => made.every((id) => api.model.containers.has(id)));
    return api;
  }

  it('shows a page of the top level and a "Show more" row, then the rest on request', async () => {
    const api = await connectedWithAll();
    const view = api.views.containers;
    // The top level: one row per compose project, and every other container.
    const projects = [...api.model.containers.values()].map((c) => c.Labels?.['com.docker.compose.project']);
    const total = new Set(projects.filter(Boolean)).size + projects.filter((p) => !p).length;
    const roots: TreeNode[] = await childrenOf(view);
    assert.equal(roots.length, PAGE_SIZE + 1, 'a page of rows and one more');
    const more = roots.at(-1)!;
    assert.equal(more.kind, 'more');
    const item = view.getTreeItem(more);
    assert.equal(item.label, `Show ${Math.min(PAGE_SIZE, total - PAGE_SIZE)} more…`);
    assert.equal(item.description, `${PAGE_SIZE} of ${total} shown`);
    assert.equal(item.command?.command, 'dockerWorkbench.containers.showMore');

    const changed = new Promise<unknown>((resolve) => {
      const listener = view.onDidChangeTreeData((e) => { listener.dispose(); resolve(e); });
    });
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    assert.equal(await changed, undefined, 'the top level is asked for again');
    const all: TreeNode[] = await childrenOf(view);
    assert.equal(all.length, total, 'every row, and no "Show more" left');
    assert.ok(all.every((n) => n.kind !== 'more'));
    assert.ok(made.slice(IN_PROJECT).every((id) => all.some((n) => n.kind === 'container' && n.id === id)), 'each loose container is a row');
  });

  it('starts a big compose project collapsed, with pages of its own', async () => {
    const api = await connectedWithAll();
    const view = api.views.containers;
    const group = await waitForChildren('the compose group', view, (nodes: TreeNode[]) => nodes.find((n) => n.kind === 'group' && n.id === project));
    const item = view.getTreeItem(group);
    assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed, 'expanding it would ask for all its rows at once');
    assert.equal(item.description, `0 of ${IN_PROJECT} running`);
    const members: TreeNode[] = await childrenOf(view, group);
    assert.equal(members.length, PAGE_SIZE + 1);
    assert.equal(members.at(-1)!.kind, 'more');
    assert.equal(view.getTreeItem(members.at(-1)!).description, `${PAGE_SIZE} of ${IN_PROJECT} shown`);
  });

  it('brings an event to the row it changes without listing again, and the filter finds a container past the first page', async () => {
    const api = await connectedWithAll();
    const view = api.views.containers;
    const group = (await childrenOf(view)).find((n: TreeNode) => n.kind === 'group' && n.id === project);
    const [first] = await childrenOf(view, group);
    const before = { ...api.model.counters };
    await docker.getContainer(first.id).start();
    await waitFor('the row to show it running', () => /^container:running/.test(String(view.getTreeItem(first).contextValue)));
    await waitFor('the group to count it', () => view.getTreeItem(group).description === `1 of ${IN_PROJECT} running`);
    assert.equal(api.model.counters.fullLists, before.fullLists, 'no full list');
    const members: TreeNode[] = await childrenOf(view, group);
    assert.equal(members[0]!.id, first.id, 'it keeps its place when it starts');
    await docker.getContainer(first.id).stop({ t: 0 });

    const index = made.slice(0, IN_PROJECT).findIndex((id) => !members.some((n) => n.id === id));
    assert.ok(index >= 0, 'some member is past the first page');
    const last = made[index]!; // its id: the filter also matches ids
    view.setFilter(last);
    try {
      const [found] = await childrenOf(view);
      assert.equal(found.kind, 'group');
      const inside: TreeNode[] = await childrenOf(view, found);
      assert.deepEqual(inside.map((n) => n.id), [last]);
      assert.equal(view.getTreeItem(found).description, `0 of 1 running`);
    } finally {
      view.setFilter('');
    }
  });

  it('draws a first page of the newest containers while the full lists of a fresh connection are on their way', async () => {
    const api = await connectedWithAll();
    const view = api.views.containers;
    // The views listen to the model before this test does: when this listener runs, the view has the change.
    let firstPage: { ids: Set<string>; rows: TreeNode[] } | undefined;
    const listener = api.model.onDidChange((change) => {
      if (change.kind !== 'container' || !api.model.previewing || firstPage) return;
      firstPage = { ids: new Set(api.model.containers.keys()), rows: view.getChildren() as TreeNode[] };
    });
    try {
      // The same engine again: the model starts from nothing, as on a first connection.
      await api.model.switchEngine(api.active.engine);
    } finally {
      listener.dispose();
    }
    assert.ok(firstPage, 'a first page came before the full lists');
    assert.ok(firstPage.ids.size < made.length, `only a page: ${firstPage.ids.size} containers`);
    assert.ok(firstPage.ids.has(made.at(-1)!), 'the newest container is on it');
    assert.ok(!firstPage.ids.has(made[0]!), 'the oldest (not running) is not');
    const listing = firstPage.rows.at(-1)!;
    assert.equal(listing.kind, 'message');
    assert.equal(view.getTreeItem(listing).label, 'Listing the rest…');
    const rows = firstPage.rows.slice(0, -1);
    assert.ok(rows.some((n) => n.kind === 'container' && n.id === made.at(-1)), 'the newest container is a row');
    assert.ok(rows.every((n) => (n.kind === 'container' && firstPage!.ids.has(n.id)) || n.kind === 'group'), 'rows of the page, no "Show more" (its count would be wrong)');

    assert.equal(api.model.state.status, 'connected');
    assert.equal(api.model.previewing, false);
    assert.ok(made.every((id) => api.model.containers.has(id)), 'the full list replaced the page');
    const roots: TreeNode[] = await childrenOf(view);
    assert.ok(roots.some((n) => n.kind === 'group' && n.id === project), 'the compose project (older than the page) is back');
    assert.ok(roots.every((n) => n.kind !== 'message'));
  });
});
