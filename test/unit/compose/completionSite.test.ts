import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completionSite } from '../../../server/src/core/compose/features/completionSite';
import { withCursor } from './helpers';

function site(marked: string) {
  const { text, offset } = withCursor(marked);
  return completionSite(text, offset);
}

test('a half-typed key is a key site with the mapping path and siblings', () => {
  const s = site('services:\n  web:\n    image: nginx\n    po|\n    restart: always\n');
  assert.equal(s?.kind, 'key');
  assert.deepEqual(s?.path, ['services', 'web']);
  assert.equal(s?.prefix, 'po');
  assert.deepEqual([...s.siblings].sort(), ['image', 'restart']);
});

test('a value after key: is a value site with the key in the path', () => {
  const s = site('services:\n  web:\n    restart: al|\n');
  assert.equal(s?.kind, 'value');
  assert.deepEqual(s?.path, ['services', 'web', 'restart']);
  assert.equal(s?.prefix, 'al');
});

test('list items, long-form items and compact lists', () => {
  assert.deepEqual(site('services:\n  web:\n    depends_on:\n      - |\n')?.path, ['services', 'web', 'depends_on']);
  assert.deepEqual(site('services:\n  web:\n    depends_on:\n    - d|\n')?.path, ['services', 'web', 'depends_on']);
  const long = site('services:\n  web:\n    ports:\n      - target: 80\n        pub|\n');
  assert.equal(long?.kind, 'key');
  assert.deepEqual(long?.path, ['services', 'web', 'ports', 0]);
  assert.ok(long?.siblings.has('target'));
  const dashKey = site('services:\n  web:\n    volumes:\n      - type: volume\n        source: |\n');
  assert.deepEqual(dashKey?.path, ['services', 'web', 'volumes', 0, 'source']);
});

test('flow lists and quoted values', () => {
  const flow = site('services:\n  web:\n    depends_on: [db, ca|]\n');
  assert.equal(flow?.kind, 'item');
  assert.equal(flow?.prefix, 'ca');
  const quoted = site('services:\n  web:\n    image: "ngi|"\n');
  assert.equal(quoted?.quote, '"');
  assert.equal(quoted?.prefix, 'ngi');
});

test('no site inside a block scalar or a comment', () => {
  assert.equal(site('services:\n  web:\n    command: |\n      ech§\n'), undefined);
  assert.equal(site('services:\n  web: # a comm|\n'), undefined);
});

test('the top level', () => {
  const s = site('services:\n  web:\n    image: x\nvol|\n');
  assert.equal(s?.kind, 'key');
  assert.deepEqual(s?.path, []);
  assert.ok(s?.siblings.has('services'));
});

test('a blank first line does not stop the walk up the lines (it once looped forever)', () => {
  // The 2-byte text "\nx" with the cursor after the x: a top-level key under a blank first line.
  const s = completionSite('\nx', 2);
  assert.equal(s?.kind, 'key');
  assert.deepEqual(s?.path, []);
  assert.equal(s?.prefix, 'x');
  assert.deepEqual(site('\n\nservices:\n  web:\n    im|\n')?.path, ['services', 'web']);
  assert.deepEqual(site('\r\nser|')?.path, []);
});

test('long runs of spaces on a line are read in linear time and the walk up is bounded', () => {
  const spaces = ' '.repeat(200_000);
  // A key pattern that backtracks would take minutes on these lines.
  const s = site(`services:\n  web:\n    a${spaces}x\n    image: a${spaces}#${spaces}\n    po|\n`);
  assert.deepEqual(s?.path, ['services', 'web']);
  assert.deepEqual(site(`services:\n  web:\n    image: a${spaces}b${spaces}|`)?.path, ['services', 'web', 'image']);
  // 100,000 lines above the cursor: the answer comes from the nearest 20,000.
  const many = `${'  # filler\n'.repeat(100_000)}  po|`;
  assert.equal(site(many)?.kind, 'key');
});
