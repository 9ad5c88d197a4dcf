#!/usr/bin/env node
// Source of syntaxes/dockerfile.tmLanguage.json. The grammar is generated because TextMate has
// no parameters: the rules that depend on the escape character (line continuations, `\$`) exist
// twice, once for `\` and once for the backtick that `# escape=\`` selects, and the heredoc rules
// exist once per kind of body and number of heredocs on a line.
//
//   node syntaxes/src/dockerfile.grammar.mjs          writes the JSON
//   node syntaxes/src/dockerfile.grammar.mjs --check  exits 1 when the JSON is out of date
//
// How the grammar is built (and what a TextMate grammar cannot do):
// - A continuation (escape + optional blanks + newline) is a `begin` that consumes the newline;
//   so do comment lines and empty lines inside a continuation (BuildKit skips them). The state
//   on top at the start of the next line then "captured the end of line", which is the only
//   signal a TextMate grammar has from one line to the next: `\G` matches at column 0.
// - Most instructions are begin/end regions from the keyword to the end of a line not consumed
//   that way; all they hold (strings, JSON arrays, flags) also ends at the end of such a line.
// - Shell-form instructions (RUN, CMD, ENTRYPOINT, HEALTHCHECK) embed `source.shell` and are
//   while-rules that go on only while `\G` matches at column 0, i.e. after a continuation: an
//   unbalanced quote in the shell is dropped at the next instruction instead of colouring the
//   rest of the file. Inside a Markdown code fence (whose own while-rule makes `\G` match on
//   every line) they also stop at a line starting with an upper-case instruction keyword; so
//   does a continuation line that starts with one, a rare case (HEALTHCHECK's `CMD` is allowed).
//   The grammar injects its continuation rule into the embedded shell (left priority), so a `\`
//   at the end of a line is Dockerfile's even inside a shell string, and opens the first
//   statement itself (VS Code's shell grammar only starts one at the start of a line).
// - A RUN whose first line has a heredoc marker stays a begin/end region, so a heredoc opened in
//   the middle of a shell command keeps its body.
// - A heredoc is a pair of rules: an outer begin/end rule whose end is the terminator line, and an
//   inner begin/while rule that pops everything inside it (the embedded shell too, whatever state
//   it is in) when the terminator line comes. The terminator therefore always ends the body.
//   Several heredocs on one line nest in reverse (the rule for the last is pushed first, so the
//   first body is innermost); up to three per line are followed. `RUN <<EOF` alone (or followed
//   by a shell such as `bash`) has a shell body unless its shebang names another interpreter; a
//   heredoc fed to another command (`RUN python3 <<EOF`, `RUN cat <<EOF > f`) and COPY/ADD
//   heredocs have a text body, where `$VAR` is highlighted unless the delimiter is quoted.
// - Parser directives are only recognised at the very top (`\A`), while each line is a directive.
//   `# escape=\`` there opens a region that never ends and holds a second copy of every
//   instruction rule, built for the backtick. That is as far as a TextMate grammar can follow a
//   directive: it sees the directive only because it is at the top of the file. In that mode
//   shell-form commands are not embedded as POSIX shell (such files target cmd or PowerShell).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.join(HERE, '..', 'dockerfile.tmLanguage.json');

export const INSTRUCTIONS = [
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL',
  'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
];

const DIRECTIVE_NAMES = '(?i:syntax|escape|check)';
const DIRECTIVE_LINE = `[ \\t]*#[ \\t]*${DIRECTIVE_NAMES}[ \\t]*=`;
/** Shells whose name after `RUN <<EOF` makes the body a shell script. */
const SHELLS = '(?:ba|da|a|z|k|mk|c|tc)?sh';
/** A heredoc delimiter word (without its quotes). */
const DELIM = '[A-Za-z0-9_][\\w.+-]*';
const DELIM_END = '(?![\\w.+-])';
/** Any heredoc marker, captures nothing. */
const ANY_MARKER = `(?<!<)<<-?(?:"${DELIM}"|'${DELIM}'|${DELIM})${DELIM_END}`;
/** Text between two markers: anything but another `<<`. */
const GAP = '(?:[^<\\n]|<(?!<))*?';

const S = {
  keyword: 'keyword.control.dockerfile',
  onbuild: 'keyword.control.dockerfile',
  comment: 'comment.line.number-sign.dockerfile',
  commentPunct: 'punctuation.definition.comment.dockerfile',
  continuation: 'constant.character.escape.line-continuation.dockerfile',
  escape: 'constant.character.escape.dockerfile',
  flag: 'variable.parameter.flag.dockerfile',
  assign: 'keyword.operator.assignment.dockerfile',
  variable: 'variable.other.readwrite.dockerfile',
  variablePunct: 'punctuation.definition.variable.dockerfile',
  declaration: 'variable.other.declaration.dockerfile',
  label: 'variable.other.property.label.dockerfile',
  stage: 'entity.name.type.stage.dockerfile',
  image: 'meta.image-reference.dockerfile entity.name.namespace.image.dockerfile',
  heredocOp: 'keyword.operator.heredoc.dockerfile',
  heredocName: 'keyword.operator.heredoc.delimiter.dockerfile',
  heredocQuote: 'punctuation.definition.string.heredoc.dockerfile',
  heredocText: 'string.unquoted.heredoc.dockerfile',
  shellLine: 'meta.embedded.line.shell.dockerfile',
  shellBlock: 'meta.embedded.block.shell.dockerfile',
};

const MODES = [
  { suffix: '', esc: '\\\\', escClass: '\\\\', embedShell: true },
  { suffix: '-bt', esc: '`', escClass: '`', embedShell: false },
];

/** Start of an instruction keyword: at the start of a line, or after ONBUILD's blank. */
const kw = (words) => `(?:^[ \\t]*|(?<=[ \\t]))((?i:${words}))(?=[ \\t]|$)`;
/**
 * A shell-form instruction goes on at the start of the next line when the previous line ended
 * with a continuation (then `\G` matches at column 0, see `continuation`). Where an enclosing
 * grammar's while-rule makes `\G` match on every line (a Markdown code fence), a line that starts
 * with an upper-case instruction keyword ends it instead.
 */
const goesOn = (except = []) => `\\G(?![ \\t]*(?:${INSTRUCTIONS.filter((w) => !except.includes(w)).join('|')})(?:[ \\t]|$))`;
const INSTRUCTION_GOES_ON = goesOn();
/** HEALTHCHECK's own CMD often starts a continuation line. */
const HEALTHCHECK_GOES_ON = goesOn(['CMD']);
/** At the start of a word. */
const WORD_START = '(?<![^ \\t])';

export function buildGrammar() {
  const repository = {};
  const def = (name, rule) => {
    if (repository[name]) throw new Error(`duplicate rule ${name}`);
    repository[name] = rule;
  };
  const inc = (name) => ({ include: `#${name}` });

  // ---- mode-independent rules ------------------------------------------------------------
  def('comment', {
    begin: '^[ \\t]*(#)', beginCaptures: { 1: { name: S.commentPunct } }, end: '(?!^)(?=\\n)',
    name: S.comment,
    patterns: [inc('suppression')],
  });
  def('suppression', {
    comment: 'The inline suppression comments the language server understands.',
    patterns: [
      {
        match: '\\G[ \\t]*((?i:workbench|hadolint)(?:[ \\t]+(?i:global))?[ \\t]+(?i:ignore))(?:[ \\t]*(=)[ \\t]*([\\w.,\\- \\t]*))?',
        captures: {
          1: { name: 'keyword.other.suppression.dockerfile' },
          2: { name: S.assign },
          3: { patterns: [{ match: '[\\w.-]+', name: 'constant.other.rule-id.dockerfile' }, { match: ',', name: 'punctuation.separator.comma.dockerfile' }] },
        },
      },
      { match: '\\G[ \\t]*((?i:dockerfile-utils:[ \\t]*ignore))\\b', captures: { 1: { name: 'keyword.other.suppression.dockerfile' } } },
    ],
  });
  def('directives', {
    comment: 'Parser directives: only in the first lines of the file, while every line is one.',
    begin: `\\A(?=${DIRECTIVE_LINE})`,
    end: `^(?!${DIRECTIVE_LINE})`,
    patterns: [inc('escape-backtick'), inc('directive')],
  });
  const directiveHead = (name) => ({
    1: { name: 'punctuation.definition.directive.dockerfile' },
    2: { name: `keyword.other.directive.${name}.dockerfile` },
    3: { name: S.assign },
  });
  def('directive', {
    patterns: [
      {
        match: '^[ \\t]*(#)[ \\t]*((?i:syntax))[ \\t]*(=)[ \\t]*(.*?)[ \\t]*$',
        name: 'meta.preprocessor.directive.syntax.dockerfile',
        captures: { ...directiveHead('syntax'), 4: { name: 'string.unquoted.directive-value.dockerfile' } },
      },
      {
        match: '^[ \\t]*(#)[ \\t]*((?i:escape))[ \\t]*(=)[ \\t]*(?:([\\\\`])|(.*?))[ \\t]*$',
        name: 'meta.preprocessor.directive.escape.dockerfile',
        captures: { ...directiveHead('escape'), 4: { name: 'string.unquoted.directive-value.dockerfile' }, 5: { name: 'invalid.illegal.escape-character.dockerfile' } },
      },
      {
        match: '^[ \\t]*(#)[ \\t]*((?i:check))[ \\t]*(=)[ \\t]*(.*?)[ \\t]*$',
        name: 'meta.preprocessor.directive.check.dockerfile',
        captures: {
          ...directiveHead('check'),
          4: { name: 'string.unquoted.directive-value.dockerfile' },
        },
      },
    ],
  });
  def('escape-backtick', {
    comment: '`# escape=`` switches the rest of the file to the rules built for the backtick.',
    begin: '^[ \\t]*(#)[ \\t]*((?i:escape))[ \\t]*(=)[ \\t]*(`)[ \\t]*$',
    beginCaptures: { 0: { name: 'meta.preprocessor.directive.escape.dockerfile' }, ...directiveHead('escape'), 4: { name: 'string.unquoted.directive-value.dockerfile' } },
    end: '(?!)',
    patterns: [
      { begin: '\\G', end: `^(?!${DIRECTIVE_LINE})`, patterns: [inc('directive')] },
      inc('main-bt'),
    ],
  });
  def('image-reference-parts', {
    patterns: [
      { match: '(@)([A-Za-z][\\w+.-]*:[0-9A-Fa-f]{32,})', captures: { 1: { name: 'punctuation.separator.digest.dockerfile' }, 2: { name: 'constant.other.digest.dockerfile' } } },
      { match: '(:)(\\w[\\w.-]{0,127})(?=@|[ \\t]|$)', captures: { 1: { name: 'punctuation.separator.tag.dockerfile' }, 2: { name: 'constant.other.tag.dockerfile' } } },
      { match: ':(?=\\$)', name: 'punctuation.separator.tag.dockerfile' },
      { match: '[^\\s:@$\\\\`]+|:' },
    ],
  });
  def('heredoc-marker', {
    comment: 'A heredoc marker that opens no body by itself (later markers on the line).',
    match: `(?<!<)(<<-?)(["']?)(${DELIM})(\\2)${DELIM_END}`,
    captures: { 1: { name: S.heredocOp }, 2: { name: S.heredocQuote }, 3: { name: S.heredocName }, 4: { name: S.heredocQuote } },
  });
  def('heredoc-body-text', {
    begin: '^', end: '(?!)', contentName: `meta.heredoc.body.dockerfile ${S.heredocText}`,
    patterns: [inc('heredoc-variables')],
  });
  def('heredoc-body-text-quoted', { begin: '^', end: '(?!)', contentName: `meta.heredoc.body.dockerfile ${S.heredocText}` });
  def('heredoc-body-shell', {
    patterns: [
      {
        comment: 'A script whose shebang names no shell is not coloured as shell.',
        begin: `^(?=#!(?!.*\\b${SHELLS}\\b))`, end: '(?!)', contentName: `meta.heredoc.body.dockerfile ${S.heredocText}`,
      },
      { begin: '^', end: '(?!)', contentName: `meta.heredoc.body.dockerfile ${S.shellBlock}`, patterns: [{ include: 'source.shell' }] },
    ],
  });
  def('heredoc-variables', {
    patterns: [
      { match: '\\\\\\$', name: S.escape },
      inc('variable-braced'),
      inc('variable-simple'),
    ],
  });
  def('shell-first-statement', {
    comment: [
      'VS Code\'s shell grammar starts a statement only at the start of a line or after ; | & ( { `:',
      'the command after RUN (or after a heredoc marker) is neither, so it is opened here.',
    ].join(' '),
    begin: '\\G(?=[^\\s;|&)`{}\\]#])',
    end: '(?=;|\\||&|\\n|\\)|`|\\{|\\}|[ \\t]*#|\\])(?<!\\\\)',
    patterns: [{ include: 'source.shell#typical_statements' }],
  });
  def('variable-simple', {
    match: '(\\$)([A-Za-z_][A-Za-z0-9_]*)',
    captures: { 0: { name: S.variable }, 1: { name: S.variablePunct } },
  });
  def('variable-braced', {
    begin: '(\\$)(\\{)',
    beginCaptures: { 0: { name: S.variablePunct } },
    end: '(\\})|(?!^)(?=\\n)',
    endCaptures: { 1: { name: S.variablePunct } },
    name: 'variable.other.bracket.dockerfile',
    patterns: [
      {
        match: '\\G([A-Za-z_][A-Za-z0-9_]*)(:?[-+?=]|##?|%%?|//?|/#|/%)?',
        captures: { 1: { name: S.variable }, 2: { name: 'keyword.operator.expansion.dockerfile' } },
      },
      inc('variable-braced'),
      inc('variable-simple'),
    ],
  });

  // ---- rules built once per escape character ----------------------------------------------
  for (const mode of MODES) buildMode(mode, def, inc);

  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    information_for_contributors: [
      'Generated by syntaxes/src/dockerfile.grammar.mjs: edit that file and run it, not this one.',
    ],
    name: 'Dockerfile',
    scopeName: 'source.dockerfile',
    patterns: [inc('directives'), inc('main')],
    injections: {
      'L:meta.embedded.line.shell.dockerfile - meta.heredoc.body.dockerfile': { patterns: [inc('continuation-context')] },
      'L:meta.embedded.line.shell.dockerfile - meta.heredoc - string - comment': { patterns: [inc('heredoc-stdin')] },
      'L:meta.heredoc.first-line.dockerfile - meta.heredoc.body.dockerfile - string - comment': { patterns: [inc('heredoc-marker')] },
      // Keeps the continuation signal (see `continuation`) on every line of a heredoc, whatever
      // shell construct is open at the end of a line. Normal priority: a rule that ends at the
      // newline ends first.
      'meta.heredoc.dockerfile': { patterns: [{ begin: '\\n', while: '(?!)' }] },
    },
    repository,
  };
}

function buildMode(mode, def, inc) {
  const s = mode.suffix;
  const E = mode.esc;
  const r = (name) => inc(`${name}${s}`);
  const d = (name, rule) => def(`${name}${s}`, rule);

  // Line structure.
  // Each of these consumes the newline with a `begin`, so the state on top at the start of the
  // next line "captured the end of line": that is what lets `\G` match at column 0 there, the
  // signal the while-rules of shell-form instructions continue on. They pop themselves at once.
  d('continuation', {
    begin: `(${E})[ \\t]*\\n`,
    beginCaptures: { 1: { name: S.continuation } },
    while: '(?!)',
  });
  d('continuation-context', {
    comment: 'What can happen at the end of a line or on a whole line inside an instruction.',
    patterns: [
      r('continuation'),
      {
        comment: 'A comment line inside a continuation: skipped by BuildKit, the instruction goes on.',
        begin: '^[ \\t]*(#)', beginCaptures: { 1: { name: S.commentPunct } },
        while: '(?!)',
        name: S.comment,
        patterns: [inc('suppression'), { begin: '\\n', while: '(?!)' }],
      },
      { comment: 'An empty line inside a continuation.', begin: '^[ \\t]*\\n', while: '(?!)' },
    ],
  });
  d('escape', { match: `${E}.`, name: S.escape });
  d('variables', { patterns: [{ match: `${E}\\$`, name: S.escape }, inc('variable-braced'), inc('variable-simple')] });
  d('string-double', {
    begin: '"', beginCaptures: { 0: { name: 'punctuation.definition.string.begin.dockerfile' } },
    end: '(")|(?!^)(?=\\n)', endCaptures: { 1: { name: 'punctuation.definition.string.end.dockerfile' } },
    name: 'string.quoted.double.dockerfile',
    patterns: [r('continuation-context'), r('escape'), r('variables')],
  });
  d('string-single', {
    begin: "'", beginCaptures: { 0: { name: 'punctuation.definition.string.begin.dockerfile' } },
    end: "(')|(?!^)(?=\\n)", endCaptures: { 1: { name: 'punctuation.definition.string.end.dockerfile' } },
    name: 'string.quoted.single.dockerfile',
    patterns: [r('continuation-context')],
  });
  d('strings', { patterns: [r('string-double'), r('string-single')] });
  d('args', { patterns: [r('strings'), r('escape'), r('variables')] });

  // Exec form: a JSON array of strings. The lookahead only accepts what BuildKit parses as JSON
  // (on this line, or up to a continuation); anything else is shell form (`RUN [ -f x ] && …`).
  const JSTR = '"(?:[^"\\\\]|\\\\(?:["\\\\/bfnrt]|u[0-9A-Fa-f]{4}))*"';
  const execAhead = `(?=\\[[ \\t]*(?:${JSTR}[ \\t]*(?:,[ \\t]*${JSTR}[ \\t]*)*)?(?:\\][ \\t]*$|,?[ \\t]*${E}[ \\t]*$))`;
  const jsonString = (withVariables) => ({
    begin: '"', beginCaptures: { 0: { name: 'punctuation.definition.string.begin.dockerfile' } },
    end: '(")|(?!^)(?=\\n)', endCaptures: { 1: { name: 'punctuation.definition.string.end.dockerfile' } },
    name: 'string.quoted.double.dockerfile',
    patterns: [
      r('continuation-context'),
      { match: '\\\\(?:["\\\\/bfnrt]|u[0-9A-Fa-f]{4})', name: S.escape },
      { match: '\\\\.', name: 'invalid.illegal.unrecognized-escape.dockerfile' },
      ...(withVariables ? [r('variables')] : []),
    ],
  });
  const execForm = (lookahead, withVariables) => ({
    begin: `${lookahead}(\\[)`,
    beginCaptures: { 1: { name: 'punctuation.definition.array.begin.dockerfile' } },
    end: '(\\])|(?!^)(?=\\n)',
    endCaptures: { 1: { name: 'punctuation.definition.array.end.dockerfile' } },
    name: 'meta.exec-form.dockerfile',
    patterns: [
      r('continuation-context'),
      jsonString(withVariables),
      { match: ',', name: 'punctuation.separator.array.dockerfile' },
      { match: '[^\\s,\\]"]+', name: 'invalid.illegal.exec-form.dockerfile' },
    ],
  });
  d('exec-form', execForm(execAhead, false));
  d('exec-form-variables', { comment: 'COPY, ADD and VOLUME expand variables in their JSON form too.', ...execForm(execAhead, true) });
  d('exec-form-any', { comment: 'SHELL has only the JSON form.', ...execForm('', false) });

  // Shell form.
  if (mode.embedShell) {
    // In an instruction whose first line has a heredoc: one region for the whole command, so a
    // heredoc opened inside the shell keeps its body (the heredoc bounds itself).
    d('shell-form', {
      begin: '(?=[^ \\t\\n])', end: '(?!^)(?=\\n)', name: S.shellLine,
      patterns: [r('continuation-context'), inc('shell-first-statement'), { include: 'source.shell' }],
    });
    // Otherwise the command is a while-rule like its instruction: whatever the shell left open
    // (an unbalanced quote) is dropped at the first line that does not continue the instruction.
    d('shell-form-while', {
      begin: '(?=[^ \\t\\n])', while: INSTRUCTION_GOES_ON, name: S.shellLine,
      patterns: [r('continuation-context'), inc('shell-first-statement'), { include: 'source.shell' }],
    });
  } else {
    d('shell-form', {
      comment: 'With the backtick escape the shell is usually cmd or PowerShell: no POSIX shell colouring.',
      begin: '(?=[^ \\t\\n])', end: '(?!^)(?=\\n)', name: 'meta.shell-form.dockerfile',
      patterns: [r('continuation-context'), r('heredoc-stdin'), r('strings'), r('variables')],
    });
  }

  // Flags.
  const flagBegin = (names) => `${WORD_START}(--(?:${names}))(=)`;
  const flagHead = { 1: { name: S.flag }, 2: { name: S.assign } };
  const flagEnd = '(?=[ \\t\\n])';
  d('flag-mount', {
    begin: flagBegin('mount'), beginCaptures: flagHead, end: flagEnd, name: 'meta.flag.mount.dockerfile',
    patterns: [
      r('variables'),
      r('strings'),
      {
        match: '(?:\\G|(?<=,))(type)(=)(bind|cache|tmpfs|secret|ssh)(?=[,\\s]|$)',
        captures: { 1: { name: 'entity.other.attribute-name.dockerfile' }, 2: { name: S.assign }, 3: { name: 'string.unquoted.dockerfile support.constant.mount-type.dockerfile' } },
      },
      {
        match: '(?:\\G|(?<=,))([A-Za-z][\\w-]*)(?:(=)|(?=[,\\s]|$))',
        captures: { 1: { name: 'entity.other.attribute-name.dockerfile' }, 2: { name: S.assign } },
      },
      { match: ',', name: 'punctuation.separator.comma.dockerfile' },
      { match: '[^,\\s"\'$]+', name: 'string.unquoted.dockerfile' },
    ],
  });
  d('flag-from', {
    begin: flagBegin('from'), beginCaptures: flagHead, end: flagEnd, name: 'meta.flag.from.dockerfile',
    patterns: [
      r('variables'),
      { match: '\\G\\d+(?=\\s|$)', name: 'constant.numeric.stage-index.dockerfile' },
      { match: '\\G[A-Za-z_][\\w.-]*(?=\\s|$)', name: S.stage },
      { begin: '\\G(?=\\S)', end: '(?=\\s)', name: S.image, patterns: [r('variables'), inc('image-reference-parts')] },
    ],
  });
  d('flag-duration', {
    begin: flagBegin('interval|timeout|start-period|start-interval'), beginCaptures: flagHead, end: flagEnd,
    patterns: [r('variables'), { match: '(?:\\d+(?:\\.\\d+)?(?:ns|us|µs|ms|s|m|h))+|\\d+', name: 'constant.numeric.duration.dockerfile' }, { match: '[^\\s$]+', name: 'string.unquoted.dockerfile' }],
  });
  d('flag-number', {
    begin: flagBegin('retries|chmod'), beginCaptures: flagHead, end: flagEnd,
    patterns: [r('variables'), { match: '\\G\\d+(?=\\s|$)', name: 'constant.numeric.dockerfile' }, { match: '[^\\s$]+', name: 'string.unquoted.dockerfile' }],
  });
  d('flag-keyword', {
    begin: flagBegin('network|security|link|parents|keep-git-dir|unpack'), beginCaptures: flagHead, end: flagEnd,
    patterns: [
      r('variables'),
      { match: '\\G(?:true|false)(?=\\s|$)', name: 'constant.language.boolean.dockerfile' },
      { match: '\\G(?:default|none|host|sandbox|insecure)(?=\\s|$)', name: 'string.unquoted.dockerfile support.constant.dockerfile' },
      { match: '[^\\s$]+', name: 'string.unquoted.dockerfile' },
    ],
  });
  d('flag-value', {
    begin: flagBegin('[A-Za-z][\\w-]*'), beginCaptures: flagHead, end: flagEnd,
    contentName: 'string.unquoted.flag-value.dockerfile',
    patterns: [r('strings'), r('escape'), r('variables')],
  });
  d('flag-switch', { match: `${WORD_START}(--[A-Za-z][\\w-]*)(?=[ \\t\\n]|$)`, captures: { 1: { name: S.flag } } });
  d('flags', {
    patterns: [r('flag-mount'), r('flag-from'), r('flag-duration'), r('flag-number'), r('flag-keyword'), r('flag-value'), r('flag-switch')],
  });

  // Heredocs (see the file's header).
  buildHeredocs(mode, d, r, inc);

  // Instructions.
  const instruction = (word, patterns, extra = {}) => ({
    begin: kw(word),
    beginCaptures: { 1: { name: S.keyword } },
    end: '(?!^)(?=\\n)',
    name: `meta.instruction.${word.toLowerCase()}.dockerfile`,
    patterns: [r('continuation-context'), ...patterns],
    ...extra,
  });
  const valueOf = () => [r('strings'), r('escape'), r('variables')];
  const keyValue = (key, keyScope) => ({
    begin: `${WORD_START}(${key})(=)`,
    beginCaptures: { 1: { name: keyScope }, 2: { name: S.assign } },
    end: '(?=[ \\t\\n])',
    patterns: valueOf(),
  });
  const legacyKeyValue = (keyScope) => ({
    comment: 'The old `KEY value with spaces` form (no `=` in the first word).',
    begin: `\\G[ \\t]+([^\\s=${mode.escClass}"']+)(?=[ \\t]+[^\\s${mode.escClass}])`,
    beginCaptures: { 1: { name: keyScope } },
    end: '(?!^)(?=\\n)',
    patterns: [r('continuation-context'), ...valueOf()],
  });

  d('instruction-from', instruction('FROM', [
    r('flags'),
    {
      comment: 'The image (the first word that is not a flag), then `AS name`.',
      begin: `${WORD_START}(?!--)([^\\s${mode.escClass}]+)`,
      beginCaptures: { 1: { name: S.image, patterns: [r('variables'), inc('image-reference-parts')] } },
      end: '(?!^)(?=\\n)',
      patterns: [
        r('continuation-context'),
        { match: `${WORD_START}((?i:AS))[ \\t]+([^\\s${mode.escClass}]+)`, captures: { 1: { name: S.keyword }, 2: { name: S.stage } } },
        { match: `${WORD_START}((?i:AS))(?=[ \\t]|$)`, captures: { 1: { name: S.keyword } } },
        r('args'),
      ],
    },
  ]));
  // Shell-form instructions. With the shell embedded they are while-rules (see
  // INSTRUCTION_GOES_ON), except a RUN whose first line has a heredoc marker.
  const shellInstruction = mode.embedShell
    ? (word, patterns, extra = {}) => ({
      begin: kw(word),
      beginCaptures: { 1: { name: S.keyword } },
      while: word === 'HEALTHCHECK' ? HEALTHCHECK_GOES_ON : INSTRUCTION_GOES_ON,
      name: `meta.instruction.${word.toLowerCase()}.dockerfile`,
      patterns: [r('continuation-context'), ...patterns],
      ...extra,
    })
    : instruction;
  const shellForm = mode.embedShell ? r('shell-form-while') : r('shell-form');
  d('instruction-run-heredoc', {
    comment: 'A RUN with a heredoc on its first line.',
    ...instruction('RUN', [r('flags'), r('heredoc-script'), r('exec-form'), r('shell-form')]),
    begin: `${kw('RUN')}(?=.*${ANY_MARKER})`,
  });
  d('instruction-run', shellInstruction('RUN', [r('flags'), r('heredoc-script'), r('exec-form'), shellForm]));
  d('instruction-cmd', shellInstruction('CMD', [r('exec-form'), shellForm]));
  d('instruction-entrypoint', shellInstruction('ENTRYPOINT', [r('exec-form'), shellForm]));
  d('instruction-shell', instruction('SHELL', [r('exec-form-any'), r('args')]));
  d('instruction-healthcheck', shellInstruction('HEALTHCHECK', [
    r('flags'),
    { match: `${WORD_START}((?i:NONE))(?=[ \\t]|$)`, captures: { 1: { name: 'constant.language.none.dockerfile' } } },
    {
      begin: `${WORD_START}((?i:CMD))(?=[ \\t]|$)`, beginCaptures: { 1: { name: S.keyword } },
      ...(mode.embedShell ? { while: INSTRUCTION_GOES_ON } : { end: '(?!^)(?=\\n)' }),
      patterns: [r('continuation-context'), r('exec-form'), shellForm],
    },
    r('args'),
  ]));
  const copyLike = (word) => instruction(word, [
    r('flags'),
    r('heredoc-copy'),
    r('exec-form-variables'),
    { match: `${WORD_START}(?:(?:https?|git|ssh)://|git@)[^\\s"'$]+`, name: 'markup.underline.link.dockerfile' },
    r('args'),
  ]);
  d('instruction-copy', copyLike('COPY'));
  d('instruction-add', copyLike('ADD'));
  d('instruction-env', instruction('ENV', [legacyKeyValue(S.declaration), keyValue(`[^\\s=${mode.escClass}"'$]+`, S.declaration), r('args')]));
  d('instruction-arg', instruction('ARG', [
    keyValue(`[^\\s=${mode.escClass}"'$]+`, S.declaration),
    { match: `${WORD_START}([^\\s=${mode.escClass}"'$]+)(?=[ \\t\\n]|$)`, captures: { 1: { name: S.declaration } } },
    r('args'),
  ]));
  const labelKey = `"(?:[^"\\\\]|\\\\.)*"|'[^']*'|[^\\s=${mode.escClass}"'$]+`;
  d('instruction-label', instruction('LABEL', [legacyKeyValue(S.label), keyValue(labelKey, S.label), r('args')]));
  d('instruction-maintainer', instruction('MAINTAINER', [r('args')]));
  d('instruction-expose', instruction('EXPOSE', [
    {
      match: `${WORD_START}(\\d+)(?:(-)(\\d+))?(?:(/)((?i:tcp|udp|sctp)))?(?=[ \\t\\n]|$)`,
      captures: {
        1: { name: 'constant.numeric.port.dockerfile' }, 2: { name: 'punctuation.separator.range.dockerfile' },
        3: { name: 'constant.numeric.port.dockerfile' }, 4: { name: 'punctuation.separator.protocol.dockerfile' },
        5: { name: 'constant.language.protocol.dockerfile' },
      },
    },
    r('args'),
  ]));
  d('instruction-volume', instruction('VOLUME', [r('exec-form-variables'), r('args')]));
  d('instruction-user', instruction('USER', [
    { match: '(?<![^ \\t:])\\d+(?=[:\\s]|$)', name: 'constant.numeric.dockerfile' },
    { match: '(?<=[^\\s:]):(?=\\S)', name: 'punctuation.separator.user-group.dockerfile' },
    r('args'),
  ]));
  d('instruction-workdir', instruction('WORKDIR', [r('args')]));
  d('instruction-stopsignal', instruction('STOPSIGNAL', [
    { match: `${WORD_START}(?:(?i:SIG)[A-Za-z0-9+-]+|\\d+)(?=[ \\t\\n]|$)`, name: 'constant.language.signal.dockerfile' },
    r('args'),
  ]));
  d('instruction-unknown', {
    comment: 'A word BuildKit does not know as an instruction; the server reports it.',
    begin: '^[ \\t]*(?=[^\\s#])', end: '(?!^)(?=\\n)', name: 'meta.instruction.unknown.dockerfile',
    patterns: [r('continuation-context'), r('args')],
  });
  const instructions = INSTRUCTIONS.filter((w) => w !== 'ONBUILD').map((w) => r(`instruction-${w.toLowerCase()}`));
  d('main', {
    patterns: [
      inc('comment'),
      {
        comment: 'ONBUILD is a prefix: the instruction it wraps starts right after it (see kw()).',
        match: kw('ONBUILD'), captures: { 1: { name: S.onbuild } },
      },
      r('instruction-run-heredoc'),
      ...instructions,
      r('instruction-unknown'),
    ],
  });
}

/**
 * Heredoc rules for one escape mode. Three contexts:
 *   script  RUN <<EOF [shell]   first body is shell (k = 1 only)
 *   stdin   a marker inside a shell-form command (RUN cat <<EOF > f): text bodies
 *   copy    COPY/ADD: text bodies, the rest of the marker line is paths
 */
function buildHeredocs(mode, d, r, inc) {
  const E = mode.esc;
  const op = { name: S.heredocOp };
  const quote = { name: S.heredocQuote };
  const delim = { name: S.heredocName };
  const terminator = (group, dash) => (dash ? `^(\\t*)(\\${group})$` : `^()(\\${group})$`);
  const stillBody = (group, dash) => (dash ? `^(?!\\t*\\${group}$)` : `^(?!\\${group}$)`);
  const opFor = (dash) => (dash ? '<<-' : '<<(?!-)');
  // Right after the first marker, when something follows on the line (a region that began and
  // ended at the same place would stay open in vscode-textmate).
  const FIRST_LINE = '(?<=\\S)\\G(?=[ \\t]*\\S)';

  // The rest of the marker line, after the first marker.
  const firstLineShell = mode.embedShell
    ? { patterns: [r('continuation-context'), inc('heredoc-marker'), inc('shell-first-statement'), { include: 'source.shell' }], scope: `meta.heredoc.first-line.dockerfile ${S.shellLine}` }
    : { patterns: [r('continuation-context'), inc('heredoc-marker'), r('strings'), r('variables')], scope: 'meta.heredoc.first-line.dockerfile' };
  const firstLineArgs = { patterns: [r('continuation-context'), inc('heredoc-marker'), r('args')], scope: 'meta.heredoc.first-line.dockerfile' };
  // The rest of the marker line is one line: the body starts on the next line whatever it left open.
  d('heredoc-first-line-shell', { begin: FIRST_LINE, while: '(?!)', contentName: firstLineShell.scope, patterns: firstLineShell.patterns });
  d('heredoc-first-line-args', { begin: FIRST_LINE, while: '(?!)', contentName: firstLineArgs.scope, patterns: firstLineArgs.patterns });

  const contexts = {
    script: { firstLine: r('heredoc-first-line-shell'), body: mode.embedShell ? inc('heredoc-body-shell') : null },
    stdin: { firstLine: r('heredoc-first-line-shell'), body: null },
    copy: { firstLine: r('heredoc-first-line-args'), body: null },
  };

  for (const [ctx, { firstLine, body }] of Object.entries(contexts)) {
    const textBody = (quoted) => inc(quoted ? 'heredoc-body-text-quoted' : 'heredoc-body-text');
    const names = [];
    // k = 1: the first marker on the line opens the innermost pair and consumes the marker.
    const levelOne = [];
    for (const dash of [false, true]) {
      for (const quoted of [false, true]) {
        const markerAhead = quoted ? `(["'])(${DELIM})\\1` : `(${DELIM})`;
        const nameGroup = quoted ? 2 : 1;
        const tail = ctx === 'script'
          ? `[ \\t]*(?:$|${E}[ \\t]*$|(?:\\S*/)?${SHELLS}(?:[ \\t]|$))`
          : '';
        const name = `heredoc-${ctx}-1-${dash ? 'dash' : 'plain'}-${quoted ? 'quoted' : 'bare'}`;
        d(name, {
          begin: `(?=(?<!<)${opFor(dash)}${markerAhead}${DELIM_END}${tail})`,
          end: terminator(nameGroup, dash),
          endCaptures: { 2: delim },
          name: 'meta.heredoc.dockerfile',
          patterns: [{
            begin: `(<<-?)(["']?)(${DELIM})(\\2)`,
            beginCaptures: { 1: op, 2: quote, 3: delim, 4: quote },
            while: stillBody(3, dash),
            patterns: [body && ctx === 'script' ? body : textBody(quoted), firstLine],
          }],
        });
        levelOne.push(r(name));
      }
    }
    d(`heredoc-${ctx}-1`, { patterns: levelOne });
    names.push(`heredoc-${ctx}-1`);
    if (ctx === 'script') {
      // One heredoc that is the whole command; other lines go to the shell form.
      d(`heredoc-${ctx}`, { patterns: [r(`heredoc-${ctx}-1`)] });
      continue;
    }
    // k = 2, 3: rules pushed at the first marker that wait for the k-th marker's terminator.
    for (const k of [2, 3]) {
      const level = [];
      for (const dash of [false, true]) {
        // The k-th marker: k - 1 markers first, with no other `<<` in between.
        const skip = `${ANY_MARKER}(?:${GAP}${ANY_MARKER}){${k - 2}}${GAP}`;
        const aheadK = `(?=${skip}(?<!<)${opFor(dash)}(["']?)(${DELIM})\\1${DELIM_END})`;
        const name = `heredoc-${ctx}-${k}-${dash ? 'dash' : 'plain'}`;
        d(name, {
          begin: aheadK,
          end: terminator(2, dash),
          endCaptures: { 2: delim },
          name: 'meta.heredoc.dockerfile',
          patterns: [{
            begin: `\\G${aheadK}`,
            while: stillBody(2, dash),
            patterns: [textBody(false), r(`heredoc-${ctx}-${k - 1}`)],
          }],
        });
        level.push(r(name));
      }
      d(`heredoc-${ctx}-${k}`, { patterns: level });
    }
    d(`heredoc-${ctx}`, { patterns: [r(`heredoc-${ctx}-3`), r(`heredoc-${ctx}-2`), r(`heredoc-${ctx}-1`)] });
  }
}

function main() {
  const json = `${JSON.stringify(buildGrammar(), null, 2)}\n`;
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8') : '';
    if (current !== json) {
      console.error(`${path.relative(process.cwd(), OUT)} is out of date: run node syntaxes/src/dockerfile.grammar.mjs`);
      process.exit(1);
    }
    console.log(`${path.relative(process.cwd(), OUT)} is up to date`);
    return;
  }
  fs.writeFileSync(OUT, json);
  console.log(`wrote ${path.relative(process.cwd(), OUT)} (${Math.round(json.length / 1024)} KiB)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
