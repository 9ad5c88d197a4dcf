// A system package install after USER has switched to an unprivileged user: apt-get, apk, dnf
// and the like write the package database and the system's folders, which only root may, so the
// step stops ("Could not open lock file /var/lib/apt/lists/lock - open (13: Permission denied)",
// apk's "Unable to lock database: Permission denied"). Common where the user is set in a base
// stage that later stages are built FROM: Visual Studio's .NET template sets USER $APP_UID in
// `base`, and a `final` stage FROM base that installs curl for a healthcheck stops (round 43: five
// services of one solution). Reported only where the Dockerfile's own USER says who runs the step.
import { t } from '../../../l10n';
import type { Instruction, Stage } from '../../syntax/ast';
import type { Analysis } from '../../analysis/analysis';
import { commandsOf, commandSpan, operands, runShells, baseName, type Cmd, type RunShell } from './shellCommands';
import { rule } from './rule';
import { ROOT } from './runtimeRules';

/** The .NET images' unprivileged user (uid 1654), which their environment names APP_UID. */
const DOTNET_APP_UID = /^\$\{?APP_UID\}?(:.*)?$/;

/**
 * A stage's USER instructions, once per stage object: every RUN with an install asks, and reading
 * the stage's instructions for each would be quadratic in a stage of thousands of RUNs. An edit
 * makes new objects of the stages it touches, so the list stays true.
 */
const stageUsers = new WeakMap<Stage, Instruction[]>();
function usersOf(stage: Stage): Instruction[] {
  let users = stageUsers.get(stage);
  if (!users) stageUsers.set(stage, (users = stage.instructions.filter((i) => i.upper === 'USER')));
  return users;
}

/**
 * The user a RUN runs as by the Dockerfile's USER lines: the last before it in its stage or in the
 * stages it is built FROM, with a variable the Dockerfile defines put in. `root` true or false
 * where known, undefined where no USER says (the base image's own user: no `at`) or a variable hides it.
 */
export function runUser(a: Analysis, run: RunShell): { root: boolean | undefined; user?: string; at?: Instruction } {
  return run.stage ? userBefore(a, run.stage, run.instruction.index) : { root: undefined };
}

/** The user the instruction at `index` of `stage` runs as, by the same reading (Infinity: the user its container starts as). */
export function userBefore(a: Analysis, stage: Stage, index: number): { root: boolean | undefined; user?: string; at?: Instruction } {
  for (const s of a.chainOf(stage)) {
    // In the stage itself, the USER lines above the index (a stage holds few).
    const users = s === stage ? usersOf(s).filter((i) => i.index < index) : usersOf(s);
    const at = users[users.length - 1];
    if (!at) continue;
    const written = at.words[0]?.value;
    if (written === undefined) return { root: undefined, at };
    // The user part, with a variable the Dockerfile defines put in (ARG USER=app, USER ${USER}).
    let name = written.split(':')[0]!;
    if (name.includes('$')) {
      // USER $APP_UID on Microsoft's .NET images: their unprivileged user.
      if (DOTNET_APP_UID.test(written) && a.rootImage(stage).startsWith('mcr.microsoft.com/dotnet/')) return { root: false, user: written, at };
      const variable = /^\$\{?(\w+)\}?$/.exec(name)?.[1];
      const value = variable ? a.variables.visibleAt(at).get(variable)?.value : undefined;
      if (value === undefined || value.includes('$')) return { root: undefined, user: written, at };
      name = value.split(':')[0]!;
    }
    return { root: ROOT.test(name), user: written, at };
  }
  return { root: undefined };
}

/** The commands that change the system's packages, by their manager and subcommand. */
const SYSTEM_CHANGES: Record<string, ReadonlySet<string>> = {
  'apt-get': new Set(['update', 'install', 'upgrade', 'dist-upgrade', 'remove', 'purge', 'autoremove', 'build-dep']),
  apt: new Set(['update', 'install', 'upgrade', 'full-upgrade', 'remove', 'purge', 'autoremove']),
  apk: new Set(['add', 'del', 'update', 'upgrade', 'fix']),
  yum: new Set(['install', 'update', 'upgrade', 'remove', 'erase', 'groupinstall', 'makecache']),
  dnf: new Set(['install', 'update', 'upgrade', 'remove', 'erase', 'makecache', 'groupinstall']),
  microdnf: new Set(['install', 'update', 'upgrade', 'remove']),
  zypper: new Set(['install', 'in', 'update', 'up', 'remove', 'rm', 'refresh', 'ref']),
};
/** Options that take a value, so their value is not the subcommand. */
const WITH_VALUE = ['-o', '-t', '-c', '--target-release', '--config-file', '-X', '--repository', '--setopt', '--enablerepo', '--disablerepo'];

/** A command that changes the system's packages, run without sudo or an --root/--installroot elsewhere. */
function systemChange(c: Cmd): string | undefined {
  const subcommands = SYSTEM_CHANGES[c.name];
  if (!subcommands) return undefined;
  if (baseName(c.raw.words[0]?.text ?? '') !== c.name) return undefined;
  if (c.args.some((w) => /^(-p|--root|--installroot|--prefix)(=|$)/.test(w.text))) return undefined;
  const sub = operands(c, WITH_VALUE)[0]?.text;
  return sub !== undefined && subcommands.has(sub) ? sub : undefined;
}

export const packageInstallAsUser = rule({
  id: 'package-install-as-user', severity: 'error', namesLines: true,
  explain: () => [
    t('After USER with an unprivileged user, every later RUN of the stage, and of the stages built FROM it, runs as that user. apt-get, apk, dnf, yum and zypper write the package database and the system\'s folders, which only root may: apt-get stops with "Could not open lock file /var/lib/apt/lists/lock - open (13: Permission denied)", apk with "Unable to lock database: Permission denied".'),
    t('Install the packages before USER, or switch with USER root for that RUN and back to the user after it. A stage built FROM a stage that set the user (Visual Studio\'s .NET template sets USER $APP_UID in its base stage) starts as that user too. Reported only where the Dockerfile\'s USER names the user (or $APP_UID on Microsoft\'s .NET images), not for a base image\'s own user; sudo is another rule\'s.'),
  ],
}, (ctx) => {
  const a = ctx.a;
  if (!/^[ \t]*USER\s/im.test(a.text)) return;
  for (const run of runShells(ctx)) {
    if (run.instruction.trigger || !run.stage || a.isWindows(run.stage)) continue;
    const commands = commandsOf(run);
    const found = commands.find((c) => systemChange(c) !== undefined);
    if (!found) continue;
    const { root, user, at } = runUser(a, run);
    if (root !== false || !at) continue;
    const sub = systemChange(found)!;
    const span = commandSpan(run, found);
    if (at.stage === run.stage!.index) {
      ctx.report(span, t('This RUN runs as {0} (the USER on line {1}), not root, so {2} {3} cannot write the package database and stops ("Permission denied"). Install before that USER line, or put USER root before this RUN and USER {0} after it.', user!, String(a.lines.positionAt(at.span.start).line + 1), found.name, sub));
    } else {
      ctx.report(span, t('This RUN runs as {0}, the USER of stage {1}, which this stage is built FROM, not as root, so {2} {3} cannot write the package database and stops ("Permission denied"). Put USER root before this RUN and USER {0} after it, or install in that stage before its USER line.', user!, a.doc.stages[at.stage]?.name?.value ?? String(at.stage), found.name, sub));
    }
  }
});

export const nonRootInstallRules = [packageInstallAsUser];
