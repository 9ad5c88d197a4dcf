// Helpers for rules that look at commands inside RUN: which RUNs have a parsed shell, a command's
// real name (past `sudo`/`env`), its options and operands.
import type { Instruction, Span, Stage } from '../../syntax/ast';
import type { ShellInfo } from '../../analysis/analysis';
import type { ShellCommand, ShellWord } from '../../syntax/shell/parseShell';
import type { RuleContext, RuleScope } from './rule';

export interface RunShell {
  instruction: Instruction;
  stage: Stage | undefined;
  info: ShellInfo;
}

/** Every RUN (and ONBUILD RUN) of the checked units with a parsed POSIX shell script. */
const memo = new WeakMap<RuleScope, RunShell[]>();

export function runShells(ctx: RuleContext): RunShell[] {
  const cached = memo.get(ctx.scope);
  if (cached) return cached;
  const a = ctx.a;
  const out: RunShell[] = [];
  for (const instruction of ctx.scope.instructions) {
    if ((instruction.trigger ?? instruction).upper !== 'RUN') continue;
    const info = a.shell(instruction);
    if (info && !info.summary.error) out.push({ instruction, stage: a.doc.stages[instruction.stage], info });
  }
  memo.set(ctx.scope, out);
  return out;
}

const byStageMemo = new WeakMap<RuleScope, Map<Stage | undefined, RunShell[]>>();

/**
 * The same RUNs grouped by stage (each stage's in document order), for rules that look at one
 * stage at a time: scanning every RUN for each stage was stages × RUNs (~1 million steps at
 * 10,000 lines).
 */
export function runShellsByStage(ctx: RuleContext): ReadonlyMap<Stage | undefined, readonly RunShell[]> {
  const cached = byStageMemo.get(ctx.scope);
  if (cached) return cached;
  const out = new Map<Stage | undefined, RunShell[]>();
  for (const run of runShells(ctx)) {
    const list = out.get(run.stage);
    if (list) list.push(run);
    else out.set(run.stage, [run]);
  }
  byStageMemo.set(ctx.scope, out);
  return out;
}

const WRAPPERS = new Set(['sudo', 'env', 'exec', 'nohup', 'time', 'nice', 'command']);

export interface Cmd {
  name: string;
  /** Words after the name. */
  args: ShellWord[];
  raw: ShellCommand;
}

/** Whether a command runs a script or a program named by its path (`./install.sh`, `/tmp/setup`, `bin/build`): it may do anything, install included. */
export function runsByPath(c: Cmd): boolean {
  return c.name.endsWith('.sh') || (c.raw.words[0]?.text.includes('/') ?? false);
}

/** The command with wrappers (`sudo`, `env A=1`, `exec`) removed and the name reduced to its base. */
export function cmd(command: ShellCommand): Cmd {
  let words = command.words;
  for (let guard = 0; guard < 5 && words.length > 1; guard++) {
    const base = baseName(words[0]!.text);
    if (!WRAPPERS.has(base)) break;
    // `command -v git` only looks git up; it runs nothing.
    if (base === 'command' && /^-[a-zA-Z]*[vV]/.test(words[1]!.text)) break;
    let i = 1;
    while (i < words.length && (words[i]!.text.startsWith('-') || (base === 'env' && words[i]!.text.includes('=')))) i++;
    words = words.slice(i);
  }
  return { name: words[0] ? baseName(words[0].text) : '', args: words.slice(1), raw: command };
}

export function baseName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash >= 0 ? path.slice(slash + 1) : path;
}

/** True when any option matches: `short` letters may be combined (`-qy`), `long` are exact. */
export function hasOption(c: Cmd, short: string, long: string[]): boolean {
  return c.args.some((w) => {
    const t = w.text;
    if (t.startsWith('--')) return long.some((l) => t === l || t.startsWith(`${l}=`));
    return t.startsWith('-') && t.length > 1 && [...t.slice(1)].some((ch) => short.includes(ch));
  });
}

/** Non-option words, skipping the values of options listed in `withValue`. */
export function operands(c: Cmd, withValue: string[] = []): ShellWord[] {
  const out: ShellWord[] = [];
  for (let i = 0; i < c.args.length; i++) {
    const t = c.args[i]!.text;
    if (t.startsWith('-')) {
      if (withValue.includes(t)) i++;
      continue;
    }
    out.push(c.args[i]!);
  }
  return out;
}

/** The first operand (the subcommand of apt-get, pip, npm...). */
export function subcommand(c: Cmd, withValue: string[] = []): string | undefined {
  return operands(c, withValue)[0]?.text;
}

/**
 * Whether the command's own redirections (written after its words, up to the next `|`, `;`, `&` or
 * line end) send its standard error anywhere but the build log: `2>/dev/null`, `&>log`,
 * `>/dev/null 2>&1` (not `2>&1 >/dev/null`, which sends it where standard output went first).
 * Round 73: `wget -O - URL 2>/dev/null | gpg --dearmor` prints no progress.
 */
export function stderrOutOfLog(run: RunShell, c: Cmd): boolean {
  const script = run.info.source.text;
  let end = c.raw.end;
  // Up to the first operator that ends the command; the `&` of `&>` and `2>&1` does not.
  for (; end < script.length; end++) {
    const ch = script[end];
    if (ch === '|' || ch === ';' || ch === '\n' || (ch === '&' && script[end - 1] !== '>' && script[end + 1] !== '>')) break;
  }
  const tail = script.slice(c.raw.end, end);
  let out = 'log';
  let err = 'log';
  for (const m of tail.matchAll(/(\d?)(&?)>>?\s*(&\d|[^\s<>&|;]+)/g)) {
    const fd = m[2] ? 'both' : m[1] || '1';
    const target = m[3] === '&1' ? out : m[3] === '&2' ? err : m[3]!;
    if (fd === 'both') out = err = target;
    else if (fd === '1') out = target;
    else if (fd === '2') err = target;
  }
  return err !== 'log';
}

export function commandSpan(run: RunShell, c: Cmd): Span {
  return run.info.span(c.raw.start, c.raw.end);
}

const commandMemo = new WeakMap<object, Cmd[]>();

/** Commands of a RUN in order, with wrappers removed (memoised on the cached shell summary). */
export function commandsOf(run: RunShell): Cmd[] {
  const summary = run.info.summary;
  let list = commandMemo.get(summary);
  if (!list) {
    list = summary.commands.map(cmd);
    commandMemo.set(summary, list);
  }
  return list;
}

/** RUN --mount=type=cache|tmpfs targets, to accept caches instead of cleanup. */
export function cacheMountTargets(instruction: Instruction): string[] {
  return mountTargets(instruction, ['cache', 'tmpfs']);
}

/** Each RUN --mount's options (key → value, '' for a bare key), with type defaulting to bind. */
export function mountsOf(instruction: Instruction): Map<string, string>[] {
  const mounts: Map<string, string>[] = [];
  for (const flag of (instruction.trigger ?? instruction).flags) {
    if (flag.name !== 'mount' || !flag.value) continue;
    const parts = new Map(flag.value.split(',').map((p) => {
      const eq = p.indexOf('=');
      return eq < 0 ? [p, ''] : [p.slice(0, eq), p.slice(eq + 1)];
    }));
    if (!parts.has('type')) parts.set('type', 'bind');
    mounts.push(parts);
  }
  return mounts;
}

/** Where a mount puts its files (target=, dst= or destination=). */
export function mountTarget(mount: Map<string, string>): string | undefined {
  return mount.get('target') ?? mount.get('dst') ?? mount.get('destination');
}

/** RUN --mount targets, of the given types (any type when left out; bind is the default type). */
export function mountTargets(instruction: Instruction, types?: readonly string[]): string[] {
  return mountsOf(instruction).filter((m) => !types || types.includes(m.get('type')!)).map(mountTarget).filter((t): t is string => !!t);
}

/** The text with its quoted parts blanked to "", so that only the shell's own words and operators are left in it. */
export function blankQuotes(text: string): string {
  return text.replace(/"(?:[^"\\]|\\.)*"|'[^']*'/g, '""');
}
