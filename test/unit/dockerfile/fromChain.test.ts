import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chainRoots, fromChain } from '../../../server/src/core/dockerfile/analysis/fromChain';
import { Analysis } from '../../../server/src/core/dockerfile/analysis/analysis';
import { workdirAtStart } from '../../../server/src/core/dockerfile/analysis/workdir';

const names = (a: Analysis, index: number) => [...a.chainOf(a.doc.stages[index]!)].map((s) => s.name?.value ?? String(s.index));

test('a FROM chain runs from the stage to the stage that starts from an image', () => {
  const a = Analysis.of('FROM alpine AS base\nFROM base AS build\nFROM build AS test\nFROM scratch AS out\nCOPY --from=test /a /a\n');
  assert.deepEqual(names(a, 2), ['test', 'build', 'base']);
  assert.deepEqual(names(a, 0), ['base']);
  // COPY --from is not part of the chain: `out` starts from scratch.
  assert.deepEqual(names(a, 3), ['out']);
  assert.equal(a.rootOf(a.doc.stages[2]!).name?.value, 'base');
  assert.equal(a.rootImage(a.doc.stages[2]!), 'alpine');
  assert.equal(a.baseImageRef(a.doc.stages[1]!), 'alpine');
});

test('FROM a AS b / FROM b AS a is no cycle: the first FROM names an image, the second the stage before it', () => {
  const a = Analysis.of('FROM a AS b\nFROM b AS a\nRUN true\n');
  assert.equal(a.parentOf(0), -1);
  assert.equal(a.parentOf(1), 0);
  assert.deepEqual(names(a, 1), ['a', 'b']);
  assert.equal(a.rootImage(a.doc.stages[1]!), 'a');
});

test('a stage naming itself in its FROM names an image', () => {
  const a = Analysis.of('FROM x AS x\nRUN true\n');
  assert.equal(a.parentOf(0), -1);
  assert.deepEqual(names(a, 0), ['x']);
  assert.equal(a.rootImage(a.doc.stages[0]!), 'x');
});

test('a FROM naming a later stage names an image (BuildKit reads forward references as images)', () => {
  const a = Analysis.of('FROM later AS first\nFROM alpine AS later\nFROM first\n');
  assert.equal(a.parentOf(0), -1);
  assert.deepEqual(names(a, 2), ['2', 'first']);
  assert.equal(a.rootImage(a.doc.stages[2]!), 'later');
});

test('the walker is bounded by the number of stages, whatever the parent function says', () => {
  // A cycle 0 → 1 → 2 → 0 and a self reference 3 → 3, which Analysis never builds.
  const parents = [1, 2, 0, 3, 3];
  assert.deepEqual([...fromChain((i) => parents[i]!, 0, parents.length)], [0, 1, 2, 0, 1]);
  assert.deepEqual([...fromChain((i) => parents[i]!, 3, parents.length)], [3, 3, 3, 3, 3]);
  assert.deepEqual([...fromChain(() => -1, 2, 5)], [2]);
  assert.deepEqual([...fromChain(() => 0, 0, 0)], []);
  // Roots: a cycle ends at the stage before the one met again; 4 → 3 → 3 ends at 3.
  assert.deepEqual([...chainRoots((i) => parents[i]!, parents.length)], [2, 2, 2, 3, 3]);
});

test('50,000 stages in one chain: no recursion, and each stage is asked for its parent once', () => {
  const count = 50_000;
  let calls = 0;
  const parentOf = (i: number) => {
    calls++;
    return i - 1;
  };
  const roots = chainRoots(parentOf, count);
  assert.equal(calls, count);
  assert.ok(roots.every((r) => r === 0));
  calls = 0;
  let length = 0;
  for (const s of fromChain(parentOf, count - 1, count)) length += s >= 0 ? 1 : 0;
  assert.equal(length, count);
  assert.equal(calls, count);
});

test('a chain deeper than a hundred stages reaches its root (the old walks stopped at 50 or 100)', () => {
  const depth = 300;
  const text = ['FROM alpine AS s0', 'SHELL ["/bin/bash", "-c"]', 'WORKDIR /app', ...Array.from({ length: depth }, (_, i) => `FROM s${i} AS s${i + 1}\nWORKDIR d`)].join('\n');
  const a = Analysis.of(text);
  const last = a.doc.stages[depth]!;
  assert.equal([...a.chainOf(last)].length, depth + 1);
  assert.equal(a.rootOf(last).index, 0);
  assert.equal(a.rootImage(last), 'alpine');
  assert.equal(a.family(last), 'alpine');
  assert.equal(a.shellKind(last.from), 'bash');
  assert.equal(workdirAtStart(a, last), `/app${'/d'.repeat(depth - 1)}`);
});
