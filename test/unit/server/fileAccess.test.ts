// What the language server may read: local files only, never a network path however it is
// spelled, outside the workspace folders only in a trusted workspace (symbolic links followed
// first), and for path completion and links only inside the workspace. Real files in a
// temporary folder, removed afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FILE_ANSWERS_MS, FilePolicy, isNetworkPath, localPath, policyFileAccess } from '../../../server/src/lsp/fileAccess';

function scratch() {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-access-')));
  const workspace = path.join(root, 'workspace');
  const outside = path.join(root, 'outside');
  fs.mkdirSync(path.join(workspace, 'app'), { recursive: true });
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(workspace, 'app', '.env'), 'A=1\n');
  fs.writeFileSync(path.join(outside, 'secret.env'), 'TOKEN=x\n');
  fs.symlinkSync(outside, path.join(workspace, 'link-out'));
  fs.symlinkSync(path.join(outside, 'secret.env'), path.join(workspace, 'app', 'secret-link.env'));
  const uri = (p: string) => pathToFileURL(p).href;
  return { root, workspace, outside, uri, cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}

test('network paths in every spelling, hosts and encoded separators are never local paths', () => {
  for (const p of ['\\\\host\\share', '//host/share', '/\\host\\share', '\\/host/share', '//?/C:/x']) assert.ok(isNetworkPath(p), p);
  assert.ok(!isNetworkPath('/C:/dir/file') && !isNetworkPath('/home/u/file'));
  for (const uri of ['file://host/share/x.env', 'file:////host/share/x.env', 'file:///%5C%5Chost/share', 'file:///a%2F..%2Fb', 'http://example.com/x', 'untitled:Dockerfile']) {
    assert.equal(localPath(uri), undefined, uri);
  }
  assert.equal(localPath('file:///tmp/x/../y'), path.resolve('/tmp/y'));
});

test('untrusted: reads only inside the workspace folders, links out of it included', () => {
  const s = scratch();
  try {
    const policy = new FilePolicy();
    policy.update({ trusted: false, folders: [s.uri(s.workspace)] });
    const read = policyFileAccess(policy, 'read');
    assert.equal(read.readText(s.uri(path.join(s.workspace, 'app', '.env'))), 'A=1\n');
    assert.equal(read.readText(s.uri(path.join(s.outside, 'secret.env'))), undefined);
    assert.equal(read.exists(s.uri(path.join(s.outside, 'secret.env'))), false);
    assert.equal(read.allowed!(s.uri(path.join(s.outside, 'secret.env'))), false);
    // A symbolic link in the workspace to a file or folder outside it is outside.
    assert.equal(read.readText(s.uri(path.join(s.workspace, 'app', 'secret-link.env'))), undefined);
    assert.equal(read.readText(s.uri(path.join(s.workspace, 'link-out', 'secret.env'))), undefined);
    assert.deepEqual(read.list(s.uri(path.join(s.workspace, 'link-out'))), []);
    // Dot segments do not climb out.
    assert.equal(read.readText(`${s.uri(path.join(s.workspace, 'app'))}/../../outside/secret.env`), undefined);
  } finally {
    s.cleanup();
  }
});

test('trusted: reads anywhere local; completion and links ("browse") still stay inside the workspace', () => {
  const s = scratch();
  try {
    const policy = new FilePolicy();
    policy.update({ trusted: true, folders: [s.uri(s.workspace)] });
    const read = policyFileAccess(policy, 'read');
    const browse = policyFileAccess(policy, 'browse');
    assert.equal(read.readText(s.uri(path.join(s.outside, 'secret.env'))), 'TOKEN=x\n');
    assert.equal(read.readText(s.uri(path.join(s.workspace, 'app', 'secret-link.env'))), 'TOKEN=x\n');
    assert.equal(browse.exists(s.uri(path.join(s.outside, 'secret.env'))), false);
    assert.deepEqual(browse.list(s.uri(s.outside)), []);
    assert.deepEqual(browse.list(s.uri('/')), []);
    assert.deepEqual(browse.list(s.uri(path.join(s.workspace, 'app'))).map((e) => e.name).sort(), ['.env', 'secret-link.env']);
    // Never a network path, trusted or not.
    assert.equal(read.exists('file://host/share/x'), false);
    assert.equal(read.readText('file:////host/share/x'), undefined);
  } finally {
    s.cleanup();
  }
});

test('without workspace folders, the folders of the open documents are the workspace', () => {
  const s = scratch();
  try {
    const policy = new FilePolicy(() => [s.uri(path.join(s.workspace, 'app'))]);
    policy.update({ trusted: false, folders: [] });
    const read = policyFileAccess(policy, 'read');
    assert.equal(read.readText(s.uri(path.join(s.workspace, 'app', '.env'))), 'A=1\n');
    assert.equal(read.readText(s.uri(path.join(s.outside, 'secret.env'))), undefined);
  } finally {
    s.cleanup();
  }
});

test('the file system is asked each question once, answers are reused for a second at most, and a watched change or a new trust state drops them', () => {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-memo-')));
  try {
    const ws = path.join(root, 'ws');
    fs.mkdirSync(ws);
    fs.writeFileSync(path.join(ws, '.dockerignore'), 'node_modules\n');
    let clock = 0;
    const policy = new FilePolicy(() => [], () => clock);
    policy.update({ trusted: false, folders: [pathToFileURL(ws).href] });
    const files = policyFileAccess(policy, 'read');
    const ignore = pathToFileURL(path.join(ws, '.dockerignore')).href;
    const folder = pathToFileURL(ws).href;
    const names = () => files.list(folder).map((e) => e.name).sort();
    policy.scoped(() => {
      assert.equal(files.readText(ignore), 'node_modules\n');
      const listed = files.list(folder);
      listed.pop(); // a caller's changes to its list stay its own
      fs.writeFileSync(path.join(ws, '.dockerignore'), '.git\n');
      fs.writeFileSync(path.join(ws, 'added.txt'), 'x');
      // Same call: the answers it had.
      assert.equal(files.readText(ignore), 'node_modules\n');
      assert.deepEqual(names(), ['.dockerignore']);
    });
    // A call within the window (the next keystroke's validation) reuses them, and says when they
    // expire so that what it made from them is made again then; a call that reused none says nothing.
    clock += FILE_ANSWERS_MS / 2;
    policy.scoped(() => {
      assert.equal(policy.staleAfterMs(), undefined);
      assert.deepEqual(names(), ['.dockerignore']);
      assert.equal(policy.staleAfterMs(), FILE_ANSWERS_MS / 2 + 5);
    });
    policy.scoped(() => {
      assert.equal(files.exists(pathToFileURL(path.join(ws, 'other.txt')).href), false);
      assert.equal(policy.staleAfterMs(), undefined, 'a question no call had asked');
    });
    assert.equal(policy.staleAfterMs(), undefined, 'outside a call');
    // …and once the window has passed, the file system is asked again.
    clock += FILE_ANSWERS_MS;
    policy.scoped(() => {
      assert.equal(files.readText(ignore), '.git\n');
      assert.deepEqual(names(), ['.dockerignore', 'added.txt']);
      assert.equal(policy.staleAfterMs(), undefined, 'answers of this call only');
    });
    // A watched file that changed (forget) is seen by the very next call.
    fs.writeFileSync(path.join(ws, '.dockerignore'), 'build\n');
    policy.scoped(() => assert.equal(files.readText(ignore), '.git\n'));
    policy.forget();
    policy.scoped(() => assert.equal(files.readText(ignore), 'build\n'));
    // So is everything after the trust or the folders change.
    fs.rmSync(path.join(ws, 'added.txt'));
    policy.update({ trusted: true, folders: [pathToFileURL(ws).href] });
    policy.scoped(() => assert.deepEqual(names(), ['.dockerignore']));
    // Outside a call nothing is remembered at all.
    fs.writeFileSync(path.join(ws, '.dockerignore'), 'dist\n');
    assert.equal(files.readText(ignore), 'dist\n');
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('what was read is let go once its window has passed, even when no call comes to replace it', async () => {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-drop-')));
  try {
    fs.writeFileSync(path.join(root, '.env'), 'A=1\n');
    // A clock that never moves: only the timer can let the answers go.
    const policy = new FilePolicy(() => [], () => 0);
    policy.update({ trusted: true, folders: [] });
    const files = policyFileAccess(policy, 'read');
    const env = pathToFileURL(path.join(root, '.env')).href;
    policy.scoped(() => assert.equal(files.readText(env), 'A=1\n'));
    fs.writeFileSync(path.join(root, '.env'), 'A=2\n');
    policy.scoped(() => assert.equal(files.readText(env), 'A=1\n', 'within the window'));
    await new Promise((resolve) => setTimeout(resolve, FILE_ANSWERS_MS + 300));
    policy.scoped(() => assert.equal(files.readText(env), 'A=2\n'));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
