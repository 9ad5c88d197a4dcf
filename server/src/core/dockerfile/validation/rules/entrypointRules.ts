// `ENTRYPOINT mix phx.server` with `CMD ["foreground"]`: an ENTRYPOINT in the shell form runs as
// /bin/sh -c "<its text>", and the CMD's items (or docker run's arguments) only follow as the
// shell's $0, $1…, which that text never reads, so the CMD does nothing (Docker's reference says
// so; round 22's miss). Left alone where the entrypoint's text reads its arguments ($@, $*, $1).
import { t } from '../../../l10n';
import type { Instruction, Stage } from '../../syntax/ast';
import type { Analysis } from '../../analysis/analysis';
import { rule } from './rule';

/** Shell text that reads the arguments after it. */
const READS_ARGUMENTS = /\$(\{?[@*#0-9])/;

/** The ENTRYPOINT in force in a stage: its last, or the last of a stage it is built FROM. */
export function entrypointOf(a: Analysis, stage: Stage): Instruction | undefined {
  for (const s of a.chainOf(stage)) {
    const found = s.instructions.filter((i) => i.upper === 'ENTRYPOINT').pop();
    if (found) return found;
  }
  return undefined;
}

/** Whether an instruction is an ENTRYPOINT in the shell form (its text handed to /bin/sh -c). */
export function shellFormEntrypoint(i: Instruction | undefined): boolean {
  return i !== undefined && i.upper === 'ENTRYPOINT' && !i.exec && i.argText.trim() !== '' && !READS_ARGUMENTS.test(i.argText);
}

export const cmdIgnored = rule({
  id: 'cmd-ignored', severity: 'warning', tag: 'unnecessary', namesLines: true,
  explain: () => [
    t('An ENTRYPOINT in the shell form (ENTRYPOINT npm start) runs as /bin/sh -c "npm start". Whatever CMD gives, or docker run adds, only follows as the shell\'s own $0, $1…, which that text never reads: the CMD does nothing, and so do the arguments of docker run and of a compose command.'),
    t('Write the ENTRYPOINT in the exec form (ENTRYPOINT ["npm"] with CMD ["start"]), so that the CMD\'s items are its arguments, or leave the CMD out. An entrypoint whose text reads its arguments ("$@", $1) is left alone.'),
  ],
}, (ctx) => {
  const a = ctx.a;
  for (const stage of ctx.scope.stages) {
    const entrypoint = entrypointOf(a, stage);
    if (!shellFormEntrypoint(entrypoint)) continue;
    const cmd = stage.instructions.filter((i) => i.upper === 'CMD').pop();
    if (!cmd) continue;
    ctx.report(cmd.span, t('The ENTRYPOINT on line {0} is in the shell form, so it never reads this CMD: it runs /bin/sh -c with its own text only. Write the ENTRYPOINT in the exec form (["program", "arg"]) for the CMD to be its arguments, or leave the CMD out.', String(a.lines.positionAt(entrypoint!.span.start).line + 1)));
  }
});

export const entrypointRules = [cmdIgnored];
