// Swarm on the private test engine: a single-node swarm started from the Swarm view (advertised
// on 127.0.0.1, listening on a free loopback port), a two-service stack deployed from a compose
// file with the docker CLI, scaled, updated to another image and rolled back, its logs followed,
// the stack removed, and the swarm left, so the suites after this one find the engine as before.
// The view is checked to follow each change through the engine's events.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, childrenOf, commandTestSetup, testDocker, TEST_IMAGE, uniqueName, waitFor, waitForChildren, workspaceDir } from './helpers';
import { freePort } from '../harness/freePort.mjs';
import type { UpdateProgress } from '../../client/src/swarm/serviceUpdate';
import type { ServiceLogsPseudoterminal } from '../../client/src/swarm/serviceLogs';

const STACK = 'dwbstack';

function stackFile(): string {
  return [
    // The docker CLI of Debian 12 (20.10) reads stack files only with a version of 3.x.
    'version: "3.8"',
    'services:',
    '  web:',
    `    image: ${TEST_IMAGE}`,
    '    command: ["httpd", "-f", "-p", "8080"]',
    '    stop_grace_period: 1s',
    '    ports:',
    '      - "18080:8080"',
    '    deploy:',
    '      replicas: 2',
    '  worker:',
    `    image: ${TEST_IMAGE}`,
    '    command: ["sh", "-c", "echo worker says hello; exec sleep 3600"]',
    '    stop_grace_period: 1s',
    // Accepted by docker stack deploy but not applied: the language service notes it (restart:
    // always would be a hint, since Swarm's default restart policy does the same).
    '    restart: on-failure',
    '    configs:',
    '      - app_config',
    '    secrets:',
    '      - app_secret',
    'configs:',
    '  app_config:',
    '    file: ./app.conf',
    'secrets:',
    '  app_secret:',
    '    file: ./secret.txt',
    '',
  ].join('\n');
}

describe('swarm: a single-node swarm on the test engine', function () {
  this.timeout(300_000);
  const docker = testDocker();
  const setup = commandTestSetup();
  let gwbridgeMade = false;
  let folder = '';

  const swarmView = async () => (await activateExtension()).views.swarm;
  const section = async (name: string) => {
    const view = await swarmView();
    return waitForChildren(`the ${name} section`, view, (nodes) => nodes.find((n) => n.id === `section:${name}`), undefined, 60_000);
  };
  const serviceNode = async (service: string, probe: (description: string) => boolean = () => true, timeoutMs = 120_000) => {
    const view = await swarmView();
    let seen = 'nothing';
    try {
      return await waitFor(`service ${service} in the view`, async () => {
        const services = await childrenOf(view, await section('services'));
        const stack = services.find((n) => n.id === `stack:${STACK}`);
        if (!stack) return undefined;
        const node = (await childrenOf(view, stack)).find((n) => String(view.getTreeItem(n).label) === `${STACK}_${service}`);
        seen = node ? String(view.getTreeItem(node).description) : 'no node';
        return node && probe(seen) ? node : undefined;
      }, timeoutMs);
    } catch (error) {
      const tasks = (await docker.listTasks({ filters: { service: [`${STACK}_${service}`] } })).map((t: { Status?: { State?: string; Err?: string } }) => `${t.Status?.State} ${t.Status?.Err ?? ''}`);
      throw new Error(`${(error as Error).message}; the view last showed "${seen}"; the engine's tasks: ${tasks.join(', ')}`);
    }
  };

  before(async () => {
    const info = await docker.info();
    assert.equal(info.Swarm?.LocalNodeState, 'inactive', 'the test engine starts outside any swarm');
    // Swarm makes a bridge named docker_gwbridge on the host; other engines on this machine may
    // have one. Made first with a name of this engine's own, Swarm uses it as it is.
    if (!(await docker.listNetworks({ filters: { name: ['docker_gwbridge'] } })).some((n) => n.Name === 'docker_gwbridge')) {
      const root = path.dirname((process.env.DOCKER_HOST ?? '').slice('unix://'.length));
      const bridge = fs.readFileSync(path.join(root, 'bridge'), 'utf8').trim();
      await docker.createNetwork({
        Name: 'docker_gwbridge',
        Driver: 'bridge',
        Options: {
          'com.docker.network.bridge.name': `${bridge}gw`.slice(0, 15),
          'com.docker.network.bridge.enable_icc': 'false',
          'com.docker.network.bridge.enable_ip_masquerade': 'false',
        },
      });
      gwbridgeMade = true;
    }
    folder = path.join(workspaceDir(), uniqueName('swarm-app'));
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'app.conf'), 'greeting=hello\n');
    fs.writeFileSync(path.join(folder, 'secret.txt'), 'do-not-show-me\n');
    fs.writeFileSync(path.join(folder, 'docker-stack.yml'), stackFile());
  });

  after(async () => {
    // Whatever happened above, the engine leaves here as it came.
    const info = await docker.info().catch(() => undefined);
    if (info?.Swarm?.LocalNodeState === 'active') await docker.swarmLeave({ force: true }).catch(() => undefined);
    if (gwbridgeMade) await docker.getNetwork('docker_gwbridge').remove().catch(() => undefined);
    await docker.getImage('dwb-test/busybox:v2').remove().catch(() => undefined);
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  it('offers a single-node swarm, and starts one after a confirmation that says what it does', async () => {
    const api = await activateExtension();
    const view = await swarmView();
    await childrenOf(view);
    await waitFor('the swarm role', () => api.swarm.state.role === 'none');
    assert.deepEqual(await childrenOf(view), [], 'empty: the welcome content offers to start a swarm');

    const port = await freePort();
    setup.prompts.next('input', `127.0.0.1:${port}`).accept();
    await vscode.commands.executeCommand('dockerWorkbench.swarm.init');
    const confirm = setup.prompts.asked.find((a) => a.kind === 'confirm')!;
    assert.match(confirm.message!, /Initialize a swarm on/);
    assert.ok(confirm.detail!.includes(`127.0.0.1:${port}`), confirm.detail);
    assert.equal((await docker.info()).Swarm?.ControlAvailable, true);

    const nodes = await waitForChildren('one node', view, (n) => (n.length === 1 ? n : undefined), await section('nodes'));
    const description = String(view.getTreeItem(nodes[0]).description);
    assert.match(description, /^manager · active · ready · leader · Engine \d+\./);
  });

  it('deploys a two-service stack from a compose file with the docker CLI; the view shows services, tasks, secret and config', async () => {
    const api = await activateExtension();
    const view = await swarmView();
    const file = path.join(folder, 'docker-stack.yml');
    setup.prompts.next('input', (asked) => {
      assert.match(String(asked.title), /docker-stack\.yml as a stack/);
      return STACK;
    });
    await vscode.commands.executeCommand('dockerWorkbench.swarm.deployStack', { composeFileUri: vscode.Uri.file(file).toString() });

    const web = await serviceNode('web', (d) => d.startsWith('replicated 2/2'));
    assert.match(String(view.getTreeItem(web).description), /replicated 2\/2 · dwb-test\/busybox:latest · 18080→8080\/tcp/);
    await serviceNode('worker', (d) => d.startsWith('replicated 1/1'));
    const tasks = await waitForChildren('web\'s two running tasks', view, (n) => (n.filter((t) => /^running/.test(String(view.getTreeItem(t).description))).length === 2 ? n : undefined), web);
    assert.deepEqual(tasks.map((t) => String(view.getTreeItem(t).label)).sort(), [`${STACK}_web.1`, `${STACK}_web.2`]);

    const secrets = await waitForChildren('the secret', view, (n) => (n.length ? n : undefined), await section('secrets'));
    const secret = view.getTreeItem(secrets[0]);
    assert.equal(secret.label, `${STACK}_app_secret`);
    assert.match(String(secret.description), new RegExp(`created .* ago · stack ${STACK}`));
    assert.ok(!JSON.stringify(api.swarm.secrets.get(secrets[0].id)).includes('do-not-show-me'), 'the value is never read');
    const configs = await waitForChildren('the config', view, (n) => (n.length ? n : undefined), await section('configs'));
    assert.equal(view.getTreeItem(configs[0]).label, `${STACK}_app_config`);

    // In the editor: the key Swarm ignores is noted, and the file offers "Deploy as stack".
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(document);
    await api.startLanguageClient();
    const note = await waitFor('the Swarm note on restart', () => vscode.languages.getDiagnostics(document.uri).find((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'compose-swarm-ignored'), 30_000);
    assert.equal(document.getText(note.range), 'restart');
    assert.equal(note.severity, vscode.DiagnosticSeverity.Information);
    const lenses = await waitFor('the Deploy as stack lens', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
      return found?.find((l) => l.command?.command === 'dockerWorkbench.swarm.deployStack');
    }, 30_000);
    assert.match(lenses.command!.title, /Deploy as stack/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('scales a service from the view, and follows a scale made elsewhere', async () => {
    const api = await activateExtension();
    const web = await serviceNode('web');
    setup.prompts.next('input', '3');
    await vscode.commands.executeCommand('dockerWorkbench.swarm.scale', web);
    await serviceNode('web', (d) => d.startsWith('replicated 3/3'));
    const service = await docker.getService(web.id).inspect();
    assert.equal(service.Spec.Mode.Replicated.Replicas, 3);

    // Scaled with the API, not the extension: the service event carries it to the view.
    const before = api.swarm.counters.fullLists;
    await docker.getService(web.id).update({ _query: { version: service.Version.Index }, _body: { ...service.Spec, Mode: { Replicated: { Replicas: 1 } } } });
    // The desired count comes with the service event; the running count follows as the engine
    // stops the surplus tasks (their containers' events), which on a loaded machine can lag.
    await serviceNode('web', (d) => /^replicated \d+\/1 /.test(d));
    assert.equal(api.swarm.counters.fullLists, before, 'followed from events, not by listing again');
  });

  it('updates a service\'s image with progress to the end, and rolls it back', async () => {
    await docker.getImage(TEST_IMAGE).tag({ repo: 'dwb-test/busybox', tag: 'v2' });
    const worker = await serviceNode('worker');
    setup.prompts.next('input', 'dwb-test/busybox:v2');
    const updated = await vscode.commands.executeCommand<UpdateProgress>('dockerWorkbench.swarm.updateImage', worker);
    assert.equal(updated?.outcome, 'completed', JSON.stringify(updated));
    assert.deepEqual([updated.updated, updated.total], [1, 1]);
    assert.match((await docker.getService(worker.id).inspect()).Spec.TaskTemplate.ContainerSpec.Image, /^dwb-test\/busybox:v2/);
    await serviceNode('worker', (d) => d.includes('dwb-test/busybox:v2'));

    const rolledBack = await vscode.commands.executeCommand<UpdateProgress>('dockerWorkbench.swarm.rollback', await serviceNode('worker'));
    assert.equal(rolledBack?.outcome, 'completed', JSON.stringify(rolledBack));
    assert.match((await docker.getService(worker.id).inspect()).Spec.TaskTemplate.ContainerSpec.Image, /^dwb-test\/busybox:latest/);
  });

  it('follows the logs of a service, each line with its task and node', async () => {
    const worker = await serviceNode('worker', (d) => d.startsWith('replicated 1/1'));
    const pty = await vscode.commands.executeCommand<ServiceLogsPseudoterminal>('dockerWorkbench.swarm.logs', worker);
    assert.ok(pty, 'the command returns the terminal it opened');
    try {
      await waitFor('a log line with its task', () => /dwbstack_worker\.1@\S+\s+\| worker says hello/.test(pty.transcript), 60_000);
    } finally {
      pty.close();
    }
  });

  it('removes the stack after a confirmation naming its services, network, secret and config', async () => {
    const view = await swarmView();
    const services = await childrenOf(view, await section('services'));
    const stack = services.find((n) => n.id === `stack:${STACK}`);
    setup.prompts.accept();
    await vscode.commands.executeCommand('dockerWorkbench.swarm.removeStack', stack);
    const detail = setup.prompts.asked[0]!.detail!;
    for (const part of [`${STACK}_web`, `${STACK}_worker`, `${STACK}_default`, `${STACK}_app_secret`, `${STACK}_app_config`]) assert.ok(detail.includes(part), `${part} in:\n${detail}`);
    await waitForChildren('no services left', view, (n) => n.length === 0, await section('services'), 60_000);
    assert.deepEqual(await docker.listServices(), []);
    assert.deepEqual((await docker.listSecrets()).length, 0);
  });

  it('leaves the swarm after a confirmation, and offers to start one again', async () => {
    const api = await activateExtension();
    setup.prompts.accept();
    await vscode.commands.executeCommand('dockerWorkbench.swarm.leave');
    assert.match(setup.prompts.asked[0]!.detail!, /only manager/);
    assert.equal((await docker.info()).Swarm?.LocalNodeState, 'inactive');
    await waitFor('the view empty again', async () => api.swarm.state.role === 'none' && (await childrenOf(api.views.swarm)).length === 0);
  });
});
