// `npm install` run in / : the official node images set no WORKDIR, so a Dockerfile without one
// installs in the filesystem's root, where the npm of Node 15 to 17 (npm 7 and 8) stops with
// 'Tracker "idealTree" already exists' (npm/cli#7596 collects the reports; round 18: three
// Dockerfiles, node:16 and node:17-alpine). npm 11 installed in / here, and node:18 now ships npm
// 10, so later releases are not judged. A warning: npm's maintainers say some root installs
// work. The fix is a WORKDIR before the install.
import { t } from '../../../l10n';
import { repositoryAndTag } from '../../../officialImages';
import { BASE_WORKDIR, workdirBefore } from '../../analysis/workdir';
import { commandSpan, commandsOf, hasOption, operands, runShells } from './shellCommands';
import { rule } from './rule';

/** Whether an official node tag runs Node 15 to 17, whose npm (7, 8) refuses /: 15-17, and gallium (16). */
export function nodeWithRootTrouble(reference: string): boolean {
  const ref = repositoryAndTag(reference);
  if (ref?.repository !== 'node') return false;
  const major = /^(\d+)/.exec(ref.tag)?.[1];
  if (major === undefined) return /^gallium\b/.test(ref.tag);
  return Number(major) >= 15 && Number(major) <= 17;
}

export const npmInstallInRoot = rule({
  id: 'npm-install-in-root', severity: 'warning',
  explain: () => [
    t('The official node images set no WORKDIR, so without one a RUN works in /, the filesystem\'s root. The npm of Node 15 to 17 (npm 7 and 8) refuses to install there: npm install and npm ci stop with \'Tracker "idealTree" already exists\', a message that does not say why.'),
    t('Put WORKDIR /app (or another folder) before copying package.json and installing. A global install (-g), one given a --prefix, and one after a cd in the same RUN are left alone, and so are Node 18 and later, whose npm (10 and 11) was seen to install in /.'),
  ],
}, (ctx) => {
  const a = ctx.a;
  if (!/\bnpm\b/.test(a.text)) return;
  for (const run of runShells(ctx)) {
    if (!run.stage || !nodeWithRootTrouble(a.rootImage(run.stage))) continue;
    const cwd = workdirBefore(a, run.stage, run.instruction);
    // The node images' own working directory is / (BASE_WORKDIR: they set none).
    if (cwd !== '/' && cwd !== BASE_WORKDIR) continue;
    for (const c of commandsOf(run)) {
      if (c.name === 'cd') break;
      const sub = operands(c, ['--omit', '--only', '--include'])[0]?.text;
      if (c.name !== 'npm' || !['install', 'i', 'ci', 'clean-install', 'add'].includes(sub ?? '')) continue;
      if (hasOption(c, 'gC', ['--global', '--prefix']) || c.args.some((w) => /^--(prefix|location=global)/.test(w.text))) continue;
      ctx.report(commandSpan(run, c), t('This npm {0} runs in / ({1} sets no WORKDIR), where the npm of Node 15 to 17 stops with \'Tracker "idealTree" already exists\'. Put a WORKDIR such as /app before it.', sub!, a.rootImage(run.stage)));
      break;
    }
  }
});

export const npmRootRules = [npmInstallInRoot];
