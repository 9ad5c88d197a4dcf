// What the UI says while the engine cannot be reached, and when it notifies (unit tier).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EngineError, englishEngineMessages } from '../../../client/src/engine/engineError';
import { OutageNotices, problemKind, shortProblem, type ProblemKind } from '../../../client/src/engine/outage';

const REPO = path.resolve(__dirname, '..', '..', '..');
const down = (kind: EngineError['kind'] = 'socketMissing') => ({ status: 'unreachable' as const, error: new EngineError(kind, `${kind} at /x.sock`) });

test('one notification per outage: the first failure, not each retry; connecting again or another engine ends it', () => {
  const notices = new OutageNotices();
  assert.equal(notices.observe({ status: 'connecting' }), undefined);
  const first = down();
  assert.equal(notices.observe(first), first.error, 'the first failure notifies');
  for (let retry = 0; retry < 5; retry++) {
    assert.equal(notices.observe({ status: 'connecting', retrying: first.error }), undefined);
    assert.equal(notices.observe(down()), undefined, `retry ${retry + 1} does not`);
  }
  assert.equal(notices.active, true);
  assert.equal(notices.observe({ status: 'connected' }), undefined);
  assert.equal(notices.active, false);
  assert.ok(notices.observe(down('refused')), 'a later outage notifies again');
  notices.reset();
  assert.ok(notices.observe(down('tls')), 'so does the first failure of another engine');
});

test('each kind of failure has a short line and welcome advice with a Retry button in every resource view', () => {
  const kinds: ProblemKind[] = ['socketMissing', 'permissionDenied', 'refused', 'tls', 'timeout', 'ssh', 'other'];
  const errorKind = (k: ProblemKind): EngineError['kind'] => (k === 'other' ? 'failed' : k === 'ssh' ? 'hostKeyChanged' : k);
  const lines = kinds.map((k) => shortProblem(new EngineError(errorKind(k), 'x'), englishEngineMessages));
  assert.equal(new Set(lines).size, kinds.length, 'one line per kind');
  for (const line of lines) assert.ok(line.length <= 60, `short enough for a 300 px sidebar: "${line}" (${line.length})`);
  assert.equal(problemKind(new EngineError('conflict', 'x')), 'other');
  for (const kind of ['hostKeyUnknown', 'hostKeyChanged', 'authFailed', 'noRemoteDocker'] as const) assert.equal(problemKind(new EngineError(kind, 'x')), 'ssh', kind);

  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
  const nls = JSON.parse(fs.readFileSync(path.join(REPO, 'package.nls.json'), 'utf8'));
  const welcome: Array<{ view: string; contents: string; when?: string }> = pkg.contributes.viewsWelcome;
  const text = (contents: string) => nls[contents.replace(/^%|%$/g, '')] as string;
  kinds.forEach((kind, i) => {
    for (const view of ['containers', 'images', 'volumes', 'networks']) {
      const entry = welcome.find((w) => w.view === `dockerWorkbench.${view}` && w.when === `dockerWorkbench.engine.down && dockerWorkbench.engine.problem == ${kind}`);
      assert.ok(entry, `welcome content in ${view} for ${kind}`);
      const contents = text(entry.contents);
      assert.equal(contents.split('\n')[0], lines[i], `${view}/${kind} starts with the short line`);
      // A link on a line of its own is drawn as a button.
      assert.match(contents, /\n\[Retry\]\(command:dockerWorkbench\.engine\.retry\)(\n|$)/, `Retry in ${view}/${kind}`);
    }
  });
  // The views of engine objects; the Compose, Registries, Image Contents and Vulnerabilities views
  // have their own content that does not depend on the engine being up.
  const engineViews = ['containers', 'images', 'volumes', 'networks'].map((v) => `dockerWorkbench.${v}`);
  for (const entry of welcome.filter((w) => !/engine\.down/.test(w.when ?? '') && engineViews.includes(w.view))) {
    assert.match(entry.when ?? '', /!dockerWorkbench\.engine\.down/, `the usual welcome of ${entry.view} hides while the engine is down`);
  }
});

test('the walkthrough diagrams do not claim one fixed socket path', () => {
  const dir = path.join(REPO, 'media', 'walkthrough');
  for (const file of fs.readdirSync(dir)) assert.doesNotMatch(fs.readFileSync(path.join(dir, file), 'utf8'), /\/var\/run\/docker\.sock/, file);
});
