// With the display language set to Simplified Chinese: the image contents and vulnerability
// features speak it too (manifest titles, the view's texts, the layer explanation). Runs only in
// the window the launcher opens with a locale (see l10n.test.ts).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, TEST_IMAGE, activateExtension, testDocker, waitFor } from './helpers';

const LOCALE = process.env.DWB_TEST_LOCALE;

if (LOCALE) {
  describe(`locale ${LOCALE}: image contents`, function () {
    this.timeout(60_000);

    it('the commands, the Image Contents view and the layer explanation are in Chinese', async () => {
      type Text = string | { value: string; original: string };
      const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: { command: string; title: Text }[] } };
      const title = (id: string) => {
        const t = manifest.contributes.commands.find((c) => c.command === id)?.title;
        return typeof t === 'object' ? t.value : t;
      };
      assert.equal(title('dockerWorkbench.images.analyze'), '分析镜像层和软件包');
      assert.equal(title('dockerWorkbench.images.scanVulnerabilities'), '扫描已知漏洞');

      const api = await activateExtension();
      await api.views.images.getChildren();
      await waitFor('the engine model to connect', () => api.model.state.status === 'connected');
      const image = await testDocker().getImage(TEST_IMAGE).inspect();
      const ctx = { active: api.active, log: { info: () => undefined, warn: () => undefined } } as never;
      const analysis = await api.imageContents.analyze(ctx, { reference: TEST_IMAGE, imageId: image.Id });
      assert.ok(analysis);
      const view = api.imageContents.view;
      const roots = view.getChildren();
      assert.match(String(view.getTreeItem(roots[0]!).description), /效率 \d+\.\d% · 浪费 0 B/);
      assert.equal(view.getTreeItem(roots.find((n) => n.kind === 'explain')!).label, '什么是镜像层？');
      const explained = await vscode.commands.executeCommand<vscode.TextDocument>('dockerWorkbench.imageContents.explain');
      assert.match(explained.getText(), /^# 镜像层详解/);
      assert.match(explained.getText(), /`RUN rm \/big`/);
    });
  });
}
