// Heredocs: one never closed, which makes the rest of the file its body; and heredocs in a file
// with Windows line endings. BuildKit strips the line end of every instruction line, but a
// heredoc's lines reach the build as written, carriage returns included (moby/buildkit issue
// 4282): a script that reads fine in the editor runs with a stray \r on every line.
import { t } from '../../../l10n';
import type { Heredoc, Instruction } from '../../syntax/ast';
import { shellKindOf } from '../../syntax/shell/shellSource';
import { rule } from './rule';

/** What a heredoc with CRLF line ends breaks: the shell reading it, a script it writes, or nothing we can tell. */
type Breaks = { kind: 'shell' } | { kind: 'script'; interpreter: string } | undefined;

function breaks(i: Instruction, heredoc: Heredoc, index: number, posixShell: boolean): Breaks {
  const target = i.trigger ?? i;
  const shebang = /^#!\s*(\S+)/.exec(heredoc.content);
  if (target.upper === 'RUN' && posixShell) {
    const command = target.words.find((w) => !i.heredocs.some((h) => h.marker.start === w.span.start));
    // `RUN <<EOF` runs the first heredoc as the script; `RUN <<EOF bash` and `RUN sh -e <<EOF` feed
    // it to a shell. A script with its own #! for another interpreter is that interpreter's.
    const asScript = command === undefined && index === 0 && (!shebang || shellKindOf(shebang[1]!) !== 'other');
    const toShell = command !== undefined && shellKindOf(command.value) !== 'other' && !command.value.includes('$');
    if (asScript || toShell) return { kind: 'shell' };
  }
  // A file or program that starts with #! is run through that line, which now ends in \r.
  return shebang ? { kind: 'script', interpreter: shebang[1]! } : undefined;
}

export const heredocCrlf = rule({
  id: 'heredoc-crlf', reach: 'instruction', severity: 'warning',
  explain: () => [
    t('BuildKit removes the line ends of instruction lines, but it keeps a heredoc\'s lines as they are in the file. With Windows line endings (CRLF, which Git\'s autocrlf gives on Windows), each line of the heredoc then ends with a carriage return (\\r).'),
    t('A shell reads that \\r as part of the last word of the line: a package named curl\\r is not found, a file gets a \\r at the end of its name, set -e fails, and then, do and fi are not recognised. A script whose first line is #!/bin/sh\\r names an interpreter that does not exist.'),
    t('Save the Dockerfile with LF line endings (in VS Code, click CRLF in the status bar and choose LF), and keep it that way with a .gitattributes line such as: Dockerfile text eol=lf'),
  ],
}, (ctx) => {
  const text = ctx.a.text;
  for (const i of ctx.scope.instructions) {
    if (i.heredocs.length === 0) continue;
    const target = i.trigger ?? i;
    if (target.upper !== 'RUN' && target.upper !== 'COPY' && target.upper !== 'ADD') continue;
    const stage = ctx.a.doc.stages[i.stage];
    if (stage && ctx.a.isWindows(stage)) continue;
    const posixShell = target.upper === 'RUN' && ctx.a.shellKind(i) !== 'other';
    i.heredocs.forEach((heredoc, index) => {
      // A body line's end is the line's, so the character after the body is the last line's \r.
      if (heredoc.body.end <= heredoc.body.start || text.charCodeAt(heredoc.body.end) !== 13) return;
      const what = breaks(i, heredoc, index, posixShell);
      if (what?.kind === 'shell') {
        ctx.report(heredoc.marker, t('This heredoc has Windows line endings (CRLF), and BuildKit keeps them: the shell reads a carriage return at the end of every line, so the last word of each command changes and keywords such as then, do and fi are not recognised. Save the Dockerfile with LF line endings.'));
      } else if (what?.kind === 'script') {
        ctx.report(heredoc.marker, t('This heredoc is a script with Windows line endings (CRLF), and BuildKit keeps them: its first line names the interpreter {0} followed by a carriage return, so running it fails with "no such file or directory". Save the Dockerfile with LF line endings.', what.interpreter));
      }
    });
  }
});

export const heredocUnterminated = rule({
  id: 'heredoc-unterminated', severity: 'error',
  explain: () => [
    t('A heredoc\'s body runs until a line that is exactly its name (after leading tabs, for <<-). When no such line comes, BuildKit stops with "unterminated heredoc", and until then every line after the marker, instructions included, is part of the body: that is why nothing after it is checked.'),
  ],
}, (ctx) => {
  const last = ctx.a.doc.instructions[ctx.a.doc.instructions.length - 1];
  for (const i of ctx.scope.instructions) {
    for (const heredoc of i.heredocs) {
      if (heredoc.terminator) continue;
      // A body cut by the parse budget ends there without its terminator; the limit note says so.
      if (ctx.a.doc.unparsed && i === last) continue;
      ctx.report(heredoc.marker, t('The heredoc {0} is never closed, so the rest of the file is its body and the build stops with "unterminated heredoc". Add a line {1} where its text ends.', ctx.a.text.slice(heredoc.marker.start, heredoc.marker.end), heredoc.name));
    }
  }
});

export const heredocRules = [heredocUnterminated, heredocCrlf];
