// Podman for real: Debian's podman serving its Docker-compatible API (`podman system service`) on
// a private socket, reached through a Docker context. The Containers, Images, Volumes and Networks
// views list and act on it; a pod shows as a group; the Networks view says it cannot follow
// changes made elsewhere (Podman sends no network events) and still follows what it does itself.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import Dockerode from 'dockerode';
import { activateExtension, childrenOf, commandTestSetup, uniqueName, waitFor, waitForChildren, writeDockerContext } from './helpers';
import { startPrivatePodman, PODMAN_TEST_IMAGE } from '../engine/privatePodman.mjs';

const writeContext = (configDir: string, name: string, host: string) => writeDockerContext(configDir, name, host, { description: 'podman test engine' });

/** Podman's own API for what the Docker one lacks (pods). */
function libpod(podman: Dockerode, method: string, apiPath: string, body?: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => podman.modem.dial({ path: `/v4.0.0/libpod${apiPath}`, method, options: body ?? {}, statusCodes: { 200: true, 201: true, 204: true, 404: 'not found', 500: 'server error' } }, (e: unknown, data: unknown) => (e ? reject(e) : resolve(data))));
}

describe('podman: the views against Podman\'s Docker-compatible API', function () {
  this.timeout(240_000);
  const setup = commandTestSetup();
  let podman: Awaited<ReturnType<typeof startPrivatePodman>>;
  let client: Dockerode;
  let configDir = '';
  const saved = process.env.DOCKER_CONFIG;

  before(async () => {
    podman = await startPrivatePodman();
    client = new Dockerode({ socketPath: podman.socketPath });
    configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-podman-config-'));
    writeContext(configDir, 'dwb-podman', podman.host);
    process.env.DOCKER_CONFIG = configDir;
  });

  afterEach(async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('dockerWorkbench.engine.use', { kind: 'engine', id: 'env' });
    await waitFor('back on the test engine', () => api.model.state.status === 'connected');
  });

  after(async () => {
    if (saved === undefined) delete process.env.DOCKER_CONFIG;
    else process.env.DOCKER_CONFIG = saved;
    await podman?.stop();
    if (configDir) fs.rmSync(configDir, { recursive: true, force: true });
  });

  const usePodman = async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('dockerWorkbench.engine.use', { kind: 'engine', id: 'context:dwb-podman' });
    await waitFor('connected to podman', () => api.model.state.status === 'connected', 30_000).catch((error: Error) => {
      throw new Error(`${error.message}; the model says ${JSON.stringify(api.model.state.status === 'unreachable' ? api.model.state.error.message : api.model.state.status)}`);
    });
    assert.equal(api.model.flavor, 'podman');
    return api;
  };

  it('lists containers (a pod as a group), images, volumes and networks, and says where it cannot be live', async () => {
    const loose = await client.createContainer({ Image: PODMAN_TEST_IMAGE, name: uniqueName('dwbpod-loose'), Cmd: ['sleep', '300'], HostConfig: { NetworkMode: 'none' } });
    await loose.start();
    const pod = uniqueName('dwbpod');
    await libpod(client, 'POST', '/pods/create', { name: pod, no_infra: true });
    const member = uniqueName('dwbpod-member');
    await libpod(client, 'POST', '/containers/create', { image: PODMAN_TEST_IMAGE, name: member, command: ['sleep', '300'], pod, netns: { nsmode: 'none' } });
    await client.createVolume({ Name: 'dwbpod-data' });

    const api = await usePodman();
    const containers = await waitForChildren('the pod group and the loose container', api.views.containers, (nodes) =>
      nodes.some((n) => n.id === `pod:${pod}`) && nodes.some((n) => n.id === loose.id) ? nodes : undefined);
    const group = containers.find((n) => n.id === `pod:${pod}`)!;
    const groupItem = api.views.containers.getTreeItem(group);
    assert.equal(groupItem.label, pod);
    assert.match(String(groupItem.description), /^pod · 0 of 1 running/);
    const members = await childrenOf(api.views.containers, group);
    assert.equal(members.length, 1);
    assert.equal(api.views.containers.getTreeItem(members[0]).label, member);
    assert.equal(api.views.containers.getTreeItem(containers.find((n) => n.id === loose.id)).contextValue, 'container:running');

    const images = await waitForChildren('the busybox image', api.views.images, (nodes) => nodes.find((n) => /dwb-test\/busybox$/.test(n.id)));
    assert.match(images.id, /^(docker\.io\/|localhost\/)?dwb-test\/busybox$/);
    await waitForChildren('the volume', api.views.volumes, (nodes) => nodes.some((n) => n.id === 'dwbpod-data'));
    const networks = await childrenOf(api.views.networks);
    assert.ok(networks.length >= 0);
    assert.match(String(api.views.networks.note), /Podman sends no events for networks/);
    assert.equal(api.views.volumes.note, undefined, 'volumes are live on Podman');
    assert.equal(api.swarm.state.role === 'unsupported' || api.swarm.state.role === 'unknown', true);
  });

  it('acts on Podman: stop, start and remove a container; tag and untag an image; create and remove a volume and a network', async () => {
    const api = await usePodman();
    const container = await client.createContainer({ Image: PODMAN_TEST_IMAGE, name: uniqueName('dwbpod-act'), Cmd: ['sleep', '300'], HostConfig: { NetworkMode: 'none' } });
    await container.start();
    const node = await waitForChildren('the container', api.views.containers, (nodes) => nodes.find((n) => n.id === container.id));
    await vscode.commands.executeCommand('dockerWorkbench.containers.stop', node);
    await waitFor('stopped, seen through Podman\'s events', () => api.model.containers.get(container.id)?.State === 'exited', 60_000);
    await vscode.commands.executeCommand('dockerWorkbench.containers.start', node);
    await waitFor('running again', () => api.model.containers.get(container.id)?.State === 'running', 60_000);
    setup.prompts.accept();
    await vscode.commands.executeCommand('dockerWorkbench.containers.remove', node);
    await waitForChildren('the container gone', api.views.containers, (nodes) => !nodes.some((n) => n.id === container.id));

    // Tag, then remove only the new name.
    const repo = await waitForChildren('the busybox repository', api.views.images, (nodes) => nodes.find((n) => /dwb-test\/busybox$/.test(n.id)));
    const [tagNode] = await childrenOf(api.views.images, repo);
    setup.prompts.next('input', 'dwb-test/podman-tagged:v1');
    await vscode.commands.executeCommand('dockerWorkbench.images.tag', tagNode);
    const tagged = await waitForChildren('the new tag', api.views.images, (nodes) => nodes.find((n) => /dwb-test\/podman-tagged$/.test(n.id)));
    const [taggedNode] = await childrenOf(api.views.images, tagged);
    setup.prompts.accept();
    await vscode.commands.executeCommand('dockerWorkbench.images.remove', taggedNode);
    await waitForChildren('the tag gone, the image kept', api.views.images, (nodes) => !nodes.some((n) => /podman-tagged/.test(n.id)) && nodes.some((n) => /dwb-test\/busybox$/.test(n.id)));

    // A volume: its events name it only in their attributes.
    setup.prompts.next('input', 'dwbpod-made');
    await vscode.commands.executeCommand('dockerWorkbench.volumes.create');
    const volume = await waitForChildren('the new volume', api.views.volumes, (nodes) => nodes.find((n) => n.id === 'dwbpod-made'));
    setup.prompts.accept();
    await vscode.commands.executeCommand('dockerWorkbench.volumes.remove', volume);
    await waitForChildren('the volume gone', api.views.volumes, (nodes) => !nodes.some((n) => n.id === 'dwbpod-made'));

    // A network: no event comes, the command re-reads the list itself.
    setup.prompts.next('input', 'dwbpod-net').next('pick', 'bridge').next('input', '').next('pickMany', []);
    await vscode.commands.executeCommand('dockerWorkbench.networks.create');
    const network = await waitForChildren('the new network', api.views.networks, (nodes) => nodes.find((n) => api.model.networks.get(n.id)?.Name === 'dwbpod-net'));
    setup.prompts.accept();
    await vscode.commands.executeCommand('dockerWorkbench.networks.remove', network);
    await waitForChildren('the network gone', api.views.networks, (nodes) => !nodes.some((n) => api.model.networks.get(n.id)?.Name === 'dwbpod-net'));
    assert.ok(!(await client.listNetworks()).some((n) => n.Name === 'dwbpod-net'));
  });
});
