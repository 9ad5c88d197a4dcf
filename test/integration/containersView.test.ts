import * as assert from 'node:assert/strict';
import { activateExtension, testDocker, TEST_IMAGE, uniqueName, waitFor } from './helpers';

describe('Containers view', () => {
  it('lists a container created through the engine, and drops it when it is removed', async () => {
    const api = await activateExtension();
    const docker = testDocker();
    const name = uniqueName('dwb-view-test');
    // getChildren is what VS Code calls to render the view; it also starts the model lazily.
    api.views.containers.getChildren();
    await waitFor('the engine model to connect', () => api.model.state.status === 'connected');

    const container = await docker.createContainer({ Image: TEST_IMAGE, name, Cmd: ['sleep', '60'] });
    try {
      const node = await waitFor('the new container in the Containers view', () =>
        api.views.containers.getChildren().find((n) => n.type === 'resource' && n.id === container.id),
      );
      const item = api.views.containers.getTreeItem(node);
      assert.equal(item.label, name);
      assert.match(String(item.description), /dwb-test\/busybox/);
      assert.match(String(item.contextValue), /^container\.created$/);

      await container.start();
      await waitFor('the container node to show it running', () =>
        /^container\.running$/.test(String(api.views.containers.getTreeItem(node).contextValue)),
      );
    } finally {
      await container.remove({ force: true });
    }
    await waitFor('the removed container to leave the view', () =>
      !api.views.containers.getChildren().some((n) => n.type === 'resource' && n.id === container.id),
    );
  });
});
