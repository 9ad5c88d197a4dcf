// The model against a scripted engine (unit tier; the integration tier uses the real one).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DockerEngine, ContainerSummary } from '../../../client/src/engine/dockerEngine';
import type { EngineEvent } from '../../../client/src/engine/engineEvents';
import { EngineError } from '../../../client/src/engine/engineError';
import { EngineModel, outageOf, type ConnectionState, type ModelChange } from '../../../client/src/model/engineModel';

function fakeEngine() {
  const containers: ContainerSummary[] = [{ Id: 'c1', Names: ['/one'], State: 'created', Status: 'Created', Labels: {}, Ports: [], Mounts: [] } as unknown as ContainerSummary];
  let onEvent: (e: EngineEvent) => void = () => undefined;
  let onEnd: (e?: Error) => void = () => undefined;
  const calls: string[] = [];
  let reachable = true;
  const engine = {
    target: { endpoint: 'unix:///fake.sock', options: {} },
    subscribe: async (ev: typeof onEvent, end: typeof onEnd) => {
      calls.push('subscribe');
      if (!reachable) throw new EngineError('socketMissing', 'No Docker Engine socket at /fake.sock.');
      onEvent = ev;
      onEnd = end;
      return { dispose: () => undefined };
    },
    listContainers: async (id?: string) => { calls.push(id ? `list:${id}` : 'list'); return containers.filter((c) => !id || c.Id === id); },
    listImages: async () => [],
    listVolumes: async () => [],
    listNetworks: async () => [],
  } as unknown as DockerEngine;
  return {
    engine, containers, calls,
    emit: (e: EngineEvent) => onEvent(e),
    end: (e?: Error) => onEnd(e),
    setReachable: (r: boolean) => { reachable = r; },
  };
}

function manualTimers() {
  const pending: Array<{ cb: () => void; ms: number }> = [];
  return {
    pending,
    timers: { setTimeout: (cb: () => void, ms: number) => { const t = { cb, ms }; pending.push(t); return t; }, clearTimeout: (h: unknown) => { const i = pending.indexOf(h as never); if (i >= 0) pending.splice(i, 1); } },
    runNext: () => pending.shift()!.cb(),
  };
}

/** Reads the state through a call, so earlier assertions do not narrow it. */
const stateOf = (model: EngineModel): ConnectionState => model.state;
const settle = () => new Promise((r) => setImmediate(r));

test('connects with one full list, then follows events by re-reading one container', async () => {
  const fake = fakeEngine();
  const model = new EngineModel(fake.engine, manualTimers().timers);
  const changes: ModelChange[] = [];
  model.onDidChange((c) => changes.push(c));
  await model.connect();
  assert.equal(model.state.status, 'connected');
  assert.equal(model.counters.fullLists, 1);
  fake.containers[0] = { ...fake.containers[0]!, State: 'running', Status: 'Up 1 second' };
  fake.emit({ Type: 'container', Action: 'start', Actor: { ID: 'c1' } });
  await settle();
  assert.equal(model.containers.get('c1')!.State, 'running');
  assert.equal(model.counters.fullLists, 1);
  assert.deepEqual(fake.calls.filter((c) => c.startsWith('list')), ['list', 'list:c1']);
  assert.ok(changes.some((c) => c.kind === 'container' && c.id === 'c1'));
});

test('the event itself updates the container before the re-read answers', async () => {
  const fake = fakeEngine();
  const model = new EngineModel(fake.engine, manualTimers().timers);
  await model.connect();
  fake.emit({ Type: 'container', Action: 'die', Actor: { ID: 'c1', Attributes: { exitCode: '3' } } });
  assert.equal(model.containers.get('c1')!.State, 'exited', 'synchronously, from the event');
  assert.match(model.containers.get('c1')!.Status, /Exited \(3\)/);
});

test('prune events and events without an actor are ignored', async () => {
  const fake = fakeEngine();
  const model = new EngineModel(fake.engine, manualTimers().timers);
  await model.connect();
  const reads = model.counters.objectReads;
  fake.emit({ Type: 'image', Action: 'prune', Actor: { ID: '' } });
  fake.emit({ Type: 'container', Action: 'start', Actor: { ID: '' } });
  await settle();
  assert.equal(model.counters.objectReads, reads);
});

test('an unreachable engine is reported and retried with growing backoff, and no timer runs once connected', async () => {
  const fake = fakeEngine();
  const clock = manualTimers();
  fake.setReachable(false);
  const model = new EngineModel(fake.engine, clock.timers);
  await model.connect();
  assert.equal(model.state.status, 'unreachable');
  assert.equal(model.state.status === 'unreachable' && model.state.error.kind, 'socketMissing');
  assert.equal(clock.pending.length, 1);
  const first = clock.pending[0]!.ms;
  clock.runNext();
  await settle();
  assert.ok(clock.pending[0]!.ms > first, 'the second wait is longer');
  fake.setReachable(true);
  clock.runNext();
  await settle();
  await settle();
  assert.equal(model.state.status, 'connected');
  assert.equal(clock.pending.length, 0, 'nothing is scheduled while connected');

  // The stream ending (engine stopped) empties the model and schedules one reconnect.
  fake.end();
  assert.equal(stateOf(model).status, 'unreachable');
  assert.equal(model.containers.size, 0);
  assert.equal(clock.pending.length, 1);
});

test('a reconnect attempt during an outage keeps the outage visible; a switch to another engine forgets it', async () => {
  const fake = fakeEngine();
  const clock = manualTimers();
  fake.setReachable(false);
  const model = new EngineModel(fake.engine, clock.timers);
  const seen: ConnectionState[] = [];
  model.onDidChange((c) => { if (c.kind === 'state') seen.push(model.state); });
  await model.connect();
  assert.deepEqual(seen.map((s) => s.status), ['connecting', 'unreachable']);
  assert.equal(outageOf(seen[0]!), undefined, 'the first attempt is not an outage yet');
  clock.runNext();
  assert.equal(stateOf(model).status, 'connecting');
  assert.equal(outageOf(model.state)?.kind, 'socketMissing', 'retrying: still the same outage');
  await settle();
  assert.equal(outageOf(model.state)?.kind, 'socketMissing');
  fake.setReachable(true);
  await model.switchEngine(fake.engine);
  assert.equal(outageOf(model.state), undefined);
  assert.equal(model.state.status, 'connected');
});

test('container times come from start/die events, else from one inspect per container the first time a view asks', async () => {
  const fake = fakeEngine();
  let inspects = 0;
  (fake.engine as unknown as { inspectContainer: (id: string) => Promise<unknown> }).inspectContainer = async () => {
    inspects++;
    return { State: { StartedAt: '2024-05-01T10:00:00.5Z', FinishedAt: '0001-01-01T00:00:00Z' } };
  };
  const model = new EngineModel(fake.engine, manualTimers().timers);
  await model.connect();
  const changes: ModelChange[] = [];
  model.onDidChange((c) => changes.push(c));
  assert.equal(model.containerTimes('c1'), undefined, 'unknown at first');
  assert.equal(model.containerTimes('c1'), undefined, 'asking again queues no second read');
  await settle();
  assert.deepEqual(model.containerTimes('c1'), { startedAt: Date.parse('2024-05-01T10:00:00.5Z'), finishedAt: undefined });
  assert.equal(inspects, 1);
  assert.ok(changes.some((c) => c.kind === 'container' && c.id === 'c1'), 'the row is drawn again when the times arrive');

  fake.emit({ Type: 'container', Action: 'die', Actor: { ID: 'c1', Attributes: { exitCode: '0' } }, time: 1_714_560_000, timeNano: 1_714_560_000_123_000_000 });
  assert.equal(model.containerTimes('c1')!.finishedAt, 1_714_560_000_123, 'the event says when, to the millisecond');
  fake.emit({ Type: 'container', Action: 'start', Actor: { ID: 'c1' }, time: 1_714_560_100 });
  assert.equal(model.containerTimes('c1')!.startedAt, 1_714_560_100_000);
  await settle();
  assert.equal(inspects, 1, 'events need no read');
  assert.equal(model.containerTimes('nope'), undefined, 'no read for a container the model does not have');
  await settle();
  assert.equal(inspects, 1);
  assert.equal(model.counters.timeReads, 1);
});

test('what only the user can fix (an unknown ssh host key) is not retried by itself; Retry connects', async () => {
  const fake = fakeEngine();
  const clock = manualTimers();
  const model = new EngineModel(fake.engine, clock.timers);
  let refuse = true;
  const subscribe = (fake.engine as unknown as { subscribe: (...a: unknown[]) => Promise<unknown> }).subscribe;
  (fake.engine as unknown as { subscribe: (...a: unknown[]) => Promise<unknown> }).subscribe = async (...args: unknown[]) => {
    if (refuse) throw new EngineError('hostKeyUnknown', 'The authenticity of [h]:22 could not be established.');
    return subscribe(...args);
  };
  await model.connect();
  const state = stateOf(model);
  assert.equal(state.status, 'unreachable');
  assert.equal(state.status === 'unreachable' && state.retryInMs, undefined);
  assert.equal(clock.pending.length, 0, 'no retry timer');
  refuse = false;
  await model.connect();
  assert.equal(stateOf(model).status, 'connected');
});
