import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough, type Readable } from 'node:stream';
import { JsonLineSplitter, StatsSource } from '../../../client/src/containers/statsSource';
import type { StatsSample } from '../../../client/src/containers/statsMath';

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('JsonLineSplitter joins objects split across chunks and skips broken lines', () => {
  const seen: unknown[] = [];
  const splitter = new JsonLineSplitter((v) => seen.push(v));
  splitter.push('{"a":1}\n{"b"');
  splitter.push(':2}\nnot json\n{"c":3}');
  splitter.end();
  assert.deepEqual(seen, [{ a: 1 }, { b: 2 }, { c: 3 }]);
});

test('StatsSource turns each container stream into samples and destroys the streams on dispose', async () => {
  const streams = new Map<string, PassThrough>();
  const engine = {
    stats: async (id: string) => {
      const s = new PassThrough();
      streams.set(id, s);
      return s as Readable;
    },
  };
  const samples: Array<[string, StatsSample]> = [];
  const stopped: string[] = [];
  const source = new StatsSource(engine, [{ id: 'a', name: 'one' }, { id: 'b', name: 'two' }], {
    onSample: (id, sample) => samples.push([id, sample]),
    onStopped: (id) => stopped.push(id),
  });
  await source.start();
  assert.equal(source.openStreams, 2);
  const raw = {
    read: '2024-01-01T00:00:01Z',
    cpu_stats: { cpu_usage: { total_usage: 200 }, system_cpu_usage: 2000, online_cpus: 1 },
    precpu_stats: { cpu_usage: { total_usage: 100 }, system_cpu_usage: 1000 },
    memory_stats: { usage: 50, limit: 100, stats: {} },
    pids_stats: { current: 3 },
  };
  const line = JSON.stringify(raw) + '\n';
  streams.get('a')!.write(line.slice(0, 20));
  streams.get('a')!.write(line.slice(20));
  // an empty sample from a stopped container is not a sample
  streams.get('b')!.write(JSON.stringify({ read: '0001-01-01T00:00:00Z' }) + '\n');
  await tick();
  assert.equal(samples.length, 1);
  assert.equal(samples[0]![0], 'a');
  assert.equal(samples[0]![1].cpuPercent, 10);
  assert.equal(samples[0]![1].memoryPercent, 50);
  assert.equal(samples[0]![1].pids, 3);
  assert.equal(source.latest.get('a')?.pids, 3);
  streams.get('b')!.end();
  await tick();
  assert.deepEqual(stopped, ['b']);
  source.dispose();
  assert.ok(streams.get('a')!.destroyed);
  assert.equal(source.openStreams, 0);
});

test('StatsSource reopens a stream when the start watch says the container started again', async () => {
  let opened = 0;
  let onStarted: (() => void) | undefined;
  const engine = { stats: async () => { opened++; return new PassThrough() as Readable; } };
  const source = new StatsSource(engine, [{ id: 'a', name: 'one' }], { onSample() {} }, (_id, cb) => {
    onStarted = cb;
    return { dispose() {} };
  });
  await source.start();
  onStarted?.(); // still streaming: no second stream
  await tick();
  assert.equal(opened, 1);
  source.dispose();
});
