// Incremental validation re-runs a stage rule on some stages only, so every stage rule must
// look at `ctx.scope` and report inside the stages it was given; the rules that need the whole
// file say so (reach: 'file') and run every time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analysis } from '../../../server/src/core/dockerfile/analysis/analysis';
import { ALL_RULES } from '../../../server/src/core/dockerfile/validation/rules/allRules';
import { unitsScope, wholeFileScope } from '../../../server/src/core/dockerfile/validation/rules/scope';
import { activeRules, runRules, unitAt } from '../../../server/src/core/dockerfile/validation/validate';
import { findSuppressions } from '../../../server/src/core/dockerfile/validation/suppressions';
import { context, files } from './helpers';
import { corpusDockerfiles } from './editing';
import { DOCKERFILE_REPORT_CASES } from './rules/reportCases';

test('the rules that need the whole file', () => {
  assert.deepEqual(ALL_RULES.filter((r) => r.meta.reach === 'file').map((r) => r.meta.id), [
    'instruction-casing', 'directive-casing', 'invalid-escape-directive', 'duplicate-directive', 'misplaced-directive', 'first-instruction', 'arg-default-without-equals',
    'duplicate-stage-name', 'unused-stage', 'build-platform-binary', 'root-user', 'missing-healthcheck', 'dev-server-cmd', 'apt-no-install-recommends', 'dev-dependency-omitted', 'dependencies-not-installed', 'go-get-outside-module', 'build-in-cmd', 'next-standalone-missing', 'poetry-removed-option', 'dockerignore-missing', 'dockerignore-incomplete',
    'copy-ignored-file', 'env-file-in-image', 'copy-source-missing', 'script-not-executable', 'script-crlf', 'script-no-shebang', 'script-missing', 'no-inline-ignore', 'definition-description', 'trusted-registry', 'label-schema',
  ]);
  assert.deepEqual(ALL_RULES.filter((r) => r.meta.namesLines).map((r) => r.meta.id), ['empty-continuation', 'multiple-instructions', 'cmd-ignored', 'package-install-as-user', 'nginx-unprivileged-user', 'copy-all-before-install', 'cleanup-in-later-layer']);
});

test('a rule whose message names a line number says so (namesLines), so it runs again on a stage that moved', () => {
  // The incremental fuzzer found cmd-ignored's "The ENTRYPOINT on line N" stale after an edit above it.
  for (const c of DOCKERFILE_REPORT_CASES) {
    const meta = ALL_RULES.find((r) => r.meta.id === c.code)?.meta;
    // A whole-file rule runs on every edit anyway.
    if (/\bline \d/.test(c.message)) assert.ok(meta?.namesLines || meta?.reach === 'file', c.code);
  }
});

test('a stage rule checked unit by unit reports what it reports over the whole file, each inside its unit', () => {
  const folder = 'file:///work/app';
  const ctx = context({
    files: files({ [`${folder}/.dockerignore`]: 'node_modules\n', [`${folder}/.hadolint.yaml`]: 'trustedRegistries: [docker.io]\n' }, [folder]),
    facts: { images: [{ name: 'node:20', id: 'i', size: 1, created: 1, platform: 'linux/arm64' }] },
    rules: Object.fromEntries(ALL_RULES.filter((r) => r.meta.severity === 'off').map((r) => [r.meta.id, 'warning' as const])),
  });
  const stageRules = ALL_RULES.filter((r) => r.meta.reach !== 'file');
  // Chains and references between stages, and a lone continuation (an instruction with no text).
  const extra = 'ARG V=1\nFROM a:$V AS one\nRUN cd x && apt-get update | tee y\nFROM one AS two\nCOPY --from=one / /\nCOPY --from=3 a b\nUSER nobody\nFROM two\nCMD service x start\n\\\n';
  for (const { name, text } of [...corpusDockerfiles(), { name: 'chain', text: extra }]) {
    const a = Analysis.of(text);
    const active = activeRules(ctx, stageRules, findSuppressions(a.doc));
    const uri = `${folder}/Dockerfile`;
    const whole = runRules(a, uri, ctx, active, wholeFileScope(a));
    const units = [-1, ...a.doc.stages.map((s) => s.index)];
    const byUnit = units.map((u) => runRules(a, uri, ctx, active, unitsScope(a, new Set([u]))));
    active.forEach((r, k) => {
      const id = r.rule.meta.id;
      const pieces = byUnit.map((results, n) => {
        for (const report of results[k] ?? []) assert.equal(unitAt(a, report.span.start), units[n], `${name}: ${id} reported outside unit ${units[n]}`);
        return results[k] ?? [];
      });
      const sorted = [...(whole[k] ?? [])].sort((x, y) => unitAt(a, x.span.start) - unitAt(a, y.span.start));
      assert.deepEqual(pieces.flat(), sorted, `${name}: ${id}`);
    });
  }
});

test('the stage references of a scope are those whose instruction is in it, in order (corpus, every unit alone and all together)', async () => {
  const { refsIn } = await import('../../../server/src/core/dockerfile/validation/rules/scope');
  const extra = 'FROM a AS one\nCOPY --from=one / /\nONBUILD COPY --from=one a b\nFROM one AS two\nRUN --mount=from=one,target=/x x\nCOPY --from=3 a b\nFROM two\nCOPY --from=two a b\n';
  let checked = 0;
  for (const { text } of [...corpusDockerfiles(), { text: extra }]) {
    const a = Analysis.of(text);
    const scopes = [wholeFileScope(a), ...[-1, ...a.doc.stages.map((s) => s.index)].map((u) => unitsScope(a, new Set([u]))), unitsScope(a, new Set(a.doc.stages.filter((s) => s.index % 2 === 1).map((s) => s.index)))];
    for (const scope of scopes) {
      const ctx = { a, scope } as Parameters<typeof refsIn>[0];
      assert.deepEqual(refsIn(ctx), a.stageRefs.filter((r) => scope.covers(r.instruction)));
      checked += refsIn(ctx).length;
    }
  }
  assert.ok(checked > 100, `${checked} references`);
});
