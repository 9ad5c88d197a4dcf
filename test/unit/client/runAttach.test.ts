// Typing into a container without a TTY, and pull progress (unit tier; the integration tier runs
// the attached runs against the engine).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineInput } from '../../../client/src/containers/lineInput';
import { TransferProgress } from '../../../client/src/engine/transferProgress';

function target() {
  const log = { echoed: '', sent: [] as string[], ended: 0, interrupts: 0 };
  return {
    log,
    target: {
      echo: (t: string) => { log.echoed += t; },
      send: (t: string) => { log.sent.push(t); },
      endInput: () => { log.ended++; },
      interrupt: () => { log.interrupts++; },
    },
  };
}

test('-i without a TTY: echo, Backspace, Enter sends a line, Ctrl+D ends the input once, Ctrl+C interrupts', () => {
  const { log, target: t } = target();
  const input = new LineInput(t, true);
  input.feed('helo\x7fl');
  input.feed('o\r');
  assert.deepEqual(log.sent, ['hello\n']);
  assert.equal(log.echoed, 'helo\b \blo\r\n');
  input.feed('\x1b[A'); // an arrow key: its printable tail is typed, the escape is not
  input.feed('\x7f\x7f\x7f');
  input.feed('last\x04');
  assert.deepEqual(log.sent, ['hello\n', 'last'], 'Ctrl+D sends what was typed, without a newline');
  assert.equal(log.ended, 1);
  assert.ok(input.inputEnded);
  input.feed('more\r\x04');
  assert.deepEqual(log.sent, ['hello\n', 'last'], 'nothing after the end of input');
  assert.equal(log.ended, 1);
  input.feed('\x03');
  assert.equal(log.interrupts, 1, 'Ctrl+C still interrupts');
});

test('without stdin only Ctrl+C does something', () => {
  const { log, target: t } = target();
  const input = new LineInput(t, false);
  input.feed('ls\r\x04');
  assert.deepEqual(log.sent, []);
  assert.equal(log.ended, 0);
  input.feed('\x03');
  assert.equal(log.interrupts, 1);
  assert.equal(log.echoed, '^C\r\n');
});

test('pull progress adds up the layers\' bytes and counts finished ones whole', () => {
  const p = new TransferProgress();
  assert.equal(p.percent, undefined);
  p.push({ status: 'Pulling from library/alpine', id: '3.20' });
  p.push({ status: 'Pulling fs layer', id: 'a' });
  p.push({ status: 'Downloading', id: 'a', progressDetail: { current: 25, total: 100 } });
  p.push({ status: 'Downloading', id: 'b', progressDetail: { current: 0, total: 300 } });
  assert.equal(p.percent, 6);
  assert.equal(p.status, 'b: Downloading');
  p.push({ status: 'Download complete', id: 'a' });
  p.push({ status: 'Downloading', id: 'b', progressDetail: { current: 150, total: 300 } });
  assert.equal(p.percent, 62);
  p.push({ status: 'Extracting', id: 'b', progressDetail: { current: 10, total: 300 } });
  assert.equal(p.percent, 62, 'extraction does not move it back');
  p.push({ status: 'Pull complete', id: 'b' });
  assert.equal(p.percent, 100);
  p.push({ status: 'Digest: sha256:abc' });
  assert.equal(p.status, 'Digest: sha256:abc');
});
