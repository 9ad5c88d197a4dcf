// The precision benchmark's labels (bench/precision/labels.tsv) cover exactly the drawn
// diagnostics of the corpus: a new or moved diagnostic needs a label, a label without its
// diagnostic must go, so every rule change is labelled on purpose. (The precision figures
// themselves are printed by `npm run precision`, not asserted here.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkLabels, corpusFindings, keyOf, readLabels } from '../../harness/precision';

const { labels, problems } = readLabels();

test('labels.tsv is well formed and labels nothing twice', () => {
  assert.deepEqual(problems, []);
  assert.ok(labels.size > 100, `only ${labels.size} labels`);
});

test('every drawn diagnostic on the corpus is labelled, with our severities and with hadolint\'s', () => {
  const findings = [...corpusFindings('ours'), ...corpusFindings('hadolint')];
  const { unlabelled, stale } = checkLabels(findings, labels);
  assert.deepEqual([...new Set(unlabelled.map((f) => `${keyOf(f).replace(/\t/g, ' ')}: ${f.message}`))], [], 'label these in bench/precision/labels.tsv (npm run precision -- --todo)');
  assert.deepEqual(stale.map((l) => `labels.tsv:${l.at} ${l.key.replace(/\t/g, ' ')}`), [], 'these labels match no diagnostic any more');
});

test('the default severities draw no error on the corpus', () => {
  assert.deepEqual(corpusFindings('ours').filter((f) => f.severity === 'error').map(keyOf), []);
});
