// Rules about what the container does at run time: CMD, ENTRYPOINT, HEALTHCHECK, USER.
import { t } from '../../../l10n';
import { MONGO_SHELL_PACKAGE, lacksLegacyMongoShell, lacksTool, packageOfProgram, runsLegacyMongoShell } from '../../../imageTools';
import type { Instruction, Span, Stage, Word } from '../../syntax/ast';
import { copyArgs } from '../../analysis/copySources';
import type { Analysis } from '../../analysis/analysis';
import { blankQuotes, cmd } from './shellCommands';
import { jsonProblemOf } from './syntaxRules';
import { rule, type RuleContext } from './rule';
import { entrypointOf, shellFormEntrypoint } from './entrypointRules';
import { OFFICIAL_IMAGES, repositoryAndTag } from '../../../officialImages';
import { alwaysPasses, shellScriptIndex } from '../../../healthcheckScript';
import { shellSource, toDocSpan } from '../../syntax/shell/shellSource';

export const multipleInstructions = rule({
  id: 'multiple-instructions', severity: 'warning', tag: 'unnecessary',
  hadolint: ['DL4003', 'DL4004', 'DL3012'], buildkit: 'MultipleInstructionsDisallowed', dockerfileUtils: ['MULTIPLE_INSTRUCTIONS'], namesLines: true,
  explain: () => [
    t('A stage has one default command, one entrypoint and one health check. When CMD, ENTRYPOINT or HEALTHCHECK appears more than once in a stage, only the last one counts; the earlier ones do nothing.'),
    t('To run several commands, combine them in one CMD (or a script), or use a process manager.'),
  ],
}, (ctx) => {
  const peers: Record<string, string> = { CMD: 'DL4003', ENTRYPOINT: 'DL4004', HEALTHCHECK: 'DL3012' };
  for (const stage of ctx.scope.stages) {
    for (const keyword of ['CMD', 'ENTRYPOINT', 'HEALTHCHECK']) {
      const list = stage.instructions.filter((i) => i.upper === keyword);
      const last = list[list.length - 1];
      for (const i of list.slice(0, -1)) {
        const line = String(ctx.a.lines.positionAt(last!.span.start).line + 1);
        // The same instruction again changes nothing: a duplicate to tidy, not a lost command (round 22).
        if (i.argText.replace(/\s+/g, ' ').trim() === last!.argText.replace(/\s+/g, ' ').trim()) {
          ctx.report(i.span, t('This {0} is repeated unchanged on line {1}, which is the one that counts; this one can go.', keyword, line), { peer: peers[keyword], severity: 'hint' });
        } else {
          ctx.report(i.span, t('Only the last {0} of a stage counts; this one is overridden on line {1}.', keyword, line), { peer: peers[keyword] });
        }
      }
    }
  }
});

/**
 * Whether a SHELL is in effect: one earlier in the stage, or in a stage it is built FROM, whose
 * image config (its shell included) BuildKit carries over. BuildKit stays silent then.
 */
function stageHasShell(a: Analysis, stage: Stage, before: Instruction): boolean {
  for (const s of a.chainOf(stage)) {
    if (s.instructions.some((i) => i.upper === 'SHELL' && (s !== stage || i.index < before.index))) return true;
  }
  return false;
}

export const jsonArgsRecommended = rule({
  id: 'json-args-recommended', severity: 'information', hadolint: ['DL3025'], buildkit: 'JSONArgsRecommended', shipped: true,
  explain: () => [
    t('In shell form, CMD and ENTRYPOINT run as /bin/sh -c "...": the shell becomes process 1 and does not pass on signals, so docker stop waits for its timeout and then kills the container.'),
    t('The exec form ["executable", "arg"] runs the program directly, so it receives SIGTERM and can shut down cleanly.'),
    t('A script of several commands (a; b, a && b) needs a shell in either form: put exec before its last command, so that the program it starts replaces the shell. Scripts with if, loops or pipes are left alone; such scripts are best kept in a file that ends with exec.'),
    t('A single command is not reported on Alpine and RHEL-family images: their /bin/sh (BusyBox ash, bash) runs it in place of itself. Debian\'s and Ubuntu\'s dash keeps itself as process 1. On Alpine, BusyBox ash also runs the last command of a plain list (a && b) in place of itself, so that is not reported either.'),
    t('It is information: it costs a long-running service a slow stop (docker stop waits 10 seconds), and a container that runs a job and exits nothing at all. Unseen real files bore that out: most findings were on one-shot, test and sample images.'),
  ],
}, (ctx) => {
  for (const stage of ctx.scope.stages) {
    for (const i of stage.instructions) {
      if ((i.upper !== 'CMD' && i.upper !== 'ENTRYPOINT') || i.exec || i.words.length === 0) continue;
      // Broken JSON is reported as such (invalid-json-form, json-single-quotes), not as shell form.
      if (stageHasShell(ctx.a, stage, i) || jsonProblemOf(i)) continue;
      // A CMD under a shell-form ENTRYPOINT never runs (cmd-ignored says so): its form does not matter.
      if (i.upper === 'CMD' && shellFormEntrypoint(entrypointOf(ctx.a, stage))) continue;
      const info = ctx.a.shell(i);
      // CMD /bin/bash starts an interactive shell: there is no service to stop gracefully.
      const only = info?.summary.commands.length === 1 ? cmd(info.summary.commands[0]!) : undefined;
      if (i.upper === 'CMD' && only && only.args.length === 0 && ['sh', 'bash', 'ash', 'zsh', 'pwsh', 'powershell'].includes(only.name)) continue;
      // `exec server` replaces the shell: the server is PID 1 and gets the signals.
      if (info?.summary.commands[0]?.words[0]?.text === 'exec') continue;
      // Several commands (a; b, a & b, a || b, an if, [[ ]]) need a shell in the exec form too. The
      // shell stays process 1 all the same; when the script ends with one plain command, exec in
      // front of it hands the process over. Other scripts are the author's design to make.
      if (info && (info.summary.commands.length > 1 || info.summary.pipelines.length > 0 || info.summary.bashisms.length > 0 || /(^|[^&|])&($|[^&])|&&|\|\||;/.test(blankQuotes(i.argText)))) {
        const summary = info.summary;
        const last = summary.commands[summary.commands.length - 1];
        const plain = !summary.error && summary.pipelines.length === 0 && summary.bashisms.length === 0 && summary.commands.every((c) => !c.nested)
          && last !== undefined && !last.background && last.statement === summary.statements - 1 && last.words[0]?.literal && last.words[0].text !== 'exec';
        // BusyBox ash (Alpine) runs the last command of such a list in place of itself too (round 17:
        // `CMD sleep 25 && /reciever`); bash does after `;` but not after `&&`, dash never.
        if (plain && ctx.a.family(stage) === 'alpine') continue;
        if (plain) ctx.report(i.args, t('The shell stays process 1 and does not pass on stop signals: put exec before the last command ({0}) so that it gets them.', `exec ${last.words[0]!.text}`));
        continue;
      }
      // One plain command: BusyBox ash (Alpine) and bash (the /bin/sh of RHEL-family images) exec it
      // in place of the shell, so it is process 1 and gets the signals; dash (Debian, Ubuntu) does not.
      const family = ctx.a.family(stage);
      if (info && info.summary.commands.length === 1 && !info.summary.commands[0]!.nested && !info.summary.commands[0]!.background && (family === 'alpine' || family === 'rhel')) continue;
      const only1 = info?.summary.commands.length === 1 ? info.summary.commands[0] : undefined;
      // A glob (java -jar ./*.jar) or a variable needs the shell to expand it: exec in front keeps
      // the shell for that and still hands the process over.
      if (only1 && !only1.nested && only1.words[0]?.literal && only1.words.some((w) => !w.literal || /[*?[]/.test(w.text))) {
        ctx.report(i.args, t('The shell stays process 1 and does not pass on stop signals: put exec before the last command ({0}) so that it gets them.', `exec ${only1.words[0].text}`));
        continue;
      }
      const simple = info && !info.summary.error && info.summary.commands.length === 1 && !info.summary.commands[0]!.nested
        && info.summary.commands[0]!.words.every((w) => w.literal) && info.summary.pipelines.length === 0;
      ctx.report(i.args, t('Use the exec form ["executable", "arg", ...] for {0} so the process receives stop signals.', i.upper), {
        data: simple ? { exec: info.summary.commands[0]!.words.map((w) => w.text) } : undefined,
      });
    }
  }
});

/** Why a command sends the service to the background, or undefined. */
function daemonizes(words: string[]): string | undefined {
  const [name0, ...rest] = words;
  const name = (name0 ?? '').split('/').pop()!;
  const sub = rest.find((w) => !w.startsWith('-'));
  if (name === 'service' && rest.length >= 2 && ['start', 'restart'].includes(rest[1]!)) return `service ${rest[0]} ${rest[1]}`;
  if (name === 'systemctl') return 'systemctl';
  if ((name0 ?? '').startsWith('/etc/init.d/') && ['start', 'restart'].includes(sub ?? '')) return `${name0} ${sub}`;
  // -D FOREGROUND (or -DFOREGROUND) keeps httpd in front, however it is started (round 26: apachectl start -D FOREGROUND).
  const foreground = rest.includes('-DFOREGROUND') || rest.some((w, k) => w === '-D' && rest[k + 1] === 'FOREGROUND');
  if ((name === 'apachectl' || name === 'apache2ctl') && (sub === 'start' || rest.includes('start')) && !foreground) return `${name} start`;
  if (name === 'httpd' && rest.join(' ').includes('-k start') && !foreground) return 'httpd -k start';
  if (name === 'nginx' && !rest.some((w) => /daemon\s+off/.test(w)) && !rest.includes('-v') && !rest.includes('-t')) return 'nginx';
  if ((name === 'php-fpm' || /^php-fpm\d/.test(name)) && (rest.includes('-D') || rest.includes('--daemonize'))) return `${name} -D`;
  if (name === 'redis-server' && rest.join(' ').includes('--daemonize yes')) return 'redis-server --daemonize yes';
  return undefined;
}

/** Whether the Dockerfile writes "daemon off" into nginx's configuration, or copies in a configuration of its own. */
function nginxConfigured(a: Analysis): boolean {
  if (/daemon\s+off/.test(a.text)) return true;
  return a.doc.instructions.some((i) => (i.upper === 'COPY' || i.upper === 'ADD') && /(^|[\s/])nginx\.conf\b|\/etc\/nginx\/?(\s|$)/.test(i.argText));
}

export const backgroundServiceCmd = rule({
  id: 'background-service-cmd', severity: 'warning',
  explain: () => [
    t('A container lives exactly as long as its main process. Commands such as service nginx start, systemctl or nginx without "daemon off" start a service in the background and return at once, so the container exits right after starting.'),
    t('Run the service in the foreground instead, for example CMD ["nginx", "-g", "daemon off;"] or CMD ["apache2ctl", "-D", "FOREGROUND"].'),
    t('The same holds for a CMD that only installs packages (CMD ["npm", "i"], pip install, composer install): the install finishes and the container exits without starting the app.'),
  ],
}, (ctx) => {
  for (const i of ctx.scope.instructions) {
    if (i.upper !== 'CMD' && i.upper !== 'ENTRYPOINT') continue;
    // Only the stage's last CMD (ENTRYPOINT) runs: an earlier one never starts anything, which
    // multiple-instructions says (round 47: CMD service filebeat start, then CMD dotnet WebAPI.dll).
    if (ctx.a.doc.stages[i.stage]?.instructions.some((j) => j.index > i.index && j.upper === i.upper)) continue;
    let words: string[] | undefined;
    let background = false;
    if (i.exec) {
      words = i.exec.items.map((w) => w.value);
    } else {
      const info = ctx.a.shell(i);
      const commands = info?.summary.commands.filter((c) => !c.nested) ?? [];
      const last = commands[commands.length - 1];
      if (!last) continue;
      words = cmd(last).raw.words.map((w) => w.text);
      background = last.background;
    }
    let reason = daemonizes(words);
    // nginx reads "daemon off;" from its configuration too: one the Dockerfile writes, copies in,
    // or names with -c (round 20: nginx -c /app/deploy/nginx_default.conf, which says daemon off).
    if (reason === 'nginx' && (nginxConfigured(ctx.a) || words.includes('-c'))) reason = undefined;
    if (reason) ctx.report(i.args, t('{0} starts a background service and returns, so the container stops at once. Run the service in the foreground.', reason));
    else if (background) ctx.report(i.args, t('The last command runs in the background (&), so the container stops at once.'));
    else if (i.upper === 'CMD' && installsOnly(words) && (i.exec || (ctx.a.shell(i)?.summary.statements ?? 1) === 1) && !entrypointIn(ctx.a, i)) {
      // CMD ["npm", "i"]: the container installs the packages and exits; the app never starts (round 16).
      ctx.report(i.args, t('{0} only installs packages and then exits, so the container stops without starting the app. Install in a RUN, and start the app here (npm start, node server.js).', words.slice(0, 2).join(' ')));
    }
  }
});

/** `npm i`, `npm ci`, `yarn`, `yarn install`, `pip install ...`, `composer install`, `bundle install`: a package install and nothing else. */
function installsOnly(words: string[]): boolean {
  const [program, sub] = [words[0]?.replace(/^.*\//, ''), words[1]];
  if (program === 'npm' || program === 'pnpm') return sub === 'i' || sub === 'install' || sub === 'ci';
  if (program === 'yarn') return sub === undefined || sub === 'install';
  if (program === 'pip' || program === 'pip3' || program === 'composer' || program === 'bundle') return sub === 'install';
  return false;
}

/** Whether the instruction's stage or one it is built FROM sets an ENTRYPOINT, which a CMD then only gives arguments. */
function entrypointIn(a: Analysis, i: Instruction): boolean {
  const stage = a.doc.stages[i.stage];
  return stage !== undefined && entrypointOf(a, stage) !== undefined;
}

/** USER root, 0, root:root... */
export const ROOT = /^(root|0)(:(root|0))?$/;
const STEPS_DOWN = /\b(gosu|su-exec|setpriv|runuser|s6-setuidgid|chpst|chroot --userspec|apache2-foreground|httpd-foreground|php-fpm|nginx)\b/;
/** Official images whose own USER is not root: USER root there is a change. */
const UNPRIVILEGED_OFFICIAL = new Set(['elasticsearch', 'kibana', 'logstash', 'sonarqube', 'solr', 'odoo', 'spark', 'mongo-express']);
/** A process manager the image installs or configures, which starts each program as the user its configuration names (round 17: supervisord). */
const PROCESS_MANAGER = /\b(supervisord?|s6-overlay|s6-svscan|runsvdir)\b/;
/** Servers whose job needs root: they start processes as other users (JupyterHub's spawner, sshd, cron) or are the init system. */
const NEEDS_ROOT = /(^|[\s"'/[])(jupyterhub|sshd|crond?|systemd)\b|\/sbin\/init\b/;

export const rootUser = rule({
  id: 'root-user', severity: 'warning', hadolint: ['DL3002'], reach: 'file', shipped: true,
  explain: () => [
    t('When the final image runs as root, a process that escapes its application has full control inside the container. Switch to an unprivileged user with USER at the end of the last stage.'),
    t('Reported when the last stage switches to root to run something and never switches back, the usual slip with base images whose own user is unprivileged. A USER root followed only by ENTRYPOINT or CMD, an entrypoint that steps down with gosu, su-exec or setpriv, or a server that drops its own privileges (apache, nginx, php-fpm) is taken as deliberate, as are servers that need root to start processes as other users or to be the init system (JupyterHub, sshd, cron, systemd), and process managers such as supervisord and s6, which start each program as its configured user.'),
    t('On an official image that runs as root itself (node, python, debian), USER root changes nothing, and an image without the line, which runs as root all the same, is not reported: there it is information.'),
  ],
}, (ctx) => {
  const last = ctx.a.doc.stages[ctx.a.doc.stages.length - 1];
  const users = last?.instructions.filter((i) => i.upper === 'USER') ?? [];
  const final = users[users.length - 1];
  if (!final?.words[0] || !ROOT.test(final.words[0].value)) return;
  // The bug is switching to root to install something and never switching back. A USER root
  // followed only by ENTRYPOINT, CMD and the like chooses root for run time on purpose; so does
  // an entrypoint that steps down (gosu, su-exec...) or a server that drops its own privileges.
  if (!last!.instructions.some((i) => i.index > final.index && i.upper === 'RUN') || STEPS_DOWN.test(ctx.a.text) || PROCESS_MANAGER.test(ctx.a.text)) return;
  // What the image runs, or is: its CMD and ENTRYPOINT, and the image it is built FROM.
  if (last!.instructions.some((i) => (i.upper === 'CMD' || i.upper === 'ENTRYPOINT' || i.upper === 'FROM') && NEEDS_ROOT.test(i.logical))) return;
  // On an official image that runs as root itself (node, python, debian), USER root changes
  // nothing: the image runs as root as one without the line does, which is not reported at all.
  // Still worth knowing, not the slip this rule is about (rounds 7-18: 7 of 18 findings true).
  const base = repositoryAndTag(ctx.a.rootImage(last!))?.repository;
  const rootAlready = base !== undefined && OFFICIAL_IMAGES.has(base) && !UNPRIVILEGED_OFFICIAL.has(base);
  ctx.report(final.args, t('The image ends up running as root; switch to an unprivileged user.'), rootAlready ? { severity: 'information' } : undefined);
});

export const userNotNumeric = rule({
  id: 'user-not-numeric', reach: 'instruction', severity: 'hint', hadolint: ['DL3066'],
  explain: () => [t('Kubernetes can only check runAsNonRoot when the image\'s user is a number. USER 1000:1000 works everywhere; a name works too but hides whether it is root.')],
}, (ctx) => {
  for (const i of ctx.scope.instructions) {
    const word = i.upper === 'USER' ? i.words[0] : undefined;
    if (!word || word.value.includes('$') || /^\d+(:\d+)?$/.test(word.value) || ROOT.test(word.value)) continue;
    // Windows has no numeric user ids: ContainerUser and ContainerAdministrator are the names.
    const stage = ctx.a.doc.stages[i.stage];
    if (stage && ctx.a.family(stage) === 'windows') continue;
    ctx.report(word.span, t('USER {0} is a name; a numeric uid (such as 1000) lets orchestrators verify it is not root.', word.value));
  }
});

const CREATES_USER = new Set(['useradd', 'adduser', 'groupadd', 'addgroup']);
/** Users that common base images already have. */
const SYSTEM_USERS = new Set([
  'nobody', 'daemon', 'bin', 'sys', 'www-data', 'nginx', 'node', 'postgres', 'redis', 'mysql', 'mongodb', 'nonroot',
  'guest', 'mail', 'news', 'proxy', 'backup', 'list', 'irc', '_apt', 'sshd', 'ftp', 'apache', 'tomcat', 'jenkins',
  'rabbitmq', 'elasticsearch', 'memcache', 'ubuntu', 'app', 'operator', 'games', 'lp', 'uucp', 'man', 'sync',
]);

/**
 * Official images whose users are the ones above: a USER of another name on them, with nothing in
 * the stage that may add users, names no user (round 62: USER openclaw on node, after npm install -g).
 */
const KNOWN_USER_IMAGES = new Set(['node', 'python', 'golang', 'debian', 'ubuntu', 'alpine', 'nginx', 'httpd', 'php', 'ruby', 'rust', 'eclipse-temurin', 'openjdk', 'amazoncorretto', 'busybox']);
/** Commands that may add users: system package managers (a package's own user), scripts, and what runs them. */
const MAY_ADD_USERS = /^(apt-get|apt|aptitude|apk|yum|dnf|microdnf|zypper|dpkg|rpm|sh|bash|dash|ash|source|\.|eval|make|chpasswd|newusers|vipw)$/;

/** Groups that common base images already have, besides their users' own. */
const SYSTEM_GROUPS = new Set([...SYSTEM_USERS, 'nogroup', 'users', 'staff', 'adm', 'wheel', 'sudo', 'tty', 'disk', 'video', 'audio', 'shadow', 'utmp', 'dialout', 'plugdev', 'netdev', 'root']);

/** The --chown value of a COPY or ADD, where it names a user or group literally. */
function chownOf(i: Instruction): { value: string; span: Span } | undefined {
  if (i.upper !== 'COPY' && i.upper !== 'ADD') return undefined;
  const flag = i.flags.find((f) => f.name === 'chown');
  return flag?.value && !flag.value.includes('$') && flag.valueSpan ? { value: flag.value, span: flag.valueSpan } : undefined;
}

export const userNotCreated = rule({
  id: 'user-not-created', severity: 'warning',
  explain: () => [
    t('USER must name a user that exists in the image when the container starts; otherwise docker run fails with "unable to find user". COPY --chown and ADD --chown must name a user and group that exist when they run; otherwise the build stops ("unable to convert uid/gid chown string to host mapping").'),
    t('This is checked when the stage starts from scratch or creates its users itself (useradd or adduser), and the named user is created by none of its RUN instructions; and on official images whose users are known (node, python, golang, nginx, debian, alpine...) where nothing in the stage may add one: no system package install, script, COPY --from or ADD.'),
  ],
}, (ctx) => {
  const a = ctx.a;
  for (const stage of ctx.scope.stages) {
    // The chain is read only for a stage with a USER or a --chown that names a user.
    if (!stage.instructions.some((i) => (i.upper === 'USER' && i.words[0] && !i.words[0].value.includes('$')) || chownOf(i))) continue;
    const created = new Set<string>();
    let createsUsers = false;
    let copiesPasswd = false;
    // A name made from a variable the Dockerfile sets (ENV USER=docker, adduser "${USER}": round 46),
    // put in; one whose value is not known may be any name, and nothing is told for the stage.
    let createsUnknown = false;
    let mayAddUsers = false;
    for (const s of a.chainOf(stage)) {
      for (const i of s.instructions) {
        if ((i.upper === 'COPY' || i.upper === 'ADD') && /\/etc\/passwd/.test(i.argText)) copiesPasswd = true;
        // COPY --from=rootfs /root-out/ / (or / /) brings a whole file system, /etc/passwd with it.
        if ((i.upper === 'COPY' || i.upper === 'ADD') && i.flags.some((f) => f.name === 'from') && /^\/?$/.test(i.words[i.words.length - 1]?.value ?? '')) copiesPasswd = true;
        if ((i.upper === 'COPY' || i.upper === 'ADD') && (i.flags.some((f) => f.name === 'from') || i.upper === 'ADD')) mayAddUsers = true;
        if (i.upper !== 'RUN') continue;
        const info = a.shell(i);
        if (!info || info.summary.error) mayAddUsers = true;
        for (const c of info?.summary.commands ?? []) {
          const command = cmd(c);
          // A program run by its path (./install, /setup.sh) may do anything.
          if (MAY_ADD_USERS.test(command.name) || (c.words[0]?.text ?? '').includes('/') || command.name.endsWith('.sh')) mayAddUsers = true;
          if (!CREATES_USER.has(command.name)) continue;
          createsUsers = true;
          for (const w of command.args) {
            if (w.text.startsWith('-')) continue;
            if (!w.text.includes('$')) {
              created.add(w.text);
              continue;
            }
            const visible = a.variables.visibleAt(i);
            const name = w.text.replace(/\$\{(\w+)\}|\$(\w+)/g, (whole, braced: string | undefined, bare: string | undefined) => visible.get((braced ?? bare)!)?.value ?? whole);
            if (name.includes('$')) createsUnknown = true;
            else created.add(name);
          }
        }
        if (/\/etc\/passwd/.test(i.argText)) copiesPasswd = true;
      }
    }
    const scratch = a.rootImage(stage) === 'scratch';
    const image = repositoryAndTag(a.rootImage(stage))?.repository;
    // An official image whose users are known, where nothing may have added one.
    const known = !scratch && !createsUsers && !mayAddUsers && image !== undefined && KNOWN_USER_IMAGES.has(image);
    // Windows users are made with net user, and ContainerUser exists in every image.
    if ((!scratch && !createsUsers && !known) || copiesPasswd || createsUnknown || a.family(stage) === 'windows') continue;
    for (const i of stage.instructions) {
      // COPY --chown=nextjs:nodejs where the stage made the group avilatek (round 39): the build stops there.
      const chown = known ? undefined : chownOf(i);
      if (chown) {
        const [user, group] = chown.value.split(':');
        const unknown = (name: string | undefined, system: Set<string>) => name !== undefined && name !== '' && !/^\d+$/.test(name) && name !== 'root' && !created.has(name) && (scratch || !system.has(name));
        const missing = unknown(user, SYSTEM_USERS) ? user! : unknown(group, SYSTEM_GROUPS) ? group! : undefined;
        if (missing !== undefined) {
          ctx.report(chown.span, scratch
            ? t('{0} does not exist in an image built from scratch, so --chown stops the build ("unable to convert uid/gid chown string to host mapping"); use numeric ids or copy /etc/passwd and /etc/group first.', missing)
            : t('No RUN in this stage creates {0} (it creates other users and groups), so --chown stops the build ("unable to convert uid/gid chown string to host mapping"). Check the name.', missing));
        }
        continue;
      }
      const word = i.upper === 'USER' ? i.words[0] : undefined;
      if (!word || word.value.includes('$')) continue;
      const user = word.value.split(':')[0]!;
      if (/^\d+$/.test(user) || user === 'root' || created.has(user) || (!scratch && SYSTEM_USERS.has(user))) continue;
      ctx.report(word.span, scratch
        ? t('The user {0} does not exist in an image built from scratch; use a numeric uid or copy /etc/passwd.', user)
        : known
        ? t('{1} has no user {0}, and nothing in this stage creates one: the container does not start ("unable to find user {0}"). Create it first (RUN useradd -m {0}, or adduser -D {0} on Alpine), or use a user the image has.', user, a.rootImage(stage))
        : t('No RUN in this stage creates the user {0} (it creates other users). Check the name.', user));
    }
  }
});

export const missingHealthcheck = rule({
  id: 'missing-healthcheck', severity: 'off', hadolint: ['DL3057'], reach: 'file',
  explain: () => [t('A HEALTHCHECK lets Docker and orchestrators see whether the service inside is actually working, not just running.')],
}, (ctx) => {
  const stages = ctx.a.doc.stages;
  const last = stages[stages.length - 1];
  if (last && !stages.some((s) => s.instructions.some((i) => i.upper === 'HEALTHCHECK'))) {
    ctx.report(last.from.keywordSpan, t('The image defines no HEALTHCHECK.'));
  }
});

/** The items of each CMD, ENTRYPOINT and RUN in the exec form (ONBUILD ones too). */
function* execForms(ctx: RuleContext): Generator<Word[]> {
  for (const i of ctx.scope.instructions) {
    const target = i.trigger ?? i;
    if (['CMD', 'ENTRYPOINT', 'RUN'].includes(target.upper) && target.exec) yield target.exec.items;
  }
}

/** Shells whose first operand, without -c, is the name of a script file to run. */
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh']);

export const execShellWithoutC = rule({
  id: 'exec-shell-without-c', reach: 'instruction', severity: 'error',
  explain: () => [
    t('In the exec form a shell is given its arguments as they are: without -c, its first operand is the name of a script file to read. ["/bin/bash", "ls -la"] looks for a file called "ls -la" and fails ("No such file or directory"), so the container exits at once, or the build step fails.'),
    t('Put -c before the command: ["/bin/bash", "-c", "ls -la"]. An operand that names a script (entrypoint.sh, ./run, /scripts/start) is left alone.'),
  ],
}, (ctx) => {
  for (const items of execForms(ctx)) {
    const [shell, ...rest] = items;
    if (!shell || !SHELLS.has(shell.value.split('/').pop()!)) continue;
    // Options before the operand: one with c (-c, -ec, -xc) makes the operand the command;
    // -o and -O take the next word (-o pipefail); -- ends the options.
    let k = 0;
    let command = false;
    while (k < rest.length && rest[k]!.value.startsWith('-') && rest[k]!.value !== '-') {
      const option = rest[k]!.value;
      if (option === '--') {
        k++;
        break;
      }
      if (/^-[a-zA-Z]*c[a-zA-Z]*$/.test(option)) command = true;
      k += option === '-o' || option === '-O' ? 2 : 1;
    }
    if (command) continue;
    const operand = rest[k];
    // A command line, not a file name: words and spaces, or shell syntax.
    if (!operand || !/\s|[;&|$`<>]/.test(operand.value.trim()) || /\.(sh|bash)$/.test(operand.value.trim())) continue;
    ctx.report(operand.span, t('{0} reads "{1}" as the name of a script file, not as a command: put "-c" before it.', shell.value, operand.value), {
      data: { replacement: `"-c", ${operand.raw}`, span: operand.span },
    });
  }
});

/** Text only a shell understands: operators, quotes, expansions, globs. */
const SHELL_SYNTAX = /[;&|<>$`'"*?(){}\\~]/;

/**
 * `CMD ["ruby bot.rb"]`: the exec form's first item is the program itself, passed to exec as it
 * is, so Docker looks for a program whose name is the whole text, spaces included (round 21's
 * miss). A CMD under an ENTRYPOINT is the entrypoint's arguments (["sh", "-c"] makes one string
 * right), so it is judged only on an official image with no ENTRYPOINT of the file's own; Windows
 * joins the items into one command line, where the space is fine.
 */
export const execFormOneString = rule({
  id: 'exec-form-one-string', severity: 'error',
  explain: () => [
    t('In the exec form (a JSON array) the first item is the program, run without a shell: Docker looks for a program whose name is the whole item, spaces included. CMD ["ruby bot.rb"] looks for a program named "ruby bot.rb" and the container stops at once (\'exec: "ruby bot.rb": executable file not found in $PATH\'); RUN ["apt-get update"] stops the build the same way.'),
    t('Write each word as its own item: CMD ["ruby", "bot.rb"]. A command with shell syntax (&&, a pipe, $VAR) needs a shell: ["sh", "-c", "cd app && ./run"], or the shell form. A CMD under an ENTRYPOINT is its arguments (["sh", "-c"] takes one string), so it is judged only on an official image with no ENTRYPOINT in the file; Windows images are not judged.'),
  ],
}, (ctx) => {
  const a = ctx.a;
  for (const instruction of ctx.scope.instructions) {
    const i = instruction.trigger ?? instruction;
    if ((i.upper !== 'CMD' && i.upper !== 'ENTRYPOINT' && i.upper !== 'RUN') || !i.exec) continue;
    const first = i.exec.items[0];
    const stage = a.doc.stages[instruction.stage];
    if (!first || !/\s/.test(first.value) || !stage || a.isWindows(stage)) continue;
    const text = first.value.trim();
    if (!text || text.startsWith('-')) continue;
    if (i.upper === 'CMD' && (entrypointOf(a, stage) || a.rootImage(stage).includes('/'))) continue;
    const family = a.family(stage);
    const words = text.split(/\s+/);
    const shell = SHELL_SYNTAX.test(text);
    // Words become items; a shell command runs through sh -c where the image has a shell and nothing follows.
    const fix = !shell ? words.map((w) => JSON.stringify(w)).join(', ')
      : i.exec.items.length === 1 && family !== 'distroless' && family !== 'scratch' ? `"sh", "-c", ${JSON.stringify(text)}` : undefined;
    const message = words.length === 1
      ? t('Docker runs "{0}" as the program, spaces included, and finds none of that name: remove the spaces around {1}.', first.value, text)
      : shell
        ? t('Docker runs "{0}" as the name of one program, spaces included, and finds none (\'executable file not found\'). It is a shell command: run it through a shell, {1}, or write the shell form.', first.value, `["sh", "-c", ${JSON.stringify(text)}]`)
        : t('Docker runs "{0}" as the name of one program, spaces included, and finds none (\'executable file not found\'): write each word as its own item, {1}.', first.value, `[${fix}]`);
    ctx.report(first.span, message, fix ? { data: { replacement: fix, span: first.span } } : undefined);
  }
});

/** Options whose value is a script the program parses itself (sh -c, python -c, node -e, pwsh -Command): quotes in it are the script's. */
const SCRIPT_OPTIONS = /^(-[a-zA-Z]*c|-e|--eval|--command|-Command|\/[cC]|-p|--print)$/;

/**
 * An exec-form argument wrapped in quotes ("'daemon off;'"), or an option and its quoted value in
 * one item ("-r 'https://...'"), split and unquoted for the fix; undefined when there is none.
 */
function quotedArgument(value: string): string[] | undefined {
  const whole = /^(['"])(.*)\1$/s.exec(value);
  if (whole && value.length > 2) return [whole[2]!];
  const option = /^(-{1,2}[A-Za-z][\w.-]*)([= ])(['"])(.*)\3$/s.exec(value);
  if (!option) return undefined;
  return option[2] === '=' ? [`${option[1]}=${option[4]}`] : [option[1]!, option[4]!];
}

export const execFormQuotes = rule({
  id: 'exec-form-quotes', reach: 'instruction', severity: 'warning',
  explain: () => [
    t('The exec form runs the program without a shell, so nothing removes quotes: ["nginx", "-g", "\'daemon off;\'"] hands nginx the quote characters too, and it refuses the directive. An option and its value in one item ("-r \'https://...\'") reach the program as one argument, quotes and space included.'),
    t('Write each argument as its own item, without quotes of its own: ["nginx", "-g", "daemon off;"], ["install2.r", "-r", "https://..."]. The value of an option that takes a script (-c, -e, --eval) is left alone: its quotes belong to the script.'),
  ],
}, (ctx) => {
  for (const items of execForms(ctx)) {
    for (let k = 1; k < items.length; k++) {
      const item = items[k]!;
      if (SCRIPT_OPTIONS.test(items[k - 1]!.value)) continue;
      const parts = quotedArgument(item.value);
      if (!parts) continue;
      ctx.report(item.span, t('In the exec form no shell removes these quotes: {0} receives {1} with the quote characters in it.', items[0]!.value, item.value), {
        data: { replacement: parts.map((part) => JSON.stringify(part)).join(', '), span: item.span },
      });
    }
  }
});

/** Programs that start the one after them (and the words they take first): the program whose arguments these are comes later. */
const LAUNCHERS: Record<string, number> = { tini: 0, 'tini-static': 0, 'dumb-init': 0, gosu: 1, 'su-exec': 1, chpst: 0, exec: 0, nohup: 0, time: 0, env: 0 };
/** Programs whose first operand is a program of their own language, where $NAME is that language's. */
const CODE_TAKERS = new Set(['awk', 'gawk', 'mawk', 'nawk', 'jq', 'yq', 'sed', 'perl', 'envsubst', 'sqlite3', 'psql', 'mysql', 'xargs', 'find']);
/** An environment variable as the shell writes it: $NAME or ${NAME...}, upper-case names only (lower-case $x is often a language's own). */
const ENV_REFERENCE = /(?<![\\\w$])\$(\{[A-Z_][A-Z0-9_]*(?:[:?+=-][^}]*)?\}|[A-Z_][A-Z0-9_]*\b)/;

/**
 * The item of an exec form with a variable in it that nothing will replace, and the program that
 * receives it; undefined when a shell (or a program of its own language) reads the items.
 */
function unexpandedVariable(items: readonly Word[]): { item: Word; reference: string; program: string } | undefined {
  let k = 0;
  while (k < items.length) {
    const name = items[k]!.value.split('/').pop()!;
    if (name === '--' || /^[A-Za-z_][A-Za-z0-9_]*=/.test(items[k]!.value)) k++;
    else if (name in LAUNCHERS) k += 1 + LAUNCHERS[name]!;
    else break;
  }
  const program = items[k]?.value.split('/').pop();
  if (!program || SHELLS.has(program) || CODE_TAKERS.has(program) || program.startsWith('-')) return undefined;
  for (let j = k + 1; j < items.length; j++) {
    const item = items[j]!;
    if (SCRIPT_OPTIONS.test(items[j - 1]!.value) || /^-[a-z]*c$/.test(items[j - 1]!.value) || (program.startsWith('php') && items[j - 1]!.value === '-r')) continue;
    const found = ENV_REFERENCE.exec(item.value);
    if (!found) continue;
    // caddy's {$NAME}, and Spring's ${name} placeholders in a Java program's properties, which the program fills in itself.
    if (item.value[found.index - 1] === '{') continue;
    if ((program === 'java' || program.endsWith('.jar')) && found[0].startsWith('${') && /^-(D|-)[^=]+=/.test(item.value)) continue;
    return { item, reference: found[0], program: items[k]!.value };
  }
  return undefined;
}

/**
 * `CMD ["uvicorn", "main:app", "--port", "$PORT"]`: the exec form runs the program without a
 * shell, and BuildKit does not expand variables in RUN, CMD or ENTRYPOINT, so the program gets
 * the text $PORT. A classic of images moved to a platform that sets PORT.
 */
export const execFormVariable = rule({
  id: 'exec-form-variable', severity: 'warning',
  explain: () => [
    t('The exec form (a JSON array) runs the program without a shell, and Docker replaces variables only in instructions such as ENV, COPY and WORKDIR, never in RUN, CMD or ENTRYPOINT. So in CMD ["gunicorn", "-b", "0.0.0.0:$PORT", "app:app"] gunicorn receives the text 0.0.0.0:$PORT, not the port, and fails or listens somewhere else.'),
    t('Run the command through a shell that replaces it: CMD ["sh", "-c", "exec gunicorn -b 0.0.0.0:$PORT app:app"] (exec keeps the program as process 1, to receive stop signals), or write the shell form. Not reported where a shell or an entrypoint script reads the items, for programs that take code of their own (awk, jq, perl, envsubst), caddy\'s {$NAME}, or Spring\'s ${name} placeholders in a Java program\'s properties.'),
  ],
}, (ctx) => {
  const a = ctx.a;
  for (const instruction of ctx.scope.instructions) {
    const i = instruction.trigger ?? instruction;
    if ((i.upper !== 'CMD' && i.upper !== 'ENTRYPOINT' && i.upper !== 'RUN') || !i.exec) continue;
    const stage = a.doc.stages[instruction.stage];
    if (!stage || a.isWindows(stage)) continue;
    let items = i.exec.items;
    if (i.upper === 'CMD') {
      // CMD's items are the entrypoint's arguments: judged with an entrypoint that is a program, not with a script that may expand them.
      const entrypoint = entrypointOf(a, stage);
      if (entrypoint) {
        const program = entrypoint.exec?.items[0]?.value;
        if (!program || /\.(sh|bash)$|entrypoint|start|run|init|wrapper|launch/i.test(program) || entrypoint.exec!.items.length > 1) continue;
        items = [...entrypoint.exec!.items, ...items];
      } else if (a.rootImage(stage).includes('/') || items[0]?.value.startsWith('-')) continue;
    }
    const found = unexpandedVariable(items);
    if (!found || !i.exec.items.includes(found.item)) continue;
    const family = a.family(stage);
    ctx.report(found.item.span, family === 'distroless' || family === 'scratch'
      ? t('No shell runs the exec form, so {0} receives the text {1}, not the variable\'s value. This image has no shell to replace it: have the program read the variable itself.', found.program, found.reference)
      : t('No shell runs the exec form, so {0} receives the text {1}, not the variable\'s value. Run it through a shell: ["sh", "-c", "exec ..."], or write the shell form.', found.program, found.reference));
  }
});

/**
 * `CMD "npm start"`, `RUN "apt-get update"`: the shell form hands the line to /bin/sh, which reads
 * a quoted string as one word, so it looks for a program named "npm start" and stops ("not
 * found"). Quotes belong around one argument, or the exec form is JSON (round 11's miss).
 */
export const quotedShellCommand = rule({
  id: 'quoted-shell-command', reach: 'instruction', severity: 'error',
  explain: () => [
    t('In the shell form, RUN, CMD and ENTRYPOINT hand their line to /bin/sh -c. A line that is one quoted string, such as CMD "npm start", is one word to the shell: it looks for a program named "npm start" and stops with "not found" (exit 127).'),
    t('Leave the quotes out (CMD npm start), or write the exec form, a JSON array with one item per word: CMD ["npm", "start"].'),
  ],
}, (ctx) => {
  for (const instruction of ctx.scope.instructions) {
    const i = instruction.trigger ?? instruction;
    if ((i.upper !== 'RUN' && i.upper !== 'CMD' && i.upper !== 'ENTRYPOINT') || i.exec || i.heredocs.length > 0 || i.words.length !== 1) continue;
    const raw = i.words[0]!.raw;
    const quoted = /^(["'])(.*)\1$/s.exec(raw);
    if (!quoted || !/\S\s+\S/.test(quoted[2]!) || quoted[2]!.trim().startsWith('[') || stageHasShell(ctx.a, ctx.a.doc.stages[instruction.stage] ?? ctx.a.doc.stages[0]!, instruction)) continue;
    ctx.report(i.words[0]!.span, t('The shell reads {0} as one word and looks for a program of that name, so this stops with "not found". Leave out the quotes, or use the exec form: {1}.', raw, `[${quoted[2]!.trim().split(/\s+/).map((w) => JSON.stringify(w)).join(', ')}]`), {
      data: { replacement: quoted[2]!, span: i.words[0]!.span },
    });
  }
});

/**
 * `HEALTHCHECK CMD curl -f http://localhost/ || exit 0`: the script ends in a command that cannot
 * fail, so the check passes whatever the probe found (see healthcheckScript.ts).
 */
export const healthcheckAlwaysPasses = rule({
  id: 'healthcheck-always-passes', reach: 'instruction', severity: 'warning',
  explain: () => [
    t('A health check reports healthy when its command exits 0. When the script ends with || exit 0, || true, || echo ... or ; true, that last command decides the exit status, and it cannot fail: the check passes even when the probe before it fails, so the container never turns unhealthy and nothing waiting for it (compose\'s service_healthy, an orchestrator) learns that it is down.'),
    t('End with || exit 1, or leave the probe\'s own status: HEALTHCHECK CMD curl -fsS http://localhost:8080/health || exit 1.'),
  ],
}, (ctx) => {
  for (const instruction of ctx.scope.instructions) {
    const i = instruction.trigger ?? instruction;
    if (i.upper !== 'HEALTHCHECK' || i.words[0]?.value.toUpperCase() !== 'CMD') continue;
    if (i.exec) {
      // ["CMD", "sh", "-c", "..."] in the exec form: the script given to the shell.
      const script = i.exec.items[shellScriptIndex(i.exec.items.map((w) => w.value))];
      const found = script && alwaysPasses(script.value);
      if (script && found) ctx.report(script.span, t('This health check always passes: its script ends with {0}, which exits 0 even when the probe before it fails. End it with || exit 1.', found.tail));
      continue;
    }
    // The script's text alone: alwaysPasses reads it without the shell parser.
    if (!/\|\||;/.test(i.argText)) continue;
    const source = shellSource(ctx.a.doc, instruction);
    const found = source && alwaysPasses(source.text);
    if (source && found) ctx.report(toDocSpan(source, found.start, found.start + found.tail.length), t('This health check always passes: its script ends with {0}, which exits 0 even when the probe before it fails. End it with || exit 1.', found.tail));
  }
});

/**
 * `HEALTHCHECK CMD curl -f http://localhost:3000` on node:16-alpine: the Alpine and slim images, the
 * official database and server images carry no curl (Alpine's only BusyBox's wget), so the check
 * fails every time and the container never turns healthy (round 31: a React app served on
 * node:16-alpine). The image is the stage's root official image; any mention of the tool in the
 * Dockerfile's other instructions (an install) or a COPY --from or ADD is taken as bringing it, as
 * compose's compose-healthcheck-no-tool does.
 */
export const healthcheckNoTool = rule({
  id: 'healthcheck-no-tool', severity: 'warning',
  explain: () => [
    t('A HEALTHCHECK runs inside the container, with the programs of its image. The Alpine and slim variants of the language images (node:20-alpine, python:3.12-slim) and the official database and server images have no curl, and the Debian ones no wget either: the check stops with "curl: not found" every time, the container stays unhealthy, and whatever waits for it (compose\'s service_healthy, an orchestrator) never goes on.'),
    t('Install the tool in the image, or check with what it has: wget -qO- on Alpine (BusyBox has it), node -e "fetch(...)" on node, python -c "import urllib.request; ..." on python. Reported where the stage is built on an official image known to lack the tool and nothing else in the Dockerfile names it or copies programs in. The same holds for the old mongo shell on the official mongo images from 6.0 on, which carry only mongosh, and for ps and pgrep (procps), ss (iproute2) and netstat (net-tools): Debian\'s images and the slim language images have none of these packages (BusyBox on Alpine has ps, pgrep and netstat).'),
  ],
}, (ctx) => {
  const a = ctx.a;
  if (!/\b(curl|wget|mongo|ps|pgrep|pkill|ss|netstat)\b/.test(a.text)) return;
  for (const stage of ctx.scope.stages) {
    for (const i of stage.instructions) {
      if (i.upper !== 'HEALTHCHECK' || i.words[0]?.value.toUpperCase() !== 'CMD') continue;
      const script = i.exec ? i.exec.items.map((w) => w.value).join(' ') : i.argText.slice(i.argText.indexOf(i.words[0]!.raw) + i.words[0]!.raw.length);
      if (runsLegacyMongoShell(script)) {
        const chain = [...a.chainOf(stage)];
        const image = a.baseImageRef(chain[chain.length - 1] ?? stage);
        if (lacksLegacyMongoShell(image) && !chain.some((s) => s.instructions.some((o) => o !== i && MONGO_SHELL_PACKAGE.test(o.argText)))) {
          ctx.report(i.args, t('{0} has no mongo, the old shell that MongoDB 6.0 removed (its images carry mongosh): the health check fails every time and the container never turns healthy. Check with mongosh --quiet --eval "db.adminCommand(\'ping\')".', image));
        }
        continue;
      }
      const program = /^\s*(?:(?:\/usr)?\/s?bin\/)?(curl|wget|ps|pgrep|pkill|ss|netstat)(?=\s|$)/.exec(script)?.[1] as 'curl' | 'wget' | 'ps' | 'pgrep' | 'pkill' | 'ss' | 'netstat' | undefined;
      if (!program) continue;
      // ps and pgrep come with procps, ss with iproute2, netstat with net-tools (rounds 81 and 82: pgrep and ss on python:3.12-slim).
      const pkg = packageOfProgram(program);
      const chain = [...a.chainOf(stage)];
      const image = a.baseImageRef(chain[chain.length - 1] ?? stage);
      if (lacksTool(image, program) !== true) continue;
      const mention = new RegExp(`\\b(${program}${pkg ? `|${pkg}` : ''})\\b`);
      // A COPY --from brings programs where it copies a bin folder (or all in it) or a whole file
      // system, or the program by name; not an app's build output (round 42: COPY --from=builder
      // /app/dist ./dist beside a curl check), nor other programs by name (round 82: uv's /uv /uvx
      // into /bin/ beside an ss check).
      const copiesProgram = (o: Instruction) => o.upper === 'COPY' && o.flags.some((f) => f.name === 'from')
        && copyArgs(o).sources.some((w) => /(^|\/)s?bin(\/\*?)?$|^\/$/.test(w.value) || w.value.split('/').pop() === program);
      // (The whole instruction is read: an install in a heredoc's script too, round 85.)
      const brings = chain.some((s) => s.instructions.some((o) => o !== i && (mention.test(o.heredocs.length > 0 ? a.text.slice(o.fullSpan.start, o.fullSpan.end) : o.argText) || copiesProgram(o) || o.upper === 'ADD')));
      if (brings) continue;
      const wget = program === 'curl' && lacksTool(image, 'wget') === false;
      if (pkg) {
        ctx.report(i.args, t('{0} has no {1}: it comes with the {2} package, which this image does not have and nothing in this Dockerfile installs. The health check fails every time and the container never turns healthy. Install {2}, or check with a program the image has.', image, program, pkg));
        continue;
      }
      ctx.report(i.args, wget
        ? t('{0} has no {1} (BusyBox gives it wget), and nothing in this Dockerfile installs it: the health check fails every time and the container never turns healthy. Check with wget -qO- http://localhost:PORT/ || exit 1, or install {1}.', image, program)
        : t('{0} has no {1}, and nothing in this Dockerfile installs it: the health check fails every time and the container never turns healthy. Install {1}, or check with a program the image has.', image, program));
    }
  }
});

export const runtimeRules = [quotedShellCommand, multipleInstructions, jsonArgsRecommended, execShellWithoutC, execFormOneString, execFormQuotes, execFormVariable, backgroundServiceCmd, healthcheckAlwaysPasses, healthcheckNoTool, rootUser, userNotNumeric, userNotCreated, missingHealthcheck];
