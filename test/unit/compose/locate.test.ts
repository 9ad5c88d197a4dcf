import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildComposeFile } from '../../../server/src/core/compose/model/composeFile';
import { locate } from '../../../server/src/core/compose/model/locate';
import { withCursor } from './helpers';

function at(marked: string) {
  const { text, offset } = withCursor(marked);
  return locate(buildComposeFile('file:///p/compose.yaml', 1, text), offset);
}

test('a key, a value and a list item, with their paths', () => {
  assert.deepEqual([at('services:\n  web:\n    ima|ge: x\n')!.path, at('services:\n  web:\n    ima|ge: x\n')!.onKey], [['services', 'web', 'image'], true]);
  const value = at('services:\n  web:\n    image: ng|inx\n')!;
  assert.deepEqual([value.path, value.onKey, value.pair?.key?.kind], [['services', 'web', 'image'], false, 'scalar']);
  assert.deepEqual(at('services:\n  web:\n    ports:\n      - "80:|80"\n')!.path, ['services', 'web', 'ports', 0]);
});

test('outside every node there is nothing', () => {
  assert.equal(at('|\n\nservices: {}\n'), undefined);
});
