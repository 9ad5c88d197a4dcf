// Image, volume, network and system commands against the real engine: what they change, and
// that nothing goes without a confirmation that says what.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, childrenOf, testDocker, TEST_IMAGE, uniqueName, waitFor, waitForChildren, commandTestSetup } from './helpers';

describe('image, volume, network and system commands', () => {
  const docker = testDocker();
  const setup = commandTestSetup();
  const { cleanup } = setup;


  async function tagNode(repo: string, tag: string) {
    const api = await activateExtension();
    const group = await waitForChildren(`the ${repo} group`, api.views.images, (nodes) => nodes.find((n) => n.kind === 'group' && n.id === repo));
    return waitForChildren(`the ${tag} tag`, api.views.images, (nodes) => nodes.find((n) => n.data?.tag === tag), group);
  }

  it('tags an image, and removing one of its names only untags', async () => {
    const repo = `dwb-test/${uniqueName('img')}`;
    await docker.getImage(TEST_IMAGE).tag({ repo, tag: 'one' });
    cleanup.push(() => docker.getImage(`${repo}:one`).remove());
    setup.prompts.next('input', `${repo}:two`);
    await vscode.commands.executeCommand('dockerWorkbench.images.tag', await tagNode(repo, 'one'));
    cleanup.push(() => docker.getImage(`${repo}:two`).remove());
    const image = await docker.getImage(`${repo}:two`).inspect();
    assert.ok(image.RepoTags.includes(`${repo}:one`));

    setup.prompts.accept();
    await vscode.commands.executeCommand('dockerWorkbench.images.remove', await tagNode(repo, 'two'));
    assert.match(setup.prompts.asked.at(-1)!.detail!, /only this name is removed/);
    await assert.rejects(docker.getImage(`${repo}:two`).inspect(), /no such image/i);
    assert.ok((await docker.getImage(`${repo}:one`).inspect()).Id, 'the image itself stays');
  });

  it('names the containers that use an image before removing it, and offers only a forced removal', async () => {
    const repo = `dwb-test/${uniqueName('used')}`;
    await docker.getImage(TEST_IMAGE).tag({ repo, tag: 'x' });
    const image = await docker.getImage(`${repo}:x`).inspect();
    // Give the image an identity of its own so removing it does not touch the test image.
    const base = await docker.createContainer({ Image: `${repo}:x`, Cmd: ['true'] });
    const own = await base.commit({ repo, tag: 'x' });
    await base.remove();
    void image;
    const user = await docker.createContainer({ Image: `${repo}:x`, name: uniqueName('dwb-user'), Cmd: ['sleep', '300'] });
    cleanup.push(() => docker.getImage(own.Id).remove({ force: true }));
    cleanup.push(() => user.remove({ force: true }));
    const api = await activateExtension();
    await waitFor('the user container in the model', () => api.model.containers.has(user.id));
    setup.prompts.decline();
    await vscode.commands.executeCommand('dockerWorkbench.images.remove', await tagNode(repo, 'x'));
    const asked = setup.prompts.asked.at(-1)!;
    assert.match(asked.detail!, /used by: dwb-user/);
    assert.deepEqual(asked.buttons, ['Force Remove']);
    assert.ok((await docker.getImage(`${repo}:x`).inspect()).Id, 'declined: still there');
  });

  it('shows an image history as a read-only document', async () => {
    await vscode.commands.executeCommand('dockerWorkbench.images.history', await tagNode('dwb-test/busybox', 'latest'));
    const editor = await waitFor('the history document', () => vscode.window.activeTextEditor?.document.uri.scheme === 'docker-workbench-report' && vscode.window.activeTextEditor);
    assert.match(editor.document.getText(), /COPY .* in \/bin\/busybox/);
    assert.match(editor.document.getText(), /CMD \["\/bin\/sh"\]/);
  });

  it('prunes dangling images after listing them', async () => {
    const c = await docker.createContainer({ Image: TEST_IMAGE, Cmd: ['true'] });
    const committed = await c.commit({});
    await c.remove();
    const api = await activateExtension();
    await waitFor('the dangling image', () => api.model.images.has(committed.Id));
    setup.prompts.accept();
    await vscode.commands.executeCommand('dockerWorkbench.images.pruneDangling');
    assert.match(setup.prompts.asked[0]!.detail!, new RegExp(committed.Id.slice(7, 19)));
    await assert.rejects(docker.getImage(committed.Id).inspect(), /no such image/i);
  });

  it('creates a volume, refuses to remove it while a container uses it, then removes it after confirming', async () => {
    const api = await activateExtension();
    const name = uniqueName('dwb-vol');
    setup.prompts.next('input', name);
    await vscode.commands.executeCommand('dockerWorkbench.volumes.create');
    cleanup.push(() => docker.getVolume(name).remove());
    assert.equal((await docker.getVolume(name).inspect()).Name, name);
    const user = await docker.createContainer({ Image: TEST_IMAGE, name: uniqueName('dwb-voluser'), Cmd: ['true'], HostConfig: { Binds: [`${name}:/data`] } });
    cleanup.push(() => user.remove({ force: true }));
    const node = await waitForChildren('the volume, in use', api.views.volumes, (nodes) => {
      const n = nodes.find((x) => x.id === name);
      return n && /1 container\b/.test(String(api.views.volumes.getTreeItem(n).description)) ? n : undefined;
    });
    await vscode.commands.executeCommand('dockerWorkbench.volumes.remove', node);
    assert.equal((await docker.getVolume(name).inspect()).Name, name, 'refused while in use (and no question asked)');

    await user.remove();
    await waitFor('the volume to be unused', () => /unused/.test(String(api.views.volumes.getTreeItem(node).description)));
    setup.prompts.accept();
    await vscode.commands.executeCommand('dockerWorkbench.volumes.remove', node);
    assert.match(setup.prompts.asked.at(-1)!.detail!, new RegExp(name));
    await assert.rejects(docker.getVolume(name).inspect(), /no such volume/i);
  });

  it('prunes exactly the unused volumes it listed', async () => {
    const unused = uniqueName('dwb-unused');
    const used = uniqueName('dwb-used');
    await docker.createVolume({ Name: unused });
    await docker.createVolume({ Name: used });
    cleanup.push(() => docker.getVolume(used).remove());
    cleanup.push(() => docker.getVolume(unused).remove());
    const user = await docker.createContainer({ Image: TEST_IMAGE, Cmd: ['true'], HostConfig: { Binds: [`${used}:/data`] } });
    cleanup.push(() => user.remove({ force: true }));
    const api = await activateExtension();
    await waitFor('both volumes and the user in the model', () => api.model.volumes.has(unused) && api.model.volumes.has(used) && api.model.containers.has(user.id));
    setup.prompts.accept();
    await vscode.commands.executeCommand('dockerWorkbench.volumes.prune');
    const listed = setup.prompts.asked[0]!.detail!;
    assert.match(listed, new RegExp(unused));
    assert.doesNotMatch(listed, new RegExp(used));
    await assert.rejects(docker.getVolume(unused).inspect(), /no such volume/i);
    assert.ok(await docker.getVolume(used).inspect());
  });

  it('creates a network, connects a container with an alias, disconnects it, and removes the network', async () => {
    const api = await activateExtension();
    const name = uniqueName('dwb-netcmd');
    setup.prompts.next('input', name).next('pick', 'bridge').next('input', '172.29.7.0/24').next('input', '172.29.7.1').next('pickMany', ['Internal']);
    await vscode.commands.executeCommand('dockerWorkbench.networks.create');
    cleanup.push(() => docker.getNetwork(name).remove());
    const network = await docker.getNetwork(name).inspect();
    assert.equal(network.IPAM?.Config?.[0]?.Subnet, '172.29.7.0/24');
    assert.equal(network.Internal, true);

    const c = await docker.createContainer({ Image: TEST_IMAGE, name: uniqueName('dwb-joiner'), Cmd: ['sleep', '300'] });
    cleanup.push(() => c.remove({ force: true }));
    await c.start();
    await waitFor('the container in the model', () => api.model.containers.has(c.id));
    const netNode = await waitForChildren('the network node', api.views.networks, (nodes) => nodes.find((n) => n.id === network.Id));
    setup.prompts.next('pick', (_asked: unknown, items: unknown) => (items as Array<{ container: { Id: string } }>).find((i) => i.container.Id === c.id)).next('input', 'db, cache');
    await vscode.commands.executeCommand('dockerWorkbench.networks.connect', netNode);
    const endpoint = (await c.inspect()).NetworkSettings.Networks[name];
    assert.ok(endpoint?.Aliases?.includes('db') && endpoint.Aliases.includes('cache'));

    const member = await waitFor('the member node', async () => (await childrenOf(api.views.networks, netNode)).find((n) => n.data?.containerId === c.id));
    await vscode.commands.executeCommand('dockerWorkbench.networks.disconnect', member);
    assert.equal((await c.inspect()).NetworkSettings.Networks[name], undefined);

    await waitFor('the network to be unused', () => /^network:unused/.test(String(api.views.networks.getTreeItem(netNode).contextValue)));
    setup.prompts.accept();
    await vscode.commands.executeCommand('dockerWorkbench.networks.remove', netNode);
    await assert.rejects(docker.getNetwork(name).inspect(), /not found/i);
  });

  it('system prune leaves volumes alone unless they are chosen', async () => {
    const volume = uniqueName('dwb-keep');
    await docker.createVolume({ Name: volume });
    cleanup.push(() => docker.getVolume(volume).remove());
    const stopped = await docker.createContainer({ Image: TEST_IMAGE, name: uniqueName('dwb-stopped'), Cmd: ['true'] });
    const api = await activateExtension();
    await waitFor('the model', () => api.model.volumes.has(volume) && api.model.containers.has(stopped.id));
    setup.prompts.next('pickMany', 'defaults').accept();
    await vscode.commands.executeCommand('dockerWorkbench.system.prune');
    const choices = setup.prompts.asked[0]!.items!;
    assert.ok(choices.some((c) => /volumes/i.test(c)));
    assert.doesNotMatch(setup.prompts.asked[1]!.detail!, /volumes/i);
    await assert.rejects(stopped.inspect(), /no such container/i);
    assert.ok(await docker.getVolume(volume).inspect(), 'the volume survives');
  });

  it('shows disk usage and engine facts', async () => {
    await vscode.commands.executeCommand('dockerWorkbench.system.diskUsage');
    const usage = await waitFor('the disk usage document', () => /disk-usage/.test(vscode.window.activeTextEditor?.document.uri.path ?? '') && vscode.window.activeTextEditor!.document.getText());
    assert.match(usage, /TYPE\s+TOTAL\s+ACTIVE\s+SIZE\s+RECLAIMABLE/);
    assert.match(usage, /Images\s+\d+/);
    await vscode.commands.executeCommand('dockerWorkbench.system.info');
    const info = await waitFor('the engine info document', () => /engine-info/.test(vscode.window.activeTextEditor?.document.uri.path ?? '') && vscode.window.activeTextEditor!.document.getText());
    assert.match(info, /Server version\s+20\./);
    assert.match(info, /Storage driver\s+overlay2/);
  });
});
