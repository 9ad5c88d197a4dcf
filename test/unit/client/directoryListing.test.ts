import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  basename,
  dirname,
  kindFromGoMode,
  kindFromMode,
  listingCommand,
  normalizeContainerPath,
  parseListing,
  resolveLinkTarget,
} from '../../../client/src/containers/directoryListing';

test('listingCommand is one argument array with the path as a single argument', () => {
  const cmd = listingCommand('/data/my dir;rm -rf /"x"/');
  assert.deepEqual(cmd.slice(0, 7), ['find', '-H', '/data/my dir;rm -rf /"x"', '-mindepth', '1', '-maxdepth', '1']);
  assert.ok(cmd.includes('-L'));
  assert.equal(cmd.filter((a) => a === '{}').length, 2);
});

// What busybox printed for a folder with a file with a space, a hidden file, a broken link, a link
// to a folder, a folder, a file whose name contains a newline, and a fifo.
const OUTPUT = [
  'L a1ff 12 1700000000 /d/broken',
  'L 81a4 0 1700000001 /d/.hidden',
  'L 81a4 5 1700000002 /d/a b',
  'L a1ff 4 1700000003 /d/selflink',
  'L 41ed 4096 1700000004 /d/sub',
  'L 81a4 3 1700000005 /d/two',
  'lines',
  'L 11a4 0 1700000006 /d/fifo',
  'T 81a4 /d/.hidden',
  'T 81a4 /d/a b',
  'T 41ed /d/selflink',
  'T 41ed /d/sub',
  'T 81a4 /d/two',
  'lines',
  'T 11a4 /d/fifo',
  '',
].join('\n');

test('parseListing reads types, sizes, times, symlink targets and names with spaces or newlines', () => {
  const entries = parseListing('/d/', OUTPUT);
  const byName = new Map(entries.map((e) => [e.name, e]));
  assert.deepEqual(entries.map((e) => e.name), ['.hidden', 'a b', 'broken', 'fifo', 'selflink', 'sub', 'two\nlines']);
  assert.equal(byName.get('a b')?.kind, 'file');
  assert.equal(byName.get('a b')?.size, 5);
  assert.equal(byName.get('a b')?.mtimeMs, 1700000002000);
  assert.equal(byName.get('sub')?.kind, 'directory');
  assert.equal(byName.get('selflink')?.kind, 'symlink');
  assert.equal(byName.get('selflink')?.target, 'directory');
  assert.equal(byName.get('broken')?.kind, 'symlink');
  assert.equal(byName.get('broken')?.target, undefined);
  assert.equal(byName.get('fifo')?.kind, 'other');
  assert.equal(byName.get('two\nlines')?.size, 3);
});

test('parseListing of the root folder and of empty output', () => {
  const entries = parseListing('/', 'L 41ed 4096 1 /bin\nT 41ed /bin\nL a1ff 7 1 /lib\nT 41ed /lib\n');
  assert.deepEqual(entries.map((e) => [e.name, e.kind, e.target]), [['bin', 'directory', undefined], ['lib', 'symlink', 'directory']]);
  assert.deepEqual(parseListing('/x', ''), []);
});

test('parseListing ignores stderr-like noise before the first record and regex characters in the folder name', () => {
  const entries = parseListing('/a+b (1)', "stat: can't stat 'x'\nL 81a4 1 1 /a+b (1)/f\n");
  assert.deepEqual(entries.map((e) => e.name), ['f']);
});

test('mode helpers: st_mode and the Go FileMode the archive stat reports', () => {
  assert.equal(kindFromMode(0o100644), 'file');
  assert.equal(kindFromMode(0o040755), 'directory');
  assert.equal(kindFromMode(0o120777), 'symlink');
  assert.equal(kindFromMode(0o020666), 'other');
  assert.equal(kindFromGoMode(0x800001ed), 'directory'); // ModeDir | 0755
  assert.equal(kindFromGoMode(0x080001ff), 'symlink');
  assert.equal(kindFromGoMode(0x1a4), 'file');
  assert.equal(kindFromGoMode(0x04000000 | 0x00200000 | 0x1b6), 'other'); // char device
  assert.equal(kindFromGoMode(0x00400000 | 0x00800000 | 0x1ed), 'file'); // setgid/setuid bits are not types
  assert.equal(kindFromGoMode(134218239), 'symlink'); // what the engine reported for busybox's /bin/sh
});

test('path helpers normalise and resolve link targets', () => {
  assert.equal(normalizeContainerPath('//a/./b/../c/'), '/a/c');
  assert.equal(normalizeContainerPath('../..'), '/');
  assert.equal(dirname('/a/b'), '/a');
  assert.equal(dirname('/a'), '/');
  assert.equal(basename('/a/b/'), 'b');
  assert.equal(resolveLinkTarget('/bin/sh', 'busybox'), '/bin/busybox');
  assert.equal(resolveLinkTarget('/usr/lib/x', '../../etc/y'), '/etc/y');
  assert.equal(resolveLinkTarget('/a/b', '/abs/t'), '/abs/t');
});
