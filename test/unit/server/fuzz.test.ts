// A short seeded run of the fuzzer (test/fuzz/fuzz.mjs) against the server bundle, built into an
// empty folder as the standalone test builds it: random edits of the corpus, every request kind
// at random positions. Nothing may crash, hang, answer with an LSP error, log an error, give an
// answer an editor would reject, or give diagnostics that differ from a fresh open of the text.
// The long run (npm run fuzz -- --edits 100000) is in BENCHMARKS.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildServer } from '../../../esbuild.server.mjs';
import { runFuzz } from '../../fuzz/fuzz.mjs';


test('300 fuzzed edits with requests: no crash, hang, error, invalid answer or incremental mismatch', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-fuzz-server-'));
  try {
    await buildServer(dir);
    const stats = await runFuzz({ edits: 300, seed: 20261203, server: path.join(dir, 'server.js') });
    assert.deepEqual(stats.failures, []);
    assert.equal(stats.edits, 300);
    assert.ok(stats.requests > 100 && stats.comparisons >= 10, JSON.stringify(stats));
    for (const key of ['crashes', 'hangs', 'errorResponses', 'loggedErrors', 'invalid', 'mismatches'] as const) assert.equal(stats[key], 0, key);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
