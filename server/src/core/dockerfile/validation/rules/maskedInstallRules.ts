// A package install whose failure the RUN does not see: `zypper install -y x; zypper clean`. A
// shell without set -e goes on after a failed command, and the script's status is its last
// statement's, so the step succeeds, BuildKit caches it, and the image ships without the packages
// (a package renamed, a mirror down, a typo). `&&` between the commands, or set -e, stops there.
// Reported where only cleanup follows the install, so that nothing after it would notice.
// None of the peers reports it (hadolint's DL4006 is about pipes only).
import { t } from '../../../l10n';
import { commandsOf, commandSpan, runShells, type Cmd, type RunShell } from './shellCommands';
import { packageInstalls } from './packageRules';
import { exitsOnError, shellAt } from './shellRules';
import { rule } from './rule';

/** Statements that say failures are ignored on purpose: `; true`, `; exit 0`. */
const IGNORES_FAILURE = (name: string, args: string[]) => name === 'true' || name === ':' || (name === 'exit' && args[0] === '0');

/** Commands that only clean up or print: they succeed whatever the install before them did. */
const CLEANUP = (name: string, args: string[]) => {
  const sub = args.find((w) => !w.startsWith('-'));
  if (['rm', 'echo', 'printf', 'true', ':'].includes(name)) return true;
  if (['apt-get', 'apt'].includes(name)) return ['clean', 'autoclean', 'autoremove'].includes(sub ?? '');
  if (['yum', 'dnf', 'microdnf', 'zypper', 'conda', 'mamba', 'micromamba'].includes(name)) return sub === 'clean' || sub === 'cc';
  if (name === 'apk') return sub === 'cache' || sub === 'del';
  if (['pip', 'pip3', 'npm', 'yarn'].includes(name)) return sub === 'cache';
  return name === 'gem' && sub === 'cleanup';
};

export const maskedInstallFailure = rule({
  id: 'masked-install-failure', reach: 'instruction', severity: 'warning',
  explain: () => [
    t('Without set -e, a shell goes on after a command fails, and a script ends with the status of its last statement. A package install followed by ";" (or by another line of a heredoc) can fail without the RUN failing: the build goes on, the step is cached as a success, and the image lacks the packages.'),
    t('Join the commands with &&, or start the script with set -e (set -eux shows each command too). Reported where only cleanup (rm, a package cache clean, echo) follows the install; an install followed by || or by ; true is taken as ignored on purpose.'),
    t('The same holds for a fallback at the end of a chain: in install && cleanup || true, the || true catches a failure of every command of the chain, the install too, and set -e does not stop at it. Keep the fallback with the command it is meant for: install && (cleanup || true).'),
  ],
}, (ctx) => {
  for (const run of runShells(ctx)) {
    if (run.info.kind !== 'sh' && run.info.kind !== 'bash') continue;
    const masked = chainFallback(run);
    if (masked) {
      ctx.report(commandSpan(run, masked.install), t('The {0} at the end of this && chain also catches a failure of {1}, so the RUN succeeds without the packages. Keep the fallback with the command it is meant for: ... && ({2} {0}).', masked.fallback, masked.install.name, masked.last));
      continue;
    }
    // One statement has nothing after it to hide a failure behind.
    if (run.info.summary.statements < 2) continue;
    const installs = packageInstalls(run).filter((c) => !c.raw.nested && !c.raw.inPipeline && !c.raw.background);
    if (installs.length === 0) continue;
    const commands = commandsOf(run);
    if (exitsOnError(commands) || run.info.source.text.includes('$?')) continue;
    const shell = shellAt(ctx, run)?.exec?.items.map((w) => w.value) ?? [];
    if (shell.some((w) => /^-[a-z]*e[a-z]*$/.test(w) || w === 'errexit')) continue;
    const top = commands.filter((c) => !c.raw.nested);
    const lastStatement = Math.max(...top.map((c) => c.raw.statement));
    for (const c of installs) {
      if (c.raw.statement >= lastStatement) continue;
      // `install || handle`: the failure is handled in the statement itself.
      const rest = top.filter((o) => o.raw.statement === c.raw.statement && o.raw.start > c.raw.end);
      const between = run.info.source.text.slice(c.raw.end, rest[0]?.raw.start ?? c.raw.end);
      if (between.includes('||') || rest.some((o) => run.info.source.text.slice(c.raw.end, o.raw.start).includes('||'))) continue;
      const later = top.filter((o) => o.raw.statement > c.raw.statement);
      if (later.some((o) => IGNORES_FAILURE(o.name, o.args.map((w) => w.text)))) continue;
      // Only cleanup follows: nothing after the install would notice that it failed. (A later
      // command may need what it installs and fail in its turn, or repair it, as apt-get -f
      // install does after dpkg -i.)
      if (!later.every((o) => CLEANUP(o.name, o.args.map((w) => w.text)))) continue;
      ctx.report(commandSpan(run, c), t('If {0} fails, this RUN goes on with the next command and ends with the status of its last one, so the build carries on without the packages. Join the commands with && or start the script with set -e.', c.name));
      break;
    }
  }
});

/** The separator between two commands of a statement when it is a plain && or ||; undefined for anything else (a group, a pipe, if/then). */
function operatorBetween(text: string, from: number, to: number): '&&' | '||' | undefined {
  const between = text.slice(from, to).replace(/\\\r?\n/g, ' ').trim();
  return between === '&&' || between === '||' ? between : undefined;
}

/**
 * `install && more || true`: a package install followed in its && chain by other commands, the
 * chain ending in a fallback that always succeeds (true, :, exit 0, echo). The fallback was most
 * likely written for the last command, but it catches the install's failure too. An install right
 * before the || is taken as made optional on purpose.
 */
function chainFallback(run: RunShell): { install: Cmd; fallback: string; last: string } | undefined {
  const text = run.info.source.text;
  const top = commandsOf(run).filter((c) => !c.raw.nested && !c.raw.inPipeline && !c.raw.background);
  for (const install of packageInstalls(run)) {
    if (install.raw.nested || install.raw.inPipeline || install.raw.background) continue;
    const chain = top.filter((c) => c.raw.statement === install.raw.statement && c.raw.start >= install.raw.start);
    for (let k = 0; k + 1 < chain.length; k++) {
      const op = operatorBetween(text, chain[k]!.raw.end, chain[k + 1]!.raw.start);
      if (op === '&&') continue;
      const fallback = chain[k + 1]!;
      const words = fallback.args.map((w) => w.text);
      if (op !== '||' || k === 0 || !(IGNORES_FAILURE(fallback.name, words) || fallback.name === 'echo' || fallback.name === 'printf')) break;
      const last = text.slice(chain[k]!.raw.start, chain[k]!.raw.end).replace(/\s*\\\r?\n\s*/g, ' ');
      return { install, fallback: `|| ${text.slice(fallback.raw.start, fallback.raw.end)}`, last: last.length > 40 ? `${chain[k]!.name} …` : last };
    }
  }
  return undefined;
}

export const maskedInstallRules = [maskedInstallFailure];
