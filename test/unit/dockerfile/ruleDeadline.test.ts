// A rule that reports on and on (a crafted file with tens of thousands of findings of one kind)
// is stopped at the validation's deadline from inside, not only before the next rule: it counts
// as not run (null), like a rule the deadline skipped, and the rules after it are skipped too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analysis } from '../../../server/src/core/dockerfile/analysis/analysis';
import { rule } from '../../../server/src/core/dockerfile/validation/rules/rule';
import { ALL_RULES } from '../../../server/src/core/dockerfile/validation/rules/allRules';
import { wholeFileScope } from '../../../server/src/core/dockerfile/validation/rules/scope';
import { REPORTS_PER_DEADLINE_CHECK, runRules, type ActiveRule } from '../../../server/src/core/dockerfile/validation/validate';
import { DiagnosticSeverity } from '../../../server/src/core/types';
import { context } from './helpers';

const a = Analysis.of('FROM alpine\nRUN echo hi\n');
const meta = ALL_RULES[0]!.meta;
const active = (check: Parameters<typeof rule>[1]): ActiveRule => ({ rule: rule(meta, check), severity: DiagnosticSeverity.Warning, ids: [meta.id], href: undefined, chosen: false });

test('a rule reporting past the deadline is stopped within one check interval and counts as not run', () => {
  const deadline = performance.now() + 20;
  let reported = 0;
  let after = 0;
  const flood = active((ctx) => {
    for (let i = 0; i < 5_000_000; i++) {
      // Halfway through its first interval the deadline passes (waited for, not timed).
      if (i === 100) while (performance.now() <= deadline) { /* the deadline passes */ }
      ctx.report({ start: 0, end: 4 }, 'again');
      reported++;
    }
  });
  const next = active(() => { after++; });
  const results = runRules(a, 'file:///work/app/Dockerfile', { ...context(), deadline }, [flood, next], wholeFileScope(a));
  assert.deepEqual(results, [null, null]);
  assert.ok(reported < REPORTS_PER_DEADLINE_CHECK, `stopped after ${reported} reports`);
  assert.equal(after, 0, 'the rule after it did not run');
});

test('without a deadline, or before it, every report is kept', () => {
  const many = active((ctx) => { for (let i = 0; i < 3 * REPORTS_PER_DEADLINE_CHECK; i++) ctx.report({ start: 0, end: 4 }, `r${i}`); });
  for (const deadline of [undefined, performance.now() + 60_000]) {
    const [reports] = runRules(a, 'file:///work/app/Dockerfile', { ...context(), ...(deadline === undefined ? {} : { deadline }) }, [many], wholeFileScope(a));
    assert.equal(reports?.length, 3 * REPORTS_PER_DEADLINE_CHECK);
  }
});

test('a rule that throws is still reported as broken (undefined), not as out of time', () => {
  const broken = active(() => { throw new Error('bug'); });
  assert.deepEqual(runRules(a, 'file:///work/app/Dockerfile', { ...context(), deadline: performance.now() + 60_000 }, [broken], wholeFileScope(a)), [undefined]);
});
