// Rules about the shell script inside RUN, read from its parse (syntax/shell/parseShell.ts).
import { t } from '../../../l10n';
import type { Instruction, Stage } from '../../syntax/ast';
import { BASE_WORKDIR, officialImageWorkdir, resolvePath, workdirBefore } from '../../analysis/workdir';
import { blankQuotes, cmd, commandsOf, commandSpan, hasOption, runShells, runsByPath, runShellsByStage, stderrOutOfLog, type Cmd, type RunShell } from './shellCommands';
import { jsonProblemOf } from './syntaxRules';
import { rule, type RuleContext } from './rule';
import { rootImageRef } from '../../analysis/stageUse';
import type { Analysis } from '../../analysis/analysis';
import { OFFICIAL_IMAGES, repositoryAndTag } from '../../../officialImages';
import { runUser } from './nonRootInstallRules';
import { noAptListsBefore } from './aptListsRules';
import { relinksShToBash } from '../../analysis/shellRelink';
import { optionsFromVariables, packageInstalls } from './packageRules';

export const shellSyntax = rule({
  id: 'shell-syntax', reach: 'instruction', severity: 'error', hadolint: ['SC1000'],
  explain: () => [t('The command after RUN is a shell script. This one does not parse (an unclosed quote, a missing fi or done, a stray operator), so the step fails when the build reaches it.')],
}, (ctx) => {
  for (const i of ctx.scope.instructions) {
    const target = i.trigger ?? i;
    if (target.upper !== 'RUN' && target.upper !== 'CMD' && target.upper !== 'ENTRYPOINT') continue;
    // A broken exec form (a backquote after the ]) is invalid-json-form's one finding, not a second
    // about the shell that then reads it (round 17).
    if (jsonProblemOf(i)) continue;
    const info = ctx.a.shell(i);
    const error = info?.summary.error;
    if (!error) continue;
    ctx.report(info.span(error.start, error.end), t('Shell syntax error: {0}', error.message));
  }
});

/** Base images whose /bin/sh is bash besides the RHEL-like family: Arch, Gentoo, Manjaro, Mageia. */
const BASH_AS_SH = /(?:^|\/)(?:archlinux|gentoo|manjaro[\w-]*|mageia)(?:\/[\w.-]+)?(?:[:@]|$)/;

export const bashism = rule({
  id: 'bashism', reach: 'instruction', severity: 'warning', hadolint: ['SC3010', 'SC2039'],
  explain: () => [
    t('RUN uses /bin/sh unless SHELL says otherwise. On Debian and Ubuntu that is dash, which does not understand bash features such as [[ ]], arrays, <( ), here-strings or ${var/a/b}; the step then fails or behaves differently.'),
    t('Use POSIX syntax, or switch the shell: SHELL ["/bin/bash", "-o", "pipefail", "-c"].'),
    t('The rule knows the base image: BusyBox ash, the /bin/sh of Alpine, accepts [[ ]], ${var/a/b}, ${var:0:2} and here-strings, and on RHEL-like images /bin/sh is bash itself. A base image it cannot place (an organisation\'s own, with no apt-get, apk or dnf in the stage) is not judged: it may set SHELL to bash.'),
  ],
}, (ctx) => {
  for (const run of runShells(ctx)) {
    if (run.info.kind !== 'sh' || !run.stage) continue;
    const family = ctx.a.family(run.stage);
    // No shell at all (distroless, scratch): whether RUN works there is not a matter of syntax.
    // An image of unknown make (an organisation's own, one named by an ARG) may set SHELL to bash
    // or be Arch or RHEL-like, where /bin/sh is bash: only what the file shows is judged.
    if (family === 'distroless' || family === 'scratch' || family === 'unknown') continue;
    const braces = family === 'debian' && run.info.source.text.includes('{');
    if (!braces && run.info.summary.bashisms.length === 0) continue;
    // (Whether a RUN above links /bin/sh to bash is read only for a RUN with something to say.)
    const bashIsSh = family === 'rhel' || BASH_AS_SH.test(rootImageRef(ctx.a, run.stage) ?? '') || shRelinkedBefore(ctx.a, run.stage, run.instruction);
    // Brace expansion (rm -rf /var/lib/{apt,dpkg}): dash takes the word as it is, so the command
    // gets the literal name and, for rm, removes nothing (round 24's miss).
    if (braces && !bashIsSh) {
      for (const c of commandsOf(run)) {
        for (const w of c.args) {
          const raw = run.info.source.text.slice(w.start, w.end);
          if (!raw.includes('{') || !unquotedBraceExpansion(raw)) continue;
          ctx.report(run.info.span(w.start, w.end), t('{0} is bash\'s brace expansion, but RUN uses /bin/sh, which is dash on Debian and Ubuntu images: it keeps the word as written, so {1} gets that one name.', raw.length > 60 ? `${raw.slice(0, 57)}...` : raw, c.name));
        }
      }
      // for year in {1404..1407}: the loop runs once, with the word as written (round 70's miss).
      const text = run.info.source.text;
      // (Not inside quotes: bash -c 'for i in {1..3}; ...' is bash's to run. The quotes are read
      // once, forward, from one loop to the next.)
      const quotes = { at: 0, quote: '' };
      for (const loop of text.includes('for') ? text.matchAll(/\bfor[ \t]+[A-Za-z_]\w*[ \t]+in[ \t]+([^;\n]*)/g) : []) {
        if (quotedAt(text, loop.index, quotes)) continue;
        const words = loop[1]!;
        const from = loop.index + loop[0].length - words.length;
        for (const w of words.matchAll(/\S+/g)) {
          if (!w[0].includes('{') || !unquotedBraceExpansion(w[0])) continue;
          ctx.report(run.info.span(from + w.index, from + w.index + w[0].length), t('{0} is bash\'s brace expansion, but RUN uses /bin/sh, which is dash on Debian and Ubuntu images: it keeps the word as written, so the loop runs once, with that word.', w[0]));
        }
      }
    }
    for (const b of run.info.summary.bashisms) {
      if (family === 'alpine' && b.busybox) continue;
      // bash as sh runs in POSIX mode, which keeps everything but process substitution.
      if (bashIsSh && b.what !== '<( )') continue;
      const span = run.info.span(b.start, b.end);
      if (family === 'debian') ctx.report(span, t('{0} is bash syntax, but RUN uses /bin/sh, which is dash on Debian and Ubuntu images.', b.what));
      else if (family === 'alpine') ctx.report(span, t('{0} is bash syntax that BusyBox ash, the /bin/sh of this image, does not support.', b.what));
    }
  }
});

/** Whether a RUN above this one, in its stage or a stage it is built FROM, links /bin/sh to bash (shellRelink.ts). */
function shRelinkedBefore(a: Analysis, stage: Stage, before: Instruction): boolean {
  for (const s of a.chainOf(stage)) {
    for (const i of s.instructions) {
      if (s === stage && i.index >= before.index) break;
      if (relinksShToBash(i)) return true;
    }
  }
  return false;
}

/** Whether offset `at` of a script lies inside a quoted string, reading on from where `state` stopped (offsets asked in order). */
function quotedAt(text: string, at: number, state: { at: number; quote: string }): boolean {
  let { at: i, quote } = state;
  for (; i < at; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = '';
      else if (ch === '\\' && quote === '"') i++;
    } else if (ch === '\\') i++;
    else if (ch === '"' || ch === "'") quote = ch;
  }
  state.at = i;
  state.quote = quote;
  return quote !== '';
}

/** Whether a word as written has a brace expansion outside quotes: {a,b} or {1..3}, not ${...}, {} or an escaped brace. */
function unquotedBraceExpansion(raw: string): boolean {
  let quote = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (quote) {
      if (ch === quote) quote = '';
      else if (ch === '\\' && quote === '"') i++;
      continue;
    }
    if (ch === '\\') { i++; continue; }
    if (ch === '"' || ch === "'") { quote = ch; continue; }
    if (ch !== '{' || raw[i - 1] === '$') continue;
    const close = raw.indexOf('}', i + 1);
    if (close < 0) return false;
    const inside = raw.slice(i + 1, close);
    if (/["'\s${]/.test(inside)) continue;
    if (/^[^,]*,/.test(inside) || /^(-?\d+\.\.-?\d+|[a-zA-Z]\.\.[a-zA-Z])(\.\.\d+)?$/.test(inside)) return true;
  }
  return false;
}

export const runCd = rule({
  id: 'run-cd', reach: 'instruction', severity: 'hint', hadolint: ['DL3003', 'SC2164'],
  explain: () => [
    t('cd inside RUN lasts only until the end of that RUN; the next instruction starts in the WORKDIR again. Use WORKDIR to change directory for the following instructions, and keep cd for a subshell such as (cd src && make).'),
    t('Long build scripts (like those of the official images) move around with cd on purpose, so this is a hint; a RUN that ends with cd, expecting the next instruction to start there, is reported by cd-without-effect.'),
  ],
}, (ctx) => {
  for (const run of runShells(ctx)) {
    const commands = commandsOf(run);
    commands.forEach((c, index) => {
      if (c.name !== 'cd' || c.raw.nested) return;
      // cd into a path the shell expands from a pattern (node_modules/.pnpm/sqlite3@*/...): WORKDIR
      // takes no pattern, so the advice cannot be followed (round 67).
      if (c.args.some((w) => /[*?[]/.test(w.text))) return;
      const first = index === 0 && c.args.length === 1 && c.args[0]!.literal && commands.length > 1;
      ctx.report(commandSpan(run, c), t('Use WORKDIR instead of cd: the directory change does not carry over to later instructions.'), {
        data: first ? { workdir: c.args[0]!.text } : undefined,
      });
    });
  }
});

/**
 * The RUN's last top-level command when it is `name` and ends the script: in its last statement,
 * not in the background or a pipeline, and nothing (not even in a loop or an if after it) runs
 * after it. What such a command changes in the shell ends with the RUN.
 */
function endingCommand(run: RunShell, name: string): { last: Cmd; top: Cmd[]; all: Cmd[] } | undefined {
  const all = commandsOf(run);
  const top = all.filter((c) => !c.raw.nested);
  const last = top[top.length - 1];
  if (!last || last.name !== name || last.raw.background || last.raw.inPipeline || last.raw.statement !== run.info.summary.statements - 1) return undefined;
  return all.some((c) => c.raw.start >= last.raw.end) ? undefined : { last, top, all };
}

export const cdWithoutEffect = rule({
  id: 'cd-without-effect', severity: 'warning', hadolint: ['DL3003'],
  explain: () => [
    t('Each RUN starts a new shell, and a directory change ends with it. A RUN whose last command is cd changes nothing: the next instruction starts in the WORKDIR again, not in that directory. Use WORKDIR to change directory for the instructions that follow.'),
  ],
}, (ctx) => {
  for (const run of runShells(ctx)) {
    const ending = endingCommand(run, 'cd');
    // It must be the script's only cd: one that moves around ends wherever its work is done.
    if (!ending || ending.all.some((c) => c.name === 'cd' && c !== ending.last)) continue;
    const { last, top } = ending;
    const dir = last.args[0];
    // cd /, cd - or cd ../.. at the end tidies up after a script; it is not meant to carry over.
    if (!dir || ['/', '-', '~'].includes(dir.text) || dir.text.startsWith('-') || /^(\.\.\/?)+$/.test(dir.text)) continue;
    // A cd into the directory the RUN already runs in changes nothing that was meant (round 17:
    // `RUN cd /var/www/html` on php:7.4-apache, whose WORKDIR that is).
    if (dir.literal && run.stage && alreadyThere(ctx.a, run.stage, run.instruction, dir.text)) continue;
    ctx.report(commandSpan(run, last), t('The RUN ends with cd {0}, which has no effect on later instructions. Use WORKDIR {0}.', dir.text), {
      data: top.length === 1 && dir.literal ? { workdir: dir.text } : undefined,
      // A WORKDIR before anything that runs in a folder does what the cd meant (round 26): a hint.
      ...(run.stage && workdirNext(run.stage, run.instruction) ? { severity: 'hint' as const } : {}),
    });
  }
});

/** Whether the next instruction of the stage that depends on the working directory is a WORKDIR. */
function workdirNext(stage: Stage, instruction: Instruction): boolean {
  for (const i of stage.instructions) {
    if (i.index <= instruction.index || ['ENV', 'ARG', 'LABEL', 'EXPOSE', 'USER', 'STOPSIGNAL', 'MAINTAINER'].includes(i.upper)) continue;
    return i.upper === 'WORKDIR';
  }
  return false;
}

function alreadyThere(a: Analysis, stage: Stage, instruction: Instruction, dir: string): boolean {
  let cwd = workdirBefore(a, stage, instruction);
  if (cwd === BASE_WORKDIR) {
    const ref = repositoryAndTag(a.rootImage(stage));
    cwd = ref ? officialImageWorkdir(ref.repository, ref.tag) : undefined;
  }
  return cwd !== undefined && !cwd.startsWith(BASE_WORKDIR) && resolvePath(cwd, dir) === cwd;
}

export const exportWithoutEffect = rule({
  id: 'export-without-effect', reach: 'instruction', severity: 'warning',
  explain: () => [
    t('Each RUN starts a new shell, and the variables it exports end with it. A RUN whose last command is export changes nothing for the instructions after it or for the container: use ENV for that (or ARG for a value the build alone needs).'),
  ],
}, (ctx) => {
  for (const run of runShells(ctx)) {
    const ending = endingCommand(run, 'export');
    if (!ending) continue;
    const { last, top, all } = ending;
    // The parser keeps an export's assignments out of its words: they are the rest of the script.
    const rest = run.info.source.text.slice(last.raw.end).replace(/[\s;]+$/, '').trim();
    // A value computed by a command ($(pyenv root)/shims) ends with the RUN as well.
    const computed = /\$\([^()\n]*\)/.test(rest);
    const plain = rest.replace(/\$\([^()\n]*\)/g, '""');
    const tokens = blankQuotes(plain).split(/\s+/).filter(Boolean);
    if (tokens.length === 0 || /[\n#`$(<>|&]/.test(plain.replace(/\$\{?\w+\}?/g, '')) || !tokens.every((w) => /^[A-Za-z_]\w*(=|$)/.test(w))) continue;
    const names = tokens.map((w) => w.split('=')[0]!).join(', ');
    // A RUN that is only `export A=1 B=2` becomes ENV A=1 B=2 (values as written, quotes kept).
    const whole = !computed && top.length === 1 && all.length === 1 && tokens.every((w) => w.includes('=')) && !run.instruction.trigger && run.instruction.heredocs.length === 0;
    ctx.report(commandSpan(run, last), t('The RUN ends with export {0}, which sets nothing for later instructions or the container: each RUN starts a new shell. Use ENV (or ARG for the build alone).', names), {
      data: whole ? { replacement: `ENV ${rest}`, span: run.instruction.span } : undefined,
    });
  }
});

/**
 * Whether a RUN runs as root: the last USER before it in its stage or in the stages it is built
 * FROM, else the base image's own user, which is root in Docker's official images and unknown in
 * others (undefined: not known).
 */
function runsAsRoot(a: Analysis, run: RunShell): boolean | undefined {
  if (!run.stage) return undefined;
  const { root, at } = runUser(a, run);
  if (at) return root;
  const repository = repositoryAndTag(a.rootImage(run.stage))?.repository;
  return repository !== undefined && OFFICIAL_IMAGES.has(repository) ? true : undefined;
}

/** Official Debian-, Ubuntu- and Alpine-based images known to ship no sudo (others, such as r-base or ros, are not judged). */
const WITHOUT_SUDO = new Set([
  'debian', 'ubuntu', 'alpine', 'buildpack-deps', 'node', 'python', 'golang', 'ruby', 'php', 'rust', 'perl', 'elixir', 'erlang',
  'openjdk', 'eclipse-temurin', 'maven', 'gradle', 'composer', 'wordpress', 'tomcat', 'nginx', 'httpd', 'redis', 'postgres', 'mariadb', 'mongo',
]);

/**
 * Whether sudo is sure to be missing where the command runs: the stage is built on an official
 * Debian-, Ubuntu- or Alpine-based image that ships none, and neither the stages before nor the
 * RUN before the command install it.
 */
function sudoMissing(a: Analysis, run: RunShell, commandStart: number): boolean {
  if (!run.stage) return false;
  const repository = repositoryAndTag(a.rootImage(run.stage))?.repository;
  const family = a.family(run.stage);
  if (repository === undefined || !WITHOUT_SUDO.has(repository) || (family !== 'debian' && family !== 'alpine')) return false;
  // The package installs the other rules read (apt-get, apk, dnf, yum, zypper), before the command.
  // A script run before it may install anything, sudo included (round 23: the dev containers' common-debian.sh).
  // Packages named by a variable ($BUILD_PACKAGES, set by an ENV: round 71) are read from its value;
  // one whose value is not known may be sudo.
  const installsSudo = (r: RunShell, before = Number.POSITIVE_INFINITY) => packageInstalls(r).some((c) => c.raw.start < before && optionsFromVariables(c, r, a).args.some((w) => w.text === 'sudo' || /^\$\{?\w+\}?$/.test(w.text)))
    || commandsOf(r).some((c) => c.raw.start < before && runsScript(c));
  for (const s of a.chainOf(run.stage)) {
    for (const i of s.instructions) {
      if (s === run.stage && i.index >= run.instruction.index) break;
      const info = (i.trigger ?? i).upper === 'RUN' ? a.shell(i) : undefined;
      if (info && installsSudo({ instruction: i, stage: s, info })) return false;
    }
  }
  return !installsSudo(run, commandStart);
}

/** A command that runs a script or a program by its path: `bash /tmp/setup.sh`, `./install.sh`, `. ./env`, `curl ... | sh`. */
function runsScript(c: Cmd): boolean {
  if (runsByPath(c)) return true;
  // `curl ... | bash`: the shell reads the script from the pipe.
  return ['bash', 'sh', 'dash', 'zsh', 'source', '.'].includes(c.name) && (c.raw.inPipeline || c.args.some((w) => !w.text.startsWith('-')));
}

export const sudo = rule({
  id: 'sudo', severity: 'error', hadolint: ['DL3004'],
  explain: () => [
    t('sudo adds a package and a setuid binary for nothing: RUN already runs as the current USER. To run something as root, put USER root before it and switch back to the unprivileged user afterwards.'),
    t('sudo -u <user>, which drops privileges for one command (makepkg refuses to run as root), is left alone, and so is sudo where the user is not root: after USER with an unprivileged user, or on a base image of unknown make, whose own user may be one with sudo by design (ocaml/opam, development images).'),
    t('The official Debian, Ubuntu and Alpine images, and those built on them (node, python, golang...), have no sudo: there the step stops with "sudo: not found", an error. Where the Dockerfile installs sudo first, running as root through it changes nothing: a hint (rounds 7-18: 10 of 12 such warnings were judged noise, round 28 4 of 4 at information).'),
  ],
}, (ctx) => {
  for (const run of runShells(ctx)) {
    // Whom the RUN runs as is asked only where sudo is named (it walks the stages above).
    if (!run.info.summary.commands.some((c) => c.words[0]?.text.split('/').pop() === 'sudo') || runsAsRoot(ctx.a, run) !== true) continue;
    for (const c of run.info.summary.commands) {
      const name = c.words[0]?.text.split('/').pop();
      if (name !== 'sudo') continue;
      if (c.words.some((w) => w.text === '-u' || w.text.startsWith('--user') || /^-[a-zA-Z]*u$/.test(w.text))) continue;
      const span = run.info.span(c.words[0]!.start, c.words[0]!.end);
      if (sudoMissing(ctx.a, run, c.start)) {
        ctx.report(span, t('{0} has no sudo, so this step stops with "sudo: not found" (exit 127). Build steps run as root here: leave sudo out.', ctx.a.rootImage(run.stage!)));
      } else {
        ctx.report(span, t('Do not use sudo in RUN: build steps already run as the current USER. Switch with USER root and back instead.'), { severity: 'hint' });
      }
    }
  }
});

export const pointlessCommand = rule({
  id: 'pointless-command', reach: 'instruction', severity: 'information', hadolint: ['DL3001'],
  explain: () => [
    t('Commands such as ssh, vim, top, ps, kill, shutdown, mount or service do nothing useful in a build step: there is no terminal, no running services and no init system while an image builds.'),
    t('A service started for the commands after it in the same RUN, and a service stopped or a process killed after the RUN started it, are part of the build\'s work and are not reported.'),
  ],
}, (ctx) => {
  const names = ['ssh', 'vim', 'shutdown', 'service', 'ps', 'free', 'top', 'kill', 'mount', 'ifconfig', 'nano'];
  for (const run of runShells(ctx)) {
    const commands = commandsOf(run);
    commands.forEach((c, k) => {
      if (!names.includes(c.name)) return;
      // A service started for the commands after it (psql creating a database), or one stopped and
      // a process killed after the RUN started them (a server run once to generate files, a
      // daemon a package's install script starts) is part of the build's work. Started as the
      // RUN's last command, or stopped with nothing before it, nothing uses it.
      if (c.name === 'kill' && k > 0) return;
      if (c.name === 'service') {
        const action = c.args[1]?.text ?? '';
        if (/^(start|restart|reload)$/.test(action) ? k < commands.length - 1 : k > 0) return;
      }
      ctx.report(commandSpan(run, c), t('{0} makes little sense during an image build.', c.name));
    });
  }
});

export const relinkSh = rule({
  id: 'relink-sh', reach: 'instruction', severity: 'warning', hadolint: ['DL4005'],
  explain: () => [t('Replacing /bin/sh with a link to another shell changes it for every program in the image. To change the shell RUN uses, use the SHELL instruction.')],
}, (ctx) => {
  for (const run of runShells(ctx)) {
    // Only replacing the /bin/sh an image has by another shell counts: giving a distroless
    // :debug or scratch image a /bin/sh (ln -s /busybox/sh /bin/sh) changes nobody's shell.
    const family = run.stage ? ctx.a.family(run.stage) : 'unknown';
    if (family === 'distroless' || family === 'scratch') continue;
    for (const c of commandsOf(run)) {
      if (c.name !== 'ln' || c.args[c.args.length - 1]?.text !== '/bin/sh') continue;
      const target = c.args.filter((w) => !w.text.startsWith('-'))[0]?.text.split('/').pop() ?? '';
      if (!['bash', 'zsh', 'ksh', 'mksh', 'fish'].includes(target) || (family === 'rhel' && target === 'bash')) continue;
      ctx.report(commandSpan(run, c), t('Use SHELL to change the shell instead of re-linking /bin/sh.'));
    }
  }
});

function setsPipefail(run: RunShell): boolean {
  return commandsOf(run).some((c) => c.name === 'set' && c.args.some((w) => w.text === 'pipefail' || /^-[a-z]*o[a-z]*pipefail$/.test(w.text)));
}

/** The SHELL instruction in effect at a RUN: the last one before it in its stage or the stages it is built FROM. */
export function shellAt(ctx: RuleContext, run: RunShell): Instruction | undefined {
  const a = ctx.a;
  let limit = run.instruction.index;
  for (const stage of run.stage ? a.chainOf(run.stage) : []) {
    const found = stage.instructions.filter((i) => i.upper === 'SHELL' && i.index < limit).pop();
    if (found) return found;
    limit = Number.MAX_SAFE_INTEGER;
  }
  return undefined;
}

/** Commands whose failure a build should stop for: downloads, builds and test runs. */
const PRODUCERS = new Set([
  'curl', 'wget', 'fetch', 'aria2c', 'make', 'gmake', 'cmake', 'ninja', 'go', 'cargo', 'rustc', 'gcc', 'g++', 'cc', 'clang',
  'npm', 'npx', 'yarn', 'pnpm', 'mvn', 'mvnw', 'gradle', 'gradlew', 'dotnet', 'msbuild', 'docker', 'buildctl', 'bazel',
  'govulncheck', 'gotestsum', 'pytest', 'tox', 'javac', 'git', 'ansible-playbook',
]);

/** Filters and consumers that succeed on empty or cut-off input, so they hide a failure before them. */
const HIDES_FAILURE = new Set(['tee', 'wc', 'sed', 'awk', 'gawk', 'mawk', 'cut', 'tr', 'sort', 'uniq', 'head', 'tail', 'cat', 'xargs', 'base64', 'jq', 'tac', 'column', 'fold', 'nl', 'dd']);

/** Shells and interpreters that run what arrives on stdin: a failed download becomes an empty script that succeeds. */
const RUNS_STDIN = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'python', 'python2', 'python3', 'perl', 'ruby', 'node', 'php']);

function hidesFailure(c: Cmd): boolean {
  if (HIDES_FAILURE.has(c.name)) return true;
  if (!RUNS_STDIN.has(c.name) && !/^python3\.\d+$/.test(c.name)) return false;
  // sh -c '...' or python3 script.py read no script from stdin.
  const words = c.args.map((w) => w.text);
  if (words.includes('-c') || words.includes('-m')) return false;
  const operand = words.findIndex((w) => !w.startsWith('-'));
  return operand < 0 || words.slice(0, operand).some((w) => w === '-s' || w === '--') || words[operand] === '-';
}

/** Whether the script sets -e (set -e, set -eux, set -o errexit): a failed statement ends it. */
export function exitsOnError(commands: Cmd[]): boolean {
  return commands.some((c) => c.name === 'set' && c.args.some((w) => /^-[a-z]*e[a-z]*$/.test(w.text) || w.text === 'errexit'));
}

/** Words of an address that say nothing about what it installs. */
const ADDRESS_WORDS = new Set(['http', 'https', 'www', 'com', 'org', 'net', 'io', 'sh', 'dev', 'raw', 'githubusercontent', 'github', 'main', 'master',
  'install', 'installer', 'get', 'setup', 'script', 'scripts', 'latest', 'download', 'downloads', 'releases', 'release', 'bin', 'cli', 'linux', 'amd64', 'x86_64', 'arm64']);

/**
 * Whether a later command of the RUN, one that runs only if the pipeline succeeded, uses what the
 * download installs: a command named as a word of its address (astral.sh/uv/install.sh, then uv), a
 * path ending in one (then mv ~/.local/bin/uv), or a word of four letters or more of it in its
 * words (get.sdkman.io, then ~/.sdkman/bin/...).
 */
function usesInstalledTool(producer: Cmd, last: Cmd, commands: Cmd[]): boolean {
  const words = new Set<string>();
  for (const arg of producer.args) {
    // An address kept in a variable says what it installs by the variable's name (round 13:
    // curl -sS ${COMPOSER_DOWNLOAD_URL} | php && chmod +x composer.phar).
    for (const m of arg.text.matchAll(/\$\{?([A-Za-z_]\w*)/g)) {
      for (const w of m[1]!.toLowerCase().split('_')) if (w.length >= 4 && !ADDRESS_WORDS.has(w) && w !== 'url' && w !== 'uri') words.add(w);
    }
    if (!arg.text.includes('://') && !/^["']?[\w-]+(\.[\w-]+)+\//.test(arg.text)) continue;
    for (const w of arg.text.toLowerCase().split(/[^a-z0-9_]+/)) {
      if (w.length < 2 || ADDRESS_WORDS.has(w) || /^\d+$/.test(w)) continue;
      words.add(w);
      // getcomposer.org installs composer (round 9: mailcow's mv composer.phar after it).
      if (w.startsWith('get') && w.length >= 7) words.add(w.slice(3));
      // NodeSource's nodejs brings npm, which the distribution's nodejs lacks: the apt-get install
      // after a failed setup gets no npm, so an npm after it fails the RUN (round 46).
      if (w === 'nodesource') for (const tool of ['npm', 'npx', 'corepack']) words.add(tool);
      // rustup installs the toolchain: a rustc or cargo after it fails without it (round 62).
      if (w === 'rustup') for (const tool of ['rustc', 'cargo']) words.add(tool);
    }
  }
  if (words.size === 0) return false;
  const long = [...words].filter((w) => w.length >= 4);
  const untilFailure = exitsOnError(commands);
  // A path whose last part is such a word counts too (round 39: astral.sh/uv/install.sh | sh && mv /root/.local/bin/uv ...).
  return commands.some((c) => !c.raw.nested && c.raw.start > last.raw.end && (c.raw.statement === last.raw.statement || untilFailure)
    // pip3 and python3.12 are pip and python with a version (round 45: get-pip.py, then pip3 --version).
    // python -m pip: the module is the tool (round 48: get-pip.py, then python -m pip install --upgrade pip).
    && (words.has(c.name) || words.has(c.name.replace(/[\d.]+$/, '')) || (/^python[\d.]*$/.test(c.name) && c.args[0]?.text === '-m' && words.has(c.args[1]?.text ?? '')) || c.raw.words.some((w) => long.some((l) => w.text.toLowerCase().includes(l)) || (w.text.includes('/') && words.has(w.text.toLowerCase().replace(/\/+$/, '').split('/').pop()!)))));
}

export const pipefail = rule({
  id: 'pipefail', severity: 'information', hadolint: ['DL4006'], shipped: true,
  explain: () => [
    t('A pipeline\'s exit status is that of its last command, so in RUN curl ... | sh a failed download is not noticed: sh runs an empty script, succeeds, and the build goes on with a broken result.'),
    t('Set SHELL ["/bin/bash", "-o", "pipefail", "-c"] before such RUNs, or start the script with set -o pipefail where the shell supports it.'),
    t('Only pipelines where it matters are reported: a download, build or test on the left, and on the right a command that succeeds whatever it reads (sh, tee, wc, sed...). A pipe into tar, gpg or sha256sum -c fails by itself on a broken download, and pipes inside $(...) or conditions are left alone.'),
    t('It is information: a failed download often makes a later command fail anyway (the tool it installs is missing), only later and with a less clear message. Where the same RUN goes on to use what the download installs (curl https://get.sdkman.io | bash && source ~/.sdkman/bin/sdkman-init.sh), it fails right there, and the pipeline is not reported.'),
  ],
}, (ctx) => {
  for (const run of runShells(ctx)) {
    const summary = run.info.summary;
    if (summary.pipelines.length === 0 || setsPipefail(run)) continue;
    const shell = shellAt(ctx, run);
    if (shell?.exec?.items.some((w) => w.value === 'pipefail')) continue;
    const commands = commandsOf(run);
    for (let k = 0; k < summary.pipelines.length; k++) {
      const start = summary.pipelines[k]!;
      const end = summary.pipelines[k + 1] ?? Number.MAX_SAFE_INTEGER;
      const members = commands.filter((c) => c.raw.inPipeline && !c.raw.nested && c.raw.start >= start && c.raw.start < end);
      if (members.length < 2) continue;
      const last = members[members.length - 1]!;
      const producer = members.slice(0, -1).find((c) => PRODUCERS.has(c.name));
      if (!producer || !hidesFailure(last)) continue;
      // Followed by more statements (a ; chain) without set -e, the RUN's status is the last one's:
      // pipefail alone would not make it fail, so the advice would not help.
      const statement = last.raw.statement;
      if (!exitsOnError(commands) && commands.some((c) => !c.raw.nested && c.raw.statement > statement)) continue;
      // An installer whose tool the RUN goes on to use (curl get.sdkman.io | bash && source ~/.sdkman/...)
      // fails the RUN right there when the download failed.
      if (usesInstalledTool(producer, last, commands)) continue;
      // A setup script that adds a repository and updates the lists (deb.nodesource.com/setup_22.x),
      // then apt-get install, where the image has no lists: without the script's update the install
      // fails, and the RUN with it (round 14).
      if (run.stage && commands.some((c) => !c.raw.nested && c.raw.start > last.raw.end && (c.raw.statement === statement || exitsOnError(commands))
        && (c.name === 'apt-get' || c.name === 'apt') && c.args.some((w) => w.text === 'install'))
        && !commands.some((c) => c.raw.start < start && (c.name === 'apt-get' || c.name === 'apt') && c.args.some((w) => w.text === 'update'))
        && noAptListsBefore(ctx.a, run.stage, run.instruction)) continue;
      const family = run.stage ? ctx.a.family(run.stage) : 'unknown';
      const span = run.info.span(start, last.raw.end);
      const data = { producer: producer.name, sink: last.name };
      if (run.info.kind === 'bash') ctx.report(span, t('If {0} fails, {1} still succeeds and so does this RUN. Add "-o", "pipefail" to the SHELL instruction, or start the script with set -o pipefail.', producer.name, last.name), { data });
      // (A pipe into bash shows that this Alpine-based image has bash after all, as does an earlier apk add bash: round 40.)
      else if (family === 'alpine' && last.name !== 'bash' && run.stage && installsBashBefore(ctx.a, run.stage, run.instruction)) ctx.report(span, t('If {0} fails, {1} still succeeds and so does this RUN. Put SHELL ["/bin/bash", "-o", "pipefail", "-c"] before it (an earlier RUN installs bash), or start the script with set -o pipefail.', producer.name, last.name), { data });
      else if (family === 'alpine' && last.name !== 'bash') ctx.report(span, t('If {0} fails, {1} still succeeds and so does this RUN. Start the script with set -o pipefail (BusyBox ash, the /bin/sh of this image, supports it; bash is not installed).', producer.name, last.name), { data });
      else if (family === 'rhel') ctx.report(span, t('If {0} fails, {1} still succeeds and so does this RUN. Start the script with set -o pipefail (/bin/sh is bash on this image).', producer.name, last.name), { data });
      else if (family === 'debian') ctx.report(span, t('If {0} fails, {1} still succeeds and so does this RUN. Put SHELL ["/bin/bash", "-o", "pipefail", "-c"] before it (bash is installed on Debian and Ubuntu images).', producer.name, last.name), { data });
      else ctx.report(span, t('If {0} fails, {1} still succeeds and so does this RUN. Start the script with set -o pipefail where the shell supports it, or use SHELL ["/bin/bash", "-o", "pipefail", "-c"] where bash is installed.', producer.name, last.name), { data });
    }
  }
});

/** Whether a RUN before this one, in the stage or the stages it is built FROM, installs bash with apk. */
function installsBashBefore(a: Analysis, stage: Stage, before: Instruction): boolean {
  return [...a.chainOf(stage)].some((s) => s.instructions.some((i) => i.upper === 'RUN' && (s !== stage || i.index < before.index) && /\bapk\b/.test(i.argText) && /\badd\b/.test(i.argText) && /(^|\s)bash(\s|\\|$)/m.test(i.argText)));
}

export const consecutiveRun = rule({
  id: 'consecutive-run', severity: 'hint', hadolint: ['DL3059'],
  explain: () => [t('Each RUN makes a layer. Short consecutive RUNs that belong together can be joined with && so the image has fewer layers and files deleted in the same step never reach a layer.')],
}, (ctx) => {
  for (const stage of ctx.scope.stages) {
    const list = stage.instructions;
    for (let k = 1; k < list.length; k++) {
      const prev = list[k - 1]!;
      const cur = list[k]!;
      if (prev.upper !== 'RUN' || cur.upper !== 'RUN' || prev.flags.length > 0 || cur.flags.length > 0) continue;
      if (prev.heredocs.length > 0 || cur.heredocs.length > 0 || prev.exec || cur.exec) continue;
      const short = (i: typeof cur) => (ctx.a.shell(i)?.summary.commands.length ?? 99) <= 2;
      if (short(prev) && short(cur)) ctx.report(cur.keywordSpan, t('This RUN directly follows another short RUN; consider joining them with &&.'));
    }
  }
});

export const useraddNoLogInit = rule({
  id: 'useradd-no-log-init', reach: 'instruction', severity: 'warning', hadolint: ['DL3046'],
  explain: () => [t('useradd records every user in /var/log/lastlog, a file sized by the highest uid. With a large uid the file becomes huge and bloats the layer. Add -l (--no-log-init).')],
}, (ctx) => {
  for (const run of runShells(ctx)) {
    for (const c of commandsOf(run)) {
      if (c.name !== 'useradd' || hasOption(c, 'l', ['--no-log-init'])) continue;
      const u = c.args.findIndex((w) => w.text === '-u' || w.text === '--uid' || w.text.startsWith('--uid='));
      const uid = u < 0 ? undefined : c.args[u]!.text.startsWith('--uid=') ? c.args[u]!.text.slice(6) : c.args[u + 1]?.text;
      if (uid && /^\d+$/.test(uid) && Number(uid) > 65535) ctx.report(commandSpan(run, c), t('useradd with a large uid and without -l makes a huge /var/log/lastlog; add -l.'));
    }
  }
});

export const wgetProgress = rule({
  id: 'wget-progress', reach: 'instruction', severity: 'hint', hadolint: ['DL3047'],
  explain: () => [t('wget prints a progress bar line for every few kilobytes when it has no terminal, which floods build logs. Use -q, -nv or --progress=dot:giga.')],
}, (ctx) => {
  for (const run of runShells(ctx)) {
    for (const c of commandsOf(run)) {
      if (c.name === 'wget' && !hasOption(c, 'qo', ['--quiet', '--progress', '--no-verbose', '--output-file', '--append-output']) && !c.args.some((w) => w.text === '-nv' || w.text === '-a') && !stderrOutOfLog(run, c)) {
        ctx.report(commandSpan(run, c), t('wget without -q, -nv or --progress fills the build log with progress output.'));
      }
    }
  }
});

export const wgetAndCurl = rule({
  id: 'wget-and-curl', severity: 'hint', hadolint: ['DL4001'],
  explain: () => [t('Installing both wget and curl adds two tools that do the same job. Pick one for the whole Dockerfile.')],
}, (ctx) => {
  const runs = runShellsByStage(ctx);
  for (const stage of ctx.scope.stages) {
    const found: Record<string, { run: RunShell; c: ReturnType<typeof cmd> }[]> = { wget: [], curl: [] };
    for (const run of runs.get(stage) ?? []) {
      for (const c of commandsOf(run)) if (c.name === 'wget' || c.name === 'curl') found[c.name]!.push({ run, c });
    }
    if (found.wget!.length === 0 || found.curl!.length === 0) continue;
    const fewer = found.wget!.length <= found.curl!.length ? 'wget' : 'curl';
    for (const { run, c } of found[fewer]!) ctx.report(commandSpan(run, c), t('This stage uses both wget and curl; use one of them.'));
  }
});

// Commands that take no command as an argument (package managers, file and build tools), and words
// that are commands and never their arguments: no package, file or target is called "rm" or "cd".
const TAKES_NO_COMMAND = new Set(['apt-get', 'apt', 'aptitude', 'apk', 'yum', 'dnf', 'microdnf', 'zypper', 'tdnf', 'pip', 'pip3', 'npm', 'yarn', 'pnpm', 'gem', 'cargo', 'go', 'rm', 'mkdir', 'chmod', 'chown', 'chgrp', 'ln', 'mv', 'cp', 'touch', 'curl', 'wget', 'tar', 'unzip', 'make', 'cmake', 'git', 'useradd', 'groupadd', 'adduser', 'addgroup', 'usermod', 'ldconfig', 'update-ca-certificates', 'composer', 'mvn', 'gradle', 'dotnet', 'conda', 'mamba', 'poetry', 'uv']);
const ONLY_A_COMMAND = new Set(['rm', 'cd', 'mkdir', 'chmod', 'chown', 'ln', 'mv', 'cp', 'echo', 'export', 'apt-get', 'apk', 'yum', 'dnf', 'microdnf', 'useradd', 'groupadd', 'addgroup', 'ldconfig', 'update-ca-certificates']);

export const missingCommandSeparator = rule({
  id: 'missing-command-separator', reach: 'instruction', severity: 'warning',
  explain: () => [
    t('A line ending with \\ continues the same command on the next line. When the next line was meant as a command of its own (rm -rf ..., cd ..., mkdir ...), it needs && or ; before it; without one its words are passed to the command above as arguments, so apk or apt-get looks for a package called "rm", or the cleanup silently never runs.'),
    t('Only commands that never take another command as an argument are checked (package managers, file and build tools), and only for words that are commands and nothing else, so sudo, env, xargs, find -exec and sh -c are left alone.'),
  ],
}, (ctx) => {
  const text = ctx.a.text;
  for (const run of runShells(ctx)) {
    for (const c of run.info.summary.commands) {
      const words = c.words;
      if (words.length < 2 || !TAKES_NO_COMMAND.has(words[0]!.text.split('/').pop() ?? '')) continue;
      for (let i = 1; i < words.length; i++) {
        const word = words[i]!;
        if (word.text === '--') break;
        if (!word.literal || !ONLY_A_COMMAND.has(word.text)) continue;
        // The word must start a line of its own: only a continuation puts it in this command.
        const before = run.info.span(words[i - 1]!.end, words[i - 1]!.end).end;
        const at = run.info.span(word.start, word.end);
        if (text.lastIndexOf('\n', at.start) < before || text[at.start] === '"' || text[at.start] === "'") continue;
        ctx.report(at, t('{0} starts a line but is an argument of {1}: the line above ends with a continuation and no && or ;, so both lines are one command. Add && before {0}.', word.text, words[0]!.text));
        break;
      }
    }
  }
});

export const shellRules = [shellSyntax, bashism, runCd, cdWithoutEffect, exportWithoutEffect, sudo, pointlessCommand, relinkSh, pipefail, consecutiveRun, useraddNoLogInit, wgetProgress, wgetAndCurl, missingCommandSeparator];
