import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analysis } from '../../../server/src/core/dockerfile/analysis/analysis';
import { completionWhere } from '../../../server/src/core/dockerfile/features/completionContext';
import { cursor } from './helpers';

const kind = (marked: string) => {
  const { text, offset } = cursor(marked);
  return completionWhere(Analysis.of(text), offset).kind;
};

test('the cursor position decides the kind of completion', () => {
  assert.equal(kind('# sy|'), 'directive');
  assert.equal(kind('FROM a\nRU|'), 'keyword');
  assert.equal(kind('FROM a\nONBUILD |'), 'keyword');
  assert.equal(kind('FROM a\nCOPY --ch|'), 'flag');
  assert.equal(kind('FROM a\nCOPY |'), 'flag');
  assert.equal(kind('FROM a\nCOPY --from=|'), 'flagValue');
  assert.equal(kind('FROM a\nWORKDIR ${A|'), 'variable');
  assert.equal(kind('FROM |'), 'fromImage');
  assert.equal(kind('FROM a |'), 'fromAs');
  assert.equal(kind('FROM a\nHEALTHCHECK |'), 'healthcheckType');
  assert.equal(kind('FROM a\nRUN <<EOF\n|\nEOF'), 'none');
  assert.equal(kind('FROM a\nRUN echo a \\\n  --|'), 'flag');
});
