import { test } from 'node:test';
import assert from 'node:assert/strict';
import { composeLanguageService as service } from '../../../server/src/core/compose/composeLanguageService';
import { LineIndex } from '../../../server/src/core/text';
import type { FormattingOptions, TextEdit } from '../../../server/src/core/types';
import { doc, serviceContext } from './helpers';

const options: FormattingOptions = { tabSize: 2, insertSpaces: true };

function apply(text: string, edits: TextEdit[]): string {
  const index = new LineIndex(text);
  return edits
    .map((e) => [index.offsetAt(e.range.start), index.offsetAt(e.range.end), e.newText] as const)
    .sort((a, b) => b[0] - a[0])
    .reduce((out, [start, end, newText]) => out.slice(0, start) + newText + out.slice(end), text);
}

const format = (text: string, with_: FormattingOptions = options) => apply(text, service.format!(doc(text), with_, serviceContext()));

test('indentation, spacing and blank lines are normalised; comments, anchors and scalars are kept', () => {
  const text = [
    '# top',
    'x-common: &common',
    '    restart:    always   ',
    'services:',
    '    web:   # the web',
    '        <<: *common',
    '        image :  "nginx:1.27"',
    '        ports:',
    '            -   "80:80"',
    '            -  target: 443',
    '               published: 8443',
    '            # - "8080:80"',
    '        command: |',
    '            echo one',
    '              echo two   ',
    '',
    '',
    '',
    '    # about db',
    '    db:',
    '      image: postgres',
    '      environment: {A: 1,',
    '                    B: 2}',
    '      mode: 0755',
  ].join('\n');
  const expected = [
    '# top',
    'x-common: &common',
    '  restart: always',
    'services:',
    '  web:   # the web',
    '    <<: *common',
    '    image: "nginx:1.27"',
    '    ports:',
    '      - "80:80"',
    '      - target: 443',
    '        published: 8443',
    '      # - "8080:80"',
    '    command: |',
    '        echo one',
    '          echo two   ',
    '',
    '  # about db',
    '  db:',
    '    image: postgres',
    '    environment: {A: 1,',
    '                  B: 2}',
    '    mode: 0755',
    '',
  ].join('\n');
  assert.equal(format(text), expected);
  assert.deepEqual(service.format!(doc(expected), options, serviceContext()), [], 'formatting is idempotent');
});

test('the tab size sets the indentation; compact lists stay compact', () => {
  const text = 'services:\n  web:\n    ports:\n    - "80:80"\n    volumes:\n    - data:/d\n';
  assert.equal(format(text, { tabSize: 4, insertSpaces: true }), 'services:\n    web:\n        ports:\n        - "80:80"\n        volumes:\n        - data:/d\n');
});

test('a file with YAML errors is not touched; CRLF line ends are kept', () => {
  assert.deepEqual(service.format!(doc('services:\n  web: "unclosed\n'), options, serviceContext()), []);
  assert.equal(format('services:\r\n    web:\r\n        image: x\r\n'), 'services:\r\n  web:\r\n    image: x\r\n');
});

test('range formatting only returns edits touching the range', () => {
  const text = 'services:\n    a:\n        image: x\n    b:\n        image: y\n';
  const edits = service.formatRange!(doc(text), { start: { line: 4, character: 0 }, end: { line: 4, character: 5 } }, options, serviceContext());
  assert.ok(edits.length > 0);
  assert.ok(edits.every((e) => e.range.end.line >= 4 && e.range.start.line <= 4));
});

test('trailing spaces after a long run of inner spaces are found in linear time', () => {
  const text = `services:\n  web:\n    command: a${' '.repeat(300_000)}b   \n`;
  assert.equal(format(text), `services:\n  web:\n    command: a${' '.repeat(300_000)}b\n`);
});

test('a file parsed only up to the chunk budget is left as it is (checking the result parsed the whole text: 3.7 s for 20,000 chained extends)', () => {
  const text = `services:\n  s0:\n      image: nginx\n${Array.from({ length: 2500 }, (_, i) => `  s${i + 1}:\n      extends: s${i}\n`).join('')}`;
  assert.deepEqual(service.format!(doc(text), options, serviceContext()), []);
  // Below the budget the same shape is formatted.
  const small = `services:\n  s0:\n      image: nginx\n${Array.from({ length: 20 }, (_, i) => `  s${i + 1}:\n      extends: s${i}\n`).join('')}`;
  assert.ok(service.format!(doc(small), options, serviceContext()).length > 0);
});
