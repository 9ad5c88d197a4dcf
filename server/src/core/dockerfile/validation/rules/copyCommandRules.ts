// `cp -r build` or `mv app.jar`: cp and mv need a destination after their sources, and with one
// operand they stop ("cp: missing destination file operand after 'build'"), in a RUN the build and
// in a CMD the container at its start (round 75: `CMD cp -r build`, the destination left out).
// Only where the one operand is a plain word: a variable or a pattern may stand for several.
import { t } from '../../../l10n';
import type { Instruction } from '../../syntax/ast';
import { commandsOf, operands, type RunShell } from './shellCommands';
import { rule } from './rule';

const NEEDS_DESTINATION = new Set(['cp', 'mv']);
/** Options that take the destination themselves, or make the command do something else. */
const OTHER_USE = /^(-[a-zA-Z]*t|--target-directory(=.*)?|--help|--version)$/;
/** Options of cp and mv that take a value as the next word. */
const WITH_VALUE = ['-S', '--suffix', '-t', '--target-directory'];

function message(name: string, operand: string): string {
  return name === 'cp'
    ? t('cp has one operand, {0}, and no destination: it stops with "missing destination file operand". Write where to copy it.', operand)
    : t('mv has one operand, {0}, and no destination: it stops with "missing destination file operand". Write where to move it.', operand);
}

export const cpMissingDestination = rule({
  id: 'cp-missing-destination', reach: 'instruction', severity: 'error',
  explain: () => [
    t('cp and mv copy or move their sources to the destination written last. With a single operand there is no destination, and they stop at once ("cp: missing destination file operand after \'build\'"): in a RUN the build stops, in a CMD or ENTRYPOINT the container exits as it starts.'),
    t('Write the destination (cp -r build /app/result) or use -t <folder>. Not reported where the operand is a variable or a pattern, which may stand for several words.'),
  ],
}, (ctx) => {
  const a = ctx.a;
  for (const i of ctx.scope.instructions) {
    const target: Instruction = i.trigger ?? i;
    if (target.upper !== 'RUN' && target.upper !== 'CMD' && target.upper !== 'ENTRYPOINT') continue;
    if (target.exec) {
      // ["cp", "-r", "build"]: the words as they are, with no shell to expand them.
      const words = target.exec.items;
      const name = words[0]?.value.replace(/^.*\//, '');
      if (!name || !NEEDS_DESTINATION.has(name) || words.some((w) => OTHER_USE.test(w.value))) continue;
      const rest = words.slice(1).filter((w) => !w.value.startsWith('-'));
      if (rest.length === 1 && target.upper !== 'ENTRYPOINT') ctx.report(target.exec.span, message(name, rest[0]!.value));
      continue;
    }
    const info = a.shell(i);
    if (!info || info.summary.error) continue;
    const run: RunShell = { instruction: i, stage: a.doc.stages[i.stage], info };
    for (const c of commandsOf(run)) {
      if (!NEEDS_DESTINATION.has(c.name) || c.raw.words[0]?.text.includes('/') && !/^\/(usr\/)?bin\//.test(c.raw.words[0]!.text)) continue;
      if (c.args.some((w) => OTHER_USE.test(w.text))) continue;
      const ops = operands(c, WITH_VALUE);
      if (ops.length !== 1 || !ops[0]!.literal || /[*?[{]/.test(ops[0]!.text)) continue;
      // After `--` every word is an operand, which operands() does not know: left alone.
      if (c.args.some((w) => w.text === '--')) continue;
      ctx.report(info.span(c.raw.start, c.raw.end), message(c.name, ops[0]!.text));
    }
  }
});

export const copyCommandRules = [cpMissingDestination];
