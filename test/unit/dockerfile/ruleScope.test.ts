// Incremental validation re-runs a stage rule on some stages only, so every stage rule must
// look at `ctx.scope` and report inside the stages it was given; the rules that need the whole
// file say so (reach: 'file') and run every time. Instruction rules (reach: 'instruction') run
// on the edited instructions of a stage only, so each must read its instruction alone.
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
import { editedScope } from '../../../server/src/core/dockerfile/validation/instructionReuse';
import { unitsOf } from '../../../server/src/core/dockerfile/validation/validationUnits';
import { relinksShToBash } from '../../../server/src/core/dockerfile/analysis/shellRelink';
import type { Report } from '../../../server/src/core/dockerfile/validation/rules/rule';

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

test('an instruction rule reports on each instruction what it reports over the whole file, and nothing another instruction says changes that', () => {
  // What incremental validation relies on inside a long stage (instructionReuse.ts): (1) run on
  // one instruction alone, an instruction rule reports inside it exactly what the whole run does,
  // in the same order; (2) blanking another instruction (not a FROM or one that sets the shell, and
  // keeping the stage's dependency key) leaves its reports on every other instruction as they were. Over the
  // corpus and every rule's report cases, with every rule on.
  const rules = ALL_RULES.filter((r) => r.meta.reach === 'instruction');
  assert.ok(rules.length >= 60, `${rules.length} instruction rules`);
  for (const r of rules) assert.ok(!r.meta.namesLines, `${r.meta.id} names lines`);
  const allOn = Object.fromEntries(ALL_RULES.filter((r) => r.meta.severity === 'off').map((r) => [r.meta.id, 'warning' as const]));
  const inputs: { name: string; text: string; ctx: ReturnType<typeof context>; uri: string }[] = [];
  for (const c of DOCKERFILE_REPORT_CASES) {
    const base = c.ctx ? c.ctx() : context();
    const ctx = { ...base, settings: { rules: { ...allOn, ...base.settings.rules } } };
    for (const text of [c.bad, c.good]) inputs.push({ name: `${c.code} case`, text, ctx, uri: c.uri ?? 'file:///work/app/Dockerfile' });
  }
  const plain = context({ rules: allOn, files: files({ 'file:///work/app/.dockerignore': 'node_modules\n' }, ['file:///work/app']) });
  for (const { name, text } of corpusDockerfiles()) inputs.push({ name, text, ctx: plain, uri: 'file:///work/app/Dockerfile' });
  const key = (r: { span: { start: number; end: number }; message: string; severity?: string; data?: unknown }) => `${r.span.start}-${r.span.end} ${r.message} ${r.severity ?? ''} ${JSON.stringify(r.data ?? null)}`;
  const blank = (text: string, s: number, e: number) => text.slice(0, s) + text.slice(s, e).replace(/[^\n]/g, ' ') + text.slice(e);
  let perturbed = 0;
  for (const input of inputs) {
    const a = Analysis.of(input.text);
    const active = activeRules(input.ctx, rules, findSuppressions(a.doc), input.uri);
    const whole = runRules(a, input.uri, input.ctx, active, wholeFileScope(a));
    const inStages = a.doc.instructions.filter((i) => i.stage >= 0);
    const alone = inStages.map((i) => runRules(a, input.uri, input.ctx, active, editedScope([i])));
    active.forEach((r, k) => {
      const id = r.rule.meta.id;
      const pieces = alone.flatMap((results, m) => {
        const i = inStages[m]!;
        for (const x of results[k] ?? []) assert.ok(x.span.start >= i.fullSpan.start && x.span.end <= i.fullSpan.end, `${input.name}: ${id} reported outside its instruction`);
        return (results[k] ?? []).map(key);
      });
      const inStage = (whole[k] ?? []).filter((x) => (a.instructionAt(x.span.start)?.stage ?? 0) >= 0).map(key);
      assert.deepEqual(pieces, inStage, `${input.name}: ${id}`);
    });
    if (inStages.length > 40) continue;
    const deps = unitsOf(a).map((u) => u.deps).join('|');
    for (const j of inStages) {
      if (j.upper === 'FROM' || j.upper === 'SHELL' || relinksShToBash(j)) continue;
      const b = Analysis.of(blank(input.text, j.fullSpan.start, j.fullSpan.end));
      if (b.doc.stages.length !== a.doc.stages.length || unitsOf(b).map((u) => u.deps).join('|') !== deps) continue;
      const again = runRules(b, input.uri, input.ctx, activeRules(input.ctx, rules, findSuppressions(b.doc), input.uri), wholeFileScope(b));
      perturbed++;
      active.forEach((r, k) => {
        for (const i of inStages) {
          if (i === j) continue;
          const inside = (list: Report[] | null | undefined) => (list ?? []).filter((x) => x.span.start >= i.fullSpan.start && x.span.end <= i.fullSpan.end).map(key);
          assert.deepEqual(inside(again[k]), inside(whole[k]), `${input.name}: ${r.rule.meta.id} on line ${a.lines.positionAt(i.span.start).line + 1} changes when line ${a.lines.positionAt(j.span.start).line + 1} is blanked`);
        }
      });
    }
  }
  assert.ok(perturbed > 1000, `${perturbed} files with an instruction blanked`);
});

test('an instruction rule\'s reports stay the same when another instruction comes into its stage, above or below', () => {
  // Instructions that other rules read across a stage (the user, the working directory, the
  // entrypoint, what earlier RUNs installed or removed, package sources, a variable), put right
  // after each FROM and at the end of each rule's report case: the reports on the case's own
  // instructions must only move.
  const rules = ALL_RULES.filter((r) => r.meta.reach === 'instruction');
  const allOn = Object.fromEntries(ALL_RULES.filter((r) => r.meta.severity === 'off').map((r) => [r.meta.id, 'warning' as const]));
  const pool = ['USER root', 'USER app', 'WORKDIR /app', 'WORKDIR /var/www/html', 'ENV PIP_NO_CACHE_DIR=1 DEBIAN_FRONTEND=noninteractive', 'ARG V=1',
    'ENTRYPOINT ["/bin/sh", "-c"]', 'ENTRYPOINT ["node"]', 'CMD ["x"]', 'RUN apt-get update', 'RUN apt-get install -y sudo curl wget bash',
    'RUN apk add --no-cache bash sudo curl', 'RUN userdel node && groupdel node', 'RUN useradd -m app', 'COPY . .', 'COPY package.json Gemfile go.mod ./',
    'EXPOSE 80', 'LABEL a=b', 'RUN echo "deb http://archive.debian.org/debian stretch main" > /etc/apt/sources.list', 'RUN corepack enable',
    'RUN rm -rf /var/lib/apt/lists/*', 'VOLUME /data', 'RUN set -o pipefail'];
  const key = (r: Report, by: number) => `${r.span.start - by}-${r.span.end - by} ${r.message} ${r.severity ?? ''}`;
  let compared = 0;
  for (const c of DOCKERFILE_REPORT_CASES) {
    const base = c.ctx ? c.ctx() : context();
    const ctx = { ...base, settings: { rules: { ...allOn, ...base.settings.rules } } };
    const uri = c.uri ?? 'file:///work/app/Dockerfile';
    const text = c.bad.endsWith('\n') ? c.bad : `${c.bad}\n`;
    const a = Analysis.of(text);
    if (a.doc.stages.length === 0) continue;
    const active = activeRules(ctx, rules, findSuppressions(a.doc), uri);
    const whole = runRules(a, uri, ctx, active, wholeFileScope(a));
    const deps = unitsOf(a).map((u) => u.deps).join('|');
    const own = a.doc.instructions.filter((i) => i.stage >= 0 && i.upper !== 'FROM');
    for (const line of pool) {
      for (const at of [a.doc.stages[0]!.from.fullSpan.end + 1, text.length]) {
        const inserted = `${line}\n`;
        const b = Analysis.of(text.slice(0, at) + inserted + text.slice(at));
        if (b.doc.stages.length !== a.doc.stages.length || unitsOf(b).map((u) => u.deps).join('|') !== deps) continue;
        const again = runRules(b, uri, ctx, activeRules(ctx, rules, findSuppressions(b.doc), uri), wholeFileScope(b));
        compared++;
        active.forEach((r, k) => {
          for (const i of own) {
            const by = i.fullSpan.start >= at ? inserted.length : 0;
            const inside = (list: Report[] | null | undefined, shift: number) => (list ?? []).filter((x) => x.span.start >= i.fullSpan.start + shift && x.span.end <= i.fullSpan.end + shift).map((x) => key(x, shift));
            assert.deepEqual(inside(again[k], by), inside(whole[k], 0), `${c.code} case: ${r.rule.meta.id} on line ${a.lines.positionAt(i.span.start).line + 1} changes with ${line} put in at ${at}`);
          }
        });
      }
    }
  }
  assert.ok(compared > 3000, `${compared} cases with an instruction put in`);
});
