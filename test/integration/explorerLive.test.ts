// The explorer follows the engine's events: one event re-reads one object and re-renders its
// node, never the whole list; compose projects group; images, volumes and networks show who
// uses them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, childrenOf, testDocker, TEST_IMAGE, uniqueName, waitFor, waitForChildren, workspaceDir } from './helpers';

describe('explorer (live from engine events)', () => {
  const docker = testDocker();
  const cleanup: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    while (cleanup.length) await cleanup.pop()!().catch(() => undefined);
  });

  async function connected() {
    const api = await activateExtension();
    await childrenOf(api.views.containers);
    await waitFor('the engine model to connect', () => api.model.state.status === 'connected');
    return api;
  }

  it('updates one container node from its events without re-listing', async () => {
    const api = await connected();
    const name = uniqueName('dwb-live');
    const container = await docker.createContainer({ Image: TEST_IMAGE, name, Cmd: ['sleep', '300'] });
    cleanup.push(() => container.remove({ force: true }));
    const node = await waitForChildren('the container node', api.views.containers, (nodes) => nodes.find((n) => n.id === container.id));

    const fired: unknown[] = [];
    const listener = api.views.containers.onDidChangeTreeData((n) => fired.push(n));
    const before = { ...api.model.counters };
    try {
      await container.start();
      await waitFor('the node to turn running', () => /^container:running/.test(String(api.views.containers.getTreeItem(node).contextValue)));
    } finally {
      listener.dispose();
    }
    assert.equal(api.model.counters.fullLists, before.fullLists, 'an event must not trigger a full list');
    assert.ok(api.model.counters.objectReads > before.objectReads, 'the event re-reads the one container');
    assert.ok(fired.includes(node), 'the change fires for the container node itself');
    assert.ok(!fired.includes(undefined), 'the whole view is not re-rendered for a state change');
  });

  it('redraws the Compose view for compose containers only, not for every container event', async () => {
    const api = await connected();
    const project = uniqueName('dwbcv').replace(/-/g, '');
    const loose = await docker.createContainer({ Image: TEST_IMAGE, name: uniqueName('dwb-loose'), Cmd: ['sleep', '300'] });
    cleanup.push(() => loose.remove({ force: true }));
    const member = await docker.createContainer({
      Image: TEST_IMAGE, name: `${project}-web-1`, Cmd: ['sleep', '300'],
      Labels: { 'com.docker.compose.project': project, 'com.docker.compose.service': 'web', 'com.docker.compose.project.working_dir': workspaceDir() },
    });
    cleanup.push(() => member.remove({ force: true }));
    await waitFor('both containers in the model', () => api.model.containers.has(loose.id) && api.model.containers.has(member.id));
    const composeView = api.composeView;
    const redraws: unknown[] = [];
    const listener = composeView.onDidChangeTreeData((n) => redraws.push(n));
    let looseChanges = 0;
    const modelListener = api.model.onDidChange((c) => { if (c.kind === 'container' && c.id === loose.id) looseChanges++; });
    try {
      // Compose files written by earlier tests redraw the view when the file watcher reports them,
      // which can be late: wait for a quiet half second first, so only this test's events count.
      for (let seen = -1, waited = 0; seen !== redraws.length && waited < 10_000; waited += 500) {
        seen = redraws.length;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      redraws.length = 0;
      await loose.start();
      // What the start event said, then the re-read of the container: both seen by every listener.
      await waitFor('the loose container\'s start and re-read in the model', () => looseChanges >= 2 && api.model.containers.get(loose.id)?.State === 'running');
      assert.equal(redraws.length, 0, 'a container outside compose projects does not redraw the Compose view');
      await member.start();
      await waitFor('the Compose view redrawn for the project\'s container', () => redraws.length > 0);
      const projectNode = await waitFor('the project in the Compose view', async () => (await composeView.getChildren()).find((n) => n.kind === 'project' && n.project.name === project));
      const [service] = await composeView.getChildren(projectNode);
      await waitFor('its container shown running', async () => {
        const [container] = await composeView.getChildren(service);
        return container && composeView.getTreeItem(container).contextValue === 'composeContainer:running';
      });
    } finally {
      listener.dispose();
      modelListener.dispose();
    }
  });

  it('groups compose containers by project with service names, and shows ports, mounts and networks as children', async () => {
    const api = await connected();
    const project = uniqueName('dwbproj').replace(/-/g, '');
    const volume = await docker.createVolume({ Name: `${project}_data` });
    cleanup.push(() => docker.getVolume(`${project}_data`).remove());
    const make = async (service: string, extra: Record<string, unknown> = {}) => {
      const c = await docker.createContainer({
        Image: TEST_IMAGE, name: `${project}-${service}-1`, Cmd: ['sleep', '300'],
        Labels: { 'com.docker.compose.project': project, 'com.docker.compose.service': service, 'com.docker.compose.project.working_dir': workspaceDir() },
        ...extra,
      });
      cleanup.push(() => c.remove({ force: true }));
      await c.start();
      return c;
    };
    await make('web', { ExposedPorts: { '80/tcp': {} }, HostConfig: { PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] }, Binds: [`${project}_data:/data`] } });
    await make('db');
    void volume;

    const group = await waitForChildren('the compose group', api.views.containers, (nodes) => nodes.find((n) => n.kind === 'group' && n.id === project));
    const members = await waitForChildren('both services running', api.views.containers, (nodes) => {
      const items = nodes.map((n) => api.views.containers.getTreeItem(n));
      return items.length === 2 && items.every((i) => /^container:running/.test(String(i.contextValue))) ? nodes : undefined;
    }, group);
    const labels = members.map((n) => api.views.containers.getTreeItem(n).label).sort();
    assert.deepEqual(labels, ['db', 'web']);
    assert.match(String(api.views.containers.getTreeItem(group).description), /2 of 2 running/);

    const web = members.find((n) => api.views.containers.getTreeItem(n).label === 'web')!;
    const webItem = api.views.containers.getTreeItem(web);
    assert.match(String(webItem.description), /127\.0\.0\.1:\d+→80\/tcp/);
    // The row comes without its tooltip; VS Code asks for it on hover.
    assert.equal(webItem.tooltip, undefined);
    const hovered = api.views.containers.resolveTreeItem(webItem, web);
    assert.ok(hovered.tooltip instanceof vscode.MarkdownString && /Mount \(volume\)/.test(hovered.tooltip.value), String(hovered.tooltip));
    const details = (await childrenOf(api.views.containers, web)).map((n) => String(api.views.containers.getTreeItem(n).label));
    assert.ok(details.some((d) => /→80\/tcp/.test(d)), `ports among ${details}`);
    assert.ok(details.some((d) => d === `${project}_data → /data`), `mount among ${details}`);
    assert.ok(details.includes('bridge'), `network among ${details}`);

    // The volume view knows who uses the volume; the workspace filter keeps the project.
    const volumeNode = await waitForChildren('the volume', api.views.volumes, (nodes) => nodes.find((n) => n.id === `${project}_data`));
    assert.match(String(api.views.volumes.getTreeItem(volumeNode).description), /1 container\b/);
    api.views.containers.setWorkspaceOnly(true);
    try {
      const roots = await childrenOf(api.views.containers);
      assert.ok(roots.some((n) => n.kind === 'group' && n.id === project));
      assert.ok(roots.every((n) => n.kind !== 'container'), 'containers from elsewhere are hidden');
    } finally {
      api.views.containers.setWorkspaceOnly(false);
    }
  });

  it('filters each view by text', async () => {
    const api = await connected();
    const name = uniqueName('dwb-filter');
    const container = await docker.createContainer({ Image: TEST_IMAGE, name, Cmd: ['true'] });
    cleanup.push(() => container.remove({ force: true }));
    await waitForChildren('the container', api.views.containers, (nodes) => nodes.some((n) => n.id === container.id));
    api.views.containers.setFilter(name);
    try {
      const nodes = await childrenOf(api.views.containers);
      assert.deepEqual(nodes.map((n) => n.id), [container.id]);
      api.views.containers.setFilter('no-such-container-anywhere');
      const empty = await childrenOf(api.views.containers);
      assert.equal(empty.length, 1);
      assert.match(String(api.views.containers.getTreeItem(empty[0]).label), /Nothing matches/);
    } finally {
      api.views.containers.setFilter('');
    }
  });

  it('shows images by repository with tags, their users, history layers, and dangling images on request', async () => {
    const api = await connected();
    const repo = `dwb-test/${uniqueName('tagged')}`;
    await docker.getImage(TEST_IMAGE).tag({ repo, tag: 'v1' });
    cleanup.push(() => docker.getImage(`${repo}:v1`).remove());
    const group = await waitForChildren('the repository group', api.views.images, (nodes) => nodes.find((n) => n.kind === 'group' && n.id === repo));
    const [tagNode] = await childrenOf(api.views.images, group);
    assert.equal(api.views.images.getTreeItem(tagNode).label, 'v1');
    assert.match(String(api.views.images.getTreeItem(tagNode).description), /MB/);
    const children = await childrenOf(api.views.images, tagNode);
    const historyNode = children.find((n) => n.kind === 'history');
    const layers = (await childrenOf(api.views.images, historyNode)).map((n) => String(api.views.images.getTreeItem(n).label));
    assert.ok(layers.some((l) => /^COPY/.test(l)) && layers.some((l) => /^RUN/.test(l)) && layers.some((l) => /^CMD/.test(l)), `layers: ${layers}`);

    // A dangling image: commit a container without a name.
    const c = await docker.createContainer({ Image: TEST_IMAGE, Cmd: ['true'] });
    cleanup.push(() => c.remove({ force: true }));
    const committed = await c.commit({});
    cleanup.push(() => docker.getImage(committed.Id).remove({ force: true }));
    await waitFor('the dangling image in the model', () => api.model.images.has(committed.Id));
    assert.ok(!(await childrenOf(api.views.images)).some((n) => n.id === '<dangling>'), 'hidden by default');
    api.views.images.setShowDangling(true);
    try {
      const dangling = (await childrenOf(api.views.images)).find((n) => n.id === '<dangling>');
      assert.ok(dangling);
      assert.ok((await childrenOf(api.views.images, dangling)).some((n) => n.data?.imageId === committed.Id));
    } finally {
      api.views.images.setShowDangling(false);
    }
  });

  it('shows a network\'s containers with their IP addresses and aliases, built-in networks last', async () => {
    const api = await connected();
    const netName = uniqueName('dwb-net');
    const network = await docker.createNetwork({ Name: netName });
    cleanup.push(() => network.remove());
    const c = await docker.createContainer({
      Image: TEST_IMAGE, name: uniqueName('dwb-member'), Cmd: ['sleep', '300'],
      HostConfig: { NetworkMode: netName }, NetworkingConfig: { EndpointsConfig: { [netName]: { Aliases: ['api-alias'] } } },
    });
    cleanup.push(() => c.remove({ force: true }));
    await c.start();
    const node = await waitForChildren('the network with its member', api.views.networks, (nodes) => {
      const n = nodes.find((x) => x.id === network.id);
      return n && /1 container\b/.test(String(api.views.networks.getTreeItem(n).description)) ? n : undefined;
    });
    const roots = await childrenOf(api.views.networks);
    const names = roots.map((n) => String(api.views.networks.getTreeItem(n).label));
    assert.deepEqual(names.slice(-3).sort(), ['bridge', 'host', 'none'], `built-ins last: ${names}`);
    const [member] = await childrenOf(api.views.networks, node);
    const description = String(api.views.networks.getTreeItem(member).description);
    assert.match(description, /^\d+\.\d+\.\d+\.\d+/);
    assert.match(description, /api-alias/);
    api.views.networks.setShowBuiltIn(false);
    try {
      assert.ok(!(await childrenOf(api.views.networks)).some((n) => ['bridge', 'host', 'none'].includes(String(api.views.networks.getTreeItem(n).label))));
    } finally {
      api.views.networks.setShowBuiltIn(true);
    }
  });
});
