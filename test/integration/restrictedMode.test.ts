// In a workspace VS Code does not trust (Restricted Mode), nothing runs a program: the Compose view
// shows running projects from their containers' labels and an item about trusting the folder,
// compose and build commands refuse, and no CLI is detected. Runs only in the window the launcher
// opens with Workspace Trust on and an untrusted folder (DWB_TEST_RESTRICTED, see
// runIntegration.mjs); the usual window registers nothing here.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, commandTestSetup, testDocker, TEST_IMAGE, uniqueName, waitFor, workspaceDir } from './helpers';
import { detectDockerCli } from '../../client/src/build/dockerCli';
import { detectComposeCli } from '../../client/src/compose/composeCli';

if (process.env.DWB_TEST_RESTRICTED) {
  describe('restricted mode: a workspace that is not trusted', function () {
    this.timeout(120_000);
    const docker = testDocker();
    const setup = commandTestSetup();
    const { cleanup } = setup;

    it('VS Code reports the workspace as not trusted', () => {
      assert.equal(vscode.workspace.isTrusted, false);
    });

    it('the Compose view shows running projects from labels and explains trust; compose and build refuse; no program runs', async () => {
      const api = await activateExtension();
      const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-restricted-'));
      cleanup.push(async () => fs.rmSync(scratch, { recursive: true, force: true }));
      // Probes in front of the CLIs record any run.
      const log = path.join(scratch, 'ran.log');
      const probe = (name: string) => {
        const file = path.join(scratch, name);
        fs.writeFileSync(file, `#!/bin/sh\necho "${name} $*" >> '${log}'\nexit 1\n`, { mode: 0o755 });
        return file;
      };
      probe('docker-compose');
      const dockerProbe = probe('docker');
      const oldPath = process.env.PATH;
      process.env.PATH = `${scratch}${path.delimiter}${oldPath}`;
      const config = vscode.workspace.getConfiguration('dockerWorkbench');
      await config.update('dockerPath', dockerProbe, vscode.ConfigurationTarget.Global);
      cleanup.push(async () => {
        process.env.PATH = oldPath;
        await config.update('dockerPath', undefined, vscode.ConfigurationTarget.Global);
      });

      const project = uniqueName('untrusted').replace(/-/g, '');
      const dir = path.join(workspaceDir(), project);
      fs.mkdirSync(dir);
      const file = path.join(dir, 'compose.yaml');
      fs.writeFileSync(file, 'services:\n  web:\n    image: busybox\n    command: ["sleep", "300"]\n  db:\n    image: busybox\n');
      const container = await docker.createContainer({
        Image: TEST_IMAGE,
        name: uniqueName('dwb-untrusted'),
        Cmd: ['sleep', '300'],
        Labels: { 'com.docker.compose.project': project, 'com.docker.compose.service': 'web', 'com.docker.compose.project.working_dir': dir, 'com.docker.compose.project.config_files': file },
      });
      cleanup.push(() => container.remove({ force: true }));
      await container.start();
      await waitFor('the container in the model', () => api.model.containers.get(container.id)?.State === 'running');

      api.composeView.refresh();
      const roots = await api.composeView.getChildren();
      const node = roots.find((n) => n.kind === 'project' && n.project.name === project);
      assert.ok(node && node.kind === 'project' && node.project.fromLabels, 'the running project, known from its labels');
      assert.deepEqual((await api.composeView.getChildren(node)).map((s) => (s.kind === 'service' ? s.service : '')), ['web']);
      const message = roots.find((n) => n.kind === 'message');
      assert.ok(message && message.kind === 'message' && /trust this folder/i.test(message.text));

      // Commands refuse (with a warning) instead of running compose or a build.
      assert.equal(await vscode.commands.executeCommand('dockerWorkbench.compose.up', vscode.Uri.file(file)), undefined);
      assert.equal(await vscode.commands.executeCommand('dockerWorkbench.compose.config', node), undefined);
      assert.equal(await vscode.commands.executeCommand('dockerWorkbench.images.build', vscode.Uri.file(path.join(dir, 'Dockerfile'))), undefined);
      assert.equal(await detectDockerCli(process.env), undefined);
      assert.equal(await detectComposeCli(process.env), undefined);
      assert.deepEqual((await docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } })).map((c) => c.Id), [container.id], 'no compose ran');
      assert.equal(fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '', '', 'no program ran');
    });
  });
}
