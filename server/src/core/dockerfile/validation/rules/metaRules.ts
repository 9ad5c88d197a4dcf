// Rules about the Dockerfile's own conventions: inline suppressions and description comments.
import { t } from '../../../l10n';
import { findSuppressions } from '../suppressions';
import { rule } from './rule';

export const noInlineIgnore = rule({
  id: 'no-inline-ignore', severity: 'off', hadolint: ['DL1001'], reach: 'file',
  explain: () => [t('For teams that want every exception to go through the shared settings: this rule reports each inline ignore comment. It is off unless you turn it on.')],
}, (ctx) => {
  for (const span of findSuppressions(ctx.a.doc).comments) ctx.report(span, t('Inline rule suppression.'));
});

export const definitionDescription = rule({
  id: 'definition-description', severity: 'off', buildkit: 'InvalidDefinitionDescription', reach: 'file',
  explain: () => [t('A comment directly above an ARG or a named FROM can document it for tools that list build arguments and targets. Such a comment should start with the name it describes, for example "# VERSION is the release to install".')],
}, (ctx) => {
  const comments = ctx.a.doc.comments;
  for (const i of ctx.a.doc.instructions) {
    const name = i.upper === 'ARG' ? i.words[0]?.value.split('=')[0] : i.upper === 'FROM' ? i.words[2]?.value : undefined;
    if (!name) continue;
    const line = ctx.a.lines.positionAt(i.span.start).line;
    const above = comments.find((c) => !c.inContinuation && ctx.a.lines.positionAt(c.span.start).line === line - 1);
    if (above && above.text.split(/\s+/)[0] !== name) ctx.report(above.span, t('A comment describing {0} should start with its name.', name));
  }
});

export const metaRules = [noInlineIgnore, definitionDescription];
