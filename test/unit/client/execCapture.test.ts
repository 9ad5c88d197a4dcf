import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isCannotRunExitCode, settledExitCode } from '../../../client/src/containers/execCapture';

test('settledExitCode waits while the engine still reports the exec as running (null)', async () => {
  const answers = [null, null, 3];
  let calls = 0;
  const code = await settledExitCode(async () => answers[calls++] ?? null, 10, 1);
  assert.equal(code, 3);
  assert.equal(calls, 3);
  assert.equal(await settledExitCode(async () => null, 3, 1), null);
  assert.equal(await settledExitCode(async () => { throw new Error('gone'); }, 2, 1), null);
});

test('126 and 127 mean the program could not be run', () => {
  assert.ok(isCannotRunExitCode(126));
  assert.ok(isCannotRunExitCode(127));
  assert.ok(!isCannotRunExitCode(0));
  assert.ok(!isCannotRunExitCode(1));
  assert.ok(!isCannotRunExitCode(null));
});
