import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dockerfileLanguageService as service } from '../../../server/src/core/dockerfile/dockerfileLanguageService';
import { context, doc } from './helpers';

test('stages, continuations, heredocs and comment blocks fold', () => {
  const text = '# one\n# two\nFROM a\nRUN a \\\n  b\nCOPY <<EOF /x\nhi\nEOF\nFROM b\n';
  const ranges = service.foldingRanges!(doc(text), context()).map((r) => `${r.startLine}-${r.endLine}${r.kind ? `:${r.kind}` : ''}`);
  assert.deepEqual(ranges.sort(), ['0-1:comment', '2-7', '3-4', '5-7'].sort());
});
