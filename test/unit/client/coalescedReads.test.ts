// The coalesced re-reads both models use: a burst of requests during a read costs one more read,
// a read that resolves false stops the repeats, and different keys read independently.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CoalescedReads } from '../../../client/src/model/coalescedReads';

/** A read that waits until released, counting how often it ran. */
function gatedRead(answer = true) {
  const releases: Array<() => void> = [];
  let runs = 0;
  const read = async (): Promise<boolean> => {
    runs++;
    await new Promise<void>((resolve) => releases.push(resolve));
    return answer;
  };
  return {
    read,
    get runs() { return runs; },
    /** Lets the oldest waiting read finish, then waits until the loop has taken its answer. */
    async release(): Promise<void> {
      const next = releases.shift();
      assert.ok(next, 'a read is waiting');
      next();
      for (let i = 0; i < 5; i++) await Promise.resolve();
    },
    waiting: () => releases.length,
  };
}

test('requests during a read in flight make exactly one more read, not one each', async () => {
  const reads = new CoalescedReads();
  const gate = gatedRead();
  reads.request('container:a', gate.read);
  reads.request('container:a', gate.read);
  reads.request('container:a', gate.read);
  reads.request('container:a', gate.read);
  assert.equal(gate.runs, 1);
  await gate.release();
  assert.equal(gate.runs, 2, 'the three requests during the first read became one more read');
  await gate.release();
  assert.equal(gate.waiting(), 0);
  assert.equal(gate.runs, 2);
  // Idle again: the next request reads at once.
  reads.request('container:a', gate.read);
  assert.equal(gate.runs, 3);
  await gate.release();
});

test('a read that resolves false ends the repeats; other keys read on their own', async () => {
  const reads = new CoalescedReads();
  const stale = gatedRead(false);
  const other = gatedRead(true);
  reads.request('service:s', stale.read);
  reads.request('service:s', stale.read);
  reads.request('task:s', other.read);
  assert.equal(stale.runs, 1);
  assert.equal(other.runs, 1, 'another key is not held up');
  await stale.release();
  assert.equal(stale.runs, 1, 'false: no repeat although one was asked for');
  await other.release();
  // The key is free again after a false answer too.
  reads.request('service:s', stale.read);
  assert.equal(stale.runs, 2);
  await stale.release();
});
