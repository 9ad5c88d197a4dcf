// Compose checks keep working while the file is broken: a syntax error takes out only the
// smallest entry holding it, a duplicate key takes out nothing, and findings that depend on what
// an unreadable part might have said are held back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Diagnostic } from '../../../server/src/core/types';
import { isBreaking, parseWhole, parseYaml } from '../../../server/src/core/compose/model/parseYaml';
import { composeLanguageService } from '../../../server/src/core/compose/composeLanguageService';
import { serviceContext, validate } from './helpers';
import { random } from '../seededRandom';

/** "line code" for each diagnostic (1-based lines), sorted, syntax findings included. */
function lines(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.range.start.line + 1} ${d.code}`).sort((a, b) => parseInt(a) - parseInt(b) || a.localeCompare(b));
}

test('a duplicate key is reported and every other mistake in the file still is, each on its line', () => {
  const text = [
    'services:', //                      1
    '  web:', //                         2
    '    image: nginx', //               3
    '    restart: always', //            4
    '    restart: unless-stopped', //    5
    '    depends_on: [db]', //           6
    '    ports: ["99999:80"]', //        7
    '    volumes: ["data:/data"]', //    8
    '    enviroment:', //                9
    '      A: "1"', //                   10
    '',
  ].join('\n');
  assert.deepEqual(lines(validate(text)), [
    '5 compose-duplicate-key',
    '6 compose-undefined-service',
    '7 compose-invalid-port',
    '8 compose-undefined-volume',
    '9 compose-unknown-key',
  ]);
});

test('the last of two repeated keys is the one checked', () => {
  const bad = validate('services:\n  web:\n    image: nginx\n    restart: always\n    restart: sometimes\n');
  assert.deepEqual(lines(bad), ['5 compose-duplicate-key', '5 compose-invalid-restart']);
  const good = validate('services:\n  web:\n    image: nginx\n    restart: sometimes\n    restart: always\n');
  assert.deepEqual(lines(good), ['5 compose-duplicate-key']);
});

test('a service defined twice is a duplicate key and the second definition counts', () => {
  const text = 'services:\n  web:\n    image: nginx\n    ports: ["99999:80"]\n  web:\n    image: nginx\n    depends_on: [ghost]\n';
  assert.deepEqual(lines(validate(text)), ['5 compose-duplicate-key', '7 compose-undefined-service']);
});

test('an indentation error in the last service leaves the first one checked', () => {
  const text = [
    'services:',
    '  first:',
    '    image: nginx',
    '    depends_on: [ghost]', //  4
    '    ports: ["99999:80"]', //  5
    '  last:',
    '    image: busybox',
    '   command: ["true"]', //    8: one space short
    '',
  ].join('\n');
  assert.deepEqual(lines(validate(text)), ['4 compose-undefined-service', '5 compose-invalid-port', '8 compose-yaml-syntax']);
});

test('a syntax error inside one key of a service leaves the service\'s other keys checked', () => {
  const text = [
    'services:',
    '  web:',
    '    image: nginx',
    '    environment: [A=1', //      4: unclosed
    '    ports: ["99999:80"]', //    5
    '    restart: sometimes', //     6
    '    healthcheck:',
    '      interval: 10', //         8
    '',
  ].join('\n');
  assert.deepEqual(lines(validate(text)), ['4 compose-yaml-syntax', '5 compose-invalid-port', '6 compose-invalid-restart', '8 compose-invalid-type']);
});

test('an unclosed quote swallows nothing beyond its own entry', () => {
  const text = 'services:\n  web:\n    image: "nginx\n    restart: sometimes\n  api:\n    image: b\n    depends_on: [web, other]\n';
  assert.deepEqual(lines(validate(text)), ['3 compose-yaml-syntax', '4 compose-invalid-restart', '7 compose-undefined-service']);
});

test('a stray line at the top level is one error and both sections around it are checked', () => {
  const text = 'services:\n  web:\n    image: nginx\n    volumes: ["data:/d", "other:/o"]\nvol\nvolumes:\n  data: {}\n';
  assert.deepEqual(lines(validate(text)), ['4 compose-undefined-volume', '5 compose-yaml-syntax']);
});

test('nothing is reported inside the unreadable part itself', () => {
  const text = 'services:\n  web:\n    image: nginx\n    ports: ["99999:80", [\n';
  assert.deepEqual(validate(text).map((d) => d.code), ['compose-yaml-syntax']);
});

test('a service that sits in a broken block is not reported as undefined, others are', () => {
  const text = [
    'services:',
    '  web:',
    '    image: nginx',
    '    depends_on: [db, ghost]', // 4: db is in the broken block below, ghost nowhere
    '  api:',
    '    image: b',
    '   db:', //                     7: mis-indented, so api's block is broken
    '    image: postgres',
    '',
  ].join('\n');
  const found = validate(text);
  assert.deepEqual(lines(found), ['4 compose-undefined-service', '7 compose-yaml-syntax']);
  assert.match(found.find((d) => d.code === 'compose-undefined-service')!.message, /"ghost"/);
});

test('names a broken top-level section may declare are held back, names it does not mention are not', () => {
  const text = 'services:\n  web:\n    image: nginx\n    volumes: ["data:/d", "cache:/c"]\nvolumes:\n  data: {\n';
  const found = validate(text);
  assert.deepEqual(lines(found), ['4 compose-undefined-volume', '6 compose-yaml-syntax']);
  assert.match(found.find((d) => d.code === 'compose-undefined-volume')!.message, /"cache"/);
});

test('a service that merges a partly unreadable anchor keeps its own findings, not those about what it may lack', () => {
  const text = [
    'x-base: &base',
    '  command: ["x"]',
    '  image: "nginx', //        3: the anchor's rest is unreadable
    'services:',
    '  web:',
    '    <<: *base', //           web may well have an image
    '    restart: sometimes', //  7: web's own mistake
    '  api:',
    '    command: ["y"]', //      api has no image at all
    '',
  ].join('\n');
  assert.deepEqual(lines(validate(text)), ['3 compose-yaml-syntax', '7 compose-invalid-restart', '8 compose-missing-image']);
});

test('an alias standing for something only a broken block has is not checked', () => {
  const text = 'x-env: &env\n  A: [\nx-more:\n  labels: &labels {a: 1,\nservices:\n  web:\n    image: nginx\n    environment: *env\n    labels: *labels\n';
  assert.deepEqual(validate(text).map((d) => d.code), ['compose-yaml-syntax', 'compose-yaml-syntax']);
});

test('a line indented too far, or with a tab, after a complete value breaks only itself', () => {
  const text = [
    'services:',
    '  web:',
    '    image: nginx',
    '    ports: ["99999:80"]', // 4
    '     extra: 1', //          5: one space too far
    '    restart: sometimes', // 6
    '\tcommand: x', //            7: a tab
    '    depends_on: [ghost]', // 8
    '',
  ].join('\n');
  assert.deepEqual(lines(validate(text)), ['4 compose-invalid-port', '5 compose-yaml-syntax', '6 compose-invalid-restart', '7 compose-yaml-syntax', '8 compose-undefined-service']);
});

test('a first child indented differently from its siblings breaks only itself', () => {
  for (const odd of ['     command: x', '   command: x', '\tcommand: x', '    - x']) {
    const text = ['services:', '  web:', odd, '    image: nginx', '    ports: ["99999:80"]', '    restart: sometimes', ''].join('\n');
    assert.deepEqual(lines(validate(text)), ['3 compose-yaml-syntax', '5 compose-invalid-port', '6 compose-invalid-restart'], JSON.stringify(odd));
  }
});

test('a mapping with an unreadable part is not said to miss a key', () => {
  const text = 'services:\n  web:\n    image: nginx\n    depends_on:\n      db:\n        required: true\n        condition: [\n  db:\n    image: redis\n';
  assert.deepEqual(validate(text).map((d) => d.code), ['compose-yaml-syntax']);
});

test('a host port published in a broken block is not compared with the others', () => {
  const text = 'services:\n  a:\n    image: x\n    ports: ["8080:80"]\n  b:\n    image: y\n    ports: ["8080:80", [\n';
  assert.deepEqual(validate(text).map((d) => d.code), ['compose-yaml-syntax']);
});

test('a file the splitter cannot place (two documents) is parsed whole and still checked outside the broken service', () => {
  const text = 'services:\n  web:\n    image: nginx\n    restart: sometimes\n  api:\n    image: b\n   bad: 1\n---\nservices:\n  db:\n    image: redis\n    restart: never\n';
  assert.deepEqual(lines(validate(text)), ['4 compose-invalid-restart', '7 compose-yaml-syntax', '12 compose-invalid-restart']);
});

/** Two files with mistakes of every kind, each on its own line: [line, rule] pairs. */
const MISTAKES: { lines: string[]; expected: [number, string][] }[] = [
  {
    lines: [
      'services:',
      '  web:',
      '    image: nginx',
      '    ports: ["99999:80"]',
      '    depends_on: [ghost]',
      '    restart: sometimes',
      '  api:',
      '    image: node',
      '    networks: [nonet]',
      '    healthcheck:',
      '      test: ["CMD", "true"]',
      '      interval: 10',
      '    enviroment: [A=1]',
      '  db:',
      '    image: postgres',
      '    volumes: ["novol:/var"]',
      '    mem_limit: 12zb',
      'networks:',
      '  front: {}',
      '',
    ],
    expected: [[4, 'invalid-port'], [5, 'undefined-service'], [6, 'invalid-restart'], [9, 'undefined-network'], [12, 'invalid-type'], [13, 'unknown-key'], [16, 'undefined-volume'], [17, 'invalid-byte-size']],
  },
  {
    lines: [
      'version: "3.8"',
      'services:',
      '  a:',
      '    image: x',
      '    container_name: same',
      '    depends_on: [b]',
      '    ports: ["8080:80"]',
      '  b:',
      '    image: y',
      '    container_name: same',
      '    depends_on: [a]',
      '    ports: ["8080:81"]',
      '    secrets: [nosecret]',
      '  c:',
      '    command: ["x"]',
      '    stop_grace_period: 10',
      '  -d:',
      '    image: z',
      '    extends: -d',
      '    configs: [noconfig]',
      '',
    ],
    expected: [[1, 'obsolete-version'], [5, 'duplicate-container-name'], [6, 'dependency-cycle'], [7, 'duplicate-host-port'], [10, 'duplicate-container-name'], [11, 'dependency-cycle'], [12, 'duplicate-host-port'], [13, 'undefined-secret'], [14, 'missing-image'], [16, 'invalid-type'], [17, 'name-like-option'], [19, 'extends-cycle'], [20, 'undefined-config']],
  },
];

/** Syntax errors of the kinds people type, written at a given indentation. */
const SYNTAX_ERRORS: ((indent: string) => string)[] = [
  (i) => `${i}command: "echo`, // unclosed quotes
  (i) => `${i}command: 'echo`,
  (i) => `${i}command: [echo`, // unclosed brackets
  (i) => `${i}x: {a: 1`,
  (i) => `${i}command:echo`, // no space after the colon
  (i) => `${i.slice(1)}bad: 1`, // one space short, one too many
  (i) => `${i} bad: 1`,
  (i) => `\t${i}x: 1`, // a tab
  (i) => `${i}- x`, // a list item where keys are
  (i) => `${i}label`, // a key being typed
  (i) => `${i}x: "a\\qb"`, // a bad escape
];

test('whatever syntax error is typed on whatever line, every other mistake is still reported on its line', () => {
  let cases = 0;
  for (const { lines: base, expected } of MISTAKES) {
    assert.deepEqual(expected.filter(([l, rule]) => !lines(validate(base.join('\n'))).includes(`${l} compose-${rule}`)), [], 'the mistakes on their own');
    for (let at = 1; at < base.length; at++) {
      const indent = /^ */.exec(base[at]!)![0];
      for (const error of SYNTAX_ERRORS) {
        const text = [...base.slice(0, at), error(indent), ...base.slice(at)].join('\n');
        const found = lines(validate(text));
        const missing = expected.map(([l, rule]) => `${l > at ? l + 1 : l} compose-${rule}`).filter((m) => !found.includes(m));
        assert.deepEqual(missing, [], `${JSON.stringify(error(indent))} before line ${at + 1}`);
        if (parseWhole(text).problems.some(isBreaking)) assert.ok(found.some((f) => f.endsWith('compose-yaml-syntax')), `no syntax error for ${JSON.stringify(error(indent))} before line ${at + 1}`);
        cases++;
      }
    }
  }
  assert.ok(cases > 400);
});

test('whatever key is written twice, every other mistake is still reported on its line', () => {
  for (const { lines: base, expected } of MISTAKES) {
    for (let at = 1; at < base.length; at++) {
      if (!/^ +[\w-]+: \S/.test(base[at]!)) continue; // a key with a value on its line: repeat it
      const text = [...base.slice(0, at + 1), base[at]!, ...base.slice(at + 1)].join('\n');
      const found = lines(validate(text));
      assert.ok(found.includes(`${at + 2} compose-duplicate-key`), `the duplicate of line ${at + 1}`);
      // Of the two, the last counts: a mistake on the repeated line is found on the copy.
      const missing = expected.map(([l, rule]) => `${l >= at + 1 ? l + 1 : l} compose-${rule}`).filter((m) => !found.includes(m));
      assert.deepEqual(missing, [], `line ${at + 1} repeated`);
    }
  }
});

test('on every corpus file with random line edits: valid text reads exactly as a whole parse, invalid text always reports an error', () => {
  const corpus = path.resolve(__dirname, '..', '..', 'fixtures', 'corpus', 'compose');
  const files = fs.readdirSync(corpus).filter((f) => /\.ya?ml$/.test(f));
  assert.ok(files.length >= 40);
  const next = random(12);
  const edits: ((lines: string[], i: number) => void)[] = [
    (l, i) => l.splice(i, 1),
    (l, i) => l.splice(i, 0, l[i]!),
    (l, i) => { l[i] = `  ${l[i]}`; },
    (l, i) => { l[i] = l[i]!.replace(/^ {2}/, ''); },
    (l, i) => { l[i] = l[i]!.replace(/^( *)/, '$1}'); },
    (l, i) => { l[i] = `${l[i]} "`; },
    (l, i) => { l[i] = l[i]!.replace(/: /, ':'); },
    (l, i) => { l[i] = l[i]!.replace(/^( *)/, '$1- '); },
    (l, i) => { l[i] = l[i]!.replace(/^ /, '\t'); },
    (l, i) => { l[i] = `${l[i]} [`; },
  ];
  let valid = 0;
  let invalid = 0;
  for (const name of files) {
    const original = fs.readFileSync(path.join(corpus, name), 'utf8');
    for (let round = 0; round < 4; round++) {
      const l = original.split('\n');
      for (let k = 1 + next(2); k > 0; k--) edits[next(edits.length)]!(l, next(l.length));
      const text = l.join('\n');
      const whole = parseWhole(text);
      const chunked = parseYaml(text, new Map(), new Map());
      if (whole.problems.some(isBreaking)) {
        invalid++;
        assert.ok(chunked.problems.some(isBreaking), `${name} round ${round}: an invalid text read without an error`);
      } else {
        valid++;
        assert.ok(!chunked.problems.some(isBreaking), `${name} round ${round}: a valid text read with an error`);
        assert.ok(isDeepStrictEqual(chunked.documents.map((d) => d.root), whole.documents.map((d) => d.root)), `${name} round ${round}: read differently`);
      }
    }
  }
  assert.ok(valid > 40 && invalid > 40, `${valid} valid and ${invalid} invalid variants`);
});

test('every feature runs on broken variants of the corpus files without throwing', () => {
  const corpus = path.resolve(__dirname, '..', '..', 'fixtures', 'corpus', 'compose');
  const context = serviceContext();
  const s = composeLanguageService;
  const edits: ((l: string[], i: number) => void)[] = [
    (l, i) => { l[i] = `${l[i]} "`; },
    (l, i) => { l[i] = ` ${l[i]}`; },
    (l, i) => { l[i] = l[i]!.replace(/: /, ':'); },
    (l, i) => l.splice(i, 0, l[i]!),
    (l, i) => { l[i] = `\t${l[i]}`; },
  ];
  let version = 0;
  for (const name of fs.readdirSync(corpus).filter((f) => /\.ya?ml$/.test(f))) {
    const original = fs.readFileSync(path.join(corpus, name), 'utf8');
    for (const [k, edit] of edits.entries()) {
      if ((name.length + k) % 2 === 0) continue; // half of the combinations, spread over the kinds
      const l = original.split('\n');
      edit(l, (name.length * 7 + k * 13) % l.length);
      const text = l.join('\n');
      const document = { uri: `file:///broken/${name}`, version: ++version, getText: () => text };
      assert.ok(Array.isArray(s.validate(document, context)));
      s.documentSymbols?.(document, context);
      s.foldingRanges?.(document, context);
      s.documentLinks?.(document, context);
      s.codeLenses?.(document, context);
      s.inlayHints?.(document, { start: { line: 0, character: 0 }, end: { line: l.length, character: 0 } }, context);
      s.format?.(document, { tabSize: 2, insertSpaces: true }, context);
      for (let line = 0; line < l.length; line += 7) {
        const position = { line, character: Math.min(l[line]!.length, 6) };
        s.complete?.(document, position, context);
        s.hover?.(document, position, context);
        s.definition?.(document, position, context);
        s.references?.(document, position, true, context);
        s.prepareRename?.(document, position, context);
        s.codeActions?.(document, { start: position, end: position }, [], context);
      }
      s.forget?.(document.uri);
    }
  }
});

test('a list item YAML reads as a mapping whose keys are all unknown gets its unknown keys only, not "needs type" and "needs target" besides (round 16)', () => {
  const text = 'services:\n  web:\n    image: nginx\n    volumes:\n      - ${NAMED:-false} == true ? data:/etc/st2: data:/etc/st2\n';
  assert.deepEqual(validate(text).map((d) => d.code), ['compose-unknown-key']);
  // A long-form volume that lacks its target is still told.
  assert.deepEqual(validate('services:\n  web:\n    image: nginx\n    volumes:\n      - type: volume\n        source: data\nvolumes:\n  data:\n').map((d) => d.code), ['compose-missing-key']);
});

test('a key whose items are all unreadable is not told it is empty: only the syntax errors are (round 23: `pwd` in volume items)', () => {
  const text = 'services:\n  kibana:\n    image: kibana:8\n    volumes:\n      - `pwd`/conf/kibana.yml:/usr/share/kibana/config/kibana.yml\n\n      # certs\n      - `pwd`/certs:/usr/share/kibana/config/certs\n  web:\n    image: nginx:1\n    volumes:\n    # nothing yet\n  db:\n    image: redis:7\n';
  assert.deepEqual(lines(validate(text)), ['5 compose-yaml-syntax', '8 compose-yaml-syntax', '11 compose-invalid-type']);
});

test('an unresolved merge conflict is one error, and the file is read with our side of it: no echo of it down the file (round 24: docker-fess)', () => {
  const text = 'services:\n  es01:\n    image: elasticsearch:7.4.0\n    environment:\n      - node.name=es01\n<<<<<<< HEAD\n      #- cluster.initial_master_nodes=es01,es02\n=======\n      - cluster.initial_master_nodes=es01\n>>>>>>> 8b54c97b2443f574620daaaa679632a4698c07bf\n      - cluster.name=fess-es\n    ports:\n      - "9200:9200"\n    restart: sometimes\n';
  const found = validate(text);
  assert.deepEqual(lines(found), ['6 compose-yaml-syntax', '14 compose-invalid-restart']);
  assert.equal(found.find((d) => d.code === 'compose-yaml-syntax')!.message, 'An unresolved merge conflict: Git\'s markers from here to line 10 are no YAML. Keep the side you want, remove the other and the three marker lines. (The rest of the file is checked with the side above =======.)');
  // Markers that do not make a conflict (a lone =======, a heading of equals signs in a block) are left to the parser.
  assert.deepEqual(lines(validate('services:\n  web:\n    image: nginx\n    command: |\n      =======\n')), []);
});
