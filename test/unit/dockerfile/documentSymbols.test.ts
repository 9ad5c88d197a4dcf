import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dockerfileLanguageService as service } from '../../../server/src/core/dockerfile/dockerfileLanguageService';
import { SymbolKind } from '../../../server/src/core/types';
import { context, doc } from './helpers';

test('global ARGs, then stages with their instructions as children', () => {
  const symbols = service.documentSymbols!(doc('ARG V=1\nFROM alpine:3 AS build\nENV A=1 B=2\nRUN make all\nFROM scratch\nCOPY --from=build /a /a\n'), context());
  assert.deepEqual(symbols.map((s) => [s.name, s.kind]), [['V', SymbolKind.Variable], ['build', SymbolKind.Class], ['stage 1', SymbolKind.Class]]);
  assert.deepEqual(symbols[1]!.children!.map((c) => c.name), ['A', 'B', 'RUN make all']);
  assert.equal(symbols[1]!.detail, 'alpine:3');
  assert.equal(symbols[1]!.range.start.line, 1);
  assert.equal(symbols[1]!.range.end.line, 3);
  assert.deepEqual(symbols[2]!.children!.map((c) => c.name), ['COPY --from=build /a /a']);
});

test('every symbol has a name, a lone continuation included', () => {
  const symbols = service.documentSymbols!(doc('FROM a\n\\\nRUN x\n'), context());
  const names = symbols.flatMap((s) => [s.name, ...(s.children ?? []).map((c) => c.name)]);
  assert.ok(names.every((n) => n.trim().length > 0), JSON.stringify(names));
});
