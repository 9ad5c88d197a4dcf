import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppendBatcher, CappedText, type Timers } from '../../../client/src/containers/logBuffer';

function fakeTimers() {
  const pending = new Map<number, () => void>();
  let next = 1;
  const timers: Timers = {
    setTimeout: (callback) => {
      const id = next++;
      pending.set(id, callback);
      return id;
    },
    clearTimeout: (handle) => void pending.delete(handle as number),
  };
  return {
    timers,
    get count() {
      return pending.size;
    },
    fire() {
      const callbacks = [...pending.values()];
      pending.clear();
      callbacks.forEach((c) => c());
    },
  };
}

test('AppendBatcher hands over everything pushed within one interval as one flush', () => {
  const clock = fakeTimers();
  const flushed: string[] = [];
  const batcher = new AppendBatcher((t) => flushed.push(t), 200, clock.timers);
  for (let i = 0; i < 1000; i++) batcher.push(`line ${i}\n`);
  assert.equal(clock.count, 1, 'one timer for a burst');
  assert.deepEqual(flushed, []);
  clock.fire();
  assert.equal(flushed.length, 1);
  assert.equal(String(flushed[0]).split('\n').length - 1, 1000);
  assert.equal(clock.count, 0, 'no timer while idle');
  batcher.push('later\n');
  clock.fire();
  assert.deepEqual(flushed.slice(1), ['later\n']);
});

test('AppendBatcher flush() hands over at once; dispose() drops pending text and stops the timer', () => {
  const clock = fakeTimers();
  const flushed: string[] = [];
  const batcher = new AppendBatcher((t) => flushed.push(t), 200, clock.timers);
  batcher.push('a');
  batcher.flush();
  assert.deepEqual(flushed, ['a']);
  assert.equal(clock.count, 0);
  batcher.push('b');
  batcher.dispose();
  assert.equal(clock.count, 0);
  clock.fire();
  batcher.push('c');
  assert.deepEqual(flushed, ['a']);
});

test('CappedText keeps whole lines under the cap and counts what it dropped', () => {
  const text = new CappedText(100);
  for (let i = 0; i < 50; i++) text.append(`line ${String(i).padStart(2, '0')}\n`); // 8 chars each
  assert.ok(text.text.length <= 100);
  assert.ok(text.text.startsWith('line '), 'starts on a line boundary');
  assert.ok(text.text.endsWith('line 49\n'));
  const kept = text.text.split('\n').length - 1;
  assert.equal(text.droppedLines + kept, 50);
  assert.equal(text.droppedChars + text.text.length, 400);
});

test('CappedText trims to 90% so a steady stream does not trim on every append', () => {
  const text = new CappedText(1000);
  text.append('x'.repeat(9) + '\n'.repeat(1)); // 10
  for (let i = 0; i < 100; i++) text.append('123456789\n');
  const afterTrim = text.text.length;
  assert.ok(afterTrim <= 900);
  text.append('123456789\n');
  assert.equal(text.text.length, afterTrim + 10, 'the next append did not trim');
});
