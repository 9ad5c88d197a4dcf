import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildComposeFile } from '../../../server/src/core/compose/model/composeFile';
import { symbolsOf } from '../../../server/src/core/compose/model/symbols';

test('declarations of every section and references with the exact name range', () => {
  const text = 'services:\n  web:\n    image: x\n    depends_on: [db]\n    links: ["db:alias"]\n    volumes_from: [store, "container:c"]\n    network_mode: "service:db"\n    volumes: [data:/d, ./x:/x]\n    secrets: [{source: pw}]\n    build: {context: ., secrets: [token]}\n  db:\n    image: y\nvolumes:\n  data:\nsecrets:\n  pw: {file: a}\n';
  const file = buildComposeFile('file:///p/compose.yaml', 1, text);
  const symbols = symbolsOf(file);
  assert.deepEqual(symbols.declarations.map((d) => `${d.kind}:${d.name}`), ['service:web', 'service:db', 'volume:data', 'secret:pw']);
  assert.deepEqual(symbols.references.map((r) => `${r.kind}:${r.name}:${text.slice(r.start, r.end)}:${r.via}`), [
    'service:db:db:depends_on',
    'service:db:db:links',
    'service:store:store:volumes_from',
    'service:db:db:network_mode',
    'volume:data:data:volumes',
    'secret:pw:pw:secrets',
    'secret:token:token:secrets',
  ]);
});

test('escaped quoted text is not given a position it does not have', () => {
  const file = buildComposeFile('file:///p/compose.yaml', 1, 'services:\n  web:\n    image: x\n    depends_on: ["d\\x62"]\n');
  assert.deepEqual(symbolsOf(file).references, []);
});
