// Rules about the shell script inside RUN, read from the mvdan-sh parse.
import { t } from '../../l10n';
import { cmd, commandsOf, commandSpan, hasOption, runShells, type RunShell } from './shellCommands';
import { rule } from './rule';

export const shellSyntax = rule({
  id: 'shell-syntax', severity: 'error', hadolint: ['SC1000'],
  explain: () => [t('The command after RUN is a shell script. This one does not parse (an unclosed quote, a missing fi or done, a stray operator), so the step fails when the build reaches it.')],
}, (ctx) => {
  for (const i of ctx.scope.instructions) {
    const target = i.trigger ?? i;
    if (target.upper !== 'RUN' && target.upper !== 'CMD' && target.upper !== 'ENTRYPOINT') continue;
    const info = ctx.a.shell(i);
    const error = info?.summary.error;
    if (!error) continue;
    ctx.report(info.span(error.start, error.end), t('Shell syntax error: {0}', error.message));
  }
});

export const bashism = rule({
  id: 'bashism', severity: 'warning', hadolint: ['SC3010', 'SC2039'],
  explain: () => [
    t('RUN uses /bin/sh unless SHELL says otherwise. On Debian and Ubuntu that is dash, which does not understand bash features such as [[ ]], arrays, <( ), here-strings or ${var/a/b}; the step then fails or behaves differently.'),
    t('Use POSIX syntax, or switch the shell: SHELL ["/bin/bash", "-o", "pipefail", "-c"].'),
  ],
}, (ctx) => {
  for (const run of runShells(ctx)) {
    if (run.info.kind !== 'sh') continue;
    // BusyBox ash is /bin/sh on Alpine-based images (alpine, node:22-alpine, golang:1.24-alpine...).
    const busybox = run.stage && /alpine|busybox/.test(ctx.a.rootImage(run.stage));
    for (const b of run.info.summary.bashisms) {
      if (busybox && b.busybox) continue;
      ctx.report(run.info.span(b.start, b.end), t('{0} is bash syntax, but this RUN runs under /bin/sh.', b.what));
    }
  }
});

export const runCd = rule({
  id: 'run-cd', severity: 'warning', hadolint: ['DL3003', 'SC2164'],
  explain: () => [
    t('cd inside RUN lasts only until the end of that RUN; the next instruction starts in the WORKDIR again. Use WORKDIR to change directory for the following instructions, and keep cd for a subshell such as (cd src && make).'),
  ],
}, (ctx) => {
  for (const run of runShells(ctx)) {
    const commands = commandsOf(run);
    commands.forEach((c, index) => {
      if (c.name !== 'cd' || c.raw.nested) return;
      const first = index === 0 && c.args.length === 1 && c.args[0]!.literal && commands.length > 1;
      ctx.report(commandSpan(run, c), t('Use WORKDIR instead of cd: the directory change does not carry over to later instructions.'), {
        data: first ? { workdir: c.args[0]!.text } : undefined,
      });
    });
  }
});

function simpleCommandRule(id: string, peer: string, severity: 'warning' | 'information', names: string[], message: () => string, explain: () => string[]) {
  return rule({ id, severity, hadolint: [peer], explain }, (ctx) => {
    for (const run of runShells(ctx)) {
      for (const c of run.info.summary.commands) {
        const name = c.words[0]?.text.split('/').pop();
        if (name && names.includes(name)) ctx.report(run.info.span(c.words[0]!.start, c.words[0]!.end), message());
      }
    }
  });
}

export const sudo = simpleCommandRule('sudo', 'DL3004', 'warning', ['sudo'],
  () => t('Do not use sudo in RUN: build steps already run as the current USER. Switch with USER root and back instead.'),
  () => [t('sudo adds a package and a setuid binary for nothing: RUN already runs as the current USER. To run something as root, put USER root before it and switch back to the unprivileged user afterwards.')]);

export const pointlessCommand = rule({
  id: 'pointless-command', severity: 'information', hadolint: ['DL3001'],
  explain: () => [t('Commands such as ssh, vim, top, ps, kill, shutdown, mount or service do nothing useful in a build step: there is no terminal, no running services and no init system while an image builds.')],
}, (ctx) => {
  const names = ['ssh', 'vim', 'shutdown', 'service', 'ps', 'free', 'top', 'kill', 'mount', 'ifconfig', 'nano'];
  for (const run of runShells(ctx)) {
    for (const c of commandsOf(run)) {
      if (names.includes(c.name)) ctx.report(commandSpan(run, c), t('{0} makes little sense during an image build.', c.name));
    }
  }
});

export const relinkSh = rule({
  id: 'relink-sh', severity: 'warning', hadolint: ['DL4005'],
  explain: () => [t('Replacing /bin/sh with a link to another shell changes it for every program in the image. To change the shell RUN uses, use the SHELL instruction.')],
}, (ctx) => {
  for (const run of runShells(ctx)) {
    for (const c of commandsOf(run)) {
      if (c.name === 'ln' && c.args[c.args.length - 1]?.text === '/bin/sh') ctx.report(commandSpan(run, c), t('Use SHELL to change the shell instead of re-linking /bin/sh.'));
    }
  }
});

function setsPipefail(run: RunShell): boolean {
  return commandsOf(run).some((c) => c.name === 'set' && c.args.some((w) => w.text === 'pipefail'));
}

export const pipefail = rule({
  id: 'pipefail', severity: 'warning', hadolint: ['DL4006'],
  explain: () => [
    t('A pipeline\'s exit status is that of its last command, so in RUN curl ... | tar x a failed download is not noticed and the build goes on with a broken result.'),
    t('Set SHELL ["/bin/bash", "-o", "pipefail", "-c"] before such RUNs, or start the script with set -o pipefail where the shell supports it.'),
  ],
}, (ctx) => {
  for (const run of runShells(ctx)) {
    if (run.info.summary.pipelines.length === 0 || setsPipefail(run)) continue;
    const stage = run.stage;
    const shellSetsIt = stage?.instructions.some((i) => i.upper === 'SHELL' && i.index < run.instruction.index && i.exec?.items.some((w) => w.value === 'pipefail'));
    if (shellSetsIt) continue;
    const at = run.info.summary.pipelines[0]!;
    const pipeCommand = run.info.summary.commands.find((c) => c.inPipeline && c.start >= at);
    ctx.report(run.info.span(at, pipeCommand?.end ?? at + 1), t('A failure on the left of this pipe is ignored; set -o pipefail (SHELL ["/bin/bash", "-o", "pipefail", "-c"]).'));
  }
});

export const consecutiveRun = rule({
  id: 'consecutive-run', severity: 'information', hadolint: ['DL3059'],
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
  id: 'useradd-no-log-init', severity: 'warning', hadolint: ['DL3046'],
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
  id: 'wget-progress', severity: 'information', hadolint: ['DL3047'],
  explain: () => [t('wget prints a progress bar line for every few kilobytes when it has no terminal, which floods build logs. Use -q, -nv or --progress=dot:giga.')],
}, (ctx) => {
  for (const run of runShells(ctx)) {
    for (const c of commandsOf(run)) {
      if (c.name === 'wget' && !hasOption(c, 'qo', ['--quiet', '--progress', '--no-verbose', '--output-file', '--append-output']) && !c.args.some((w) => w.text === '-nv' || w.text === '-a')) {
        ctx.report(commandSpan(run, c), t('wget without -q, -nv or --progress fills the build log with progress output.'));
      }
    }
  }
});

export const wgetAndCurl = rule({
  id: 'wget-and-curl', severity: 'information', hadolint: ['DL4001'],
  explain: () => [t('Installing both wget and curl adds two tools that do the same job. Pick one for the whole Dockerfile.')],
}, (ctx) => {
  const runs = runShells(ctx);
  for (const stage of ctx.scope.stages) {
    const found: Record<string, { run: RunShell; c: ReturnType<typeof cmd> }[]> = { wget: [], curl: [] };
    for (const run of runs) {
      if (run.stage !== stage) continue;
      for (const c of commandsOf(run)) if (c.name === 'wget' || c.name === 'curl') found[c.name]!.push({ run, c });
    }
    if (found.wget!.length === 0 || found.curl!.length === 0) continue;
    const fewer = found.wget!.length <= found.curl!.length ? 'wget' : 'curl';
    for (const { run, c } of found[fewer]!) ctx.report(commandSpan(run, c), t('This stage uses both wget and curl; use one of them.'));
  }
});

export const shellRules = [shellSyntax, bashism, runCd, sudo, pointlessCommand, relinkSh, pipefail, consecutiveRun, useraddNoLogInit, wgetProgress, wgetAndCurl];
