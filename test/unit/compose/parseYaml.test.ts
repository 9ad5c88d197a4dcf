import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments, type Document } from 'yaml';
import { parseWhole, parseYaml, type ChunkPool } from '../../../server/src/core/compose/model/parseYaml';

function services(n: number, changed = -1): string {
  let text = 'services:\n';
  for (let i = 0; i < n; i++) text += `  s${i}:\n    image: "img:${i === changed ? 'new' : i}"\n    ports: ["${8000 + i}:80"]\n`;
  return `${text}volumes:\n  data:\n`;
}

test('a chunked parse equals a whole parse', () => {
  const text = services(20);
  assert.deepEqual(parseYaml(text, new Map(), new Map()).documents, parseWhole(text).documents);
});

test('an edit reuses unchanged chunks moved to their new offsets', () => {
  const first = services(20);
  const pool: ChunkPool = new Map();
  const next: ChunkPool = new Map();
  const before = parseYaml(first, pool, next);
  const second = services(20, 3);
  const after = parseYaml(second, next, new Map());
  assert.deepEqual(after.documents, parseWhole(second).documents);
  const beforeMap = before.documents[0]!.root as { kind: 'map'; pairs: { value: { kind: 'map'; pairs: unknown[] } }[] };
  const afterMap = after.documents[0]!.root as typeof beforeMap;
  assert.equal(afterMap.pairs[0]!.value.pairs[1], beforeMap.pairs[0]!.value.pairs[1], 'an untouched service is the same object');
  assert.notEqual(afterMap.pairs[0]!.value.pairs[3], beforeMap.pairs[0]!.value.pairs[3]);
});

test('errors are always those of a whole parse', () => {
  const text = 'services:\n  a:\n    image: "x\n  b:\n    image: y\n';
  const chunked = parseYaml(text, new Map(), new Map());
  assert.deepEqual(chunked.problems, parseWhole(text).problems);
  assert.ok(chunked.problems.some((p) => !p.warning));
});

test('a key repeated across chunks is the parser\'s duplicate-key error', () => {
  const text = 'services:\n  a:\n    image: x\n  a:\n    image: y\n';
  assert.deepEqual(parseYaml(text, new Map(), new Map()).problems.map((p) => p.code), ['DUPLICATE_KEY']);
});

test('duplicate keys are found in linear time, flow or block, where the parser\'s own (quadratic) check finds them', () => {
  const samples = [
    'services: {a: {image: x}, b: {image: y}, a: {image: z}}\n',
    'x: 1\ny: 2\nx: 3\n"1": a\n1: b\n',
    'a:\n  b: 1\n  c: [{d: 1, d: 2}]\n  b: 2\n? [k]\n: 1\n? [k]\n: 2\n&x e: 1\ne: 2\n<<: *x\n<<: *x\n',
    'services:\n  web:\n    image: a\n    "image": b\n    environment: {A: 1, "A": 2, \'A\': 3}\n',
  ];
  for (const text of samples) {
    const theirs = parseAllDocuments(text, { uniqueKeys: true }) as Document.Parsed[];
    const expected = theirs.flatMap((d) => d.errors).filter((e) => e.code === 'DUPLICATE_KEY').map((e) => e.pos[0]);
    const ours = parseWhole(text).problems.filter((p) => p.code === 'DUPLICATE_KEY').map((p) => p.start);
    assert.ok(expected.length > 0, text);
    assert.deepEqual(ours, expected, text);
  }
  // 60,000 services on one line: every key compared with every other key would be 1.8 billion comparisons.
  const many = `services: {${Array.from({ length: 60_000 }, (_, i) => `s${i}: {image: nginx}`).join(', ')}, s7: {}}\n`;
  const parsed = parseWhole(many);
  assert.deepEqual(parsed.problems.map((p) => p.code), ['DUPLICATE_KEY']);
  assert.equal(many.slice(parsed.problems[0]!.start, parsed.problems[0]!.start + 3), 's7:');
});
