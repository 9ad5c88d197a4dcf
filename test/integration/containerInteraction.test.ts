// Container interaction modules (client/src/containers) against the private engine: the logs
// document and terminal, shell and attach pseudoterminals, inspect with masking, top, the stats
// data source and panel, and the container file system. The providers are registered under
// test-only schemes so they never clash with what the extension itself registers.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type Dockerode from 'dockerode';
import * as vscode from 'vscode';
import { DockerodeEngine } from '../../client/src/engine/dockerodeEngine';
import { targetFromEnvironment } from '../../client/src/engine/engineTarget';
import { AttachPseudoterminal } from '../../client/src/containers/attachTerminal';
import { ContainerFileSystemProvider, containerUri } from '../../client/src/containers/containerFileSystem';
import { downloadFromContainer, uploadToContainer } from '../../client/src/containers/fileTransfer';
import { InspectDocumentProvider, REVEAL_COMMAND } from '../../client/src/containers/inspectDocument';
import { engineStartWatch } from '../../client/src/containers/logFollower';
import { LogsDocumentProvider } from '../../client/src/containers/logsDocument';
import { LogsPseudoterminal } from '../../client/src/containers/logsTerminal';
import { resolveShellCommand, ShellPseudoterminal } from '../../client/src/containers/shellTerminal';
import { StatsPanel } from '../../client/src/containers/statsPanel';
import { StatsSource } from '../../client/src/containers/statsSource';
import type { StatsSample } from '../../client/src/containers/statsMath';
import { TopDocumentProvider } from '../../client/src/containers/topDocument';
import { runCapture } from '../../client/src/containers/execCapture';
import { testDocker, TEST_IMAGE, uniqueName, waitFor, workspaceDir } from './helpers';

const LOGS_SCHEME = 'dwb-test-logs';
const INSPECT_SCHEME = 'dwb-test-inspect';
const FILES_SCHEME = 'dwb-test-container';

/** Everything a pseudoterminal wrote, and how it closed. */
function capture(pty: vscode.Pseudoterminal) {
  const state = { text: '', closed: false, code: undefined as number | void | undefined };
  pty.onDidWrite((data) => (state.text += data));
  pty.onDidClose?.((code) => {
    state.closed = true;
    state.code = code;
  });
  return state;
}

const plain = (text: string) => text.replace(/\x1b\[[0-9;?]*[a-zA-Z]/g, '');

function fsCode(error: unknown): string | undefined {
  return error instanceof vscode.FileSystemError ? error.code : undefined;
}

describe('Container interaction', function () {
  this.timeout(90_000);
  const docker = testDocker();
  const engine = new DockerodeEngine(targetFromEnvironment(process.env));
  const getEngine = () => engine;
  const created: Dockerode.Container[] = [];
  const registrations: vscode.Disposable[] = [];
  let main: Dockerode.Container;

  async function run(options: Dockerode.ContainerCreateOptions, start = true): Promise<Dockerode.Container> {
    const container = await docker.createContainer({ Image: TEST_IMAGE, name: uniqueName('dwb-ci'), ...options });
    created.push(container);
    if (start) await container.start();
    return container;
  }

  before(async () => {
    main = await run({
      Cmd: ['sleep', '3600'],
      Env: ['DB_PASSWORD=hunter2', 'PLAIN_SETTING=visible'],
    });
  });

  after(async () => {
    for (const d of registrations) d.dispose();
    await Promise.all(created.map((c) => c.remove({ force: true }).catch(() => undefined)));
  });

  it('logs document shows a line the container printed, then appends a later one, and stops with its tab', async () => {
    // The second line comes only when the test creates /go, so "not there yet" is not a race.
    const container = await run({ Cmd: ['sh', '-c', 'echo first-line; echo to-stderr >&2; while [ ! -e /go ]; do sleep 0.1; done; echo second-line; exec sleep 3600'] });
    const provider = new LogsDocumentProvider(getEngine, { scheme: LOGS_SCHEME, batchMs: 100 });
    registrations.push(provider, vscode.workspace.registerTextDocumentContentProvider(LOGS_SCHEME, provider));
    const editor = await provider.open(container.id, 'logs; "doc"');
    const document = editor.document;
    assert.equal(document.uri.scheme, LOGS_SCHEME);
    assert.equal(document.languageId, 'log');
    await waitFor('the first line in the document', () => document.getText().includes('first-line'));
    assert.ok(document.getText().includes('to-stderr'), 'stderr lines are in the document too');
    assert.ok(!document.getText().includes('second-line'), 'the later line is not there yet');
    assert.equal((await runCapture(engine, container.id, ['touch', '/go'])).exitCode, 0);
    await waitFor('the later line appended', () => document.getText().includes('second-line'), 15_000);
    assert.ok(document.getText().indexOf('first-line') < document.getText().indexOf('second-line'));
    assert.ok(!/\x1b/.test(document.getText()), 'no escape sequences');
    assert.ok(provider.isStreaming(document.uri));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await waitFor('the stream to stop when the tab closed', () => !provider.hasSession(document.uri));
  });

  it('logs terminal shows stdout and stderr (in red) and keeps following after the container restarts', async () => {
    const container = await run({ Cmd: ['sh', '-c', 'echo boot-line; echo boot-error >&2; exec sleep 3600'] });
    const pty = new LogsPseudoterminal(getEngine, container.id, 'restarting', {}, engineStartWatch(getEngine));
    const out = capture(pty);
    (pty as vscode.Pseudoterminal).open(undefined);
    await waitFor('the first run', () => out.text.includes('boot-line') && out.text.includes('boot-error'));
    assert.ok(out.text.includes('\x1b[31mboot-error'), 'stderr is shown in red');
    assert.ok(out.text.includes('boot-line\r\n'), 'lines end with CR LF in the terminal');
    await container.restart({ t: 0 });
    await waitFor('the second run after the restart', () => plain(out.text).split('boot-line').length === 3, 20_000).catch((e: Error) => {
      throw new Error(`${e.message}; the terminal shows: ${JSON.stringify(plain(out.text))}`);
    });
    // "stopped …; waiting" shows too unless the restart was over before the stream end was seen
    assert.match(plain(out.text), /started again/);
    assert.ok(pty.isStreaming);
    pty.close();
    assert.ok(!pty.isStreaming, 'closing the terminal destroys the stream');
  });

  it('shell: falls back to sh when bash is missing, runs typed commands, resizes, and keeps a failing exit code on screen until a key', async () => {
    assert.deepEqual(await resolveShellCommand(engine, main.id, undefined), { cmd: ['sh'], fellBackToSh: true });
    const pty = new ShellPseudoterminal(getEngine, main.id, 'main');
    const out = capture(pty);
    pty.open({ columns: 101, rows: 33 });
    await pty.ready;
    assert.deepEqual(pty.command, ['sh']);
    assert.match(plain(out.text), /bash is not available in main; using sh/);
    pty.handleInput('stty size; echo "sum=$((6*7))"\r');
    await waitFor('the command output', () => /sum=42/.test(out.text));
    assert.match(plain(out.text), /33 101/, 'the TTY got the initial size');
    pty.setDimensions({ columns: 90, rows: 20 });
    // The resize reaches the engine in the background: ask the TTY its size again, one question at
    // a time, until it answers with the new one.
    let asked = 1; // `stty size` above
    await waitFor('the new size', () => {
      const answers = plain(out.text).match(/^\d+ \d+\s*$/gm) ?? [];
      if (answers.at(-1)?.trim() === '20 90') return true;
      if (answers.length >= asked) {
        pty.handleInput('stty size\r');
        asked++;
      }
      return false;
    });
    pty.handleInput('exit 5\r');
    await waitFor('the exit code on screen', () => pty.waitingForKey);
    assert.match(plain(out.text), /── sh exited with code 5 ──/);
    assert.ok(!out.closed, 'a non-zero code is shown, not passed to VS Code (which would add a notification)');
    pty.handleInput('x');
    assert.ok(out.closed);
    assert.equal(out.code, undefined);

    const clean = new ShellPseudoterminal(getEngine, main.id, 'main');
    const cleanOut = capture(clean);
    clean.open({ columns: 80, rows: 24 });
    await clean.ready;
    clean.handleInput('exit\r');
    await waitFor('a shell that exits with 0 to close', () => cleanOut.closed);
    assert.equal(cleanOut.code, 0);
  });

  it('shell: a custom command line is split with quotes and run as an argument array', async () => {
    const pty = new ShellPseudoterminal(getEngine, main.id, 'main', `sh -c 'echo "[$1]"; exit 3' x "a b;c 'd'"`);
    const out = capture(pty);
    pty.open({ columns: 80, rows: 24 });
    await waitFor('the one-shot command to end, its output kept', () => pty.waitingForKey);
    assert.match(out.text, /\[a b;c 'd'\]/);
    assert.equal(pty.exitCode, 3);
    assert.match(plain(out.text), /exited with code 3/);
    assert.ok(!out.closed);
    assert.deepEqual(pty.command, ['sh', '-c', 'echo "[$1]"; exit 3', 'x', "a b;c 'd'"]);
  });

  it('shell: a custom command that does not exist is reported, not guessed from text', async () => {
    const pty = new ShellPseudoterminal(getEngine, main.id, 'main', ['no-such-program']);
    const out = capture(pty);
    pty.open({ columns: 80, rows: 24 });
    await waitFor('the failure message', () => /could not be run in main \(exit code 12[67]\)/.test(plain(out.text)));
    assert.ok(!out.closed, 'stays open to show why');
    pty.handleInput('x');
    assert.ok(out.closed);
  });

  it('attach: explains Ctrl+P Ctrl+Q, talks to the main process, and detaches without stopping it', async () => {
    const container = await run({ Cmd: ['sh'], Tty: true, OpenStdin: true, AttachStdin: true });
    const pty = new AttachPseudoterminal(getEngine, container.id, 'interactive');
    const out = capture(pty);
    pty.open({ columns: 80, rows: 24 });
    await pty.ready;
    assert.match(plain(out.text), /Ctrl\+P then Ctrl\+Q/);
    pty.handleInput('echo "attached-$((1+1))"\r');
    await waitFor('the main process to answer', () => out.text.includes('attached-2'));
    pty.handleInput('\x10\x11');
    await waitFor('the terminal to close after detaching', () => out.closed);
    assert.match(plain(out.text), /Detached; interactive keeps running/);
    assert.equal((await container.inspect()).State.Running, true);
  });

  it('attach: a container without a TTY is told to close the terminal to detach', async () => {
    const container = await run({ Cmd: ['sh', '-c', 'while true; do echo tick; sleep 1; done'] });
    const pty = new AttachPseudoterminal(getEngine, container.id, 'ticker');
    const out = capture(pty);
    pty.open({ columns: 80, rows: 24 });
    await pty.ready;
    assert.match(plain(out.text), /Close this terminal to detach/);
    await waitFor('output from the main process', () => out.text.includes('tick\r\n'));
    pty.close();
    assert.equal((await container.inspect()).State.Running, true);
  });

  it('inspect masks secrets in Env, Cmd, Entrypoint, Labels and Healthcheck by name and shape, offers a reveal code lens, and the reveal variant shows them', async () => {
    const provider = new InspectDocumentProvider(getEngine, INSPECT_SCHEME);
    registrations.push(
      provider,
      vscode.workspace.registerTextDocumentContentProvider(INSPECT_SCHEME, provider),
      vscode.languages.registerCodeLensProvider({ scheme: INSPECT_SCHEME }, provider),
    );
    const github = `ghp_${'q'.repeat(36)}`;
    const secretive = await run({
      Entrypoint: ['sh', '-c', 'exec sleep 3600', '--', '--api-key', 'k3y-in-entrypoint'],
      Cmd: ['--token=t0k-in-cmd'],
      Env: ['DB_PASSWORD=hunter2', 'DB_PASS=pass-in-env', 'MYSQL_PWD=pwd-in-env', 'LDAP_BIND_PW=pw-in-env', 'DATABASE_URL=postgres://app:url-pw@db/app', `HELPER=${github}`, 'PLAIN_SETTING=visible'],
      Labels: { 'com.example.db-password': 'label-secret', 'com.example.owner': 'team-a' },
      Healthcheck: { Test: ['CMD-SHELL', 'wget -q http://bot:health-pw@localhost/ || true'], Interval: 60_000_000_000 },
    });
    const editor = await provider.open('container', secretive.id, 'secretive');
    const text = editor.document.getText();
    assert.ok(text.includes('"DB_PASSWORD=***"'), 'masked as KEY=***');
    assert.ok(text.includes('"PLAIN_SETTING=visible"'));
    assert.ok(text.includes('"com.example.owner": "team-a"'));
    assert.ok(text.includes('postgres://app:***@db/app'), 'the URL keeps its user and host');
    for (const secret of ['hunter2', 'pass-in-env', 'pwd-in-env', 'pw-in-env', 'url-pw', github, 'k3y-in-entrypoint', 't0k-in-cmd', 'label-secret', 'health-pw']) {
      assert.ok(!text.includes(secret), `${secret} is masked`);
    }
    assert.equal(JSON.parse(text).Id, secretive.id, 'valid JSON');
    assert.equal(editor.document.languageId, 'json');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
    const count = provider.maskedCount(editor.document.uri)!;
    assert.ok(count >= 10, `at least the ten planted values are counted (${count})`);
    assert.ok(lenses.some((l) => l.command?.command === REVEAL_COMMAND && l.command.title.includes(`Reveal ${count} masked values`)), 'a reveal lens');
    const revealed = await provider.open('container', secretive.id, 'secretive', true);
    assert.ok(revealed.document.getText().includes('"DB_PASSWORD=hunter2"'));
    assert.ok(revealed.document.getText().includes('label-secret'));
    assert.notEqual(revealed.document.uri.toString(), editor.document.uri.toString(), 'a separate document');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('top lists the container processes as a table', async () => {
    const provider = new TopDocumentProvider(getEngine, 'dwb-test-top');
    const text = await provider.provideTextDocumentContent(provider.uriFor(main.id, 'main'));
    assert.match(text, /^Processes in main at .* \((1 process|\d+ processes)\)/);
    assert.match(text, /PID/);
    assert.match(text, /sleep 3600/);
  });

  it('stats: the data source receives samples; the panel has a strict CSP and stops its streams when closed', async () => {
    const samples: StatsSample[] = [];
    const source = new StatsSource(engine, [{ id: main.id, name: 'main' }], { onSample: (_id, s) => samples.push(s) });
    await source.start();
    try {
      await waitFor('a stats sample', () => samples.length > 0, 20_000);
    } finally {
      source.dispose();
    }
    assert.ok(samples[0]!.memoryUsage > 0, 'memory in use');
    assert.ok(samples[0]!.pids >= 1, 'at least one process');
    assert.ok(samples[0]!.cpuPercent >= 0);
    assert.equal(source.openStreams, 0);

    const panel = StatsPanel.show(getEngine, [{ id: main.id, name: 'main' }]);
    assert.match(panel.panel.webview.html, /default-src 'none'; style-src [^;]* 'nonce-[^']+'; script-src 'nonce-[^']+'/);
    await waitFor('the panel to get a sample', () => panel.source.latest.has(main.id), 20_000);
    panel.panel.dispose();
    assert.equal(panel.source.openStreams, 0);
  });

  describe('container file system', () => {
    const provider = new ContainerFileSystemProvider(getEngine);
    let uri: (p: string) => vscode.Uri;

    before(() => {
      registrations.push(provider, vscode.workspace.registerFileSystemProvider(FILES_SCHEME, provider, { isCaseSensitive: true }));
      uri = (p: string) => containerUri(main.id, p, FILES_SCHEME);
    });

    it('lists /bin with types (busybox applets are symlinks to files) and stats files and folders', async () => {
      const entries = new Map(await vscode.workspace.fs.readDirectory(uri('/bin')));
      assert.equal(entries.get('busybox'), vscode.FileType.File);
      assert.equal(entries.get('sh'), vscode.FileType.SymbolicLink | vscode.FileType.File);
      const root = new Map(await vscode.workspace.fs.readDirectory(uri('/')));
      assert.equal(root.get('bin'), vscode.FileType.Directory);
      const sh = await vscode.workspace.fs.stat(uri('/bin/sh'));
      assert.equal(sh.type, vscode.FileType.SymbolicLink | vscode.FileType.File);
      assert.ok(sh.size > 100_000, 'the size is the target binary');
      assert.equal((await vscode.workspace.fs.stat(uri('/etc'))).type, vscode.FileType.Directory);
      // a folder reached through a symlink lists its target's entries
      assert.equal((await runCapture(engine, main.id, ['ln', '-s', '/bin', '/linked-bin'])).exitCode, 0);
      assert.equal((await vscode.workspace.fs.stat(uri('/linked-bin'))).type, vscode.FileType.SymbolicLink | vscode.FileType.Directory);
      assert.equal(new Map(await vscode.workspace.fs.readDirectory(uri('/linked-bin'))).get('busybox'), vscode.FileType.File);
    });

    it('lists a folder from its archive in a container that cannot run find, and refuses one past the cap', async () => {
      const bare = await run({ Cmd: ['sleep', '3600'] });
      const at = (p: string) => containerUri(bare.id, p, FILES_SCHEME);
      for (const cmd of [['touch', '/etc/plain'], ['ln', '-s', '/etc/plain', '/etc/plain-link'], ['mkdir', '/etc/sub'], ['rm', '/bin/find']]) {
        assert.equal((await runCapture(engine, bare.id, cmd)).exitCode, 0, cmd.join(' '));
      }
      const find = await runCapture(engine, bare.id, ['find', '/etc']);
      assert.ok(find.exitCode === 126 || find.exitCode === 127, `find cannot run (exit code ${find.exitCode})`);
      const etc = new Map(await vscode.workspace.fs.readDirectory(at('/etc')));
      assert.equal(etc.get('plain'), vscode.FileType.File);
      assert.equal(etc.get('plain-link'), vscode.FileType.SymbolicLink | vscode.FileType.File);
      assert.equal(etc.get('sub'), vscode.FileType.Directory);
      assert.equal(etc.get('hosts'), vscode.FileType.File);
      assert.ok(![...etc.keys()].some((name) => name.includes('/')), 'only the folder\'s own entries');
      // A listing reads the folder's whole archive: past the cap it stops and says why.
      const capped = new ContainerFileSystemProvider(getEngine, { archiveListingCapBytes: 4096 });
      await assert.rejects(capped.readDirectory(at('/bin')), (error: unknown) => fsCode(error) === 'Unavailable' && /too large to list/.test((error as Error).message));
    });

    it('creates a folder, writes a file and reads it back, renames and deletes, also with awkward names', async () => {
      const dir = `/data-${Date.now()}`;
      await vscode.workspace.fs.createDirectory(uri(dir));
      assert.equal((await vscode.workspace.fs.stat(uri(dir))).type, vscode.FileType.Directory);
      const name = `it's a "test"; echo pwned $(id).txt`;
      const content = Buffer.from('hello from the test\nsecond line ü\n');
      await vscode.workspace.fs.writeFile(uri(`${dir}/${name}`), content);
      assert.deepEqual(Buffer.from(await vscode.workspace.fs.readFile(uri(`${dir}/${name}`))), content);
      assert.deepEqual(await vscode.workspace.fs.readDirectory(uri(dir)), [[name, vscode.FileType.File]]);

      await vscode.workspace.fs.createDirectory(uri(`${dir}/sub dir`));
      await vscode.workspace.fs.rename(uri(`${dir}/${name}`), uri(`${dir}/sub dir/renamed; ok.txt`), { overwrite: false });
      assert.deepEqual(await vscode.workspace.fs.readDirectory(uri(`${dir}/sub dir`)), [['renamed; ok.txt', vscode.FileType.File]]);
      assert.deepEqual(Buffer.from(await vscode.workspace.fs.readFile(uri(`${dir}/sub dir/renamed; ok.txt`))), content);

      await vscode.workspace.fs.delete(uri(`${dir}/sub dir/renamed; ok.txt`));
      assert.deepEqual(await vscode.workspace.fs.readDirectory(uri(`${dir}/sub dir`)), []);
      await vscode.workspace.fs.delete(uri(dir), { recursive: true });
      await assert.rejects(() => provider.stat(uri(dir)), (e) => fsCode(e) === 'FileNotFound');
      const check = await runCapture(engine, main.id, ['ls', '/']);
      assert.ok(!check.stdout.toString().includes('data-'), 'really gone in the container');
    });

    it('saving a file keeps its owner and mode', async () => {
      const setup = await runCapture(engine, main.id, ['sh', '-c', 'echo one > /owned.txt && chown 33:44 /owned.txt && chmod 640 /owned.txt']);
      assert.equal(setup.exitCode, 0, setup.stderr);
      assert.equal(Buffer.from(await provider.readFile(uri('/owned.txt'))).toString(), 'one\n');
      await provider.writeFile(uri('/owned.txt'), Buffer.from('two\n'), { create: false, overwrite: true });
      const after = await runCapture(engine, main.id, ['stat', '-c', '%u:%g %a', '/owned.txt']);
      assert.equal(after.stdout.toString().trim(), '33:44 640');
      assert.equal(Buffer.from(await provider.readFile(uri('/owned.txt'))).toString(), 'two\n');
    });

    it('reports FileNotFound, FileExists, FileIsADirectory, and Unavailable for a stopped container', async () => {
      await assert.rejects(() => provider.stat(uri('/no/such/file')), (e) => fsCode(e) === 'FileNotFound');
      await assert.rejects(() => provider.readFile(uri('/no-such-file')), (e) => fsCode(e) === 'FileNotFound');
      await assert.rejects(() => provider.readFile(uri('/etc')), (e) => fsCode(e) === 'FileIsADirectory');
      await assert.rejects(() => provider.writeFile(uri('/missing-dir/x'), Buffer.from('x'), { create: true, overwrite: true }), (e) => fsCode(e) === 'FileNotFound');
      await assert.rejects(() => provider.writeFile(uri('/no-create'), Buffer.from('x'), { create: false, overwrite: true }), (e) => fsCode(e) === 'FileNotFound');
      await assert.rejects(() => provider.createDirectory(uri('/etc')), (e) => fsCode(e) === 'FileExists');
      await assert.rejects(() => provider.writeFile(uri('/etc/hostname'), Buffer.from('x'), { create: true, overwrite: false }), (e) => fsCode(e) === 'FileExists');
      const stopped = await run({ Cmd: ['sleep', '3600'] }, false);
      await assert.rejects(() => provider.readDirectory(containerUri(stopped.id, '/bin', FILES_SCHEME)), (e) => fsCode(e) === 'Unavailable' && /not running/.test((e as Error).message));
      await assert.rejects(() => provider.stat(containerUri('0123456789ab0123456789ab', '/', FILES_SCHEME)), (e) => fsCode(e) === 'Unavailable' && /does not exist/.test((e as Error).message));
    });

    it('uploads a workspace folder into the container and downloads it back into the workspace', async () => {
      const local = path.join(workspaceDir(), `upload-${Date.now()}`);
      fs.mkdirSync(path.join(local, 'nested'), { recursive: true });
      fs.writeFileSync(path.join(local, 'a.txt'), 'alpha\n');
      fs.writeFileSync(path.join(local, 'nested', 'run.sh'), '#!/bin/sh\necho ran\n', { mode: 0o755 });
      const up = await uploadToContainer(getEngine, main.id, [vscode.Uri.file(local)], '/');
      assert.deepEqual([up.files, up.directories], [2, 2]);
      const base = `/${path.basename(local)}`;
      assert.equal(Buffer.from(await provider.readFile(uri(`${base}/a.txt`))).toString(), 'alpha\n');
      const ran = await runCapture(engine, main.id, [`${base}/nested/run.sh`]);
      assert.equal(ran.stdout.toString(), 'ran\n', 'the executable bit came along');

      const target = path.join(workspaceDir(), `download-${Date.now()}`);
      fs.mkdirSync(target);
      const notAsked = async () => assert.fail('the destination is new: nothing to ask');
      const down = await downloadFromContainer(getEngine, main.id, base, vscode.Uri.file(target), notAsked);
      assert.deepEqual([down.files, down.directories], [2, 2]);
      assert.equal(fs.readFileSync(path.join(target, path.basename(local), 'a.txt'), 'utf8'), 'alpha\n');
      assert.equal(fs.readFileSync(path.join(target, path.basename(local), 'nested', 'run.sh'), 'utf8'), '#!/bin/sh\necho ran\n');
      const links = await downloadFromContainer(getEngine, main.id, '/bin', vscode.Uri.file(target), notAsked);
      assert.ok(links.skipped.length > 100, 'symlinks are skipped, not followed');
      assert.equal(links.files, 1);
    });
  });
});
