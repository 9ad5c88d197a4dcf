// Rules about `--flags`: known for the instruction, not repeated, given a value, valid values.
import { t } from '../../../l10n';
import type { Flag, Instruction, Word } from '../../syntax/ast';
import { isInstruction } from '../../syntax/instructions';
import { FLAG_SPECS, flagSpec, misplacedFlag, MOUNT_TYPES, MOUNT_VALUES } from '../../syntax/flagSpecs';

const KNOWN = new Map<string, string[]>();
for (const f of FLAG_SPECS) KNOWN.set(f.instruction, [...(KNOWN.get(f.instruction) ?? []), f.name]);
import { closest } from './suggest';
import { rule, type RuleContext } from './rule';

const UNIT_NS: Record<string, number> = { ns: 1, us: 1e3, '\u00b5s': 1e3, '\u03bcs': 1e3, ms: 1e6, s: 1e9, m: 6e10, h: 3.6e12 };
const GO_DURATION = /^[-+]?(?:(?:\d+\.?\d*|\.\d+)(?:ns|us|\u00b5s|\u03bcs|ms|s|m|h))+$/;

/**
 * Nanoseconds as Go's time.ParseDuration reads the text (.5s, 1.s, +5s, 1h30m; a bare 0 needs
 * no unit; each part's fraction is cut to whole nanoseconds), or undefined where it refuses it.
 */
function goDuration(text: string): number | undefined {
  if (/^[-+]?0$/.test(text)) return 0;
  if (!GO_DURATION.test(text)) return undefined;
  let total = 0;
  for (const m of text.replace(/^[-+]/, '').matchAll(/(\d*)(?:\.(\d*))?([^\d.]+)/g)) {
    const unit = UNIT_NS[m[3]!]!;
    total += Number(m[1] || '0') * unit + Math.trunc(Number(`0.${m[2] ?? ''}`) * unit);
  }
  // Past 2^63-1 ns (about 292 years) Go reports an invalid duration.
  if (total >= 2 ** 63) return undefined;
  return text.startsWith('-') ? -total : total;
}

/**
 * BuildKit never parses the flags of ARG, STOPSIGNAL and HEALTHCHECK NONE (their parsers do not
 * call flags.Parse), so whatever flags they carry are dropped without a word: none can fail.
 */
function flagsIgnored(i: Instruction): boolean {
  return i.upper === 'ARG' || i.upper === 'STOPSIGNAL' || (i.upper === 'HEALTHCHECK' && i.words[0]?.value.toUpperCase() === 'NONE');
}

/**
 * The word after a bare `--` that is one of the instruction's flags with the space after the
 * dashes (`COPY -- from=build /a /a`): BuildKit reads it as a source. Rules that count sources
 * leave such an instruction to unknown-flag, which reports the typo.
 */
export function spacedFlag(i: Instruction): Word | undefined {
  const dashes = i.flags.find((f) => f.name === '' && f.value === undefined);
  if (!dashes) return undefined;
  const next = i.words.find((w) => w.span.start >= dashes.span.end);
  const meant = next && /^([a-z-]+)=/.exec(next.value)?.[1];
  return next && meant && KNOWN.get(i.upper)?.includes(meant) ? next : undefined;
}

export const unknownFlag = rule({
  id: 'unknown-flag', reach: 'instruction', severity: 'error', dockerfileUtils: ['UNKNOWN_ADD_FLAG', 'UNKNOWN_COPY_FLAG', 'UNKNOWN_FROM_FLAG', 'UNKNOWN_HEALTHCHECK_FLAG'],
  explain: () => [t('Each instruction accepts its own set of flags (for example COPY --from, RUN --mount, HEALTHCHECK --interval). BuildKit stops at a flag the instruction does not know.')],
}, (ctx) => {
  for (const i0 of ctx.scope.instructions) {
    const i = i0.trigger ?? i0;
    if (!isInstruction(i.keyword)) continue;
    if (i.flags.length === 0 || flagsIgnored(i)) continue;
    const known = KNOWN.get(i.upper) ?? [];
    for (const flag of i.flags) {
      if (known.includes(flag.name)) continue;
      if (flag.name === '' && flag.value === undefined) {
        // A bare -- ends the flags (BuildKit's flag parser stops there), so it is no unknown flag.
        const next = spacedFlag(i);
        if (next) ctx.report({ start: flag.span.start, end: next.span.end }, t('-- ends the flags, so {0} is read as a source, not as the flag --{0}. Remove the space: --{0}', next.value));
        continue;
      }
      const suggestion = closest(flag.name, known);
      ctx.report(flag.nameSpan.end > flag.nameSpan.start ? flag.span : flag.span, suggestion
        ? t('{0} has no flag --{1}. Did you mean --{2}?', i.upper, flag.name, suggestion)
        : known.length > 0
          ? t('{0} has no flag --{1}.', i.upper, flag.name)
          : t('{0} takes no flags.', i.upper), { data: suggestion ? { replacement: suggestion, span: flag.nameSpan } : undefined });
    }
  }
});

export const misplacedFlagRule = rule({
  id: 'misplaced-flag', reach: 'instruction', severity: 'error',
  explain: () => [
    t('BuildKit reads an instruction\'s flags only between the instruction and its first argument. A flag written after the paths of COPY or ADD (COPY src dest --chown=app) is taken as one more path: a source that does not exist, or the destination, a folder named after the flag.'),
  ],
}, (ctx) => {
  for (const i0 of ctx.scope.instructions) {
    const i = i0.trigger ?? i0;
    const word = misplacedFlag(i);
    if (!word) continue;
    // Moved to just after the flags already there (or the keyword), with the space before it removed.
    const at = i.flags.length > 0 ? i.flags[i.flags.length - 1]!.span.end : i.keywordSpan.end;
    let from = word.span.start;
    while (from > 0 && (ctx.a.text[from - 1] === ' ' || ctx.a.text[from - 1] === '\t')) from--;
    ctx.report(word.span, t('{0} comes after the paths, so {1} reads it as a path, not as a flag: flags go right after {1}.', word.value, i.upper), {
      data: { append: ` ${word.value}`, appendAt: at, deleteSpan: { start: from, end: word.span.end } },
    });
  }
});

export const duplicateFlag = rule({
  id: 'duplicate-flag', reach: 'instruction', severity: 'error', dockerfileUtils: ['FLAG_DUPLICATE'],
  explain: () => [t('Most flags may be given once per instruction; only RUN --mount, RUN --device and COPY/ADD --exclude may repeat.')],
}, (ctx) => {
  for (const i0 of ctx.scope.instructions) {
    const i = i0.trigger ?? i0;
    // Most instructions have no flag or one: no set to make for them (10,000 of them at open).
    if (i.flags.length < 2 || flagsIgnored(i)) continue;
    const seen = new Set<string>();
    for (const flag of i.flags) {
      const spec = flagSpec(i.upper, flag.name);
      if (seen.has(flag.name) && spec && !spec.repeatable) ctx.report(flag.span, t('--{0} is given more than once.', flag.name));
      seen.add(flag.name);
    }
  }
});

/**
 * BuildKit's flag parser refuses a flag other than a boolean without an = (--from x), and a boolean
 * with an = and nothing after it (--link=). `--chown=` sets the empty value, which it accepts.
 */
function valueMissing(kind: string, value: string | undefined): boolean {
  return kind === 'boolean' ? value === '' : value === undefined;
}

export const flagMissingValue = rule({
  id: 'flag-missing-value', reach: 'instruction', severity: 'error', dockerfileUtils: ['FLAG_MISSING_VALUE'],
  explain: () => [t('This flag needs a value after an equals sign, for example --from=build.')],
}, (ctx) => {
  for (const i0 of ctx.scope.instructions) {
    const i = i0.trigger ?? i0;
    if (flagsIgnored(i)) continue;
    for (const flag of i.flags) {
      const spec = flagSpec(i.upper, flag.name);
      if (spec && valueMissing(spec.kind, flag.value)) ctx.report(flag.span, t('--{0} needs a value.', flag.name));
    }
  }
});

/**
 * The mount options BuildKit's mount parser knows. It takes every one of them for any type (and
 * ignores it where it means nothing, such as id on a bind mount), except those listed in
 * MOUNT_KEY_TYPES, which it refuses for the other types.
 */
const MOUNT_OPTIONS = ['type', 'from', 'source', 'src', 'target', 'dst', 'destination', 'readonly', 'ro', 'readwrite', 'rw', 'id', 'sharing', 'required', 'size', 'mode', 'uid', 'gid', 'env'];
const MOUNT_KEY_TYPES: Record<string, string[]> = {
  sharing: ['cache'],
  required: ['secret', 'ssh'],
  size: ['tmpfs'],
  mode: ['secret', 'ssh', 'cache'],
  uid: ['secret', 'ssh', 'cache'],
  gid: ['secret', 'ssh', 'cache'],
  // A secret mount refuses a from, and an ssh mount a source, when the RUN is built.
  from: ['bind', 'cache', 'tmpfs', 'ssh'],
  source: ['bind', 'cache', 'tmpfs', 'secret'],
  src: ['bind', 'cache', 'tmpfs', 'secret'],
};
/** Options that may stand alone, without =value (required only where it is accepted at all). */
const MOUNT_FLAGS = ['readonly', 'ro', 'readwrite', 'rw', 'required'];
const MOUNT_BOOLEANS = new Set(['readonly', 'ro', 'readwrite', 'rw', 'required']);
/** What Go's strconv.ParseBool, which reads the boolean options, accepts. */
const GO_BOOLEANS = new Set(['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False']);

/**
 * The options of a mount as BuildKit's csvvalue.Fields splits them: at commas, a field in double
 * quotes may hold commas (`"source=a,b"`) and "" for a quote. Undefined for a quote it refuses.
 */
function csvFields(value: string): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (value[i] !== '"') {
      const comma = value.indexOf(',', i);
      const field = value.slice(i, comma < 0 ? undefined : comma);
      if (field.includes('"')) return undefined;
      out.push(field);
      if (comma < 0) return out;
      i = comma + 1;
      continue;
    }
    let field = '';
    i++;
    for (;;) {
      const quote = value.indexOf('"', i);
      if (quote < 0) return undefined;
      field += value.slice(i, quote);
      i = quote + 1;
      if (value[i] === '"') {
        field += '"';
        i++;
      } else break;
    }
    out.push(field);
    if (i === value.length) return out;
    if (value[i] !== ',') return undefined;
    i++;
  }
}

function checkMount(flag: Flag, report: (message: string) => void): void {
  const value = flag.value ?? '';
  const fields = csvFields(value);
  if (!fields) return;
  const pairs = fields.map((p) => {
    const eq = p.indexOf('=');
    return eq < 0 ? [p.toLowerCase(), undefined] as const : [p.slice(0, eq).toLowerCase(), p.slice(eq + 1)] as const;
  });
  // BuildKit refuses a $ anywhere in from= but at its very end when it parses the RUN: the stage
  // it mounts from is never expanded. Other options are expanded later, so they are left alone.
  const from = pairs.find(([k]) => k === 'from')?.[1];
  if (from !== undefined && from.includes('$') && from.indexOf('$') !== from.length - 1) {
    report(t('{0} does not expand variables, so BuildKit refuses {1}. Name a stage FROM {1} AS <name> and use that name.', 'from=', from));
    return;
  }
  if (value.includes('$')) return;
  // BuildKit reads the options in order (commands_runmount.go parseMount): the last type= wins,
  // but required and size are checked against the type set so far, bind until a type= comes.
  let type = 'bind';
  const final = ([...pairs].reverse().find(([k]) => k === 'type')?.[1] ?? 'bind').toLowerCase();
  for (const [key, v] of pairs) {
    if (key === 'type') {
      // BuildKit lower-cases the type (and the sharing mode) before it compares them.
      type = (v ?? '').toLowerCase();
      if (v !== undefined && !(MOUNT_TYPES as readonly string[]).includes(type)) {
        report(type === '' ? t('The mount type is missing after type=: bind, cache, tmpfs, secret or ssh.') : t('Unknown mount type {0}; use bind, cache, tmpfs, secret or ssh.', type));
        return;
      }
      if (v !== undefined) continue;
    }
    const early = (key === 'required' || key === 'size') && MOUNT_KEY_TYPES[key]!.includes(final) && !MOUNT_KEY_TYPES[key]!.includes(type);
    if (key === '' && v === undefined) report(t('The mount options have an empty entry (two commas in a row, or one at the end), which BuildKit refuses.'));
    else if (early) report(t('Put type={0} before {1}: BuildKit reads the options in order, and until type= comes the mount is a bind mount, which has no {1}.', final, key));
    else if (!MOUNT_OPTIONS.includes(key) || (MOUNT_KEY_TYPES[key] && !MOUNT_KEY_TYPES[key].includes(key === 'required' || key === 'size' ? type : final))) {
      report(t('A {0} mount has no option {1}.', key === 'required' || key === 'size' ? type : final, key));
    } else if (v === undefined) {
      if (!MOUNT_FLAGS.includes(key)) report(t('The mount option {0} needs a value: {0}=…', key));
    } else if (MOUNT_BOOLEANS.has(key)) {
      if (!GO_BOOLEANS.has(v)) report(t('{0} expects true or false, not {1}.', key, v));
    } else if (key === 'sharing' && !MOUNT_VALUES.sharing!.includes(v.toLowerCase())) {
      report(t('{0} expects one of {1}, not {2}.', key, MOUNT_VALUES.sharing!.join(', '), v));
    } else if ((key === 'uid' || key === 'gid') && (!/^\d+$/.test(v) || Number(v) > 4294967295)) {
      // strconv.ParseUint(v, 10, 32)
      report(t('The mount option {0} expects a number such as 1000, not {1}.', key, v));
    } else if (key === 'mode' && (!/^[0-7]+$/.test(v) || parseInt(v, 8) > 4294967295)) {
      // strconv.ParseUint(v, 8, 32)
      report(t('The mount option mode expects an octal number such as 0755, not {0}.', v));
    }
  }
  // Checked once all options are read (BuildKit's parseMount and dispatchSecret).
  if (final === 'secret' && !pairs.some(([k, v]) => v && ['id', 'source', 'src', 'target', 'dst', 'destination'].includes(k))) {
    report(t('A secret mount needs an id, a source or a target.'));
  }
}

/** Whether the analysis found a variable reference in the flag's value. */
function holdsVariable(ctx: RuleContext, instruction: Instruction, flag: Flag): boolean {
  const span = flag.valueSpan;
  return span !== undefined && ctx.a.variables.usesIn(instruction).some((u) => u.ref.span.start >= span.start && u.ref.span.end <= span.end);
}

export const invalidFlagValue = rule({
  id: 'invalid-flag-value', severity: 'error',
  dockerfileUtils: ['FLAG_INVALID_DURATION', 'FLAG_LESS_THAN_1MS', 'FLAG_MISSING_DURATION', 'FLAG_UNKNOWN_UNIT', 'FLAG_AT_LEAST_ONE', 'INVALID_SYNTAX', 'FLAG_EXPECTED_BOOLEAN_VALUE', 'FLAG_INVALID_FROM_VALUE'],
  explain: () => [
    t('Flag values have formats: HEALTHCHECK durations are a number with a unit (30s, 1m30s, 500ms), --retries is a whole number, boolean flags take true or false, RUN --mount is a comma-separated list of options for its type, and RUN --network and --security take a fixed set of words.'),
  ],
}, (ctx) => {
  for (const i0 of ctx.scope.instructions) {
    const i = i0.trigger ?? i0;
    if (flagsIgnored(i)) continue;
    for (const flag of i.flags) {
      const spec = flagSpec(i.upper, flag.name);
      const value = flag.value;
      // BuildKit refuses a variable in COPY --from: the stage, image or context is taken as written.
      if (spec?.kind === 'stage' && value?.includes('$') && holdsVariable(ctx, i0, flag)) {
        ctx.report(flag.valueSpan ?? flag.span, t('{0} does not expand variables, so BuildKit refuses {1}. Name a stage FROM {1} AS <name> and use that name.', '--from', value));
        continue;
      }
      // RUN --network and --security are checked as written when the instruction is parsed, never
      // expanded, so an empty value or a variable is refused there; other values wait for expansion
      // (checkMount sorts out the options of a mount that holds one).
      if (!spec || value === undefined) continue;
      if (spec.kind !== 'enum' && (value === '' || (value.includes('$') && spec.kind !== 'mount'))) continue;
      const span = flag.valueSpan ?? flag.span;
      const report = (message: string) => ctx.report(span, message);
      switch (spec.kind) {
        case 'duration': {
          const ns = goDuration(value);
          if (ns === undefined) report(/^[-+]?(\d+\.?\d*|\.\d+)$/.test(value) ? t('{0} has no unit; add one such as s, m or ms.', value) : t('{0} is not a duration such as 30s or 1m30s.', value));
          // Zero (0s, 0m) means "the default" to BuildKit; anything else under 1ms, negative ones too, is refused.
          else if (ns !== 0 && ns < 1e6) report(t('{0} is shorter than the minimum of 1ms.', value));
          break;
        }
        case 'integer':
          // strconv.ParseInt(value, 10, 32): a sign, decimal digits, and within 32 bits.
          if (!/^[-+]?\d+$/.test(value) || Number(value) > 2147483647 || Number(value) < -2147483648) report(t('--{0} expects a whole number, not {1}.', flag.name, value));
          else if (Number(value) < 0) report(t('--{0} cannot be negative.', flag.name));
          break;
        case 'boolean':
          // BuildKit compares the lower-cased value with true and false only: 1 and 0 are refused.
          if (!['true', 'false'].includes(value.toLowerCase())) report(t('--{0} expects true or false, not {1}.', flag.name, value));
          break;
        case 'enum':
          if (!spec.values!.includes(value)) report(t('--{0} expects one of {1}, not {2}.', flag.name, spec.values!.join(', '), value));
          break;
        case 'mount':
          checkMount(flag, report);
          break;
        case 'stage':
          if (/\s/.test(value)) report(t('{0} is not a stage name or image reference.', value));
          break;
        default:
          if (flag.name === 'checksum' && !/^(sha(256|384|512):)?[a-fA-F0-9]+$/.test(value)) report(t('--checksum expects sha256:<hex digest>, not {0}.', value));
          break;
      }
    }
  }
});

export const flagRules = [unknownFlag, misplacedFlagRule, duplicateFlag, flagMissingValue, invalidFlagValue];
