// ssh engines for real: Debian's sshd on 127.0.0.1 (its own host key and authorized key) in front
// of the private test engine, reached through Docker contexts with ssh:// hosts. HOME points at a
// scratch folder for the suite, so the user's own ~/.ssh is never read or written.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, commandTestSetup, testDocker, TEST_IMAGE, uniqueName, waitFor, waitForChildren, writeDockerContext } from './helpers';
import { startPrivateSshd, keyBlob } from '../engine/privateSshd.mjs';
import { fingerprint } from '../../client/src/engine/knownHosts';

const writeContext = (configDir: string, name: string, host: string) => writeDockerContext(configDir, name, host, { description: 'ssh test engine' });

describe('ssh engines: a private sshd in front of the test engine', function () {
  this.timeout(180_000);
  const docker = testDocker();
  const setup = commandTestSetup();
  // Made in before() so a run that filters this suite out leaves nothing behind.
  let scratch = '';
  let home = '';
  let configDir = '';
  let knownHosts = '';
  const saved = { HOME: process.env.HOME, DOCKER_CONFIG: process.env.DOCKER_CONFIG, SSH_AUTH_SOCK: process.env.SSH_AUTH_SOCK };
  let sshd: Awaited<ReturnType<typeof startPrivateSshd>>;
  const token = (port: number) => `[127.0.0.1]:${port}`;

  // What the user is told: the Containers view has no items (its welcome content names an ssh
  // failure and offers Retry) and the status bar's tooltip carries the reason, as does the one
  // notification of the outage.
  const errorLabel = async (shortLine: string | RegExp = 'The ssh connection to the engine failed.') => {
    const api = await activateExtension();
    await waitFor('the Containers view to show the ssh problem instead of items', async () =>
      api.model.state.status === 'unreachable' && (await api.views.containers.getChildren()).length === 0 && api.views.containers.problemLine, 30_000);
    const line = api.views.containers.problemLine!;
    if (typeof shortLine === 'string') assert.equal(line, shortLine);
    else assert.match(line, shortLine);
    const reason = api.model.state.status === 'unreachable' ? api.model.state.error.message : '';
    assert.ok(api.active.statusText.tooltip.includes(reason), `the status bar's tooltip says why: ${api.active.statusText.tooltip}`);
    return reason;
  };
  const use = (name: string) => vscode.commands.executeCommand('dockerWorkbench.engine.use', { kind: 'engine', id: `context:${name}` });
  const setKey = (file: string) => fs.copyFileSync(file, path.join(home, '.ssh', 'id_ed25519'));

  before(async () => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-ssh-suite-'));
    home = path.join(scratch, 'home');
    configDir = path.join(scratch, 'docker-config');
    knownHosts = path.join(home, '.ssh', 'known_hosts');
    sshd = await startPrivateSshd({
      sessions: {
        engine: { DOCKER_HOST: process.env.DOCKER_HOST! },
        down: { DOCKER_HOST: `unix://${path.join(scratch, 'no-engine.sock')}` },
        nodocker: { PATH: path.join(scratch, 'empty-bin') },
      },
    });
    fs.mkdirSync(path.join(home, '.ssh'), { recursive: true, mode: 0o700 });
    setKey(sshd.clientKey.privateKey);
    fs.chmodSync(path.join(home, '.ssh', 'id_ed25519'), 0o600);
    for (const [name, port] of Object.entries(sshd.ports)) writeContext(configDir, `dwb-ssh-${name}`, `ssh://${sshd.user}@127.0.0.1:${port}`);
    process.env.HOME = home;
    process.env.DOCKER_CONFIG = configDir;
    delete process.env.SSH_AUTH_SOCK;
  });

  const backToTestEngine = async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('dockerWorkbench.engine.use', { kind: 'engine', id: 'env' });
    await waitFor('back on the test engine', () => api.model.state.status === 'connected');
  };
  // Each test starts on the local test engine (the shared setup waits for it) and switches itself.
  afterEach(backToTestEngine);

  after(async () => {
    try {
      await backToTestEngine();
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      await sshd?.stop();
      if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('asks about an unknown host with its fingerprint; declined, the views say so and nothing is written', async () => {
    const api = await activateExtension();
    setup.prompts.decline();
    await use('dwb-ssh-engine');
    const asked = setup.prompts.asked[0];
    assert.ok(asked, `no question was asked; the engine says: ${api.model.state.status === 'unreachable' ? api.model.state.error.message : api.model.state.status}`);
    const print = fingerprint(keyBlob(sshd.hostKey.publicLine));
    assert.match(asked.message!, new RegExp(`authenticity of host \\[127\\.0\\.0\\.1\\]:${sshd.ports.engine} can't be established`));
    assert.ok(asked.detail!.includes(`ED25519 key fingerprint is ${print}`), asked.detail);
    assert.ok(asked.detail!.includes(knownHosts), 'says where the key would be added');
    assert.match(await errorLabel(), /could not be established: its ED25519 key SHA256:.* was not accepted/);
    assert.equal(api.model.state.status === 'unreachable' && api.model.state.retryInMs, undefined, 'no automatic retry that would ask again');
    assert.ok(!fs.existsSync(knownHosts), 'nothing written when declined');
    // Retry asks again.
    setup.prompts.decline();
    await vscode.commands.executeCommand('dockerWorkbench.engine.retry');
    assert.equal(setup.prompts.asked.length, 2);
    assert.ok(!fs.existsSync(knownHosts));
  });

  it('after the host is accepted, lists and acts over ssh:// (events, commands, exec)', async () => {
    const api = await activateExtension();
    setup.prompts.accept('Trust Host and Connect');
    await use('dwb-ssh-engine');
    await waitFor('connected over ssh', () => api.model.state.status === 'connected', 30_000);
    assert.equal(fs.readFileSync(knownHosts, 'utf8'), `${token(sshd.ports.engine!)} ${sshd.hostKey.publicLine.split(' ').slice(0, 2).join(' ')}\n`);
    assert.equal(api.active.engine.target.endpoint, `ssh://${sshd.user}@127.0.0.1:${sshd.ports.engine}`);

    // A container made next to the engine shows up through the event stream carried over ssh.
    const name = uniqueName('dwb-ssh');
    const container = await docker.createContainer({ Image: TEST_IMAGE, name, Cmd: ['sleep', '300'], StopTimeout: 1 });
    setup.cleanup.push(() => container.remove({ force: true }));
    await container.start();
    const node = await waitForChildren('the container, seen over ssh', api.views.containers, (nodes) => nodes.find((n) => n.id === container.id));

    await vscode.commands.executeCommand('dockerWorkbench.containers.stop', node);
    assert.equal((await container.inspect()).State.Running, false);
    await waitFor('the view follows the stop', () => api.model.containers.get(container.id)?.State === 'exited');
    await vscode.commands.executeCommand('dockerWorkbench.containers.start', node);
    await waitFor('and the start', () => api.model.containers.get(container.id)?.State === 'running');

    // exec hijacks its connection: the channel carries a raw stream, both ways.
    const session = await api.active.engine.exec(container.id, { cmd: ['sh', '-c', 'read line; echo "got $line"'], tty: true });
    const output = new Promise<string>((resolve) => {
      let text = '';
      session.stream.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('got over-ssh')) resolve(text);
      });
    });
    session.stream.write('over-ssh\n');
    assert.match(await output, /got over-ssh/);
    assert.equal(await waitFor('the exec to end', () => session.exitCode().then((c) => (c === null ? undefined : c))), 0);

    setup.prompts.accept();
    await vscode.commands.executeCommand('dockerWorkbench.containers.remove', node);
    await waitForChildren('the container gone from the view', api.views.containers, (nodes) => !nodes.some((n) => n.id === container.id));
  });

  it('uses the key from the ssh agent when ~/.ssh has none', async () => {
    const api = await activateExtension();
    const agentSocket = path.join(scratch, 'agent.sock');
    const agent: ChildProcess = spawn('ssh-agent', ['-D', '-a', agentSocket], { stdio: 'ignore' });
    setup.cleanup.push(async () => agent.kill());
    await waitFor('the agent socket', () => fs.existsSync(agentSocket));
    const added = spawnSync('ssh-add', [sshd.clientKey.privateKey], { env: { ...process.env, SSH_AUTH_SOCK: agentSocket }, encoding: 'utf8' });
    assert.equal(added.status, 0, added.stderr);
    fs.rmSync(path.join(home, '.ssh', 'id_ed25519'));
    setup.cleanup.push(async () => {
      delete process.env.SSH_AUTH_SOCK;
      setKey(sshd.clientKey.privateKey);
    });
    process.env.SSH_AUTH_SOCK = agentSocket;
    await use('dwb-ssh-engine');
    await waitFor('connected with the agent\'s key', () => api.model.state.status === 'connected', 30_000);
  });

  it('refuses a changed host key with the warning, and asks nothing', async () => {
    const original = fs.readFileSync(knownHosts, 'utf8');
    setup.cleanup.push(async () => fs.writeFileSync(knownHosts, original));
    // The same host with another key: what a man-in-the-middle (or a reinstalled host) presents.
    fs.writeFileSync(knownHosts, `# earlier hosts\n${token(sshd.ports.engine!)} ${sshd.otherKey.publicLine.split(' ').slice(0, 2).join(' ')}\n`);
    await use('dwb-ssh-engine');
    const label = await errorLabel();
    assert.match(label, /WARNING: the host key of \[127\.0\.0\.1\]:\d+ has CHANGED/);
    assert.ok(label.includes(`${knownHosts} (line 2)`), label);
    assert.match(label, /man-in-the-middle/);
    assert.equal(setup.prompts.asked.length, 0, 'no question for a changed key');
  });

  it('says which key was refused, that the remote has no docker, or that its engine is down, within seconds', async () => {
    // Accept the host key of the other ports the way a user would have (the same sshd, so the same key).
    fs.appendFileSync(knownHosts, [sshd.ports.down!, sshd.ports.nodocker!].map((p) => `${token(p)} ${sshd.hostKey.publicLine.split(' ').slice(0, 2).join(' ')}\n`).join(''));

    setKey(sshd.otherKey.privateKey);
    setup.cleanup.push(async () => setKey(sshd.clientKey.privateKey));
    await use('dwb-ssh-engine');
    const refused = await errorLabel();
    assert.match(refused, new RegExp(`refused every key for user ${sshd.user} \\(offered: .*id_ed25519\\)`));
    setKey(sshd.clientKey.privateKey);

    await use('dwb-ssh-nodocker');
    assert.match(await errorLabel(), /no docker command there for this user \(.*not found/);

    await use('dwb-ssh-down');
    // The remote docker's own failure: the engine there is down, like a local one.
    assert.match(await errorLabel(/^The Docker Engine (refuses the connection|cannot be reached|is not running here)/), /docker there could not reach its engine: .*no-engine\.sock/);
  });
});
