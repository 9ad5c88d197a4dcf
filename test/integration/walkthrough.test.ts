// The walkthrough's step commands against the private engine: each does what its step says
// (checked through the test's own engine client, while the step's closing notification is up),
// then its Clean Up removes exactly what it made after a confirmation that names it. Also
// "Explain this Dockerfile" and "Remove Everything the Docker Walkthrough Made".
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, childrenOf, testDocker, waitFor, workspaceDir, commandTestSetup } from './helpers';
import type { Asked } from './scriptedPrompts';
import { EngineError } from '../../client/src/engine/engineError';
import { engineAdvice } from '../../client/src/learn/step1Engine';


describe('walkthrough steps and explanations', function () {
  this.timeout(240_000);
  const docker = testDocker();
  const setup = commandTestSetup();
  const { cleanup } = setup;
  const terminals: vscode.Terminal[] = [];

  /** Removes whatever a failed test left behind, by the walkthrough's names. */
  async function removeLearnObjects(): Promise<void> {
    for (const c of await docker.listContainers({ all: true })) {
      const learn = c.Names.some((n) => n.startsWith('/learn-')) || c.Labels?.['com.docker.compose.project'] === 'learn-compose';
      if (learn) await docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined);
    }
    for (const n of await docker.listNetworks()) if (n.Name.startsWith('learn-')) await docker.getNetwork(n.Id).remove().catch(() => undefined);
    for (const v of (await docker.listVolumes()).Volumes ?? []) if (v.Name.startsWith('learn-')) await docker.getVolume(v.Name).remove().catch(() => undefined);
    await docker.getImage('learn-cache:latest').remove({ force: true }).catch(() => undefined);
    fs.rmSync(path.join(workspaceDir(), 'learn-docker'), { recursive: true, force: true });
  }

  before(removeLearnObjects);
  afterEach(async () => {
    for (const t of terminals.splice(0)) t.dispose();
  });
  after(removeLearnObjects);

  const inspect = (name: string) => docker.getContainer(name).inspect();
  const gone = async (probe: () => Promise<unknown>, what: string) => assert.rejects(probe(), /no such|not found/i, `${what} is gone`);
  /** A step report's text once it contains `pattern` (the document follows the report as it grows). */
  const report = (name: string, pattern: RegExp) => waitFor(`${name} to say ${pattern}`, () => {
    const text = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'docker-workbench-learn' && d.uri.path === `/${name}`)?.getText();
    return text !== undefined && pattern.test(text) && text;
  });
  /** The last confirmation asked, which must name every item. */
  const lastConfirm = (): Asked => [...setup.prompts.asked].reverse().find((a) => a.kind === 'confirm')!;

  it('step 1 checks the engine and reports its version; advice for each way it can be unreachable', async () => {
    setup.prompts.next('info', undefined);
    const result = await vscode.commands.executeCommand<{ ok: boolean; version?: string; endpoint: string }>('dockerWorkbench.learn.checkEngine');
    assert.equal(result?.ok, true);
    assert.equal(result.version, (await docker.version()).Version);
    assert.match(result.endpoint, /dwb-engine-/);
    await waitFor('the connected message', () => setup.prompts.asked.some((a) => a.kind === 'info' && /Connected to Docker Engine/.test(a.message ?? '')));
    await report('learn-step-1.md', /Engine version: /);

    assert.match(engineAdvice(new EngineError('socketMissing', 'x'), 'unix:///nowhere.sock'), /no engine socket at unix:\/\/\/nowhere\.sock.*systemctl start docker/);
    assert.match(engineAdvice(new EngineError('permissionDenied', 'x'), 'unix:///s'), /usermod -aG docker \$USER.*log out and back in/);
    assert.match(engineAdvice(new EngineError('refused', 'x'), 'tcp://h:2375'), /Nothing answers at tcp:\/\/h:2375/);
    assert.match(engineAdvice(new EngineError('tls', 'x'), 'tcp://h:2376'), /DOCKER_CERT_PATH/);
    assert.match(engineAdvice(new EngineError('timeout', 'x'), 'ssh://h'), /did not answer in time/);
  });

  it('step 2 runs a background and an interactive container, shows them in the Containers view, opens a shell, and cleans up', async () => {
    const api = await activateExtension();
    setup.prompts.next('info', async (asked: Asked) => {
      assert.match(asked.message!, /learn-background runs in the background/);
      const background = await inspect('learn-background');
      assert.equal(background.State.Running, true);
      assert.deepEqual(background.Config.Cmd, ['sleep', '3600']);
      assert.equal(background.Config.Tty, false);
      const interactive = await inspect('learn-interactive');
      assert.equal(interactive.State.Running, true);
      assert.equal(interactive.Config.Tty, true);
      assert.equal(interactive.Config.OpenStdin, true);
      const names = await waitFor('both containers in the Containers view', async () => {
        const labels = (await childrenOf(api.views.containers)).map((n) => String(api.views.containers.getTreeItem(n).label));
        return labels.includes('learn-background') && labels.includes('learn-interactive') && labels;
      });
      assert.ok(names);
      assert.ok(vscode.window.terminals.some((t) => t.name === 'Shell: learn-background'), 'a shell in the background container');
      return 'Clean Up';
    }).accept('Remove');
    const result = await vscode.commands.executeCommand<{ image: string; terminals: vscode.Terminal[] }>('dockerWorkbench.learn.runContainers');
    terminals.push(...(result?.terminals ?? []));
    assert.equal(result?.image, 'busybox:latest', 'a small local image, no pull');
    assert.match(lastConfirm().detail!, /learn-background/);
    assert.match(lastConfirm().detail!, /learn-interactive/);
    await gone(() => inspect('learn-background'), 'learn-background');
    await gone(() => inspect('learn-interactive'), 'learn-interactive');
    await report('learn-step-2.md', /\$ docker run -d --name learn-background busybox:latest sleep 3600/);
    await report('learn-step-2.md', /\$ docker run -it --name learn-interactive busybox:latest sh/);
  });

  it('step 3 shows that a file written in one container is missing in another from the same image', async () => {
    setup.prompts.next('info', async () => {
      const one = (await docker.getContainer('learn-fs-one').changes()) as Array<{ Path: string }>;
      const two = ((await docker.getContainer('learn-fs-two').changes()) ?? []) as Array<{ Path: string }>;
      assert.ok(one.some((c) => c.Path === '/learn.txt'), 'the file is in the first container\'s writable layer');
      assert.ok(!two.some((c) => c.Path === '/learn.txt'), 'and not in the second one\'s');
      return 'Clean Up';
    }).accept('Remove');
    const result = await vscode.commands.executeCommand<{ inFirst: { exitCode: number; text: string }; inSecond: { exitCode: number; text: string } }>('dockerWorkbench.learn.separateFilesystems');
    assert.equal(result?.inFirst.exitCode, 0);
    assert.match(result.inFirst.text, /Written in learn-fs-one/);
    assert.notEqual(result.inSecond.exitCode, 0);
    assert.match(result.inSecond.text, /No such file/);
    await gone(() => inspect('learn-fs-one'), 'learn-fs-one');
    await gone(() => inspect('learn-fs-two'), 'learn-fs-two');
  });

  it('step 4 shares a named volume between two containers, removes them, and a third reads the data', async () => {
    setup.prompts.next('info', async () => {
      assert.equal((await docker.getVolume('learn-data').inspect()).Name, 'learn-data');
      await gone(() => inspect('learn-volume-one'), 'learn-volume-one (removed by the step)');
      await gone(() => inspect('learn-volume-two'), 'learn-volume-two (removed by the step)');
      const three = await inspect('learn-volume-three');
      assert.ok(three.Mounts.some((m) => m.Name === 'learn-data' && m.Destination === '/data'));
      return 'Clean Up';
    }).accept('Remove');
    const result = await vscode.commands.executeCommand<{ readByThird: string }>('dockerWorkbench.learn.shareVolume');
    assert.match(result.readByThird, /Line written by learn-volume-one\nLine written by learn-volume-two/);
    assert.match(lastConfirm().detail!, /Volumes, with all their data: learn-data/);
    await gone(() => docker.getVolume('learn-data').inspect(), 'the volume');
    await gone(() => inspect('learn-volume-three'), 'learn-volume-three');
  });

  it('step 5 bind-mounts the workspace: a file written there shows inside, and an edit shows at once', async () => {
    const file = path.join(workspaceDir(), 'learn-docker', 'hello.txt');
    setup.prompts.accept('Write the Files').next('info', async () => {
      const container = await inspect('learn-bind');
      assert.ok(container.Mounts.some((m) => m.Type === 'bind' && m.Source === workspaceDir() && m.Destination === '/workspace'));
      assert.equal(container.Config.WorkingDir, '/workspace');
      assert.match(fs.readFileSync(file, 'utf8'), /This line was added in the workspace/);
      return 'Clean Up';
    }).accept('Remove');
    const result = await vscode.commands.executeCommand<{ before: string; after: string }>('dockerWorkbench.learn.bindMount');
    assert.match(setup.prompts.asked[0]!.detail!, /learn-docker\/hello\.txt/, 'it asked before writing, naming the file');
    assert.match(result.before, /Hello from the workspace folder/);
    assert.doesNotMatch(result.before, /added in the workspace/);
    assert.match(result.after, /This line was added in the workspace/);
    assert.match(lastConfirm().detail!, /Workspace files \(moved to the trash\): .*hello\.txt/);
    await gone(() => inspect('learn-bind'), 'learn-bind');
    assert.equal(fs.existsSync(file), false, 'the file went too');
  });

  it('step 6 puts two containers on a network with an alias and reaches one from the other', async () => {
    setup.prompts.next('info', async () => {
      const network = await docker.getNetwork('learn-net').inspect();
      const members = Object.values(network.Containers ?? {}).map((c) => (c as { Name: string }).Name).sort();
      assert.deepEqual(members, ['learn-client', 'learn-web']);
      const web = await inspect('learn-web');
      assert.ok(web.NetworkSettings.Networks['learn-net']!.Aliases?.includes('web'), 'the alias web');
      return 'Clean Up';
    }).accept('Remove');
    const result = await vscode.commands.executeCommand<{ webAddress: string; resolved?: string; reached: boolean }>('dockerWorkbench.learn.network');
    assert.match(result.webAddress, /^\d+\.\d+\.\d+\.\d+$/);
    // Where the engine's DNS for containers answers, "web" must resolve to learn-web's address;
    // where it does not, the report must say so.
    if (result.resolved) assert.equal(result.resolved, result.webAddress);
    else await report('learn-step-6.md', /The name did not resolve/);
    await report('learn-step-6.md', /\$ docker exec learn-client nslookup web/);
    assert.equal(result.reached, true, 'learn-client reached learn-web');
    await gone(() => docker.getNetwork('learn-net').inspect(), 'the network');
    await gone(() => inspect('learn-web'), 'learn-web');
  });

  it('step 7 builds twice, sees the cache in the layers and the inlay hints, explains the Dockerfile, and cleans up', async () => {
    const api = await activateExtension();
    const dockerfile = vscode.Uri.file(path.join(workspaceDir(), 'learn-docker', 'learn-cache', 'Dockerfile'));
    let explained = '';
    let hints: string[] = [];
    setup.prompts.accept('Write the Files').next('info', async () => {
      const image = await docker.getImage('learn-cache:latest').inspect();
      const c = await docker.createContainer({ Image: image.Id, Tty: true });
      await c.start();
      await c.wait();
      const output = (await c.logs({ stdout: true, follow: false })).toString();
      await c.remove({ force: true });
      assert.match(output, /Hello from version 2 of app\.sh/);
      hints = await waitFor('the layer hints in the Dockerfile', async () => {
        const found = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', dockerfile, new vscode.Range(0, 0, 20, 0));
        const labels = (found ?? []).map((h) => `${h.position.line}:${typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')}`);
        return labels.some((l) => /cached/.test(l)) && labels;
      }, 30_000);
      const doc = await vscode.commands.executeCommand<vscode.TextDocument>('dockerWorkbench.dockerfile.explain', dockerfile);
      explained = doc.getText();
      return 'Clean Up';
    }).accept('Remove');
    const result = await vscode.commands.executeCommand<{ first: { ok: boolean }; second: { ok: boolean }; fact?: { layers: Array<{ createdBy: string; cached?: boolean }> } }>('dockerWorkbench.learn.buildCache');
    assert.equal(result?.first.ok, true);
    assert.equal(result.second.ok, true);
    const layers = result.fact!.layers;
    assert.equal(layers.find((l) => /sleep 2/.test(l.createdBy))?.cached, true, 'the unchanged RUN came from the cache');
    // BuildKit records `COPY app.sh .`, the classic builder `COPY file:<digest> in .`.
    assert.equal(layers.filter((l) => /COPY/.test(l.createdBy)).at(-1)?.cached, false, 'the COPY of the changed file ran again');
    assert.ok(api.builtImages.forDockerfile(dockerfile.toString()));
    const runLine = 4; // 0-based: RUN echo "prepared" …
    assert.ok(hints.some((h) => h.startsWith(`${runLine}:`) && /cached/.test(h)), `a "cached" hint on the RUN line: ${hints.join(', ')}`);
    assert.ok(!hints.some((h) => h.startsWith(`${runLine + 2}:`) && /cached/.test(h)), 'no "cached" on the COPY line');
    assert.match(explained, /## Build time and run time/);
    assert.match(explained, /\| 5 \| `RUN echo "prepared" > \/app\/prepared.txt && sleep 2` \| filesystem layer \| [^|]*from the cache \|/);
    assert.match(explained, /\| 7 \| `COPY app.sh .` \| filesystem layer \| [^|]*built again \|/);
    assert.match(lastConfirm().detail!, /Images: learn-cache:latest/);
    await gone(() => docker.getImage('learn-cache:latest').inspect(), 'the image');
    assert.equal(fs.existsSync(dockerfile.fsPath), false, 'the files went too');
  });

  it('step 8 brings the compose app up, takes it down keeping the volume, and cleans up', async () => {
    const project = async () => (await docker.listContainers({ all: true, filters: { label: ['com.docker.compose.project=learn-compose'] } })).map((c) => c.Labels['com.docker.compose.service']).sort();
    setup.prompts
      .accept('Write the Files')
      .next('info', async (asked: Asked) => {
        assert.match(asked.message!, /the app is up/);
        assert.deepEqual(await project(), ['client', 'web']);
        assert.ok((await docker.listNetworks()).some((n) => n.Name === 'learn-compose_default'));
        return 'Compose Down';
      })
      .accept() // Down (Keep Volumes)
      .next('info', async () => {
        assert.deepEqual(await project(), []);
        assert.equal((await docker.getVolume('learn-compose_data').inspect()).Name, 'learn-compose_data', 'down kept the volume');
        return 'Clean Up';
      })
      .accept('Remove');
    const result = await vscode.commands.executeCommand<{ servicesUp: string[]; down: boolean; volumeKept: boolean }>('dockerWorkbench.learn.compose');
    assert.deepEqual(result?.servicesUp, ['client', 'web']);
    assert.equal(result.down, true);
    assert.equal(result.volumeKept, true);
    const downQuestion = setup.prompts.asked.find((a) => a.kind === 'confirm' && /Take down learn-compose/.test(a.message ?? ''));
    assert.ok(downQuestion, 'the Compose Down workflow asked');
    await report('learn-step-8.md', /down never deletes volumes unless you ask/);
    await gone(() => docker.getVolume('learn-compose_data').inspect(), 'the volume');
    assert.equal(fs.existsSync(path.join(workspaceDir(), 'learn-docker', 'learn-compose', 'compose.yaml')), false);
  });

  it('"Explain this Dockerfile" opens a document about build time vs run time, layers and the cache', async () => {
    const dir = path.join(workspaceDir(), `explain-${process.pid}`);
    fs.mkdirSync(dir, { recursive: true });
    cleanup.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'Dockerfile');
    fs.writeFileSync(file, 'FROM busybox AS build\nRUN echo hi > /hi\n\nFROM busybox\nCOPY --from=build /hi /hi\nENV GREETING=hello\nENTRYPOINT ["cat"]\nCMD ["/hi"]\n');
    await vscode.window.showTextDocument(vscode.Uri.file(file));
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('dockerWorkbench.dockerfile.explain');
    const text = doc.getText();
    assert.equal(doc.languageId, 'markdown');
    assert.equal(doc.uri.scheme, 'docker-workbench-learn');
    assert.match(text, /^# Explanation of Dockerfile/);
    assert.match(text, /Build time is when docker build runs/);
    assert.match(text, /\*\*Run time:\*\* Containers start with `GREETING` in their environment/);
    assert.match(text, /Containers run `cat \/hi`: the ENTRYPOINT, followed by the CMD/);
    assert.match(text, /## Stage 1 of 2: `build`/);
    assert.match(text, /\| 2 \| `RUN echo hi > \/hi` \| filesystem layer \|/);
    assert.match(text, /\| 6 \| `ENV GREETING=hello` \| metadata only \|/);
  });

  it('"Remove Everything the Docker Walkthrough Made" lists what is left and removes it after confirming', async () => {
    const container = await docker.createContainer({ Image: 'busybox:latest', name: 'learn-background', Cmd: ['sleep', '300'] });
    cleanup.push(() => container.remove({ force: true }));
    await docker.createVolume({ Name: 'learn-data' });
    cleanup.push(() => docker.getVolume('learn-data').remove());
    setup.prompts.accept('Remove All');
    assert.equal(await vscode.commands.executeCommand('dockerWorkbench.learn.cleanUp'), true);
    assert.match(lastConfirm().detail!, /Containers \(stopped first if running\): learn-background/);
    assert.match(lastConfirm().detail!, /Volumes, with all their data: learn-data/);
    await gone(() => inspect('learn-background'), 'the container');
    await gone(() => docker.getVolume('learn-data').inspect(), 'the volume');
    setup.prompts.next('info', undefined);
    assert.equal(await vscode.commands.executeCommand('dockerWorkbench.learn.cleanUp'), false, 'nothing left: it says so');
  });
});
