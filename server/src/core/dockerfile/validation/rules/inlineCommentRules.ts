// `EXPOSE 8080 # the API`, `WORKDIR /app # code here`, `ENV MODE=prod # or dev`: a Dockerfile has
// comments only on lines of their own, so the # and the words after it are arguments. COPY copies
// files named "#", EXPOSE and FROM refuse the line, ENV and LABEL stop at a word without "=",
// WORKDIR and USER take the comment into the path or the name. RUN, CMD, ENTRYPOINT and
// HEALTHCHECK in shell form hand the line to the shell, where # does start a comment, so they are
// left alone. A learner's slip none of the peers reports.
import { t } from '../../../l10n';
import type { Instruction } from '../../syntax/ast';
import { rule } from './rule';

/**
 * Instructions left alone: those whose shell form goes to a shell, which reads # as a comment, and
 * ARG, where the words only declare more build arguments nobody sets (round 9: 5 such, harmless).
 */
const LEFT_ALONE = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK', 'SHELL', 'ARG']);

/** What the comment's words do to the instruction. */
function effect(i: Instruction): string {
  // ENV NAME value (the old form without "=") takes the rest of the line as the value.
  const keyword = (i.upper === 'ENV' || i.upper === 'LABEL') && !i.words[0]?.raw.includes('=') ? '' : i.upper;
  switch (keyword) {
    case 'COPY': case 'ADD': return t('they are read as more files to copy, and the build stops at a file named "#".');
    case 'EXPOSE': return t('they are read as more ports, and the build stops at "#".');
    case 'FROM': return t('FROM takes an image and AS name only, and the build stops.');
    case 'ENV': case 'LABEL': return t('they are read as more KEY=value pairs, and the build stops at "#", which has no "=".');
    case 'VOLUME': return t('they are read as more volumes to mount.');
    default: return t('they become part of its value.');
  }
}

/**
 * The index of the word where a would-be comment starts (a # standing alone after the first word,
 * as comments are written: `#fff` or `a#b` are values), or -1. Other rules leave those words to
 * this rule's finding, which says what they are (round 60: `EXPOSE {port}  # TODO: your service's
 * port` read as five bad ports, a host:port mapping and an unclosed quote).
 */
export function commentWordIndex(instruction: Instruction): number {
  const i = instruction.trigger ?? instruction;
  if (LEFT_ALONE.has(i.upper) || i.exec || i.heredocs.length > 0) return -1;
  return i.words.findIndex((w, k) => k > 0 && /^#+$/.test(w.raw));
}

export const inlineComment = rule({
  id: 'inline-comment', reach: 'instruction', severity: 'warning',
  explain: () => [
    t('A Dockerfile has comments only on lines that start with #. A # after an instruction\'s arguments is not a comment: EXPOSE 8080 # api asks for the ports 8080, # and api, and COPY a b # note copies files named # and note. The build stops, or worse, goes on with the words in a value (WORKDIR /app # code sets a folder named "/app # code").'),
    t('Put the comment on a line of its own above the instruction. RUN, CMD, ENTRYPOINT and HEALTHCHECK in shell form are left alone: their line goes to the shell, which does read # as a comment. So is ARG, where the words only declare more build arguments.'),
  ],
}, (ctx) => {
  for (const instruction of ctx.scope.instructions) {
    const i: Instruction = instruction.trigger ?? instruction;
    const hash = commentWordIndex(instruction);
    if (hash < 0) continue;
    const word = i.words[hash]!;
    const last = i.words[i.words.length - 1]!;
    const comment = i.words.slice(hash).map((w) => w.raw).join(' ');
    ctx.report({ start: word.span.start, end: last.span.end }, t('A Dockerfile has no comments at the end of a line: "{0}" is part of {1}\'s arguments, and {2} Put the comment on a line of its own.', comment.length > 40 ? `${comment.slice(0, 39)}…` : comment, i.upper, effect(i)));
  }
});

export const inlineCommentRules = [inlineComment];
