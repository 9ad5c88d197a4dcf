import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate } from './helpers';
import { buildComposeFile } from '../../../server/src/core/compose/model/composeFile';
import { rootMaps, valueAt } from '../../../server/src/core/compose/model/access';
import { joinUnderIndentedQuotedLines } from '../../../server/src/core/compose/model/quotedContinuations';

test('a YAML error is reported at the parser position; the key before it is still checked, its value is not', () => {
  const text = 'services:\n  web:\n    imag: "busybox\n';
  const diagnostics = validate(text);
  assert.deepEqual(diagnostics.map((d) => d.code), ['compose-yaml-syntax', 'compose-unknown-key']);
  assert.equal(diagnostics[0]!.severity, 1);
  assert.match(diagnostics[0]!.message, /^YAML: /);
  assert.equal(diagnostics[0]!.range.start.line, 2);
  assert.equal(covered(text, diagnostics[1]!), 'imag');
});

test('a duplicate key has its own rule and covers the repeated key', () => {
  const text = 'services:\n  web:\n    image: a\n    image: b\n';
  const [duplicate] = findings(validate(text), 'compose-duplicate-key');
  assert.ok(duplicate);
  assert.equal(duplicate.range.start.line, 3);
  assert.equal(covered(text, duplicate), 'image');
});

test('compose tags !reset and !override are not unknown tags', () => {
  const text = 'services:\n  web:\n    image: nginx\n    ports: !reset []\n    environment: !override\n      A: "1"\n';
  assert.deepEqual(validate(text), []);
});

test('other unknown tags are warnings', () => {
  const [warning] = findings(validate('services:\n  web:\n    image: !custom nginx\n'), 'compose-yaml-warning');
  assert.ok(warning);
  assert.equal(warning.severity, 2);
});

test('binary input and empty files do not crash', () => {
  assert.deepEqual(findings(validate('\u0000\u0001\u0002garbage'), 'compose-file-skipped').length, 1);
  assert.deepEqual(validate(''), []);
  assert.deepEqual(validate('# only a comment\n'), []);
});

test('a very large file is not analysed but reported once', () => {
  const big = `services:\n${'  # padding line to make the file very large indeed\n'.repeat(100_000)}`;
  const diagnostics = validate(big);
  assert.deepEqual(diagnostics.map((d) => d.code), ['compose-file-skipped']);
});

test('pathologically deep nesting is not handed to the parser', () => {
  for (const text of ['['.repeat(20000) + ']'.repeat(20000), '- '.repeat(5000) + 'x', Array.from({ length: 600 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')]) {
    assert.deepEqual(validate(text).map((d) => d.code), ['compose-file-skipped']);
  }
});

test('a template ({{ … }}, {% … %}) gets one hint instead of YAML errors on its template lines', () => {
  const text = 'services:\n  web:\n    image: nginx\n    build:\n      context: {{ root_dir }}/web\n    volumes:\n      - {{ root_dir }}/data:/data\n{% if db %}\n  db:\n    image: postgres\n{% endif %}\n';
  const syntax = findings(validate(text), 'compose-yaml-syntax');
  assert.deepEqual(syntax.map((d) => [covered(text, d), d.severity]), [['{{ root_dir }}', 4]]);
  assert.match(syntax[0]!.message, /template/);
  // An error on a line without template syntax is still an error; quoted template text is plain YAML.
  const broken = 'services:\n  web:\n    image: "{{ image }}"\n    ports: [80:80\n';
  assert.deepEqual(findings(validate(broken), 'compose-yaml-syntax').map((d) => d.severity), [1]);
});

test('what is said on a template placeholder\'s line is a hint: the unrendered text is another tool\'s (round 36: a cookiecutter template)', () => {
  const text = 'services:\n  backend:\n    image: {{cookiecutter.docker_image_backend}}\n    container_name: {{cookiecutter.docker_image_backend}}\n    restart: sometimes\n';
  const found = validate(text).filter((d) => d.code !== 'compose-yaml-syntax').map((d) => [d.code, d.range.start.line + 1, d.severity]);
  const onPlaceholders = found.filter(([, line]) => line === 3 || line === 4);
  assert.ok(onPlaceholders.some(([code]) => code === 'compose-invalid-type'), JSON.stringify(found));
  assert.deepEqual(onPlaceholders.map(([, , severity]) => severity), onPlaceholders.map(() => 4));
  assert.ok(found.some(([code, line, severity]) => code === 'compose-invalid-restart' && line === 5 && severity === 1), JSON.stringify(found));
});

test('a quoted value whose later lines are not indented past its key reads as compose reads it (round 56)', () => {
  const json = (close: string) => `services:\n  api:\n    image: app:1\n    environment:\n      SPRING_APPLICATION_JSON: '{\n        "spring.datasource.url": "jdbc:mysql://db/app",\n        "spring.jpa.hibernate.ddl-auto": "create"\n${close}'\n    restart: sometimes\n`;
  for (const close of ['      }', '    }', '}']) {
    const text = json(close);
    // No syntax error; the rest of the file is still read (the restart value after it is checked).
    assert.deepEqual(validate(text).map((d) => d.code), ['compose-invalid-restart'], close);
    const file = buildComposeFile('file:///c/compose.yaml', 1, text);
    const env = valueAt(file, rootMaps(file)[0]!, 'services', 'api', 'environment', 'SPRING_APPLICATION_JSON');
    assert.match(String(env?.kind === 'scalar' ? env.value : ''), /^\{ "spring\.datasource\.url": "jdbc:mysql:\/\/db\/app", "spring\.jpa\.hibernate\.ddl-auto": "create"\s+\}$/, close);
  }
  // Double quotes, a CR LF file, and a sequence entry.
  assert.deepEqual(validate('services:\r\n  api:\r\n    image: app:1\r\n    command: "run\r\n  --fast"\r\n').map((d) => d.code), []);
  assert.deepEqual(validate('services:\n  api:\n    image: app:1\n    command:\n      - "sh -c \'run\n      --fast\'"\n').map((d) => d.code), []);
  // A quote that is never closed is still an error.
  assert.ok(validate('services:\n  api:\n    image: "app:1\n    restart: no\n').some((d) => d.code === 'compose-yaml-syntax'));
});

test('joinUnderIndentedQuotedLines keeps every offset and touches only such lines', () => {
  const text = "a:\n  b: 'x\n  y'\n  c: \"it's\"\n  d: 'p\n     q'\n";
  const joined = joinUnderIndentedQuotedLines(text);
  assert.equal(joined.length, text.length);
  assert.equal(joined, "a:\n  b: 'x   y'\n  c: \"it's\"\n  d: 'p\n     q'\n");
  assert.equal(joinUnderIndentedQuotedLines('a: "x # not a comment\n"\n'), 'a: "x # not a comment "\n');
  assert.equal(joinUnderIndentedQuotedLines('a: 1 # \'quote in a comment\nb: 2\n'), 'a: 1 # \'quote in a comment\nb: 2\n');
});
