import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dockerfileLanguageService as service } from '../../../server/src/core/dockerfile/dockerfileLanguageService';
import type { SelectionRange } from '../../../server/src/core/types';
import { context, doc } from './helpers';

test('selection grows from the word to the flag, the instruction, the stage and the file', () => {
  const text = 'FROM a AS b\nCOPY --chown=1:1 src /dst\nRUN x\n';
  const [range] = service.selectionRanges!(doc(text), [{ line: 1, character: 19 }], context());
  const chain: string[] = [];
  for (let r: SelectionRange | undefined = range; r; r = r.parent) chain.push(`${r.range.start.line}:${r.range.start.character}-${r.range.end.line}:${r.range.end.character}`);
  assert.deepEqual(chain, ['1:17-1:20', '1:17-1:25', '1:0-1:25', '0:0-2:5', '0:0-3:0']);
  const [flag] = service.selectionRanges!(doc(text), [{ line: 1, character: 8 }], context());
  assert.deepEqual(flag!.range, { start: { line: 1, character: 5 }, end: { line: 1, character: 16 } });
});
