// Whether apt-get install has package lists to read. Docker's official Debian and Ubuntu images
// ship without them, and a RUN that removes them (the advised cleanup) leaves every later RUN of
// the stage without them: an install there fails with "Unable to locate package". Worked out by
// walking back from the install to the command that last decided the lists: an update, a removal,
// or anything this check cannot see into (a script, a mount over the lists), which ends it silently.
import { t } from '../../../l10n';
import type { Analysis } from '../../analysis/analysis';
import { copyArgs } from '../../analysis/copySources';
import { shipsWithoutAptLists } from '../../analysis/imageFamily';
import type { Instruction, Stage } from '../../syntax/ast';
import { commandsOf, commandSpan, mountTargets, operands, runShells, type Cmd, type RunShell } from './shellCommands';
import { rule } from './rule';

/** Fetched, removed by a command, never there (the base image ships without them), or not known. */
type Lists = 'present' | 'removed' | 'unshipped' | 'unknown';

const APT_WITH_VALUE = ['-o', '-t', '--target-release', '-c', '--config-file'];

/**
 * Commands that never fetch nor remove package lists. Anything else (a script, make, sh -c,
 * add-apt-repository, which updates on its own) may, so the walk stops there without a finding.
 */
const LEAVES_LISTS = new Set([
  'apt-key', 'apt-cache', 'apt-mark', 'dpkg', 'dpkg-reconfigure', 'debconf-set-selections', 'echo', 'printf', 'rm', 'mkdir',
  'rmdir', 'ln', 'cp', 'mv', 'chmod', 'chown', 'chgrp', 'touch', 'cat', 'tee', 'sed', 'grep', 'awk', 'cut', 'tr', 'sort',
  'head', 'tail', 'useradd', 'adduser', 'groupadd', 'addgroup', 'usermod', 'userdel', 'passwd', 'chpasswd', 'curl', 'wget',
  'tar', 'unzip', 'gzip', 'gunzip', 'bzip2', 'xz', 'export', 'cd', 'set', 'true', 'false', 'test', '[', 'locale-gen',
  'update-locale', 'localedef', 'ls', 'mktemp', 'gpg', 'gpgconf', 'sleep', 'id', 'whoami', 'ldconfig', 'update-ca-certificates',
  'update-alternatives', 'pip', 'pip3', 'npm', 'yarn', 'corepack', 'git', 'install', 'exit', 'unset', 'umask', 'sha256sum',
  'md5sum', 'base64', 'dirname', 'basename', 'realpath', 'readlink', 'date', 'env', 'uname', 'nproc', 'which', 'printenv',
]);

/** The apt front ends whose `update` fetches the lists and whose `install` needs them. */
const APT_NAMES = new Set(['apt-get', 'apt']);

function aptSubcommand(c: Cmd): string | undefined {
  return APT_NAMES.has(c.name) ? operands(c, APT_WITH_VALUE)[0]?.text : undefined;
}

/** What a command does to the lists: fetches them, removes them, nothing, or what it does is unknown. */
function effectOf(c: Cmd): Lists | undefined {
  const sub = aptSubcommand(c);
  if (sub === 'update') return 'present';
  if (sub === 'dist-clean') return 'removed';
  if (APT_NAMES.has(c.name)) return undefined;
  const touchesLists = (w: { text: string }) => /^\/var\/lib\/apt(\/lists)?\/?\*?$|^\/var\/lib\/apt\/lists\//.test(w.text);
  if (c.name === 'rm') return c.args.some(touchesLists) ? 'removed' : undefined;
  if (c.name === 'find') {
    if (c.args.some(touchesLists) && c.args.some((w) => w.text === '-delete' || w.text === '-exec')) return 'removed';
    return c.args.some((w) => w.text === '-exec' || w.text === '-execdir') ? 'unknown' : undefined;
  }
  return LEAVES_LISTS.has(c.name) ? undefined : 'unknown';
}

/** A RUN whose mounts cover the lists reads and writes them there, not in the image. */
function mountsLists(instruction: Instruction): boolean {
  return mountTargets(instruction).some((m) => /^\/var\/lib\/apt(\/lists)?\/?$|^\/var(\/lib)?\/?$|^\/$/.test(m));
}

/** The lists at the end of an instruction's commands (from `before` back), or undefined when it leaves them as they were. */
function effectOfInstruction(a: Analysis, i: Instruction, before = Infinity): Lists | undefined {
  if (i.trigger) return undefined;
  if (i.upper === 'COPY' || i.upper === 'ADD') {
    const dest = copyArgs(i).dest?.value;
    return dest !== undefined && /^\/(var(\/lib(\/apt.*)?)?)?\/?$/.test(dest) ? 'unknown' : undefined;
  }
  if (i.upper !== 'RUN' || mountsLists(i)) return undefined;
  const info = a.shell(i);
  if (!info || info.summary.error) return 'unknown';
  const commands = commandsOf({ instruction: i, stage: undefined, info });
  for (let k = Math.min(before, commands.length) - 1; k >= 0; k--) {
    const effect = effectOf(commands[k]!);
    if (effect) return effect;
  }
  return undefined;
}

/** How many instructions one question may look back through, across the stages a stage is built FROM. */
const MAX_WALK = 2000;

/** The lists as a stage's instructions leave them, walking back through the stages it is built FROM. */
function listsAtEndOf(a: Analysis, stage: Stage, memo: Map<number, Lists>): Lists {
  const known = memo.get(stage.index);
  if (known) return known;
  let result: Lists = 'unknown';
  let walked = 0;
  search: for (const s of a.chainOf(stage)) {
    const cached = s !== stage ? memo.get(s.index) : undefined;
    if (cached) {
      result = cached;
      break;
    }
    for (let k = s.instructions.length - 1; k >= 1; k--) {
      if (++walked > MAX_WALK) break search;
      const effect = effectOfInstruction(a, s.instructions[k]!);
      if (effect) {
        result = effect;
        break search;
      }
    }
    if (a.parentOf(s.index) < 0) {
      result = shipsWithoutAptLists(a.baseImageRef(s)) ? 'unshipped' : 'unknown';
      break;
    }
  }
  memo.set(stage.index, result);
  return result;
}

/** The lists just before command `k` of a RUN. */
function listsBefore(a: Analysis, run: RunShell, k: number, memo: Map<number, Lists>): Lists {
  const here = effectOfInstruction(a, run.instruction, k);
  if (here) return here;
  const stage = run.stage;
  if (!stage) return 'unknown';
  const at = stage.instructions.indexOf(run.instruction);
  for (let j = at - 1, walked = 0; j >= 1 && walked < MAX_WALK; j--, walked++) {
    const effect = effectOfInstruction(a, stage.instructions[j]!);
    if (effect) return effect;
  }
  const parent = a.parentOf(stage.index);
  if (parent >= 0) return listsAtEndOf(a, a.doc.stages[parent]!, memo);
  return shipsWithoutAptLists(a.baseImageRef(stage)) ? 'unshipped' : 'unknown';
}

/** Names of the packages an install fetches (not .deb files given by path). */
function fetchedPackages(c: Cmd): string[] {
  return operands(c, APT_WITH_VALUE).slice(1).map((w) => w.text).filter((p) => p.length > 0 && !p.startsWith('/') && !p.startsWith('.') && !p.endsWith('.deb'));
}

export const aptInstallWithoutLists = rule({
  id: 'apt-install-without-lists', severity: 'warning',
  explain: () => [
    t('apt-get install looks packages up in the lists that apt-get update downloads into /var/lib/apt/lists. Docker\'s official Debian and Ubuntu based images ship with those lists removed, and a RUN that removes them leaves the later RUNs of the stage without them, so an install there fails with "Unable to locate package".'),
    t('Run apt-get update in the same RUN, just before the install. Reported only when nothing before the install in the stage, or in the stages it is built FROM, may have fetched the lists (a script, a mount over /var/lib/apt or an unknown base image ends the search without a finding).'),
  ],
}, (ctx) => {
  const memo = new Map<number, Lists>();
  for (const run of runShells(ctx)) {
    if (run.instruction.trigger || mountsLists(run.instruction)) continue;
    const commands = commandsOf(run);
    const k = commands.findIndex((c) => aptSubcommand(c) === 'install' && fetchedPackages(c).length > 0);
    if (k < 0) continue;
    const lists = listsBefore(ctx.a, run, k, memo);
    if (lists !== 'removed' && lists !== 'unshipped') continue;
    const c = commands[k]!;
    const span = commandSpan(run, c);
    const what = `${c.name} install`;
    const message = lists === 'removed'
      ? t('{0} cannot find {1} here: the package lists were removed before it and {2} update has not run since. Add {2} update && before it.', what, fetchedPackages(c)[0]!, c.name)
      : t('{0} cannot find {1} here: {2} ships without package lists and no {3} update runs before it. Add {3} update && before it.', what, fetchedPackages(c)[0]!, ctx.a.baseImageRef(run.stage!), c.name);
    // Under sudo the update needs it too.
    const prefix = c.raw.words[0]?.text === 'sudo' ? `sudo ${c.name} update && ` : `${c.name} update && `;
    ctx.report(span, message, { data: { append: prefix, appendAt: span.start } });
  }
});

export const aptListsRules = [aptInstallWithoutLists];
