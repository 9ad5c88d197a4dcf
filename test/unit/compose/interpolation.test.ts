import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_INTERPOLATION_DEPTH, scanInterpolation, substitute } from '../../../server/src/core/compose/model/interpolation';
import { random as seeded } from '../seededRandom';

test('variables in every form, with offsets in the document', () => {
  const { uses, errors } = scanInterpolation('a $A ${B} ${C:-d} ${D-e} ${E:?f} ${F?} ${G:+h} ${H+i} $$J', 100);
  assert.deepEqual(errors, []);
  assert.deepEqual(uses.map((u) => [u.name, u.operator ?? '', u.argument ?? '', u.start]), [
    ['A', '', '', 102], ['B', '', '', 105], ['C', ':-', 'd', 110], ['D', '-', 'e', 118], ['E', ':?', 'f', 125],
    ['F', '?', '', 133], ['G', ':+', 'h', 139], ['H', '+', 'i', 147],
  ]);
});

test('nested defaults are read, inner variables included', () => {
  const { uses, errors } = scanInterpolation('${A:-${B:-x}}');
  assert.deepEqual(errors, []);
  assert.deepEqual(uses.map((u) => u.name), ['A', 'B']);
});

test('malformed forms are errors covering the faulty text', () => {
  const cases: [string, string][] = [
    ['${}', '${}'],
    ['x ${1A} y', '${1A}'],
    ['${A%%.*}', '${A%%.*}'],
    ['${A:0:2}', '${A:0:2}'],
    ['pre ${OPEN', '${OPEN'],
  ];
  for (const [text, faulty] of cases) {
    const { errors } = scanInterpolation(text);
    assert.equal(errors.length, 1, text);
    assert.equal(text.slice(errors[0]!.start, errors[0]!.end), faulty, text);
  }
});

test('a lone $ and $$ are literals', () => {
  assert.deepEqual(scanInterpolation('cost: 5$ $1 $( $$ $${X}'), { uses: [], errors: [] });
});

test('substitution follows compose semantics', () => {
  const env = new Map([['SET', 'v'], ['EMPTY', '']]);
  assert.equal(substitute('${SET:-d}/${EMPTY:-d}/${EMPTY-d}/${NONE-d}', env), 'v/d//d');
  assert.equal(substitute('${SET:+r}|${EMPTY:+r}|${EMPTY+r}', env), 'r||r');
  assert.equal(substitute('$$SET and ${NONE:-${SET}}', env), '$SET and v');
  assert.equal(substitute('${NONE:?missing}', env), undefined);
  assert.equal(substitute('${EMPTY?}', env), '');
});

test('deep nesting is read in linear time without recursion, up to 32 levels, and says where it stopped', () => {
  const depth = 50_000;
  const closed = `${'${A:-'.repeat(depth)}x${'}'.repeat(depth)}`;
  const scan = scanInterpolation(closed);
  assert.deepEqual(scan.errors, []);
  assert.equal(scan.uses.length, MAX_INTERPOLATION_DEPTH + 1);
  // The 33rd `${` is read, its argument is not.
  assert.deepEqual(scan.tooDeep, { start: 5 * MAX_INTERPOLATION_DEPTH, end: closed.length - MAX_INTERPOLATION_DEPTH });
  // Unclosed: one error, from the first `${` to the end of the line.
  const open = scanInterpolation(`${'${A:-'.repeat(depth)}\nrest $B`);
  assert.equal(open.errors.length, 1);
  assert.deepEqual([open.errors[0]!.start, open.errors[0]!.end], [0, 5 * depth]);
  assert.deepEqual(open.uses.map((u) => u.name), ['B']);
  // Values: every level resolved up to the limit; deeper gives no value rather than a wrong one.
  const nested = (n: number) => `${'${A:-'.repeat(n)}x${'}'.repeat(n)}`;
  assert.equal(substitute(nested(MAX_INTERPOLATION_DEPTH), new Map()), 'x');
  assert.equal(substitute(nested(MAX_INTERPOLATION_DEPTH + 1), new Map()), undefined);
  assert.equal(substitute(closed, new Map([['A', 'set']])), 'set');
  assert.equal(substitute('${A:-${B:-${C:-deep}}}/${A:+${B}}', new Map([['B', '']])), 'deep/');
  assert.equal(substitute('${A:-a}b}c${ ${1} $', new Map()), 'ab}c${ ${1} $');
});

/** The reader before it was made linear (recursive, one scan per `${` for its close), kept as the oracle. */
function referenceScan(source: string) {
  const out = { uses: [] as { start: number; end: number; name: string; operator?: string; argument?: string }[], errors: [] as { start: number; end: number }[] };
  const scan = (s: string, from: number, to: number): void => {
    let i = from;
    while (i < to) {
      const dollar = s.indexOf('$', i);
      if (dollar < 0 || dollar >= to) return;
      const next = s[dollar + 1];
      if (next === '$') i = dollar + 2;
      else if (next !== undefined && /[A-Za-z_]/.test(next) && dollar + 1 < to) {
        let j = dollar + 2;
        while (j < to && /[A-Za-z0-9_]/.test(s[j]!)) j++;
        out.uses.push({ start: dollar, end: j, name: s.slice(dollar + 1, j) });
        i = j;
      } else if (next === '{' && dollar + 1 < to) i = braced(s, dollar, to);
      else i = dollar + 1;
    }
  };
  const braced = (s: string, dollar: number, to: number): number => {
    let close = -1;
    for (let k = dollar + 2, depth = 0; k < to; k++) {
      const c = s[k];
      if (c === '\n' || c === '\r') break;
      if (c === '$' && s[k + 1] === '$') k++;
      else if (c === '$' && s[k + 1] === '{') { depth++; k++; }
      else if (c === '}') { if (depth === 0) { close = k; break; } depth--; }
    }
    let lineEnd = to;
    for (let k = dollar; k < to; k++) if (s[k] === '\n' || s[k] === '\r') { lineEnd = k; break; }
    if (close < 0) { out.errors.push({ start: dollar, end: lineEnd }); return lineEnd; }
    let j = dollar + 2;
    while (j < close && /[A-Za-z0-9_]/.test(s[j]!)) j++;
    const name = s.slice(dollar + 2, j);
    if (name === '' || !/[A-Za-z_]/.test(name[0]!)) { out.errors.push({ start: dollar, end: close + 1 }); return close + 1; }
    if (j === close) { out.uses.push({ start: dollar, end: close + 1, name }); return close + 1; }
    const two = s.slice(j, j + 2);
    const op = two === ':-' || two === ':?' || two === ':+' ? two : '-?+'.includes(s[j]!) ? s[j]! : undefined;
    if (!op) { out.errors.push({ start: dollar, end: close + 1 }); return close + 1; }
    out.uses.push({ start: dollar, end: close + 1, name, operator: op, argument: s.slice(j + op.length, close) });
    scan(s, j + op.length, close);
    return close + 1;
  };
  scan(source, 0, source.length);
  return out;
}

test('the linear reader finds exactly what the recursive one did, on 20,000 random texts', () => {
  const pieces = ['$', '{', '}', '${', '$$', 'A', 'b_', '1', ':-', '-', ':?', '?', ':+', '+', 'x', ' ', '\n', '%'];
  const random = seeded(12345);
  for (let n = 0; n < 20_000; n++) {
    let text = '';
    const length = random(24);
    for (let k = 0; k < length; k++) text += pieces[random(pieces.length)];
    const ours = scanInterpolation(text);
    const expected = referenceScan(text);
    assert.deepEqual(ours.uses.map((u) => ({ start: u.start, end: u.end, name: u.name, ...(u.operator ? { operator: u.operator, argument: u.argument } : {}) })), expected.uses, JSON.stringify(text));
    assert.deepEqual(ours.errors.map((e) => ({ start: e.start, end: e.end })), expected.errors, JSON.stringify(text));
  }
});
