// Package-manager rules, driven by one table: non-interactive switches, version pins and cache
// cleanup for apt-get, apk, yum, dnf, microdnf, zypper, pip, npm, gem, go and yarn.
import { t } from '../../../l10n';
import type { Cmd, RunShell } from './shellCommands';
import { cacheMountTargets, cmd, commandsOf, commandSpan, hasOption, operands, runShells, subcommand } from './shellCommands';
import { familyOfImage, type ImageFamily } from '../../analysis/imageFamily';
import { rootImageRef, stageUse } from '../../analysis/stageUse';
import { rule, type Rule } from './rule';
import type { Analysis } from '../../analysis/analysis';
import type { Stage } from '../../syntax/ast';
import type { DockerfileCode } from '../../../diagnosticCodes';
import { repositoryAndTag } from '../../../officialImages';

interface Manager {
  /** Command names. */
  names: string[];
  /** Subcommands that install. */
  install: string[];
  /** Options whose value is the next word. */
  withValue?: string[];
}

// apt too: in a build it prompts and aborts like apt-get (apt-instead-of-apt-get says why to prefer apt-get).
export const APT: Manager = { names: ['apt-get', 'apt'], install: ['install'], withValue: ['-o', '-t', '--target-release', '-c', '--config-file'] };
export const APK: Manager = { names: ['apk'], install: ['add'], withValue: ['-t', '--virtual', '-X', '--repository', '-p', '--root', '--arch', '--keys-dir', '--repositories-file'] };
const YUM: Manager = { names: ['yum'], install: ['install', 'groupinstall', 'localinstall', 'reinstall'], withValue: ['--setopt', '--enablerepo', '--disablerepo', '-c', '--releasever', '--installroot'] };
const DNF: Manager = { names: ['dnf', 'microdnf'], install: ['install', 'groupinstall', 'localinstall', 'reinstall'], withValue: ['--setopt', '--enablerepo', '--disablerepo', '-c', '--releasever', '--installroot'] };
const ZYPPER: Manager = { names: ['zypper'], install: ['install', 'in'], withValue: ['-r', '--repo', '--from', '-t', '--type'] };
export const PIP: Manager = { names: ['pip', 'pip3', 'pip2'], install: ['install'], withValue: ['-r', '--requirement', '-c', '--constraint', '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '-t', '--target', '--prefix', '--root', '-e', '--editable', '--trusted-host', '--platform', '--python-version', '--src', '--upgrade-strategy', '--progress-bar',
  // Options that take a value too (round 42: --resume-retries 1 read as a package named 1).
  '--retries', '--resume-retries', '--timeout', '--proxy', '--cache-dir', '--log', '--cert', '--client-cert', '--exists-action', '--abi', '--implementation',
  '--only-binary', '--no-binary', '--global-option', '--build-option', '--install-option', '-C', '--config-settings', '--report', '--root-user-action',
  '--keyring-provider', '--use-feature', '--use-deprecated', '--group', '--python'] };
const NPM: Manager = { names: ['npm'], install: ['install', 'i', 'add'], withValue: ['--prefix', '--registry', '-w', '--workspace', '--loglevel', '--cache', '--userconfig', '--tag', '--omit', '--include', '--location', '--install-strategy', '--fetch-retries', '--fetch-timeout', '--network-timeout', '--maxsockets', '--fetch-retry-mintimeout', '--fetch-retry-maxtimeout', '--fetch-retry-factor', '--proxy', '--https-proxy', '--noproxy', '--cafile', '--globalconfig', '--script-shell', '--before', '--otp', '--scope'] };
const GEM: Manager = { names: ['gem'], install: ['install', 'i'], withValue: ['-v', '--version', '-i', '--install-dir', '-n', '--bindir', '--source', '-s'] };
export const GO: Manager = { names: ['go'], install: ['install'], withValue: ['-C', '-o', '-tags', '-ldflags', '-gcflags', '-p', '-modfile', '-mod', '-asmflags', '-pkgdir', '-toolexec', '-overlay'] };

/** The command as the manager's (`python -m pip install` counts as pip), or undefined. */
export function asManager(c: Cmd, m: Manager): Cmd | undefined {
  if (m === PIP && /^python[0-9.]*$/.test(c.name) && c.args[0]?.text === '-m' && /^pip[0-9]?$/.test(c.args[1]?.text ?? '')) {
    return { ...c, name: 'pip', args: c.args.slice(2) };
  }
  return m.names.includes(c.name) ? c : undefined;
}

/** A pip install, `python -m pip install` included. */
export function isPipInstall(c: Cmd): boolean {
  const pip = asManager(c, PIP);
  return pip !== undefined && subcommand(pip, PIP.withValue) === 'install';
}

/** apt-get -s and its synonyms only print what would happen: nothing is installed, nothing asks. */
function simulates(c: Cmd): boolean {
  return c.args.some((w) => ['--simulate', '--just-print', '--dry-run', '--recon', '--no-act', '--assumeno'].includes(w.text) || /^-[a-zA-Z]*s[a-zA-Z]*$/.test(w.text) && (c.name === 'apt-get' || c.name === 'apt'));
}

const MANAGERS = [APT, APK, YUM, DNF, ZYPPER, PIP, NPM, GEM];

/** The package installs of a RUN, by every manager the rules know (apt-get, apk, yum, dnf, zypper, pip, npm, gem). */
export function packageInstalls(run: RunShell): Cmd[] {
  return MANAGERS.flatMap((m) => installs(run, m));
}

/** Whether one command is a package install by any of those managers (one command, not the RUN's list). */
export function isPackageInstall(c: Cmd): boolean {
  return MANAGERS.some((m) => installAs(c, m) !== undefined);
}

/** The command as the manager's install (`python -m pip install` as pip's), or undefined. */
function installAs(c0: Cmd, m: Manager): Cmd | undefined {
  const c = asManager(c0, m);
  return c && m.install.includes(subcommand(c, m.withValue) ?? '') && !simulates(c) ? c : undefined;
}

function installs(run: RunShell, m: Manager): Cmd[] {
  const out: Cmd[] = [];
  for (const c0 of commandsOf(run)) {
    const c = installAs(c0, m);
    if (c) out.push(c);
  }
  return out;
}

/** Package operands after the install subcommand. */
function packages(c: Cmd, m: Manager): string[] {
  return operands(c, m.withValue).slice(1).map((w) => w.text).filter((p) => p.length > 0 && !p.includes('$') && !p.startsWith('/') && !p.startsWith('.'));
}

interface PackageRule {
  id: DockerfileCode;
  peer: string;
  severity: 'warning' | 'information' | 'hint' | 'off';
  manager: Manager;
  /** About image size: only the stages that make the final image are checked (a builder's leftovers are never shipped). */
  imageOnly?: boolean;
  /** Whole-file condition under which the author has shown they know the advice, so its absence elsewhere is a choice. */
  knownIn?: (text: string) => boolean;
  /**
   * Advice about the RUN as a whole (a cache to clean, recommends to leave out): reported on its
   * first command only, as hadolint does, not once per `&& apt-get install` line of one RUN.
   */
  oncePerRun?: boolean;
  /** The problem reads the command alone (reach: 'instruction'): nothing of the stage's other instructions, no variable. */
  local?: true;
  /** The message, or the message with a lower severity than the rule's where the finding is less sure. */
  problem: (c: Cmd, run: RunShell, a: Analysis) => string | { message: string; severity: 'hint' } | undefined;
  explain: () => string[];
}

/**
 * Quiet level 2, which implies -y: -qq or -q=2, or -q and --quiet given twice (hadolint's DL3014
 * counts the repeats too).
 */
function quietTwice(c: Cmd): boolean {
  let level = 0;
  for (const w of c.args) {
    if (w.text === '-q=2') return true;
    if (w.text === '--quiet') level++;
    else if (/^-[a-zA-Z]+$/.test(w.text)) level += [...w.text].filter((ch) => ch === 'q').length;
  }
  return level >= 2;
}

/** The options an ARG or ENV of the stage holds where the command names it ($DNF_INSTALL_OPTS set to --assumeyes). */
export function optionsFromVariables(c: Cmd, run: RunShell, a: Analysis): Cmd {
  if (!c.args.some((w) => w.text.includes('$'))) return c;
  const visible = a.variables.visibleAt(run.instruction);
  const args = c.args.flatMap((w) => {
    const name = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(w.text)?.[1];
    const value = name ? visible.get(name)?.value : undefined;
    return value ? value.split(/\s+/).filter(Boolean).map((text) => ({ ...w, text })) : [w];
  });
  return { ...c, args };
}

/** The package manager configured to assume yes (`setting`) earlier in the RUN, by the stage before it, or by a stage it is built FROM. */
function assumesYes(c: Cmd, run: RunShell, a: Analysis, setting: RegExp): boolean {
  const at = run.info.source.text.search(setting);
  if (at >= 0 && at < c.raw.start) return true;
  if (!run.stage) return false;
  for (const s of a.chainOf(run.stage)) if (setting.test(a.text.slice(s.span.start, s === run.stage ? run.instruction.fullSpan.start : s.span.end))) return true;
  return false;
}

/** apt's APT::Get::Assume-Yes "true"; dnf's and yum's assumeyes=True in dnf.conf or yum.conf (round 68: echo 'assumeyes=True' >> /etc/dnf/dnf.conf). */
const APT_ASSUME_YES = /Assume-Yes\s*"?(true|1|yes)/i;
const RPM_ASSUME_YES = /assumeyes\s*=\s*(1|true|yes)\b/i;

/**
 * Whether the command reads its answers from a pipe: `yes | apt-get install x`, `echo y | apt-get
 * install git` (round 18: the confirmation comes from stdin, so nothing waits).
 */
function answeredByPipe(c: Cmd, run: RunShell): boolean {
  if (!c.raw.inPipeline) return false;
  const commands = run.info.summary.commands;
  const k = commands.indexOf(c.raw);
  const before = k > 0 ? commands[k - 1]! : undefined;
  if (!before || !/^\s*\|\s*$/.test(run.info.source.text.slice(before.end, c.raw.start))) return false;
  const feeder = cmd(before);
  return feeder.name === 'yes' || ((feeder.name === 'echo' || feeder.name === 'printf') && feeder.args.some((w) => /^["']?(y|yes|Y|Yes|YES)(\\n)*["']?$/.test(w.text)));
}

/** Bare Debian and Ubuntu, and the slim variants of the official language images: nothing installed but the base system. */
const MINIMAL_BARE = new Set(['debian', 'ubuntu']);
const SLIM_LANGUAGES = new Set(['python', 'node', 'ruby', 'perl', 'php', 'openjdk', 'pypy']);
/**
 * Packages whose own dependencies no minimal Debian or Ubuntu image has (libcurl for curl,
 * git-man and liberror-perl for git, a runtime for each language): installing one there always
 * installs more than the packages named.
 */
const PULLS_DEPENDENCIES = /^(build-essential|gcc|g\+\+|clang|cmake|autoconf|automake|libtool|git|curl|vim|nano-tiny|hugo|gnupg2?|python3?(-pip|-dev|-venv)?|python3\.\d+|nodejs|npm|ruby(-full|-dev)?|php(\d\.\d)?(-[a-z0-9]+)?|openjdk-\d+-(jdk|jre)(-headless)?|default-(jdk|jre)(-headless)?|maven|gradle|golang(-go)?|nginx|apache2|postgresql(-client)?(-\d+)?|default-mysql-client|mariadb-(client|server)|imagemagick|ffmpeg|libreoffice.*|chromium|texlive.*|supervisor|libpq-dev)$/;

/**
 * Whether apt-get must install more than the packages named, so that without -y it surely asks:
 * a package from the list above on a minimal image, with no package installed before it in the
 * stage or the stages it is built FROM (one of them may have brought the dependencies), and none
 * of the named packages installed before. Elsewhere apt may have nothing more to install (the
 * packages already there, their dependencies too: unseen files' labellers judged 8 of 10 such
 * findings noise), and the advice is a hint.
 */
function aptMustInstallMore(c: Cmd, run: RunShell, a: Analysis): boolean {
  if (!run.stage) return false;
  const ref = repositoryAndTag(a.rootImage(run.stage));
  if (!ref || !(MINIMAL_BARE.has(ref.repository) || (SLIM_LANGUAGES.has(ref.repository) && /slim/.test(ref.tag)))) return false;
  if (!packages(c, APT).some((p) => PULLS_DEPENDENCIES.test(p.toLowerCase().replace(/[=/].*$/, '')))) return false;
  for (const s of a.chainOf(run.stage)) {
    for (const i of s.instructions) {
      if (i === run.instruction) break;
      const target = i.trigger ?? i;
      if (target.upper !== 'RUN') continue;
      const info = a.shell(i);
      if (!info || info.summary.error || /\b(apt-get|apt|aptitude|dpkg)\b/.test(target.argText)) return false;
    }
  }
  for (const other of commandsOf(run)) {
    if (other.raw === c.raw) break;
    if (['apt-get', 'apt', 'aptitude', 'dpkg'].includes(other.name) && other.args.some((w) => w.text === 'install' || w.text === '-i')) return false;
  }
  return true;
}

const yesRule = (id: DockerfileCode, peer: string, m: Manager, short: string, long: string[], what: string): PackageRule => ({
  id, peer, severity: 'warning', manager: m,
  // An install that names nothing (and fixes nothing) has nothing to confirm: apt-get prints
  // "0 newly installed" and exits 0.
  problem: (c, run, a) => {
    if (hasOption(optionsFromVariables(c, run, a), short, long) || quietTwice(c) || (operands(c, m.withValue).length < 2 && !hasOption(c, 'f', ['--fix-broken'])) || assumesYes(c, run, a, m === APT ? APT_ASSUME_YES : RPM_ASSUME_YES) || answeredByPipe(c, run)) return undefined;
    const command = `${c.name} ${subcommand(c, m.withValue) ?? ''}`.trim();
    // The other managers ask before every install; apt-get only when it must install more than the packages named.
    if (m !== APT) return t('{0} without {1} waits for a confirmation that never comes and fails the build.', command, what);
    if (aptMustInstallMore(c, run, a)) return t('{0} without {1} stops to ask here: on {2} the packages named need others installed with them, and the build cannot answer, so it aborts.', command, what, a.rootImage(run.stage!));
    return { message: t('{0} without {1} stops to ask whenever it must install more than the packages named (their dependencies), and a build cannot answer: it aborts. Add {1} so it never waits.', command, what), severity: 'hint' };
  },
  explain: () => [
    t('A build has no one to answer prompts. Without the switch that assumes "yes", the package manager asks for confirmation (apt-get whenever it must install more than the packages named), reads end-of-file, and aborts.'),
    t('For apt-get it is a warning only where the prompt is certain: a package that needs others (curl, git, a compiler, a language runtime) installed on bare Debian or Ubuntu or a slim image, with nothing installed before it. Elsewhere the packages and their dependencies may already be in the image, apt-get then has nothing more to install and does not ask, and the advice is a hint.'),
  ],
});

/**
 * Version pins are policy, not correctness: off for distribution packages (their archives drop
 * old versions, so pins break builds) and a hint for language packages.
 */
const pinRule = (id: DockerfileCode, peer: string, m: Manager, pinned: (pkg: string, c: Cmd) => boolean, example: (pkg: string) => string, severity: 'hint' | 'off'): PackageRule => ({
  id, peer, severity, manager: m, local: true,
  problem: (c) => {
    const loose = packages(c, m).filter((p) => !p.startsWith('-') && !pinned(p, c));
    return loose.length > 0 ? t('Pin versions for repeatable builds ({0}), for example {1}.', loose.slice(0, 3).join(', '), example(loose[0]!)) : undefined;
  },
  explain: () => [
    t('Without a version, each build installs whatever is newest that day, so two builds of the same Dockerfile can differ and a new release can break the build. Pinning trades that for having to bump versions yourself.'),
    t('Pinning is a policy choice, not a defect: pins of distribution packages (apt, apk, yum, dnf, zypper) are off by default, because those archives drop old versions and a pinned build then fails; pins of language packages are a hint. Turn a rule on in the dockerWorkbench.rules setting if your team pins.'),
  ],
});

/** Whether a command of the RUN passes `test`: any of them, or (`from`) that one and the ones after it. */
function sameRunHas(run: RunShell, test: (c: Cmd) => boolean, from?: Cmd): boolean {
  const commands = commandsOf(run);
  const at = from ? commands.findIndex((x) => x.raw === from.raw) : 0;
  for (let k = Math.max(0, at); k < commands.length; k++) if (test(commands[k]!)) return true;
  return false;
}

/**
 * Whether an environment variable that turns the cache off is set for this RUN: by an ENV or an
 * ARG with a value above it (build args are in a RUN's environment too), or in the RUN itself.
 * pip takes any value of PIP_NO_CACHE_DIR as "no cache", even false or 0.
 */
function cacheTurnedOff(name: string | undefined, run: RunShell, a: Analysis): boolean {
  if (!name) return false;
  const def = a.variables.visibleAt(run.instruction).get(name);
  if (def?.raw !== undefined && def.raw !== '' && def.raw !== '""' && def.raw !== "''") return true;
  const at = run.instruction.argText.indexOf(`${name}=`);
  return at >= 0 && !/\w/.test(run.instruction.argText[at - 1] ?? '');
}

/** `cleaned` says whether the install's own options or a command after it clean its cache (a clean before an install cleans nothing of it). */
const cleanRule = (id: DockerfileCode, peer: string, m: Manager, cleaned: (run: RunShell, install: Cmd) => boolean, cacheDir: string, advice: string | ((c: Cmd) => string), offVariable?: string): PackageRule => ({
  id, peer, severity: 'information', manager: m, imageOnly: true, oncePerRun: true,
  problem: (c, run, a) => (cleaned(run, c) || cacheMountTargets(run.instruction).some((tgt) => tgt.startsWith(cacheDir)) || cacheTurnedOff(offVariable, run, a) ? undefined
    : t('{0} leaves its cache in this layer; {1} in the same RUN, or use a cache mount.', c.name, typeof advice === 'string' ? advice : advice(c))),
  explain: () => [t('Package managers keep downloaded packages and indexes in a cache. Left in the layer, the cache only makes the image bigger; remove it in the same RUN (a later RUN cannot shrink this layer) or use RUN --mount=type=cache so it never enters the image.')],
});

/** Python's packaging tools, whose wheels leave a cache of a few megabytes. */
const PIP_TOOLS = new Set(['pip', 'setuptools', 'wheel', 'poetry', 'pipenv', 'uv', 'virtualenv', 'pipx', 'pdm', 'hatch']);

/**
 * A pip install that leaves little to cache: pip itself and the packaging tools, or only the
 * project's own folder (pip caches no wheel it builds from a local folder).
 */
function installsLittle(c: Cmd): boolean {
  const pip = asManager(c, PIP) ?? c;
  if (pip.args.some((w) => ['-r', '--requirement'].includes(w.text) || w.text.startsWith('--requirement=') || /^-r./.test(w.text))) return false;
  if (operands(pip, PIP.withValue).some((w) => w.text.includes('$'))) return false;
  const named = packages(pip, PIP).map((p) => p.toLowerCase().replace(/[<>=!~[].*$/, ''));
  return named.every((p) => PIP_TOOLS.has(p));
}

/**
 * pip's --no-cache-dir, also as the abbreviation pip takes for any long option it names alone:
 * --no-cache and even --no-ca (--no-c could be --no-color, --no-clean or --no-compile).
 */
function noCacheDir(word: string): boolean {
  const name = word.split('=')[0]!;
  return name.length >= '--no-ca'.length && '--no-cache-dir'.startsWith(name);
}

/** Whether an rm operand removes `dir` or what is in it, also through a glob (rm -rf /root/.[acpw]*). */
function removes(operand: string, dir: string): boolean {
  if (operand.startsWith(dir)) return true;
  // A folder above it goes with it (rm -rf /var/lib/apt: round 26), but not the root or a top folder.
  const folder = operand.replace(/\/+$/, '');
  if (folder.split('/').length > 2 && dir.startsWith(`${folder}/`)) return true;
  if (!/[*?[]/.test(operand) || operand.length > 200) return false;
  let glob: RegExp;
  try {
    // [abc] stays a class; one the shell would take literally (an unclosed [) is no pattern at all.
    glob = new RegExp(`^${operand.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]').replace(/\[!/g, '[^')}$`);
  } catch {
    return false;
  }
  return glob.test(dir) || glob.test(`${dir}/x`);
}

const rm = (prefix: string) => (run: RunShell, from?: Cmd) => sameRunHas(run, (c) => c.name === 'rm' && c.args.some((w) => removes(w.text, prefix)), from);

const TABLE: PackageRule[] = [
  yesRule('apt-get-yes', 'DL3014', APT, 'y', ['--yes', '--assume-yes'], '-y'),
  {
    id: 'apt-no-install-recommends', peer: 'DL3015', severity: 'hint', manager: APT, imageOnly: true, oncePerRun: true,
    // Official images install their own product with its recommends on purpose, next to --no-install-recommends everywhere else.
    knownIn: (text) => text.includes('--no-install-recommends') || /Install-Recommends/i.test(text),
    // An install that names no package (its list left out by mistake) installs nothing to recommend.
    problem: (c) => (operands(c, APT.withValue).length < 2 || c.args.some((w) => w.text === '--no-install-recommends' || /Install-Recommends=(false|0)/i.test(w.text)) ? undefined
      : t('Add --no-install-recommends so {0} installs only what you asked for.', c.name)),
    explain: () => [
      t('By default apt-get also installs "recommended" packages, which are often large and unneeded in a container. --no-install-recommends keeps the image small; add what you really need explicitly.'),
      t('When the Dockerfile uses --no-install-recommends elsewhere, an install without it is taken as deliberate and not reported.'),
      t('It is a hint: a recommend is sometimes what the install needs (curl recommends ca-certificates, without which https fails), and unseen real files found the advice worth taking in only 37 of 92 findings over four rounds (tool, CI and demo images, one-package installs).'),
    ],
  },
  pinRule('apt-pin', 'DL3008', APT, (p) => p.includes('=') || p.endsWith('.deb'), (p) => `${p}=<version>`, 'off'),
  cleanRule('apk-no-cache', 'DL3019', APK, (run, i) => sameRunHas(run, (c) => c.name === 'apk' && hasOption(c, '', ['--no-cache', '--no-network']), i) || rm('/var/cache/apk')(run, i), '/var/cache/apk', 'use apk add --no-cache'),
  pinRule('apk-pin', 'DL3018', APK, (p) => /[=~<>]/.test(p), (p) => `${p}=<version>`, 'off'),
  yesRule('yum-yes', 'DL3030', YUM, 'y', ['--assumeyes'], '-y'),
  // Where dnf exists, yum is dnf (RHEL 8+, Fedora, Amazon Linux 2023): either one's clean clears the cache of both.
  cleanRule('yum-clean', 'DL3032', YUM, (run, i) => sameRunHas(run, (c) => ['yum', 'dnf'].includes(c.name) && subcommand(c, YUM.withValue) === 'clean', i) || rm('/var/cache/yum')(run, i), '/var/cache/yum', 'run yum clean all'),
  pinRule('yum-pin', 'DL3033', YUM, (p) => /-\d/.test(p) || p.endsWith('.rpm'), (p) => `${p}-<version>`, 'off'),
  // microdnf never asks (its -y "does nothing, we always assume yes"), so only dnf itself needs it.
  yesRule('dnf-yes', 'DL3038', { ...DNF, names: ['dnf'] }, 'y', ['--assumeyes'], '-y'),
  cleanRule('dnf-clean', 'DL3040', DNF, (run, i) => sameRunHas(run, (c) => ['dnf', 'microdnf', 'yum'].includes(c.name) && subcommand(c, DNF.withValue) === 'clean', i) || rm('/var/cache/dnf')(run, i) || rm('/var/cache/yum')(run, i), '/var/cache/dnf', (c) => `run ${c.name} clean all`),
  pinRule('dnf-pin', 'DL3041', DNF, (p) => /-\d/.test(p) || p.endsWith('.rpm'), (p) => `${p}-<version>`, 'off'),
  yesRule('zypper-yes', 'DL3034', ZYPPER, 'ny', ['--non-interactive', '--no-confirm'], '-n'),
  cleanRule('zypper-clean', 'DL3036', ZYPPER, (run, i) => sameRunHas(run, (c) => c.name === 'zypper' && ['clean', 'cc'].includes(subcommand(c, ZYPPER.withValue) ?? ''), i), '/var/cache/zypp', 'run zypper clean'),
  pinRule('zypper-pin', 'DL3037', ZYPPER, (p) => /[=<>]/.test(p) || p.endsWith('.rpm'), (p) => `${p}=<version>`, 'off'),
  // --no-index: only the local wheels --find-links names can be chosen (round 61: the project's own wheel from a builder stage).
  pinRule('pip-pin', 'DL3013', PIP, (p, c) => /[=<>~@]/.test(p) || /\.(whl|tar\.gz|zip)$/.test(p) || p.includes('://') || c.args.some((w) => w.text === '--no-index'), (p) => `${p}==<version>`, 'hint'),
  cleanRule('pip-no-cache-dir', 'DL3042', PIP, (run, i) => installsLittle(i) || sameRunHas(run, (c) => asManager(c, PIP) !== undefined && c.args.some((w) => noCacheDir(w.text)), i) || rm('/root/.cache')(run, i) || rm('~/.cache')(run, i) || rm('$HOME/.cache')(run, i), '/root/.cache', 'add --no-cache-dir', 'PIP_NO_CACHE_DIR'),
  pinRule('npm-pin', 'DL3016', NPM, (p) => p.lastIndexOf('@') > 0 || p.includes('://') || p.includes('/') && !p.startsWith('@') || p.endsWith('.tgz'), (p) => `${p}@<version>`, 'hint'),
  pinRule('gem-pin', 'DL3028', GEM, (p, c) => p.includes(':') || hasOption(c, 'v', ['--version']), (p) => `${p}:<version>`, 'hint'),
  pinRule('go-install-pin', 'DL3062', GO, (p) => p.includes('@') || !p.includes('/'), (p) => `${p}@<version>`, 'hint'),
];

/**
 * The image families each system package manager runs on: on another known family the command is
 * not there at all (package-manager-mismatch says so), so its cache or options are beside the point
 * (round 26: apk-no-cache on openjdk:11.0.7-jdk-slim, a Debian image).
 */
const MANAGER_FAMILY = new Map<Manager, string>([[APK, 'alpine'], [APT, 'debian'], [YUM, 'rhel'], [DNF, 'rhel'], [ZYPPER, 'rhel']]);
const KNOWN_FAMILIES = new Set(['alpine', 'debian', 'rhel']);

function packageRule(entry: PackageRule): Rule {
  return rule({ id: entry.id, severity: entry.severity, hadolint: [entry.peer], explain: entry.explain, ...(entry.knownIn ? { reach: 'file' as const } : entry.local ? { reach: 'instruction' as const } : {}), ...(entry.imageOnly ? { imageSize: true as const } : {}) }, (ctx) => {
    if (entry.knownIn?.(ctx.a.text)) return;
    const finalImage = entry.imageOnly ? stageUse(ctx.a).finalImage : undefined;
    const family = MANAGER_FAMILY.get(entry.manager);
    for (const run of runShells(ctx)) {
      if (finalImage && (!run.stage || !finalImage.has(run.stage.index))) continue;
      if (family && run.stage) {
        const actual = ctx.a.family(run.stage);
        if (KNOWN_FAMILIES.has(actual) && actual !== family) continue;
      }
      for (const c of installs(run, entry.manager)) {
        const found = entry.problem(c, run, ctx.a);
        if (!found) continue;
        const data = { command: c.name, at: c.raw.end };
        if (typeof found === 'string') ctx.report(commandSpan(run, c), found, { data });
        else ctx.report(commandSpan(run, c), found.message, { data, severity: found.severity });
        if (entry.oncePerRun) break;
      }
    }
  });
}

/** Whether a RUN after `index` in the stage, or in a stage built FROM it, installs with apt without updating first. */
function laterAptInstallReadsLists(a: Analysis, stage: Stage, index: number): boolean {
  for (const other of a.doc.stages) {
    if (other !== stage && ![...a.chainOf(other)].includes(stage)) continue;
    for (const i of other.instructions) {
      if (i.upper !== 'RUN' || (other === stage && i.index <= index)) continue;
      const commands = (a.shell(i)?.summary.commands ?? []).map(cmd);
      const apt = (sub: string[]) => commands.some((c) => APT.names.includes(c.name) && sub.includes(subcommand(c, APT.withValue) ?? ''));
      if (apt(['install', 'upgrade', 'dist-upgrade', 'build-dep']) && !apt(['update'])) return true;
    }
  }
  return false;
}

export const aptListsCleanup = rule({
  id: 'apt-lists-cleanup', severity: 'information', hadolint: ['DL3009'], imageSize: true,
  explain: () => [
    t('apt-get update downloads package lists into /var/lib/apt/lists (tens of megabytes). Remove them with rm -rf /var/lib/apt/lists/* at the end of the same RUN; a later RUN cannot take them out of this layer.'),
    t('apt-get dist-clean (Debian 13 and later) removes them too. Only the stages that make the final image are checked.'),
  ],
}, (ctx) => {
  const { finalImage } = stageUse(ctx.a);
  for (const run of runShells(ctx)) {
    if (!run.stage || !finalImage.has(run.stage.index)) continue;
    const update = commandsOf(run).find((c) => APT.names.includes(c.name) && subcommand(c, APT.withValue) === 'update');
    const distClean = commandsOf(run).some((c) => APT.names.includes(c.name) && ['dist-clean', 'distclean'].includes(subcommand(c, APT.withValue) ?? ''));
    // find /var/lib/apt/lists ... -delete (or -exec rm) empties them too.
    const found = commandsOf(run).some((c) => c.name === 'find' && c.args.some((w) => w.text.startsWith('/var/lib/apt/lists')) && c.args.some((w) => w.text === '-delete' || w.text === '-exec'));
    // An update with no install after it is apt-get-update-alone's finding: removing the lists in
    // that RUN would leave the install of a later one without them.
    const installs = commandsOf(run).some((c) => APT.names.includes(c.name) && ['install', 'upgrade', 'dist-upgrade', 'build-dep'].includes(subcommand(c, APT.withValue) ?? ''));
    if (!update || !installs || distClean || found || rm('/var/lib/apt/lists')(run) || cacheMountTargets(run.instruction).some((x) => x.startsWith('/var/lib/apt'))) continue;
    // A later RUN of the stage, or of a stage built FROM it, that installs without an update of
    // its own reads these lists: removing them would break it.
    if (laterAptInstallReadsLists(ctx.a, run.stage, run.instruction.index)) continue;
    ctx.report(commandSpan(run, update), t('Remove the package lists at the end of this RUN: && rm -rf /var/lib/apt/lists/*'), { data: { appendCleanup: true } });
  }
});

/** The apt commands apt-get has under the same name (apt list, search, show and full-upgrade it has not). */
const APT_GET_COMMANDS = new Set(['update', 'upgrade', 'install', 'remove', 'purge', 'autoremove', 'autopurge', 'dist-upgrade', 'clean', 'autoclean', 'build-dep', 'source', 'download', 'satisfy', 'check', 'changelog']);

export const aptInsteadOfAptGet = rule({
  id: 'apt-instead-of-apt-get', reach: 'instruction', severity: 'hint', hadolint: ['DL3027'],
  explain: () => [
    t('apt is meant for people at a terminal: its output and options may change between releases and it warns that it has no stable interface for scripts. Use apt-get and apt-cache in Dockerfiles.'),
    t('Reported once per RUN, and only for commands apt-get has under the same name (not apt list, search, show or full-upgrade).'),
    t('It is a hint: apt works in a RUN today (it prints a warning); the risk is a later release changing what it prints or asks. Unseen real files bore that out: fewer than half of its findings were worth changing (20 of 46 over four rounds).'),
  ],
}, (ctx) => {
  for (const run of runShells(ctx)) {
    const c = commandsOf(run).find((x) => x.name === 'apt' && APT_GET_COMMANDS.has(subcommand(x, APT.withValue) ?? ''));
    if (c) ctx.report(commandSpan(run, c), t('Use apt-get instead of apt in scripts.'), { data: { replacement: 'apt-get', span: run.info.span(c.raw.words[0]!.start, c.raw.words[0]!.end) } });
  }
});

export const zypperDistUpgrade = rule({
  id: 'zypper-dist-upgrade', reach: 'instruction', severity: 'warning', hadolint: ['DL3035'],
  explain: () => [t('zypper dist-upgrade can move the whole distribution to a new release inside a build. Update the base image tag instead.')],
}, (ctx) => {
  for (const run of runShells(ctx)) {
    for (const c of commandsOf(run)) {
      if (c.name === 'zypper' && ['dist-upgrade', 'dup'].includes(subcommand(c, ZYPPER.withValue) ?? '')) ctx.report(commandSpan(run, c), t('Do not run zypper dist-upgrade in a build; use a newer base image.'));
    }
  }
});

/** What says the project uses Yarn 2 or later: its config file or folder, or yarn set through corepack or set version. */
const YARN_BERRY = /\.yarnrc\.yml|\.yarn\/(cache|releases)|\bcorepack\s+(enable|prepare|use)\b|yarn@[2-9]|yarn\s+set\s+version/;

/** A hint: rounds 25-35 judged 1 of 44 findings at information worth acting on (a cache of tens of MB in images of hundreds). */
export const yarnCacheClean = rule({
  id: 'yarn-cache-clean', severity: 'hint', hadolint: ['DL3060'],
  explain: () => [
    t('yarn install keeps a copy of every package in its cache. Run yarn cache clean in the same RUN, or mount the cache with RUN --mount=type=cache,target=/usr/local/share/.cache/yarn.'),
    t('Not reported for Yarn 2 and later (.yarnrc.yml, corepack, yarn install --immutable): with Plug\'n\'Play the application runs from that cache.'),
  ],
}, (ctx) => {
  for (const run of runShells(ctx)) {
    const commands = commandsOf(run);
    const install = commands.find((c) => c.name === 'yarn' && (c.args.length === 0 || c.args[0]!.text === 'install'));
    if (!install || cacheMountTargets(run.instruction).length > 0 || !run.stage || !stageUse(ctx.a).finalImage.has(run.stage.index)) continue;
    if (commands.some((c) => c.name === 'yarn' && c.args[0]?.text === 'cache' && c.args[1]?.text === 'clean')) continue;
    // Yarn 2+ (Berry): with Plug'n'Play the packages are run from its cache, so cleaning it
    // breaks the app (round 9: standardnotes' zero-install monorepo).
    if (install.args.some((w) => /^--(immutable|immutable-cache|check-cache)$/.test(w.text)) || YARN_BERRY.test(ctx.a.text)) continue;
    ctx.report(commandSpan(run, install), t('yarn install without yarn cache clean leaves the package cache in the layer.'));
  }
});

/** Which package managers each base image family has. */
const MANAGERS_OF: Partial<Record<ImageFamily, string[]>> = {
  // apt-key too: on an Alpine image it is the first RUN of an apt recipe to fail (round 21).
  debian: ['apt-get', 'apt', 'dpkg', 'apt-key'],
  alpine: ['apk'],
  rhel: ['dnf', 'microdnf', 'yum', 'tdnf', 'zypper', 'rpm'],
};
const ALL_MANAGERS = new Set(Object.values(MANAGERS_OF).flat());

/** RHEL-like images of the 7 era (and Amazon Linux 2), whose package manager is yum. */
const YUM_ERA = /^(mysql:5\.7|centos:(centos)?7|oraclelinux:7|amazonlinux:2($|[.-])|[\w./-]*ubi7)/;

export const packageManagerMismatch = rule({
  id: 'package-manager-mismatch', reach: 'instruction', severity: 'warning',
  explain: () => [
    t('Each distribution has its own package manager: apt-get on Debian and Ubuntu, apk on Alpine, dnf, microdnf or yum on RHEL, UBI, Fedora and their kin. A RUN that calls another one fails with "not found" (apt-get on an Alpine image is a classic after switching a base image to its -alpine tag).'),
    t('The family is read from the base image at the root of the stage\'s FROM chain; scripts that look for the package manager first (command -v, which) or use several are left alone.'),
  ],
}, (ctx) => {
  for (const run of runShells(ctx)) {
    if (!run.stage) continue;
    const root = rootImageRef(ctx.a, run.stage);
    const family = ctx.a.doc.escape === '`' ? 'windows' : familyOfImage(root);
    const own = MANAGERS_OF[family];
    if (!own) continue;
    const commands = commandsOf(run);
    // A portable script (command -v apk || ..., several managers) decides at run time.
    const used = new Set(commands.filter((c) => ALL_MANAGERS.has(c.name)).map((c) => c.name));
    if (commands.some((c) => ['command', 'which', 'type', 'hash'].includes(c.name)) || /\bcommand\s+-v\b/.test(run.info.source.text)) continue;
    if ([...used].some((m) => own.includes(m))) continue;
    const wrong = commands.find((c) => ALL_MANAGERS.has(c.name) && !c.raw.nested && !own.includes(c.name));
    if (!wrong || wrong.name === 'rpm' || wrong.name === 'dpkg') continue;
    const span = commandSpan(run, wrong);
    if (family === 'alpine') ctx.report(span, t('{0} is not in Alpine images ({1}); use apk add.', wrong.name, root));
    else if (family === 'debian') ctx.report(span, t('{0} is not in Debian and Ubuntu images ({1}); use apt-get install.', wrong.name, root));
    // Releases of the 7 era have yum and no dnf (mysql:5.7 is Oracle Linux 7-slim, round 55).
    else if (YUM_ERA.test(root.replace(/^(docker\.io\/)?(library\/)?/, ''))) ctx.report(span, t('{0} is not in RHEL-like images ({1}); use yum install, the package manager of this release.', wrong.name, root));
    else ctx.report(span, t('{0} is not in RHEL-like images ({1}); use dnf install (microdnf on minimal images).', wrong.name, root));
  }
});

export const packageRules: Rule[] = [...TABLE.map(packageRule), aptListsCleanup, aptInsteadOfAptGet, zypperDistUpgrade, yarnCacheClean, packageManagerMismatch];
