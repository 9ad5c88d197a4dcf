// The model against a scripted engine (unit tier; the integration tier uses the real one).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DockerEngine, ContainerSummary } from '../../../client/src/engine/dockerEngine';
import type { EngineEvent } from '../../../client/src/engine/engineEvents';
import { EngineError } from '../../../client/src/engine/engineError';
import { EngineModel, outageOf, WARM_LISTS_DELAY_MS, WARM_SMALL_LISTS_DELAY_MS, type ConnectionState, type ModelChange } from '../../../client/src/model/engineModel';

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

test('times for a page of rows are read a few at a time, each row drawn again when its answer comes', async () => {
  const fake = fakeEngine();
  for (let i = 2; i <= 10; i++) fake.containers.push({ ...fake.containers[0]!, Id: `c${i}` });
  const waiting: Array<() => void> = [];
  let inFlight = 0;
  let most = 0;
  (fake.engine as unknown as { inspectContainer: (id: string) => Promise<unknown> }).inspectContainer = () => {
    inFlight++;
    most = Math.max(most, inFlight);
    return new Promise((resolve) => waiting.push(() => {
      inFlight--;
      resolve({ State: { StartedAt: '2024-05-01T10:00:00Z', FinishedAt: '0001-01-01T00:00:00Z' } });
    }));
  };
  const model = new EngineModel(fake.engine, manualTimers().timers);
  await model.connect();
  const drawnAgain = new Set<string>();
  model.onDidChange((c) => { if (c.kind === 'container' && c.id) drawnAgain.add(c.id); });
  for (const c of fake.containers) assert.equal(model.containerTimes(c.Id), undefined);
  await settle();
  assert.equal(inFlight, 4, 'four reads at once');
  while (waiting.length > 0) {
    waiting.shift()!();
    await settle();
  }
  assert.equal(most, 4, 'never more than four');
  assert.equal(model.counters.timeReads, 10, 'one read per container');
  assert.equal(drawnAgain.size, 10);
  for (const c of fake.containers) assert.ok(model.containerTimes(c.Id)?.startedAt);
});

test('the container index follows the list, events and re-reads', async () => {
  const fake = fakeEngine();
  fake.containers[0] = { ...fake.containers[0]!, ImageID: 'sha256:img', Mounts: [{ Type: 'volume', Name: 'data' }] } as unknown as ContainerSummary;
  const model = new EngineModel(fake.engine, manualTimers().timers);
  await model.connect();
  assert.deepEqual([...model.index.usersOfImage('sha256:img')], ['c1']);
  assert.deepEqual([...model.index.usersOfVolume('data')], ['c1']);
  fake.containers.length = 0;
  fake.emit({ Type: 'container', Action: 'destroy', Actor: { ID: 'c1' } });
  assert.equal(model.index.usersOfImage('sha256:img').size, 0, 'at once, from the event');
  await settle();
  assert.equal(model.index.usersOfVolume('data').size, 0);
});

test('while the full list is on its way, a first page of containers is shown; the full list replaces it', async () => {
  const fake = fakeEngine();
  for (let i = 2; i <= 6; i++) fake.containers.push({ ...fake.containers[0]!, Id: `c${i}`, State: i === 6 ? 'running' : 'created' });
  let releaseFull: () => void = () => undefined;
  const pages: string[] = [];
  const engine = fake.engine as unknown as Record<string, unknown>;
  engine.listContainers = () => new Promise((resolve) => { releaseFull = () => resolve([...fake.containers]); });
  engine.listLatestContainers = async (limit: number, runningOnly = false) => {
    pages.push(`${limit}:${runningOnly}`);
    return fake.containers.filter((c) => !runningOnly || c.State === 'running').slice(-2);
  };
  const model = new EngineModel(fake.engine, manualTimers().timers);
  const connected = model.connect();
  await settle();
  await settle();
  assert.deepEqual(pages.sort(), ['100:false', '100:true'], 'the newest of all and the newest running');
  assert.equal(model.previewing, true);
  assert.equal(stateOf(model).status, 'connecting');
  assert.deepEqual([...model.containers.keys()].sort(), ['c5', 'c6']);
  assert.ok(model.firstConnection.previewedAt);
  releaseFull();
  await connected;
  assert.equal(model.previewing, false);
  assert.equal(model.containers.size, 6);
  assert.equal(model.counters.fullLists, 1);
});

test('a first page that fails does not stop the full list, and a refresh asks for none', async () => {
  const fake = fakeEngine();
  let pagesAsked = 0;
  (fake.engine as unknown as Record<string, unknown>).listLatestContainers = async () => {
    pagesAsked++;
    throw new EngineError('failed', 'no page today');
  };
  const model = new EngineModel(fake.engine, manualTimers().timers);
  await model.connect();
  assert.equal(stateOf(model).status, 'connected');
  assert.equal(model.previewing, false);
  assert.deepEqual([...model.containers.keys()], ['c1']);
  assert.equal(pagesAsked, 2);
  await model.refresh();
  assert.equal(pagesAsked, 2, 'connected: a refresh lists everything at once');
});

test('a re-read that answers after a switch to another engine writes nothing into the new lists', async () => {
  const fake = fakeEngine();
  const held: Array<() => void> = [];
  const engine = fake.engine as unknown as { listContainers: (id?: string) => Promise<ContainerSummary[]> };
  const listAll = engine.listContainers;
  engine.listContainers = (id?: string) => {
    if (!id) return listAll(id);
    const answer = fake.containers.filter((c) => c.Id === id);
    return new Promise((resolve) => held.push(() => resolve(answer)));
  };
  const model = new EngineModel(fake.engine, manualTimers().timers);
  await model.connect();
  fake.emit({ Type: 'container', Action: 'start', Actor: { ID: 'c1' } });
  assert.equal(held.length, 1, 'the re-read is in flight');
  fake.containers.length = 0; // the other engine has no containers
  await model.switchEngine(fake.engine);
  assert.equal(model.containers.size, 0);
  held.shift()!();
  await settle();
  assert.equal(model.containers.size, 0, 'the old engine\'s answer is dropped');
});

test('the first page is asked for beside the subscription, and the full lists only once subscribed', async () => {
  const fake = fakeEngine();
  const engine = fake.engine as unknown as Record<string, unknown>;
  const subscribe = engine.subscribe as (...a: unknown[]) => Promise<unknown>;
  let releaseSubscription: () => void = () => undefined;
  engine.subscribe = (...args: unknown[]) => new Promise((resolve) => { releaseSubscription = () => resolve(subscribe(...args)); });
  engine.listLatestContainers = async (limit: number) => { fake.calls.push(`page:${limit}`); return [...fake.containers]; };
  const model = new EngineModel(fake.engine, manualTimers().timers);
  const connected = model.connect();
  await settle();
  assert.deepEqual(fake.calls, ['page:100', 'page:100'], 'the page went out while the subscription was pending');
  assert.equal(model.previewing, true);
  assert.deepEqual([...model.containers.keys()], ['c1']);
  releaseSubscription();
  await connected;
  assert.deepEqual(fake.calls, ['page:100', 'page:100', 'subscribe', 'list']);
  assert.equal(stateOf(model).status, 'connected');
});

test('a first page that answers after the subscription failed writes nothing', async () => {
  const fake = fakeEngine();
  fake.setReachable(false);
  let releasePage: () => void = () => undefined;
  (fake.engine as unknown as Record<string, unknown>).listLatestContainers = () => new Promise((resolve) => { releasePage = () => resolve([...fake.containers]); });
  const model = new EngineModel(fake.engine, manualTimers().timers);
  await model.connect();
  assert.equal(stateOf(model).status, 'unreachable');
  releasePage();
  await settle();
  assert.equal(model.containers.size, 0);
  assert.equal(model.previewing, false);
});

test('a signal (kill event) re-reads nothing; the die that follows updates the container at once', async () => {
  const fake = fakeEngine();
  const model = new EngineModel(fake.engine, manualTimers().timers);
  fake.containers[0] = { ...fake.containers[0]!, State: 'running', Status: 'Up 2 minutes' };
  await model.connect();
  const reads = model.counters.objectReads;
  fake.emit({ Type: 'container', Action: 'kill', Actor: { ID: 'c1', Attributes: { signal: '15' } } });
  await settle();
  assert.equal(model.counters.objectReads, reads, 'no read for a signal');
  assert.equal(model.containers.get('c1')?.State, 'running');
  fake.containers[0] = { ...fake.containers[0]!, State: 'exited', Status: 'Exited (137) 1 second ago' };
  fake.emit({ Type: 'container', Action: 'die', Actor: { ID: 'c1', Attributes: { exitCode: '137' } } });
  assert.equal(model.containers.get('c1')?.State, 'exited', 'from the event itself');
  await settle();
  assert.equal(model.counters.objectReads, reads + 1, 'one read after the die');
});

test('settled() starts the model and resolves once its first lists are in, not before', async () => {
  const fake = fakeEngine();
  let releaseList!: () => void;
  const listed = new Promise<void>((r) => { releaseList = r; });
  const list = fake.engine.listContainers.bind(fake.engine);
  (fake.engine as { listContainers: DockerEngine['listContainers'] }).listContainers = async (...args) => { await listed; return list(...args); };
  const model = new EngineModel(fake.engine, manualTimers().timers);
  assert.equal(model.hasStarted, false, 'nothing asked for the engine yet');
  let resolved = false;
  const done = model.settled().then(() => { resolved = true; });
  assert.equal(model.hasStarted, true);
  await settle();
  assert.ok(fake.calls.includes('subscribe'));
  assert.equal(resolved, false, 'the lists are not in yet');
  releaseList();
  await done;
  assert.equal(stateOf(model).status, 'connected');
  assert.equal(model.containers.size, 1);
});

test('settled() resolves when the engine cannot be reached, and after its limit while it is still connecting', async () => {
  const fake = fakeEngine();
  fake.setReachable(false);
  const unreachable = new EngineModel(fake.engine, manualTimers().timers);
  await unreachable.settled();
  assert.equal(stateOf(unreachable).status, 'unreachable');

  const slow = fakeEngine();
  (slow.engine as { subscribe: DockerEngine['subscribe'] }).subscribe = () => new Promise(() => undefined);
  const manual = manualTimers();
  const model = new EngineModel(slow.engine, manual.timers);
  let resolved = false;
  const done = model.settled(5000).then(() => { resolved = true; });
  await settle();
  assert.equal(resolved, false);
  const limit = manual.pending.find((t) => t.ms === 5000);
  assert.ok(limit, 'a 5 s limit is set');
  limit.cb();
  await done;
  assert.equal(stateOf(model).status, 'connecting', 'resolved by the limit');
});

test('the engine\'s flavor (/version) is asked once the first page is in, not beside it', async () => {
  const fake = fakeEngine();
  const engine = fake.engine as unknown as Record<string, unknown>;
  const pages: Array<() => void> = [];
  engine.listLatestContainers = (limit: number) => new Promise((resolve) => { fake.calls.push(`page:${limit}`); pages.push(() => resolve([...fake.containers])); });
  engine.flavor = async () => { fake.calls.push('version'); return 'docker'; };
  const model = new EngineModel(fake.engine, manualTimers().timers);
  const connected = model.connect();
  await settle();
  assert.ok(!fake.calls.includes('version'), `no /version while the page is out: ${fake.calls.join(', ')}`);
  for (const release of pages) release();
  await connected;
  assert.ok(fake.calls.indexOf('version') > fake.calls.lastIndexOf('page:100'));
  assert.equal(stateOf(model).status, 'connected');
  assert.equal(model.flavor, 'docker');
});

/** A model warmed up on `fake`, with the connection states it went through. */
async function warmedUp(fake: ReturnType<typeof fakeEngine>) {
  const { timers, pending } = manualTimers();
  const model = new EngineModel(fake.engine, timers);
  const states: string[] = [];
  model.onDidChange((c) => { if (c.kind === 'state') states.push(model.state.status); });
  model.warmUp();
  await settle();
  return { model, states, pending };
}

test('a warm-up lists the first page and subscribes quietly; the first start adopts it and lists the rest once', async () => {
  const fake = fakeEngine();
  (fake.engine as unknown as Record<string, unknown>).listLatestContainers = async (limit: number) => { fake.calls.push(`page:${limit}`); return [...fake.containers]; };
  const { model, states, pending } = await warmedUp(fake);
  assert.deepEqual(fake.calls, ['page:100', 'page:100', 'subscribe']);
  assert.equal(model.hasStarted, false, 'a warm-up is no start: no status item, no outage');
  assert.equal(model.warming, true);
  assert.equal(model.previewing, true, 'the Containers view has its first rows before it is shown');
  assert.deepEqual(states, []);
  // Events reach the warm model: a new container is read and added.
  fake.containers.push({ ...fake.containers[0]!, Id: 'c2', Names: ['/two'] });
  fake.emit({ Type: 'container', Action: 'create', Actor: { ID: 'c2' } });
  await settle();
  assert.ok(model.containers.has('c2'));
  model.start();
  await model.settled();
  assert.equal(stateOf(model).status, 'connected');
  assert.equal(fake.calls.filter((c) => c === 'subscribe').length, 1, 'the warm subscription is kept, not made again');
  assert.equal(fake.calls.filter((c) => c.startsWith('page')).length, 2, 'no second page');
  assert.equal(model.counters.fullLists, 1);
  assert.equal(model.warming, false);
  assert.equal(pending.length, 0);
});

/** A fake engine of `count` containers that serves first pages (listLatestContainers). */
function engineOfContainers(count: number) {
  const fake = fakeEngine();
  for (let i = 2; i <= count; i++) fake.containers.push({ ...fake.containers[0]!, Id: `c${i}`, Names: [`/n${i}`] });
  (fake.engine as unknown as Record<string, unknown>).listLatestContainers = async (limit: number) => { fake.calls.push(`page:${limit}`); return fake.containers.slice(0, limit); };
  return fake;
}

test('a warm start holds the full lists back while the first rows are drawn, unless a command needs them', async () => {
  // An engine with more containers than the first page holds.
  const withPages = () => engineOfContainers(150);
  // A view adopts the warm model: its first page stays while the lists wait.
  const { model, pending } = await warmedUp(withPages());
  model.start();
  // A view shown beside it waits for the lists without hurrying them.
  let besideLoaded = false;
  void model.settled(Infinity, { hurry: false }).then(() => { besideLoaded = true; });
  for (let i = 0; i < 5; i++) await settle();
  assert.equal(model.counters.fullLists, 0, 'no full list yet');
  assert.equal(besideLoaded, false);
  assert.equal(model.previewing, true, 'the Containers view draws from the warm page');
  assert.deepEqual(pending.map((t) => t.ms), [WARM_LISTS_DELAY_MS]);
  pending.shift()!.cb();
  for (let i = 0; i < 5; i++) await settle();
  assert.equal(model.counters.fullLists, 1);
  assert.equal(stateOf(model).status, 'connected');
  assert.equal(besideLoaded, true);
  // A command that needs the lists (a palette picker waits on settled) does not wait for the timer.
  const second = await warmedUp(withPages());
  second.model.start();
  for (let i = 0; i < 5; i++) await settle();
  assert.equal(second.model.counters.fullLists, 0);
  await second.model.settled();
  assert.equal(second.model.counters.fullLists, 1);
  assert.equal(stateOf(second.model).status, 'connected');
  assert.equal(second.pending.length, 0, 'the wait\'s timer is cleared');
});

test('a warm start whose first page held every container waits less for the rest', async () => {
  const { model, pending } = await warmedUp(engineOfContainers(99));
  model.start();
  let besideLoaded = false;
  void model.settled(Infinity, { hurry: false }).then(() => { besideLoaded = true; });
  for (let i = 0; i < 5; i++) await settle();
  assert.ok(WARM_SMALL_LISTS_DELAY_MS < WARM_LISTS_DELAY_MS);
  assert.deepEqual(pending.map((t) => t.ms), [WARM_SMALL_LISTS_DELAY_MS]);
  assert.equal(model.counters.fullLists, 0);
  pending.shift()!.cb();
  for (let i = 0; i < 5; i++) await settle();
  assert.equal(model.counters.fullLists, 1);
  assert.equal(stateOf(model).status, 'connected');
  assert.equal(besideLoaded, true);
  assert.equal(model.containers.size, 99);
});

test('a warm-up that cannot reach the engine leaves nothing behind: no state change, no retry, and the first start connects as usual', async () => {
  const fake = fakeEngine();
  fake.setReachable(false);
  (fake.engine as unknown as Record<string, unknown>).listLatestContainers = async () => [...fake.containers];
  const { model, states, pending } = await warmedUp(fake);
  await settle();
  assert.deepEqual(states, [], 'nothing is shown');
  assert.equal(pending.length, 0, 'no retry is scheduled');
  assert.equal(model.warming, false);
  assert.equal(model.containers.size, 0, 'the page that did come is let go');
  assert.equal(model.hasStarted, false);
  fake.setReachable(true);
  model.start();
  await model.settled();
  assert.equal(stateOf(model).status, 'connected');
  assert.deepEqual([...model.containers.keys()], ['c1']);
});

test('a warm-up whose stream ends before any use is dropped quietly; after the start, an end is an outage as always', async () => {
  const fake = fakeEngine();
  const { timers, pending } = manualTimers();
  const model = new EngineModel(fake.engine, timers);
  model.warmUp();
  await settle();
  assert.equal(model.warming, true);
  fake.end();
  assert.equal(model.warming, false);
  assert.equal(stateOf(model).status, 'connecting');
  assert.equal(pending.length, 0);
  assert.equal(model.containers.size, 0);
  model.start();
  await model.settled();
  assert.equal(stateOf(model).status, 'connected');
  fake.end();
  assert.equal(stateOf(model).status, 'unreachable');
  assert.equal(pending.length, 1, 'retried with backoff');
});

test('a start while the warm-up is still on its way waits for it and keeps its subscription', async () => {
  const fake = fakeEngine();
  const engine = fake.engine as unknown as Record<string, unknown>;
  const subscribe = engine.subscribe as (...a: unknown[]) => Promise<unknown>;
  let release: () => void = () => undefined;
  engine.subscribe = (...args: unknown[]) => new Promise((resolve) => { release = () => resolve(subscribe(...args)); });
  const model = new EngineModel(fake.engine, manualTimers().timers);
  model.warmUp();
  await settle();
  model.start();
  await settle();
  assert.equal(stateOf(model).status, 'connecting');
  release();
  await model.settled();
  assert.equal(stateOf(model).status, 'connected');
  assert.equal(fake.calls.filter((c) => c === 'subscribe').length, 1);
});
