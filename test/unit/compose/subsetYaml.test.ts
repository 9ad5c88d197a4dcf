// The subset reader against the `yaml` package: whatever it reads, it must read exactly as the
// package does (no findings from the package, the same nodes and offsets); and a compose file's
// parse, chunked, must come out the same with it as without it. Checked on hand-written edge
// cases, on every compose file of the corpus fixtures and on thousands of mangled copies of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { fromYaml } from '../../../server/src/core/compose/model/yamlPackage';
import { parseYamlSubset } from '../../../server/src/core/compose/model/subsetYaml';
import { parseYaml, yamlReaders } from '../../../server/src/core/compose/model/parseYaml';

const CORPUS = path.join(__dirname, '..', '..', 'fixtures', 'corpus', 'compose');
const corpus = fs.readdirSync(CORPUS).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => ({ name: f, text: fs.readFileSync(path.join(CORPUS, f), 'utf8') }));

/** Whether the subset reader read `text`; if it did, it must agree with the package (throws otherwise). */
function agrees(text: string): boolean {
  const read = parseYamlSubset(text);
  if (!read) return false;
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false, version: '1.2' });
  const label = JSON.stringify(text.length > 400 ? `${text.slice(0, 400)}…` : text);
  assert.deepEqual(doc.errors.map((e) => e.code), [], `the package reports errors in a text the subset read: ${label}`);
  assert.deepEqual(doc.warnings.map((e) => e.code), [], `the package warns about a text the subset read: ${label}`);
  assert.deepStrictEqual(read.root, fromYaml(doc.contents), `nodes differ for ${label}`);
  assert.equal(read.start, doc.range?.[0] ?? 0, `document start differs for ${label}`);
  return true;
}

/** A compose file parsed chunk by chunk, with and without the subset reader. */
function chunkedBothWays(text: string) {
  yamlReaders.subset = true;
  const withSubset = parseYaml(text, new Map(), new Map());
  yamlReaders.subset = false;
  try {
    return [withSubset, parseYaml(text, new Map(), new Map())];
  } finally {
    yamlReaders.subset = true;
  }
}

/** A small seeded generator, so a failure names its seed and repeats. */
function random(seed: number) {
  let state = seed >>> 0;
  return (n: number) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

const READ = [
  'a: b # c\nk:\nz: 1\n',
  'a:\n  - x\n  -   y  \n',
  'a:\n- x\n- y\nb: 1\n',
  'a: &an\n  k: v\nb: *an\nc:\n  <<: *an\n  d: 2\n',
  'a: &an v\nb: [x, "y", \'z\']\nc: {}\nd: []\ne: {k: v, m: [1]}\nf: [ ]\ng: [x, ]\n',
  'a: |\n  line1\n   line2\n\nb: >-\n  f1\n  f2\n\n  f3\nc: x\n',
  'a: |\n  x  \n  \n    \n',
  'a: |\n  x',
  'a: >\n\n  x\n  y\n',
  'a: |-\n  x\n\n\nb: |\n\n  y\n # c\nd: 1\n',
  'a:\n  - |\n    x\n  - y\n  - >-\n     z\n     w\n',
  'a:\n  - k: v\n    m: 2\n  - n\n  -\n  - &z\n    k: v\n  -   # c\n',
  'a: "x y" \nb: \'it\'\'s\'\n"q k" : v\nd : e\n',
  'a: "tab\\there \\"q\\" \\\\ \\x41\\u00e9\\U0001F600 \\/"\n',
  'k:   # c\nz: 1\nm:    \nn:\n',
  'k:\n  value on the next line\nz: 1\n',
  '# lead\n---\na: 1\n',
  '# lead\n\n  a: 1\n  b: 2\n',
  '- a\n-\n- b: 1\n  c: 2\n',
  'a: 1e3\nb: .5\nc: 0x1F\nd: 0o17\ne: +12\nf: -0\ng: 1.50\nh: .inf\ni: ~\nj: Null\nk: TRUE\nl: false\nm: 08\nn: 1_000\no: .NaN\np: -.Inf\n',
  '1: one\ntrue: t\n~: n\n"1": s\n',
  'a:\n  c: [\n    "x",\n    y, # d\n    # e\n    *al\n  ]\n  d: {a: 1,\n    b: [2]}\n',
  'x: &al 1\ny: [*al, *al]\n',
  'url: http://host:80/path#frag\nport: 8080:80\nmsg: a#b\ncolon: a:b\nq: -1\nr: :x\ns: ?x\n',
  'services:\n  web:\n    image: "nginx:1.25"\n    ports: ["127.0.0.1:8080:80"]\n    environment:\n      - A=1\n      - B=${X:-y}\n    healthcheck:\n      test: ["CMD-SHELL", "curl -f http://localhost || exit 1"]\n',
  'a: "x\ud800"\nb: \udc00y\nk\ud800: [\ud800, "\udc00"]\n', // lone surrogates are characters like any other
  '\u00a0a: \u00a0b\u00a0\nc: \u3000\n', // so are spaces other than the ASCII one
  'a: "\\uD83D\\uDE00 \\U0010FFFF \\x00 \\N\\_\\L\\P"\n',
  '',
  '# only a comment\n',
  '   \n\n',
];

const DECLINED = [
  'a: "x\ny"\n', // a quoted scalar over two lines
  'a: b\n  c\n', // a plain scalar over two lines
  'a: !!str 1\n', // a tag
  'a: |+\n  x\n\n', // kept block scalar
  'a: |2\n   x\n', // explicit indentation
  'a: >\n  x\n    y\n', // folded, more indented
  '? a\n: b\n', // explicit key
  'a: 1\na: 2\n', // a repeated key
  'a: {x: 1, x: 2}\n',
  'a: b: c\n', // a mapping in a compact value
  'a:\tb\n', // a tab
  'a: b\rc: d\n', // a carriage return that does not end a line
  'a: b\r\n\rc: d\r\n',
  'a: 1\n---\nb: 2\n', // two documents
  '%YAML 1.2\n---\na: 1\n',
  '---\n', // a marker over nothing
  'a\n', // a scalar document
  '[a, b]\n', // a flow document
  'a:\n  b: 1\n c: 2\n', // bad indentation
  'a: 1\n  b: 2\n',
  'a: [x\n, y]\n',
  'a:\n  c: [\n  x\n  ]\n',
  'a: "\\q"\n', // an invalid escape
  'a: &x\nb: 1\n', // an anchored null
  '- - x\n', // a compact nested sequence
  `${'k'.repeat(1100)}: v\n`, // a key past the package's length limit
  'a: `x`\n',
  'a: @x\n',
  'a: [a: b]\n',
  'a: "x"y\n',
  'volumes:\n  *a:\n', // an alias written as a key
];

const crlf = (text: string) => text.replace(/\n/g, '\r\n');

test('the subset reader reads what compose files are written with, exactly as the package does', () => {
  for (const text of READ) assert.equal(agrees(text), true, `not read: ${JSON.stringify(text)}`);
});

test('with Windows line ends (CRLF) or a byte order mark too, offsets counting the carriage returns and the mark', () => {
  for (const text of READ) assert.equal(agrees(crlf(text)), true, `not read: ${JSON.stringify(crlf(text))}`);
  // And after a byte order mark, with either line ends; except a sequence right after the mark,
  // which the package reads as an error (compose files are mappings).
  for (const text of READ) {
    for (const version of [`\uFEFF${text}`, `\uFEFF${crlf(text)}`]) assert.equal(agrees(version), !text.startsWith('-'), `read or not: ${JSON.stringify(version)}`);
  }
  const read = parseYamlSubset('a: x\r\nb:\r\n  - y\r\n');
  const [, b] = (read!.root as { pairs: { value: { start: number; end: number } }[] }).pairs;
  assert.deepEqual([b!.value.start, b!.value.end], [12, 15]);
  assert.equal(agrees('a: x\r\nb:\r\n  - y\r\n'), true);
});

test('the subset reader leaves everything else to the package', () => {
  for (const text of DECLINED) assert.equal(parseYamlSubset(text), undefined, `read, though outside the subset: ${JSON.stringify(text)}`);
});

test('every compose file of the corpus is read by the subset reader, chunk by chunk and whole, as the package reads it', () => {
  for (const { name, text } of corpus) {
    for (const [label, version] of [['', text], [' (CRLF)', crlf(text.replace(/\r\n/g, '\n'))], [' (BOM)', `\uFEFF${text}`]] as const) {
      assert.equal(agrees(version), true, `${name}${label} is not read whole`);
      const before = yamlReaders.packageReads;
      const [withSubset, withoutSubset] = chunkedBothWays(version);
      assert.equal(yamlReaders.packageReads, before, `${name}${label}: a chunk was left to the package`);
      assert.deepStrictEqual(withSubset, withoutSubset, `${name}${label}: the chunked parse differs`);
    }
  }
  assert.ok(corpus.length >= 40);
});

const SIGNIFICANT = [':', ': ', '-', '- ', ' ', '  ', '#', ' #', '"', "'", '[', ']', '{', '}', ',', '&a', '*a', '|', '>', '\n', '\r', '\r\n', '\\', '!', '?', '%', '~', '\n  ', '\n- ', '0x', '.5', 'null'];

/** A copy of `lines` with one to three edits: a line removed, repeated or re-indented, a significant character put in or taken out. */
function mangle(lines: string[], next: (n: number) => number): string {
  const out = [...lines];
  for (let edits = 1 + next(3); edits > 0; edits--) {
    const i = next(out.length);
    const line = out[i] ?? '';
    switch (next(6)) {
      case 0: out.splice(i, 1); break;
      case 1: out.splice(i, 0, line); break;
      case 2: out[i] = ' '.repeat(1 + next(3)) + line; break;
      case 3: out[i] = line.replace(/^ {1,2}/, ''); break;
      case 4: {
        const at = next(line.length + 1);
        out[i] = line.slice(0, at) + SIGNIFICANT[next(SIGNIFICANT.length)] + line.slice(at);
        break;
      }
      default: {
        const at = next(Math.max(1, line.length));
        out[i] = line.slice(0, at) + line.slice(at + 1 + next(2));
      }
    }
  }
  return out.join('\n');
}

test('on mangled copies of the corpus files the subset reader agrees with the package or declines', () => {
  const next = random(20261205);
  let read = 0;
  let chunked = 0;
  for (const { name, text } of corpus) {
    const lines = text.split('\n');
    for (let round = 0; round < 40; round++) {
      // A window of the file, so that each comparison stays small.
      const from = next(Math.max(1, lines.length - 40));
      const window = lines.slice(from, from + 10 + next(40));
      // One round in four with Windows line ends.
      const mangled = round % 4 === 3 ? crlf(mangle(window, next)) : mangle(window, next);
      try {
        if (agrees(mangled)) read++;
        if (round % 8 === 0) {
          const [withSubset, withoutSubset] = chunkedBothWays(mangled);
          assert.deepStrictEqual(withSubset, withoutSubset, 'the chunked parse differs');
          chunked++;
        }
      } catch (error) {
        assert.fail(`${name}, round ${round}: ${(error as Error).message}\n${JSON.stringify(mangled)}`);
      }
    }
  }
  // Most mangled windows are still YAML the subset reads; the comparison has to have happened.
  assert.ok(read > corpus.length * 10, `only ${read} mangled windows were read`);
  assert.ok(chunked >= corpus.length * 5);
});

test('flow collections of 100,000 and 50,000 items on one line are read whole', () => {
  const text = `a: [${Array.from({ length: 100_000 }, (_, i) => `x${i}`).join(', ')}]\nb: {${Array.from({ length: 50_000 }, (_, i) => `k${i}: v`).join(', ')}}\n`;
  const read = parseYamlSubset(text);
  assert.ok(read?.root?.kind === 'map');
  const [a, b] = read.root.pairs;
  assert.equal(a?.value?.kind === 'seq' && a.value.items.length, 100_000);
  assert.equal(b?.value?.kind === 'map' && b.value.pairs.length, 50_000);
});
