// Budgets of the compose model: merge keys that would expand exponentially, and the one note
// that says where a budget was hit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validate, doc, serviceContext } from './helpers';
import { composeLanguageService } from '../../../server/src/core/compose/composeLanguageService';
import { mergeBomb } from '../../fuzz/pathologicalInputs.mjs';

test('nested merge keys of nine aliases each are worked out once per mapping (7 levels took 15 s, 20 never ended)', () => {
  for (const levels of [2, 7, 20]) {
    const diagnostics = validate(mergeBomb(levels));
    // Everything merges into a valid service: nothing to report, and no budget was needed.
    assert.deepEqual(diagnostics.map((d) => d.code), [], `levels ${levels}`);
  }
  // The merge hint still names what the top merge brings in.
  const text = mergeBomb(20);
  const hints = composeLanguageService.inlayHints!(doc(text), { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } }, serviceContext());
  assert.ok(hints.some((h) => h.label === 'adds x-k20'), hints.map((h) => h.label).join('\n'));
});

test('merges that would copy millions of entries stop at the budget with one note at the merge key', () => {
  // 2,000 keys merged 400 times by each of three mappings.
  const keys = Array.from({ length: 2000 }, (_, i) => `  k${i}: ${i}`).join('\n');
  const aliases = Array(400).fill('*big').join(', ');
  const text = `x-big: &big\n${keys}\nx-a: &a\n  <<: [${aliases}]\nx-b: &b\n  <<: [${aliases}]\nservices:\n  web:\n    <<: [${aliases}]\n    image: nginx\n`;
  const notes = validate(text).filter((d) => d.code === 'analysis-limit');
  assert.equal(notes.length, 1);
  assert.match(notes[0]!.message, /merge keys expand to more than 100,000 entries/);
  assert.equal(notes[0]!.severity, 2);
  assert.equal(text.split('\n')[notes[0]!.range.start.line]!.trim().slice(0, 2), '<<');
});

test('a mapping that merges its own anchor is read once, not forever', () => {
  const diagnostics = validate('x-a: &a\n  b: 1\n  <<: *a\nservices:\n  web:\n    <<: *a\n    image: nginx\n');
  assert.ok(diagnostics.every((d) => d.code !== 'analysis-limit'));
});
