import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_PARSED_ITEMS, MAX_PARSED_LENGTH, MAX_PARSED_STAGES, parseDockerfile } from '../../../server/src/core/dockerfile/syntax/parser';
import { NO_ITEMS } from '../../../server/src/core/dockerfile/syntax/parseInstruction';
import { corpusDockerfiles } from './editing';

const slice = (text: string, span: { start: number; end: number }) => text.slice(span.start, span.end);

test('directives are read only at the top, and escape changes the continuation character', () => {
  const text = '# syntax=docker/dockerfile:1\n# escape=`\n# check=skip=JSONArgsRecommended\nFROM windows\nRUN dir `\n  c:\\\n# escape=\\\n';
  const doc = parseDockerfile(text);
  assert.deepEqual(doc.directives.map((d) => [d.name, d.value]), [['syntax', 'docker/dockerfile:1'], ['escape', '`'], ['check', 'skip=JSONArgsRecommended']]);
  assert.equal(doc.escape, '`');
  assert.equal(doc.instructions.length, 2);
  assert.equal(doc.instructions[1]!.argText, 'dir   c:\\');
  assert.equal(doc.comments.at(-1)!.text, 'escape=\\');
});

test('a blank line ends the directive section', () => {
  const doc = parseDockerfile('\n# escape=`\nFROM x\n');
  assert.equal(doc.directives.length, 0);
  assert.equal(doc.escape, '\\');
});

test('continuations join lines, skipping comments and recording blank lines', () => {
  const text = 'FROM a\nRUN echo one \\\n  # note\n\n  && echo two\nCMD x\n';
  const doc = parseDockerfile(text);
  const run = doc.instructions[1]!;
  assert.equal(run.argText, 'echo one   && echo two');
  assert.equal(run.emptyContinuations.length, 1);
  assert.equal(slice(text, run.span), 'RUN echo one \\\n  # note\n\n  && echo two');
  assert.ok(doc.comments.some((c) => c.inContinuation && c.text === 'note'));
  assert.equal(doc.instructions[2]!.upper, 'CMD');
});

test('an escaped escape at the end of a line is not a continuation', () => {
  const doc = parseDockerfile('FROM a\nCOPY C:\\\\a\\\\ C:\\\\b\\\\\n\nENV A=1\n');
  assert.equal(doc.instructions.length, 3);
  assert.equal(doc.instructions[2]!.upper, 'ENV');
});

test('words keep exact document spans across continuation lines', () => {
  const text = 'FROM a\nCOPY --chown=1:1 \\\n    src/ \\\n    /app/\n';
  const doc = parseDockerfile(text);
  const copy = doc.instructions[1]!;
  assert.deepEqual(copy.flags.map((f) => [f.name, f.value, slice(text, f.span)]), [['chown', '1:1', '--chown=1:1']]);
  assert.deepEqual(copy.words.map((w) => slice(text, w.span)), ['src/', '/app/']);
  assert.equal(slice(text, copy.keywordSpan), 'COPY');
});

test('heredocs: several per instruction, <<- strips tabs, quoted delimiters, COPY <<EOF dest', () => {
  const text = 'FROM a\nCOPY <<EOF <<-"EOT" /dest/\nhello $X\nEOF\n\tworld\n\tEOT\nRUN <<EOF\napt-get update\nEOF\nCMD ["x"]\n';
  const doc = parseDockerfile(text);
  const copy = doc.instructions[1]!;
  assert.deepEqual(copy.heredocs.map((h) => [h.name, h.stripTabs, h.quoted, h.content]), [['EOF', false, false, 'hello $X\n'], ['EOT', true, true, 'world\n']]);
  assert.equal(slice(text, copy.heredocs[1]!.terminator!), '\tEOT');
  assert.equal(doc.instructions[2]!.heredocs[0]!.content, 'apt-get update\n');
  assert.equal(doc.instructions.length, 4);
  assert.ok(copy.fullSpan.end > copy.span.end);
});

test('an unterminated heredoc runs to the end of the file without throwing', () => {
  const doc = parseDockerfile('FROM a\nRUN <<EOF\necho hi\n');
  assert.equal(doc.instructions.length, 2);
  assert.equal(doc.instructions[1]!.heredocs[0]!.terminator, undefined);
});

test('exec form is JSON; single-quoted arrays and broken JSON are shell form', () => {
  const doc = parseDockerfile('FROM a\nCMD ["node", "a \\"b\\""]\nCMD [\'node\']\nRUN ["x",]\n');
  assert.deepEqual(doc.instructions[1]!.exec!.items.map((w) => w.value), ['node', 'a "b"']);
  assert.equal(doc.instructions[2]!.exec, undefined);
  assert.equal(doc.instructions[2]!.singleQuotedJson, true);
  assert.equal(doc.instructions[3]!.exec, undefined);
});

test('ONBUILD wraps another instruction, with its own flags', () => {
  const doc = parseDockerfile('FROM a\nONBUILD COPY --from=b x y\n');
  const trigger = doc.instructions[1]!.trigger!;
  assert.equal(trigger.upper, 'COPY');
  assert.deepEqual(trigger.flags.map((f) => f.name), ['from']);
  assert.deepEqual(trigger.words.map((w) => w.value), ['x', 'y']);
});

test('stages, names and global ARGs', () => {
  const doc = parseDockerfile('ARG V=1\nFROM alpine:$V AS Build\nRUN x\nFROM scratch\nCOPY --from=build / /\n');
  assert.deepEqual(doc.globalArgs.map((i) => i.argText), ['V=1']);
  assert.deepEqual(doc.stages.map((s) => [s.image?.value, s.name?.value, s.instructions.length]), [['alpine:$V', 'Build', 2], ['scratch', undefined, 2]]);
  assert.equal(doc.instructions[0]!.stage, -1);
  assert.equal(doc.instructions[4]!.stage, 1);
});

test('CRLF line endings give the same structure', () => {
  const doc = parseDockerfile('FROM a\r\nRUN a \\\r\n  b\r\nCMD c\r\n');
  assert.equal(doc.instructions.length, 3);
  assert.equal(doc.instructions[1]!.argText, 'a   b');
});

test('the parser is total: binary, empty, huge and half-typed input never throw', () => {
  const inputs = ['', '\\', 'RUN \\', 'FROM', '#', '# escape=', 'COPY <<', 'RUN <<"', 'ENV "', '\u0000\u0001\uffff\ud800', 'FROM a\nRUN <<EOF', 'ONBUILD', 'ONBUILD ONBUILD'];
  for (const input of inputs) assert.doesNotThrow(() => parseDockerfile(input), input);
  let binary = '';
  for (let i = 0; i < 5000; i++) binary += String.fromCharCode((i * 7919) % 65536);
  assert.doesNotThrow(() => parseDockerfile(binary));
  const huge = 'FROM a\n' + 'RUN echo hello world && ls -la /tmp \\\n  && true\n'.repeat(230000);
  assert.ok(huge.length > 10_000_000);
  // Past the parse budget the rest is left unparsed, and the parse says where it stopped.
  const parsed = parseDockerfile(huge);
  assert.equal(parsed.instructions.length, MAX_PARSED_ITEMS);
  assert.equal(parsed.unparsed?.reason, 'size');
  assert.equal(huge.slice(parsed.unparsed.at, parsed.unparsed.at + 4), 'RUN ');
  assert.ok(parsed.unparsed.at > parsed.instructions.at(-1)!.fullSpan.end);
});

test('the parse budget: 10,000 instructions and comments, 2,000 stages, 2 MB of text, nothing of a binary file', () => {
  const comments = parseDockerfile(`FROM a\n${'# note\n'.repeat(20_000)}RUN x\n`);
  assert.equal(comments.instructions.length + comments.comments.length, MAX_PARSED_ITEMS);
  assert.equal(comments.unparsed?.reason, 'size');
  // Stages: the parse stops at the FROM of the 2,001st, whatever its spelling; other instructions of the last stage are read.
  const stages = parseDockerfile(Array.from({ length: 2100 }, (_, i) => `${i % 2 ? 'from' : 'FROM'} a AS s${i}\nRUN x\n`).join(''));
  assert.equal(stages.stages.length, MAX_PARSED_STAGES);
  assert.equal(stages.instructions.length, 2 * MAX_PARSED_STAGES);
  assert.equal(stages.text.slice(stages.unparsed!.at, stages.unparsed!.at + 13), 'FROM a AS s2000'.slice(0, 13));
  // A 10,000-line file of ordinary stages (the benchmarks' kind) is parsed whole.
  const ordinary = parseDockerfile(Array.from({ length: 650 }, (_, i) => `FROM node:20 AS s${i}\nARG A\nENV B=1 \\\n    C=2\nWORKDIR /a\nRUN a \\\n    && b\nCOPY . .\nRUN c\nCOPY d e\nRUN f\nUSER node\nEXPOSE 80\nHEALTHCHECK CMD x\nCMD ["y"]\n`).join('\n'));
  assert.ok(ordinary.text.split('\n').length > 10_000);
  assert.equal(ordinary.unparsed, undefined);
  // ONBUILD FROM and a FROM inside a heredoc or continuation start no stage and spend no stage budget.
  const hidden = parseDockerfile(`FROM a\n${'ONBUILD FROM x\nRUN <<EOF\nFROM y\nEOF\nRUN z \\\n FROM w\n'.repeat(2100)}`);
  assert.equal(hidden.stages.length, 1);
  // One instruction continued over 3 MB of lines ends at the budget.
  const long = parseDockerfile(`FROM a\nRUN echo \\\n${'  x \\\n'.repeat(600_000)}  end\nCMD y\n`);
  assert.equal(long.instructions.length, 2);
  assert.ok(long.instructions[1]!.span.end < MAX_PARSED_LENGTH + 10);
  assert.ok(long.unparsed!.at <= MAX_PARSED_LENGTH && long.unparsed!.at > MAX_PARSED_LENGTH - 10);
  // A single line reaching past the budget is left out whole (a 4.5 MB LABEL line ran the worker out of memory).
  const label = parseDockerfile(`FROM a\nLABEL a="${'\\"x'.repeat(MAX_PARSED_LENGTH / 2)}"\nCMD y\n`);
  assert.deepEqual([label.instructions.map((i) => i.upper), label.unparsed], [['FROM'], { at: 7, reason: 'size' }]);
  const binary = parseDockerfile('FROM a\nRUN \u0000\u0001\n');
  assert.deepEqual([binary.instructions.length, binary.unparsed], [0, { at: 0, reason: 'binary' }]);
  assert.equal(parseDockerfile('FROM a\n').unparsed, undefined);
});

test('Unicode line and paragraph separators, ideographic and other spaces are whitespace, as BuildKit reads them', () => {
  // A line holding only U+2028, U+2029 or U+3000 is blank, not an instruction with an empty name.
  const doc = parseDockerfile('FROM a\n\u2028\n\u2029\n\u3000\n\u00a0\u0085\u2003\nRUN x\n\u3000\u2028CMD y\n');
  assert.deepEqual(doc.instructions.map((i) => i.upper), ['FROM', 'RUN', 'CMD']);
  assert.equal(doc.instructions[2]!.keywordSpan.start, doc.text.indexOf('CMD'));
  assert.deepEqual(parseDockerfile('\u3000# comment\nFROM a\n').comments.map((c) => c.text), ['comment']);
});

test('directives are read by a scan: a directive line with 200,000 spaces is read at once', () => {
  const doc = parseDockerfile(`# syntax=docker/dockerfile:1${' '.repeat(200_000)}\n#${' '.repeat(200_000)}escape${' '.repeat(200_000)}=\`\nFROM a\n`);
  assert.deepEqual(doc.directives.map((d) => [d.name, d.value]), [['syntax', 'docker/dockerfile:1'], ['escape', '`']]);
  assert.equal(doc.escape, '`');
});

test('a lone continuation is an instruction with no text, placed where it is written', () => {
  const doc = parseDockerfile('FROM a\n\\\n');
  const lone = doc.instructions[1]!;
  assert.equal(lone.keyword, '');
  assert.deepEqual([lone.keywordSpan, lone.args], [{ start: 7, end: 7 }, { start: 7, end: 7 }]);
});

test('instructions without flags, heredocs or blank continuation lines share one frozen empty list, not one array each', () => {
  let shared = 0;
  for (const { text } of corpusDockerfiles()) {
    for (const i of parseDockerfile(text).instructions) {
      for (const [name, list] of [['flags', i.flags], ['heredocs', i.heredocs], ['emptyContinuations', i.emptyContinuations]] as const) {
        // Any empty list is the shared one; a non-empty one never is.
        assert.equal(list.length === 0, list === NO_ITEMS, `${name} of ${i.logical.slice(0, 60)}`);
        if (list === NO_ITEMS) shared++;
      }
    }
  }
  assert.ok(Object.isFrozen(NO_ITEMS) && NO_ITEMS.length === 0);
  assert.ok(shared > 1000, `${shared}`);
});

test('a heredoc whose name follows the operator after a blank (<< \'EOF\'), as Dockerfile frontend 1.16 reads it (round 37)', () => {
  const text = "FROM alpine\nRUN cat > /fix.sh << 'EOF'\n#!/bin/sh\nset -e\nchown -R node /data\nEOF\nRUN cat <<- END | sh\n\techo hi\n\tEND\nRUN echo $((1 << 2))\n";
  const doc = parseDockerfile(text);
  assert.deepEqual(doc.instructions.map((i) => i.upper), ['FROM', 'RUN', 'RUN', 'RUN']);
  const [fix, tabs, shift] = doc.instructions.slice(1);
  assert.deepEqual(fix!.heredocs.map((h) => [h.name, h.quoted, h.content, text.slice(h.marker.start, h.marker.end), text.slice(h.nameSpan.start, h.nameSpan.end)]), [['EOF', true, '#!/bin/sh\nset -e\nchown -R node /data\n', "<< 'EOF'", "'EOF'"]]);
  assert.deepEqual(tabs!.heredocs.map((h) => [h.name, h.stripTabs, h.content]), [['END', true, 'echo hi\n']]);
  // A shift in shell arithmetic is no heredoc.
  assert.deepEqual(shift!.heredocs, []);
});
