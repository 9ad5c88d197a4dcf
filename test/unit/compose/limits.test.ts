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

test('a file of more than 2,000 entries is parsed up to the chunk budget, with one note where it stopped (15,000 chained aliases took 3.5 s)', () => {
  const text = `x-a: &a0 {image: nginx}\n${Array.from({ length: 15_000 }, (_, i) => `x-${i + 1}: &a${i + 1} *a${i}\n`).join('')}services:\n  web: *a15000\n`;
  const all = validate(text);
  const notes = all.filter((d) => d.code === 'analysis-limit');
  assert.deepEqual(notes.map((d) => d.message), ['This file is too large to check past this line (more than 2,000 entries); checks stopped here.']);
  // The first 2,000 entries are parsed: line 2,000 is the last one read, the note is on the next.
  assert.equal(notes[0]!.range.start.line, 2000);
  assert.ok(all.some((d) => d.code === 'compose-yaml-syntax' && d.range.start.line === 1), 'the parsed part is still checked');
  assert.ok(!all.some((d) => d.code !== 'analysis-limit' && d.range.start.line >= 2000), 'nothing reported past the cut');
});

test('services past the chunk budget count as declared: no undefined-service finding for a depends_on that names one', () => {
  const services = Array.from({ length: 3000 }, (_, i) => `  s${i}:\n    image: nginx:1.27\n${i === 0 ? '    depends_on: [s2999]\n' : ''}`).join('');
  const diagnostics = validate(`services:\n${services}`);
  assert.deepEqual(diagnostics.map((d) => d.code), ['analysis-limit']);
  // A few services parse the same in full.
  assert.deepEqual(validate(`services:\n${services.split('  s2')[0]}`).map((d) => d.code), ['compose-undefined-service']);
});

test('a file of more than 2,000 YAML documents is parsed up to the budget, with the note on the first document left out (10,000 took seconds)', () => {
  const text = `# many documents\n${Array.from({ length: 10_000 }, (_, i) => `---\nservices:\n  s${i}:\n    image: nginx:1.27${i === 0 ? '\n    depends_on: [s9999]' : ''}`).join('\n')}\n`;
  const all = validate(text);
  assert.deepEqual(all.map((d) => d.code), ['analysis-limit']);
  const lines = text.split('\n');
  // Documents 1-2,000 are read (four lines each, the first five, after the comment); the note is on the marker of the 2,001st.
  assert.equal(all[0]!.range.start.line, 2 + 2000 * 4);
  assert.equal(lines[all[0]!.range.start.line], '---');
  // The formatter leaves a cut file alone; a file under the budget is parsed whole as before.
  assert.deepEqual(composeLanguageService.format!(doc(text), { tabSize: 2, insertSpaces: true }, serviceContext()), []);
  const small = `services:\n  a:\n    image: nginx:1.27\n---\nservices:\n  b:\n    image: nginx:1.27\n    depends_on: [c]\n`;
  assert.deepEqual(validate(small).map((d) => d.code), ['compose-undefined-service']);
  // Content before the first marker is a document of its own; comments and directives are not.
  const counted = `x: 1\n${'---\nx: 1\n'.repeat(2000)}`;
  assert.equal(validate(counted).filter((d) => d.code === 'analysis-limit')[0]?.range.start.line, 1 + 1999 * 2);
  assert.deepEqual(validate(`%YAML 1.2\n# c\n${'---\nx: 1\n'.repeat(2000)}`).filter((d) => d.code === 'analysis-limit'), []);
});
