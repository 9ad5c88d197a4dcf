// The first answer for a file opened before the shell parser has loaded: validation with every
// script left unparsed (Analysis.deferShell). Over every Dockerfile of the corpus, in every
// context of the incremental tests' kind: each finding of the early answer is a finding of the
// full answer (same rule, message, range, data), nothing is said about a time limit, an answer
// that met no script is complete and says so, and the same validator's next, full validation
// equals a validation from scratch exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analysis } from '../../../server/src/core/dockerfile/analysis/analysis';
import { validateDockerfile } from '../../../server/src/core/dockerfile/dockerfileLanguageService';
import { IncrementalValidator } from '../../../server/src/core/dockerfile/validation/incrementalValidation';
import { timeNote } from '../../../server/src/core/limits';
import type { ServiceContext } from '../../../server/src/core/languageService';
import { context, files } from './helpers';
import { corpusDockerfiles } from './editing';

const folder = 'file:///work/app';
const uri = `${folder}/Dockerfile`;

const contexts: [string, () => ServiceContext][] = [
  ['defaults', () => context()],
  ['with context files', () => context({
    files: files({ [`${folder}/.dockerignore`]: 'node_modules\n*.md\n', [`${folder}/package.json`]: '{}' }, [folder]),
  })],
  ['every rule on', () => context({ rules: { 'missing-healthcheck': 'warning', 'no-inline-ignore': 'hint', 'definition-description': 'information', 'consecutive-run': 'error' } })],
];

const key = (d: unknown) => JSON.stringify(d);

for (const [label, make] of contexts) {
  test(`early validation of every corpus Dockerfile is part of the full one, and the full one follows (${label})`, () => {
    let partial = 0;
    let dropped = 0;
    for (const { name, text } of corpusDockerfiles()) {
      const full = validateDockerfile(text, make(), uri);
      const a = Analysis.of(text);
      const validator = new IncrementalValidator();
      a.deferShell = true;
      const early = validator.validate(a, uri, make());
      a.deferShell = false;
      const deferred = a.shellDeferred;

      const left = new Map<string, number>();
      for (const d of full) left.set(key(d), (left.get(key(d)) ?? 0) + 1);
      for (const d of early) {
        const n = left.get(key(d)) ?? 0;
        assert.ok(n > 0, `${name}: the early answer has a finding the full one has not: ${key(d)}`);
        left.set(key(d), n - 1);
      }
      assert.ok(!early.some((d) => d.message === timeNote()), `${name}: the early answer speaks of a time limit`);
      if (deferred) {
        partial++;
        dropped += full.length - early.length;
      } else {
        assert.deepEqual(early, full, `${name}: met no script, so the early answer is the full one`);
      }

      // The same validator's next run, on the same analysis, loads nothing early: the full answer.
      assert.deepEqual(validator.validate(a, uri, make()), full, `${name}: the full validation after the early one`);
      assert.equal(a.shellDeferred, false);
    }
    // The corpus has scripts whose checks report something: the early answer left those out.
    assert.ok(partial > 10, `partial answers: ${partial}`);
    assert.ok(dropped > 0, `findings left for the full answer: ${dropped}`);
  });
}

test('an early validation parses no script and remembers none as unparsable', () => {
  const text = 'FROM alpine:3.20\nRUN cd /tmp\nRUN echo hi\n';
  const a = Analysis.of(text);
  a.deferShell = true;
  const run = a.doc.instructions[1]!;
  assert.equal(a.shell(run), undefined);
  assert.equal(a.shellDeferred, true);
  a.deferShell = false;
  assert.ok(a.shell(run)?.summary.commands.some((c) => c.name === 'cd'));
});
