// Safe by default, against the private engine: the compose project a terminal started is the one
// the extension shows and acts on (docker-compose v1, installed here); names that a CLI would read
// as options are refused; a workspace cannot choose the docker executable (Restricted Mode has
// its own window: restrictedMode.test.ts); secrets stay out of the run line; downloads never write through a
// link, ask before replacing, and stream; uploads copy links as links; prune removes exactly what
// its confirmation named.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import * as vscode from 'vscode';
import { activateExtension, commandTestSetup, testDocker, TEST_IMAGE, uniqueName, waitFor, workspaceDir, writeFiles, commandFailure } from './helpers';
import { DockerodeEngine } from '../../client/src/engine/dockerodeEngine';
import { targetFromEnvironment } from '../../client/src/engine/engineTarget';
import { dockerExecutable } from '../../client/src/build/dockerCli';
import { RunTaskProvider, RunTaskTerminal, specFromDefinition } from '../../client/src/run/runTask';
import { askAboutExisting, downloadFromContainer, uploadToContainer } from '../../client/src/containers/fileTransfer';
import { runCapture } from '../../client/src/containers/execCapture';

const COMPOSE_PROJECT = 'com.docker.compose.project';

/** Runs a program as a terminal would (argument array, the test engine's DOCKER_HOST). */
function runProgram(command: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, env: process.env, timeout: 120_000 }, (error, stdout, stderr) => (error ? reject(new Error(`${command} ${args.join(' ')}: ${stderr || error.message}`)) : resolve(stdout + stderr)));
  });
}

/** An executable script that appends its working folder and arguments to `log`, then runs `then`. */
function probeScript(file: string, log: string, then: string): string {
  fs.writeFileSync(file, `#!/bin/sh\necho "$PWD $*" >> '${log}'\n${then}\n`, { mode: 0o755 });
  return file;
}

/** Every regular file under `dir`, with its size. */
function filesUnder(dir: string): Array<{ file: string; size: number }> {
  const found: Array<{ file: string; size: number }> = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(full));
    else if (entry.isFile()) found.push({ file: full, size: fs.statSync(full).size });
  }
  return found;
}

describe('safe by default', function () {
  this.timeout(180_000);
  const docker = testDocker();
  const engine = new DockerodeEngine(targetFromEnvironment(process.env));
  const setup = commandTestSetup();
  const { cleanup } = setup;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-safe-'));
  after(() => fs.rmSync(scratch, { recursive: true, force: true }));

  const removeProject = (project: string) => async () => {
    for (const c of await docker.listContainers({ all: true, filters: { label: [`${COMPOSE_PROJECT}=${project}`] } })) await docker.getContainer(c.Id).remove({ force: true, v: true });
    for (const n of await docker.listNetworks({ filters: { label: [`${COMPOSE_PROJECT}=${project}`] } })) await docker.getNetwork(n.Id).remove().catch(() => undefined);
  };
  const containersOf = async (project: string, all = true) => (await docker.listContainers({ all, filters: { label: [`${COMPOSE_PROJECT}=${project}`] } }));

  it('compose (docker-compose v1): a stack started from a terminal is the project the extension shows, ups, stops, starts and takes down', async () => {
    const api = await activateExtension();
    // The folder name and COMPOSE_PROJECT_NAME in .env differ: the .env one is the project.
    const project = uniqueName('terminalstack').replace(/-/g, '');
    const folder = `Stack.Dir-${project}`;
    const dir = writeFiles(folder, {
      'compose.yaml': 'services:\n  web:\n    image: busybox\n    command: ["sleep", "300"]\n  db:\n    image: busybox\n    command: ["sleep", "300"]\n',
      '.env': `# as a developer keeps it\nCOMPOSE_PROJECT_NAME=${project}\n`,
    });
    const folderProject = `stackdir-${project}`; // what -p <folder> made of it before
    cleanup.push(removeProject(project), removeProject(folderProject), removeProject(folderProject.replace(/-/g, '')));
    await runProgram('docker-compose', ['up', '-d'], dir);
    const started = (await containersOf(project)).map((c) => c.Id).sort();
    assert.equal(started.length, 2);

    api.composeView.refresh();
    const node = await waitFor('the project in the Compose view', async () => (await api.composeView.getChildren()).find((n) => n.kind === 'project' && n.project.name === project));
    assert.ok(node.kind === 'project' && node.project.files.length === 1 && !node.project.fromLabels, 'known from its file, under the name its containers carry');

    const file = vscode.Uri.file(path.join(dir, 'compose.yaml'));
    setup.prompts.next('pickMany', []);
    await vscode.commands.executeCommand('dockerWorkbench.compose.up', file);
    assert.deepEqual((await containersOf(project)).map((c) => c.Id).sort(), started, 'the same containers: no second copy of the stack');
    assert.equal((await docker.listContainers({ all: true })).filter((c) => c.Labels[COMPOSE_PROJECT]?.startsWith('stackdir')).length, 0);

    // One service, through `-- web` (v1 `start` takes it without --).
    const services = await api.composeView.getChildren(node);
    const web = services.find((s) => s.kind === 'service' && s.service === 'web')!;
    await vscode.commands.executeCommand('dockerWorkbench.compose.stop', web);
    const state = async (service: string) => (await containersOf(project)).find((c) => c.Labels['com.docker.compose.service'] === service)?.State;
    assert.deepEqual([await state('web'), await state('db')], ['exited', 'running']);
    await vscode.commands.executeCommand('dockerWorkbench.compose.start', web);
    assert.equal(await state('web'), 'running');

    setup.prompts.next('confirm', (asked) => asked.buttons?.[0]);
    await vscode.commands.executeCommand('dockerWorkbench.compose.down', node);
    assert.match(setup.prompts.asked.at(-1)!.message!, new RegExp(project));
    assert.deepEqual(await containersOf(project), [], 'down took the terminal\'s stack down');
  });

  it('compose refuses a service named -V instead of running `up -d -V`', async () => {
    const folder = uniqueName('dashsvc').replace(/-/g, '');
    const dir = writeFiles(folder, { 'compose.yaml': 'services:\n  -V:\n    image: busybox\n    command: ["sleep", "300"]\n  web:\n    image: busybox\n    command: ["sleep", "300"]\n' });
    cleanup.push(removeProject(folder));
    const request = { composeFileUri: vscode.Uri.file(path.join(dir, 'compose.yaml')).toString(), services: ['-V'] };
    assert.match(await commandFailure('dockerWorkbench.compose.up', request), /would read -V as an option/);
    assert.deepEqual(await containersOf(folder), [], 'nothing ran');
  });

  it('a docker path from the workspace\'s settings is never used, even in a trusted workspace', async () => {
    const api = await activateExtension();
    const settingsFile = path.join(workspaceDir(), '.vscode', 'settings.json');
    const before = fs.existsSync(settingsFile) ? fs.readFileSync(settingsFile, 'utf8') : undefined;
    cleanup.push(async () => (before === undefined ? fs.rmSync(settingsFile, { force: true }) : fs.writeFileSync(settingsFile, before)));
    const log = path.join(scratch, 'workspace-docker.log');
    const probe = probeScript(path.join(scratch, 'workspace-docker'), log, 'exit 1');
    const marker = uniqueName('marker');
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    // The rules entry shows when VS Code has read the file.
    fs.writeFileSync(settingsFile, JSON.stringify({ 'dockerWorkbench.dockerPath': probe, 'dockerWorkbench.rules': { [marker]: 'off' } }));
    await waitFor('the workspace settings to be read', () => (vscode.workspace.getConfiguration('dockerWorkbench').get<Record<string, string>>('rules') ?? {})[marker] === 'off');
    assert.notEqual(dockerExecutable(), probe);
    const config = vscode.workspace.getConfiguration('dockerWorkbench');
    await config.update('compose.command', 'docker compose', vscode.ConfigurationTarget.Global);
    cleanup.push(() => Promise.resolve(config.update('compose.command', undefined, vscode.ConfigurationTarget.Global)));
    api.composeView.refresh();
    await api.composeView.getChildren();
    assert.equal(fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '', '', 'the workspace\'s program never ran');
  });

  it('the docker run line in the task detail and the run-task terminal masks secret values; the container gets the real ones', async () => {
    const name = uniqueName('dwb-secret-run');
    cleanup.push(() => docker.getContainer(name).remove({ force: true }));
    const logged: string[] = [];
    const host = { getEngine: () => engine, savedConfigurations: () => [], attach: () => undefined, log: (line: string) => logged.push(line) };
    const definition = { type: 'docker-run', image: TEST_IMAGE, name, env: { POSTGRES_PASSWORD: 'hunter2', DATABASE_URL: 'postgres://app:url-secret@db/app', MODE: 'dev' }, command: ['sleep', '300'] };
    const task = new RunTaskProvider(host).resolveTask(new vscode.Task(definition, vscode.TaskScope.Workspace, 'secret run', 'docker-run'))!;
    assert.match(task.detail!, /POSTGRES_PASSWORD=\*\*\*/);
    assert.match(task.detail!, /postgres:\/\/app:\*\*\*@db\/app/);
    assert.match(task.detail!, /MODE=dev/);
    const terminal = new RunTaskTerminal(host, specFromDefinition(definition), undefined);
    let written = '';
    terminal.onDidWrite((text) => (written += text));
    const closed = new Promise<number>((resolve) => terminal.onDidClose((code) => resolve(code)));
    terminal.open(undefined);
    assert.equal(await closed, 0, written);
    for (const text of [task.detail!, written, ...logged]) {
      assert.ok(!text.includes('hunter2') && !text.includes('url-secret'), text);
    }
    assert.match(written, /POSTGRES_PASSWORD=\*\*\*/);
    const env = (await docker.getContainer(name).inspect()).Config.Env;
    assert.ok(env.includes('POSTGRES_PASSWORD=hunter2'), 'the container got the real value');
  });

  describe('files from and to a container', () => {
    let container: { id: string };
    before(async () => {
      const created = await docker.createContainer({
        Image: TEST_IMAGE,
        name: uniqueName('dwb-files'),
        Cmd: ['sh', '-c', 'mkdir -p /data/app && echo attacker-key > /data/app/authorized_keys && echo theirs > /data/config.txt && dd if=/dev/zero of=/data/big.bin bs=1048576 count=16 2>/dev/null && touch /ready && exec sleep 3600'],
      });
      await created.start();
      container = { id: created.id };
      await waitFor('the files in the container', async () => (await runCapture(engine, created.id, ['ls', '/ready'])).exitCode === 0);
    });
    after(async () => {
      await docker.getContainer(container.id).remove({ force: true }).catch(() => undefined);
    });

    it('download: never writes through a symlink in the destination, asks before replacing, cancels cleanly', async () => {
      const target = path.join(workspaceDir(), uniqueName('download'));
      const outside = path.join(target, 'outside');
      fs.mkdirSync(path.join(target, 'data'), { recursive: true });
      fs.mkdirSync(outside);
      cleanup.push(async () => fs.rmSync(target, { recursive: true, force: true }));
      fs.symlinkSync('../outside', path.join(target, 'data', 'app')); // like app -> ../../.ssh in a repository
      fs.writeFileSync(path.join(target, 'data', 'config.txt'), 'mine\n');
      const folder = vscode.Uri.file(target);

      setup.prompts.next('confirm', (asked) => asked.buttons?.find((b) => /Keep/.test(b)));
      const kept = await downloadFromContainer(() => engine, container.id, '/data', folder, askAboutExisting(setup.prompts));
      assert.match(setup.prompts.asked.at(-1)!.message!, /already exists/);
      assert.deepEqual(fs.readdirSync(outside), [], 'nothing reached the folder the link points at');
      assert.equal(fs.readFileSync(path.join(target, 'data', 'config.txt'), 'utf8'), 'mine\n', 'kept');
      assert.equal(fs.statSync(path.join(target, 'data', 'big.bin')).size, 16 * 1024 * 1024);
      assert.deepEqual(kept.skipped.filter((s) => s.reason !== 'link').map((s) => `${s.name}:${s.reason}`).sort(), ['data/app/authorized_keys:throughLink', 'data/app:inTheWay', 'data/config.txt:existing']);

      setup.prompts.next('confirm', (asked) => asked.buttons?.find((b) => /Replace/.test(b)));
      const replaced = await downloadFromContainer(() => engine, container.id, '/data', folder, askAboutExisting(setup.prompts));
      assert.equal(fs.readFileSync(path.join(target, 'data', 'config.txt'), 'utf8'), 'theirs\n');
      assert.ok(replaced.replaced.includes('data/config.txt'));
      assert.deepEqual(fs.readdirSync(outside), [], 'replacing never follows the link either');

      fs.writeFileSync(path.join(target, 'data', 'config.txt'), 'mine again\n');
      setup.prompts.decline();
      const cancelled = await downloadFromContainer(() => engine, container.id, '/data', folder, askAboutExisting(setup.prompts));
      assert.equal(cancelled.cancelled, true);
      assert.equal(fs.readFileSync(path.join(target, 'data', 'config.txt'), 'utf8'), 'mine again\n');
    });

    it('download: a file streams to disk while the archive is still arriving', async () => {
      const target = path.join(workspaceDir(), uniqueName('stream'));
      fs.mkdirSync(target);
      cleanup.push(async () => fs.rmSync(target, { recursive: true, force: true }));
      const threshold = 8 * 1024 * 1024;
      const onDisk = () => filesUnder(target).reduce((n, f) => Math.max(n, f.size), 0);
      // The engine's own archive stream, held back after 8 MiB until 4 MiB of it are on disk.
      const gated = new Proxy(engine, {
        get(real, property, receiver) {
          if (property === 'getArchive') {
            return async (id: string, from: string) => {
              const stream = await real.getArchive(id, from);
              return Readable.from((async function* () {
                let passed = 0;
                let opened = false;
                for await (const chunk of stream as AsyncIterable<Buffer>) {
                  if (!opened && passed >= threshold) {
                    await waitFor('the first part of big.bin on disk before the rest arrives', () => onDisk() >= threshold / 2);
                    opened = true;
                  }
                  passed += chunk.length;
                  yield chunk;
                }
              })());
            };
          }
          const value = Reflect.get(real, property, receiver) as unknown;
          return typeof value === 'function' ? value.bind(real) : value;
        },
      });
      const result = await downloadFromContainer(() => gated, container.id, '/data/big.bin', vscode.Uri.file(target), async () => assert.fail('nothing to replace'));
      assert.equal(result.files, 1);
      assert.equal(fs.statSync(path.join(target, 'big.bin')).size, 16 * 1024 * 1024);
    });

    it('upload: a symlink goes in as a symlink, never as the file it points at', async () => {
      const local = path.join(scratch, uniqueName('upload'));
      fs.mkdirSync(local);
      const secret = path.join(scratch, uniqueName('credentials'));
      fs.writeFileSync(secret, 'aws_secret_access_key = precious\n');
      fs.symlinkSync(secret, path.join(local, 'creds'));
      fs.writeFileSync(path.join(local, 'real.txt'), 'real\n');
      const result = await uploadToContainer(() => engine, container.id, [vscode.Uri.file(local)], '/data');
      assert.deepEqual([result.files, result.links, result.directories], [1, 1, 1]);
      const base = `/data/${path.basename(local)}`;
      assert.equal((await runCapture(engine, container.id, ['readlink', `${base}/creds`])).stdout.toString().trim(), secret);
      const cat = await runCapture(engine, container.id, ['cat', `${base}/creds`]);
      assert.ok(!cat.stdout.toString().includes('precious'), 'the credentials stayed on this machine');
      assert.equal((await runCapture(engine, container.id, ['cat', `${base}/real.txt`])).stdout.toString(), 'real\n');
    });
  });

  it('system prune removes exactly the containers its confirmation named, by id, and says what it left', async () => {
    const api = await activateExtension();
    const stopped = await docker.createContainer({ Image: TEST_IMAGE, name: uniqueName('dwb-prune-stopped'), Cmd: ['true'] });
    const restarted = await docker.createContainer({ Image: TEST_IMAGE, name: uniqueName('dwb-prune-restarted'), Cmd: ['sleep', '300'] });
    const running = await docker.createContainer({ Image: TEST_IMAGE, name: uniqueName('dwb-prune-running'), Cmd: ['sleep', '300'] });
    for (const c of [stopped, restarted, running]) cleanup.push(() => c.remove({ force: true }));
    await running.start();
    await waitFor('the model', () => api.model.containers.get(running.id)?.State === 'running' && api.model.containers.has(stopped.id) && api.model.containers.get(restarted.id)?.State === 'created');

    setup.prompts.next('pickMany', ['Stopped containers']);
    // While the confirmation is open: one listed container starts, one unlisted one stops.
    setup.prompts.next('confirm', async (asked) => {
      await restarted.start();
      await running.stop({ t: 0 });
      return asked.buttons?.[0];
    });
    const outcome = await vscode.commands.executeCommand<{ removed: { containers: string[] }; left: Array<{ name: string; reason: string }> }>('dockerWorkbench.system.prune');
    const detail = setup.prompts.asked[1]!.detail!;
    const nameOf = async (c: { inspect(): Promise<{ Name: string }> }) => (await c.inspect()).Name.slice(1);
    assert.match(detail, new RegExp(await nameOf(restarted)));
    assert.doesNotMatch(detail, new RegExp(await nameOf(running)));
    await assert.rejects(stopped.inspect(), /no such container/i);
    assert.equal((await running.inspect()).State.Status, 'exited', 'stopped after the list was drawn, so it stays');
    assert.equal((await restarted.inspect()).State.Running, true, 'started after the list was drawn: the engine refused to remove it');
    assert.ok(outcome.removed.containers.includes(stopped.id));
    assert.ok(!outcome.removed.containers.includes(running.id));
    assert.deepEqual(outcome.left.map((l) => l.name), [await nameOf(restarted)]);
  });
});
