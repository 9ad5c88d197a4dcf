import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AnsiStripper, NewlineNormalizer, stripAnsi, toTerminalNewlines } from '../../../client/src/containers/ansi';

test('stripAnsi removes colour, cursor and erase sequences and keeps the text', () => {
  assert.equal(stripAnsi('\x1b[1;31mERROR\x1b[0m done'), 'ERROR done');
  assert.equal(stripAnsi('a\x1b[2Kb\x1b[10;5Hc\x1b[?25ld'), 'abcd');
  assert.equal(stripAnsi('\x1b[38;2;255;0;0mred\x1b[39m'), 'red');
});

test('stripAnsi removes OSC (titles, hyperlinks) terminated by BEL or ST', () => {
  assert.equal(stripAnsi('\x1b]0;title\x07after'), 'after');
  assert.equal(stripAnsi('\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\'), 'link');
});

test('stripAnsi removes short escapes, 8-bit CSI and stray control characters but keeps tab, CR and LF', () => {
  assert.equal(stripAnsi('\x1b(Babc\x1b7\x1b8\x1b='), 'abc');
  assert.equal(stripAnsi('x\u009b31my'), 'xy');
  assert.equal(stripAnsi('bell\x07 back\bspace\x00 tab\tline\r\n'), 'bell backspace tab\tline\r\n');
});

test('AnsiStripper holds a sequence split across chunks until it completes', () => {
  const s = new AnsiStripper();
  assert.equal(s.push('one \x1b['), 'one ');
  assert.equal(s.push('31'), '');
  assert.equal(s.push('mtwo'), 'two');
  assert.equal(s.push('\x1b'), '');
  assert.equal(s.push(']0;t'), '');
  assert.equal(s.push('itle\x07three'), 'three');
});

test('AnsiStripper does not hold an unterminated OSC forever', () => {
  const s = new AnsiStripper();
  const out = s.push('\x1b]' + 'x'.repeat(5000) + ' text');
  assert.ok(out.endsWith(' text'));
  assert.ok(!out.includes('\x1b'));
});

test('NewlineNormalizer turns CRLF and CR into LF, also across chunks', () => {
  const n = new NewlineNormalizer();
  assert.equal(n.push('a\r\nb\rc\r'), 'a\nb\nc');
  assert.equal(n.push('\nd'), '\nd');
  assert.equal(n.push('e\r'), 'e');
  assert.equal(n.flush(), '\n');
});

test('toTerminalNewlines gives CRLF without doubling existing ones', () => {
  assert.equal(toTerminalNewlines('a\nb\r\nc'), 'a\r\nb\r\nc');
});
