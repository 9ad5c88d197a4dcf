// Rules about the shape of the file: keywords, directives, continuations, quoting, characters.
import { t } from '../../../l10n';
import { INSTRUCTIONS, isInstruction } from '../../syntax/instructions';
import { EXPANDED } from '../../analysis/variableScope';
import { isSupportedModifier } from '../../analysis/variables';
import { findQuoteProblem } from '../../syntax/words';
import { docStart } from '../../syntax/offsetMap';
import type { Instruction } from '../../syntax/ast';
import { jsonProblem, type JsonProblem } from '../../syntax/jsonIntent';
import { misplacedFlag } from '../../syntax/flagSpecs';
import { directivesAfterShebang, frontendDirectives, KNOWN_DIRECTIVES } from '../../syntax/parser';
import { closest } from './suggest';
import { commentWordIndex } from './inlineCommentRules';
import { rule } from './rule';
import { usesIn } from './scope';

export const unknownInstruction = rule({
  id: 'unknown-instruction', severity: 'error', hadolint: ['DL1000'], dockerfileUtils: ['UNKNOWN_INSTRUCTION'],
  explain: () => [
    t('Each line of a Dockerfile starts with an instruction keyword such as FROM, RUN or COPY. BuildKit stops the build at a word it does not know.'),
    t('This is often a typo, or a continuation line whose previous line lost its trailing backslash.'),
  ],
}, (ctx) => {
  for (const i of ctx.scope.instructions) {
    for (const target of i.trigger ? [i, i.trigger] : [i]) {
      if (isInstruction(target.keyword)) continue;
      // A template engine's tag on a line of its own ({% if x %}, {%- endif %}, {{ block }}): a
      // template renders it away before any build (round 32: a cookiecutter Dockerfile); a generator
      // script's marker (@@BASE_IMAGE@@, round 47), ERB's <% %> and %{name} likewise.
      if (/^(\{[{%]|@@\w+@@$|<%|%\{\w+\}$)/.test(target.keyword)) {
        ctx.report(target.keywordSpan, t('A template tag, not an instruction: this file is a template that a tool (cookiecutter, Jinja, Helm) renders before it is built.'), { severity: 'hint' });
        continue;
      }
      // Git's merge-conflict markers: said once, at the opening one, for what they are.
      if (/^(<{7}|={7}|>{7}|\|{7})$/.test(target.keyword)) {
        if (target.keyword.startsWith('<')) ctx.report(target.keywordSpan, t('An unresolved merge conflict: the lines from here to >>>>>>> hold both sides, and BuildKit stops at the markers. Keep the side you want, remove the other and the marker lines.'));
        continue;
      }
      // A line right below another that is no instruction (only blank and comment lines between):
      // one broken block, such as a JSON array spread over lines without backslashes, which BuildKit
      // stops at once, at its first line (round 29: seven errors for one CMD).
      const before = target === i ? ctx.a.doc.instructions[i.index - 1] : undefined;
      if (before && !isInstruction(before.keyword) && !before.trigger && /^(\s*(#[^\n]*)?\n)*\s*$/.test(ctx.a.text.slice(before.fullSpan.end, i.fullSpan.start).replace(/^[^\n]*\n?/, ''))) {
        ctx.report(target.keywordSpan, t('Not an instruction either, like the line of the same block above, where BuildKit already stops: one fix there is likely to mend both.'), { severity: 'hint' });
        continue;
      }
      const suggestion = closest(target.upper, INSTRUCTIONS);
      ctx.report(target.keywordSpan, suggestion
        ? t('Unknown instruction: {0}. Did you mean {1}?', target.keyword, suggestion)
        : t('Unknown instruction: {0}', target.keyword), { data: suggestion ? { replacement: suggestion } : undefined });
    }
  }
});

const KNOWN = new Set<string>(INSTRUCTIONS);

export const instructionCasing = rule({
  id: 'instruction-casing', severity: 'hint', buildkit: 'ConsistentInstructionCasing', dockerfileUtils: ['CASING_INSTRUCTION'], reach: 'file',
  explain: () => [
    t('Instruction keywords are case-insensitive, but mixing cases makes a Dockerfile harder to read. Upper case is the common convention.'),
    t('This rule follows the casing most of the file uses and flags keywords that differ from it, and keywords in mixed case.'),
    t('It is a hint: the build reads any casing alike, and over unseen real files 8 of 9 such findings were judged cosmetic.'),
  ],
}, (ctx) => {
  // Every validation runs this: the counts over the whole file are carried from one version to the next.
  const { upper, lower, known, triggers } = ctx.a.keywordCasing();
  const instructions = ctx.a.doc.instructions;
  const wantUpper = upper >= lower;
  if (wantUpper && upper === known && triggers === 0) return; // the usual file: nothing to report
  for (let k = 0; k < instructions.length; k++) {
    const i = instructions[k]!;
    if (!KNOWN.has(i.upper) || (wantUpper && !i.trigger && i.keyword === i.upper)) continue;
    for (const target of i.trigger && isInstruction(i.trigger.keyword) ? [i, i.trigger] : [i]) {
      const want = wantUpper ? target.upper : target.upper.toLowerCase();
      if (target.keyword !== want) {
        ctx.report(target.keywordSpan, t('Write {0} as {1} to match the casing of the other instructions.', target.keyword, want), { data: { replacement: want } });
      }
    }
  }
});

export const directiveCasing = rule({
  id: 'directive-casing', severity: 'hint', dockerfileUtils: ['CASING_DIRECTIVE'], reach: 'file',
  explain: () => [t('Parser directive names (syntax, escape, check) are written in lower case by convention.')],
}, (ctx) => {
  for (const d of ctx.a.doc.directives) {
    if (d.name !== d.name.toLowerCase()) {
      ctx.report(d.nameSpan, t('Write the parser directive {0} in lower case.', d.name), { data: { replacement: d.name.toLowerCase() } });
    }
  }
});

export const invalidEscapeDirective = rule({
  id: 'invalid-escape-directive', severity: 'error', dockerfileUtils: ['INVALID_ESCAPE_DIRECTIVE'], reach: 'file',
  explain: () => [
    t('The escape directive chooses the character that continues a line and escapes the next character. Only the backslash and the backtick are allowed.'),
    t('Windows Dockerfiles use a backtick so that paths such as C:\\app keep their backslashes.'),
  ],
}, (ctx) => {
  for (const d of ctx.a.doc.directives) {
    if (d.name.toLowerCase() === 'escape' && d.value !== '\\' && d.value !== '`') {
      ctx.report(d.valueSpan, t('The escape directive accepts only \\ or `, not {0}.', d.value));
    }
  }
});

export const duplicateDirective = rule({
  id: 'duplicate-directive', severity: 'error', dockerfileUtils: ['DUPLICATED_ESCAPE_DIRECTIVE'], reach: 'file',
  explain: () => [t('Each parser directive may appear only once at the top of the file; BuildKit rejects a second one.')],
}, (ctx) => {
  const seen = new Set<string>();
  for (const d of ctx.a.doc.directives) {
    const name = d.name.toLowerCase();
    if (seen.has(name)) ctx.report(d.span, t('The {0} directive is already set above.', name), { data: { deleteLine: true } });
    seen.add(name);
  }
});

export const misplacedDirective = rule({
  id: 'misplaced-directive', severity: 'warning', reach: 'file',
  explain: () => [
    t('Parser directives (syntax, escape, check) count only in the first lines of the file: BuildKit stops looking for them at the first line that is not one, a comment, a blank line or an instruction. A directive written after that is an ordinary comment and does nothing.'),
    t('A licence or description comment above # syntax=… is the usual way this happens: the build then uses the Dockerfile frontend built into the engine instead of the one named, and an escape directive below such a comment leaves the backslash as the escape character.'),
  ],
}, (ctx) => {
  const doc = ctx.a.doc;
  // Before it looks for # syntax= and # check=, BuildKit skips a #! first line; the escape
  // directive ends there.
  const shebang = /^\uFEFF?#!/.test(doc.text);
  const inBlock = new Set(doc.directives.map((d) => d.span.start));
  for (const [start, , name] of directivesAfterShebang(doc.text)) if (name !== 'escape') inBlock.add(start);
  // An indented line ends the directives BuildKit's frontend reads syntax and check from, though
  // its parser takes it: the syntax and check directives from there on do nothing.
  const seen = frontendDirectives(doc).length;
  for (const d of doc.directives.slice(seen)) {
    const name = d.name.toLowerCase();
    if (name !== 'escape') ctx.report(d.span, t('BuildKit reads the {0} directive only from lines at the top that start with # (no spaces before it), and stops at the first that does not, so it ignores this one. Remove the spaces before the # here or above.', name));
  }
  for (const c of doc.comments) {
    if (c.inContinuation || inBlock.has(c.span.start)) continue;
    const m = /^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*\S/.exec(c.text);
    const name = m?.[1]!.toLowerCase();
    if (!name || !KNOWN_DIRECTIVES.includes(name)) continue;
    // A stable syntax ignored leaves the engine's own frontend, which reads what such files use
    // (RUN --mount, heredocs): a hint (round 26: banner comments above # syntax=docker/dockerfile:1).
    // A labs frontend, an escape or a check directive ignored changes what the build does.
    const stable = name === 'syntax' && !/labs|\$/.test(c.text);
    ctx.report(c.span, t('This is written like the {0} parser directive, but directives count only at the very top of the file, before any other comment, blank line or instruction. Here it is an ordinary comment and does nothing.', name), {
      data: shebang ? undefined : { moveToTop: true },
      ...(stable ? { severity: 'hint' as const } : {}),
    });
  }
});

export const emptyContinuation = rule({
  id: 'empty-continuation', severity: 'warning', buildkit: 'NoEmptyContinuation', dockerfileUtils: ['EMPTY_CONTINUATION_LINE'], namesLines: true,
  explain: () => [
    t('A blank line inside an instruction continued with a backslash is skipped, so the instruction goes on after it. That is easy to misread as the end of the instruction, and BuildKit plans to make it an error.'),
    t('Remove the blank line, or end the instruction before it.'),
  ],
}, (ctx) => {
  for (const i of ctx.scope.instructions) {
    // BuildKit warns once per instruction; the instruction's other blank lines are hints with the same fix (round 29).
    i.emptyContinuations.forEach((span, k) => {
      const swallowed = k === 0 ? swallowedInstruction(ctx.a.text, span.end, i.fullSpan.end) : undefined;
      ctx.report(span, swallowed
        ? t('Blank line inside a continued instruction: the {0} on line {1} below is read as part of this {2}, not as an instruction of its own. End the line above without its backslash.', swallowed.keyword, String(ctx.a.lines.positionAt(swallowed.at).line + 1), (i.trigger ?? i).upper)
        : t('Blank line inside a continued instruction.'), { data: { deleteLine: true }, ...(k > 0 ? { severity: 'hint' as const } : {}) });
    });
  }
});

/**
 * An instruction keyword starting a line the continuation takes in after a blank line (round 29:
 * `ssmping #\\` went on over blank and comment lines and took in the next `RUN ... git clone`).
 */
function swallowedInstruction(text: string, from: number, to: number): { keyword: string; at: number } | undefined {
  const rest = text.slice(from, Math.min(to, from + 10_000));
  // Upper case only: a lower-case word there is as likely a command (env, expose) the instruction goes on with.
  const m = /\n[ \t]*([A-Z]+)[ \t]/.exec(rest);
  if (!m || !isInstruction(m[1]!)) return undefined;
  // Only the first line with words after the blank ones (comment lines are dropped from the instruction).
  const before = rest.slice(0, m.index);
  if (/\n[ \t]*[^\s#]/.test(before)) return undefined;
  return { keyword: m[1]!.toUpperCase(), at: from + m.index + 1 };
}

export const firstInstruction = rule({
  id: 'first-instruction', severity: 'error', hadolint: ['DL3061'], dockerfileUtils: ['NO_SOURCE_IMAGE'], reach: 'file',
  explain: () => [
    t('A build starts from a base image, so the first instruction must be FROM. Only ARG may come before it, to parameterise the FROM lines.'),
  ],
}, (ctx) => {
  const doc = ctx.a.doc;
  const first = doc.instructions.find((i) => i.upper !== 'ARG');
  if (first && first.upper !== 'FROM' && isInstruction(first.keyword)) {
    ctx.report(first.keywordSpan, t('The first instruction must be FROM (only ARG may come before it), not {0}.', first.upper));
  }
  // No FROM at all: a file whose lines are all comments (a Dockerfile.prod commented out, round 15)
  // or only global ARGs. A new file with a line or two of comments is still being written.
  if (!first && !doc.unparsed) {
    const args = doc.instructions[0];
    const directives = doc.comments.filter((c) => /^\w+\s*=/.test(c.text)).length;
    if (args) ctx.report(args.keywordSpan, t('This Dockerfile has no FROM, so it has no stage to build: docker build stops ("no build stage in current context"). Add a FROM line after the ARG lines.'));
    else if (doc.comments.length - directives >= 3) ctx.report(doc.comments[0]!.span, t('Every line of this Dockerfile is a comment, so docker build stops ("the Dockerfile cannot be empty"). Uncomment its instructions, starting with FROM.'));
  }
});

export const unterminatedQuote = rule({
  id: 'unterminated-quote', reach: 'instruction', severity: 'error', dockerfileUtils: ['SYNTAX_MISSING_SINGLE_QUOTE', 'SYNTAX_MISSING_DOUBLE_QUOTE'],
  explain: () => [t('BuildKit reads quotes in the arguments of instructions such as ENV, LABEL, COPY and WORKDIR. A quote that is never closed stops the build.')],
}, (ctx) => {
  const escape = ctx.a.doc.escape;
  for (const i of ctx.scope.instructions) {
    if (!EXPANDED.has(i.upper) || i.exec) continue;
    const problem = findQuoteProblem(i.argText, escape);
    if (!problem) continue;
    const at = docStart(i.map, i.argStart + problem.at);
    // A quote in the words of a would-be comment (EXPOSE 80 # your service's port): inline-comment tells those.
    const hash = commentWordIndex(i);
    if (hash >= 0 && at >= i.words[hash]!.span.start) continue;
    ctx.report({ start: at, end: i.args.end }, problem.quote === '"'
      ? t('This double quote is never closed.')
      : t('This single quote is never closed.'));
  }
});

export const unsupportedModifier = rule({
  id: 'unsupported-modifier', severity: 'error', dockerfileUtils: ['UNSUPPORTED_MODIFIER'],
  explain: () => [
    t('BuildKit expands variables in instructions such as ENV, COPY and WORKDIR itself, and supports only some shell forms: ${VAR:-default}, ${VAR:+alternative}, ${VAR:?message}, the forms without the colon, and the # % / pattern forms.'),
    t('Other forms work only inside RUN, where a real shell expands them.'),
  ],
}, (ctx) => {
  for (const use of usesIn(ctx)) {
    if (use.inShell || isSupportedModifier(use.ref.modifier)) continue;
    ctx.report(use.ref.span, t('BuildKit does not support this variable substitution: {0}', ctx.a.text.slice(use.ref.span.start, use.ref.span.end)));
  }
});

/** Instructions with a JSON form, and the text that form would be in. */
function jsonText(target: Instruction): string | undefined {
  if (['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'COPY', 'ADD', 'VOLUME'].includes(target.upper)) return target.argText;
  if (target.upper === 'HEALTHCHECK') {
    const cmd = target.words[0];
    if (!cmd || cmd.value.toUpperCase() !== 'CMD') return undefined;
    return target.argText.slice(target.argText.indexOf(cmd.raw) + cmd.raw.length);
  }
  return undefined;
}

/** The JSON problem of an instruction's arguments, when they are meant as a JSON array. */
export function jsonProblemOf(i: Instruction): JsonProblem | undefined {
  const target = i.trigger ?? i;
  if (target.exec) return undefined;
  const text = jsonText(target);
  if (text === undefined) return undefined;
  const problem = jsonProblem(text, target.upper === 'COPY' || target.upper === 'ADD' || target.upper === 'VOLUME', target.upper === 'CMD' || target.upper === 'ENTRYPOINT' || target.upper === 'HEALTHCHECK');
  // A flag after the array is misplaced-flag's finding (one finding for one mistake).
  return problem?.kind === 'trailing-text' && misplacedFlag(target) ? undefined : problem;
}

function describe(problem: JsonProblem): string {
  switch (problem.kind) {
    case 'missing-comma': return t('a comma is missing between "{0}" and "{1}"', problem.before, problem.after);
    case 'stray-comma': return t('a comma with no string on one side');
    case 'bad-escape': return t('{0} is not an escape JSON knows; write \\\\ for a backslash', problem.escape);
    case 'missing-bracket': return t('the closing ] is missing');
    case 'trailing-text': return t('{0} follows the closing ]', problem.text.length > 30 ? `${problem.text.slice(0, 27)}…` : problem.text);
    case 'unquoted': return t('its items have no double quotes');
    case 'typographic-quotes': return t('its quotes are typographic (“ ”), not the straight quotes (") JSON needs');
    case 'wrong-brackets': return t('it is written between {0} instead of [ ]', problem.open === '(' ? '( )' : '{ }');
    default: return t('single quotes instead of double quotes');
  }
}

export const jsonSingleQuotes = rule({
  id: 'json-single-quotes', reach: 'instruction', severity: 'error', dockerfileUtils: ['JSON_IN_SINGLE_QUOTES'],
  explain: () => [
    t('The exec form must be valid JSON, which allows only double quotes. An array written with single quotes is not JSON, so BuildKit silently runs the whole text through a shell instead.'),
  ],
}, (ctx) => {
  for (const i of ctx.scope.instructions) {
    const target = i.trigger ?? i;
    if (target.singleQuotedJson && jsonProblemOf(i)?.kind === 'single-quotes') ctx.report(target.args, t('Use double quotes: with single quotes this is shell form, not exec form.'));
  }
});

export const invalidJsonForm = rule({
  id: 'invalid-json-form', reach: 'instruction', severity: 'error',
  explain: () => [
    t('RUN, CMD, ENTRYPOINT, SHELL, HEALTHCHECK CMD, COPY, ADD and VOLUME accept a JSON array of strings. When the brackets and quotes are there but the text is not valid JSON (a missing comma, a stray comma, a backslash that is no JSON escape), Docker does not report it: it treats the text as the shell form (or, for COPY, ADD and VOLUME, splits it at spaces), so the container runs a command such as ["node" and fails.'),
    t('An array that is valid JSON but holds something other than strings, such as ["sleep", 10], is different: BuildKit refuses the line and the build stops.'),
  ],
}, (ctx) => {
  for (const i of ctx.scope.instructions) {
    const target = i.trigger ?? i;
    const problem = jsonProblemOf(i);
    if (!problem || problem.kind === 'single-quotes') continue;
    if (problem.kind === 'not-strings') {
      ctx.report(target.args, t('Every element of a JSON array must be a string, so BuildKit refuses this line because of {0}. Put it in double quotes.', problem.element));
      continue;
    }
    const paths = target.upper === 'COPY' || target.upper === 'ADD' || target.upper === 'VOLUME';
    // The array with its items quoted, for the fix.
    const quoted = problem.kind === 'unquoted' && problem.items.every((w) => w !== '') ? { data: { replacement: `[${problem.items.map((w) => JSON.stringify(w)).join(', ')}]`, span: target.args } }
      : problem.kind === 'wrong-brackets' ? { data: { replacement: `[${problem.inner}]`, span: target.args } }
        : problem.kind === 'typographic-quotes' ? { data: { replacement: problem.fixed, span: target.args } } : {};
    ctx.report(target.args, paths
      ? t('This is not valid JSON ({0}), so {1} does not read it as a list: it splits the text at spaces and the brackets and quotes become part of the paths.', describe(problem), target.upper)
      : t('This is not valid JSON ({0}), so it is not the exec form: Docker hands the whole text to the shell, where it is no command.', describe(problem)), quoted);
  }
});

export const nonBreakingSpace = rule({
  id: 'non-breaking-space', reach: 'instruction', severity: 'warning', hadolint: ['SC1018'],
  explain: () => [t('A non-breaking space (often pasted from a web page) looks like a space but is not one, so words do not split where they seem to.')],
}, (ctx) => {
  for (const i of ctx.scope.instructions) {
    const at = i.logical.indexOf('\u00a0');
    if (at < 0) continue;
    const start = docStart(i.map, at);
    ctx.report({ start, end: start + 1 }, t('Non-breaking space; replace it with a normal space.'));
  }
});

export const maintainerDeprecated = rule({
  id: 'maintainer-deprecated', reach: 'instruction', severity: 'warning', tag: 'deprecated', hadolint: ['DL4000'], buildkit: 'MaintainerDeprecated', dockerfileUtils: ['DEPRECATED_MAINTAINER'],
  explain: () => [t('MAINTAINER is deprecated. Record the author as a label instead, for example LABEL org.opencontainers.image.authors="name@example.com".')],
}, (ctx) => {
  for (const i of ctx.scope.instructions) {
    if (i.upper === 'MAINTAINER') ctx.report(i.keywordSpan, t('MAINTAINER is deprecated; use LABEL org.opencontainers.image.authors instead.'));
  }
});

export const syntaxRules = [
  unknownInstruction, instructionCasing, directiveCasing, invalidEscapeDirective, duplicateDirective, misplacedDirective, emptyContinuation,
  firstInstruction, unterminatedQuote, unsupportedModifier, jsonSingleQuotes, invalidJsonForm, nonBreakingSpace, maintainerDeprecated,
];
