import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeHeader, endOfArchive, packTar, paddingFor, parseTar, safeRelativePath, TarFormatError, TarReader, type TarHeader } from '../../../client/src/containers/tar';

test('packTar then parseTar round-trips files, folders and symlinks with their metadata', () => {
  const archive = packTar([
    { name: 'dir', type: 'directory', mode: 0o750, mtime: 1700000000 },
    { name: 'dir/hello.txt', data: Buffer.from('hello\n'), mode: 0o640, uid: 33, gid: 34, mtime: 1700000001 },
    { name: 'dir/link', type: 'symlink', linkname: 'hello.txt' },
    { name: 'empty', data: Buffer.alloc(0) },
  ]);
  assert.equal(archive.length % 512, 0);
  const entries = parseTar(archive);
  assert.deepEqual(entries.map((e) => [e.header.name, e.header.type]), [['dir/', 'directory'], ['dir/hello.txt', 'file'], ['dir/link', 'symlink'], ['empty', 'file']]);
  const file = entries[1]!.header;
  assert.deepEqual([file.mode, file.uid, file.gid, file.mtime, file.size], [0o640, 33, 34, 1700000001, 6]);
  assert.equal(entries[1]!.data.toString(), 'hello\n');
  assert.equal(entries[2]!.header.linkname, 'hello.txt');
  assert.equal(entries[0]!.header.mode, 0o750);
});

test('long names use the ustar prefix when they can, PAX records when they cannot; non-ASCII names survive', () => {
  const split = 'a'.repeat(60) + '/' + 'b'.repeat(60) + '/file.txt';
  const unsplittable = 'x'.repeat(150) + '.txt';
  const unicode = 'dossier/été 🐳.txt';
  const longLink = '/target/' + 'y'.repeat(120);
  const archive = packTar([
    { name: split, data: Buffer.from('1') },
    { name: unsplittable, data: Buffer.from('22') },
    { name: unicode, data: Buffer.from('3') },
    { name: 'l', type: 'symlink', linkname: longLink },
  ]);
  const entries = parseTar(archive);
  assert.deepEqual(entries.map((e) => e.header.name), [split, unsplittable, unicode, 'l']);
  assert.equal(entries[1]!.data.toString(), '22');
  assert.equal(entries[3]!.header.linkname, longLink);
  // the prefix form needs no extra header
  assert.equal(encodeHeader({ name: split }, 1).length, 512);
  assert.ok(encodeHeader({ name: unsplittable }, 1).length > 512);
});

test('TarReader gets the same entries whatever the chunk sizes', () => {
  const data = Buffer.alloc(3000, 7);
  const archive = packTar([{ name: 'a', data }, { name: 'b/' + 'n'.repeat(200), data: Buffer.from('tail') }]);
  for (const size of [1, 7, 511, 512, 513, 4096]) {
    const seen: Array<{ header: TarHeader; bytes: number }> = [];
    const reader = new TarReader({
      entry: (header) => seen.push({ header, bytes: 0 }),
      data: (chunk) => (seen[seen.length - 1]!.bytes += chunk.length),
    });
    for (let i = 0; i < archive.length; i += size) reader.push(archive.subarray(i, i + size));
    reader.end();
    assert.ok(reader.finished);
    assert.deepEqual(seen.map((s) => [s.header.name, s.bytes]), [['a', 3000], ['b/' + 'n'.repeat(200), 4]], `chunk size ${size}`);
  }
});

/** Changes a header block's type flag and fixes its checksum. */
function retype(block: Buffer, flag: string): Buffer {
  block[156] = flag.charCodeAt(0);
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : block[i]!;
  block.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
  return block;
}

test('TarReader applies PAX records (path, mtime, uid, gid) to the next entry only', () => {
  const records = Buffer.from('30 mtime=1700000123.456789012\n' + '12 uid=1001\n' + '12 gid=1002\n' + '17 path=pax/name\n');
  const pax = Buffer.concat([retype(encodeHeader({ name: 'PaxHeaders/x' }, records.length), 'x'), records, Buffer.alloc(paddingFor(records.length))]);
  const first = Buffer.concat([encodeHeader({ name: 'ustar-name', mtime: 5 }, 1), Buffer.from('1'), Buffer.alloc(paddingFor(1))]);
  const second = Buffer.concat([encodeHeader({ name: 'plain', mtime: 6 }, 1), Buffer.from('2'), Buffer.alloc(paddingFor(1))]);
  const entries = parseTar(Buffer.concat([pax, first, second, endOfArchive()]));
  assert.deepEqual(entries.map((e) => [e.header.name, e.header.mtime, e.header.uid, e.header.gid]), [['pax/name', 1700000123, 1001, 1002], ['plain', 6, 0, 0]]);
});

test('TarReader reads GNU long names', () => {
  const gnuName = 'g'.repeat(300);
  const longNameData = Buffer.from(gnuName + '\0');
  const gnu = Buffer.concat([
    encodeHeader({ name: '././@LongLink', type: 'file' }, longNameData.length),
    longNameData,
    Buffer.alloc(paddingFor(longNameData.length)),
  ]);
  retype(gnu, 'L');
  const file = Buffer.concat([encodeHeader({ name: 'short' }, 2), Buffer.from('ok'), Buffer.alloc(paddingFor(2))]);
  const entries = parseTar(Buffer.concat([gnu, file, endOfArchive()]));
  assert.deepEqual(entries.map((e) => [e.header.name, e.data.toString()]), [[gnuName, 'ok']]);
});

test('a damaged header or a truncated archive is an error', () => {
  const archive = packTar([{ name: 'a', data: Buffer.from('x'.repeat(1000)) }]);
  const damaged = Buffer.from(archive);
  damaged[0] = 'b'.charCodeAt(0);
  assert.throws(() => parseTar(damaged), TarFormatError);
  assert.throws(() => parseTar(archive.subarray(0, 700)), TarFormatError);
});

test('safeRelativePath keeps extraction inside the target folder', () => {
  assert.equal(safeRelativePath('etc/hosts'), 'etc/hosts');
  assert.equal(safeRelativePath('./a/./b/'), 'a/b');
  assert.equal(safeRelativePath('/abs/path'), 'abs/path');
  assert.equal(safeRelativePath('.'), '');
  assert.equal(safeRelativePath('a/../../etc/passwd'), undefined);
  assert.equal(safeRelativePath('..'), undefined);
});
