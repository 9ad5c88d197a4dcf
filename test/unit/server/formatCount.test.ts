// Counts in messages: grouped as en-US writes them, without going through Intl (see formatCount.ts),
// and the notes of files past the analysis limits made without it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatCount } from '../../../server/src/core/formatCount';
import { validateDockerfile } from '../../../server/src/core/dockerfile/dockerfileLanguageService';
import { validate as validateCompose } from '../compose/helpers';

test('whole numbers are grouped in threes as en-US groups them', () => {
  const samples = [0, 7, 99, 999, 1000, 1001, 9999, 65_536, 100_000, 999_999, 1_000_000, 1_048_576, 123_456_789, Number.MAX_SAFE_INTEGER];
  for (const n of [...samples, ...samples.slice(1).map((x) => -x)]) assert.equal(formatCount(n), n.toLocaleString('en-US'), String(n));
  for (let n = 1; n < 10_000_000; n = n * 3 + 1) assert.equal(formatCount(n), n.toLocaleString('en-US'));
});

test('what is not a whole safe number is written as String writes it (no comma inside a fraction or an exponent)', () => {
  assert.equal(formatCount(1234.5678), '1234.5678');
  assert.equal(formatCount(1e21), '1e+21');
  assert.equal(formatCount(Number.NaN), 'NaN');
  assert.equal(formatCount(Number.POSITIVE_INFINITY), 'Infinity');
});

test('the notes of files past the limits are made without Number#toLocaleString', (t) => {
  const own = Number.prototype.toLocaleString;
  t.after(() => {
    Number.prototype.toLocaleString = own;
  });
  Number.prototype.toLocaleString = () => {
    throw new Error('toLocaleString called');
  };
  const run = `RUN apt-get update && apt-get install -y ${'pkg '.repeat(1000)}\n`;
  const dockerfile = validateDockerfile(`FROM debian\n${run.repeat(20)}${'RUN echo hi\n'.repeat(10_000)}`);
  const notes = dockerfile.filter((d) => d.code === 'analysis-limit').map((d) => d.message);
  assert.ok(notes.some((m) => m.includes('65,536 characters')), notes.join('\n'));
  assert.ok(notes.some((m) => m.includes('more than 10,000 instructions')), notes.join('\n'));
  const keys = Array.from({ length: 2000 }, (_, i) => `  k${i}: ${i}`).join('\n');
  const aliases = Array(400).fill('*big').join(', ');
  const compose = validateCompose(`x-big: &big\n${keys}\nservices:\n  web:\n    <<: [${aliases}]\n    image: nginx\n`);
  assert.ok(compose.some((d) => d.code === 'analysis-limit' && d.message.includes('100,000 entries')));
  const long = validateCompose(`${Array.from({ length: 2100 }, (_, i) => `x-${i}: ${i}\n`).join('')}services:\n  web:\n    image: nginx\n`);
  assert.ok(long.some((d) => d.code === 'analysis-limit' && d.message.includes('2,000 entries')));
});
