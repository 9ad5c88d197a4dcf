import { test } from 'node:test';
import assert from 'node:assert/strict';
import { composeLanguageService as service } from '../../../server/src/core/compose/composeLanguageService';
import { doc, serviceContext, ROOT, COMPOSE_URI } from './helpers';
import { LineIndex } from '../../../server/src/core/text';
import type { TextEdit } from '../../../server/src/core/types';

function apply(text: string, edits: TextEdit[]): string {
  const index = new LineIndex(text);
  return edits
    .map((e) => [index.offsetAt(e.range.start), index.offsetAt(e.range.end), e.newText] as const)
    .sort((a, b) => b[0] - a[0])
    .reduce((out, [start, end, newText]) => out.slice(0, start) + newText + out.slice(end), text);
}

const text = 'services:\n  db:\n    image: postgres\n  web:\n    image: nginx\n    depends_on:\n      db:\n        condition: service_started\n    links: ["db:database"]\n    ipc: service:db\n';

test('rename changes the declaration and every reference, keeping the rest of each value', () => {
  const edit = service.rename!(doc(text), { line: 1, character: 3 }, 'postgres', serviceContext());
  assert.ok(edit);
  assert.equal(
    apply(text, edit.changes[COMPOSE_URI]!),
    'services:\n  postgres:\n    image: postgres\n  web:\n    image: nginx\n    depends_on:\n      postgres:\n        condition: service_started\n    links: ["postgres:database"]\n    ipc: service:postgres\n',
  );
});

test('rename from a reference also works, and reaches the override file', () => {
  const override = 'services:\n  db:\n    environment:\n      A: "1"\n';
  const edit = service.rename!(doc(text), { line: 8, character: 13 }, 'pg', serviceContext({ files: { [`${ROOT}/compose.override.yaml`]: override } }));
  assert.equal(apply(override, edit!.changes[`${ROOT}/compose.override.yaml`]!), 'services:\n  pg:\n    environment:\n      A: "1"\n');
});

test('prepareRename gives the name range; nothing to rename on other text; invalid names are refused', () => {
  const context = serviceContext();
  assert.deepEqual(service.prepareRename!(doc(text), { line: 9, character: 18 }, context), { range: { start: { line: 9, character: 17 }, end: { line: 9, character: 19 } }, placeholder: 'db' });
  assert.equal(service.prepareRename!(doc(text), { line: 2, character: 12 }, context), null);
  assert.equal(service.rename!(doc(text), { line: 1, character: 3 }, 'bad name', context), null);
});
