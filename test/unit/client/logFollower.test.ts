import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough, type Readable } from 'node:stream';
import { LogFollower, sinceSeconds, type StartWatch } from '../../../client/src/containers/logFollower';

/** One frame of the engine's multiplexed stream: 8-byte header (stream type, size) then payload. */
function frame(kind: 1 | 2, text: string): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = kind;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

/** The same split the engine's demux does, enough for the tests. */
function demux(stream: NodeJS.ReadableStream, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): void {
  let buffer = Buffer.alloc(0);
  stream.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    while (buffer.length >= 8) {
      const size = buffer.readUInt32BE(4);
      if (buffer.length < 8 + size) break;
      (buffer[0] === 2 ? stderr : stdout).write(buffer.subarray(8, 8 + size));
      buffer = buffer.subarray(8 + size);
    }
  });
}

interface FakeState {
  tty: boolean;
  running: boolean;
  startedAt: string;
  finishedAt?: string;
  exitCode: number;
}

function fakeEngine(state: FakeState) {
  const calls: Array<{ tail?: number; since?: number; follow: boolean }> = [];
  const streams: PassThrough[] = [];
  const engine = {
    inspectContainer: async () => ({ Config: { Tty: state.tty }, State: { Running: state.running, StartedAt: state.startedAt, FinishedAt: state.finishedAt ?? '0001-01-01T00:00:00Z', ExitCode: state.exitCode } }),
    logs: async (_id: string, options: { follow: boolean; tail?: number; since?: number }) => {
      calls.push(options);
      const stream = new PassThrough();
      streams.push(stream);
      return stream as Readable;
    },
    demux,
  };
  return { engine: engine as never, calls, streams };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));
async function until(what: string, probe: () => boolean): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (probe()) return;
    await tick();
  }
  assert.fail(`timed out waiting for ${what}`);
}

function recorder() {
  const events: string[] = [];
  return {
    events,
    sink: {
      stdout: (t: string) => events.push(`out:${t}`),
      stderr: (t: string) => events.push(`err:${t}`),
      stopped: (code: number | undefined) => events.push(`stopped:${code}`),
      restarted: () => events.push('restarted'),
      ended: (reason: string) => events.push(`ended:${reason}`),
      error: (e: Error) => events.push(`error:${e.message}`),
    },
  };
}

test('multiplexed logs are split into stdout and stderr; UTF-8 split across frames is decoded whole', async () => {
  const fake = fakeEngine({ tty: false, running: true, startedAt: '2024-01-01T00:00:00Z', exitCode: 0 });
  const r = recorder();
  const follower = new LogFollower(fake.engine, 'c1', { follow: false, tail: 5 }, r.sink);
  await follower.start();
  assert.deepEqual(fake.calls[0], { follow: false, tail: 5, timestamps: false, since: undefined });
  const euro = Buffer.from('€');
  fake.streams[0]!.write(frame(1, 'out line\n'));
  fake.streams[0]!.write(frame(2, 'err line\n'));
  fake.streams[0]!.write(Buffer.concat([frame(1, '').subarray(0, 4), Buffer.from([0, 0, 0, 1]), euro.subarray(0, 1)]));
  fake.streams[0]!.write(Buffer.concat([Buffer.from([1, 0, 0, 0, 0, 0, 0, 2]), euro.subarray(1)]));
  fake.streams[0]!.end();
  await until('the end', () => r.events.includes('ended:complete'));
  assert.deepEqual(r.events, ['out:out line\n', 'err:err line\n', 'out:€', 'ended:complete']);
});

test('TTY logs are passed through as they come (no demultiplexing)', async () => {
  const fake = fakeEngine({ tty: true, running: true, startedAt: 't', exitCode: 0 });
  const r = recorder();
  const follower = new LogFollower(fake.engine, 'c1', { follow: false }, r.sink);
  await follower.start();
  fake.streams[0]!.end(Buffer.from('\x1b[32mgreen\x1b[0m\r\n'));
  await until('the end', () => r.events.includes('ended:complete'));
  assert.deepEqual(r.events, ['out:\x1b[32mgreen\x1b[0m\r\n', 'ended:complete']);
});

test('following: after the container stops it waits for a start and re-attaches from when the old run finished, without tail', async () => {
  const state: FakeState = { tty: false, running: true, startedAt: '2024-01-01T00:00:00.000Z', exitCode: 0 };
  const fake = fakeEngine(state);
  const r = recorder();
  let notifyStart: (() => void) | undefined;
  let watchDisposed = false;
  const watch: StartWatch = (_id, onStarted) => {
    notifyStart = onStarted;
    return { dispose: () => (watchDisposed = true) };
  };
  const follower = new LogFollower(fake.engine, 'c1', { follow: true, tail: 1000 }, r.sink, watch);
  await follower.start();
  assert.equal(fake.calls[0]!.tail, 1000);
  assert.equal(fake.calls[0]!.follow, true);
  fake.streams[0]!.write(frame(1, 'first run\n'));
  state.running = false;
  state.exitCode = 137;
  state.finishedAt = '2024-01-01T00:04:59.500Z';
  fake.streams[0]!.end();
  await until('stopped', () => r.events.includes('stopped:137'));
  assert.ok(follower.isWaitingForStart);

  state.running = true;
  state.startedAt = '2024-01-01T00:05:00.250Z';
  notifyStart?.();
  await until('second stream', () => fake.streams.length === 2);
  assert.equal(fake.calls[1]!.tail, undefined, 'the new run is read whole');
  // since the old run finished: the new run's first lines predate its recorded StartedAt
  assert.equal(fake.calls[1]!.since, sinceSeconds('2024-01-01T00:04:59.500Z'));
  fake.streams[1]!.write(frame(1, 'second run\n'));
  await until('second run output', () => r.events.includes('out:second run\n'));
  assert.deepEqual(r.events, ['out:first run\n', 'stopped:137', 'restarted', 'out:second run\n']);

  follower.dispose();
  assert.ok(watchDisposed, 'the start watch goes with the follower');
  assert.ok(fake.streams[1]!.destroyed, 'dispose destroys the stream');
});

test('following: a restart that finished before the stream end was noticed is followed at once', async () => {
  const state: FakeState = { tty: true, running: true, startedAt: 'run-1', exitCode: 0 };
  const fake = fakeEngine(state);
  const r = recorder();
  const follower = new LogFollower(fake.engine, 'c1', { follow: true }, r.sink, () => ({ dispose() {} }));
  await follower.start();
  state.startedAt = '2024-02-02T00:00:00Z'; // already running again
  fake.streams[0]!.end();
  await until('second stream', () => fake.streams.length === 2);
  assert.deepEqual(r.events, ['restarted']);
  follower.dispose();
});

test('following: a start event that races with the stop check is not lost', async () => {
  const state: FakeState = { tty: true, running: true, startedAt: 'run-1', exitCode: 0 };
  const fake = fakeEngine(state);
  let notifyStart: (() => void) | undefined;
  const r = recorder();
  const engine = fake.engine as unknown as { inspectContainer: () => Promise<unknown> };
  const inspect = engine.inspectContainer;
  const follower = new LogFollower(fake.engine, 'c1', { follow: true }, r.sink, (_id, cb) => {
    notifyStart = cb;
    return { dispose() {} };
  });
  await follower.start();
  // The stop check sees "not running", but the start event fires while that check is in flight.
  engine.inspectContainer = async () => {
    const result = await inspect();
    engine.inspectContainer = inspect;
    state.running = true;
    state.startedAt = '2024-03-03T00:00:00Z';
    notifyStart?.();
    return result;
  };
  state.running = false;
  fake.streams[0]!.end();
  await until('second stream', () => fake.streams.length === 2);
  assert.deepEqual(r.events, ['stopped:0', 'restarted']);
  follower.dispose();
});

test('a removed container ends the follow', async () => {
  const state: FakeState = { tty: true, running: true, startedAt: 'a', exitCode: 0 };
  const fake = fakeEngine(state);
  const r = recorder();
  const follower = new LogFollower(fake.engine, 'c1', { follow: true }, r.sink);
  await follower.start();
  (fake.engine as unknown as { inspectContainer: () => Promise<never> }).inspectContainer = async () => {
    throw Object.assign(new Error('No such container'), { kind: 'notFound' });
  };
  fake.streams[0]!.end();
  await until('ended', () => r.events.includes('ended:removed'));
});

test('sinceSeconds converts RFC 3339 to fractional seconds', () => {
  assert.equal(sinceSeconds('2024-01-01T00:00:01.5Z'), 1704067201.5);
  assert.equal(sinceSeconds('0001-01-01T00:00:00Z'), undefined);
  assert.equal(sinceSeconds('nonsense'), undefined);
});

test('stateTransitionStartWatch reports a change into running for its container only', async () => {
  const { stateTransitionStartWatch } = await import('../../../client/src/containers/logFollower');
  const states = new Map<string, string>([['c1', 'running'], ['c2', 'exited']]);
  const listeners = new Set<(id: string) => void>();
  const subscribe = (listener: (id: string) => void) => {
    listeners.add(listener);
    return { dispose: () => void listeners.delete(listener) };
  };
  const change = (id: string, state: string) => {
    states.set(id, state);
    listeners.forEach((l) => l(id));
  };
  const starts: string[] = [];
  const watch = stateTransitionStartWatch(subscribe, (id) => states.get(id))('c1', () => starts.push('c1'));
  change('c1', 'running'); // no transition: it was running
  change('c2', 'running'); // another container
  change('c1', 'exited');
  change('c1', 'running');
  change('c1', 'running');
  change('c1', 'restarting');
  change('c1', 'running');
  assert.deepEqual(starts, ['c1', 'c1']);
  watch.dispose();
  change('c1', 'exited');
  change('c1', 'running');
  assert.equal(starts.length, 2, 'nothing after dispose');
  assert.equal(listeners.size, 0);
});
