// Budgets of the Dockerfile analysis, from the inputs that once blew the server up: values that
// double with every line, chains of thousands of ARGs, deeply nested shell, huge and binary files.
// Each budget gives one note where it was hit, and the other findings are still reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateDockerfile, dockerfileLanguageService } from '../../../server/src/core/dockerfile/dockerfileLanguageService';
import { Analysis } from '../../../server/src/core/dockerfile/analysis/analysis';
import { nextAnalysis } from '../../../server/src/core/dockerfile/analysis/nextAnalysis';
import { MAX_USES_PER_STAGE, mayExpandTooLarge } from '../../../server/src/core/dockerfile/analysis/variableScope';
import { corpusDockerfiles } from './editing';
import { MAX_EXPANDED_LENGTH } from '../../../server/src/core/dockerfile/analysis/expand';
import { MAX_INLAY_HINTS } from '../../../server/src/core/limits';
import { context, doc } from './helpers';
import { doubling } from '../../fuzz/pathologicalInputs.mjs';

const notes = (text: string) => validateDockerfile(text).filter((d) => d.code === 'analysis-limit');
const lineOf = (text: string, line: number) => text.split('\n')[line]!;

for (const kind of ['ENV', 'ARG'] as const) {
  test(`${kind} values doubling on 40 lines stop at the expansion budget with one note, and the other findings stay (2.1 GB, or no diagnostics at all, before)`, () => {
    const text = doubling(kind, 40);
    const all = validateDockerfile(text);
    const limit = all.filter((d) => d.code === 'analysis-limit');
    assert.equal(limit.length, 1);
    // E16 would be 2^17 characters: the first value past 64 KB.
    assert.match(lineOf(text, limit[0]!.range.start.line), new RegExp(`^${kind} E16=`));
    assert.match(limit[0]!.message, /The value of E16 is too large to expand \(over 65,536 characters\)/);
    // The rest of the analysis goes on: the untagged base image is still reported.
    assert.ok(all.some((d) => d.code !== 'analysis-limit'), all.map((d) => d.code).join());
    const a = Analysis.of(text);
    const values = a.variables.defs.map((d) => d.value?.length ?? -1);
    assert.equal(Math.max(...values), 2 ** 16);
    assert.ok(a.variables.defs.slice(17).every((d) => d.value === undefined));
  });
}

test('5,000 chained ARGs are expanded in full (each value one longer), well inside the total budget', () => {
  const text = `ARG A0=start\n${Array.from({ length: 5000 }, (_, i) => `ARG A${i + 1}=\${A${i}}x`).join('\n')}\nFROM alpine:\${A5000}\n`;
  const a = Analysis.of(text);
  // (Compared without printing five thousand x's should it fail.)
  assert.ok(a.imageOf(a.doc.stages[0]!) === `alpine:start${'x'.repeat(5000)}`);
  assert.deepEqual(notes(text), []);
});

test('thousands of large values stop at the file\'s total budget', () => {
  const big = 'y'.repeat(MAX_EXPANDED_LENGTH - 10);
  const text = `FROM alpine\nENV BIG=${big}\n${Array.from({ length: 400 }, (_, i) => `ENV C${i}=\${BIG}`).join('\n')}\n`;
  const a = Analysis.of(text);
  const unknown = a.variables.defs.filter((d) => d.value === undefined);
  assert.ok(unknown.length > 50 && unknown[0]!.tooLarge);
  assert.equal(notes(text).length, 1);
});

test('150 nested (( )) in RUN is valid shell: no syntax error, a note that the shell was not checked', () => {
  const text = `FROM alpine\nRUN echo $${'(('.repeat(150)}1${'))'.repeat(150)}\n`;
  const all = validateDockerfile(text);
  assert.ok(!all.some((d) => /syntax error|Maximum call stack/i.test(d.message)), all.map((d) => d.message).join('\n'));
  const limit = all.filter((d) => d.code === 'analysis-limit');
  assert.equal(limit.length, 1);
  assert.equal(limit[0]!.range.start.line, 1);
  assert.match(limit[0]!.message, /nests brackets more than 48 levels/);
  // 64 nested $(( )) overflowed the parser's stack; at 24 it parses.
  assert.deepEqual(notes(`FROM alpine\nRUN echo $${'(('.repeat(12)}1${'))'.repeat(12)}\n`), []);
});

test('a script over 64 KB is not parsed; its note is on its keyword', () => {
  const text = `FROM alpine\nRUN echo ${'a '.repeat(40_000)}\nCMD ["x"]\n`;
  const limit = notes(text);
  assert.equal(limit.length, 1);
  assert.deepEqual(limit[0]!.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } });
});

test('past the parse budget: findings before the cut, one note at it, nothing after', () => {
  const text = `FROM alpine\n${'RUN echo hi\n'.repeat(12_000)}RUNN late\n`;
  const all = validateDockerfile(text);
  const limit = all.filter((d) => d.code === 'analysis-limit' && !/scripts in this file/.test(d.message));
  assert.equal(limit.length, 1);
  assert.equal(limit[0]!.range.start.line, 10_000);
  assert.match(limit[0]!.message, /too large to check past this line/);
  assert.ok(!all.some((d) => d.code === 'unknown-instruction'));
});

test('a binary file gets one note and nothing else', () => {
  const all = validateDockerfile('FROM alpine\n\u0000\u0001\u0002RUNN\n');
  assert.deepEqual(all.map((d) => d.code), ['analysis-limit']);
  assert.match(all[0]!.message, /looks binary/);
});

test('lines of only U+2028, U+2029 or U+3000 are blank: no unknown instruction, no symbol with an empty name', () => {
  const text = 'FROM alpine:3.20\n\u2028\n\u2029\n\u3000\nRUN echo hi\n';
  assert.deepEqual(validateDockerfile(text).filter((d) => d.severity === 1), []);
  const symbols = dockerfileLanguageService.documentSymbols!(doc(text), context());
  const names = symbols.flatMap((s) => [s.name, ...(s.children ?? []).map((c) => c.name)]);
  assert.ok(names.every((n) => n.trim().length > 0), JSON.stringify(names));
});

test('scripts past 64 KB in all are not parsed: one note at the first, and incremental equals fresh across the cut', () => {
  const run = `RUN apt-get update && apt-get install -y ${'pkg '.repeat(1000)}\n`;
  const text = `FROM debian\n${run.repeat(20)}RUN echo "unclosed\n`;
  const limit = notes(text);
  assert.equal(limit.length, 1);
  assert.match(limit[0]!.message, /longer than 65,536 characters in all/);
  const a = Analysis.of(text);
  const cut = a.shellCut();
  assert.ok(cut > 1 && cut < a.doc.instructions.length);
  assert.equal(a.shell(a.doc.instructions[cut]!), undefined);
  assert.ok(a.shell(a.doc.instructions[1]!));
  // The unclosed quote past the cut is not reported as a shell syntax error.
  assert.ok(!validateDockerfile(text).some((d) => /syntax/i.test(d.message) && d.range.start.line === 21));
  // Editing the first script moves the cut: the incremental result still equals a fresh one.
  const document = { uri: 'file:///l/Dockerfile', version: 1, text };
  const ctx = context();
  dockerfileLanguageService.validate({ uri: document.uri, version: 1, getText: () => text }, ctx);
  const shorter = text.replace('pkg pkg pkg ', '');
  const incremental = dockerfileLanguageService.validate({ uri: document.uri, version: 2, getText: () => shorter }, ctx);
  assert.deepEqual(incremental, validateDockerfile(shorter, ctx, document.uri));
});

test('a heredoc of 200,000 lines is read up to the parse budget, then the parse stops there', () => {
  const text = `FROM alpine\nRUN <<EOF\n${'echo $HOME && ls "$PWD"\n'.repeat(200_000)}EOF\nRUNN late\n`;
  const a = Analysis.of(text);
  const heredoc = a.doc.instructions[1]!.heredocs[0]!;
  assert.equal(heredoc.terminator, undefined);
  assert.ok(heredoc.body.end <= 2 * 1024 * 1024 + 100);
  assert.equal(a.doc.unparsed?.reason, 'size');
  assert.ok(a.variables.uses.length < 200_000);
  assert.ok(!validateDockerfile(text).some((d) => d.code === 'unknown-instruction'));
});

test('2,000 stages (the stage budget): each suggestion compares a bounded number of names and still finds a typo', () => {
  const stages = Array.from({ length: 1999 }, (_, i) => `FROM alpine AS stage${i}\nCOPY --from=stage${Math.max(0, i - 1)} /a /a\n`).join('');
  const all = validateDockerfile(`${stages}FROM stage1x\nCOPY --from=stag1 /a /a\n`);
  assert.ok(all.some((d) => d.code === 'unknown-stage' && /Did you mean stage1\?/.test(d.message)), all.filter((d) => d.code === 'unknown-stage').map((d) => d.message).join('\n'));
});

test('thousands of uses of long values on one line give a bounded inlay hint answer (17 MB before) and a bounded hover', () => {
  // A1 = x, A2 = xx, …: 5,000 ARGs on one line, each used twice in the next one's value (A0 is
  // empty: its default is used, which is A0 again).
  const text = `ARG A0= ${Array.from({ length: 5000 }, (_, i) => `A${i + 1}=\${A${i}:-\${A${i}}}x`).join(' ')}\nFROM alpine\nARG A4000\nRUN echo \${A4000}\n`;
  const d = doc(text);
  const hints = dockerfileLanguageService.inlayHints!(d, { start: { line: 0, character: 0 }, end: { line: 4, character: 0 } }, context());
  assert.equal(hints.length, MAX_INLAY_HINTS);
  for (const h of hints) {
    assert.ok(String(h.label).length <= 42, String(h.label));
    assert.ok(String(h.tooltip).length < 700, `${String(h.tooltip).length}`);
  }
  assert.ok(JSON.stringify(hints).length < 1024 * 1024);
  const hover = dockerfileLanguageService.hover!(d, { line: 3, character: 13 }, context())?.contents.value ?? '';
  assert.match(hover, /\*\*A4000\*\* = `[^`]+…`/);
  assert.ok(hover.length < 1000, `${hover.length}`);
});

test('a stage records at most 10,000 variable uses (a heredoc of 200,000 lines held 87,000, 44 MB in the request worker), the first ones in order', () => {
  const text = `FROM alpine\nARG HOME=/root\nRUN <<EOF\n${'echo $HOME && ls "$PWD"\n'.repeat(60_000)}EOF\nFROM alpine\nRUN echo $HOME\n`;
  const a = Analysis.of(text);
  const first = a.variables.unit(0);
  assert.equal(first.uses.length, MAX_USES_PER_STAGE);
  assert.deepEqual(first.uses.slice(0, 3).map((u) => [u.ref.name, a.lines.positionAt(u.ref.span.start).line]), [['HOME', 3], ['PWD', 3], ['HOME', 4]]);
  assert.equal(first.uses[0]!.def?.name, 'HOME');
  // The next stage has its own budget.
  assert.deepEqual(a.variables.unit(1).uses.map((u) => u.ref.name), ['HOME']);
});

test('the bound on expanded values never misses a value too large to expand, and lets ordinary files skip the whole-file scope', () => {
  const big = 'y'.repeat(MAX_EXPANDED_LENGTH - 10);
  const crafted = [
    doubling('ENV', 40), doubling('ARG', 40), doubling('ENV', 16), doubling('ARG', 17),
    `FROM alpine\nENV BIG=${big}\n${Array.from({ length: 400 }, (_, i) => `ENV C${i}=\${BIG}`).join('\n')}\n`,
    `ARG G=${big}\nFROM alpine\nARG G\nENV H=\${G}\${G}\n`,
    `FROM alpine\nENV A=${big} B=\${A}x\nFROM alpine AS two\nENV C=\${A:-\${A}}\${A}\n`,
  ];
  let skipped = 0;
  for (const text of [...corpusDockerfiles().map((f) => f.text), ...crafted]) {
    const a = Analysis.of(text);
    const tooLarge = a.variables.defs.some((d) => d.tooLarge);
    if (!mayExpandTooLarge(a.doc)) {
      assert.equal(tooLarge, false, text.slice(0, 200));
      skipped++;
    }
  }
  // Real Dockerfiles (the corpus) are far from the budget: nearly all skip it.
  assert.ok(skipped >= corpusDockerfiles().length * 0.9, `${skipped} skipped`);
  assert.equal(mayExpandTooLarge(Analysis.of(doubling('ENV', 40)).doc), true);
});

test('the bound on expanded values follows edits: the sizes kept per ARG/ENV node are those of the edited text', () => {
  const big = 'y'.repeat(MAX_EXPANDED_LENGTH - 10);
  // Each step edits the previous text; nodes the edit did not touch keep their remembered sizes.
  const steps = [
    'FROM alpine\nENV A=short\nENV B=${A}${A}\nRUN echo\n',
    `FROM alpine\nENV A=${big}\nENV B=\${A}\${A}\nRUN echo\n`, // a value grows past the bound
    'FROM alpine\nENV A=short\nENV B=${A}${A}\nRUN echo\n', // and shrinks again
    `FROM alpine\nENV A=${big}\nENV B=\${A}\nRUN echo\n`, // one $: within the bound
    `FROM alpine\nENV A=${big}\nENV B=\${A}\nRUN echo \\\nENV C=\${A}\${A}\n`, // a line break joins RUN and the ENV after it
    `FROM alpine\nENV A=${big}\nENV B=\${A}\nRUN echo\nENV C=\${A}\${A}\n`, // and splits them again
    `# escape=\`\nFROM alpine\nENV A=${big}\nENV B=\${A}\nRUN echo\nENV C=\${A}\${A}\n`, // another escape character
  ];
  let a = Analysis.of(steps[0]!);
  for (const text of steps) {
    a = nextAnalysis(a, text);
    assert.equal(mayExpandTooLarge(a.doc), mayExpandTooLarge(Analysis.of(text).doc), text.slice(0, 60));
  }
  assert.equal(mayExpandTooLarge(a.doc), true);
});
