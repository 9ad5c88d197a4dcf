// The V8 code cache of the server's bundles (server/src/codeCache.ts). Each load runs in a fresh
// node process: V8 keeps compiled scripts per isolate, so a second load in the same process would
// not read the cache at all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import * as esbuild from 'esbuild';
import { cacheDigest, HASH_BYTES, MAGIC, requestedCacheFolder, type CodeCacheRecord } from '../../../server/src/codeCache';
import { buildServer } from '../../../esbuild.server.mjs';
import { LspPeer } from '../../harness/lspPeer.mjs';
import { EDIT_VALIDATIONS, ValidationCovers } from '../../../server/src/lsp/codeCacheHook';

const REPO = path.resolve(__dirname, '..', '..', '..');
let root: string;
let probe: string;

before(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-code-cache-'));
  await esbuild.build({ entryPoints: [path.join(REPO, 'server/src/codeCache.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: path.join(root, 'codeCache.cjs'), logLevel: 'silent' });
  probe = path.join(root, 'probe.cjs');
  fs.writeFileSync(probe, [
    "const cache = require('./codeCache.cjs');",
    'const [file, folder, covering] = process.argv.slice(2);',
    "const loaded = cache.loadBundle(file, folder === '-' ? undefined : folder);",
    'const value = loaded.run();',
    'cache.flushCodeCache(covering);',
    'process.stdout.write(JSON.stringify({ value, records: cache.codeCacheRecords() }));',
  ].join('\n'));
});

after(() => fs.rmSync(root, { recursive: true, force: true }));

/** A bundle in a fresh folder. */
function makeBundle(name: string, body = 'return 6 * 7;'): { dir: string; file: string; cache: string } {
  const dir = fs.mkdtempSync(path.join(root, `${name}-`));
  const functions = Array.from({ length: 200 }, (_, i) => `function f${i}(x) { return x + ${i}; }`).join('\n');
  const file = path.join(dir, 'bundle.js');
  fs.writeFileSync(file, `"use strict";\nconst path = require("node:path");\n${functions}\nexports.run = () => { ${body} } ;\nexports.where = () => path.basename(__filename);\n`);
  return { dir, file, cache: path.join(dir, 'cache') };
}

/** Loads the bundle in a fresh process and flushes its cache, as after a first check of a `covering` document. */
function load(file: string, folder: string | undefined, covering?: string): { value: unknown; records: CodeCacheRecord[] } {
  return JSON.parse(execFileSync(process.execPath, [probe, file, folder ?? '-', ...(covering ? [covering] : [])], { encoding: 'utf8', env: { PATH: process.env.PATH } }));
}

const record = (result: { records: CodeCacheRecord[] }, bundle = 'bundle.js') => result.records.find((r) => r.bundle === bundle);
const cacheFileOf = (cache: string, bundle = 'bundle.js') => path.join(cache, `${bundle}.v8cache`);
const stamp = (file: string) => {
  const s = fs.statSync(file);
  return `${s.ino}:${s.mtimeMs}`;
};

test('a bundle is compiled without a cache, the cache is written privately, and the next load uses it', () => {
  const { file, cache } = makeBundle('reuse');
  const first = load(file, cache);
  assert.equal(first.value, 42);
  assert.deepEqual(record(first), { bundle: 'bundle.js', outcome: 'miss', written: true });
  if (process.platform !== 'win32') {
    assert.equal(fs.statSync(cache).mode & 0o777, 0o700);
    assert.equal(fs.statSync(cacheFileOf(cache)).mode & 0o777, 0o600);
  }
  assert.deepEqual(fs.readdirSync(cache).sort(), ['bundle.js.v8cache'], 'no temporary file is left');
  // A write that never finished (the process was killed before its rename) is removed by a later write after an hour.
  const leftover = path.join(cache, 'bundle.js.v8cache.1-0-abcd.tmp');
  const recent = path.join(cache, 'bundle.js.v8cache.2-0-abcd.tmp');
  fs.writeFileSync(leftover, 'x');
  fs.writeFileSync(recent, 'x');
  fs.utimesSync(leftover, new Date(Date.now() - 2 * 3_600_000), new Date(Date.now() - 2 * 3_600_000));
  fs.rmSync(cacheFileOf(cache));
  load(file, cache);
  assert.deepEqual(fs.readdirSync(cache).sort(), ['bundle.js.v8cache', 'bundle.js.v8cache.2-0-abcd.tmp']);
  fs.rmSync(recent);
  const written = stamp(cacheFileOf(cache));

  const second = load(file, cache);
  assert.equal(second.value, 42);
  assert.deepEqual(record(second), { bundle: 'bundle.js', outcome: 'hit', cachedDataRejected: false });
  assert.equal(stamp(cacheFileOf(cache)), written, 'a cache that was used is not written again');
});

test('a cache records the kinds of work it holds; a first check of a kind it lacks writes it again with both', () => {
  const { file, cache } = makeBundle('covers');
  assert.deepEqual(record(load(file, cache, 'dockerfile')), { bundle: 'bundle.js', outcome: 'miss', written: true, covers: ['dockerfile'] });
  const written = stamp(cacheFileOf(cache));
  assert.deepEqual(record(load(file, cache, 'dockerfile')), { bundle: 'bundle.js', outcome: 'hit', cachedDataRejected: false, covers: ['dockerfile'] });
  assert.deepEqual(record(load(file, cache)), { bundle: 'bundle.js', outcome: 'hit', cachedDataRejected: false, covers: ['dockerfile'] }, 'work of no kind adds nothing');
  assert.equal(stamp(cacheFileOf(cache)), written, 'a cache that holds the kind is not written again');
  // The first compose file after Dockerfile-only sessions: written again, holding both.
  assert.deepEqual(record(load(file, cache, 'compose')), { bundle: 'bundle.js', outcome: 'hit', cachedDataRejected: false, written: true, covers: ['dockerfile', 'compose'] });
  const both = stamp(cacheFileOf(cache));
  for (const kind of ['compose', 'dockerfile']) {
    const again = load(file, cache, kind);
    assert.equal(again.value, 42);
    assert.deepEqual(record(again), { bundle: 'bundle.js', outcome: 'hit', cachedDataRejected: false, covers: ['dockerfile', 'compose'] });
  }
  assert.equal(stamp(cacheFileOf(cache)), both);
  // A covers list that runs past the file is damage like any other.
  const bytes = fs.readFileSync(cacheFileOf(cache));
  const header = MAGIC.length + 2 * HASH_BYTES;
  const rest = Buffer.concat([Buffer.from([255]), bytes.subarray(header + 1, header + 10)]);
  fs.writeFileSync(cacheFileOf(cache), Buffer.concat([bytes.subarray(0, MAGIC.length + HASH_BYTES), cacheDigest(rest), rest]));
  assert.deepEqual(record(load(file, cache, 'compose')), { bundle: 'bundle.js', outcome: 'corrupt', written: true, covers: ['compose'] });
});

test('a damaged cache is never given to V8 and is written again', () => {
  const { file, cache } = makeBundle('corrupt');
  load(file, cache);
  const cacheFile = cacheFileOf(cache);
  const bytes = fs.readFileSync(cacheFile);
  bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0xff;
  fs.writeFileSync(cacheFile, bytes);
  const damaged = load(file, cache);
  assert.equal(damaged.value, 42);
  assert.deepEqual(record(damaged), { bundle: 'bundle.js', outcome: 'corrupt', written: true });
  assert.equal(record(load(file, cache))?.outcome, 'hit', 'the rewritten cache is used');

  fs.truncateSync(cacheFile, 20);
  assert.deepEqual(record(load(file, cache)), { bundle: 'bundle.js', outcome: 'corrupt', written: true }, 'a truncated cache');
  assert.equal(record(load(file, cache))?.outcome, 'hit');
});

test('a cache of another build of the bundle is stale and is replaced', () => {
  const { file, cache } = makeBundle('stale');
  load(file, cache);
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('6 * 7', '6 * 8'));
  const changed = load(file, cache);
  assert.equal(changed.value, 48, 'the new bundle runs, not the cached code');
  assert.deepEqual(record(changed), { bundle: 'bundle.js', outcome: 'stale', written: true });
  const again = load(file, cache);
  assert.deepEqual(record(again), { bundle: 'bundle.js', outcome: 'hit', cachedDataRejected: false });
  assert.equal(again.value, 48);
});

test('a cache V8 refuses is reported as rejected and written again', () => {
  // A well-formed file (this bundle's key, a correct checksum) holding the cache of another script.
  const { file, cache } = makeBundle('rejected');
  const other = makeBundle('other', 'return "a longer body than the first bundle has";');
  load(file, cache);
  load(other.file, other.cache);
  const mine = fs.readFileSync(cacheFileOf(cache));
  const header = MAGIC.length + 2 * HASH_BYTES;
  const foreign = fs.readFileSync(cacheFileOf(other.cache)).subarray(header);
  // Layout: the magic, the key, the checksum of the rest, the rest (the covers list and the data).
  const forged = Buffer.concat([mine.subarray(0, MAGIC.length + HASH_BYTES), cacheDigest(foreign), foreign]);
  fs.writeFileSync(cacheFileOf(cache), forged);
  const refused = load(file, cache);
  assert.equal(refused.value, 42);
  assert.deepEqual(record(refused), { bundle: 'bundle.js', outcome: 'rejected', cachedDataRejected: true, written: true });
  assert.deepEqual(record(load(file, cache)), { bundle: 'bundle.js', outcome: 'hit', cachedDataRejected: false });
});

test('a folder others can write, a symbolic link, or a cache file not private is not used', () => {
  const { dir, file, cache } = makeBundle('untrusted');
  if (process.platform !== 'win32') {
    fs.mkdirSync(cache, { mode: 0o700 });
    fs.chmodSync(cache, 0o777);
    const open = load(file, cache);
    assert.equal(open.value, 42);
    assert.deepEqual(record(open), { bundle: 'bundle.js', outcome: 'off' });
    assert.deepEqual(fs.readdirSync(cache), [], 'nothing is written into a folder others can write');
    fs.chmodSync(cache, 0o700);

    load(file, cache);
    fs.chmodSync(cacheFileOf(cache), 0o666);
    assert.deepEqual(record(load(file, cache)), { bundle: 'bundle.js', outcome: 'untrusted' }, 'a cache file others can write is neither used nor replaced');
    assert.equal(fs.statSync(cacheFileOf(cache)).mode & 0o777, 0o666);
    fs.chmodSync(cacheFileOf(cache), 0o600);
    if (process.getuid?.() === 0) {
      fs.chownSync(cacheFileOf(cache), 65534, 65534);
      assert.deepEqual(record(load(file, cache)), { bundle: 'bundle.js', outcome: 'untrusted' }, 'a cache file of another user');
      fs.chownSync(cacheFileOf(cache), 0, 0);
    }
  }
  // A cache file that is a symbolic link (to a real cache) is not followed.
  const elsewhere = path.join(dir, 'elsewhere.v8cache');
  fs.renameSync(cacheFileOf(cache), elsewhere);
  fs.symlinkSync(elsewhere, cacheFileOf(cache));
  assert.deepEqual(record(load(file, cache)), { bundle: 'bundle.js', outcome: 'untrusted' });
  assert.ok(fs.lstatSync(cacheFileOf(cache)).isSymbolicLink(), 'left alone');

  // A cache folder that is a symbolic link to a good one is not used either.
  const link = path.join(dir, 'link');
  fs.symlinkSync(cache, link);
  assert.deepEqual(record(load(file, link)), { bundle: 'bundle.js', outcome: 'off' });
});

test('with the cache turned off nothing is read or written', () => {
  const { dir, file } = makeBundle('off');
  const off = load(file, undefined);
  assert.equal(off.value, 42);
  assert.deepEqual(record(off), { bundle: 'bundle.js', outcome: 'off' });
  assert.deepEqual(fs.readdirSync(dir).sort(), ['bundle.js']);
  // A folder that cannot be made (a file in its way): no cache, the bundle still loads.
  fs.writeFileSync(path.join(dir, 'blocked'), '');
  assert.deepEqual(record(load(file, path.join(dir, 'blocked', 'cache'))), { bundle: 'bundle.js', outcome: 'off' });
});

test('the cache folder: the command line, then $XDG_CACHE_HOME, then ~/.cache; none when turned off', () => {
  if (process.platform === 'win32') return;
  assert.equal(requestedCacheFolder(['--stdio', '--code-cache=/a/b'], { XDG_CACHE_HOME: '/x' }), '/a/b');
  assert.equal(requestedCacheFolder(['--stdio'], { XDG_CACHE_HOME: '/x' }), '/x/docker-workbench/language-server');
  assert.equal(requestedCacheFolder(['--stdio'], { XDG_CACHE_HOME: 'relative' }), path.join(os.homedir(), '.cache', 'docker-workbench', 'language-server'), 'a relative XDG_CACHE_HOME is ignored, as the spec says');
  assert.equal(requestedCacheFolder(['--stdio'], {}), path.join(os.homedir(), '.cache', 'docker-workbench', 'language-server'));
  assert.equal(requestedCacheFolder(['--stdio', '--no-code-cache', '--code-cache=/a'], {}), undefined);
  assert.equal(requestedCacheFolder(['--stdio', '--code-cache=/a'], { DOCKER_WORKBENCH_CODE_CACHE: 'off' }), undefined);
  assert.equal(requestedCacheFolder(['--stdio'], { DOCKER_WORKBENCH_CODE_CACHE: '0' }), undefined);
});

/**
 * Starts `node server.js --stdio` from `dir` and runs `work` on it (by default: opens a Dockerfile
 * checked on the main thread and one checked in the validation worker, and waits for both threads
 * to write or use their caches); returns the cache's debug lines.
 */
async function startServer(dir: string, args: string[], env: NodeJS.ProcessEnv = {}, work: (peer: LspPeer, lines: string[]) => Promise<void> = openDockerfiles): Promise<string[]> {
  const peer = new LspPeer(process.execPath, ['server.js', '--stdio', ...args], { cwd: dir, env: { PATH: process.env.PATH, HOME: dir, DOCKER_WORKBENCH_CODE_CACHE_DEBUG: '1', ...env } });
  const lines: string[] = [];
  // The main thread's lines come on stderr, the workers' through the log.
  peer.child.stderr!.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter((l) => l.startsWith('code cache: '))));
  peer.observe((m: any) => {
    const line = m.method === 'window/logMessage' ? /code cache: .*/.exec(m.params.message)?.[0] : undefined;
    if (line) lines.push(line);
  });
  try {
    await peer.request('initialize', { processId: null, rootUri: null, capabilities: {} });
    peer.notify('initialized', {});
    await work(peer, lines);
  } finally {
    await peer.stop();
    await new Promise((resolve) => (peer.child.exitCode !== null || peer.child.signalCode !== null ? resolve(undefined) : peer.child.once('exit', resolve)));
  }
  return lines;
}

/** startServer's default work: a small Dockerfile (main thread), then a large one (validation worker). */
async function openDockerfiles(peer: LspPeer, lines: string[]): Promise<void> {
  const checked = (uri: string) => peer.next((m: any) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.diagnostics.some((d: any) => d.code === 'cd-without-effect'), 60_000);
  const open = (uri: string, text: string) => peer.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
  let full = checked('file:///tmp/x/Dockerfile');
  open('file:///tmp/x/Dockerfile', 'FROM busybox\nRUN make && cd /tmp\n');
  await full;
  full = checked('file:///tmp/x/large/Dockerfile');
  open('file:///tmp/x/large/Dockerfile', `FROM busybox\n${'# a comment line long enough to make a large file quickly, again and again\n'.repeat(1500)}RUN make && cd /tmp\n`);
  await full;
  // Each thread writes its caches right after its first complete answer: wait for their word, and
  // after "written" for the line naming what the cache covers (a worker's come as two log
  // messages, which a loaded machine may deliver apart).
  const said = (b: string, what: string) => lines.some((l) => new RegExp(`${b}\\.js ${what}`).test(l));
  await waitFor(() => ['serverMain', 'serverWorker'].every((b) => said(b, '(not written|hit|off)') || (said(b, 'written') && said(b, 'covers'))));
}

/** Work for startServer: a small Dockerfile (main thread) opened and edited three times, each edit checked. */
async function editDockerfile(peer: LspPeer): Promise<void> {
  const uri = 'file:///tmp/x/edited/Dockerfile';
  const checked = (version: number) => peer.next((m: any) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.version === version, 60_000);
  let done = checked(1);
  peer.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: 'FROM busybox\nRUN make && cd /tmp\n' } });
  await done;
  for (let version = 2; version <= 4; version++) {
    done = checked(version);
    const at = { line: 1, character: 8 };
    peer.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: at, end: at }, text: 'x' }] });
    await done;
  }
  // The write follows the third edit's answer in the same thread (setImmediate): a request answered after it comes after it.
  await peer.request('textDocument/documentSymbol', { textDocument: { uri } });
}

/** Work for startServer: one small compose file (main thread); done once its diagnostics are in and the main thread has had its turn to write. */
async function openCompose(peer: LspPeer): Promise<void> {
  const uri = 'file:///tmp/x/compose.yaml';
  const checked = peer.next((m: any) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.diagnostics.length > 0, 60_000);
  peer.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockercompose', version: 1, text: 'services:\n  web:\n    image: nginx\n    depends_on: [db]\n' } });
  await checked;
  // The write follows the answer in the same thread (setImmediate): a request answered after it comes after it.
  await peer.request('textDocument/documentSymbol', { textDocument: { uri } });
}

async function waitFor(condition: () => boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('the built server writes its code cache on the first start and uses it on the second', async () => {
  const dir = fs.mkdtempSync(path.join(root, 'server-'));
  await buildServer(dir);
  const cache = path.join(dir, 'cache');
  const first = await startServer(dir, [`--code-cache=${cache}`]);
  for (const bundle of ['serverMain.js', 'serverWorker.js']) {
    assert.ok(first.includes(`code cache: ${bundle} miss`), `${bundle}: ${first.join('; ')}`);
    assert.ok(first.includes(`code cache: ${bundle} written`), `${bundle}: ${first.join('; ')}`);
  }
  const files = ['serverMain.js.v8cache', 'serverWorker.js.v8cache'];
  assert.deepEqual(fs.readdirSync(cache).sort(), files);
  const stamps = files.map((f) => stamp(path.join(cache, f)));

  const second = await startServer(dir, [`--code-cache=${cache}`]);
  for (const bundle of ['serverMain.js', 'serverWorker.js']) assert.ok(second.includes(`code cache: ${bundle} hit`), `${bundle}: ${second.join('; ')}`);
  assert.ok(!second.some((l) => / (written|rejected|corrupt|stale)$/.test(l)), second.join('; '));
  assert.deepEqual(files.map((f) => stamp(path.join(cache, f))), stamps, 'nothing was written again');
  for (const bundle of ['serverMain.js', 'serverWorker.js']) assert.ok(first.includes(`code cache: ${bundle} covers dockerfile`), first.join('; '));

  // The first compose file after Dockerfile-only starts: the main thread's cache is written again,
  // now holding the compose checks too; the next compose start uses it as it is.
  const compose = await startServer(dir, [`--code-cache=${cache}`], {}, openCompose);
  assert.ok(compose.includes('code cache: serverMain.js hit'), compose.join('; '));
  assert.ok(compose.includes('code cache: serverMain.js written') && compose.includes('code cache: serverMain.js covers dockerfile, compose'), compose.join('; '));
  const again = await startServer(dir, [`--code-cache=${cache}`], {}, openCompose);
  assert.ok(again.includes('code cache: serverMain.js hit') && !again.some((l) => / written$/.test(l)), again.join('; '));

  // Edits run code a first check does not (the incremental parse and validation): the first start
  // with three edits writes the main thread's cache once more, holding them; the next uses it as it is.
  const edited = await startServer(dir, [`--code-cache=${cache}`], {}, editDockerfile);
  assert.ok(edited.includes('code cache: serverMain.js written') && edited.includes('code cache: serverMain.js covers dockerfile, compose, dockerfile-edit'), edited.join('; '));
  const editedAgain = await startServer(dir, [`--code-cache=${cache}`], {}, editDockerfile);
  assert.ok(editedAgain.includes('code cache: serverMain.js hit') && !editedAgain.some((l) => / written$/.test(l)), editedAgain.join('; '));

  // Standalone with no folder given: $XDG_CACHE_HOME/docker-workbench/language-server.
  const xdg = path.join(dir, 'xdg');
  const standalone = await startServer(dir, [], { XDG_CACHE_HOME: xdg });
  assert.ok(standalone.includes('code cache: serverMain.js written'), standalone.join('; '));
  assert.deepEqual(fs.readdirSync(path.join(xdg, 'docker-workbench', 'language-server')).sort(), files);

  // No usable folder (a file where it would be) or turned off: the server runs without a cache.
  fs.writeFileSync(path.join(dir, 'blocked'), '');
  const blocked = await startServer(dir, [], { XDG_CACHE_HOME: path.join(dir, 'blocked') });
  assert.ok(blocked.includes('code cache: serverMain.js off') && blocked.includes('code cache: serverWorker.js off'), blocked.join('; '));
  const off = await startServer(dir, ['--no-code-cache'], { XDG_CACHE_HOME: xdg });
  assert.ok(off.includes('code cache: serverMain.js off') && off.includes('code cache: serverWorker.js off'), off.join('; '));
});

test('the key and checksum tell apart bytes, their split into parts aside, and carry the length', () => {
  const a = Buffer.from('const answer = 6 * 7;');
  assert.equal(cacheDigest(a).length, HASH_BYTES);
  assert.deepEqual(cacheDigest(a), cacheDigest(a.subarray(0, 5), a.subarray(5)), 'the same bytes in two parts');
  assert.notDeepEqual(cacheDigest(a), cacheDigest(Buffer.from('const answer = 6 * 8;')));
  assert.notDeepEqual(cacheDigest(a, '\0', 'v20.0.0'), cacheDigest(a, '\0', 'v22.0.0'), 'another Node version');
  // A CRC-32 and the length where zlib has crc32 (Node 20.15 on), else the start of a SHA-256.
  if ('crc32' in zlib) assert.equal(cacheDigest(a).readUInt32BE(HASH_BYTES - 4), a.length);
});

test('validations stand for a kind\'s first check, then its edits once three changed versions were checked', () => {
  const covers = new ValidationCovers();
  const A = 'file:///a/Dockerfile';
  const B = 'file:///b/Dockerfile';
  const C = 'file:///a/compose.yaml';
  assert.equal(covers.after('dockerfile', A, 1), 'dockerfile', 'the first complete check of the kind');
  assert.equal(covers.after('dockerfile', B, 1), undefined, 'another file opened is no edit');
  assert.equal(covers.after('dockerfile', A, 1), undefined, 'checked again at the same version (a recheck) is no edit');
  assert.equal(covers.after('compose', C, 1), 'compose');
  assert.equal(covers.after('dockerfile', A, 2), undefined);
  assert.equal(covers.after('dockerfile', B, 2), undefined);
  assert.equal(covers.after('dockerfile', A, 3), 'dockerfile-edit', `the third changed version of the kind (EDIT_VALIDATIONS ${EDIT_VALIDATIONS})`);
  assert.equal(covers.after('dockerfile', A, 4), undefined, 'once');
  // A file closed and opened again starts over: its first check there is no edit.
  assert.equal(covers.after('compose', C, 2), undefined, 'the first edit of compose');
  covers.forget(C);
  assert.equal(covers.after('compose', C, 5), undefined, 'reopened: no edit');
  assert.equal(covers.after('compose', C, 6), undefined, 'the second edit');
  assert.equal(covers.after('compose', C, 7), 'compose-edit', 'the third edit');
});
