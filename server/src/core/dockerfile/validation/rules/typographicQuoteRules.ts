// Curly quotes where straight ones were meant: `ENV ASPNETCORE_ENVIRONMENT=”development”` (round
// 20), `RUN pip install “flask”`. Text pasted from a word processor, a chat or a web page brings
// them, and they look like quotes, but neither the Dockerfile nor the shell reads them so: they stay
// in the value, the app runs in an environment named ”development” with the quote characters, and
// pip looks for a package named “flask”. Reported where a value or a shell word begins and ends
// with one (quotes inside straight quotes, such as LABEL description="the “best” app", are text).
// Broken exec forms ([“npm”, “start”]) are invalid-json-form's.
import { t } from '../../../l10n';
import type { Span } from '../../syntax/ast';
import { keyValuesOf } from '../../syntax/words';
import { jsonProblemOf } from './syntaxRules';
import { rule } from './rule';

const OPEN = /^[\u201c\u201d\u201e\u201f\u2033\u2018\u2019\u201a\u201b]/;
const CLOSE = /[\u201c\u201d\u201e\u201f\u2033\u2018\u2019\u201a\u201b]$/;

/** The text between typographic quotes at both ends, when a word is written so. */
function curlyQuoted(raw: string): string | undefined {
  return raw.length >= 2 && OPEN.test(raw) && CLOSE.test(raw) ? raw.slice(1, -1) : undefined;
}

export const typographicQuotes = rule({
  id: 'typographic-quotes', reach: 'instruction', severity: 'warning',
  explain: () => [
    t('Curly quotes (“ ”, ‘ ’), as a word processor, a chat or a web page writes them, are not quotes to Docker or to the shell: they stay part of the text. ENV ASPNETCORE_ENVIRONMENT=”development” sets the value ”development”, quote characters included, and RUN pip install “flask” looks for a package named “flask”.'),
    t('Write straight quotes (" or \'), or none. Curly quotes inside straight ones (LABEL description="the “best” app") are text, as meant, and are left alone.'),
  ],
}, (ctx) => {
  const a = ctx.a;
  const report = (span: Span, raw: string, inner: string) => ctx.report(span, t('{0} is written with curly quotes, which are part of the text here, not quotes: the value keeps them. Write straight quotes ("{1}").', raw, inner), { data: { replacement: `"${inner}"`, span } });
  // One instruction after the other, in document order (an instruction rule).
  for (const i of ctx.scope.instructions) {
    const target = i.trigger ?? i;
    if (target.upper === 'ENV' || target.upper === 'ARG' || target.upper === 'LABEL') {
      for (const pair of keyValuesOf(target, a.doc.escape)) {
        const inner = pair.value ? curlyQuoted(pair.value.raw) : undefined;
        if (inner !== undefined) report(pair.value!.span, pair.value!.raw, inner);
      }
      continue;
    }
    if (target.upper !== 'RUN') continue;
    const info = a.shell(i);
    if (!info || info.summary.error || jsonProblemOf(i)) continue;
    for (const c of info.summary.commands) {
      for (const w of c.words) {
        const span = info.span(w.start, w.end);
        const raw = a.text.slice(span.start, span.end);
        const inner = curlyQuoted(raw);
        if (inner !== undefined && !/\s/.test(inner)) report(span, raw, inner);
      }
    }
  }
});

export const typographicQuoteRules = [typographicQuotes];
