import { test } from 'node:test';
import assert from 'node:assert/strict';
import { composeLanguageService as service } from '../../../server/src/core/compose/composeLanguageService';
import { doc, serviceContext } from './helpers';

test('blocks fold at their key, comment runs fold as comments', () => {
  const text = '# one\n# two\nservices:\n  web:\n    image: nginx\n    command: |\n      a\n      b\n    ports:\n      - "80:80"\n      - "443:443"\n';
  const ranges = service.foldingRanges!(doc(text), serviceContext());
  const key = (r: { startLine: number; endLine: number; kind?: string }) => `${r.startLine}-${r.endLine}${r.kind ? `:${r.kind}` : ''}`;
  assert.deepEqual(ranges.map(key).sort(), ['0-1:comment', '2-10', '3-10', '5-7', '8-10'].sort());
});

test('single-line values do not fold', () => {
  assert.deepEqual(service.foldingRanges!(doc('services:\n  web: {image: x}\n'), serviceContext()).map((r) => r.startLine), [0]);
});
