import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatTable } from '../../../client/src/containers/textTable';

test('formatTable pads columns, right-aligns numeric ones and leaves the last column unpadded', () => {
  const text = formatTable(['UID', 'PID', 'CMD'], [
    ['root', '1', 'sleep 3600'],
    ['www-data', '12345', 'httpd -f -p 8080'],
  ]);
  assert.equal(text, [
    'UID         PID  CMD',
    'root          1  sleep 3600',
    'www-data  12345  httpd -f -p 8080',
    '',
  ].join('\n'));
});

test('formatTable handles ragged rows, newlines in cells and no rows', () => {
  assert.equal(formatTable(['A', 'B'], []), 'A  B\n');
  const text = formatTable(['A'], [['x', 'extra'], ['multi\nline']]);
  assert.equal(text, 'A\nx           extra\nmulti line\n');
});
