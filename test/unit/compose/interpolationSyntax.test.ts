import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate } from './helpers';

test('malformed interpolation is flagged at the variable', () => {
  const text = 'services:\n  web:\n    image: nginx\n    command: echo ${NAME%%.*} and ${ok}\n';
  const [problem] = findings(validate(text), 'compose-interpolation');
  assert.ok(problem);
  assert.equal(covered(text, problem), '${NAME%%.*}');
  assert.match(problem.message, /\$\$/);
});

test('an unclosed ${ is flagged', () => {
  const text = 'services:\n  web:\n    image: "nginx:${TAG"\n';
  const [problem] = findings(validate(text), 'compose-interpolation');
  assert.ok(problem);
  assert.equal(covered(text, problem), '${TAG"');
});

test('every valid form and $$ escapes are accepted, in values of any style', () => {
  const text = [
    'services:',
    '  web:',
    '    image: ${IMAGE:-nginx}:${TAG-latest}',
    '    environment:',
    '      A: ${A:?A must be set}',
    '      B: "${B?}${C:+on}${D+x}$E"',
    '      C: $${NOT_A_VARIABLE%%x}',
    '      D: ${OUTER:-${INNER:-deep}}',
    '    command: |',
    '      sh -c "echo $$HOME $${PATH%%:*}"',
    '',
  ].join('\n');
  assert.deepEqual(findings(validate(text), 'compose-interpolation'), []);
});

test('keys are not interpolated, so a ${ in a key is not flagged', () => {
  const text = 'services:\n  web:\n    image: nginx\n    labels:\n      "${weird": "x"\n';
  assert.deepEqual(findings(validate(text), 'compose-interpolation'), []);
});
