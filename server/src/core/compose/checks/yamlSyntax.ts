// The parser's own findings, each at the range the parser gives: errors (the file cannot be
// read), duplicate keys (a rule of their own, as the most common one), and warnings. A template
// (Jinja's or Go's `{{ … }}`, `{% … %}`, rendered by Ansible, a script or Helm before compose
// reads the result) is not YAML until rendered: once one is recognised (a syntax error on a line
// with template syntax, or a line that starts with a Jinja statement), its YAML errors give way to
// one hint; a quoted `{{ … }}` in a file that parses (Swarm's placeholders) changes nothing.
import { t } from '../../l10n';
import type { CheckContext } from './checkContext';

/** A template engine's placeholder, tag or comment on one line (Jinja, cookiecutter, Go templates). */
export const TEMPLATE = /\{\{[^\n]*?\}\}|\{%[^\n]*?%\}|\{#[^\n]*?#\}/;
const STATEMENT_LINE = /^[ \t]*\{[%#][^\n]*[%#]\}/m;

const QUOTED = /"(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'/g;

/** Whether the line holding `offset`, or the line before it, has template syntax outside quotes. */
function templateAround(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
  const before = text.lastIndexOf('\n', Math.max(0, lineStart - 2)) + 1;
  const end = text.indexOf('\n', offset);
  return TEMPLATE.test(text.slice(before, end < 0 ? text.length : end).replace(QUOTED, ''));
}

const KEY = /^(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|[^:\n#]*?(?=\s*:))/;

export function checkYamlSyntax({ file, out }: CheckContext): void {
  if (file.skipped) {
    out.push({ rule: 'compose-file-skipped', start: 0, end: 0, message: t('This file is too large, too deeply nested or not text, so it was not analysed.') });
    return;
  }
  // One error per unresolved merge conflict; the rest of the file is read with our side of it.
  for (const conflict of file.conflicts) {
    const firstLineEnd = file.text.indexOf('\n', conflict.start);
    const closing = file.lines.positionAt(conflict.end).line + 1;
    out.push({ rule: 'compose-yaml-syntax', start: conflict.start, end: firstLineEnd < 0 ? conflict.end : firstLineEnd, message: t('An unresolved merge conflict: Git\'s markers from here to line {0} are no YAML. Keep the side you want, remove the other and the three marker lines. (The rest of the file is checked with the side above =======.)', String(closing)) });
  }
  const hasTemplate = file.text.includes('{{') || file.text.includes('{%') || file.text.includes('{#');
  const errors = file.problems.filter((p) => p.code !== 'DUPLICATE_KEY' && !p.warning);
  const templated = hasTemplate && errors.length > 0 && (STATEMENT_LINE.test(file.text) || errors.some((p) => templateAround(file.text, p.start)));
  for (const problem of file.problems) {
    // Problems found past the last character written already point at that character (see parseYaml).
    const { start } = problem;
    const end = Math.max(problem.end, start + 1);
    if (problem.code === 'DUPLICATE_KEY' && !templated) {
      // The parser marks the key's first character; cover the whole key.
      const key = KEY.exec(file.text.slice(start, start + 256))?.[0] ?? file.text.slice(start, end);
      out.push({ rule: 'compose-duplicate-key', start, end: start + Math.max(1, key.length), message: t('Duplicate key "{0}": each key may appear only once in a mapping.', key) });
    } else if (templated && !problem.warning) {
      continue;
    } else {
      out.push({ rule: problem.warning ? 'compose-yaml-warning' : 'compose-yaml-syntax', start, end, message: t('YAML: {0}', problem.message) });
    }
  }
  const at = templated ? TEMPLATE.exec(file.text) : null;
  if (at) {
    out.push({
      rule: 'compose-yaml-syntax', start: at.index, end: at.index + at[0].length, severity: 'hint',
      message: t('This file is a template ({0}): another tool renders it before compose reads it, so its YAML errors are not reported. Check the rendered file.', at[0].length > 40 ? `${at[0].slice(0, 37)}…` : at[0]),
    });
  }
}

