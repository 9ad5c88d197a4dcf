// A short seeded run of the in-process differential fuzzer (test/fuzz/incrementalFuzz.ts): random
// edits of the corpus into the Dockerfile service, a random share of versions validated (some
// with their deadline already passed), each compared with a parse and validation from scratch.
// Long runs: npm run fuzz:incremental -- --edits 100000 (figures in BENCHMARKS.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { replay, runIncrementalFuzz } from '../../fuzz/incrementalFuzz';

test('1,000 fuzzed edits: every validated version equals a validation from scratch', () => {
  const stats = runIncrementalFuzz({ edits: 1000, seed: 20261203 });
  assert.deepEqual(stats.failures, []);
  assert.equal(stats.edits, 1000);
  assert.equal(stats.mismatches, 0);
  assert.ok(stats.comparisons >= 150 && stats.timedOut >= 10, JSON.stringify(stats));
});

test('replay finds the version where incremental and fresh validation part (the lone CR the fuzzer found)', () => {
  // Versions of one session as the fuzzer saves them; the second joined a lone \r with a \n, and
  // the incremental parse kept the first instruction and parsed it again.
  const versions = [{ text: 'FROM a --x\rRUN b\nRUN c\n' }, { text: 'FROM a --x\r\nRUN c\n' }, { text: 'FROM a --x\r\nRUN c\nRUN d\n' }];
  assert.equal(replay(versions), undefined);
  // A deadline already passed: that version is not compared, the next is (and starts afresh).
  assert.equal(replay([versions[0]!, { ...versions[1]!, deadline: -1 }, versions[2]!]), undefined);
});
