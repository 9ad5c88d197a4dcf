// The analysis of an edited text carries from the previous version what the edit cannot have
// changed (the stages, their names, FROM parents, roots, base image references, stage
// references and which stages are used, when the edit touched no FROM, flag or global ARG; the shell budget's cut, the expansion bound, the keyword casing and
// the scripts past a shell limit, by what the edit replaced). Whatever is carried must equal
// what an analysis of the same text from scratch works out, after every kind of edit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analysis } from '../../../server/src/core/dockerfile/analysis/analysis';
import { nextAnalysis } from '../../../server/src/core/dockerfile/analysis/nextAnalysis';
import { stageUse } from '../../../server/src/core/dockerfile/analysis/stageUse';
import { editFootprint } from '../../../server/src/core/dockerfile/analysis/editFootprint';
import { MAX_SHELL_TOTAL } from '../../../server/src/core/dockerfile/analysis/analysis';
import { MAX_EXPANDED_LENGTH } from '../../../server/src/core/dockerfile/analysis/expand';
import { MAX_PARSED_ITEMS, parseDockerfile } from '../../../server/src/core/dockerfile/syntax/parser';
import { reparseDockerfile } from '../../../server/src/core/dockerfile/syntax/incrementalParse';
import { diffTexts } from '../../../server/src/core/dockerfile/syntax/textChange';
import { LineIndex } from '../../../server/src/core/text';
import { applyEdit, corpusDockerfiles, nextEdit } from './editing';
import { random } from '../seededRandom';

const RUNS = (i: { upper: string }) => i.upper === 'RUN';

/** Everything the analysis carries, as plain data (computing it, so the next version can carry it). */
function carried(a: Analysis): unknown {
  const { stages, instructions } = a.doc;
  return {
    stageByName: [...a.stageByName].map(([name, s]) => [name, s.index, s === stages[s.index]]),
    parents: stages.map((s) => a.parentOf(s.index)),
    refs: a.stageRefs.map((r) => ({
      name: r.name, start: r.span.start, end: r.span.end, kind: r.kind, instruction: r.instruction.index,
      ownNode: r.instruction === instructions[r.instruction.index], target: r.target?.index, ownTarget: !r.target || r.target === stages[r.target.index],
    })),
    roots: stages.map((s) => a.rootOf(s).index),
    baseRefs: stages.map((s) => a.baseImageRef(s)),
    used: [...stageUse(a).used].sort((x, y) => x - y),
    finalImage: [...stageUse(a).finalImage].sort((x, y) => x - y),
    shellCut: a.shellCut(),
    mayExpandTooLarge: a.mayExpandTooLarge(),
    casing: a.keywordCasing(),
    runs: a.instructionsWhere('test: RUN', RUNS).map((i) => [i.index, i === instructions[i.index]]),
  };
}

/** Edits each text in turn from the previous one's analysis and compares with a fresh analysis. */
function follow(texts: readonly string[], label: string): void {
  let a = Analysis.of(texts[0]!);
  carried(a);
  for (let k = 1; k < texts.length; k++) {
    a = nextAnalysis(a, texts[k]!);
    assert.deepEqual(carried(a), carried(Analysis.of(texts[k]!)), `${label}, step ${k}: ${JSON.stringify(texts[k]!.slice(0, 120))}`);
  }
}

test('edits that must not be carried over: ARG, ENV, FROM and stage names, stage references, a line break joining instructions, the escape directive', () => {
  const base = 'ARG BASE=alpine\nFROM ${BASE} AS one\nENV A=1\nRUN echo $A\n\nFROM one AS two\nCOPY --from=one /a /b\nRUN --mount=type=cache,from=one,target=/c make\nRun lower\nFROM two\nRUN x\n';
  const steps = [
    base,
    base.replace('ENV A=1', 'ENV A=12'), // an ENV value
    base.replace('ENV A=1', 'ENV AB=1'), // an ENV name
    base.replace('ARG BASE=alpine', 'ARG BASE=one'), // a global ARG: FROM ${BASE} now names no stage... or one
    base.replace('AS one', 'AS uno'), // a stage name: references lose their target
    base.replace('AS one', 'AS one').replace('COPY --from=one', 'COPY --from=two'), // a reference
    base.replace('from=one,', 'from=two,'), // a reference inside --mount
    base.replace('RUN echo $A\n', 'RUN echo $A \\\n'), // a line break joined: RUN swallows the blank line and FROM one AS two
    base, // and split again
    base.replace('Run lower', 'RUN lower'), // keyword casing
    base.replace('Run lower', 'run lower'),
    base.replace('RUN x\n', 'RUN x\nRUN y\n'), // a new RUN at the end
    base.replace('RUN echo $A\n', ''), // an instruction removed before the references
    `# escape=\`\n${base}`, // the escape directive
    base.replace('FROM two\n', 'FROM two AS three\n'), // a FROM gains a name
    base.replace('\nFROM two\nRUN x\n', '\n'), // a stage removed
    base,
  ];
  follow(steps, 'targeted');
  // Each step from the base text alone, too (a different previous version for each).
  for (const step of steps) follow([base, step, base], 'from base');
});

test('the shell budget\'s cut and the scripts past a limit follow edits before, at and after the cut', () => {
  const run = (k: number) => `RUN ${'echo x && '.repeat(30)}echo ${k}`;
  const count = Math.ceil(MAX_SHELL_TOTAL / run(0).length) + 20;
  const deep = `RUN ${'('.repeat(200)}x${')'.repeat(200)}`;
  const lines = ['FROM alpine', deep, ...Array.from({ length: count }, (_, k) => run(k)), 'CMD ["x"]'];
  const text = lines.join('\n');
  const at = (k: number) => lines.slice(0, k).join('\n').length + 1;
  const cutLine = Analysis.of(text).shellCut() + 1; // the FROM is instruction 0, on line 0
  const steps = [text];
  for (const line of [2, cutLine - 1, cutLine, cutLine + 1, lines.length - 2]) {
    // Each round of four edits comes back to the original text.
    const offset = at(line);
    steps.push(applyEdit(text, { at: offset + 5, remove: 0, insert: 'y', kind: '' })); // a longer script
    steps.push(applyEdit(steps[steps.length - 1]!, { at: offset + 5, remove: 1, insert: '', kind: '' })); // and back
    steps.push(applyEdit(steps[steps.length - 1]!, { at: offset, remove: 0, insert: 'ENV E=1\n', kind: '' })); // an instruction that is no script
    steps.push(applyEdit(steps[steps.length - 1]!, { at: offset, remove: 8, insert: '', kind: '' }));
  }
  steps.push(text.replace(deep, 'RUN shallow')); // no script past a limit
  steps.push(text);
  follow(steps, 'shell budget');
  assert.ok(Analysis.of(text).shellCut() < Infinity);
});

test('the expansion bound follows ARG and ENV edits that cross it', () => {
  const big = 'y'.repeat(MAX_EXPANDED_LENGTH - 10);
  const base = `FROM alpine\nENV A=${big}\nENV B=\${A}\nRUN echo\n`;
  follow([base, base.replace('ENV B=${A}', 'ENV B=${A}${A}'), base.replace('ENV B=${A}', 'ENV B=${A}${A}').replace('RUN echo', 'RUN echo hi'), base, base.replace('ENV B', 'ARG B')], 'bound');
});

test('past the parse budget: edits before the cut carry, the cut stays where a fresh parse puts it', () => {
  const out: string[] = [];
  for (let s = 0; s * 4 < MAX_PARSED_ITEMS + 100; s++) out.push(`FROM base AS s${s}`, `COPY --from=s${s} . .`, 'Run a', '# c');
  const text = out.join('\n');
  const mid = text.indexOf('Run a', text.length / 2);
  follow([text, applyEdit(text, { at: mid + 5, remove: 0, insert: 'x', kind: '' }), applyEdit(text, { at: mid, remove: 3, insert: 'RUN', kind: '' }), text], 'parse budget');
  assert.equal(parseDockerfile(text).unparsed?.reason, 'size');
});

test('random and targeted edits over the corpus: the carried analysis equals one from scratch', () => {
  const rnd = random(1807);
  let edits = 0;
  for (const { name, text: original } of corpusDockerfiles()) {
    const texts = [original];
    for (let n = 0; n < 10; n++) texts.push(applyEdit(texts[n]!, nextEdit(texts[n]!, rnd)));
    follow(texts, name);
    edits += 10;
  }
  assert.ok(edits > 1000);
});

test('the footprint of an edit: the new nodes are in no old list, the replaced ones in no new list, the rest the same nodes', () => {
  const rnd = random(99);
  for (const { text: original } of corpusDockerfiles().slice(0, 40)) {
    let text = original;
    let doc = parseDockerfile(text);
    for (let n = 0; n < 8; n++) {
      const next = applyEdit(text, nextEdit(text, rnd));
      const change = diffTexts(text, next);
      if (!change) continue;
      const olds = doc.instructions;
      const oldSet = new Set(olds);
      doc = reparseDockerfile(doc, next, new LineIndex(next), change);
      const f = editFootprint(olds, doc.instructions, change);
      const newSet = new Set(doc.instructions);
      assert.ok(f.fresh.every((i) => !oldSet.has(i)) && f.removed.every((i) => !newSet.has(i)));
      assert.deepEqual(doc.instructions.filter((i) => !oldSet.has(i)), [...f.fresh]);
      assert.deepEqual(olds.filter((i) => !newSet.has(i)), [...f.removed]);
      assert.equal(f.shift, doc.instructions.length - olds.length);
      for (let k = 0; k < f.kept; k++) assert.equal(doc.instructions[k], olds[k]);
      text = next;
    }
  }
});
