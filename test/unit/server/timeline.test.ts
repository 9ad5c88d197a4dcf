// The start-up marks (server/src/timeline.ts) that bench/serverTimeline.mjs reads: one stderr line
// per mark from either thread when DOCKER_WORKBENCH_TIMELINE=1, nothing otherwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { TIMELINE_ENV } from '../../../server/src/timeline';

// The module as the bundles hold it (plain CommonJS), so both threads load it without a TypeScript loader.
const MODULE = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-timeline-')), 'timeline.js');
esbuild.buildSync({ entryPoints: [path.resolve(__dirname, '..', '..', '..', 'server', 'src', 'timeline.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: MODULE, logLevel: 'silent' });
process.on('exit', () => fs.rmSync(path.dirname(MODULE), { recursive: true, force: true }));

/** stderr of a process that marks once on its main thread and once in a worker thread. */
function stderrOf(env: Record<string, string>): string {
  const script = `
    const { Worker } = require('node:worker_threads');
    const { mark } = require(${JSON.stringify(MODULE)});
    mark('main event');
    const worker = new Worker(${JSON.stringify(`require(${JSON.stringify(MODULE)}).mark('worker event')`)}, { eval: true });
    worker.on('exit', () => mark('after the worker'));`;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, ...env } });
  assert.equal(run.status, 0, run.stderr);
  return run.stderr;
}

test('with the variable set, each mark is one line with the time, the thread and the event, from either thread', () => {
  const lines = stderrOf({ [TIMELINE_ENV]: '1' }).split('\n').filter(Boolean);
  assert.equal(lines.length, 3, lines.join('\n'));
  const marks = lines.map((line) => /^timeline (\d+\.\d) (\d+) (.+)$/.exec(line));
  assert.ok(marks.every(Boolean), lines.join('\n'));
  assert.deepEqual(marks.map((m) => m![3]), ['main event', 'worker event', 'after the worker']);
  assert.equal(marks[0]![2], '0', 'the main thread is thread 0');
  assert.notEqual(marks[1]![2], '0', 'a worker has its own thread id');
  // Epoch milliseconds, so marks of both threads and of the client compare.
  const times = marks.map((m) => Number(m![1]));
  assert.ok(Math.abs(times[0]! - Date.now()) < 60_000);
  assert.ok(times[0]! <= times[2]! && times[1]! <= times[2]!);
});

test('without it, nothing is written', () => {
  assert.equal(stderrOf({ [TIMELINE_ENV]: '' }), '');
});
