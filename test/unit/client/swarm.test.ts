// The Swarm view's pure parts (presentation, update progress, stack arguments) and the SwarmModel
// against a scripted engine; the integration tier runs the same against a real swarm.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DockerEngine } from '../../../client/src/engine/dockerEngine';
import type { EngineEvent } from '../../../client/src/engine/engineEvents';
import type { SwarmService, SwarmTask } from '../../../client/src/engine/swarmObjects';
import { EngineModel } from '../../../client/src/model/engineModel';
import { SwarmModel, roleOf, type SwarmChange } from '../../../client/src/model/swarmModel';
import {
  formatServiceLogLine, groupByStack, nodeDescription, replicaCounts, secretDescription, serviceDescription, servicePorts, sortTasks, stripDigest,
  taskDescription, taskLabel, updateStatusText,
} from '../../../client/src/views/swarmPresentation';
import { updateProgress } from '../../../client/src/swarm/serviceUpdate';
import { defaultStackName, isValidStackName, stackDeployArgs } from '../../../client/src/swarm/stackArgs';

const NOW = Date.parse('2025-06-01T12:00:00Z');

function service(id: string, extra: Partial<SwarmService> = {}, replicas = 2, stack = 'shop'): SwarmService {
  return {
    ID: id,
    Version: { Index: 10 },
    Spec: {
      Name: `${stack}_${id}`,
      Labels: stack ? { 'com.docker.stack.namespace': stack } : {},
      TaskTemplate: { ContainerSpec: { Image: 'registry.example/web:1@sha256:abc' } },
      Mode: { Replicated: { Replicas: replicas } },
    },
    ...extra,
  };
}

function task(id: string, serviceId: string, slot: number, state: string, desired = 'running', image = 'registry.example/web:1@sha256:abc'): SwarmTask {
  return { ID: id, ServiceID: serviceId, NodeID: 'n1', Slot: slot, DesiredState: desired, Status: { State: state, Timestamp: '2025-06-01T11:59:00Z' }, Spec: { ContainerSpec: { Image: image } }, CreatedAt: `2025-06-01T11:0${slot}:00Z` };
}

test('a service is described like docker service ls: mode, running/desired, image without digest, ports, update state', () => {
  const web = service('web', { Endpoint: { Ports: [{ Protocol: 'tcp', TargetPort: 80, PublishedPort: 8080, PublishMode: 'ingress' }, { Protocol: 'udp', TargetPort: 53, PublishedPort: 5353, PublishMode: 'host' }] }, UpdateStatus: { State: 'updating' } });
  const tasks = [task('t1', 'web', 1, 'running'), task('t2', 'web', 2, 'starting'), task('t0', 'web', 1, 'shutdown', 'shutdown')];
  assert.deepEqual(replicaCounts(web, tasks), { running: 1, desired: 2 });
  assert.deepEqual(servicePorts(web), ['8080→80/tcp', 'host 5353→53/udp']);
  assert.equal(serviceDescription(web, tasks), 'replicated 1/2 · registry.example/web:1 · 8080→80/tcp, host 5353→53/udp · updating');
  // A task whose container here already runs counts, before the swarm's own record says so.
  assert.deepEqual(replicaCounts(web, tasks, new Set(['t2'])), { running: 2, desired: 2 });
  assert.equal(stripDigest('busybox@sha256:1'), 'busybox');
  assert.equal(updateStatusText(service('x', { UpdateStatus: { State: 'rollback_completed' } })), 'rolled back');
});

test('global services want one task per node; jobs their completions', () => {
  const global = service('agent', {}, 0);
  global.Spec!.Mode = { Global: {} };
  const tasks = [task('a', 'agent', 0, 'running'), { ...task('b', 'agent', 0, 'running'), NodeID: 'n2' }];
  assert.deepEqual(replicaCounts(global, tasks), { running: 2, desired: 2 });
  const job = service('migrate', {}, 0);
  job.Spec!.Mode = { ReplicatedJob: { TotalCompletions: 3 } };
  assert.equal(replicaCounts(job, []).desired, 3);
});

test('tasks: labels by slot, state with node and error, the current one before its history', () => {
  const web = service('web');
  const failed = { ...task('t3', 'web', 1, 'failed', 'shutdown'), Status: { State: 'failed', Err: 'task: non-zero exit (1)', Timestamp: '2025-06-01T11:58:00Z' } };
  const ordered = sortTasks([failed, task('t2', 'web', 2, 'running'), task('t1', 'web', 1, 'running')]);
  assert.deepEqual(ordered.map((t) => t.ID), ['t1', 't3', 't2']);
  assert.equal(taskLabel(ordered[0]!, web), 'shop_web.1');
  const node = { ID: 'n1', Description: { Hostname: 'box' } };
  assert.equal(taskDescription(failed, node, undefined, NOW), 'failed → shutdown · box · 2 minutes ago · task: non-zero exit (1)');
});

test('nodes, secrets and configs: role, availability, status, leader, engine; names and dates only', () => {
  assert.equal(nodeDescription({ ID: 'n', Spec: { Role: 'manager', Availability: 'active' }, Status: { State: 'ready' }, ManagerStatus: { Leader: true }, Description: { Engine: { EngineVersion: '24.0.7' } } }), 'manager · active · ready · leader · Engine 24.0.7');
  assert.equal(secretDescription({ ID: 's', CreatedAt: '2025-06-01T10:00:00Z', UpdatedAt: '2025-06-01T10:00:00Z', Spec: { Name: 'db', Labels: { 'com.docker.stack.namespace': 'shop' } } }, undefined, NOW), 'created 2 hours ago · stack shop');
});

test('services group by stack; loose ones last', () => {
  const { stacks, loose } = groupByStack([service('b', {}, 1, 'zeta'), service('a', {}, 1, 'alpha'), service('c', {}, 1, '')]);
  assert.deepEqual([...stacks.keys()], ['alpha', 'zeta']);
  assert.deepEqual(loose.map((s) => s.ID), ['c']);
});

test('service log lines get their task and node, as docker service logs prints them', () => {
  const line = 'com.docker.swarm.node.id=n1,com.docker.swarm.service.id=s1,com.docker.swarm.task.id=t1 hello world';
  const names = { task: (id: string) => (id === 't1' ? 'shop_web.1' : undefined), node: (id: string) => (id === 'n1' ? 'box' : undefined) };
  assert.equal(formatServiceLogLine(line, names), `${'shop_web.1@box'.padEnd(24)} | hello world`);
  assert.equal(formatServiceLogLine('plain line', names), 'plain line');
});

test('update progress: counts tasks on the new image, ends on this update\'s own status', () => {
  const watch = { image: 'web:2', previousStartedAt: '2025-06-01T10:00:00Z', rollback: false };
  const before = service('web', { UpdateStatus: { State: 'completed', StartedAt: '2025-06-01T10:00:00Z' } });
  const tasks = [task('a', 'web', 1, 'running', 'running', 'web:2@sha256:1'), task('b', 'web', 2, 'running', 'running', 'web:1')];
  // The previous update's "completed" is not this one's.
  assert.deepEqual(updateProgress(before, tasks, watch), { done: false, outcome: undefined, updated: 1, total: 2, message: undefined });
  const running = service('web', { UpdateStatus: { State: 'updating', StartedAt: '2025-06-01T11:00:00Z' } });
  assert.equal(updateProgress(running, tasks, watch).done, false);
  const paused = service('web', { UpdateStatus: { State: 'paused', StartedAt: '2025-06-01T11:00:00Z', Message: 'update paused due to failure' } });
  assert.deepEqual(updateProgress(paused, tasks, watch), { done: true, outcome: 'paused', updated: 1, total: 2, message: 'update paused due to failure' });
  const rolledBack = service('web', { UpdateStatus: { State: 'rollback_completed', StartedAt: '2025-06-01T11:00:00Z' } });
  assert.equal(updateProgress(rolledBack, tasks, watch).outcome, 'rolledBack');
  assert.equal(updateProgress(rolledBack, tasks, { ...watch, rollback: true }).outcome, 'completed');
  // Converged without an UpdateStatus of its own.
  const allNew = [task('a', 'web', 1, 'running', 'running', 'web:2'), task('b', 'web', 2, 'running', 'running', 'web:2')];
  assert.equal(updateProgress(before, allNew, watch).outcome, 'completed');
  assert.equal(updateProgress(undefined, [], watch).outcome, 'removed');
});

test('stack deploy: the name after --, names that could be options refused, a default from name: or the folder', () => {
  assert.deepEqual(stackDeployArgs(['/w/app/docker-stack.yml'], 'shop'), ['stack', 'deploy', '--compose-file', '/w/app/docker-stack.yml', '--', 'shop']);
  assert.throws(() => stackDeployArgs(['/f.yml'], '--prune'), /invalid stack name/);
  for (const bad of ['-x', '', 'a b', 'a/b', 'x'.repeat(64)]) assert.equal(isValidStackName(bad), false, bad);
  assert.equal(isValidStackName('shop_v2.1-a'), true);
  assert.equal(defaultStackName('/w/My App/docker-stack.yml'), 'my-app');
  assert.equal(defaultStackName('/w/x/stack.yml', 'name: Shop\nservices: {}\n'), 'shop');
  assert.equal(defaultStackName('/w/x/stack.yml', 'name: ${PROJECT}\n'), 'x');
  assert.equal(defaultStackName('/w/--/stack.yml'), 'stack');
});

/** An engine with a swarm of one node, scripted; events are pushed by the test. */
function swarmEngine() {
  const services = new Map<string, SwarmService>([['s1', service('s1', {}, 1)]]);
  const tasks: SwarmTask[] = [task('t1', 's1', 1, 'starting')];
  let onEvent: (e: EngineEvent) => void = () => undefined;
  const calls: string[] = [];
  let swarm = { LocalNodeState: 'active', ControlAvailable: true, Managers: 1 };
  const engine = {
    target: { endpoint: 'unix:///fake.sock', options: {} },
    subscribe: async (ev: typeof onEvent) => {
      onEvent = ev;
      return { dispose: () => undefined };
    },
    listContainers: async () => [], listImages: async () => [], listVolumes: async () => [], listNetworks: async () => [],
    swarmInfo: async () => { calls.push('info'); return swarm; },
    listNodes: async () => { calls.push('nodes'); return [{ ID: 'n1', Spec: { Role: 'manager' } }]; },
    listServices: async (id?: string) => { calls.push(id ? `service:${id}` : 'services'); return [...services.values()].filter((s) => !id || s.ID === id); },
    listTasks: async (id?: string) => { calls.push(id ? `tasks:${id}` : 'tasks'); return tasks.filter((t) => !id || t.ServiceID === id); },
    listSecrets: async () => { calls.push('secrets'); return []; },
    listConfigs: async () => { calls.push('configs'); return []; },
  } as unknown as DockerEngine;
  return {
    engine, services, tasks, calls,
    emit: (e: EngineEvent) => onEvent(e),
    leave: () => { swarm = { LocalNodeState: 'inactive', ControlAvailable: false, Managers: 0 }; },
  };
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

test('the swarm model lists once, then re-reads only what an event names', async () => {
  const fake = swarmEngine();
  const engineModel = new EngineModel(fake.engine, { setTimeout: () => 0, clearTimeout: () => undefined });
  await engineModel.connect();
  const swarm = new SwarmModel(engineModel);
  const changes: SwarmChange[] = [];
  swarm.onDidChange((c) => changes.push(c));
  swarm.start();
  await settle();
  assert.equal(swarm.state.role, 'manager');
  assert.equal(swarm.counters.fullLists, 1);
  assert.equal(swarm.tasks.get('t1')?.Status?.State, 'starting');

  // A task container starts: that service's tasks are read again, nothing else.
  fake.calls.length = 0;
  fake.tasks[0] = task('t1', 's1', 1, 'running');
  fake.emit({ Type: 'container', Action: 'start', Actor: { ID: 'c1', Attributes: { 'com.docker.swarm.service.id': 's1', 'com.docker.swarm.task.id': 't1' } } });
  await settle();
  assert.deepEqual(fake.calls, ['tasks:s1']);
  assert.equal(swarm.tasks.get('t1')?.Status?.State, 'running');
  assert.ok(changes.some((c) => c.kind === 'service' && c.id === 's1'));

  // A service update re-reads the service and its tasks; a removal drops both without a read.
  fake.calls.length = 0;
  fake.services.set('s1', service('s1', {}, 3));
  fake.emit({ Type: 'service', Action: 'update', Actor: { ID: 's1' } });
  await settle();
  assert.deepEqual(fake.calls.sort(), ['service:s1', 'tasks:s1']);
  assert.equal(swarm.services.get('s1')?.Spec?.Mode?.Replicated?.Replicas, 3);
  fake.calls.length = 0;
  fake.emit({ Type: 'service', Action: 'remove', Actor: { ID: 's1' } });
  await settle();
  assert.deepEqual(fake.calls, []);
  assert.equal(swarm.services.size, 0);
  assert.equal(swarm.tasks.size, 0);
  assert.equal(swarm.counters.fullLists, 1, 'never listed everything again');
  swarm.dispose();
  engineModel.dispose();
});

test('a swarm left in a terminal is noticed from the ingress network going away', async () => {
  const fake = swarmEngine();
  const engineModel = new EngineModel(fake.engine, { setTimeout: () => 0, clearTimeout: () => undefined });
  await engineModel.connect();
  const swarm = new SwarmModel(engineModel);
  swarm.start();
  await settle();
  fake.leave();
  fake.emit({ Type: 'network', Action: 'destroy', Actor: { ID: 'i', Attributes: { name: 'ingress' } } });
  await settle();
  assert.equal(swarm.state.role, 'none');
  assert.equal(swarm.services.size, 0);
  assert.equal(roleOf({ LocalNodeState: 'active', ControlAvailable: false }), 'worker');
  assert.equal(roleOf({ LocalNodeState: 'locked' }), 'locked');
  swarm.dispose();
  engineModel.dispose();
});
