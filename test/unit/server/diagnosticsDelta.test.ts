import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from '../../../server/src/core/types';
import { LanguageHost, type HostReply } from '../../../server/src/lsp/host';
import { DeltaDecoder, DeltaEncoder, publishedChange, sameData } from '../../../server/src/lsp/diagnosticsDelta';

const diagnostic = (line: number, message: string): Diagnostic => ({
  range: { start: { line, character: 0 }, end: { line, character: 4 } },
  severity: 2,
  code: 'some-rule',
  source: 'docker-workbench',
  message,
  data: { fix: [line, message] },
});

/** One validation reply through both sides, crossing the thread as postMessage would copy it. */
function cross(encoder: DeltaEncoder, decoder: DeltaDecoder, uri: string, list: Diagnostic[], id = 1): HostReply {
  const reply: HostReply = { id, result: list, version: 1 };
  encoder.encode(uri, reply);
  const received = structuredClone(reply);
  decoder.decode(received);
  return received;
}

test('a validation reply crosses as its changed middle and is rebuilt whole, the unchanged diagnostics the same objects', () => {
  const encoder = new DeltaEncoder();
  const decoder = new DeltaDecoder();
  const uri = 'file:///x/Dockerfile';
  const first = Array.from({ length: 1000 }, (_, i) => diagnostic(i, `problem ${i}`));
  const r1 = cross(encoder, decoder, uri, first);
  assert.deepEqual(r1.result, first);
  assert.equal(Object.keys(r1).includes('uri') || Object.keys(r1).includes('reuse'), false);

  // One diagnostic changes, one is added: 2 cross, 999 are kept.
  const second = first.map((d, i) => (i === 500 ? diagnostic(500, 'changed') : { ...d }));
  second.splice(700, 0, diagnostic(700, 'new'));
  const sent: HostReply = { id: 2, result: second, version: 2 };
  encoder.encode(uri, sent);
  assert.equal((sent.result as Diagnostic[]).length, 201);
  const received = structuredClone(sent);
  decoder.decode(received);
  const r2 = received.result as Diagnostic[];
  assert.deepEqual(r2, second);
  assert.equal(r2[0], (r1.result as Diagnostic[])[0]);
  assert.equal(r2[999], (r1.result as Diagnostic[])[998]);

  // Nothing changed: nothing crosses.
  const same: HostReply = { id: 3, result: second.map((d) => structuredClone(d)), version: 3 };
  encoder.encode(uri, same);
  assert.equal((same.result as Diagnostic[]).length, 0);
  decoder.decode(same);
  assert.deepEqual(same.result, second);

  // Everything gone, then back; a reply that is not a list passes as it is.
  assert.deepEqual(cross(encoder, decoder, uri, []).result, []);
  assert.deepEqual(cross(encoder, decoder, uri, first).result, first);
  const error: HostReply = { id: 9, error: 'boom' };
  encoder.encode(uri, error);
  decoder.decode(error);
  assert.deepEqual(error, { id: 9, error: 'boom' });
});

test('files are kept apart; a reply for a file closed meanwhile loses its result, and the first after reopening is whole', () => {
  const encoder = new DeltaEncoder();
  const decoder = new DeltaDecoder();
  const a = 'file:///a/Dockerfile';
  const b = 'file:///b/Dockerfile';
  const listA = [diagnostic(1, 'a1'), diagnostic(2, 'a2')];
  const listB = [diagnostic(1, 'b1')];
  cross(encoder, decoder, a, listA);
  cross(encoder, decoder, b, listB);
  assert.deepEqual(cross(encoder, decoder, b, [...listB, diagnostic(3, 'b3')]).result, [...listB, diagnostic(3, 'b3')]);
  assert.deepEqual(cross(encoder, decoder, a, [diagnostic(1, 'a1')]).result, [diagnostic(1, 'a1')]);

  // The main thread forgets `a` when it posts the close; the worker answers once more before it reads it.
  decoder.forget(a);
  const late = cross(encoder, decoder, a, [diagnostic(1, 'a1'), diagnostic(5, 'a5')]);
  assert.equal(late.result, undefined);
  encoder.forget(a);
  assert.deepEqual(cross(encoder, decoder, a, listA).result, listA);
});

test('sameData compares plain data deeply and tells apart what differs in any field', () => {
  assert.ok(sameData(diagnostic(1, 'x'), structuredClone(diagnostic(1, 'x'))));
  assert.ok(!sameData(diagnostic(1, 'x'), diagnostic(2, 'x')));
  assert.ok(!sameData(diagnostic(1, 'x'), { ...diagnostic(1, 'x'), tags: [1] }));
  assert.ok(!sameData({ data: [1, 2] }, { data: { 0: 1, 1: 2 } }));
  assert.ok(!sameData({ a: undefined }, { b: undefined }));
  assert.ok(!sameData(null, {}));
});

test('the request host keeps the published list the main thread keeps, told only what changed at the ends', () => {
  const uri = 'file:///x/Dockerfile';
  // A service whose hover shows the published messages, so the test reads what the host keeps.
  const service = {
    validate: () => [],
    hover: (_d: unknown, _p: unknown, context: { publishedDiagnostics?(uri: string): readonly Diagnostic[] | undefined }) =>
      ({ contents: { kind: 'plaintext', value: (context.publishedDiagnostics?.(uri) ?? []).map((d) => d.message).join(',') } }),
  };
  const host = new LanguageHost({ dockerfile: service as never });
  host.handle({ type: 'open', uri, languageId: 'dockerfile', version: 1, text: 'FROM alpine\n' });
  const shown = () => (host.handle({ type: 'request', id: 1, method: 'textDocument/hover', params: { textDocument: { uri }, position: { line: 0, character: 0 } } })!.result as { contents: { value: string } }).contents.value;

  const first = [diagnostic(1, 'a'), diagnostic(2, 'b'), diagnostic(3, 'c'), diagnostic(4, 'd')];
  host.handle(structuredClone(publishedChange(uri, first, undefined)));
  assert.equal(shown(), 'a,b,c,d');
  // The validation worker's next answer keeps a, c and d as the same objects: only x crosses.
  const second = [first[0]!, diagnostic(2, 'x'), first[2]!, first[3]!];
  const change = publishedChange(uri, second, first);
  assert.deepEqual(change, { type: 'published', uri, diagnostics: [second[1]], reuse: { head: 1, tail: 2 } });
  host.handle(structuredClone(change));
  assert.equal(shown(), 'a,x,c,d');
  // Nothing in common: the whole list.
  const third = [diagnostic(9, 'z')];
  assert.equal(publishedChange(uri, third, second).reuse, undefined);
  host.handle(structuredClone(publishedChange(uri, third, second)));
  assert.equal(shown(), 'z');
  // A change made from a list the host does not have (it cannot happen in order): no list rather than a wrong one.
  host.handle({ type: 'close', uri });
  host.handle({ type: 'open', uri, languageId: 'dockerfile', version: 1, text: 'FROM alpine\n' });
  host.handle(structuredClone(publishedChange(uri, [third[0]!, diagnostic(10, 'y')], third)));
  assert.equal(shown(), '');
});
