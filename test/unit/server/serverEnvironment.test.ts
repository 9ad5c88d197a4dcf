// The environment VS Code's client adds when it starts the language server: glibc's allocator
// settings, each only when the user's environment does not set it already.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAIN_THREAD_MAX_CHARS, SERVER_ENVIRONMENT, SERVER_EXEC_ARGV, serverEnvironment, startupArgs } from '../../../server/src/protocol/serverEnvironment';
import { START_VALIDATION_WORKER } from '../../../server/src/commandLine';

test('the client adds the allocator settings to an environment without them', () => {
  assert.deepEqual(serverEnvironment({ PATH: '/usr/bin' }), { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072' });
  assert.deepEqual(Object.keys(SERVER_ENVIRONMENT).sort(), ['MALLOC_ARENA_MAX', 'MALLOC_MMAP_THRESHOLD_']);
});

test("a setting the user's environment has is left as the user set it", () => {
  assert.deepEqual(serverEnvironment({ MALLOC_ARENA_MAX: '8' }), { MALLOC_MMAP_THRESHOLD_: '131072' });
  assert.deepEqual(serverEnvironment({ MALLOC_ARENA_MAX: '', MALLOC_MMAP_THRESHOLD_: '0' }), {});
});

test('the Node options the client starts the server with are ones node accepts', async () => {
  const { execFileSync } = await import('node:child_process');
  // node refuses an option it does not know before running anything.
  // Garbage made fast enough for V8 to grow the young generation (to 32 MB without the option).
  const script = 'let keep = []; for (let i = 0; i < 3e6; i++) { keep.push({ i }); if (keep.length > 20000) keep = []; }'
    + ' console.log(require("v8").getHeapSpaceStatistics().find((s) => s.space_name === "new_space").space_size)';
  const newSpace = (options: readonly string[]) => Number(execFileSync(process.execPath, [...options, '-e', script], { encoding: 'utf8' }));
  // One MB per semi-space: the new space stays at 2 MB.
  assert.ok(newSpace(SERVER_EXEC_ARGV) <= 2 * 1024 * 1024);
  assert.ok(newSpace([]) > 4 * 1024 * 1024, 'without the option it grows');
});

test('under the Node options the client starts the server with, a function called once has its inline caches', async () => {
  const { execFileSync } = await import('node:child_process');
  // V8's own report of a function (release builds print whether it has a feedback vector yet).
  const report = (options: readonly string[]) => execFileSync(process.execPath, [...options, '--allow-natives-syntax', '-e', 'function once(a) { return a.b; } once({ b: 1 }); %DebugPrint(once);'], { encoding: 'utf8' });
  const hasFeedback = (text: string) => /feedback vector: 0x[0-9a-f]+/i.test(text);
  assert.ok(hasFeedback(report(SERVER_EXEC_ARGV)), 'a feedback vector from the first call');
  assert.ok(!hasFeedback(report([])), 'without the option V8 waits');
});

test('under the Node options the client starts the server with, V8 optimizes a function later, but still optimizes a hot one', async () => {
  const { execFileSync } = await import('node:child_process');
  // Whether the function is optimized, or queued or marked for it (V8's OptimizationStatus bits).
  const tiering = (options: readonly string[], calls: number) => execFileSync(process.execPath, [...options, '--allow-natives-syntax', '-e',
    `function hot(a) { let s = 0; for (let i = 0; i < a.length; i++) s += a[i]; return s; } const arr = Array.from({ length: 1000 }, (_, i) => i);
     for (let k = 0; k < ${calls}; k++) hot(arr); console.log(%GetOptimizationStatus(hot) & (16 | 256 | 512 | 1024) ? 'optimizing' : 'not');`], { encoding: 'utf8' }).trim();
  assert.equal(tiering([], 6), 'optimizing', 'by default six loops of 1,000 are enough');
  assert.equal(tiering(SERVER_EXEC_ARGV, 6), 'not');
  assert.equal(tiering(SERVER_EXEC_ARGV, 200), 'optimizing', 'code that stays hot is optimized');
});

test('open documents too long for the main thread have the validation worker start with the process', () => {
  assert.deepEqual(startupArgs(0), []);
  assert.deepEqual(startupArgs(MAIN_THREAD_MAX_CHARS), []);
  assert.deepEqual(startupArgs(MAIN_THREAD_MAX_CHARS + 1), [START_VALIDATION_WORKER]);
});
