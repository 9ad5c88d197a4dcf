// A shell-form RUN in a stage built FROM scratch: the empty image has no /bin/sh, so BuildKit
// cannot start the command and the build stops (round 15: a learner's `FROM scratch` then
// `RUN mkdir`). Not reported once anything may have brought a shell in: a COPY or ADD earlier in
// the stage or a stage it is built FROM, a RUN mount, or a SHELL instruction.
import { t } from '../../../l10n';
import type { Instruction } from '../../syntax/ast';
import { rule } from './rule';

/** COPY, ADD and SHELL may bring in a shell (COPY --from=busybox /bin/sh, a root file system, a shell named). */
function mayBringShell(i: Instruction): boolean {
  return i.upper === 'COPY' || i.upper === 'ADD' || i.upper === 'SHELL';
}

export const runInScratch = rule({
  id: 'run-in-scratch', severity: 'error',
  explain: () => [
    t('scratch is the empty image: no files at all, so no /bin/sh. A RUN in shell form is run as /bin/sh -c "...", and in a stage built FROM scratch the build stops with "/bin/sh: no such file or directory". (So do an exec-form RUN of a program the stage does not have, and a shell-form CMD when the container starts.)'),
    t('Do the work in a stage built on an image that has the tools (alpine, debian, golang...), then COPY --from that stage only what the final image needs. Folders are made by COPY itself and by WORKDIR, which need no shell.'),
  ],
}, (ctx) => {
  const a = ctx.a;
  for (const stage of ctx.scope.stages) {
    if (a.rootImage(stage) !== 'scratch') continue;
    // One pass, the stages it is built FROM first: reporting stops at the first instruction that may bring a shell.
    if ([...a.chainOf(stage)].some((s) => s !== stage && s.instructions.some(mayBringShell))) continue;
    for (const i of stage.instructions) {
      if (mayBringShell(i) || i.upper === 'RUN' && i.flags.some((f) => f.name === 'mount')) break;
      if (i.upper !== 'RUN' || i.exec) continue;
      ctx.report(i.keywordSpan, t('This stage starts FROM scratch, which has no /bin/sh, so this RUN cannot start and the build stops ("/bin/sh: no such file or directory"). Run it in a stage built on an image with a shell and COPY --from that stage what it makes; WORKDIR makes a folder without one.'));
    }
  }
});

export const scratchRules = [runInScratch];
