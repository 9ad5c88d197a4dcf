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
import { validate } from './helpers';

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

test('a service that reads an anchor from a broken block is not checked; the others are', () => {
  const text = [
    'x-base: &base',
    '  image: nginx',
    '  ports: ["80:80"',
    'services:',
    '  web:',
    '    <<: *base',
    '    restart: sometimes', //  7: held (web merges the broken anchor)
    '  api:',
    '    image: b',
    '    restart: sometimes', // 10
    '',
  ].join('\n');
  assert.deepEqual(lines(validate(text)), ['3 compose-yaml-syntax', '10 compose-invalid-restart']);
});

test('a mapping with an unreadable part is not said to miss a key', () => {
  const text = 'services:\n  web:\n    image: nginx\n    depends_on:\n      db:\n        required: true\n        condition: [\n  db:\n    image: postgres\n';
  assert.deepEqual(validate(text).map((d) => d.code), ['compose-yaml-syntax']);
});

test('a host port published in a broken block is not compared with the others', () => {
  const text = 'services:\n  a:\n    image: x\n    ports: ["8080:80"]\n  b:\n    image: y\n    ports: ["8080:80", [\n';
  assert.deepEqual(validate(text).map((d) => d.code), ['compose-yaml-syntax']);
});

test('a file the splitter cannot place (two documents) is parsed whole and still checked outside the broken service', () => {
  const text = 'services:\n  web:\n    image: nginx\n    restart: sometimes\n  api:\n    image: b\n   bad: 1\n---\nservices:\n  db:\n    image: postgres\n    restart: never\n';
  assert.deepEqual(lines(validate(text)), ['4 compose-invalid-restart', '7 compose-yaml-syntax', '12 compose-invalid-restart']);
});

test('on every corpus file with random line edits: valid text reads exactly as a whole parse, invalid text always reports an error', () => {
  const corpus = path.resolve(__dirname, '..', '..', 'fixtures', 'corpus', 'compose');
  const files = fs.readdirSync(corpus).filter((f) => /\.ya?ml$/.test(f));
  assert.ok(files.length >= 40);
  let seed = 12;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
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
    for (let round = 0; round < 6; round++) {
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
  assert.ok(valid > 60 && invalid > 60, `${valid} valid and ${invalid} invalid variants`);
});
