// Whether apt-get install has package lists to read. Docker's official Debian and Ubuntu images
// ship without them, and a RUN that removes them (the advised cleanup) leaves every later RUN of
// the stage without them: an install there fails with "Unable to locate package". Worked out by
// reading the stage and the stages it is built FROM forward, command by command: an update
// fetches them, a removal removes them, and anything this check cannot see into (a script, a
// copy into /var/lib/apt) makes them "not known", which reports nothing.
import { t } from '../../../l10n';
import type { Analysis } from '../../analysis/analysis';
import { copyArgs } from '../../analysis/copySources';
import { shipsWithoutAptLists } from '../../analysis/imageFamily';
import type { Instruction, Stage } from '../../syntax/ast';
import { commandsOf, commandSpan, mountTargets, operands, runShells, type Cmd } from './shellCommands';
import { rule } from './rule';
import { APT } from './packageRules';
import { repositoryAndTag } from '../../../officialImages';

/** Fetched, removed by a command, never there (the base image ships without them), or not known. */
type Lists = 'present' | 'removed' | 'unshipped' | 'unknown';

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
  // Language package managers and builds, and PHP's extension helpers (round 43: the composer
  // installer run by php between a cleanup and a NodeSource setup script).
  'php', 'composer', 'pecl', 'docker-php-ext-install', 'docker-php-ext-enable', 'docker-php-ext-configure', 'gem', 'bundle',
  'cargo', 'go', 'mvn', 'gradle', 'dotnet',
]);

/** apt-get's (or apt's) subcommand: `update` fetches the lists and `install` needs them. */
function aptSubcommand(c: Cmd): string | undefined {
  return APT.names.includes(c.name) ? operands(c, APT.withValue)[0]?.text : undefined;
}

/** What a command does to the lists: fetches them, removes them, nothing, or what it does is unknown. */
function effectOf(c: Cmd): Lists | undefined {
  const sub = aptSubcommand(c);
  if (sub === 'update') return 'present';
  if (sub === 'dist-clean' || sub === 'distclean') return 'removed';
  if (APT.names.includes(c.name)) return undefined;
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

/**
 * How an instruction leaves the lists, given them before it; for a RUN, also records the lists
 * just before each of its apt installs.
 */
function afterInstruction(a: Analysis, i: Instruction, before: Lists, installs: Map<Cmd, Lists>): Lists {
  if (i.trigger) return before;
  if (i.upper === 'COPY' || i.upper === 'ADD') {
    const dest = copyArgs(i).dest?.value;
    return dest !== undefined && /^\/(var(\/lib(\/apt.*)?)?)?\/?$/.test(dest) ? 'unknown' : before;
  }
  // A mount over the lists takes what the RUN does to them: the image's stay as they were.
  if (i.upper !== 'RUN' || mountsLists(i)) return before;
  const info = a.shell(i);
  if (!info || info.summary.error) return 'unknown';
  let lists = before;
  for (const c of commandsOf({ instruction: i, stage: undefined, info })) {
    if (aptSubcommand(c) === 'install') installs.set(c, lists);
    lists = effectOf(c) ?? lists;
  }
  return lists;
}

interface StageLists {
  end: Lists;
  /** The lists just before each apt install of the stage. */
  beforeInstall: Map<Cmd, Lists>;
  /** The lists just before each instruction of the stage. */
  beforeInstruction: Map<Instruction, Lists>;
}

/** Instructions read to work out one stage's lists, across the stages it is built FROM. */
const MAX_CHAIN_INSTRUCTIONS = 2000;

/**
 * The lists through a stage, read forward from the root of its FROM chain (each stage once per
 * validation); a chain longer than the budget starts from "not known".
 */
function stageLists(a: Analysis, stage: Stage, memo: Map<number, StageLists>): StageLists {
  const known = memo.get(stage.index);
  if (known) return known;
  const chain: Stage[] = [];
  let start: Lists | undefined;
  let instructions = 0;
  for (const s of a.chainOf(stage)) {
    const done = memo.get(s.index);
    if (done) {
      start = done.end;
      break;
    }
    instructions += s.instructions.length;
    if (instructions > MAX_CHAIN_INSTRUCTIONS) {
      start = 'unknown';
      break;
    }
    chain.push(s);
  }
  const root = chain[chain.length - 1];
  let lists: Lists = start ?? (root && a.parentOf(root.index) < 0 && shipsWithoutAptLists(a.baseImageRef(root)) ? 'unshipped' : 'unknown');
  let result: StageLists = { end: lists, beforeInstall: new Map(), beforeInstruction: new Map() };
  for (let k = chain.length - 1; k >= 0; k--) {
    const s = chain[k]!;
    const beforeInstall = new Map<Cmd, Lists>();
    const beforeInstruction = new Map<Instruction, Lists>();
    for (let j = 1; j < s.instructions.length; j++) {
      beforeInstruction.set(s.instructions[j]!, lists);
      lists = afterInstruction(a, s.instructions[j]!, lists, beforeInstall);
    }
    result = { end: lists, beforeInstall, beforeInstruction };
    memo.set(s.index, result);
  }
  return memo.get(stage.index) ?? result;
}

/**
 * What buildpack-deps (bookworm and trixie, with its curl and scm layers) installs, and so every
 * full image built on it (python, node, ruby, golang... without -slim or -alpine): apt-get install
 * of these alone needs no lists, it finds them installed (round 14: libffi-dev on python:3.11).
 */
const BUILDPACK_DEPS = new Set([
  'ca-certificates', 'openssl', 'curl', 'gnupg', 'netbase', 'sq', 'wget', 'git', 'mercurial', 'openssh-client', 'subversion', 'procps',
  'autoconf', 'automake', 'bzip2', 'default-libmysqlclient-dev', 'dpkg-dev', 'file', 'g++', 'gcc', 'imagemagick', 'libbz2-dev', 'libc6-dev',
  'libcurl4-openssl-dev', 'libdb-dev', 'libevent-dev', 'libffi-dev', 'libgdbm-dev', 'libglib2.0-dev', 'libgmp-dev', 'libjpeg-dev', 'libkrb5-dev',
  'liblzma-dev', 'libmagickcore-dev', 'libmagickwand-dev', 'libmaxminddb-dev', 'libncurses5-dev', 'libncursesw5-dev', 'libpng-dev', 'libpq-dev',
  'libreadline-dev', 'libsqlite3-dev', 'libssl-dev', 'libtool', 'libwebp-dev', 'libxml2-dev', 'libxslt-dev', 'libyaml-dev', 'make', 'patch',
  'unzip', 'xz-utils', 'zlib1g-dev',
]);
const ON_BUILDPACK_DEPS = new Set(['buildpack-deps', 'python', 'node', 'ruby', 'golang', 'perl', 'gcc', 'rust', 'erlang', 'haskell']);

/** Whether the image is a full variant built on buildpack-deps, and every package named is one it has. */
function installedInBase(image: string, packages: string[]): boolean {
  const ref = repositoryAndTag(image);
  if (!ref || !ON_BUILDPACK_DEPS.has(ref.repository) || /slim|alpine|windows|nanoserver|servercore/.test(ref.tag)) return false;
  return packages.every((p) => BUILDPACK_DEPS.has(p.replace(/[:=].*$/, '')));
}

/**
 * Whether the image has no package lists when the instruction starts: the base ships without them
 * or a RUN before removed them (not "not known").
 */
export function noAptListsBefore(a: Analysis, stage: Stage, instruction: Instruction): boolean {
  const lists = stageLists(a, stage, new Map()).beforeInstruction.get(instruction);
  return lists === 'removed' || lists === 'unshipped';
}

/** Names of the packages an install fetches (not .deb files given by path). */
function fetchedPackages(c: Cmd): string[] {
  return operands(c, APT.withValue).slice(1).map((w) => w.text).filter((p) => p.length > 0 && !p.startsWith('/') && !p.startsWith('.') && !p.endsWith('.deb'));
}

/**
 * For the stage's FROM chain, each package an apt install puts in place and the index of the first
 * instruction that does: apt installs such a package again from the status file alone, lists or not
 * ("already the newest version": round 60's libpq-dev, installed with the lists and asked for again
 * after they were removed). Null past the chain budget (not known). Stages are built FROM earlier
 * ones, so "before" is a lower instruction index.
 */
function installedIn(a: Analysis, stage: Stage, memo: Map<number, Map<string, number> | null>): Map<string, number> | null {
  const known = memo.get(stage.index);
  if (known !== undefined) return known;
  const chain = [...a.chainOf(stage)];
  let result: Map<string, number> | null = new Map();
  if (chain.reduce((n, s) => n + s.instructions.length, 0) > MAX_CHAIN_INSTRUCTIONS) result = null;
  else {
    for (const s of chain.reverse()) {
      for (const i of s.instructions) {
        if (i.upper !== 'RUN' || i.trigger) continue;
        const info = a.shell(i);
        if (!info || info.summary.error) continue;
        for (const c of commandsOf({ instruction: i, stage: s, info })) {
          if (aptSubcommand(c) !== 'install') continue;
          for (const p of fetchedPackages(c)) {
            const name = p.replace(/[:=].*$/, '');
            if (!result.has(name)) result.set(name, i.index);
          }
        }
      }
    }
  }
  memo.set(stage.index, result);
  return result;
}

export const aptInstallWithoutLists = rule({
  id: 'apt-install-without-lists', severity: 'warning',
  explain: () => [
    t('apt-get install looks packages up in the lists that apt-get update downloads into /var/lib/apt/lists. Docker\'s official Debian and Ubuntu based images ship with those lists removed, and a RUN that removes them leaves the later RUNs of the stage without them, so an install there fails with "Unable to locate package".'),
    t('Run apt-get update in the same RUN, just before the install. Reported only when nothing before the install in the stage, or in the stages it is built FROM, may have fetched the lists (a script, a mount over /var/lib/apt or an unknown base image ends the search without a finding).'),
  ],
}, (ctx) => {
  const memo = new Map<number, StageLists>();
  const installs = new Map<number, Map<string, number> | null>();
  for (const run of runShells(ctx)) {
    if (run.instruction.trigger || mountsLists(run.instruction) || !run.stage) continue;
    const commands = commandsOf(run);
    const at = commands.findIndex((x) => aptSubcommand(x) === 'install' && fetchedPackages(x).length > 0);
    if (at < 0) continue;
    const c = commands[at]!;
    // What the RUN itself did last before the install decides, where it did anything (most RUNs
    // update first): the stages before it are read only for an install the RUN does not prepare.
    let own: Lists | undefined;
    for (let k = 0; k < at; k++) own = effectOf(commands[k]!) ?? own;
    const lists = own ?? stageLists(ctx.a, run.stage, memo).beforeInstall.get(c);
    if (lists !== 'removed' && lists !== 'unshipped') continue;
    if (installedInBase(ctx.a.baseImageRef(run.stage), fetchedPackages(c))) continue;
    const installed = installedIn(ctx.a, run.stage, installs);
    if (installed === null) continue;
    const lacking = fetchedPackages(c).find((p) => !((installed.get(p.replace(/[:=].*$/, '')) ?? Infinity) < run.instruction.index));
    if (lacking === undefined) continue;
    const span = commandSpan(run, c);
    const what = `${c.name} install`;
    const message = lists === 'removed'
      ? t('{0} cannot find {1} here: the package lists were removed before it and {2} update has not run since. Add {2} update && before it.', what, lacking, c.name)
      : t('{0} cannot find {1} here: {2} ships without package lists and no {3} update runs before it. Add {3} update && before it.', what, lacking, ctx.a.baseImageRef(run.stage!), c.name);
    // Under sudo the update needs it too.
    const prefix = c.raw.words[0]?.text === 'sudo' ? `sudo ${c.name} update && ` : `${c.name} update && `;
    ctx.report(span, message, { data: { append: prefix, appendAt: span.start } });
  }
});

export const aptListsRules = [aptInstallWithoutLists];
