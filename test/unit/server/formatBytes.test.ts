// The project's one byte formatter: units, rounding, carries into the next unit, and what is not a size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatBytes } from '../../../server/src/core/formatBytes';

test('bytes below 1000 are whole bytes', () => {
  assert.equal(formatBytes(0), '0 B');
  assert.equal(formatBytes(1), '1 B');
  assert.equal(formatBytes(512), '512 B');
  assert.equal(formatBytes(999), '999 B');
});

test('decimal units as the Docker CLI, one decimal below 10 and whole numbers above', () => {
  assert.equal(formatBytes(1000), '1.0 kB');
  assert.equal(formatBytes(1024), '1.0 kB');
  assert.equal(formatBytes(2_000), '2.0 kB');
  assert.equal(formatBytes(1_048_576), '1.0 MB');
  assert.equal(formatBytes(1_960_000), '2.0 MB');
  assert.equal(formatBytes(9_940_000), '9.9 MB');
  assert.equal(formatBytes(15_200_000), '15 MB');
  assert.equal(formatBytes(40_000_000), '40 MB');
  assert.equal(formatBytes(123_456_789), '123 MB');
  assert.equal(formatBytes(7_300_000_000), '7.3 GB');
  assert.equal(formatBytes(2.5e12), '2.5 TB');
});

test('rounding that reaches the next step shows the next step', () => {
  assert.equal(formatBytes(9_960_000), '10 MB');
  assert.equal(formatBytes(999_700), '1.0 MB');
  assert.equal(formatBytes(999_499), '999 kB');
  assert.equal(formatBytes(999_999_999), '1.0 GB');
});

test('the largest unit keeps growing instead of running out', () => {
  assert.equal(formatBytes(3e15), '3.0 PB');
  assert.equal(formatBytes(1.2e18), '1200 PB');
});

test('what is not a size shows nothing', () => {
  assert.equal(formatBytes(undefined), '');
  assert.equal(formatBytes(Number.NaN), '');
  assert.equal(formatBytes(-1), '');
  assert.equal(formatBytes(Number.POSITIVE_INFINITY), '');
});

test('fractions of a byte round to whole bytes', () => {
  assert.equal(formatBytes(0.4), '0 B');
  assert.equal(formatBytes(999.6), '1.0 kB');
});
