// Rules about instruction arguments: how many, in which form, and what values are valid.
import { t } from '../../../l10n';
import type { Instruction } from '../../syntax/ast';
import { isInstruction } from '../../syntax/instructions';
import { keyValuesOf } from '../../syntax/words';
import { rule, type RuleContext } from './rule';

/**
 * The names moby's signal.ParseSignal knows on Linux, where BuildKit checks STOPSIGNAL (its
 * SignalMap, signal_linux.go): no BSD-only INFO or EMT, and of the real-time signals only
 * RTMIN+1..+15 and RTMAX-14..-1 by those names.
 */
const SIGNALS = new Set([
  'ABRT', 'ALRM', 'BUS', 'CHLD', 'CLD', 'CONT', 'FPE', 'HUP', 'ILL', 'INT', 'IO', 'IOT', 'KILL', 'PIPE', 'POLL', 'PROF',
  'PWR', 'QUIT', 'SEGV', 'STKFLT', 'STOP', 'SYS', 'TERM', 'TRAP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'USR1', 'USR2',
  'VTALRM', 'WINCH', 'XCPU', 'XFSZ', 'RTMIN', 'RTMAX',
  ...Array.from({ length: 15 }, (_, k) => `RTMIN+${k + 1}`), ...Array.from({ length: 14 }, (_, k) => `RTMAX-${k + 1}`),
]);
/** Linux's highest signal number (SIGRTMAX). */
const MAX_SIGNAL = 64;

const COUNTED = new Set(['COPY', 'ADD', 'FROM', 'USER', 'STOPSIGNAL', 'ENV', 'LABEL', 'HEALTHCHECK']);

/** Each instruction, and each ONBUILD trigger in place of its ONBUILD. */
function* targets(ctx: RuleContext): Generator<Instruction> {
  for (const i of ctx.scope.instructions) {
    if (i.trigger) yield i.trigger;
    else yield i;
  }
}

export const argumentCount = rule({
  id: 'argument-count', reach: 'instruction', severity: 'error',
  dockerfileUtils: ['ARGUMENT_MISSING', 'ARGUMENT_EXTRA', 'ARGUMENT_REQUIRES_AT_LEAST_ONE', 'ARGUMENT_REQUIRES_AT_LEAST_TWO', 'ARGUMENT_REQUIRES_ONE_OR_THREE', 'ARGUMENT_REQUIRES_TWO', 'ARGUMENT_UNNECESSARY', 'HEALTHCHECK_CMD_ARGUMENT_MISSING'],
  explain: () => [
    t('Every instruction expects a certain number of arguments: COPY and ADD need at least a source and a destination, FROM takes an image and optionally AS and a name, USER and STOPSIGNAL take one value, ENV and LABEL need a value for each key.'),
    t('BuildKit refuses to build when the count is wrong. USER is the exception: it takes the rest of the line as one name, spaces and all, which no user has, so the next RUN or docker run fails instead.'),
  ],
}, (ctx) => {
  for (const i of targets(ctx)) {
    if (!isInstruction(i.keyword)) continue;
    const here = i.args.end > i.args.start ? i.args : i.keywordSpan;
    if (i.argText.trim() === '') {
      // BuildKit builds an empty RUN, CMD or ENTRYPOINT (each becomes sh -c ""): not an error.
      if (i.upper !== 'RUN' && i.upper !== 'CMD' && i.upper !== 'ENTRYPOINT') ctx.report(i.keywordSpan, t('{0} needs arguments.', i.upper));
      continue;
    }
    // Only the instructions with a fixed shape need their words (splitting long RUNs is costly).
    if (!COUNTED.has(i.upper)) continue;
    const n = i.words.length;
    switch (i.upper) {
      case 'COPY':
      case 'ADD': {
        const count = i.exec ? i.exec.items.length : n;
        if (count < 2) ctx.report(here, t('{0} needs at least one source and a destination.', i.upper));
        break;
      }
      case 'FROM':
        if (n === 2 || n > 3) ctx.report(here, t('FROM takes an image, optionally followed by AS and a stage name.'));
        break;
      case 'USER':
      case 'STOPSIGNAL': {
        if (n < 2) break;
        const span = i.words[1]!.span.start < here.end ? { start: i.words[1]!.span.start, end: i.args.end } : here;
        // BuildKit parses USER's rest as one string and builds; the user lookup fails later.
        if (i.upper === 'USER') ctx.report(span, t('USER takes one value: BuildKit reads all of "{0}" as the user name, which no user has, so the next RUN or docker run fails ("unable to find user"). For a group write user:group.', i.words.map((w) => w.value).join(' ')));
        else ctx.report(span, t('{0} takes exactly one argument.', i.upper));
        break;
      }
      case 'ENV':
      case 'LABEL':
        for (const pair of keyValuesOf(i, ctx.a.doc.escape)) {
          if (!pair.hasEquals && !pair.value) ctx.report(pair.key.span, t('{0} {1} needs a value.', i.upper, pair.key.value));
        }
        break;
      case 'HEALTHCHECK': {
        const type = i.words[0]!.value.toUpperCase();
        if (type === 'NONE' && n > 1) ctx.report({ start: i.words[1]!.span.start, end: i.args.end }, t('HEALTHCHECK NONE takes no further arguments.'));
        if (type === 'CMD' && n === 1) ctx.report(i.words[0]!.span, t('HEALTHCHECK CMD needs a command to run.'));
        break;
      }
      default:
        break;
    }
  }
});

export const invalidKeyValue = rule({
  id: 'invalid-key-value', reach: 'instruction', severity: 'error', dockerfileUtils: ['SYNTAX_MISSING_EQUALS', 'SYNTAX_MISSING_NAMES'],
  explain: () => [t('When ENV, LABEL or ARG use the key=value form, every item on the line must be a key=value pair with a non-empty key.')],
}, (ctx) => {
  for (const i of targets(ctx)) {
    if (i.upper !== 'ENV' && i.upper !== 'LABEL' && i.upper !== 'ARG') continue;
    const pairs = keyValuesOf(i, ctx.a.doc.escape);
    const keyValueForm = i.upper === 'ARG' || pairs.some((p) => p.hasEquals);
    for (const pair of pairs) {
      if (pair.hasEquals && pair.key.value === '') ctx.report(pair.span, t('This pair has no name before the =.'));
      else if (keyValueForm && !pair.hasEquals && i.upper !== 'ARG') ctx.report(pair.span, t('Expected key=value, found {0}.', pair.key.raw));
    }
  }
});

export const legacyKeyValue = rule({
  id: 'legacy-key-value', reach: 'instruction', severity: 'warning', buildkit: 'LegacyKeyValueFormat',
  explain: () => [
    t('ENV and LABEL still accept the old "key value" form, where everything after the first space is the value. It cannot set several keys at once and is easy to misread; key=value is the recommended form.'),
  ],
}, (ctx) => {
  for (const i of targets(ctx)) {
    if (i.upper !== 'ENV' && i.upper !== 'LABEL') continue;
    const pairs = keyValuesOf(i, ctx.a.doc.escape);
    const pair = pairs[0];
    if (pairs.length === 1 && pair && !pair.hasEquals && pair.value) {
      // ENV MYSQL_ROOT_PASSWORD: x, written as YAML: the name keeps the colon, so the variable meant
      // is never set (round 14's miss, where the fix kept the colon).
      const name = pair.key.value;
      if (i.upper === 'ENV' && name.length > 1 && name.endsWith(':') && !name.includes('$')) {
        ctx.report(pair.span, t('This sets a variable named {0} with the colon in its name, not {1}: "key: value" is how YAML writes it. Write ENV {1}=value.', name, name.slice(0, -1)), {
          data: { keyEnd: pair.key.span.end - 1, valueStart: pair.value.span.start, value: pair.value.raw },
        });
        continue;
      }
      ctx.report(pair.span, t('Use {0} {1}=value instead of the legacy "{0} {1} value" form.', i.upper, pair.key.value), {
        data: { keyEnd: pair.key.span.end, valueStart: pair.value.span.start, value: pair.value.raw },
      });
    }
  }
});

/** A build argument's name as BuildKit takes it. */
const ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const argDefaultWithoutEquals = rule({
  id: 'arg-default-without-equals', severity: 'warning', reach: 'file',
  explain: () => [
    t('ARG takes a default only after an equals sign (ARG NODE_ENV=production). Written as ENV\'s old "key value" form, ARG NODE_ENV production declares two build arguments, NODE_ENV and production, and neither has a default: NODE_ENV is empty in every build that does not pass --build-arg NODE_ENV=…, and so is any ENV or RUN that reads it.'),
    t('Told where the second word is not a name the file uses as a variable (then two arguments may be meant) and not an empty string.'),
  ],
}, (ctx) => {
  const text = ctx.a.doc.text;
  for (const i of ctx.a.doc.instructions) {
    if (i.upper !== 'ARG' || i.words.length !== 2) continue;
    const [name, value] = i.words as [typeof i.words[0], typeof i.words[0]];
    if (!ARG_NAME.test(name.value) || value.raw.includes('=') || value.value === '') continue;
    // ARG A B where the file reads $B or ${B}: two arguments, declared at once.
    if (ARG_NAME.test(value.value) && new RegExp(`\\$\\{?${value.value}\\b`).test(text)) continue;
    // An upper-case name is more likely a second argument than a default.
    if (/^[A-Z][A-Z0-9_]*$/.test(value.value)) continue;
    ctx.report({ start: name.span.start, end: value.span.end }, t('ARG reads {0} and {1} as two build arguments, so {0} has no default: it is empty unless the build passes --build-arg {0}=…. Write ARG {0}={1}.', name.value, value.raw), {
      data: { keyEnd: name.span.end, valueStart: value.span.start, value: value.raw },
    });
  }
});

export const shellJsonForm = rule({
  id: 'shell-json-form', reach: 'instruction', severity: 'error', dockerfileUtils: ['SHELL_JSON_FORM', 'SHELL_REQUIRES_ONE'],
  explain: () => [t('SHELL replaces the shell that runs RUN, CMD and ENTRYPOINT in shell form. It must be a JSON array with the executable first, for example SHELL ["/bin/bash", "-o", "pipefail", "-c"].')],
}, (ctx) => {
  for (const i of targets(ctx)) {
    if (i.upper !== 'SHELL' || i.words.length === 0) continue;
    if (!i.exec) ctx.report(i.args, t('SHELL must be written as a JSON array, for example ["/bin/bash", "-c"].'));
    else if (i.exec.items.length === 0) ctx.report(i.args, t('SHELL needs at least the executable.'));
  }
});

export const invalidHealthcheck = rule({
  id: 'invalid-healthcheck', reach: 'instruction', severity: 'error', dockerfileUtils: ['UNKNOWN_TYPE'],
  explain: () => [t('HEALTHCHECK is followed by CMD and the command to run, or by NONE to turn off a health check inherited from the base image.')],
}, (ctx) => {
  for (const i of targets(ctx)) {
    if (i.upper !== 'HEALTHCHECK' || !i.words[0]) continue;
    const type = i.words[0].value.toUpperCase();
    if (type !== 'CMD' && type !== 'NONE') ctx.report(i.words[0].span, t('HEALTHCHECK expects CMD or NONE, not {0}.', i.words[0].value));
  }
});

export const onbuildTrigger = rule({
  id: 'onbuild-trigger', reach: 'instruction', severity: 'error', hadolint: ['DL3043'], dockerfileUtils: ['ONBUILD_CHAINING_DISALLOWED', 'ONBUILD_TRIGGER_DISALLOWED'],
  explain: () => [t('ONBUILD stores an instruction to run when another image is built FROM this one. FROM, MAINTAINER and ONBUILD itself cannot be stored that way.')],
}, (ctx) => {
  for (const i of ctx.scope.instructions) {
    const trigger = i.trigger;
    if (trigger && ['ONBUILD', 'FROM', 'MAINTAINER'].includes(trigger.upper)) {
      ctx.report(trigger.keywordSpan, t('{0} cannot be used as an ONBUILD trigger.', trigger.upper));
    }
  }
});

export const invalidStopsignal = rule({
  id: 'invalid-stopsignal', reach: 'instruction', severity: 'error', dockerfileUtils: ['INVALID_SIGNAL'],
  explain: () => [t('STOPSIGNAL names the signal that docker stop sends first, such as SIGTERM, SIGQUIT or a signal number.')],
}, (ctx) => {
  for (const i of targets(ctx)) {
    const word = i.upper === 'STOPSIGNAL' ? i.words[0] : undefined;
    if (!word || word.value.includes('$')) continue;
    // ParseSignal takes any number Go's Atoi reads (a sign and up to 18 digits is always in
    // range) except 0; the kernel knows only 1 to 64, so docker stop cannot send the others.
    if (/^[+-]?\d{1,18}$/.test(word.value)) {
      const n = Number(word.value);
      if (n === 0) ctx.report(word.span, t('{0} is no signal: BuildKit refuses signal number 0.', word.value));
      else if (n < 0 || n > MAX_SIGNAL) ctx.report(word.span, t('BuildKit accepts STOPSIGNAL {0}, but no Linux signal has that number, so docker stop cannot send it.', word.value));
      continue;
    }
    if (!SIGNALS.has(word.value.toUpperCase().replace(/^SIG/, ''))) ctx.report(word.span, t('{0} is not a signal name or number.', word.value));
  }
});

export const argumentRules = [argumentCount, invalidKeyValue, legacyKeyValue, argDefaultWithoutEquals, shellJsonForm, invalidHealthcheck, onbuildTrigger, invalidStopsignal];
