import * as assert from 'node:assert/strict';
import { activateExtension, childrenOf, testDocker, TEST_IMAGE, uniqueName, waitFor, waitForChildren } from './helpers';

describe('Containers view', () => {
  it('lists a container created through the engine, and drops it when it is removed', async () => {
    const api = await activateExtension();
    const docker = testDocker();
    const name = uniqueName('dwb-view-test');
    await childrenOf(api.views.containers); // what VS Code calls to render the view; it starts the model
    await waitFor('the engine model to connect', () => api.model.state.status === 'connected');

    const container = await docker.createContainer({ Image: TEST_IMAGE, name, Cmd: ['sleep', '60'] });
    try {
      const node = await waitForChildren('the new container in the Containers view', api.views.containers, (nodes) =>
        nodes.find((n) => n.kind === 'container' && n.id === container.id),
      );
      const item = api.views.containers.getTreeItem(node);
      assert.equal(item.label, name);
      assert.match(String(item.description), /dwb-test\/busybox/);
      assert.match(String(item.contextValue), /^container:created/);

      await container.start();
      await waitFor('the container node to show it running', () =>
        /^container:running/.test(String(api.views.containers.getTreeItem(node).contextValue)),
      );
    } finally {
      await container.remove({ force: true });
    }
    await waitForChildren('the removed container to leave the view', api.views.containers, (nodes) =>
      !nodes.some((n) => n.kind === 'container' && n.id === container.id),
    );
  });
});
