import { test } from 'node:test';
import assert from 'node:assert/strict';
import { composeLanguageService as service } from '../../../server/src/core/compose/composeLanguageService';
import { doc, serviceContext } from './helpers';
import type { SelectionRange } from '../../../server/src/core/types';

test('selection grows from the value to the pair, the blocks, the document', () => {
  const text = 'services:\n  web:\n    image: nginx\n';
  const [range] = service.selectionRanges!(doc(text), [{ line: 2, character: 12 }], serviceContext());
  const chain: string[] = [];
  for (let r: SelectionRange | undefined = range; r; r = r.parent) chain.push(`${r.range.start.line}:${r.range.start.character}-${r.range.end.line}:${r.range.end.character}`);
  assert.deepEqual(chain, ['2:11-2:16', '2:4-2:16', '1:2-2:16', '0:0-2:16', '0:0-3:0']);
});
