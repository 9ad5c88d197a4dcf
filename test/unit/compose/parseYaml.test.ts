import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments, type Document } from 'yaml';
import { parseWhole, parseYaml, withoutStackTraces, type ChunkPool } from '../../../server/src/core/compose/model/parseYaml';
import type { MapNode } from '../../../server/src/core/compose/model/nodes';

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

test('a syntax error stays in the smallest entry holding it, and the rest parses as usual', () => {
  const text = 'services:\n  a:\n    image: "x\n    ports: ["80:80"]\n  b:\n    image: y\n';
  const parsed = parseYaml(text, new Map(), new Map());
  assert.deepEqual(parsed.problems.map((p) => p.code), ['MISSING_CHAR']);
  assert.deepEqual(parsed.broken.map((b) => [text.slice(b.start, b.end), b.path]), [[' "x\n', ['services', 'a', 'image']]], 'the key is certain, its value is not');
  const services = (parsed.documents[0]!.root as MapNode).pairs[0]!.value as MapNode;
  assert.deepEqual(services.pairs.map((p) => (p.key as { value: unknown }).value), ['a', 'b']);
  const a = services.pairs[0]!.value as MapNode;
  assert.deepEqual(a.pairs.map((p) => (p.key as { value: unknown }).value), ['image', 'ports'], 'the entry after the broken one is read');
});

test('a whole parse assigns an error to the service it falls in', () => {
  const text = 'services:\n  a:\n    image: x\n  b:\n    image: "y\n';
  const parsed = parseWhole(text);
  assert.deepEqual(parsed.broken.map((b) => [text.slice(b.start, b.end), b.path]), [['b:\n    image: "y\n', ['services', 'b']]]);
});

test('a line that is not an entry is broken on its own, with a message that says so', () => {
  const text = 'services:\n  a:\n    image: x\nvol\nvolumes:\n  d: {}\n';
  const parsed = parseYaml(text, new Map(), new Map());
  assert.deepEqual(parsed.problems.map((p) => [p.code, text.slice(p.start, p.end)]), [['EXPECTED_ENTRY', 'vol']]);
  assert.deepEqual(parsed.broken.map((b) => b.path), [[]]);
  assert.deepEqual((parsed.documents[0]!.root as MapNode).pairs.map((p) => (p.key as { value: unknown }).value), ['services', 'volumes']);
});

test('broken chunks are reused from the pool like the others', () => {
  const text = services(20).replace('"img:3"', '"img:3');
  const pool: ChunkPool = new Map();
  const next: ChunkPool = new Map();
  const first = parseYaml(text, pool, next);
  const edited = text.replace('"img:10"', '"img:10b"');
  const second = parseYaml(edited, next, new Map());
  assert.equal(first.broken.length, 1);
  assert.deepEqual(second.broken.map((b) => b.path), [['services', 's3', 'image']]);
  const pairsOf = (p: typeof first) => ((p.documents[0]!.root as MapNode).pairs[0]!.value as MapNode).pairs;
  assert.equal(pairsOf(second)[5], pairsOf(first)[5], 'an untouched service is the same object');
});

test('a key repeated across chunks is a duplicate-key error and both entries stay in the tree', () => {
  const text = 'services:\n  a:\n    image: x\n  a:\n    image: y\n';
  const parsed = parseYaml(text, new Map(), new Map());
  assert.deepEqual(parsed.problems.map((p) => [p.code, p.start]), [['DUPLICATE_KEY', text.lastIndexOf('a:')]]);
  assert.deepEqual(parsed.broken, []);
  assert.equal(((parsed.documents[0]!.root as MapNode).pairs[0]!.value as MapNode).pairs.length, 2);
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

test('thousands of syntax errors are read without a stack trace each, and the limit is restored after (15,000 `&aN *aN-1` lines took seconds to capture them)', () => {
  const text = `x-a: &a0 {image: nginx}\n${Array.from({ length: 300 }, (_, i) => `x-${i + 1}: &a${i + 1} *a${i}\n`).join('')}`;
  const before = Error.stackTraceLimit;
  const parsed = parseYaml(text, new Map(), new Map());
  assert.equal(Error.stackTraceLimit, before);
  assert.equal(parsed.problems.length, 200, 'reported up to the cap');
  assert.ok(parsed.problems.every((p) => p.code === 'ALIAS_PROPS'));
  assert.deepEqual(parseWhole(text).problems, parsed.problems);
  assert.equal(withoutStackTraces(() => new Error('x').stack), 'Error: x', 'no frames captured');
  assert.throws(() => withoutStackTraces(() => { throw new Error('y'); }), /y/);
  assert.equal(Error.stackTraceLimit, before, 'restored after a throw');
});

test('a byte order mark before the first line is not an entry (YAML allows it; other editors than VS Code send it)', () => {
  for (const text of ['# Comment first\nservices:\n  web:\n    image: nginx\n', 'services:\n  web:\n    image: nginx\n', services(5)]) {
    const parsed = parseYaml(`\uFEFF${text}`, new Map(), new Map());
    assert.deepEqual(parsed.problems, [], JSON.stringify(text.slice(0, 20)));
    const root = parsed.documents[0]!.root as MapNode;
    assert.equal((root.pairs[0]!.key as { value: unknown }).value, 'services');
    assert.equal(root.pairs[0]!.key!.start, text.indexOf('services') + 1, 'offsets count the mark');
  }
});

test('an anchor on its own line above a mapping is part of that mapping, in the chunked parse as in the whole one', () => {
  const text = 'x-airflow-common:\n  &airflow-common\n  image: apache/airflow\n  environment:\n    &airflow-common-env\n    A: 1\nservices:\n  web:\n    <<: *airflow-common\n    command: webserver\n';
  const parsed = parseYaml(text, new Map(), new Map());
  assert.deepEqual(parsed.problems, []);
  assert.deepEqual(parsed.broken, []);
  assert.deepEqual(parsed.documents, parseWhole(text).documents);
  assert.deepEqual(parsed.anchored.map((a) => a.node.anchor), ['airflow-common', 'airflow-common-env']);
});

test('a merge key written with its tag (!!merge <<: *x) is a merge key like an untagged one', () => {
  const text = 'x-common: &common\n  restart: unless-stopped\nx-db: &db\n  !!merge <<: *common\n  image: postgres:16\nservices:\n  db:\n    !!merge <<: *db\n';
  const parsed = parseYaml(text, new Map(), new Map());
  const keys: unknown[] = [];
  const visit = (node: MapNode | null | undefined): void => {
    for (const pair of node?.pairs ?? []) {
      keys.push(pair.key?.kind === 'scalar' ? pair.key.value : undefined);
      if (pair.value?.kind === 'map') visit(pair.value);
    }
  };
  visit(parsed.documents[0]!.root as MapNode);
  assert.ok(keys.includes('<<'));
  assert.ok(keys.every((k) => typeof k === 'string'), JSON.stringify(keys));
});
