import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { extractTar } from '../../../client/src/containers/safeExtract';
import { encodeHeader, endOfArchive, packTar, paddingFor } from '../../../client/src/containers/tar';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-extract-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** A fresh folder pair: `dest` (the user's pick) and `outside` (a place a download must never reach). */
function folders(name: string): { dest: string; outside: string } {
  const dest = path.join(scratch, name, 'dest');
  const outside = path.join(scratch, name, 'outside');
  fs.mkdirSync(dest, { recursive: true });
  fs.mkdirSync(outside, { recursive: true });
  return { dest, outside };
}

async function* once(buffer: Buffer): AsyncGenerator<Buffer> {
  // in odd-sized pieces, as a socket would deliver them
  for (let i = 0; i < buffer.length; i += 777) yield buffer.subarray(i, i + 777);
}

test('extracts folders and files, keeping only the executable bits of a mode', async () => {
  const { dest } = folders('plain');
  const tar = packTar([
    { name: 'app/', type: 'directory' },
    { name: 'app/run.sh', data: Buffer.from('#!/bin/sh\n'), mode: 0o4755 },
    { name: 'app/nested/deep.txt', data: Buffer.from('deep') },
    { name: 'app/empty.txt', data: Buffer.alloc(0) },
  ]);
  const result = await extractTar(once(tar), dest, { existing: 'keep' });
  assert.deepEqual([result.files, result.directories, result.skipped, result.replaced], [3, 1, [], []]);
  assert.equal(fs.readFileSync(path.join(dest, 'app/nested/deep.txt'), 'utf8'), 'deep');
  const mode = fs.statSync(path.join(dest, 'app/run.sh')).mode;
  assert.equal(mode & 0o7000, 0, 'no setuid bit');
  assert.equal(mode & 0o100, 0o100, 'still executable');
  assert.equal(fs.readFileSync(path.join(dest, 'app/empty.txt')).length, 0);
  assert.deepEqual(fs.readdirSync(path.join(dest, 'app')).filter((n) => n.endsWith('.part')), [], 'no temporary files left');
});

test('a symlink already in the destination is never written through (app -> ../outside)', async () => {
  const { dest, outside } = folders('parent-link');
  fs.symlinkSync('../outside', path.join(dest, 'app'));
  const tar = packTar([{ name: 'app/', type: 'directory' }, { name: 'app/authorized_keys', data: Buffer.from('ssh-ed25519 attacker') }]);
  const result = await extractTar(once(tar), dest, { existing: 'replace' });
  assert.equal(result.files, 0);
  assert.deepEqual(result.skipped, [{ name: 'app', reason: 'inTheWay' }, { name: 'app/authorized_keys', reason: 'throughLink' }]);
  assert.deepEqual(fs.readdirSync(outside), [], 'nothing reached the folder the link points at');
  assert.equal(fs.readlinkSync(path.join(dest, 'app')), '../outside', 'the link itself is left alone');
});

test('a deeper link on the way is caught too, as is a file where a folder should be', async () => {
  const { dest, outside } = folders('deep-link');
  fs.mkdirSync(path.join(dest, 'a/b'), { recursive: true });
  fs.symlinkSync(outside, path.join(dest, 'a/b/c'));
  fs.writeFileSync(path.join(dest, 'plainfile'), 'x');
  const tar = packTar([{ name: 'a/b/c/d/e.txt', data: Buffer.from('e') }, { name: 'plainfile/inner.txt', data: Buffer.from('i') }]);
  const result = await extractTar(once(tar), dest, { existing: 'replace' });
  assert.deepEqual(result.skipped.map((s) => s.reason), ['throughLink', 'throughLink']);
  assert.deepEqual(fs.readdirSync(outside), []);
});

test('existing files: kept unless the caller says replace; a link at a file\'s path is never replaced nor followed', async () => {
  const { dest, outside } = folders('existing');
  fs.writeFileSync(path.join(dest, 'config.txt'), 'mine');
  fs.writeFileSync(path.join(outside, 'credentials'), 'precious');
  fs.symlinkSync(path.join(outside, 'credentials'), path.join(dest, 'creds'));
  const tar = packTar([{ name: 'config.txt', data: Buffer.from('theirs') }, { name: 'creds', data: Buffer.from('overwritten!') }, { name: 'new.txt', data: Buffer.from('new') }]);

  const kept = await extractTar(once(tar), dest, { existing: 'keep' });
  assert.deepEqual(kept.skipped, [{ name: 'config.txt', reason: 'existing' }, { name: 'creds', reason: 'inTheWay' }]);
  assert.equal(fs.readFileSync(path.join(dest, 'config.txt'), 'utf8'), 'mine');
  assert.equal(fs.readFileSync(path.join(dest, 'new.txt'), 'utf8'), 'new');

  const replaced = await extractTar(once(tar), dest, { existing: 'replace' });
  assert.deepEqual(replaced.replaced, ['config.txt', 'new.txt']);
  assert.deepEqual(replaced.skipped, [{ name: 'creds', reason: 'inTheWay' }]);
  assert.equal(fs.readFileSync(path.join(dest, 'config.txt'), 'utf8'), 'theirs');
  assert.equal(fs.readFileSync(path.join(outside, 'credentials'), 'utf8'), 'precious', 'the link target is untouched');
  assert.ok(fs.lstatSync(path.join(dest, 'creds')).isSymbolicLink());
});

test('links, devices and names that climb out are skipped and reported, not created', async () => {
  const { dest, outside } = folders('entries');
  const tar = packTar([
    { name: 'link', type: 'symlink', linkname: '/etc/passwd' },
    { name: 'hard', type: 'hardlink', linkname: 'x' },
    { name: '../outside/escaped.txt', data: Buffer.from('no') },
    { name: 'ok.txt', data: Buffer.from('ok') },
  ]);
  const result = await extractTar(once(tar), dest, { existing: 'keep' });
  assert.deepEqual(result.skipped, [{ name: 'link', reason: 'link' }, { name: 'hard', reason: 'link' }, { name: '../outside/escaped.txt', reason: 'unsafeName' }]);
  assert.deepEqual(fs.readdirSync(dest), ['ok.txt']);
  assert.deepEqual(fs.readdirSync(outside), []);
});

test('a file streams to disk: its first part is on disk before the rest of the archive is read', async () => {
  const { dest } = folders('streaming');
  const size = 8 * 1024 * 1024;
  const half = size / 2;
  const partialOnDisk = () => fs.readdirSync(dest).filter((n) => n.endsWith('.part')).map((n) => fs.statSync(path.join(dest, n)).size)[0] ?? 0;
  async function* gated(): AsyncGenerator<Buffer> {
    yield encodeHeader({ name: 'big.bin', type: 'file' }, size);
    for (let sent = 0; sent < half; sent += 64 * 1024) yield Buffer.alloc(64 * 1024, 7);
    // A buffering extractor would wait for the whole entry: this would never end.
    const deadline = Date.now() + 20_000;
    while (partialOnDisk() < half) {
      if (Date.now() > deadline) throw new Error(`only ${partialOnDisk()} of the first ${half} bytes reached the disk`);
      await new Promise((r) => setTimeout(r, 10));
    }
    for (let sent = half; sent < size; sent += 64 * 1024) yield Buffer.alloc(64 * 1024, 7);
    yield Buffer.alloc(paddingFor(size));
    yield endOfArchive();
  }
  const result = await extractTar(gated(), dest, { existing: 'keep' });
  assert.equal(result.files, 1);
  assert.equal(fs.statSync(path.join(dest, 'big.bin')).size, size);
});

test('a truncated archive fails and leaves no partial file', async () => {
  const { dest } = folders('truncated');
  const tar = packTar([{ name: 'cut.bin', data: Buffer.alloc(5000, 1) }]);
  await assert.rejects(() => extractTar(once(tar.subarray(0, 2048)), dest, { existing: 'keep' }), /ended in the middle/);
  assert.deepEqual(fs.readdirSync(dest), []);
});
