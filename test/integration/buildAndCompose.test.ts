// Build and compose workflows end to end: the docker-build task through the CLI and through the
// Engine API, its problem matcher, what was built recorded for the language server; compose up
// and down with every compose CLI installed here (docker-compose v1, and the v2 plugin when present),
// volumes kept unless asked.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ComposeView, projectKey } from '../../client/src/compose/composeView';
import { activateExtension, testDocker, uniqueName, waitFor, writeFiles, commandTestSetup } from './helpers';

describe('build and compose workflows', function () {
  this.timeout(180_000);
  const docker = testDocker();
  const setup = commandTestSetup();
  const { cleanup } = setup;


  it('builds an image with the docker-build task, records its layers, and sees the cache on a rebuild', async () => {
    const api = await activateExtension();
    const dir = writeFiles(uniqueName('build-ok'), { Dockerfile: 'FROM busybox\nRUN echo built > /built\nENV GREETING=hi\nCMD ["cat", "/built"]\n' });
    const tag = `dwb-test/${uniqueName('built')}:v1`;
    cleanup.push(() => docker.getImage(tag).remove({ force: true }));
    const dockerfile = vscode.Uri.file(path.join(dir, 'Dockerfile'));
    setup.prompts.next('input', tag).next('pickMany', []);
    const outcome = await vscode.commands.executeCommand<{ ok: boolean }>('dockerWorkbench.images.build', dockerfile);
    assert.equal(outcome?.ok, true);
    const image = await docker.getImage(tag).inspect();
    assert.deepEqual(image.Config.Cmd, ['cat', '/built']);
    const fact = api.builtImages.forDockerfile(dockerfile.toString());
    assert.equal(fact?.imageId, image.Id);
    assert.ok(fact.layers.some((l) => /echo built/.test(l.createdBy)), 'the history is recorded');

    setup.prompts.next('input', tag).next('pickMany', []);
    await vscode.commands.executeCommand('dockerWorkbench.images.build', dockerfile);
    const rebuilt = api.builtImages.forDockerfile(dockerfile.toString())!;
    const runLayer = rebuilt.layers.find((l) => /echo built/.test(l.createdBy));
    assert.equal(runLayer?.cached, true, 'the unchanged RUN came from the cache');
    assert.equal(setup.prompts.asked[2]!.message, setup.prompts.asked[0]!.message);
    assert.equal(setup.prompts.asked[0]!.title?.endsWith('image name and tag'), true);
  });

  it('puts a build failure on the Dockerfile line that failed (problem matcher)', async () => {
    const dir = writeFiles(uniqueName('build-fail'), { Dockerfile: 'FROM busybox\n\nRUN echo about to fail \\\n  && exit 3\nCMD ["true"]\n' });
    const dockerfile = vscode.Uri.file(path.join(dir, 'Dockerfile'));
    setup.prompts.next('input', `dwb-test/${uniqueName('fail')}:x`).next('pickMany', []);
    const outcome = await vscode.commands.executeCommand<{ ok: boolean }>('dockerWorkbench.images.build', dockerfile);
    assert.equal(outcome?.ok, false);
    const diagnostics = await waitFor('the build error on the Dockerfile', () => {
      const found = vscode.languages.getDiagnostics(dockerfile).filter((d) => d.source === 'docker build');
      return found.length ? found : undefined;
    });
    assert.equal(diagnostics[0]!.range.start.line, 2, 'the RUN that failed starts on line 3');
    assert.match(diagnostics[0]!.message, /exit code: 3|non-zero code: 3/);
  });

  it('builds through the Engine API when there is no docker CLI, honouring .dockerignore, and stops at a --target stage', async () => {
    const config = vscode.workspace.getConfiguration('dockerWorkbench');
    await config.update('dockerPath', '/nonexistent/docker', vscode.ConfigurationTarget.Global);
    cleanup.push(() => Promise.resolve(config.update('dockerPath', undefined, vscode.ConfigurationTarget.Global)));
    const dir = writeFiles(uniqueName('build-api'), {
      Dockerfile: 'FROM busybox AS base\nCOPY . /ctx\nRUN ls /ctx > /listing\n\nFROM base AS final\nRUN echo final > /final\n',
      '.dockerignore': 'secret.txt\n',
      'secret.txt': 'do not send me',
      'app.txt': 'hello',
    });
    const tag = `dwb-test/${uniqueName('api')}:base`;
    cleanup.push(() => docker.getImage(tag).remove({ force: true }));
    setup.prompts.next('input', tag).next('pickMany', []);
    const outcome = await vscode.commands.executeCommand<{ ok: boolean }>('dockerWorkbench.images.build', { dockerfileUri: vscode.Uri.file(path.join(dir, 'Dockerfile')).toString(), target: 'base' });
    assert.equal(outcome?.ok, true);
    const container = await docker.createContainer({ Image: tag, Cmd: ['cat', '/listing'], Tty: true });
    cleanup.push(() => container.remove({ force: true }));
    await container.start();
    await container.wait();
    const listing = (await container.logs({ stdout: true, follow: false })).toString();
    assert.match(listing, /app\.txt/);
    assert.doesNotMatch(listing, /secret\.txt/, '.dockerignore kept the secret out of the context');
    await assert.rejects(docker.getImage(tag).inspect().then(async (i) => {
      const c = await docker.createContainer({ Image: i.Id, Cmd: ['cat', '/final'] });
      cleanup.push(() => c.remove({ force: true }));
      await c.start();
      const r = await c.wait();
      if (r.StatusCode !== 0) throw new Error('no /final: the build stopped at the base stage');
    }), /stopped at the base stage/);
  });

  // Every compose CLI on the machine: docker-compose v1 always (npm test installs it), the v2 plugin
  // when present. None at all is a failure, not a skip.
  const flavors = installedComposeCommands();
  if (flavors.length === 0) it('a compose CLI is installed (docker-compose or the docker compose plugin)', () => assert.fail('no compose CLI found'));
  for (const command of flavors) {
    it(`compose (${command}): up two services, down keeps the volume, a single service from a code lens, profiles, resolved config, down with volumes`, async () => {
      const api = await activateExtension();
      const settings = vscode.workspace.getConfiguration('dockerWorkbench');
      await settings.update('compose.command', command, vscode.ConfigurationTarget.Global);
      cleanup.push(async () => settings.update('compose.command', undefined, vscode.ConfigurationTarget.Global));
      const folder = uniqueName('shopapp').replace(/-/g, '');
      const project = folder; // docker-compose v1 lower-cases and keeps [a-z0-9_-]
      const dir = writeFiles(folder, {
        'compose.yaml': [
          'services:',
          '  web:',
          '    image: busybox',
          '    command: ["httpd", "-f", "-p", "80"]',
          '    volumes: ["data:/data"]',
          '  db:',
          '    image: busybox',
          '    command: ["sleep", "300"]',
          '  job:',
          '    image: busybox',
          '    command: ["sleep", "300"]',
          '    profiles: ["jobs"]',
          'volumes:',
          '  data: {}',
          '',
        ].join('\n'),
      });
      const file = vscode.Uri.file(path.join(dir, 'compose.yaml'));
      cleanup.push(async () => {
        for (const c of await docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } })) await docker.getContainer(c.Id).remove({ force: true });
        for (const n of await docker.listNetworks({ filters: { label: [`com.docker.compose.project=${project}`] } })) await docker.getNetwork(n.Id).remove().catch(() => undefined);
        await docker.getVolume(`${project}_data`).remove().catch(() => undefined);
      });
      const running = async () => (await docker.listContainers({ filters: { label: [`com.docker.compose.project=${project}`] } })).map((c) => c.Labels['com.docker.compose.service']).sort();

      setup.prompts.next('pickMany', []);
      await vscode.commands.executeCommand('dockerWorkbench.compose.up', file);
      assert.deepEqual(await running(), ['db', 'web']);
      assert.ok((await docker.listNetworks()).some((n) => n.Name === `${project}_default`));
      assert.equal((await docker.getVolume(`${project}_data`).inspect()).Name, `${project}_data`);

      // The Compose view: project → services → containers.
      api.composeView.refresh();
      const projectNode = await waitFor('the project in the Compose view', async () => (await api.composeView.getChildren()).find((n) => n.kind === 'project' && n.project.name === project));
      const services = await api.composeView.getChildren(projectNode);
      assert.deepEqual(services.map((s) => (s.kind === 'service' ? s.service : '')), ['db', 'job', 'web']);
      const web = services.find((s) => s.kind === 'service' && s.service === 'web')!;
      await waitFor('the web container under its service', async () => (await api.composeView.getChildren(web)).length === 1);

      await waitFor('the volume in the model', () => api.model.volumes.has(`${project}_data`));
      setup.prompts.next('confirm', (asked) => asked.buttons?.[0]);
      await vscode.commands.executeCommand('dockerWorkbench.compose.down', projectNode);
      const asked = setup.prompts.asked.at(-1)!;
      assert.match(asked.detail!, new RegExp(`${project}_data`), 'the warning names the volume');
      assert.deepEqual(asked.buttons, ['Down (Keep Volumes)', 'Down and Delete Volumes…']);
      assert.deepEqual(await running(), []);
      assert.equal((await docker.getVolume(`${project}_data`).inspect()).Name, `${project}_data`, 'down kept the volume');

      // What the language server's code lens sends: one service, no questions.
      await vscode.commands.executeCommand('dockerWorkbench.compose.up', { composeFileUri: file.toString(), services: ['db'] });
      assert.deepEqual(await running(), ['db']);

      setup.prompts.next('pickMany', ['Choose profiles…']).next('pickMany', ['jobs']);
      await vscode.commands.executeCommand('dockerWorkbench.compose.up', file);
      assert.deepEqual(await running(), ['db', 'job', 'web']);

      await vscode.commands.executeCommand('dockerWorkbench.compose.config', file);
      const resolved = await waitFor('the resolved config', () => vscode.window.activeTextEditor?.document.uri.scheme === 'docker-workbench-report' && vscode.window.activeTextEditor.document.getText());
      assert.match(resolved, /services:/);
      assert.match(resolved, /httpd/);

      await waitFor('the volume in the model', () => api.model.volumes.has(`${project}_data`));
      setup.prompts.next('confirm', (a) => a.buttons?.[1]).accept();
      await vscode.commands.executeCommand('dockerWorkbench.compose.down', file);
      assert.match(setup.prompts.asked.at(-1)!.detail!, /cannot be undone/);
      await assert.rejects(docker.getVolume(`${project}_data`).inspect(), /no such volume/i);
    });
  }

  it('the Compose view draws a project\'s services from its file in a first session and from the last session\'s list after, the CLI corrects them, and a changed file is listed again', async () => {
    const api = await activateExtension();
    const dir = writeFiles(uniqueName('remembered').replace(/-/g, ''), { 'compose.yaml': 'services:\n  web:\n    image: busybox\n  db:\n    image: busybox\n' });
    const state = new MemoryState();
    const session = () => new ComposeView(api.model, api.active, state);
    const first = session();
    const project = (await first.allProjects()).find((p) => p.folder === dir)!;
    assert.ok(project, 'the project of the new folder');
    assert.deepEqual(await first.servicesOf(project), ['db', 'web']);
    // The first answer came from the file; the CLI's list is remembered once it has run.
    const remembered = await waitFor('the list the CLI gave, remembered', () => state.get<Record<string, { stamp: string; services: string[] }>>('compose.services')?.[projectKey(project)]);
    assert.deepEqual(remembered.services.slice().sort(), ['db', 'web']);
    first.dispose();

    // The next session answers with what was remembered (made different here, to see which answered)
    // before the CLI has run, and draws again once it has.
    remembered.services = ['db', 'old'];
    const second = session();
    const redrawn = new Promise((resolve) => second.onDidChangeTreeData(resolve));
    assert.deepEqual(await second.servicesOf(project), ['db', 'old']);
    await redrawn;
    assert.deepEqual(await second.servicesOf(project), ['db', 'web']);
    second.dispose();

    // A file that changed is not answered from memory.
    fs.appendFileSync(path.join(dir, 'compose.yaml'), '  cache:\n    image: busybox\n');
    const third = session();
    assert.deepEqual(await third.servicesOf(project), ['cache', 'db', 'web']);
    third.dispose();
  });
});

/** workspaceState for a Compose view of the test's own: a plain map. */
class MemoryState implements vscode.Memento {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, defaultValue?: T): T | undefined {
    return (this.values.has(key) ? this.values.get(key) : defaultValue) as T | undefined;
  }
  update(key: string, value: unknown): Thenable<void> {
    this.values.set(key, value);
    return Promise.resolve();
  }
}

/** The compose commands that answer `version` here, as the setting spells them. */
function installedComposeCommands(): string[] {
  const answers = (command: string, args: string[]) => spawnSync(command, args, { encoding: 'utf8', timeout: 20_000 }).status === 0;
  return [
    ...(answers('docker-compose', ['version']) ? ['docker-compose'] : []),
    ...(answers('docker', ['compose', 'version']) ? ['docker compose'] : []),
  ];
}
