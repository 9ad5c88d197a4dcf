// The corpus of real files in test/fixtures/corpus may hold only permissively licensed files, each
// listed in SOURCES.md with its repository, path, commit and licence, and each licence's text present.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const corpus = path.resolve(__dirname, '..', 'fixtures', 'corpus');
const ALLOWED = new Set(['MIT', 'Apache-2.0', 'BSD-2-Clause', 'BSD-3-Clause', 'CC0-1.0']);

interface Row { file: string; repo: string; commit: string; licence: string }

function rows(): Row[] {
  return fs.readFileSync(path.join(corpus, 'SOURCES.md'), 'utf8').split('\n')
    .filter((l) => l.startsWith('| `'))
    .map((l) => l.split('|').slice(1, -1).map((c) => c.trim().replace(/^`|`$/g, '')))
    .map(([file, repo, , commit, licence]) => ({ file: file!, repo: repo!, commit: commit!, licence: licence! }));
}

test('every corpus file is listed in SOURCES.md, and every listed file is there', () => {
  const listed = new Set(rows().map((r) => r.file));
  const present = ['dockerfiles', 'compose', 'parser-edge'].flatMap((dir) => fs.readdirSync(path.join(corpus, dir)).map((f) => `${dir}/${f}`));
  assert.deepEqual(present.filter((f) => !listed.has(f)), [], 'files without a source');
  assert.deepEqual([...listed].filter((f) => !present.includes(f)), [], 'listed but missing');
});

test('every corpus file has a permissive licence, a full commit and its licence text', () => {
  for (const r of rows()) {
    assert.ok(ALLOWED.has(r.licence), `${r.file}: ${r.licence} is not allowed here`);
    assert.match(r.commit, /^[0-9a-f]{40}$/, `${r.file}: commit`);
    const own = path.join(corpus, 'LICENSES', `${r.repo.replace('/', '__')}.txt`);
    if (r.licence === 'Apache-2.0') {
      assert.ok(fs.existsSync(path.join(corpus, 'LICENSES', 'Apache-2.0.txt')));
      assert.ok(fs.readFileSync(path.join(corpus, 'LICENSES', 'Apache-2.0-NOTICES.md'), 'utf8').includes(`${r.repo}`), `${r.repo} has no NOTICE entry`);
    } else if (r.licence === 'CC0-1.0') {
      assert.ok(fs.readFileSync(path.join(corpus, 'LICENSES', 'CC0-1.0.md'), 'utf8').includes(r.repo), `${r.repo} is not named in CC0-1.0.md`);
    } else {
      assert.ok(fs.existsSync(own), `${r.repo}: ${own} is missing`);
      assert.match(fs.readFileSync(own, 'utf8'), /Copyright/, `${r.repo}: the licence keeps its copyright notice`);
    }
  }
});
