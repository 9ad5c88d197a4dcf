// The parser's own findings, each at the range the parser gives: errors (the file cannot be
// read), duplicate keys (a rule of their own, as the most common one), and warnings.
import { t } from '../../l10n';
import type { CheckContext } from './checkContext';

const KEY = /^(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|[^:\n#]*?(?=\s*:))/;

export function checkYamlSyntax({ file, out }: CheckContext): void {
  if (file.skipped) {
    out.push({ rule: 'compose-file-skipped', start: 0, end: 0, message: t('This file is too large, too deeply nested or not text, so it was not analysed.') });
    return;
  }
  for (const problem of file.problems) {
    // Problems found past the last character written already point at that character (see parseYaml).
    const { start } = problem;
    const end = Math.max(problem.end, start + 1);
    if (problem.code === 'DUPLICATE_KEY') {
      // The parser marks the key's first character; cover the whole key.
      const key = KEY.exec(file.text.slice(start, start + 256))?.[0] ?? file.text.slice(start, end);
      out.push({ rule: 'compose-duplicate-key', start, end: start + Math.max(1, key.length), message: t('Duplicate key "{0}": each key may appear only once in a mapping.', key) });
    } else {
      out.push({ rule: problem.warning ? 'compose-yaml-warning' : 'compose-yaml-syntax', start, end, message: t('YAML: {0}', problem.message) });
    }
  }
}

