// `RUN envsubst < app.conf > app.conf`, `CMD cat config.json > config.json`: the shell empties the
// output file before the command reads it (shellTruncation.ts). In a RUN the layer keeps an empty
// file; in a CMD the container starts with one.
import { t } from '../../../l10n';
import { truncatedReads } from '../../../shellTruncation';
import { rule } from './rule';

export const redirectEmptiesInput = rule({
  id: 'redirect-empties-input', reach: 'instruction', severity: 'error',
  explain: () => [
    t('The shell opens a command\'s output file, and empties it, before the command starts. When the same file is also what the command reads (envsubst < nginx.conf > nginx.conf, cat config.json > config.json, sort list > list), the command reads an empty file and the original is lost: the step leaves an empty file, or the container starts with one.'),
    t('Write to another file and move it over the original (envsubst < app.conf > app.conf.tmp && mv app.conf.tmp app.conf), read from a template (nginx.conf.template), or use an option that edits in place (sed -i).'),
  ],
}, (ctx) => {
  const a = ctx.a;
  for (const i of ctx.scope.instructions) {
    const target = i.trigger ?? i;
    if (target.upper !== 'RUN' && target.upper !== 'CMD' && target.upper !== 'ENTRYPOINT') continue;
    if (!target.argText.includes('>')) continue;
    const info = a.shell(i);
    if (!info) continue;
    for (const found of truncatedReads(info.source.text)) {
      ctx.report(info.span(found.start, found.end), t('The shell empties {0} before the command reads it: the command reads an empty file and the original is lost. Write to another file and move it over {0}.', found.file));
    }
  }
});

export const redirectRules = [redirectEmptiesInput];
