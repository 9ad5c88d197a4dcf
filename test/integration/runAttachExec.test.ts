// Runs, attach and exec behave like the docker CLI, against the private engine: output from the
// first byte (attached before the start), --rm runs whose exit code outlives the container, a
// shell's prompt at once with -it, -i without -t, --detach-keys, --link, a task that ends with the
// container's exit code, one-shot exec keeping its output and code until a key, and terminals that
// never close with a non-zero code when their container stops.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type Dockerode from 'dockerode';
import * as vscode from 'vscode';
import { activateExtension, commandTestSetup, testDocker, TEST_IMAGE, uniqueName, waitFor, workspaceDir } from './helpers';
import type { RunSpec } from '../../client/src/run/runSpec';
import type { RunPseudoterminal } from '../../client/src/run/runTerminal';
import type { ShellPseudoterminal } from '../../client/src/containers/shellTerminal';
import type { LogsPseudoterminal } from '../../client/src/containers/logsTerminal';
import type { RunForm } from '../../client/src/run/runForm';
import { emptyDraft } from '../../client/src/run/runFormProtocol';
import { freePort } from '../harness/freePort.mjs';

interface Started {
  id: string;
  name: string;
  commandLine: string;
}

const plain = (text: string) => text.replace(/\x1b\[[0-9;?]*[a-zA-Z]/g, '');

function ptyOf<T>(terminal: vscode.Terminal): T {
  return (terminal.creationOptions as vscode.ExtensionTerminalOptions).pty as unknown as T;
}

describe('Run, attach and exec like the docker CLI', function () {
  this.timeout(120_000);
  const docker = testDocker();
  const setup = commandTestSetup();
  const { cleanup } = setup;
  const run = (spec: RunSpec) => vscode.commands.executeCommand<Started>('dockerWorkbench.run.withSpec', spec);
  const exists = (idOrName: string) => docker.getContainer(idOrName).inspect().then(() => true, () => false);
  const removeLater = (name: string) => cleanup.push(() => docker.getContainer(name).remove({ force: true }));
  // Nothing is left on the engine (the --link test's network once was: it was removed before its containers).
  after(async () => {
    const left = (await docker.listNetworks()).filter((n) => n.Name.startsWith('dwb-link-net'));
    assert.deepEqual(left.map((n) => n.Name), []);
  });

  /** The run terminal of a started container, with its pseudoterminal. */
  async function runTerminal(name: string): Promise<{ terminal: vscode.Terminal; pty: RunPseudoterminal }> {
    const terminal = await waitFor(`the run terminal of ${name}`, () => vscode.window.terminals.find((t) => t.name === `Run: ${name}`));
    cleanup.push(async () => terminal.dispose());
    return { terminal, pty: ptyOf<RunPseudoterminal>(terminal) };
  }

  it('docker run --rm IMAGE echo …: the output from the first byte and the exit code stay in the terminal after the container is gone', async () => {
    const name = uniqueName('dwb-run-echo');
    removeLater(name);
    const started = await run({ image: TEST_IMAGE, name, detach: false, remove: true, command: ['echo', 'hi from the first byte'] });
    assert.match(started.commandLine, new RegExp(`^docker run --rm --name ${name} \\S+ echo 'hi from the first byte'$`));
    const { terminal, pty } = await runTerminal(name);
    const end = await pty.ended;
    assert.deepEqual(end, { outcome: 'exited', exitCode: 0 });
    const text = plain(pty.transcript);
    assert.match(text, /hi from the first byte\r\n/);
    assert.match(text, new RegExp(`${name} exited with code 0 and was removed \\(--rm\\)`));
    assert.equal(await exists(name), false, 'the engine removed it');
    assert.ok(pty.waitingForKey, 'the terminal stays open with the output');
    assert.equal(terminal.exitStatus, undefined);
    terminal.sendText('x', false);
    await waitFor('the terminal to close on a key', () => terminal.exitStatus);
    assert.equal(terminal.exitStatus!.code, undefined, 'closed without an exit code (no VS Code notification)');
  });

  it('a short failing run shows stdout, stderr in red and its exit code; a detached --rm run keeps its output too', async () => {
    const name = uniqueName('dwb-run-fail');
    removeLater(name);
    await run({ image: TEST_IMAGE, name, detach: false, command: ['sh', '-c', 'echo to-stdout; echo to-stderr >&2; exit 3'] });
    const { pty } = await runTerminal(name);
    assert.deepEqual(await pty.ended, { outcome: 'exited', exitCode: 3 });
    assert.match(pty.transcript, /to-stdout\r\n/);
    assert.match(pty.transcript, /\x1b\[31mto-stderr/);
    assert.match(plain(pty.transcript), new RegExp(`${name} exited with code 3 ──`));
    assert.equal((await docker.getContainer(name).inspect()).State.ExitCode, 3, 'without --rm the container stays');

    const detached = uniqueName('dwb-run-drm');
    removeLater(detached);
    const started = await run({ image: TEST_IMAGE, name: detached, remove: true, command: ['sh', '-c', 'echo detached-output; exit 7'] });
    assert.match(started.commandLine, /^docker run -d --rm /);
    const second = await runTerminal(detached);
    assert.deepEqual(await second.pty.ended, { outcome: 'exited', exitCode: 7 });
    assert.match(plain(second.pty.transcript), /detached-output\r\n[\s\S]*exited with code 7 and was removed/);
    await waitFor('the container to be gone', async () => !(await exists(detached)));
  });

  it('-it: the shell\'s prompt shows before anything is typed, the TTY has the terminal\'s size, and exit ends it with its code', async () => {
    const name = uniqueName('dwb-run-it');
    removeLater(name);
    await run({ image: TEST_IMAGE, name, interactive: true, remove: true, command: ['sh'] });
    const { terminal, pty } = await runTerminal(name);
    await waitFor('the prompt, untyped', () => /\/ # $/.test(plain(pty.transcript)));
    assert.match(plain(pty.transcript), /Detach with Ctrl\+P then Ctrl\+Q/);
    terminal.sendText('stty size; echo "sum=$((6*7))"');
    await waitFor('the answer', () => /sum=42/.test(pty.transcript));
    const dims = pty.dimensions!;
    assert.ok(dims, 'VS Code gave the terminal a size');
    assert.match(plain(pty.transcript), new RegExp(`\\r\\n${dims.rows} ${dims.columns}\\r\\n`), 'the TTY has the terminal\'s size');
    pty.handleInput('exit 4\r');
    assert.deepEqual(await pty.ended, { outcome: 'exited', exitCode: 4 });
    assert.match(plain(pty.transcript), /exited with code 4 and was removed/);
    assert.equal(terminal.exitStatus, undefined, 'still open, showing the code');
  });

  it('--detach-keys: the chosen keys detach and the container keeps running', async () => {
    const name = uniqueName('dwb-run-keys');
    removeLater(name);
    const started = await run({ image: TEST_IMAGE, name, interactive: true, detachKeys: 'ctrl-x,x', command: ['sh'] });
    assert.match(started.commandLine, /^docker run -it --detach-keys ctrl-x,x /);
    const { pty } = await runTerminal(name);
    await waitFor('the prompt', () => /\/ # $/.test(plain(pty.transcript)));
    assert.match(plain(pty.transcript), /Detach with ctrl-x,x \(--detach-keys\)/);
    pty.handleInput('\x10\x11'); // the default keys are not the detach keys here: they go to the shell
    pty.handleInput('echo still-attached\r');
    await waitFor('the shell to answer', () => /still-attached\r\n/.test(plain(pty.transcript)));
    pty.handleInput('\x18x');
    assert.deepEqual(await pty.ended, { outcome: 'detached' });
    assert.match(plain(pty.transcript), new RegExp(`Detached: ${name} keeps running`));
    assert.equal((await docker.getContainer(name).inspect()).State.Running, true);
  });

  it('-i without -t: typed lines reach stdin and Ctrl+D ends it', async () => {
    const name = uniqueName('dwb-run-i');
    removeLater(name);
    const started = await run({ image: TEST_IMAGE, name, interactive: true, tty: false, remove: true, command: ['cat'] });
    assert.match(started.commandLine, /^docker run -i --rm /);
    const details = await docker.getContainer(name).inspect();
    assert.equal(details.Config.Tty, false);
    assert.equal(details.Config.OpenStdin, true);
    const { pty } = await runTerminal(name);
    pty.handleInput('hello cat\r');
    await waitFor('cat to send the line back', () => plain(pty.transcript).split('hello cat').length >= 3, 20_000);
    pty.handleInput('\x04');
    assert.deepEqual(await pty.ended, { outcome: 'exited', exitCode: 0 });
  });

  it('--link: explained, on the default bridge it is the legacy hosts entry, on a user-defined network an alias of the endpoint', async () => {
    const network = uniqueName('dwb-link-net');
    const created = await docker.createNetwork({ Name: network });
    // Cleanups run last first: the network goes after the containers on it (it cannot go before).
    cleanup.push(() => created.remove());
    const target = uniqueName('dwb-link-target');
    removeLater(target);
    const targetContainer = await docker.createContainer({ Image: TEST_IMAGE, name: target, Cmd: ['sleep', '300'] });
    await targetContainer.start();

    const legacy = uniqueName('dwb-link-legacy');
    removeLater(legacy);
    await run({ image: TEST_IMAGE, name: legacy, detach: false, links: [`${target}:dbalias`], command: ['cat', '/etc/hosts'] });
    const { pty } = await runTerminal(legacy);
    assert.deepEqual(await pty.ended, { outcome: 'exited', exitCode: 0 });
    assert.match(plain(pty.transcript), /\bdbalias\b/, 'the link is in /etc/hosts on the default bridge');

    await created.connect({ Container: target });
    const modern = uniqueName('dwb-link-net');
    removeLater(modern);
    setup.prompts.next('info', undefined);
    await run({ image: TEST_IMAGE, name: modern, network, links: [`${target}:dbalias`], command: ['sleep', '300'] });
    const endpoint = (await docker.getContainer(modern).inspect()).NetworkSettings.Networks[network] as { Links?: string[] | null };
    assert.ok(endpoint.Links?.some((l) => l.includes('dbalias')), `the endpoint on ${network} has the alias: ${JSON.stringify(endpoint.Links)}`);
    await waitFor('the follow-up offer', () => setup.prompts.asked.some((a) => a.kind === 'info'));
  });

  it('a docker-run task that is not detached shows the run in its terminal and ends with the container\'s exit code', async () => {
    const folder = workspaceDir();
    const tasksFile = path.join(folder, '.vscode', 'tasks.json');
    const before = fs.existsSync(tasksFile) ? fs.readFileSync(tasksFile, 'utf8') : undefined;
    cleanup.push(async () => (before === undefined ? fs.rmSync(tasksFile, { force: true }) : fs.writeFileSync(tasksFile, before)));
    const label = uniqueName('run-task-fg');
    const name = uniqueName('dwb-run-task-fg');
    removeLater(name);
    fs.mkdirSync(path.dirname(tasksFile), { recursive: true });
    fs.writeFileSync(tasksFile, JSON.stringify({ version: '2.0.0', tasks: [{ label, type: 'docker-run', image: TEST_IMAGE, name, detach: false, remove: true, command: ['sh', '-c', 'echo from-task; exit 5'], problemMatcher: [] }] }, null, 2));
    const task = await waitFor('the task', async () => (await vscode.tasks.fetchTasks({ type: 'docker-run' })).find((t) => t.name === label), 30_000);
    const exitCode = await new Promise<number | undefined>((resolve, reject) => {
      const listener = vscode.tasks.onDidEndTaskProcess((event) => {
        if (event.execution.task.name !== label) return;
        listener.dispose();
        resolve(event.exitCode);
      });
      vscode.tasks.executeTask(task).then(undefined, (error: unknown) => {
        listener.dispose();
        reject(error);
      });
    });
    assert.equal(exitCode, 5, 'the task ends with the container\'s exit code, like docker run in a shell');
    await waitFor('--rm to remove it', async () => !(await exists(name)));
  });

  it('one-shot exec keeps its output and exit code until a key; a stopped container leaves its shell, logs and attach terminals open without an exit code', async () => {
    const api = await activateExtension();
    const name = uniqueName('dwb-exec');
    removeLater(name);
    const container = await docker.createContainer({ Image: TEST_IMAGE, name, Cmd: ['sh', '-c', 'echo "the data" > /data.txt; echo started; exec sleep 600'], Tty: true, OpenStdin: true });
    await container.start();
    await waitFor('the container to write its file', async () => (await docker.getContainer(name).logs({ stdout: true })).toString().includes('started'));

    const oneShot = api.interaction.openShell(container.id, name, 'cat /data.txt');
    cleanup.push(async () => oneShot.dispose());
    const shell = ptyOf<ShellPseudoterminal>(oneShot);
    await waitFor('cat to end and the terminal to wait for a key', () => shell.waitingForKey);
    assert.equal(shell.exitCode, 0);
    assert.equal(oneShot.exitStatus, undefined, 'the output stays');

    const interactive = api.interaction.openShell(container.id, name);
    cleanup.push(async () => interactive.dispose());
    const logs = api.interaction.openLogsTerminal(container.id, name);
    cleanup.push(async () => logs.dispose());
    const attached = api.interaction.attach(container.id, name);
    cleanup.push(async () => attached.dispose());
    const shellPty = ptyOf<ShellPseudoterminal>(interactive);
    await shellPty.ready;
    await waitFor('the logs to stream', () => ptyOf<LogsPseudoterminal>(logs).isStreaming);

    await docker.getContainer(name).stop({ t: 0 });
    await waitFor('the shell to say the container stopped', () => shellPty.waitingForKey);
    assert.notEqual(shellPty.exitCode, 0, 'a shell cut off by the stop did not end well');
    await waitFor('the model to see the stop', () => api.model.containers.get(container.id)?.State === 'exited');
    for (const [what, terminal] of [['shell', interactive], ['logs', logs], ['attach', attached]] as const) {
      assert.equal(terminal.exitStatus, undefined, `the ${what} terminal is still open: nothing closed with exit code 137`);
    }
  });
});

function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    http.get(url, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    }).on('error', () => resolve(false));
  });
}

/** Follows a push or pull stream of the test's own engine client to its end. */
function follow(docker: Dockerode, stream: NodeJS.ReadableStream): Promise<void> {
  return new Promise((resolve, reject) => docker.modem.followProgress(stream, (error: Error | null, output: Array<{ error?: string }>) => {
    const failed = output?.find((o) => o.error);
    if (error || failed) reject(error ?? new Error(failed!.error));
    else resolve();
  }));
}

describe('Run form: an image that is not on the engine', function () {
  this.timeout(120_000);
  const docker = testDocker();
  const setup = commandTestSetup();
  const { cleanup } = setup;
  let registry: ChildProcess | undefined;
  let dir = '';
  let reference = '';

  before(async () => {
    // Debian's docker-registry on loopback (the engine trusts 127.0.0.1 over plain HTTP), holding
    // an image with a layer of its own, so a pull has bytes to download.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-registry-'));
    const port = await freePort();
    fs.writeFileSync(path.join(dir, 'config.yml'), ['version: 0.1', 'log:', '  level: error', 'storage:', '  filesystem:', `    rootdirectory: ${dir}/data`, 'http:', `  addr: 127.0.0.1:${port}`, ''].join('\n'));
    registry = spawn('docker-registry', ['serve', path.join(dir, 'config.yml')], { stdio: 'ignore' });
    await waitFor('the registry to answer', () => answers(`http://127.0.0.1:${port}/v2/`), 30_000);
    reference = `127.0.0.1:${port}/dwb/pull-me:1`;
    const maker = await docker.createContainer({ Image: TEST_IMAGE, Cmd: ['sh', '-c', 'head -c 3000000 /dev/urandom > /blob'] });
    await maker.start();
    await maker.wait();
    await maker.commit({ repo: `127.0.0.1:${port}/dwb/pull-me`, tag: '1' });
    await maker.remove();
    await follow(docker, await docker.getImage(reference).push({ authconfig: {} } as object));
    await docker.getImage(reference).remove();
  });

  after(async () => {
    if (registry?.pid) registry.kill();
    await docker.getImage(reference).remove({ force: true }).catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('Run Image offers an image that is not here; the form offers Pull Now with progress, and Run pulls it when needed', async () => {
    setup.prompts.next('pick', (asked) => asked.items!.find((i) => /not here/.test(i))).next('input', reference);
    const form = await vscode.commands.executeCommand<RunForm>('dockerWorkbench.images.run');
    cleanup.push(async () => form.dispose());
    assert.equal(form.panel.title, `Run ${reference}`);
    assert.match(form.panel.webview.html, /id="pull"/, 'a Pull Now button');
    assert.match(form.panel.webview.html, /not on this engine: Run pulls it first, or pull it now/);

    await form.handleMessage({ type: 'pull' });
    const texts = form.statuses.map((s) => s.text);
    assert.equal(texts[0], `Pulling ${reference}…`);
    assert.ok(texts.some((t) => new RegExp(`^Pulling ${reference.replace(/[.:/]/g, '\\$&')}: \\d+% \\(`).test(t)), `progress with a percentage: ${JSON.stringify(texts)}`);
    assert.equal(texts.at(-1), `Pulled ${reference}.`);
    assert.equal(form.statuses.at(-1)!.kind, 'info');
    await docker.getImage(reference).inspect();

    // Gone again: Run pulls it itself, and the run's output shows.
    await docker.getImage(reference).remove();
    const name = uniqueName('dwb-run-pulled');
    cleanup.push(() => docker.getContainer(name).remove({ force: true }));
    await form.handleMessage({ type: 'run', draft: { ...emptyDraft(reference), name, mode: 'attached', command: 'ls -l /blob' } });
    assert.equal(form.started?.name, name);
    assert.ok(form.statuses.some((s) => s.text === `${reference} is not on this engine; pulling it…`));
    const terminal = await waitFor('the run terminal', () => vscode.window.terminals.find((t) => t.name === `Run: ${name}`));
    cleanup.push(async () => terminal.dispose());
    const pty = ptyOf<RunPseudoterminal>(terminal);
    assert.deepEqual(await pty.ended, { outcome: 'exited', exitCode: 0 });
    assert.match(plain(pty.transcript), /3000000 .*\/blob/);
  });
});
