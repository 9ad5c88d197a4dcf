// The official nginx image run as an unprivileged USER: its nginx writes its pid file to /var/run
// (/run) and makes its temporary folders under /var/cache/nginx, both root's, so the container
// stops at start ("open() "/var/run/nginx.pid" failed (13: Permission denied)", "mkdir()
// "/var/cache/nginx/client_temp" failed"). Found where a stage switches to USER nginx for safety
// and serves nothing (round 40's frontend, round 49's miss). nginxinc/nginx-unprivileged is the
// image made for it. Reported only where the Dockerfile shows nothing that moves or hands over
// those paths: a RUN that names them, a pid or temp path in the nginx.conf it copies (read from
// the build context; not reported where that file cannot be read), a command of its own.
import { t } from '../../../l10n';
import type { Instruction, Stage } from '../../syntax/ast';
import type { Analysis } from '../../analysis/analysis';
import { buildContextOf } from '../../analysis/buildContext';
import { copyArgs } from '../../analysis/copySources';
import { repositoryAndTag } from '../../../officialImages';
import { userBefore } from './nonRootInstallRules';
import { entrypointOf } from './entrypointRules';
import { rule, type RuleContext } from './rule';

/** The stage's instructions from its chain's root down to itself, in build order. */
function chainInstructions(a: Analysis, stage: Stage): Instruction[] {
  return [...a.chainOf(stage)].reverse().flatMap((s) => s.instructions);
}

/** Whether the command the container starts with is nginx's own (the image's default, or nginx itself). */
function startsNginx(a: Analysis, stage: Stage): boolean {
  const entrypoint = entrypointOf(a, stage);
  if (entrypoint && !/^\s*(\[\s*")?(\/docker-entrypoint\.sh|nginx)\b/.test(entrypoint.argText)) return false;
  let cmd: Instruction | undefined;
  for (const s of a.chainOf(stage)) if ((cmd = s.instructions.filter((i) => i.upper === 'CMD').pop())) break;
  return !cmd || /^\s*(\[\s*")?(\/usr\/sbin\/)?nginx["\s]/.test(`${cmd.argText} `);
}

/** What the nginx.conf a stage copies says, or `unknown` where it copies one that cannot be read, `none` where it copies none. */
function copiedConfig(ctx: RuleContext, instructions: readonly Instruction[]): string | 'unknown' | 'none' {
  let found: string | 'unknown' | 'none' = 'none';
  for (const i of instructions) {
    if (i.upper !== 'COPY' && i.upper !== 'ADD') continue;
    const { sources, dest } = copyArgs(i);
    const to = dest?.value.replace(/\/+$/, '');
    if (to === undefined || !(to === '/etc/nginx' || to === '/etc/nginx/nginx.conf')) continue;
    // A whole folder, another stage's file or a path with a variable: what it holds is not known here.
    if (i.flags.some((f) => f.name === 'from') || sources.length !== 1 || /[$*?[]/.test(sources[0]!.value)) return 'unknown';
    const source = sources[0]!.value.replace(/^\.\//, '');
    const path = to === '/etc/nginx' ? (source.endsWith('nginx.conf') ? source : `${source.replace(/\/+$/, '')}/nginx.conf`) : source;
    const context = buildContextOf(ctx.uri, ctx.files, ctx.facts);
    const text = context && !path.startsWith('/') ? ctx.files.readText(`${context.folderUri}/${path}`) : undefined;
    if (text === undefined) return 'unknown';
    found = text;
  }
  return found;
}

/** A directive's value in nginx.conf text, outside comments. */
function directive(config: string, name: string): string | undefined {
  return new RegExp(`^[ \\t]*${name}[ \\t]+([^;#\\s]+)`, 'm').exec(config)?.[1];
}

export const nginxUnprivilegedUser = rule({
  id: 'nginx-unprivileged-user', severity: 'error', namesLines: true,
  explain: () => [
    t('The official nginx image starts nginx as root: it writes its pid file to /var/run/nginx.pid and makes its temporary folders under /var/cache/nginx, which only root may write. After USER nginx (or any other unprivileged user) the container stops at once: open() "/var/run/nginx.pid" failed (13: Permission denied), or mkdir() "/var/cache/nginx/client_temp" failed.'),
    t('Build FROM nginxinc/nginx-unprivileged, which is made for it (it listens on 8080), or hand those paths to the user before USER (touch /var/run/nginx.pid and chown it and /var/cache/nginx), or point pid and the *_temp_path directives of your nginx.conf to /tmp. Not reported where a RUN, the nginx.conf the stage copies or the command names those paths, or where that nginx.conf cannot be read.'),
  ],
}, (ctx) => {
  const a = ctx.a;
  // The stages being checked only (not the whole text on every edit): the image first, then the user.
  for (const stage of ctx.scope.stages) {
    if (repositoryAndTag(a.rootImage(stage))?.repository !== 'nginx' || !stage.instructions.some((i) => i.upper === 'USER')) continue;
    const user = userBefore(a, stage, Infinity);
    // Reported at the stage's own USER line, once; the stages built FROM it start as that user too.
    if (user.root !== false || !user.at || user.at.stage !== stage.index || !startsNginx(a, stage)) continue;
    const instructions = chainInstructions(a, stage);
    const runs = instructions.filter((i) => i.upper === 'RUN').map((i) => i.argText).join('\n');
    const command = instructions.filter((i) => i.upper === 'CMD' || i.upper === 'ENTRYPOINT').map((i) => i.argText).join('\n');
    const env = instructions.filter((i) => i.upper === 'ENV').map((i) => i.argText).join('\n');
    // The image's entrypoint renders /etc/nginx/templates into /etc/nginx/conf.d, and skips them
    // where the user cannot write there ("/etc/nginx/conf.d is not writable"): round 49's miss.
    const templates = instructions.find((i) => (i.upper === 'COPY' || i.upper === 'ADD') && /^\/etc\/nginx\/templates(\/|$)/.test(copyArgs(i).dest?.value ?? ''));
    // (Told at the COPY only where it is in this stage: a stage's findings stay on its own lines.)
    if (templates && templates.stage === stage.index && !/NGINX_ENVSUBST_OUTPUT_DIR/.test(env) && !/\b(chown|chmod)\b[^;&|\n]*(conf\.d|\/etc\/nginx\/?(\s|$))/m.test(runs) && !templates.flags.some((f) => f.name === 'chown' || f.name === 'chmod')) {
      ctx.report(templates.span, t('The image\'s entrypoint renders /etc/nginx/templates into /etc/nginx/conf.d as the container\'s user, and {0} (USER on line {1}) cannot write there: it skips the templates ("/etc/nginx/conf.d is not writable"), so their server blocks are never made. chown /etc/nginx/conf.d to the user, or set NGINX_ENVSUBST_OUTPUT_DIR to a folder it can write that nginx.conf includes.', user.user ?? '', String(a.lines.positionAt(user.at.span.start).line + 1)), { severity: 'warning' });
    }
    const config = copiedConfig(ctx, instructions);
    if (config === 'unknown') continue;
    const text = config === 'none' ? '' : config;
    const pid = directive(text, 'pid');
    const pidMoved = (pid !== undefined && !/^\/(var\/)?run\//.test(pid)) || /\bpid\b/.test(command) || /nginx\.pid|\/(var\/)?run\b/.test(runs);
    const cacheMoved = /_temp_path\b/.test(text) || /\/var\/cache\/nginx|\bchown\s+(-\S+\s+)*\S+\s+(\/var|\/)(\s|$)/m.test(runs);
    if (pidMoved && cacheMoved) continue;
    const paths = [...(pidMoved ? [] : [pid ?? '/var/run/nginx.pid']), ...(cacheMoved ? [] : ['/var/cache/nginx'])];
    ctx.report(user.at.span, t('nginx of the official nginx image cannot start as {0}: it writes {1}, which only root may, so the container stops ("Permission denied"). Build FROM nginxinc/nginx-unprivileged, or chown those paths to the user before this line (touch the pid file first).', user.user ?? '', paths.length === 2 ? t('{0} and {1}', paths[0]!, paths[1]!) : paths[0]!));
  }
});

export const nginxUserRules = [nginxUnprivilegedUser];
