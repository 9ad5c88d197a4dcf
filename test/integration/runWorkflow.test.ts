// The Run workflow against the private engine: runs through the commands (the form's flow without
// the webview), the form itself acting as its page would, interactive runs in an attached
// terminal, the docker-run task from tasks.json, saved configurations, and the clear errors.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, testDocker, TEST_IMAGE, uniqueName, waitFor, workspaceDir, commandTestSetup, commandFailure } from './helpers';
import type { RunSpec } from '../../client/src/run/runSpec';
import type { RunForm } from '../../client/src/run/runForm';
import { emptyDraft, specToDraft } from '../../client/src/run/runFormProtocol';
import { ensureTrusted, untrustedReason } from '../../client/src/run/runTrust';
import { createAndStart, RunError } from '../../client/src/run/runContainer';
import { DockerodeEngine } from '../../client/src/engine/dockerodeEngine';
import { parseEndpoint } from '../../client/src/engine/engineTarget';
import { freePort } from '../harness/freePort.mjs';

interface Started {
  id: string;
  name: string;
  commandLine: string;
}

function fetchText(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http.get(url, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => (response.statusCode === 200 ? resolve(body) : reject(new Error(`HTTP ${response.statusCode}`))));
    }).on('error', reject);
  });
}

describe('Run workflow', function () {
  this.timeout(120_000);
  const docker = testDocker();
  const setup = commandTestSetup();
  const { cleanup } = setup;

  const removeContainer = (name: string) => cleanup.push(() => docker.getContainer(name).remove({ force: true }));
  const removeVolume = (name: string) => cleanup.push(() => docker.getVolume(name).remove({ force: true }));
  const exists = (name: string) => docker.getContainer(name).inspect().then(() => true, () => false);
  const run = (spec: RunSpec) => vscode.commands.executeCommand<Started>('dockerWorkbench.run.withSpec', spec);
  const failedRun = (spec: RunSpec) => commandFailure('dockerWorkbench.run.withSpec', spec);


  it('runs the test image with a port on 127.0.0.1, a created named volume, env vars and an env file; the engine and an HTTP fetch agree', async () => {
    const name = uniqueName('dwb-run-web');
    const volume = uniqueName('dwb-run-vol');
    const port = await freePort();
    removeVolume(volume); // cleanups run last-first: the container goes before its volume
    removeContainer(name);
    const envDir = path.join(workspaceDir(), uniqueName('run-env'));
    fs.mkdirSync(envDir, { recursive: true });
    fs.writeFileSync(path.join(envDir, 'app.env'), '# settings\n\nFROM_FILE="kept quotes"\nDWB_RUN_KEY_ONLY\nDWB_RUN_NOT_SET\n');
    process.env.DWB_RUN_KEY_ONLY = 'from-the-host';
    cleanup.push(async () => delete process.env.DWB_RUN_KEY_ONLY);
    setup.prompts.next('info', undefined);

    const started = await run({
      image: TEST_IMAGE,
      name,
      ports: [{ containerPort: '8080', hostPort: String(port), hostIp: '127.0.0.1' }],
      mounts: [{ type: 'volume', source: volume, target: '/www', create: true }],
      env: { GREETING: 'hello from run' },
      envFiles: [path.relative(workspaceDir(), path.join(envDir, 'app.env'))],
      command: ['sh', '-c', 'echo "$GREETING" > /www/index.html && exec httpd -f -p 8080 -h /www'],
    });
    assert.equal(started.name, name);
    assert.match(started.commandLine, new RegExp(`^docker run -d --name ${name} -p 127\\.0\\.0\\.1:${port}:8080 --mount type=volume,source=${volume},target=/www --env-file \\S+app\\.env -e 'GREETING=hello from run' ${TEST_IMAGE.replace(/[/.]/g, '\\$&')} sh -c `));

    const details = await docker.getContainer(name).inspect();
    assert.equal(details.State.Running, true);
    assert.ok(details.Config.Env.includes('GREETING=hello from run'));
    assert.ok(details.Config.Env.includes('FROM_FILE="kept quotes"'), 'env file values keep their quotes, as the CLI does');
    assert.ok(details.Config.Env.includes('DWB_RUN_KEY_ONLY=from-the-host'), 'a name alone takes the value from the environment');
    assert.ok(!details.Config.Env.some((e) => e.startsWith('DWB_RUN_NOT_SET')), 'and is left out when the environment has none');
    assert.deepEqual(details.HostConfig.PortBindings, { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }] });
    const mount = details.Mounts.find((m) => m.Destination === '/www');
    assert.equal(mount?.Type, 'volume');
    assert.equal(mount?.Name, volume);
    assert.equal((await docker.getVolume(volume).inspect()).Name, volume, 'the volume was created');

    const body = await waitFor('httpd to answer on the published port', () => fetchText(`http://127.0.0.1:${port}/`).catch(() => undefined));
    assert.equal(body, 'hello from run\n');
    const offer = await waitFor('the follow-up offer', () => setup.prompts.asked.find((a) => a.kind === 'info'));
    assert.match(offer.message!, new RegExp(`Started ${name}`));
  });

  it('joins a user-defined network with aliases and applies limits, restart policy, read-only root, user, workdir and log options', async () => {
    const network = uniqueName('dwb-run-net');
    const created = await docker.createNetwork({ Name: network });
    cleanup.push(() => created.remove());
    const name = uniqueName('dwb-run-opts');
    removeContainer(name);
    setup.prompts.next('info', undefined);
    await run({
      image: TEST_IMAGE, name, network, networkAliases: ['db', 'cache'], memory: '64m', cpus: '0.5', restart: 'on-failure:2', readOnly: true,
      user: '1000:1000', workdir: '/tmp', logDriver: 'json-file', logOptions: { 'max-size': '1m' }, mounts: [{ type: 'tmpfs', target: '/scratch', size: '8m' }],
      entrypoint: 'sleep', command: ['300'],
    });
    const details = await docker.getContainer(name).inspect();
    assert.ok(details.NetworkSettings.Networks[network]?.Aliases?.includes('db'));
    assert.ok(details.NetworkSettings.Networks[network]?.Aliases?.includes('cache'));
    assert.equal(details.HostConfig.Memory, 64 * 1024 * 1024);
    assert.equal(details.HostConfig.NanoCpus, 500_000_000);
    assert.deepEqual(details.HostConfig.RestartPolicy, { Name: 'on-failure', MaximumRetryCount: 2 });
    assert.equal(details.HostConfig.ReadonlyRootfs, true);
    assert.equal(details.Config.User, '1000:1000');
    assert.equal(details.Config.WorkingDir, '/tmp');
    assert.deepEqual(details.Config.Entrypoint, ['sleep']);
    assert.deepEqual(details.Config.Cmd, ['300']);
    assert.deepEqual(details.HostConfig.LogConfig, { Type: 'json-file', Config: { 'max-size': '1m' } });
    assert.equal(details.Mounts.find((m) => m.Destination === '/scratch')?.Type, 'tmpfs');
    await waitFor('the follow-up offer', () => setup.prompts.asked.some((a) => a.kind === 'info'));
  });

  it('--rm: the engine removes the container when it exits; a detached --rm run keeps its output in a terminal instead of offering logs that go with it', async () => {
    const name = uniqueName('dwb-run-rm');
    removeContainer(name);
    const started = await run({ image: TEST_IMAGE, name, remove: true, command: ['sh', '-c', 'sleep 1'] });
    assert.match(started.commandLine, /^docker run -d --rm /);
    await waitFor('the container to be removed after it exited', async () => !(await exists(name)), 30_000);
    const terminal = await waitFor('its run terminal', () => vscode.window.terminals.find((t) => t.name === `Run: ${name}`));
    terminal.dispose();
    assert.equal(setup.prompts.asked.filter((a) => a.kind === 'info').length, 0, 'no "Show Logs" for a container that removes itself');
  });

  it('an interactive run opens a terminal attached to the main process', async () => {
    const name = uniqueName('dwb-run-it');
    removeContainer(name);
    const started = await run({ image: TEST_IMAGE, name, interactive: true, remove: true, command: ['sh'] });
    assert.match(started.commandLine, /^docker run -it --rm /);
    const details = await docker.getContainer(name).inspect();
    assert.equal(details.Config.Tty, true);
    assert.equal(details.Config.OpenStdin, true);
    // Attached before the start, so typing right away reaches the shell.
    const terminal = await waitFor('the run terminal', () => vscode.window.terminals.find((t) => t.name === `Run: ${name}`));
    terminal.sendText('exit 0');
    await waitFor('the shell to exit and --rm to remove the container', async () => !(await exists(name)), 30_000);
    terminal.dispose();
  });

  it('Run Image Interactively runs --rm -it from an image reference', async () => {
    const started = await vscode.commands.executeCommand<Started>('dockerWorkbench.images.runInteractive', TEST_IMAGE);
    cleanup.push(() => docker.getContainer(started.id).remove({ force: true }));
    assert.match(started.commandLine, new RegExp(`^docker run -it --rm ${TEST_IMAGE.replace(/[/.]/g, '\\$&')}$`));
    const terminal = await waitFor('the run terminal', () => vscode.window.terminals.find((t) => t.name === `Run: ${started.name}`));
    terminal.sendText('exit');
    await waitFor('the container to go', async () => !(await exists(started.id)), 30_000);
    terminal.dispose();
  });

  it('runs a docker-run task from tasks.json (variables resolved) with exit code 0, and a failing one with exit code 1', async () => {
    const folder = workspaceDir();
    const tasksFile = path.join(folder, '.vscode', 'tasks.json');
    const before = fs.existsSync(tasksFile) ? fs.readFileSync(tasksFile, 'utf8') : undefined;
    cleanup.push(async () => (before === undefined ? fs.rmSync(tasksFile, { force: true }) : fs.writeFileSync(tasksFile, before)));
    const name = uniqueName('dwb-run-task');
    removeContainer(name);
    const ok = uniqueName('run-task-ok');
    const bad = uniqueName('run-task-bad');
    fs.mkdirSync(path.dirname(tasksFile), { recursive: true });
    fs.writeFileSync(tasksFile, JSON.stringify({
      version: '2.0.0',
      tasks: [
        { label: ok, type: 'docker-run', image: TEST_IMAGE, name, ports: [{ containerPort: 80, hostIp: '127.0.0.1' }], mounts: [{ type: 'bind', source: '${workspaceFolder}', target: '/ws', readOnly: true }], command: ['sleep', '300'], problemMatcher: [] },
        { label: bad, type: 'docker-run', image: TEST_IMAGE, networkAliases: ['db'], problemMatcher: [] },
      ],
    }, null, 2));

    const tasks = await waitFor('the tasks.json tasks', async () => {
      const found = await vscode.tasks.fetchTasks({ type: 'docker-run' });
      const good = found.find((t) => t.name === ok);
      const failing = found.find((t) => t.name === bad);
      return good && failing ? { good, failing } : undefined;
    }, 30_000);

    const exitCodeOf = (task: vscode.Task) => new Promise<number | undefined>((resolve, reject) => {
      const listener = vscode.tasks.onDidEndTaskProcess((event) => {
        if (event.execution.task.name !== task.name) return;
        listener.dispose();
        resolve(event.exitCode);
      });
      vscode.tasks.executeTask(task).then(undefined, (error: unknown) => {
        listener.dispose();
        reject(error);
      });
    });

    assert.equal(await exitCodeOf(tasks.good), 0);
    const details = await docker.getContainer(name).inspect();
    assert.equal(details.State.Running, true);
    const bind = details.Mounts.find((m) => m.Destination === '/ws');
    assert.equal(bind?.Source, folder, '${workspaceFolder} was substituted');
    assert.equal(bind?.RW, false);
    assert.equal(details.HostConfig.PortBindings['80/tcp']?.[0]?.HostIp, '127.0.0.1');

    assert.equal(await exitCodeOf(tasks.failing), 1, 'an alias without a user-defined network fails the task');
    for (const terminal of vscode.window.terminals.filter((t) => t.name.includes(ok) || t.name.includes(bad))) terminal.dispose();
  });

  it('saves a configuration from the form, offers it as a task, re-runs it from the list, refuses a second run under the same name, and deletes it', async () => {
    const name = uniqueName('dwb-run-saved');
    const configuration = uniqueName('saved');
    removeContainer(name);
    const form = await vscode.commands.executeCommand<RunForm>('dockerWorkbench.images.run', TEST_IMAGE);
    cleanup.push(async () => form.dispose());
    const draft = { ...emptyDraft(TEST_IMAGE), name, command: 'sleep 300', env: [{ key: 'SAVED', value: 'yes' }] };
    setup.prompts.next('input', configuration);
    await form.handleMessage({ type: 'save', draft });
    assert.equal(setup.prompts.asked.at(-1)!.title, 'Save run configuration');
    assert.equal(await exists(name), false, 'saving does not run');

    const provided = await vscode.tasks.fetchTasks({ type: 'docker-run' });
    assert.ok(provided.some((t) => t.name === configuration && t.detail?.includes(`--name ${name}`)), 'saved configurations are offered as tasks');

    setup.prompts.next('pick', configuration).next('info', undefined);
    const started = await vscode.commands.executeCommand<Started>('dockerWorkbench.run.rerun');
    assert.equal(started.name, name);
    assert.ok((await docker.getContainer(name).inspect()).Config.Env.includes('SAVED=yes'));

    assert.match(await commandFailure('dockerWorkbench.run.rerun', configuration), /The name "dwb-run-saved[^"]*" is already used by another container/);

    setup.prompts.next('pick', configuration);
    assert.equal(await vscode.commands.executeCommand('dockerWorkbench.run.deleteConfiguration'), true);
    assert.match(await commandFailure('dockerWorkbench.run.rerun', configuration), /no saved run configuration named/);
    await waitFor('the follow-up offer', () => setup.prompts.asked.some((a) => a.kind === 'info'));
  });

  it('validation errors stop the run, from a command and from the form', async () => {
    const name = uniqueName('dwb-run-invalid');
    assert.match(await failedRun({ image: TEST_IMAGE, name, networkAliases: ['db'] }), /network alias needs a user-defined network/);
    assert.match(await failedRun({ image: TEST_IMAGE, name, remove: true, restart: 'always' }), /--rm conflicts with the restart policy "always"/);
    assert.match(await failedRun({ image: TEST_IMAGE, name, ports: [{ containerPort: 'http' }] }), /Container port "http"/);
    assert.equal(await exists(name), false);

    const form = await vscode.commands.executeCommand<RunForm>('dockerWorkbench.images.run', TEST_IMAGE);
    cleanup.push(async () => form.dispose());
    await form.handleMessage({ type: 'run', draft: { ...emptyDraft(TEST_IMAGE), name, aliases: 'db', workdir: 'relative' } });
    assert.deepEqual(form.lastPreview.problems.filter((p) => p.severity === 'error').map((p) => p.field).sort(), ['networkAliases', 'workdir']);
    assert.equal(form.started, undefined);
    assert.equal(await exists(name), false, 'nothing ran');
    assert.ok(form.panel.visible !== undefined && !form.started, 'the form stays open to be fixed');
  });

  it('says clearly when a host port is taken, the name is in use, the image is missing with no registry, a volume or network is missing, or the engine is unreachable', async () => {
    const port = await freePort();
    const first = uniqueName('dwb-run-port1');
    const second = uniqueName('dwb-run-port2');
    removeContainer(first);
    removeContainer(second);
    setup.prompts.next('info', undefined);
    await run({ image: TEST_IMAGE, name: first, ports: [{ containerPort: '80', hostPort: String(port), hostIp: '127.0.0.1' }], command: ['sleep', '300'] });
    assert.match(await failedRun({ image: TEST_IMAGE, name: second, ports: [{ containerPort: '80', hostPort: String(port), hostIp: '127.0.0.1' }], command: ['sleep', '300'] }), new RegExp(`Host port ${port} on 127\\.0\\.0\\.1 is already in use`));
    assert.equal(await exists(second), false, 'the container that could not start was removed again');

    assert.match(await failedRun({ image: TEST_IMAGE, name: first, command: ['true'] }), new RegExp(`The name "${first}" is already used by another container`));

    assert.match(await failedRun({ image: 'dwb-test/not-on-this-engine:1', name: uniqueName('dwb-run-missing') }), /The image dwb-test\/not-on-this-engine:1 is not on this engine, and pulling it from its registry failed .*Build it from a Dockerfile, or pull it/);
    assert.match(await failedRun({ image: TEST_IMAGE, mounts: [{ type: 'volume', source: uniqueName('dwb-no-such-vol'), target: '/d' }] }), /does not exist\. Choose an existing volume, or tick "create if missing"/);
    assert.match(await failedRun({ image: TEST_IMAGE, network: uniqueName('dwb-no-such-net') }), /The network "dwb-no-such-net[^"]*" does not exist/);
    // An engine that cannot be reached (the same code the commands use, with an engine of its own).
    const nowhere = new DockerodeEngine(parseEndpoint(`unix://${path.join(workspaceDir(), 'no-engine.sock')}`));
    await assert.rejects(createAndStart(nowhere, { image: TEST_IMAGE }), (error: unknown) => error instanceof RunError && error.kind === 'unreachable' && /cannot be reached, so nothing was run/.test(error.message));
    await waitFor('the follow-up offer', () => setup.prompts.asked.some((a) => a.kind === 'info'));
  });

  it('the form opens as a webview with a strict CSP and a nonce on every script, runs what it shows, and remembers it for the image', async () => {
    const name = uniqueName('dwb-run-form');
    removeContainer(name);
    const form = await vscode.commands.executeCommand<RunForm>('dockerWorkbench.images.run', TEST_IMAGE);
    cleanup.push(async () => form.dispose());
    assert.equal(form.panel.viewType, 'dockerWorkbench.runForm');
    assert.equal(form.panel.title, `Run ${TEST_IMAGE}`);
    const html = form.panel.webview.html;
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    assert.ok(csp, 'a CSP meta tag');
    assert.match(csp, /^default-src 'none'; /);
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce, 'scripts need the nonce');
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.ok(scripts.length >= 1);
    for (const tag of scripts) assert.ok(tag.includes(`nonce="${nonce}"`), tag);
    assert.deepEqual(form.panel.webview.options.localResourceRoots?.map((u) => path.basename(u.path)), ['media']);

    const folderName = vscode.workspace.workspaceFolders![0]!.name;
    setup.prompts.next('pick', folderName);
    await form.handleMessage({ type: 'browse', what: 'bind', index: 0 });
    assert.equal(setup.prompts.asked.at(-1)!.title, 'Folder to mount into the container');
    assert.ok(setup.prompts.asked.at(-1)!.items!.includes(folderName), 'the workspace folders are offered for a bind mount');

    const draft = { ...emptyDraft(TEST_IMAGE), name, command: 'sleep 300', remove: true };
    await form.handleMessage({ type: 'change', draft });
    assert.equal(form.lastPreview.commandLine, `docker run -d --rm --name ${name} ${TEST_IMAGE} sleep 300`);
    await form.handleMessage({ type: 'copy', draft });
    assert.equal(await vscode.env.clipboard.readText(), form.lastPreview.commandLine);

    await form.handleMessage({ type: 'run', draft });
    assert.equal(form.started?.name, name);
    assert.equal((await docker.getContainer(name).inspect()).State.Running, true);
    // Detached with --rm: its output is kept in a terminal, since it goes with the container.
    const terminal = await waitFor('the run terminal', () => vscode.window.terminals.find((t) => t.name === `Run: ${name}`));
    cleanup.push(async () => terminal.dispose());

    const again = await vscode.commands.executeCommand<RunForm>('dockerWorkbench.images.run', TEST_IMAGE);
    cleanup.push(async () => again.dispose());
    assert.deepEqual(again.currentDraft, specToDraft({ image: TEST_IMAGE, name, remove: true, command: ['sleep', '300'] }), 'the last run of the image is remembered');
  });

  it('Workspace Trust: the run commands are disabled in Restricted Mode and say why (checked with a fake trust state: this test host is trusted)', async () => {
    assert.equal(vscode.workspace.isTrusted, true, 'the harness disables Workspace Trust, so the workspace counts as trusted');
    assert.equal(untrustedReason(true), undefined);
    assert.match(untrustedReason(false)!, /Running containers is disabled in Restricted Mode.*Trust the workspace/);
    assert.equal(ensureTrusted(false), false);
    assert.equal(ensureTrusted(true), true);
    const commands = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.commands as Array<{ command: string; enablement?: string }>);
    for (const id of ['dockerWorkbench.images.run', 'dockerWorkbench.images.runInteractive', 'dockerWorkbench.run.withSpec', 'dockerWorkbench.run.rerun', 'dockerWorkbench.run.deleteConfiguration']) {
      assert.equal(commands.find((c) => c.command === id)?.enablement, 'isWorkspaceTrusted', id);
    }
  });
});
