// Incremental parsing must give exactly the tree a parse from scratch gives, with the nodes an
// edit did not touch reused (and moved) rather than rebuilt.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Dockerfile, Instruction } from '../../../server/src/core/dockerfile/syntax/ast';
import { MAX_PARSED_ITEMS, parseDockerfile } from '../../../server/src/core/dockerfile/syntax/parser';
import { reparseDockerfile } from '../../../server/src/core/dockerfile/syntax/incrementalParse';
import { diffTexts } from '../../../server/src/core/dockerfile/syntax/textChange';
import { keyValuesOf } from '../../../server/src/core/dockerfile/syntax/words';
import { LineIndex } from '../../../server/src/core/text';
import { applyEdit, corpusDockerfiles, nextEdit, type Edit } from './editing';
import { random } from '../seededRandom';

/** The tree as plain data, with the lazily computed parts (words, key-value pairs) included. */
function plain(doc: Dockerfile): unknown {
  const node = (i: Instruction | undefined): unknown => i && {
    keyword: i.keyword, upper: i.upper, keywordSpan: i.keywordSpan, span: i.span, fullSpan: i.fullSpan, flags: i.flags,
    argText: i.argText, argStart: i.argStart, args: i.args, map: i.map, words: i.words, exec: i.exec,
    singleQuotedJson: i.singleQuotedJson, heredocs: i.heredocs, trigger: node(i.trigger), emptyContinuations: i.emptyContinuations,
    stage: i.stage, index: i.index, logical: i.logical,
    pairs: ['ENV', 'LABEL', 'ARG'].includes(i.upper) ? keyValuesOf(i, doc.escape) : undefined,
  };
  return JSON.parse(JSON.stringify({
    text: doc.text, directives: doc.directives, escape: doc.escape, comments: doc.comments, instructions: doc.instructions.map(node),
    stages: doc.stages.map((s) => ({ ...s, from: s.from.index, instructions: s.instructions.map((i) => i.index) })),
    globalArgs: doc.globalArgs.map((i) => i.index),
  }));
}

function reparse(doc: Dockerfile, text: string): Dockerfile {
  const change = diffTexts(doc.text, text);
  return change ? reparseDockerfile(doc, text, new LineIndex(text), change) : doc;
}

test('after every edit, the incremental parse equals a parse from scratch (corpus, targeted and random edits)', () => {
  const rnd = random(1);
  let edits = 0;
  for (const { name, text: original } of corpusDockerfiles()) {
    let text = original;
    let doc = parseDockerfile(text);
    for (let n = 0; n < 12; n++) {
      // Half the time the lazy parts exist before the edit, so they must be moved too.
      if (rnd(2) === 0) plain(doc);
      const edit = nextEdit(text, rnd);
      const next = applyEdit(text, edit);
      doc = reparse(doc, next);
      assert.deepEqual(plain(doc), plain(parseDockerfile(next)), `${name}, edit ${n} (${edit.kind}: ${JSON.stringify(edit)})`);
      text = next;
      edits++;
    }
  }
  assert.ok(edits > 1000);
});

test('a one-character edit re-parses one instruction and moves the others', () => {
  const text = 'FROM a AS b\nRUN one\nRUN two \\\n  && three\nCOPY x /y\nFROM b\nRUN four\n';
  const before = parseDockerfile(text);
  const old = [...before.instructions];
  const at = text.indexOf('two') + 3;
  const after = reparse(before, `${text.slice(0, at)}x${text.slice(at)}`);
  const reused = after.instructions.map((i, k) => i === old[k]);
  assert.deepEqual(reused, [true, true, false, true, true, true]);
  assert.equal(after.instructions[3]!.keywordSpan.start, text.indexOf('COPY') + 1);
});

test('an edit keeps the stages it leaves whole: those before it as they were, those after it moved and renumbered', () => {
  const text = 'ARG V=1\nFROM a AS one\nRUN x\nFROM one AS two\nRUN y\nFROM two AS three\nRUN z\nFROM three AS four\nRUN w\n';
  const before = parseDockerfile(text);
  const [one, , three, four] = before.stages;
  const globalArgs = before.globalArgs;
  // A new stage between the second and the third: the two after it move down by one. (Written in
  // lower case so that the edit, as a diff sees it, ends before the FROM after it.)
  const at = text.indexOf('FROM two');
  const next = `${text.slice(0, at)}from scratch AS extra\n${text.slice(at)}`;
  const fresh = plain(parseDockerfile(next));
  const after = reparse(before, next);
  assert.deepEqual(plain(after), fresh);
  assert.deepEqual(after.stages.map((s) => s.name?.value), ['one', 'two', 'extra', 'three', 'four']);
  assert.equal(after.stages[0], one);
  assert.equal(after.stages[3], three);
  assert.equal(after.stages[4], four);
  assert.equal(after.globalArgs, globalArgs);
  // An edit in a FROM line makes its stage again (its name may change), and the one before it,
  // which the re-parse reaches; the stages before those stay.
  const extra = after.stages[2];
  const renamed = next.replace('FROM three AS four', 'FROM three AS fourth');
  const again = reparse(after, renamed);
  assert.deepEqual(plain(again), plain(parseDockerfile(renamed)));
  assert.notEqual(again.stages[4], four);
  assert.equal(again.stages[4]!.name?.value, 'fourth');
  assert.equal(again.stages[2], extra);
});

test('edits that change how later lines read: heredocs, continuations, the escape directive', () => {
  const cases: [string, Edit][] = [
    ['FROM a\nRUN x\nEOF\nRUN y\n', { at: 12, remove: 0, insert: ' <<EOF', kind: 'heredoc opens' }],
    ['FROM a\nRUN <<EOF\nRUN x\nEOF\nRUN y\n', { at: 24, remove: 3, insert: '', kind: 'heredoc loses its end' }],
    ['FROM a\nRUN a \\\nb\nRUN c\n', { at: 13, remove: 1, insert: '', kind: 'continuation dropped' }],
    ['FROM a\nRUN a\nb\nRUN c\n', { at: 12, remove: 0, insert: ' \\', kind: 'continuation added' }],
    ['# escape=\\\nFROM a\nRUN a `\nb\n', { at: 9, remove: 1, insert: '`', kind: 'escape changed' }],
    ['FROM a\n\\', { at: 7, remove: 0, insert: 'x', kind: 'lone continuation' }],
    ['FROM a\nRUN b\n\\\n', { at: 12, remove: 0, insert: 'x', kind: 'lone continuation moved' }],
    ['FROM a\nRUN b\nONBUILD RUN <<EOF\nhi\nEOF\nONBUILD ENV A=1 B\nRUN c\n', { at: 12, remove: 0, insert: 'x', kind: 'ONBUILD with heredoc moved' }],
    // A lone \r (a line break to LSP and BuildKit) followed by an edit that starts with \n: one break
    // of the two, so the edited line now begins on the line before (the fuzzer found this one).
    ['FROM a\rRUN b\nRUN c\n', { at: 7, remove: 5, insert: '\n', kind: 'lone CR joined by LF' }],
    ['FROM a\nRUN a \\\r  b\rRUN c\n', { at: 18, remove: 5, insert: '\nRUN d', kind: 'lone CR joined by LF after a continuation' }],
    ['FROM a\rRUN b\r\rRUN c\n', { at: 13, remove: 0, insert: '\nx', kind: 'CR of an empty line joined by LF' }],
  ];
  for (const [text, edit] of cases) {
    const next = applyEdit(text, edit);
    assert.deepEqual(plain(reparse(parseDockerfile(text), next)), plain(parseDockerfile(next)), edit.kind);
    // Again with the lazy parts (words, key-value pairs) computed before the edit.
    const before = parseDockerfile(text);
    plain(before);
    assert.deepEqual(plain(reparse(before, next)), plain(parseDockerfile(next)), `${edit.kind}, lazy parts computed`);
  }
});

test('an edit that makes the file binary (a NUL near the top) parses it as a fresh parse does', () => {
  const text = 'FROM a\nRUN x\n';
  const next = 'FROM a\nRUN \u0000x\n';
  const change = diffTexts(text, next)!;
  assert.deepEqual(plain(reparseDockerfile(parseDockerfile(text), next, new LineIndex(next), change)), plain(parseDockerfile(next)));
  assert.equal(parseDockerfile(next).unparsed?.reason, 'binary');
});

/** A file past the item budget: stages of six items (a FROM, comments, a continued RUN...), 200 items too many. */
function overBudget(): string {
  const out: string[] = [];
  for (let s = 0; s * 6 < MAX_PARSED_ITEMS + 200; s++) {
    out.push(`FROM base AS s${s}`, '# a comment', 'RUN a \\', '  # inside', '    && b', 'ENV A=1 B=2', '', `COPY --from=s${s} . .`);
  }
  return out.join('\n');
}

test('past the item budget, an edit before the cut that keeps the item count is parsed incrementally, as a fresh parse', () => {
  const text = overBudget();
  const before = parseDockerfile(text);
  assert.equal(before.unparsed?.reason, 'size');
  const old = [...before.instructions];
  const at = text.indexOf('RUN a', text.length / 3) + 5;
  const next = `${text.slice(0, at)}x${text.slice(at)}`;
  const after = reparse(before, next);
  assert.deepEqual(plain(after), plain(parseDockerfile(next)));
  assert.deepEqual(after.unparsed, parseDockerfile(next).unparsed);
  // The nodes after the edit are the old ones, moved: nothing past the edited instruction was re-parsed.
  assert.equal(after.instructions[after.instructions.length - 1], old[old.length - 1]);
});

test('past the item budget, every kind of edit gives what a fresh parse gives, cut included', () => {
  const rnd = random(7);
  let text = overBudget();
  let doc = parseDockerfile(text);
  let reused = 0;
  for (let n = 0; n < 16; n++) {
    if (rnd(2) === 0) plain(doc);
    // Most edits near the middle; some where they add or remove items, or reach the cut.
    const lines = text.split('\n');
    const line = n % 8 === 7 ? lines.length - 1 - rnd(400) : Math.floor(lines.length / 2) + rnd(200) - 100;
    const start = lines.slice(0, line).reduce((sum, l) => sum + l.length + 1, 0);
    const inserts = ['x', ' ', '\n', '\\', '#', '\nRUN y', '\n# c', '<<EOF\n', ''];
    const insert = inserts[rnd(inserts.length)]!;
    const edit: Edit = { at: start + rnd((lines[line]?.length ?? 0) + 1), remove: insert === '' ? 1 : 0, insert, kind: 'near the cut' };
    const next = applyEdit(text, edit);
    const last = doc.instructions[doc.instructions.length - 1];
    doc = reparse(doc, next);
    const fresh = parseDockerfile(next);
    assert.deepEqual(plain(doc), plain(fresh), `edit ${n}: ${JSON.stringify(edit)}`);
    assert.deepEqual(doc.unparsed, fresh.unparsed, `edit ${n}: the cut`);
    if (doc.instructions[doc.instructions.length - 1] === last) reused++;
    text = next;
  }
  // Most of these edits keep the item count: the incremental path was taken, not only the fresh one.
  assert.ok(reused > 4, `reused the tail ${reused} times`);
});

test('a file of exactly the item budget is parsed whole, and an edit in it re-parses one instruction (not the file)', () => {
  // A fresh parse cuts only an item after the budget's last one; the incremental parse took
  // reaching the budget for passing it, and parsed 10,000-instruction files afresh on every edit.
  const lines = ['FROM debian'];
  while (lines.length < MAX_PARSED_ITEMS) lines.push(`RUN echo ${lines.length}`);
  const text = `${lines.join('\n')}\n`;
  const before = parseDockerfile(text);
  assert.equal(before.instructions.length, MAX_PARSED_ITEMS);
  assert.equal(before.unparsed, undefined);
  const old = [...before.instructions];
  const at = text.indexOf('RUN echo 5000') + 8;
  const next = `${text.slice(0, at)}x${text.slice(at)}`;
  const after = reparse(before, next);
  assert.deepEqual(plain(after), plain(parseDockerfile(next)));
  assert.equal(after.unparsed, undefined);
  assert.equal(after.instructions[1], old[1]);
  assert.equal(after.instructions[MAX_PARSED_ITEMS - 1], old[MAX_PARSED_ITEMS - 1]);
  // One item more passes the budget: parsed afresh, cut where a fresh parse cuts.
  const grown = `${next}RUN one more\n`;
  const cut = reparse(after, grown);
  assert.deepEqual(cut.unparsed, parseDockerfile(grown).unparsed);
  assert.equal(cut.unparsed?.reason, 'size');
});
